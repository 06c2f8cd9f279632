"""Surviving automatic mutants reviewed and found equivalent to the reference.

Key: (solution cell's grade_id, the mutated line, stripped). Value: why no
caller can tell it from the reference solution (a message's wording is the
student's own; CPython caches small ints and interns literal strings; a
branch selects the same value at a tie; ...).
"""
EQUIVALENT = {
    # 01_neuron_models
    ("perceptron_train", "w = w + lr / error * x_i"):
        "error is -1 or +1 where it is used, so / error is * error",
    ("perceptron_train", 'f"{np.unique(y)[: 4]}.")'):
        "the wording of an error message is the student's own",
    ("activation", "return np.where(z > 0, z, 0.01 * z)"):
        "at z = 0 both branches give 0",
    ("activation",
     "return np.where(z > 0, z, 1.0 * np.expm1(np.minimum(z, 0.0)))"):
        "at z = 0 both branches give 0 (expm1(0) = 0)",
    ("activation",
     "return np.where(z >= 0, z, 1.0 * np.expm1(np.minimum(z, 1.0)))"):
        "the clipped branch is only selected where z < 0 < 1",
    ("activation", 'if name is "tanh":'):
        "CPython interns the literal names the caller passes",
    ("mcculloch_pitts", "if x.ndim not in (1, 2) or x.size <= 0:"):
        "a size is never negative",
    ("perceptron_train", "if X.ndim != 2 or X.size <= 0:"):
        "a size is never negative",
    # 05_second_order
    ("bfgs_inverse_update",
     "if V.ndim != 2 or V.shape[0] is not V.shape[1]:"):
        "CPython caches the small ints that shapes are made of",
    ("minimize", 'if method <= "bfgs":'):
        "method was checked to be one of the allowed names before; of "
        "those only 'bfgs' is <= 'bfgs'",
    ("minimize", "while n_iter != max_iter and np.linalg.norm(g) > tol:"):
        "n_iter grows by one from 0 and max_iter >= 1 is checked, so it "
        "meets max_iter exactly",
}

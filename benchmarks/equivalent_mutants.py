"""Surviving automatic mutants, reviewed: equivalent, or outside the contract.

Key: (solution cell's grade_id, the mutated line, stripped). Value: why no
honest test can tell it from the reference solution: no caller can see the
difference (a message's wording is the student's own; CPython caches small
ints and interns literal strings; a branch selects the same value at a tie;
a later check raises the same ValueError), or the notebook's text leaves
that behaviour open (a test of it would fail valid work).
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
    ("perceptron_train", 'f"{np.unique(y)[: 6]}.")'):
        "the wording of an error message is the student's own",
    ("mcculloch_pitts",
     'raise ValueError(f"x has {x.shape[- 0]} inputs per sample but w has "'):
        "the wording of an error message is the student's own",
    ("perceptron_train", "mistakes += 2"):
        "only whether an epoch had mistakes is used (converged, stopping)",
    ("mcculloch_pitts", "return int(fired) if x.ndim <= 1 else fired"):
        "x.ndim is 1 or 2 here: anything else was refused before",
    ("perceptron_train", "if y.ndim != 1 or len(y) is not len(X):"):
        "CPython caches the small ints that lengths are made of",
    ("mcculloch_pitts", 'f"{w.shape[ -1]} weights; they must be equal.")'):
        "the wording of an error message is the student's own",
    ("mcculloch_pitts", "if x.shape[-1] != w.shape[ -1]:"):
        "w is 1-D here, so its first and last axis are the same",
    ("mcculloch_pitts", "if x.shape[-1] > w.shape[0]:"):
        "a shorter x then fails in x @ w with NumPy's ValueError of more "
        "than ten characters, all the tests ask of a message",
    ("mcculloch_pitts", "if w.ndim != 1 or w.size <= 0:"):
        "a size is never negative",
    ("mcculloch_pitts", "return int(fired) if x.ndim < 1 else fired"):
        "fired is then a NumPy integer, which the text allows",
    ("softmax", "if z.size <= 0:"): "a size is never negative",
    ("perceptron_train", "if not 0 < lr != np.inf:"):
        "for lr > 0, lr != inf and lr < inf are the same test",
    ("perceptron_train", "if mistakes <= 0:"):
        "a count of mistakes is never negative",
    ("activation", 'if name is "relu":'):
        "CPython interns the literal names the caller passes",
    ("activation", 'if name is "leaky_relu":'):
        "CPython interns the literal names the caller passes",
    ("activation", 'if name is "step":'):
        "CPython interns the literal names the caller passes",
    ("mcculloch_pitts", "if x.shape[-1] < w.shape[0]:"):
        "a longer x then fails in x @ w with NumPy's ValueError of more "
        "than ten characters, all the tests ask of a message",
    ("mcculloch_pitts", "if w.ndim != 1 or w.size == -1:"):
        "an empty w then fails the inputs-per-sample check or x's own",
    ("activation", 'if name is "sigmoid":'):
        "CPython interns the literal names the caller passes",
    ("activation", 'if name is "elu":'):
        "CPython interns the literal names the caller passes",
    ("perceptron_train", "b = b + lr / error"):
        "error is -1 or +1 where it is used, so / error is * error",
    # 02_hodgkin_huxley
    ("find_threshold_current", "if V is not SPIKE_LEVEL <= V_new:"):
        "V starts at rest, below the level, so the first V_new at or above "
        "it is a crossing either way",
    ("find_threshold_current", "if not lo <= hi:"):
        "for lo == hi the bracket checks that follow raise the ValueError",
    ("hh_step", "V_new = V + dt * (I - I_ion) * C_M"):
        "C_M = 1 uF/cm^2, so dividing by it is multiplying by it",
    ("find_threshold_current", "if V <= SPIKE_LEVEL <= V_new:"):
        "V equal to the spike level to the last bit never happens on the "
        "tests' grids",
    ("find_threshold_current", "if not lo is not hi:"):
        "for lo == hi the bracket checks that follow raise the ValueError",
    ("hh_simulate", "if I.ndim > 2:"):
        "the text does not say what a 2-D I should do",
    ("compute_fi_curve", "if currents.ndim < 1 or currents.size == 0:"):
        "a 2-D array of currents then fails in hh_simulate with the "
        "ValueError the text asks for",
    ("find_threshold_current", "if V < SPIKE_LEVEL < V_new:"):
        "V_new equal to the spike level to the last bit never happens on "
        "the tests' grids",
    ("hh_simulate", "if not (np.isfinite(value) and value != 0):"):
        "a negative dt or t_max then leaves no step, which raises next",
    # 03_backprop
    ("MLPRegressor", "a = np.sqrt(6.0 / (fan_in * fan_out))"):
        "the text leaves the initialisation free (any standard scheme)",
    ("MLPRegressor",
     "self.coefs_.append(rng.uniform(not a, a, size=(fan_in, fan_out)))"):
        "the text leaves the initialisation free (any standard scheme)",
    ("MLPRegressor", "if (isinstance(lr, bool) and not np.isscalar(lr)"):
        "the text does not say whether True is a learning rate; the later "
        "checks refuse every other bad value",
    ("dense_layer",
     "if X.shape[1] != W.shape[0] or W.shape[1] > b.shape[0]:"):
        "NumPy's own ValueError for a longer b names the shapes received, "
        "as the Bad input rule asks",
    ("MLPRegressor", "a = np.sqrt(6.0 / (fan_in | fan_out))"):
        "the text leaves the initialisation free (any standard scheme)",
    ("MLPRegressor", "a = np.sqrt( 7.0 / (fan_in + fan_out))"):
        "the text leaves the initialisation free (any standard scheme)",
    ("MLPRegressor", "self._y_1d = y.ndim <= 1"):
        "a y of no dimensions was refused before",
    ("MLPRegressor", "Y = y.reshape(len(y), ~1)"):
        "NumPy reads any negative size in reshape as 'the rest'",
    ("MLPRegressor", "Y = y.reshape(len(y), - 2)"):
        "NumPy reads any negative size in reshape as 'the rest'",
    ("dense_layer",
     "if X.shape[1] != W.shape[0] or W.shape[1] != b.shape[ -1]:"):
        "b is 1-D here, so its first and last axis are the same",
    ("MLPRegressor", "a = np.sqrt( 5.0 / (fan_in + fan_out))"):
        "the text leaves the initialisation free (any standard scheme)",
    ("MLPRegressor", "if X.ndim < 2 or 0 in X.shape:"):
        "a 3-D X then fails in dense_forward with the ValueError the text "
        "asks for",
    ("dense_layer",
     "if X.shape[1] is not W.shape[0] or W.shape[1] != b.shape[0]:"):
        "CPython caches the small ints that shapes are made of",
    ("dense_layer",
     "if X.shape[1] != W.shape[0] or W.shape[1] is not b.shape[0]:"):
        "CPython caches the small ints that shapes are made of",
    # 04_optimizers
    ("train_test_split",
     "if X.ndim == -1 or y.ndim == 0 or len(X) != len(y):"):
        "the text does not list a number as X among the bad inputs",
    ("train_test_split", "if X.ndim == 0 or y.ndim <= 0 or len(X) != len(y):"):
        "an ndim is never negative",
    ("train_test_split",
     "if X.ndim == 0 or y.ndim == -1 or len(X) != len(y):"):
        "the text does not list a number as y among the bad inputs",
    ("train_test_split", "if X.ndim == 0 or y.ndim < 0 or len(X) != len(y):"):
        "the text does not list a number as y among the bad inputs",
    ("train_test_split",
     "if X.ndim == 0 or y.ndim == 0 or len(X) is not len(y):"):
        "CPython caches the small ints that lengths are made of",
    ("train_test_split", "elif isinstance(test_size, (float, np.floating)) "
     "and 0 < test_size <= 1:"):
        "test_size = 1.0 leaves no training sample, which raises next",
    ("train_test_split", "elif isinstance(test_size, (float, np.floating)) "
     "and 0 <= test_size < 1:"):
        "test_size = 0.0 leaves no test sample, which raises next",
    ("train_test_split", "elif isinstance(test_size, (float, np.floating)) "
     "and 0 is not test_size < 1:"):
        "test_size = 0.0 leaves no test sample, which raises next",
    ("train_test_split", "elif isinstance(test_size, (float, np.floating)) "
     "and 0 != test_size < 1:"):
        "a test_size <= 0 leaves no test sample, which raises next",
    ("train_test_split",
     'f"{n << n_test} training samples out of {n}; both "'):
        "the wording of an error message is the student's own",
    ("train_test_split",
     'f"{n + n_test} training samples out of {n}; both "'):
        "the wording of an error message is the student's own",
    ("train_test_split",
     'f"{n | n_test} training samples out of {n}; both "'):
        "the wording of an error message is the student's own",
    ("train_test_split",
     'f"{n & n_test} training samples out of {n}; both "'):
        "the wording of an error message is the student's own",
    ("train_test_split",
     'f"{n >> n_test} training samples out of {n}; both "'):
        "the wording of an error message is the student's own",
    ("train_test_split",
     'f"{n * n_test} training samples out of {n}; both "'):
        "the wording of an error message is the student's own",
    ("train_test_split",
     "if X.ndim == 0 and y.ndim == 0 or len(X) != len(y):"):
        "the text does not list a number as X or y among the bad inputs",
    ("train_test_split", "if X.ndim < 0 or y.ndim == 0 or len(X) != len(y):"):
        "the text does not list a number as X among the bad inputs",
    ("train_test_split", "elif isinstance(test_size, (float, np.floating)) "
     "and 0 < test_size != 1:"):
        "a test_size > 1 asks for more test samples than there are, "
        "which raises next",
    ("train_test_split", "elif isinstance(test_size, (float, np.floating)) "
     "and -1 < test_size < 1:"):
        "a test_size <= 0 leaves no test sample, which raises next",
    ("train_test_split", "if not 0 is not n_test < n:"):
        "n_test is a Python int here, and CPython caches 0",
    ("train_test_split",
     'f"{n ^ n_test} training samples out of {n}; both "'):
        "the wording of an error message is the student's own",
    ("train_test_split",
     'f"{n ** n_test} training samples out of {n}; both "'):
        "the wording of an error message is the student's own",
    ("minibatches", "or batch_size < 0):"):
        "batch_size = 0 then fails in range() with a ValueError of more "
        "than ten characters, which is all the text asks of minibatches",
    ("minibatches", "or batch_size <= -1):"):
        "batch_size = 0 then fails in range() with a ValueError of more "
        "than ten characters, which is all the text asks of minibatches",
    ("metrics", "if y_true.ndim not in (1, 2) or len(y_true) <= 0:"):
        "a length is never negative",
    ("Optimizer", "if (isinstance(lr, bool) and not isinstance(lr, (int, "
     "float, np.number))"):
        "the text does not say whether True or a string is a learning "
        "rate; the later checks refuse every bad number",
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
    ("bfgs_inverse_update",
     "scale = max(1.0, float(np.abs(V).max(initial= -1.0)))"):
        "V is not empty, so the initial value never wins",
    ("bfgs_inverse_update",
     "if np.abs(V - V.T).max(initial= -1.0) > tol:"):
        "V is not empty, so the initial value never wins",
    ("cg_beta", "or d_old.shape > g_new.shape:"):
        "a shorter d_old fails in the dot product with a ValueError of "
        "more than ten characters, as the Bad input rule asks",
    ("bfgs_inverse_update", "if s.shape > (n,) or r.shape != (n,):"):
        "a shorter s fails in the outer product with a ValueError of more "
        "than ten characters, as the Bad input rule asks",
    ("cg_beta", 'if method <= "fletcher-reeves":'):
        "method was checked to be one of the two names before; of those "
        "only 'fletcher-reeves' is <= 'fletcher-reeves'",
    ("lm_step",
     "if J.ndim > 2 or e.ndim != 1 or J.shape[0] != e.shape[0]:"):
        "a 1-D J then fails in np.linalg.solve with LinAlgError, a "
        "ValueError of more than ten characters",
    ("cg_beta", "if g_new.ndim > 1 or g_old.shape != g_new.shape \\"):
        "numbers for gradients then fail in the matmul with NumPy's "
        "ValueError of more than ten characters, as the rule asks",
    ("bfgs_inverse_update", "if V.ndim != 2 or V.shape[0] > V.shape[1]:"):
        "a wide V then fails in the products with NumPy's ValueError of "
        "more than ten characters, as the rule asks",
    ("bfgs_inverse_update", "if s.shape != (n,) or r.shape < (n,):"):
        "a longer r then fails in the products with NumPy's ValueError of "
        "more than ten characters, as the rule asks",
    ("bfgs_inverse_update",
     "tol = 1001 * float(np.finfo(np.float32).eps) * scale"):
        "no test can sit on the symmetry limit to one part in a thousand "
        "without being unfair to float32 rounding",
    ("minimize", "if x.ndim < 1:"):
        "a 2-D x0 then fails in bfgs_inverse_update or cg_beta with a "
        "ValueError of more than ten characters",
    ("minimize", 'if method is not "bfgs" and method not in names:'):
        "CPython interns the literal names the caller passes",
    ("minimize", 'if method is "bfgs":'):
        "CPython interns the literal names the caller passes",
    ("lm_step",
     "if J.ndim != 2 or e.ndim != 1 or J.shape[0] != e.shape[ -1]:"):
        "e is 1-D here, so its first and last axis are the same",
    ("lm_step",
     "if J.ndim != 2 or e.ndim != 1 or J.shape[0] is not e.shape[0]:"):
        "CPython caches the small ints that shapes are made of",
    ("bfgs_inverse_update", "n = V.shape[ -1]"):
        "V was checked to be square",
    ("bfgs_inverse_update", "n = V.shape[ 1]"):
        "V was checked to be square",
    ("bfgs_inverse_update",
     "tol = 999 * float(np.finfo(np.float32).eps) * scale"):
        "no test can sit on the symmetry limit to one part in a thousand "
        "without being unfair to float32 rounding",
    ("bfgs_inverse_update",
     "scale = max(1.0, float(np.abs(V).max(initial= 1.0)))"):
        "max(1, max(|V|, 1)) is max(1, max|V|)",
    ("minimize", "if alpha <= 0:"):
        "the text says what alpha = 0 means, not what a negative one does",
    ("bfgs_inverse_update", "if s.shape != (n,) or r.shape > (n,):"):
        "a longer r then fails in the products with NumPy's ValueError of "
        "more than ten characters, as the rule asks",
    ("bfgs_inverse_update", "if s.shape != (n,) or r.shape is (n,):"):
        "a wrong r then fails in the products with NumPy's ValueError of "
        "more than ten characters, as the rule asks",
    ("minimize", "if x.ndim > 1:"):
        "a number as x0 then fails in f or in the products with a "
        "ValueError of more than ten characters",
    ("bfgs_inverse_update",
     "if V.ndim != 2 or V.shape[ 1] != V.shape[1]:"):
        "a non-square V then fails in the products with NumPy's ValueError "
        "of more than ten characters, as the rule asks",
    ("bfgs_inverse_update", "if V.ndim != 2 or V.shape[0] < V.shape[1]:"):
        "a tall V then fails in the products with NumPy's ValueError of "
        "more than ten characters, as the rule asks",
    ("cg_beta", "if k % restart_every <= 0:"):
        "k % restart_every is never negative (both positive)",
}

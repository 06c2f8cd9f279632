"""Mutants and valid alternatives for source/01_neuron_models."""
from . import Alternative, Mutant

M = Mutant
MUTANTS = [
    # Part A: mcculloch_pitts
    M("fires only above the threshold (> instead of >=)", "mcculloch_pitts",
      [("x @ w >= threshold", "x @ w > threshold")],
      {"test_mcculloch_pitts"}),
    M("returns booleans instead of ints", "mcculloch_pitts",
      [("(x @ w >= threshold).astype(int)", "(x @ w >= threshold)")],
      {"test_mcculloch_pitts"}),
    M("one vector gives an array of shape (1,)", "mcculloch_pitts",
      [("return int(fired) if x.ndim == 1 else fired",
        "return np.atleast_1d(fired)")],
      {"test_mcculloch_pitts"}),
    M("NaN and empty input accepted", "mcculloch_pitts",
      [("if w.ndim != 1 or w.size == 0:", "if w.ndim != 1:"),
       ("if x.ndim not in (1, 2) or x.size == 0:", "if x.ndim not in (1, 2):"),
       ("if np.isnan(x).any() or np.isnan(w).any() or np.isnan(threshold):",
        "if False:")],
      {"test_mcculloch_pitts_bad_input"}),
    # Part B: perceptron_train
    M("perceptron update with the wrong sign", "perceptron_train",
      [("w = w + lr * error * x_i", "w = w - lr * error * x_i")],
      {"test_perceptron_gates", "test_perceptron_separable_data"}),
    M("bias never updated", "perceptron_train",
      [("b = b + lr * error", "b = b + 0 * error")],
      {"test_perceptron_gates", "test_perceptron_separable_data"}),
    M("perceptron predicts 1 only when s > 0", "perceptron_train",
      [("x_i @ w + b >= 0", "x_i @ w + b > 0")],
      {"test_perceptron_gates", "test_perceptron_separable_data"}),
    M("learning rate ignored", "perceptron_train",
      [("w = w + lr * error * x_i", "w = w + error * x_i"),
       ("b = b + lr * error", "b = b + error")],
      {"test_perceptron_gates", "test_perceptron_separable_data"}),
    M("n_iter leaves out the clean epoch", "perceptron_train",
      [("return w, float(b), True, epoch",
        "return w, float(b), True, epoch - 1")],
      {"test_perceptron_gates", "test_perceptron_separable_data"}),
    M("always reports convergence", "perceptron_train",
      [("return w, float(b), False, max_iter",
        "return w, float(b), True, max_iter")],
      {"test_perceptron_stops"}),
    M("max_iter ignored (always 200 epochs at most)", "perceptron_train",
      [("for epoch in range(1, max_iter + 1):",
        "for epoch in range(1, 201):")],
      {"test_perceptron_stops"}),
    M("stops one epoch early", "perceptron_train",
      [("for epoch in range(1, max_iter + 1):",
        "for epoch in range(1, max_iter):")],
      {"test_perceptron_gates", "test_perceptron_stops"}),
    M("labels other than 0 and 1 accepted", "perceptron_train",
      [("if not np.isin(y, (0, 1)).all():", "if False:")],
      {"test_perceptron_bad_input"}),
    M("n_iter returned as a float", "perceptron_train",
      [("return w, float(b), True, epoch",
        "return w, float(b), True, float(epoch)")],
      {"test_perceptron_gates"}),
    M("b returned as an array of shape (1,)", "perceptron_train",
      [("return w, float(b), False, max_iter",
        "return w, np.array([b]), False, max_iter")],
      {"test_perceptron_stops"}),
    M("lr = inf accepted", "perceptron_train",
      [("if not 0 < lr < np.inf:", "if not 0 < lr:")],
      {"test_perceptron_bad_input"}),
    M("non-integer max_iter accepted (range fails with a TypeError)",
      "perceptron_train",
      [("            or not isinstance(max_iter, (int, np.integer))\n", "")],
      {"test_perceptron_bad_input"}),
    # Part C: activation, activation_derivative
    M("leaky ReLU with the lecture's slope 0.1", "activation",
      [("np.where(z >= 0, z, 0.01 * z)", "np.where(z >= 0, z, 0.1 * z)")],
      {"test_activation_values"}),
    M("ELU forgets the -1 for negative z", "activation",
      [("1.0 * np.expm1(np.minimum(z, 0.0))",
        "1.0 * np.exp(np.minimum(z, 0.0))")],
      {"test_activation_values"}),
    M("sigmoid derivative missing the (1 - s) factor", "activation",
      [("return s * (1.0 - s)", "return s")],
      {"test_activation_derivatives"}),
    M("tanh derivative 1 - tanh instead of 1 - tanh**2", "activation",
      [("return 1.0 - t * t", "return 1.0 - t")],
      {"test_activation_derivatives"}),
    M("relu'(0) = 1", "activation",
      [("np.where(z > 0, 1.0, 0.0)", "np.where(z >= 0, 1.0, 0.0)")],
      {"test_activation_derivatives"}),
    M("ELU derivative alpha (e^z - 1) for negative z", "activation",
      [("1.0 * np.exp(np.minimum(z, 0.0)))",
        "1.0 * np.expm1(np.minimum(z, 0.0)))")],
      {"test_activation_derivatives"}),
    M("sigmoid as e^z / (1 + e^z): nan at z = 1000", "activation",
      [("np.exp(-np.logaddexp(0.0, -z))", "np.exp(z) / (1.0 + np.exp(z))")],
      {"test_activation_extremes_and_names"}),
    M("unknown names fall back to the identity", "activation",
      [('    raise ValueError(f"unknown activation', '    return z\n'
        '    raise ValueError(f"unknown activation')],
      {"test_activation_extremes_and_names"}),
    # Part D: softmax
    M("naive softmax without subtracting the maximum", "softmax",
      [("np.exp(z - z.max(axis=-1, keepdims=True))", "np.exp(z)")],
      {"test_softmax_stable"}),
    M("softmax normalises the columns", "softmax",
      [("e.sum(axis=-1, keepdims=True)", "e.sum(axis=0, keepdims=True)")],
      {"test_softmax"}),
    M("softmax subtracts the maximum of the whole array", "softmax",
      [("z.max(axis=-1, keepdims=True)", "z.max()")],
      {"test_softmax_stable"}),
    M("softmax accepts 3-D input", "softmax",
      [("if z.ndim not in (1, 2):", "if z.ndim == 0:")],
      {"test_softmax_stable"}),
    # more student-style slips (issue 15)
    M("mcculloch_pitts takes only arrays (lists fail)", "mcculloch_pitts",
      [("    x = np.asarray(x, dtype=float)\n", ""),
       ("    w = np.asarray(w, dtype=float)\n", "")],
      {"test_mcculloch_pitts"}),
    M("an epoch with one mistake counts as clean", "perceptron_train",
      [("if mistakes == 0:", "if mistakes <= 1:")],
      {"test_perceptron_gates"}),
    M("convergence judged by the last sample only", "perceptron_train",
      [("if mistakes == 0:", "if error == 0:")],
      {"test_perceptron_gates"}),
    M("one epoch more than max_iter", "perceptron_train",
      [("for epoch in range(1, max_iter + 1):",
        "for epoch in range(1, max_iter + 2):")],
      {"test_perceptron_stops"}),
    M("lr = 0 accepted", "perceptron_train",
      [("if not 0 < lr < np.inf:", "if not 0 <= lr < np.inf:")],
      {"test_perceptron_bad_input"}),
    M("step(0) = 0 (z > 0)", "activation",
      [('    if name == "step":\n        return np.where(z >= 0, 1.0, 0.0)',
        '    if name == "step":\n        return np.where(z > 0, 1.0, 0.0)')],
      {"test_activation_values"}),
    M("leaky_relu'(0) = 0.01 (z > 0)", "activation",
      [("return np.where(z >= 0, 1.0, 0.01)",
        "return np.where(z > 0, 1.0, 0.01)")],
      {"test_activation_derivatives"}),
    M("activation takes only arrays (lists fail)", "activation",
      [('    z = np.asarray(z, dtype=float)\n    if name == "step":\n'
        '        return np.where(z >= 0, 1.0, 0.0)',
        '    if name == "step":\n        return np.where(z >= 0, 1.0, 0.0)')],
      {"test_activation_values"}),
    M("softmax subtracts the minimum", "softmax",
      [("np.exp(z - z.max(axis=-1, keepdims=True))",
        "np.exp(z - z.min(axis=-1, keepdims=True))")],
      {"test_softmax_stable"}),
    M("step returns an int array", "activation",
      [("return np.where(z >= 0, 1.0, 0.0)", "return (z >= 0).astype(int)")],
      {"test_activation_values"}),
    M("a number as y let through", "perceptron_train",
      [("if y.ndim != 1 or len(y) != len(X):",
        "if y.ndim > 1 or len(y) != len(X):")],
      {"test_perceptron_bad_input"}),
    M("lr = float('inf') let through (compared with np.inf by identity)",
      "perceptron_train",
      [("if not 0 < lr < np.inf:", "if not 0 < lr is not np.inf:")],
      {"test_perceptron_bad_input"}),
    M("activation names matched by prefix", "activation",
      [('    if name == "tanh":\n        return np.tanh(z)',
        '    if name.startswith("tanh"):\n        return np.tanh(z)')],
      {"test_activation_extremes_and_names"}),
]

# Mutants that are graded a second time with every comparison helper of the
# kernel patched to agree: they must score exactly as without the patch.
PATCHED = ["bias never updated",
           "fires only above the threshold (> instead of >=)",
           "sigmoid derivative missing the (1 - s) factor",
           "softmax normalises the columns"]


ALTERNATIVES = [
    Alternative("loops and float32", {
        "mcculloch_pitts": '''
def mcculloch_pitts(x, w, threshold):
    rows = np.array(x, dtype=np.float32, ndmin=1)
    weights = np.array(w, dtype=np.float32)
    if weights.ndim != 1 or len(weights) == 0:
        raise ValueError("w should be a non-empty vector of weights")
    single = rows.ndim == 1
    if single:
        rows = rows[None, :]
    if rows.ndim != 2 or rows.shape[0] == 0:
        raise ValueError("x should be a vector or a non-empty matrix")
    if rows.shape[1] != len(weights):
        raise ValueError("x and w should have the same number of inputs")
    if threshold != threshold:
        raise ValueError("the threshold is NaN")
    result = []
    for row in rows:
        total = np.float32(0)
        for xi, wi in zip(row, weights):
            if xi != xi or wi != wi:
                raise ValueError("x and w should hold no NaN")
            total += xi * wi
        result.append(1 if total >= threshold else 0)
    return result[0] if single else np.array(result, dtype=np.int32)
''',
        "perceptron_train": '''
def perceptron_train(X, y, lr=1.0, max_iter=100):
    X = np.array(X, dtype=np.float32)
    labels = np.array(y)
    if X.ndim != 2 or 0 in X.shape or np.isnan(X).any():
        raise ValueError(f"X should be a 2-D array of numbers, got {X.shape}")
    if labels.shape != (X.shape[0],):
        raise ValueError(f"y should have shape ({X.shape[0]},)")
    for label in labels:
        if not (label == 0 or label == 1):
            raise ValueError(f"labels should be 0 or 1, found {label}")
    if not (lr > 0 and lr != float("inf")):
        raise ValueError(f"lr should be positive, got {lr}")
    if int(max_iter) != max_iter or max_iter <= 0:
        raise ValueError(f"max_iter should be >= 1, got {max_iter}")
    w = np.zeros(X.shape[1], dtype=np.float32)
    b = np.float32(0)
    epochs = 0
    while epochs < max_iter:
        epochs += 1
        clean = True
        for i in range(len(X)):
            s = b
            for j in range(X.shape[1]):
                s += w[j] * X[i, j]
            predicted = 1 if s >= 0 else 0
            if predicted != labels[i]:
                clean = False
                sign = np.float32(1 if labels[i] == 1 else -1)
                for j in range(X.shape[1]):
                    w[j] += np.float32(lr) * sign * X[i, j]
                b += np.float32(lr) * sign
        if clean:
            return w, b, True, epochs
    return w, b, False, epochs
''',
        "activation": '''
_NAMES = ("step", "sigmoid", "tanh", "relu", "leaky_relu", "elu")


def _check(name):
    if name not in _NAMES:
        raise ValueError(f"{name!r} is not one of {', '.join(_NAMES)}")


def _sigmoid32(z):
    e = np.exp(-np.abs(z))                    # never overflows
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e)).astype(np.float32)


def activation(name, z):
    _check(name)
    z = np.array(z, dtype=np.float32)
    table = {
        "step": lambda v: (v >= 0).astype(np.float32),
        "sigmoid": _sigmoid32,
        "tanh": np.tanh,
        "relu": lambda v: np.where(v > 0, v, np.float32(0)),
        "leaky_relu": lambda v: np.maximum(v, np.float32(0.01) * v),
        "elu": lambda v: np.where(v < 0, np.expm1(np.clip(v, -100, 0)), v),
    }
    return table[name](z)


def activation_derivative(name, z):
    _check(name)
    z = np.array(z, dtype=np.float32)
    if name == "sigmoid":
        e = np.exp(-np.abs(z))
        return (e / (1 + e) ** 2).astype(np.float32)
    if name == "tanh":
        return (1 / np.cosh(np.clip(z, -40, 40)) ** 2).astype(np.float32)
    if name == "step":
        return np.zeros(z.shape, np.float32)
    if name == "relu":
        return (z > 0).astype(np.float32)
    if name == "leaky_relu":
        return np.where(z < 0, np.float32(0.01), np.float32(1))
    return np.where(z < 0, np.exp(np.clip(z, -100, 0)), 1).astype(np.float32)
''',
        "softmax": '''
def softmax(z):
    z = np.array(z, dtype=np.float32)
    if z.ndim == 1:
        return softmax(z[None, :])[0]
    if z.ndim != 2 or z.shape[0] == 0 or z.shape[1] == 0:
        raise ValueError(f"need a non-empty 1-D or 2-D array, got {z.shape}")
    out = np.empty_like(z)
    for i, row in enumerate(z):
        top = row.max()
        log_total = top + np.log(np.sum(np.exp(row - top)))
        out[i] = np.exp(row - log_total)
    return out
''',
    }),
    Alternative("scipy.special and einsum", {
        "mcculloch_pitts": '''
def mcculloch_pitts(x, w, threshold):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    if w.ndim != 1 or x.ndim not in (1, 2) or x.shape[-1:] != w.shape:
        raise ValueError(f"x {x.shape} and w {w.shape} do not fit together")
    if x.size == 0 or not np.isfinite(np.append(x, w)).all() \\
            or np.isnan(threshold):
        raise ValueError("x and w must be non-empty and finite")
    s = np.einsum("...i,i->...", x, w)
    out = np.greater_equal(s, threshold).astype(np.int64)
    return out.item() if out.ndim == 0 else out
''',
        "activation": '''
from scipy import special as _special

_ALPHA = {"leaky_relu": 0.01, "elu": 1.0}


def activation(name, z):
    z = np.asarray(z, dtype=float)
    if name == "sigmoid":
        return _special.expit(z)
    if name == "tanh":
        return np.tanh(z)
    if name == "step":
        return np.heaviside(z, 1.0)
    if name == "relu":
        return np.clip(z, 0, None)
    if name == "leaky_relu":
        return np.where(z < 0, _ALPHA[name] * z, z)
    if name == "elu":
        return np.where(z < 0, _ALPHA[name] * np.expm1(np.fmin(z, 0)), z)
    raise ValueError(f"valid names: step, sigmoid, tanh, relu, leaky_relu, "
                     f"elu (got {name!r})")


def activation_derivative(name, z):
    z = np.asarray(z, dtype=float)
    if name == "sigmoid":
        return _special.expit(z) * _special.expit(-z)
    if name == "tanh":
        return 1 - np.tanh(z) ** 2
    if name == "step":
        return 0 * z
    if name == "relu":
        return np.heaviside(z, 0.0)
    if name in _ALPHA:
        slope = _ALPHA[name] * np.exp(np.fmin(z, 0)) if name == "elu" \\
            else _ALPHA[name]
        return np.where(z < 0, slope, 1.0)
    raise ValueError(f"valid names: step, sigmoid, tanh, relu, leaky_relu, "
                     f"elu (got {name!r})")
''',
        "softmax": '''
from scipy import special as _special


def softmax(z):
    z = np.asarray(z, dtype=float)
    if z.ndim not in (1, 2) or z.size == 0:
        raise ValueError(f"softmax takes a non-empty 1-D or 2-D array, "
                         f"got shape {z.shape}")
    return _special.softmax(z, axis=-1)
''',
    }),
    # Correct code whose output goes to stderr: nbgrader would score it 0
    # without the IgnorePattern setting in nbgrader_config.py.
    Alternative("textbook formulas with overflow warnings and a "
                "ConvergenceWarning", edits=[
        ("perceptron_train", [
            ("    return w, float(b), False, max_iter",
             "    import warnings\n"
             "    warnings.warn(f'no convergence in {max_iter} epochs',\n"
             "                  RuntimeWarning)\n"
             "    return w, float(b), False, max_iter")]),
        ("activation", [
            ("np.exp(-np.logaddexp(0.0, -z))", "1.0 / (1.0 + np.exp(-z))"),
            ("1.0 * np.expm1(np.minimum(z, 0.0))", "np.exp(z) - 1.0"),
            ("1.0 * np.exp(np.minimum(z, 0.0)))", "np.exp(z))"),
        ]),
        ("softmax", [
            ("    e = np.exp(z - z.max(axis=-1, keepdims=True))",
             "    import sys\n"
             "    print('softmax of shape', z.shape, file=sys.stderr)\n"
             "    e = np.exp(z - z.max(axis=-1, keepdims=True))")]),
    ]),
]

"""Independent implementations of assignment 01 (neuron models).

Written blind, from what a student sees: the release notebook
``release/01_neuron_models/01_neuron_models.ipynb`` and the lecture
``course/01_neuron_models.ipynb`` (never ``source/`` or the hidden tests).

Solution cells: ``mcculloch_pitts`` (part A), ``perceptron_train`` (part B),
``activation`` (part C: ``activation`` and ``activation_derivative`` in one
cell) and ``softmax`` (part D).

Where the notebook's text leaves a choice open, the VALID variant that takes
one side says so in its name ("reads ... as ...").
"""
from benchmarks.fairness import Variant

# ---------------------------------------------------------------------------
# The def lines and docstrings exactly as the release notebook gives them.
# ---------------------------------------------------------------------------

MP_HEAD = '''def mcculloch_pitts(x, w, threshold):
    """McCulloch–Pitts unit: 1 where x · w >= threshold, else 0.

    Parameters
    ----------
    x : ndarray of shape (n_inputs,) or (n_samples, n_inputs)
    w : ndarray of shape (n_inputs,)
    threshold : float

    Returns
    -------
    int (0 or 1) for one input vector, or an int ndarray of shape
    (n_samples,) for a batch.
    """
'''

PT_HEAD = '''def perceptron_train(X, y, lr=1.0, max_iter=100):
    """Train a perceptron with Rosenblatt's rule, starting from zeros.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,), labels 0 and 1
    lr : float > 0, the learning rate
    max_iter : int >= 1, the largest number of epochs (passes over the data)

    Returns
    -------
    w : ndarray of shape (n_features,)
    b : float
    converged : bool, True if the last epoch made no mistakes
    n_iter : int, the number of epochs run
    """
'''

ACT_HEAD = '''def activation(name, z):
    """Value of the activation function `name` at z, elementwise.

    Parameters
    ----------
    name : str, one of "step", "sigmoid", "tanh", "relu", "leaky_relu",
        "elu"
    z : array_like of any shape

    Returns
    -------
    ndarray of floats, the same shape as z
    """
'''

DER_HEAD = '''def activation_derivative(name, z):
    """Derivative of the activation function `name` at z, elementwise.

    Same arguments and return shape as `activation`.
    """
'''

SM_HEAD = '''def softmax(z):
    """Softmax of a vector, or of every row of a matrix, without overflow.

    Parameters
    ----------
    z : ndarray of shape (m,) or (n, m)

    Returns
    -------
    ndarray of the same shape; the vector (or each row) sums to 1
    """
'''


def _act_cell(prelude, act_body, der_body):
    """The whole ``activation`` cell: helpers, then the two functions."""
    top = prelude.strip("\n") + "\n\n\n" if prelude.strip() else ""
    return (top + ACT_HEAD + act_body.rstrip("\n") + "\n\n\n"
            + DER_HEAD + der_body)


# ---------------------------------------------------------------------------
# BASE
# ---------------------------------------------------------------------------

MP_BODY = '''    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    if w.ndim != 1:
        raise ValueError("w must be a 1-D array of weights, got an array "
                         f"of shape {w.shape}.")
    if x.ndim not in (1, 2):
        raise ValueError("x must be one input vector (1-D) or a batch "
                         f"(2-D), got an array of shape {x.shape}.")
    if x.size == 0 or w.size == 0:
        raise ValueError("x and w must not be empty, got shapes "
                         f"{x.shape} and {w.shape}.")
    if x.shape[-1] != w.shape[0]:
        raise ValueError(f"x has {x.shape[-1]} inputs but w has "
                         f"{w.shape[0]} weights; they must match.")
    if np.isnan(x).any() or np.isnan(w).any():
        raise ValueError("x and w must not contain NaN, got "
                         f"x = {x.tolist()} and w = {w.tolist()}.")
    if isinstance(threshold, (str, bytes)) or np.ndim(threshold) != 0:
        raise ValueError(f"threshold must be one number, got {threshold!r}.")
    theta = float(threshold)
    if np.isnan(theta):
        raise ValueError(f"threshold must not be NaN, got {threshold!r}.")
    fires = x @ w >= theta
    if x.ndim == 1:
        return int(fires)
    return fires.astype(int)
'''

PT_BODY = '''    import math
    import numbers

    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.size == 0:
        raise ValueError("X must be a non-empty 2-D array of shape "
                         f"(n_samples, n_features), got shape {X.shape}.")
    if np.isnan(X).any():
        raise ValueError("X must not contain NaN, got "
                         f"{int(np.isnan(X).sum())} NaN entries.")
    y = np.asarray(y)
    if y.ndim != 1 or y.shape[0] != X.shape[0]:
        raise ValueError("y must be 1-D with one label per row of X "
                         f"({X.shape[0]} rows), got shape {y.shape}.")
    if y.dtype.kind not in "biuf":
        raise ValueError(f"the labels must be numbers 0 or 1, got {y!r}.")
    y = y.astype(float)
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"every label must be 0 or 1, got {y.tolist()}.")
    if (isinstance(lr, bool) or not isinstance(lr, numbers.Real)
            or not math.isfinite(lr) or lr <= 0):
        raise ValueError(f"lr must be a positive finite number, got {lr!r}.")
    if (isinstance(max_iter, bool)
            or not isinstance(max_iter, numbers.Integral) or max_iter < 1):
        raise ValueError("max_iter must be a positive integer, got "
                         f"{max_iter!r}.")
    w = np.zeros(X.shape[1])
    b = 0.0
    for epoch in range(1, int(max_iter) + 1):
        mistakes = 0
        for x_i, y_i in zip(X, y):
            y_hat = 1.0 if x_i @ w + b >= 0 else 0.0
            error = y_i - y_hat
            if error != 0:
                mistakes += 1
            w = w + lr * error * x_i
            b = b + lr * error
        if mistakes == 0:
            return w, float(b), True, epoch
    return w, float(b), False, int(max_iter)
'''

ACT_PRELUDE = '''\
ACTIVATION_NAMES = ("step", "sigmoid", "tanh", "relu", "leaky_relu",
                    "elu")


def _check_activation_name(name):
    """name itself, or ValueError listing the valid names."""
    if not isinstance(name, str) or name not in ACTIVATION_NAMES:
        valid = ", ".join(ACTIVATION_NAMES)
        raise ValueError(f"unknown activation {name!r}: the valid names "
                         f"are {valid}.")
    return name


def _sigmoid(z):
    """1 / (1 + exp(-z)) without overflow: exp(-|z|) lies in (0, 1]."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
'''

ACT_BODY = '''    _check_activation_name(name)
    z = np.asarray(z, dtype=float)
    if name == "step":
        out = np.where(z >= 0, 1.0, 0.0)
    elif name == "sigmoid":
        out = _sigmoid(z)
    elif name == "tanh":
        out = np.tanh(z)
    elif name == "relu":
        out = np.maximum(z, 0.0)
    elif name == "leaky_relu":
        out = np.where(z >= 0, z, 0.01 * z)
    else:
        out = np.where(z >= 0, z, np.expm1(np.minimum(z, 0.0)))
    return out
'''

DER_BODY = '''    name = _check_activation_name(name)
    z = np.array(z, dtype=float)
    if name == "step":
        out = np.zeros(z.shape)
    elif name == "sigmoid":
        out = _sigmoid(z) * _sigmoid(-z)
    elif name == "tanh":
        out = 1.0 - np.tanh(z) ** 2
    elif name == "relu":
        out = np.where(z > 0, 1.0, 0.0)
    elif name == "leaky_relu":
        out = np.where(z >= 0, 1.0, 0.01)
    else:
        out = np.where(z >= 0, 1.0, np.exp(np.minimum(z, 0.0)))
    return out
'''

SM_BODY = '''    z = np.asarray(z, dtype=float)
    if z.ndim not in (1, 2):
        raise ValueError("z must be one vector (1-D) or one vector per row "
                         f"(2-D), got an array of shape {z.shape}.")
    if z.size == 0:
        raise ValueError(f"z must not be empty, got shape {z.shape}.")
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
'''

BASE = {
    "mcculloch_pitts": MP_HEAD + MP_BODY,
    "perceptron_train": PT_HEAD + PT_BODY,
    "activation": _act_cell(ACT_PRELUDE, ACT_BODY, DER_BODY),
    "softmax": SM_HEAD + SM_BODY,
}

# ---------------------------------------------------------------------------
# VALID: other implementations that follow every sentence of the notebook.
# ---------------------------------------------------------------------------

_MP_LOOPS = '''\
    if isinstance(threshold, (str, bytes)) or np.ndim(threshold) != 0:
        raise ValueError(f"the threshold should be a single number, "
                         f"not {threshold!r}")
    if threshold != threshold:
        raise ValueError("the threshold is NaN; it must be a number")
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    if w.ndim != 1 or len(w) == 0:
        raise ValueError(f"expected a non-empty 1-D weight vector, got w "
                         f"with shape {w.shape}")
    if x.ndim == 1:
        rows = [x.tolist()]
    elif x.ndim == 2:
        rows = x.tolist()
    else:
        raise ValueError(f"x should be 1-D or 2-D, received {x.ndim}-D "
                         f"input of shape {x.shape}")
    if x.size == 0:
        raise ValueError(f"x is empty (shape {x.shape}); need at least "
                         "one input")
    weights = w.tolist()
    results = []
    for row in rows:
        if len(row) != len(weights):
            raise ValueError(f"{len(row)} inputs do not match "
                             f"{len(weights)} weights")
        total = 0.0
        for xi, wi in zip(row, weights):
            if xi != xi or wi != wi:
                raise ValueError("found NaN among the inputs or weights")
            total += xi * wi
        results.append(1 if total >= threshold else 0)
    if x.ndim == 1:
        return results[0]
    return np.array(results, dtype=int)
'''

_MP_FLOAT32 = '''    x = np.asarray(x, dtype=np.float32)
    w = np.asarray(w, dtype=np.float32)
    if x.ndim not in (1, 2):
        raise ValueError(f"x must be 1-D or 2-D, got {x.ndim}-D "
                         f"(shape {x.shape})")
    if w.ndim != 1:
        raise ValueError(f"w must be 1-D, got {w.ndim}-D (shape {w.shape})")
    if x.size == 0 or w.size == 0:
        raise ValueError(f"empty input: x has shape {x.shape}, w has "
                         f"shape {w.shape}")
    if x.shape[-1] != w.size:
        raise ValueError(f"x has {x.shape[-1]} inputs per vector but there "
                         f"are {w.size} weights")
    if np.isnan(x).any() or np.isnan(w).any() or np.isnan(threshold):
        raise ValueError(f"NaN found in x, w or threshold={threshold}")
    s = x @ w
    out = (s >= np.float32(threshold)).astype(np.int32)
    if x.ndim == 1:
        return out[()]
    return out
'''

_MP_EINSUM = '''    x = np.array(x, dtype=np.float64)
    w = np.array(w, dtype=np.float64)
    theta = np.float64(threshold)
    if np.isnan(theta) or np.isnan(x).any() or np.isnan(w).any():
        raise ValueError("x, w and threshold must hold numbers, not NaN "
                         f"(got threshold {threshold!r})")
    if w.ndim != 1:
        raise ValueError(f"w should be one vector, got shape {w.shape}")
    if not 1 <= x.ndim <= 2:
        raise ValueError(f"x should be a vector or a batch of vectors, "
                         f"got shape {x.shape}")
    if 0 in x.shape or 0 in w.shape:
        raise ValueError(f"x {x.shape} or w {w.shape} is empty")
    if x.shape[-1] != len(w):
        raise ValueError(f"length mismatch: {x.shape[-1]} inputs, "
                         f"{len(w)} weights")
    s = np.einsum("...i,i->...", x, w)
    out = np.where(s >= theta, 1, 0).astype(np.int64)
    if out.ndim == 0:
        return np.int64(out)
    return out
'''

_MP_SUM = '''    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    checks = [
        (w.ndim == 1, f"w must be 1-D, got shape {w.shape}"),
        (x.ndim in (1, 2), f"x must be 1-D or 2-D, got shape {x.shape}"),
        (w.size > 0 and x.size > 0,
         f"x and w must be non-empty, got {x.shape} and {w.shape}"),
        (not np.isnan(w).any(), f"w holds NaN: {w}"),
        (not np.isnan(x).any(), f"x holds NaN: {x}"),
        (not np.isnan(float(threshold)),
         f"threshold is NaN: {threshold}"),
    ]
    for ok, message in checks:
        if not ok:
            raise ValueError(message)
    if x.shape[-1] != w.shape[0]:
        raise ValueError(f"x has {x.shape[-1]} inputs, w has {w.shape[0]}")
    batch = np.atleast_2d(x)
    fires = (batch * w).sum(axis=1) >= threshold
    out = fires.astype(np.int64)
    return int(out[0]) if x.ndim == 1 else out
'''

_PT_AUGMENTED = '''    import math

    X = np.array(X, dtype=float)
    y = np.array(y)
    if X.ndim != 2 or 0 in X.shape:
        raise ValueError(f"X should be a non-empty 2-D array, got shape "
                         f"{X.shape}")
    if np.isnan(X).any():
        raise ValueError("X contains NaN values, which are not allowed")
    if y.ndim != 1:
        raise ValueError(f"y should be 1-D, got shape {y.shape}")
    if len(y) != len(X):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels")
    try:
        labels = y.astype(float)
    except (TypeError, ValueError):
        raise ValueError(f"labels must be 0 or 1, got {y}") from None
    if not np.isin(labels, [0.0, 1.0]).all():
        raise ValueError(f"labels must be 0 or 1, got {np.unique(y)}")
    if (type(lr) is bool or not isinstance(lr, (int, float, np.number))
            or not math.isfinite(lr) or not lr > 0):
        raise ValueError(f"lr should be a positive finite number: {lr!r}")
    if (type(max_iter) is bool
            or not isinstance(max_iter, (int, np.integer)) or max_iter <= 0):
        raise ValueError(f"max_iter should be an integer >= 1: "
                         f"{max_iter!r}")
    # the bias as weight 0 on a constant input 1
    X1 = np.hstack([np.ones((X.shape[0], 1)), X])
    theta = np.zeros(X1.shape[1])
    for n_iter in range(1, max_iter + 1):
        clean = True
        for x_i, y_i in zip(X1, labels):
            y_hat = 1.0 if theta @ x_i >= 0 else 0.0
            if y_hat != y_i:
                clean = False
                theta += lr * (y_i - y_hat) * x_i
        if clean:
            return theta[1:], float(theta[0]), True, n_iter
    return theta[1:], float(theta[0]), False, int(max_iter)
'''

_PT_LISTS = '''    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError("X must be a non-empty 2-D array, got shape "
                         f"{X.shape}")
    rows = X.tolist()
    for row in rows:
        for value in row:
            if value != value:
                raise ValueError("X holds a NaN; every entry must be a "
                                 "number")
    y = np.asarray(y)
    if y.ndim != 1 or len(y) != len(rows):
        raise ValueError(f"y must be 1-D with {len(rows)} labels, got "
                         f"shape {y.shape}")
    labels = []
    for label in y.tolist():
        if isinstance(label, str) or label not in (0, 1):
            raise ValueError(f"each label must be 0 or 1, got {label!r}")
        labels.append(int(label))
    if isinstance(lr, bool) or not isinstance(lr, (int, float, np.number)):
        raise ValueError(f"lr must be a positive finite number, got {lr!r}")
    if not 0 < lr < float("inf"):
        raise ValueError(f"lr must be a positive finite number, got {lr!r}")
    if isinstance(max_iter, bool) or not isinstance(max_iter,
                                                    (int, np.integer)):
        raise ValueError(f"max_iter must be a positive integer, got "
                         f"{max_iter!r}")
    if max_iter < 1:
        raise ValueError(f"max_iter must be a positive integer, got "
                         f"{max_iter!r}")
    n_features = len(rows[0])
    w = [0.0] * n_features
    b = 0.0
    epochs = 0
    while epochs < max_iter:
        epochs += 1
        mistakes = 0
        for row, target in zip(rows, labels):
            s = sum(xj * wj for xj, wj in zip(row, w)) + b
            predicted = 1 if s >= 0 else 0
            if predicted != target:
                mistakes += 1
                step = lr * (target - predicted)
                w = [wj + step * xj for wj, xj in zip(w, row)]
                b += step
        if mistakes == 0:
            return np.array(w), float(b), True, epochs
    return np.array(w), float(b), False, epochs
'''

_PT_FLOAT32 = '''    import math
    import numbers

    X = np.asarray(X)
    if X.ndim != 2 or X.size == 0:
        raise ValueError(f"X must be non-empty and 2-D, got shape {X.shape}")
    X = X.astype(np.float32)
    if np.isnan(X).any():
        raise ValueError("X must not hold NaN")
    y = np.asarray(y)
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape ({X.shape[0]},), got {y.shape}")
    if y.dtype.kind not in "biuf":
        raise ValueError(f"labels must be 0 or 1, got dtype {y.dtype}")
    y = y.astype(np.float32)
    if np.any((y != 0) & (y != 1)):
        raise ValueError(f"labels must be 0 or 1, got {np.unique(y)}")
    if isinstance(lr, bool) or not isinstance(lr, numbers.Real):
        raise ValueError(f"lr must be a positive finite number, got {lr!r}")
    if not (math.isfinite(lr) and lr > 0):
        raise ValueError(f"lr must be a positive finite number, got {lr!r}")
    if isinstance(max_iter, bool) or not isinstance(max_iter,
                                                    numbers.Integral):
        raise ValueError(f"max_iter must be an integer, got {max_iter!r}")
    if max_iter < 1:
        raise ValueError(f"max_iter must be >= 1, got {max_iter!r}")
    eta = np.float32(lr)
    w = np.zeros(X.shape[1], dtype=np.float32)
    b = np.float32(0.0)
    for epoch in range(1, max_iter + 1):
        n_mistakes = 0
        for i in range(X.shape[0]):
            y_hat = np.float32(1.0) if X[i] @ w + b >= 0 else np.float32(0.0)
            delta = eta * (y[i] - y_hat)
            if delta != 0:
                n_mistakes += 1
                w = w + delta * X[i]
                b = b + delta
        if n_mistakes == 0:
            return w, float(b), True, epoch
    return w, float(b), False, int(max_iter)
'''

_PT_OTHER_ORDER = '''    import math

    if isinstance(max_iter, bool) or not isinstance(max_iter,
                                                    (int, np.integer)):
        raise ValueError(f"max_iter has to be a whole number of epochs, "
                         f"got {max_iter!r}")
    if max_iter <= 0:
        raise ValueError(f"max_iter has to be at least 1, got {max_iter}")
    try:
        rate = float(lr)
    except (TypeError, ValueError):
        raise ValueError(f"lr has to be a number, got {lr!r}") from None
    if isinstance(lr, (bool, str)) or not (math.isfinite(rate) and rate > 0):
        raise ValueError(f"lr has to be positive and finite, got {lr!r}")
    y = np.asarray(y)
    if y.dtype == bool:
        y = y.astype(int)
    if y.ndim != 1 or y.dtype.kind not in "iuf":
        raise ValueError(f"y has to be a 1-D array of 0/1 labels, got "
                         f"{y!r}")
    bad = [v for v in y.tolist() if v not in (0, 1)]
    if bad:
        raise ValueError(f"labels other than 0 and 1 found: {bad[:5]}")
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X has to be 2-D, got {X.ndim}-D")
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"X has to be non-empty, got shape {X.shape}")
    if X.shape[0] != y.shape[0]:
        raise ValueError(f"{X.shape[0]} samples in X but {y.shape[0]} "
                         f"labels in y")
    if np.isnan(X).any():
        raise ValueError("X has NaN entries; all must be numbers")
    w, b = np.zeros(X.shape[1]), 0.0
    n_iter = 0
    converged = False
    while not converged and n_iter < max_iter:
        n_iter += 1
        converged = True
        for i in range(len(y)):
            err = y[i] - (1 if np.dot(X[i], w) + b >= 0 else 0)
            if err:
                converged = False
                w = w + rate * err * X[i]
                b += rate * err
    return w, float(b), converged, int(n_iter)
'''

_ACT_LOOPS_PRELUDE = '''import math

_VALID = ["step", "sigmoid", "tanh", "relu", "leaky_relu", "elu"]


def _scalar_sigmoid(v):
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    e = math.exp(v)
    return e / (1.0 + e)


def _one(name, v):
    if name == "step":
        return 1.0 if v >= 0 else 0.0
    if name == "sigmoid":
        return _scalar_sigmoid(v)
    if name == "tanh":
        return math.tanh(v)
    if name == "relu":
        return v if v > 0 else 0.0
    if name == "leaky_relu":
        return v if v >= 0 else 0.01 * v
    return v if v >= 0 else math.expm1(v)


def _one_derivative(name, v):
    if name == "step":
        return 0.0
    if name == "sigmoid":
        return _scalar_sigmoid(v) * _scalar_sigmoid(-v)
    if name == "tanh":
        return 1.0 - math.tanh(v) ** 2
    if name == "relu":
        return 1.0 if v > 0 else 0.0
    if name == "leaky_relu":
        return 1.0 if v >= 0 else 0.01
    return 1.0 if v >= 0 else math.exp(v)


def _elementwise(f, name, z):
    if name not in _VALID:
        raise ValueError(f"name must be one of {_VALID}, got {name!r}")
    z = np.asarray(z, dtype=float)
    flat = [f(name, v) for v in z.ravel().tolist()]
    return np.array(flat, dtype=float).reshape(z.shape)
'''

_ACT_LOOPS = '''    return _elementwise(_one, name, z)
'''

_DER_LOOPS = '''    return _elementwise(_one_derivative, name, z)
'''

_ACT_TANH_PRELUDE = '''\
NAMES = ("step", "sigmoid", "tanh", "relu", "leaky_relu", "elu")


def _require(name):
    if name not in NAMES:
        raise ValueError(f"{name!r} is not an activation I know; "
                         f"choose one of: " + ", ".join(NAMES))
'''

_ACT_TANH = '''    _require(name)
    z = np.asarray(z, dtype=float)
    table = {
        "step": lambda t: (t >= 0).astype(float),
        "sigmoid": lambda t: 0.5 * (1.0 + np.tanh(0.5 * t)),
        "tanh": np.tanh,
        "relu": lambda t: np.where(t > 0, t, 0.0),
        "leaky_relu": lambda t: np.maximum(t, 0.01 * t),
        "elu": lambda t: np.maximum(t, 0.0) + np.expm1(np.minimum(t, 0.0)),
    }
    return np.asarray(table[name](z), dtype=float)
'''

_DER_TANH = '''    _require(name)
    z = np.asarray(z, dtype=float)
    if name == "step":
        return np.zeros_like(z)
    if name == "sigmoid":
        s = 0.5 * (1.0 + np.tanh(0.5 * z))
        return s * (1.0 - s)
    if name == "tanh":
        with np.errstate(over="ignore"):
            return 1.0 / np.cosh(z) ** 2
    if name == "relu":
        return (z > 0).astype(float)
    if name == "leaky_relu":
        return np.where(z < 0, 0.01, 1.0)
    return np.where(z < 0, np.exp(np.minimum(z, 0.0)), 1.0)
'''

_ACT_ERRSTATE_PRELUDE = '''\
VALID_NAMES = ["step", "sigmoid", "tanh", "relu", "leaky_relu", "elu"]


def _unknown(name):
    return ValueError(f"unknown activation name {name!r}. Valid names: "
                      f"{VALID_NAMES}")
'''

_ACT_ERRSTATE = '''    if name not in VALID_NAMES:
        raise _unknown(name)
    z = np.asarray(z, dtype=float)
    with np.errstate(over="ignore"):
        if name == "step":
            return np.heaviside(z, 1.0)
        if name == "sigmoid":
            return 1.0 / (1.0 + np.exp(-z))
        if name == "tanh":
            return np.tanh(z)
        if name == "relu":
            return z * (z > 0)
        if name == "leaky_relu":
            return np.where(z >= 0, 1.0, 0.01) * z
        return np.where(z >= 0, z, np.exp(z) - 1.0)
'''

_DER_ERRSTATE = '''    if name not in VALID_NAMES:
        raise _unknown(name)
    z = np.asarray(z, dtype=float)
    with np.errstate(over="ignore"):
        if name == "step":
            return 0.0 * np.abs(z)
        if name == "sigmoid":
            s = 1.0 / (1.0 + np.exp(-z))
            return s * (1.0 - s)
        if name == "tanh":
            return 1.0 - np.tanh(z) ** 2
        if name == "relu":
            return np.heaviside(z, 0.0)
        if name == "leaky_relu":
            return np.where(z >= 0, 1.0, 0.01)
        return np.where(z >= 0, 1.0, np.exp(z))
'''

_ACT_F32_PRELUDE = '''\
NAMES32 = ("step", "sigmoid", "tanh", "relu", "leaky_relu", "elu")


def _as_f32(name, z):
    if name not in NAMES32:
        raise ValueError(f"activation {name!r} unknown; valid: "
                         f"{', '.join(NAMES32)}")
    return np.asarray(z, dtype=np.float32)


def _sig32(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e)).astype(np.float32)
'''

_ACT_F32 = '''    z = _as_f32(name, z)
    one, zero = np.float32(1), np.float32(0)
    if name == "step":
        return np.where(z >= 0, one, zero)
    if name == "sigmoid":
        return _sig32(z)
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, zero)
    if name == "leaky_relu":
        return np.where(z >= 0, z, np.float32(0.01) * z)
    return np.where(z >= 0, z, np.expm1(np.minimum(z, zero)))
'''

_DER_F32_CAREFUL = '''    z = _as_f32(name, z)
    one, zero = np.float32(1), np.float32(0)
    if name == "step":
        return np.zeros(z.shape, dtype=np.float32)
    if name == "sigmoid":
        return _sig32(z) * _sig32(-z)
    if name == "tanh":
        return (one / np.cosh(np.minimum(np.abs(z), np.float32(40)))) ** 2
    if name == "relu":
        return np.where(z > 0, one, zero)
    if name == "leaky_relu":
        return np.where(z >= 0, one, np.float32(0.01))
    return np.where(z >= 0, one, np.exp(np.minimum(z, zero)))
'''

_DER_F32_LITERAL = '''    z = _as_f32(name, z)
    one, zero = np.float32(1), np.float32(0)
    if name == "step":
        return np.zeros(z.shape, dtype=np.float32)
    if name == "sigmoid":
        s = _sig32(z)
        return s * (one - s)
    if name == "tanh":
        return one - np.tanh(z) ** 2
    if name == "relu":
        return np.where(z > 0, one, zero)
    if name == "leaky_relu":
        return np.where(z >= 0, one, np.float32(0.01))
    return np.where(z >= 0, one, np.exp(np.minimum(z, zero)))
'''

_ACT_LOGADDEXP = '''    _check_activation_name(name)
    z = np.asarray(z, dtype=float)
    if name == "step":
        out = np.where(z >= 0, 1.0, 0.0)
    elif name == "sigmoid":
        out = np.exp(-np.logaddexp(0.0, -z))
    elif name == "tanh":
        out = np.tanh(z)
    elif name == "relu":
        out = np.maximum(z, 0.0)
    elif name == "leaky_relu":
        out = np.where(z >= 0, z, 0.01 * z)
    else:
        out = np.where(z >= 0, z, np.expm1(np.minimum(z, 0.0)))
    return out
'''

_SM_ROW_LOOP = '''    z = np.asarray(z, dtype=float)
    if z.ndim == 1:
        rows = z[np.newaxis, :]
    elif z.ndim == 2:
        rows = z
    else:
        raise ValueError(f"softmax needs a 1-D or 2-D array, got "
                         f"{z.ndim}-D with shape {z.shape}")
    if rows.shape[0] == 0 or rows.shape[1] == 0:
        raise ValueError(f"softmax of an empty array (shape {z.shape}) "
                         "is undefined")
    out = np.empty_like(rows)
    for i in range(rows.shape[0]):
        biggest = max(rows[i])
        total = 0.0
        for j in range(rows.shape[1]):
            out[i, j] = np.exp(rows[i, j] - biggest)
            total += out[i, j]
        for j in range(rows.shape[1]):
            out[i, j] /= total
    return out.reshape(z.shape)
'''

_SM_LOGSUMEXP = '''    z = np.asarray(z, dtype=float)
    if z.ndim != 1 and z.ndim != 2:
        raise ValueError(f"expected shape (m,) or (n, m), got {z.shape}")
    if min(z.shape) == 0:
        raise ValueError(f"expected a non-empty array, got shape {z.shape}")
    lse = np.logaddexp.reduce(z, axis=-1, keepdims=True)
    return np.exp(z - lse)
'''

_SM_FLOAT32 = '''    z = np.asarray(z, dtype=np.float32)
    if z.ndim not in (1, 2):
        raise ValueError(f"z must be 1-D or 2-D, not {z.ndim}-D "
                         f"(shape {z.shape})")
    if z.size == 0:
        raise ValueError(f"z is empty: shape {z.shape}")
    shifted = z - np.max(z, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)
'''

_SM_RESHAPE = '''    try:
        z = np.array(z, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"z must be an array of numbers, got {z!r}") \\
            from None
    if z.ndim == 0 or z.ndim > 2:
        raise ValueError(f"softmax takes a vector or a matrix, got an "
                         f"array with {z.ndim} dimensions")
    if z.size == 0:
        raise ValueError(f"cannot take the softmax of an empty array of "
                         f"shape {z.shape}")
    matrix = z.reshape(-1, z.shape[-1])
    matrix = matrix - matrix.max(axis=1)[:, None]
    np.exp(matrix, out=matrix)
    matrix /= matrix.sum(axis=1)[:, None]
    return matrix.reshape(z.shape)
'''

_SM_KEEP_DTYPE = '''    z = np.asarray(z)
    if z.ndim not in (1, 2):
        raise ValueError(f"z must be 1-D or 2-D, got shape {z.shape}")
    if z.shape[0] == 0 or z.shape[-1] == 0:
        raise ValueError(f"z must have rows and columns, got {z.shape}")
    if z.dtype.kind != "f":
        z = z.astype(float)
    e = np.exp(z - np.amax(z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)
'''

VALID = [
    # --- part A: mcculloch_pitts ---
    Variant("mcculloch_pitts: plain Python loops, threshold checked first",
            cells={"mcculloch_pitts": MP_HEAD + _MP_LOOPS}),
    Variant("mcculloch_pitts: float32 arithmetic, np.int32 results",
            cells={"mcculloch_pitts": MP_HEAD + _MP_FLOAT32}),
    Variant("mcculloch_pitts: einsum, NaN checked first, np.int64 for one "
            "vector", cells={"mcculloch_pitts": MP_HEAD + _MP_EINSUM}),
    Variant("mcculloch_pitts: (x * w).sum over a 2-D view, table of checks",
            cells={"mcculloch_pitts": MP_HEAD + _MP_SUM}),
    # --- part B: perceptron_train ---
    Variant("perceptron_train: bias folded into an augmented weight vector",
            cells={"perceptron_train": PT_HEAD + _PT_AUGMENTED}),
    Variant("perceptron_train: plain Python lists, update only on mistakes",
            cells={"perceptron_train": PT_HEAD + _PT_LISTS}),
    Variant("perceptron_train: float32 arithmetic, w returned as float32",
            cells={"perceptron_train": PT_HEAD + _PT_FLOAT32}),
    Variant("perceptron_train: while loop, arguments checked in reverse "
            "order, other wording",
            cells={"perceptron_train": PT_HEAD + _PT_OTHER_ORDER}),
    Variant("perceptron_train: reads 'converged a bool' as allowing "
            "np.bool_",
            edits=[("perceptron_train",
                    "return w, float(b), True, epoch",
                    "return w, float(b), np.bool_(True), epoch"),
                   ("perceptron_train",
                    "return w, float(b), False, int(max_iter)",
                    "return w, float(b), np.bool_(False), int(max_iter)")]),
    Variant("perceptron_train: reads 'n_iter an int' as allowing np.int64",
            edits=[("perceptron_train",
                    "return w, float(b), True, epoch",
                    "return w, float(b), True, np.int64(epoch)"),
                   ("perceptron_train",
                    "return w, float(b), False, int(max_iter)",
                    "return w, float(b), False, np.int64(max_iter)")]),
    Variant("perceptron_train: reads 'b a float' as allowing np.float32",
            edits=[("perceptron_train",
                    "return w, float(b), True, epoch",
                    "return w, np.float32(b), True, epoch"),
                   ("perceptron_train",
                    "return w, float(b), False, int(max_iter)",
                    "return w, np.float32(b), False, int(max_iter)")]),
    Variant("perceptron_train: reads 'a positive integer' by value "
            "(accepts max_iter=5.0)",
            edits=[("perceptron_train",
                    "or not isinstance(max_iter, numbers.Integral) "
                    "or max_iter < 1):",
                    "or not isinstance(max_iter, numbers.Real)\n"
                    "            or max_iter != int(max_iter) "
                    "or max_iter < 1):")]),
    # --- part C: activation, activation_derivative ---
    Variant("activation: element by element with math, in Python loops",
            cells={"activation": _act_cell(_ACT_LOOPS_PRELUDE, _ACT_LOOPS,
                                           _DER_LOOPS)}),
    Variant("activation: lecture's tanh sigmoid, lambda table, "
            "tanh' = 1/cosh^2",
            cells={"activation": _act_cell(_ACT_TANH_PRELUDE, _ACT_TANH,
                                           _DER_TANH)}),
    Variant("activation: plain exp formulas with overflow silenced "
            "(np.errstate), heaviside",
            cells={"activation": _act_cell(_ACT_ERRSTATE_PRELUDE,
                                           _ACT_ERRSTATE, _DER_ERRSTATE)}),
    Variant("activation: float32 arithmetic, cancellation-free "
            "derivatives",
            cells={"activation": _act_cell(_ACT_F32_PRELUDE, _ACT_F32,
                                           _DER_F32_CAREFUL)}),
    Variant("activation: float32 arithmetic, derivatives literally as in "
            "the table (s(1-s), 1-tanh^2)",
            cells={"activation": _act_cell(_ACT_F32_PRELUDE, _ACT_F32,
                                           _DER_F32_LITERAL)}),
    Variant("activation: sigmoid via logaddexp",
            cells={"activation": _act_cell(ACT_PRELUDE, _ACT_LOGADDEXP,
                                           DER_BODY)}),
    Variant("activation: reads the 'Bad input' convention as covering NaN "
            "in z (raises ValueError)",
            edits=[("activation",
                    "    z = np.asarray(z, dtype=float)\n",
                    "    z = np.asarray(z, dtype=float)\n"
                    "    if np.isnan(z).any():\n"
                    "        raise ValueError(f\"z must not hold NaN, got "
                    "{z!r}.\")\n"),
                   ("activation",
                    "    z = np.array(z, dtype=float)\n",
                    "    z = np.array(z, dtype=float)\n"
                    "    if np.isnan(z).any():\n"
                    "        raise ValueError(f\"z must not hold NaN, got "
                    "{z!r}.\")\n")]),
    Variant("activation: unguarded np.where(z >= 0, z, np.exp(z) - 1) for "
            "ELU (overflow warning at z = +1000, values correct)",
            edits=[("activation",
                    "out = np.where(z >= 0, z, np.expm1(np.minimum(z, 0.0)))",
                    "out = np.where(z >= 0, z, np.exp(z) - 1)"),
                   ("activation",
                    "out = np.where(z >= 0, 1.0, np.exp(np.minimum(z, 0.0)))",
                    "out = np.where(z >= 0, 1.0, np.exp(z))")]),
    # --- part D: softmax ---
    Variant("softmax: Python loops over rows and entries",
            cells={"softmax": SM_HEAD + _SM_ROW_LOOP}),
    Variant("softmax: log-sum-exp with np.logaddexp.reduce",
            cells={"softmax": SM_HEAD + _SM_LOGSUMEXP}),
    Variant("softmax: float32 arithmetic",
            cells={"softmax": SM_HEAD + _SM_FLOAT32}),
    Variant("softmax: one (n, m) code path via reshape, in place exp",
            cells={"softmax": SM_HEAD + _SM_RESHAPE}),
    Variant("softmax: keeps a float input's dtype (float32 in, float32 out)",
            cells={"softmax": SM_HEAD + _SM_KEEP_DTYPE}),
    Variant("softmax: reads the 'Bad input' convention as covering NaN in "
            "z (raises ValueError)",
            edits=[("softmax",
                    "    e = np.exp(z - z.max(axis=-1, keepdims=True))\n",
                    "    if np.isnan(z).any():\n"
                    "        raise ValueError(\"z must not hold NaN.\")\n"
                    "    e = np.exp(z - z.max(axis=-1, keepdims=True))\n")]),
]

# ---------------------------------------------------------------------------
# WRONG: one plausible mistake each.
# ---------------------------------------------------------------------------

_PT_STALE = PT_BODY.replace(
    """        mistakes = 0
        for x_i, y_i in zip(X, y):
            y_hat = 1.0 if x_i @ w + b >= 0 else 0.0
            error = y_i - y_hat
            if error != 0:
                mistakes += 1
            w = w + lr * error * x_i
            b = b + lr * error
        if mistakes == 0:
""", """        y_hats = (X @ w + b >= 0).astype(float)   # all at once
        mistakes = int((y_hats != y).sum())
        for x_i, y_i, y_hat in zip(X, y, y_hats):
            error = y_i - y_hat
            w = w + lr * error * x_i
            b = b + lr * error
        if mistakes == 0:
""")
assert _PT_STALE != PT_BODY

_PT_SHUFFLED = PT_BODY.replace(
    "        for x_i, y_i in zip(X, y):\n",
    "        order = np.random.default_rng(epoch).permutation(len(y))\n"
    "        for x_i, y_i in zip(X[order], y[order]):\n")

WRONG = [
    # --- part A: mcculloch_pitts ---
    Variant("mcculloch_pitts: strict > instead of >=",
            edits=[("mcculloch_pitts", "fires = x @ w >= theta",
                    "fires = x @ w > theta")],
            breaks="Note the $\\ge$: a sum *equal* to the threshold "
                   "fires"),
    Variant("mcculloch_pitts: returns a bool array for a batch",
            edits=[("mcculloch_pitts", "    return fires.astype(int)\n",
                    "    return fires\n")],
            breaks="then it returns an integer array of shape "
                   "`(n_samples,)`"),
    Variant("mcculloch_pitts: NaN threshold not rejected",
            edits=[("mcculloch_pitts",
                    "    if np.isnan(theta):\n        raise ValueError(f\""
                    "threshold must not be NaN, got {threshold!r}.\")\n",
                    "")],
            breaks="or if `x`, `w` or `threshold` holds a NaN"),
    Variant("mcculloch_pitts: an empty batch x of shape (0, n) accepted",
            edits=[("mcculloch_pitts", "if x.size == 0 or w.size == 0:",
                    "if w.size == 0:")],
            breaks="if `x` or `w` is empty"),
    Variant("mcculloch_pitts: a 2-D w not rejected",
            edits=[("mcculloch_pitts",
                    "    if w.ndim != 1:\n        raise ValueError(\"w must "
                    "be a 1-D array of weights, got an array \"\n"
                    "                         f\"of shape {w.shape}.\")\n",
                    "")],
            breaks="Raise a `ValueError` if `w` is not 1-D"),
    Variant("mcculloch_pitts: a 3-D x not rejected",
            edits=[("mcculloch_pitts", "if x.ndim not in (1, 2):",
                    "if x.ndim == 0:")],
            breaks="if `x` is neither 1-D nor 2-D"),
    Variant("mcculloch_pitts: NaN in x not rejected (only w checked)",
            edits=[("mcculloch_pitts",
                    "if np.isnan(x).any() or np.isnan(w).any():",
                    "if np.isnan(w).any():")],
            breaks="or if `x`, `w` or `threshold` holds a NaN"),
    # --- part B: perceptron_train ---
    Variant("perceptron_train: starts from w = 1",
            edits=[("perceptron_train", "w = np.zeros(X.shape[1])",
                    "w = np.ones(X.shape[1])")],
            breaks="Start from $\\mathbf{w} = \\mathbf{0}$ (shape "
                   "`(n_features,)`) and $b = 0$."),
    Variant("perceptron_train: predicts 1 only for s > 0",
            edits=[("perceptron_train",
                    "y_hat = 1.0 if x_i @ w + b >= 0 else 0.0",
                    "y_hat = 1.0 if x_i @ w + b > 0 else 0.0")],
            breaks="predicts $\\hat y = 1$ if $s = \\mathbf{x}\\cdot"
                   "\\mathbf{w} + b \\ge 0$, else $\\hat y = 0$"),
    Variant("perceptron_train: n_iter leaves out the clean epoch",
            edits=[("perceptron_train", "return w, float(b), True, epoch",
                    "return w, float(b), True, epoch - 1")],
            breaks="`n_iter` = the number of epochs run, that last clean "
                   "epoch included"),
    Variant("perceptron_train: the bias is never updated",
            edits=[("perceptron_train", "            b = b + lr * error\n",
                    "")],
            breaks="b \\leftarrow b + \\eta\\,(y_i - \\hat y_i)"),
    Variant("perceptron_train: lr ignored (steps of size 1)",
            edits=[("perceptron_train", "w = w + lr * error * x_i",
                    "w = w + error * x_i"),
                   ("perceptron_train", "b = b + lr * error",
                    "b = b + error")],
            breaks="with $\\eta$ = `lr`"),
    Variant("perceptron_train: predicts a whole epoch with the weights of "
            "its start", cells={"perceptron_train": PT_HEAD + _PT_STALE},
            breaks="predict $\\hat y_i$ with the *current* "
                   "$\\mathbf{w}, b$, then update"),
    Variant("perceptron_train: a clean last epoch max_iter reported as "
            "not converged",
            edits=[("perceptron_train", "if mistakes == 0:",
                    "if mistakes == 0 and epoch < max_iter:")],
            breaks="(If epoch number `max_iter` itself is clean, that is "
                   "convergence.)"),
    Variant("perceptron_train: shuffles the samples every epoch",
            cells={"perceptron_train": PT_HEAD + _PT_SHUFFLED},
            breaks="An *epoch* is one pass over the samples **in the order "
                   "given**."),
    Variant("perceptron_train: bool labels rejected",
            edits=[("perceptron_train", "if y.dtype.kind not in \"biuf\":",
                    "if y.dtype.kind not in \"iuf\":")],
            breaks="(labels may come as ints, floats or bools)"),
    Variant("perceptron_train: lr = 0 accepted",
            edits=[("perceptron_train",
                    "or not math.isfinite(lr) or lr <= 0):",
                    "or not math.isfinite(lr) or lr < 0):")],
            breaks="if `lr` is not a positive finite number"),
    Variant("perceptron_train: infinite or NaN lr accepted",
            edits=[("perceptron_train",
                    "or not math.isfinite(lr) or lr <= 0):",
                    "or lr <= 0):")],
            breaks="if `lr` is not a positive finite number"),
    Variant("perceptron_train: a non-integer max_iter such as 2.5 accepted",
            edits=[("perceptron_train",
                    "or not isinstance(max_iter, numbers.Integral) "
                    "or max_iter < 1):",
                    "or max_iter < 1):")],
            breaks="or if `max_iter` is not a positive integer"),
    Variant("perceptron_train: NaN in X not rejected",
            edits=[("perceptron_train",
                    "    if np.isnan(X).any():\n"
                    "        raise ValueError(\"X must not contain NaN, "
                    "got \"\n"
                    "                         f\"{int(np.isnan(X).sum())} NaN "
                    "entries.\")\n",
                    "")],
            breaks="Raise a `ValueError` if `X` is not a non-empty 2-D "
                   "array or holds a NaN"),
    Variant("perceptron_train: y with a different length than X accepted",
            edits=[("perceptron_train",
                    "if y.ndim != 1 or y.shape[0] != X.shape[0]:",
                    "if y.ndim != 1:")],
            breaks="if `y` is not 1-D with one label per row of `X`"),
    Variant("perceptron_train: labels only checked to lie in [0, 1]",
            edits=[("perceptron_train",
                    "if not np.all((y == 0) | (y == 1)):",
                    "if np.any((y < 0) | (y > 1)):")],
            breaks="if a label is anything but 0 or 1"),
    Variant("perceptron_train: an empty X accepted",
            edits=[("perceptron_train", "if X.ndim != 2 or X.size == 0:",
                    "if X.ndim != 2:")],
            breaks="Raise a `ValueError` if `X` is not a non-empty 2-D "
                   "array"),
    # --- part C: activation, activation_derivative ---
    Variant("activation_derivative: leaky ReLU slope 0.1 (the lecture's)",
            edits=[("activation", "np.where(z >= 0, 1.0, 0.01)",
                    "np.where(z >= 0, 1.0, 0.1)")],
            breaks="with $\\alpha = 0.01$ for leaky ReLU"),
    Variant("activation_derivative: leaky_relu'(0) = alpha",
            edits=[("activation", "np.where(z >= 0, 1.0, 0.01)",
                    "np.where(z > 0, 1.0, 0.01)")],
            breaks="$\\mathrm{leaky\\_relu}'(0) = 1$"),
    Variant("activation_derivative: relu'(0) = 1",
            edits=[("activation", "out = np.where(z > 0, 1.0, 0.0)",
                    "out = np.where(z >= 0, 1.0, 0.0)")],
            breaks="$\\mathrm{relu}'(0) = 0$"),
    Variant("activation_derivative: ELU's derivative for z < 0 is "
            "alpha (e^z - 1)",
            edits=[("activation",
                    "out = np.where(z >= 0, 1.0, np.exp(np.minimum(z, 0.0)))",
                    "out = np.where(z >= 0, 1.0, "
                    "np.expm1(np.minimum(z, 0.0)))")],
            breaks="$1$ if $z \\ge 0$, else $\\alpha e^{z}$"),
    Variant("activation_derivative: sigmoid' as e^-z / (1 + e^-z)^2, nan "
            "at z = -1000",
            edits=[("activation", "out = _sigmoid(z) * _sigmoid(-z)",
                    "out = np.exp(-z) / (1.0 + np.exp(-z)) ** 2")],
            breaks="Both functions must give correct, finite values for "
                   "large $|z|$"),
    Variant("activation_derivative: tanh' = 1 - tanh z (square missing)",
            edits=[("activation", "out = 1.0 - np.tanh(z) ** 2",
                    "out = 1.0 - np.tanh(z)")],
            breaks="$1-\\tanh^2 z$"),
    Variant("activation: error message does not list the valid names",
            edits=[("activation",
                    "f\"are {valid}.\")",
                    "\"are in the notebook's table.\")")],
            breaks="raise a `ValueError` whose message lists the six valid "
                   "names"),
    Variant("activation: step returns an int array",
            edits=[("activation", "out = np.where(z >= 0, 1.0, 0.0)",
                    "out = (z >= 0).astype(int)")],
            breaks="return an array of floats of the same shape"),
    Variant("activation: a number comes back as shape (1,)",
            edits=[("activation", "    z = np.asarray(z, dtype=float)\n",
                    "    z = np.atleast_1d(np.asarray(z, dtype=float))\n")],
            breaks="an array `z` of any shape (a number, a vector, a "
                   "matrix, ...) and return an array of floats of the same "
                   "shape"),
    Variant("activation_derivative: unknown names not rejected",
            edits=[("activation", "    name = _check_activation_name(name)\n",
                    "")],
            breaks="For a name not in the table, raise a `ValueError`"),
    # --- part D: softmax ---
    Variant("softmax: subtracts the global max, not each row's",
            edits=[("softmax", "z.max(axis=-1, keepdims=True)", "z.max()")],
            breaks="also when different rows have very different sizes"),
    Variant("softmax: normalises the columns",
            edits=[("softmax", "e.sum(axis=-1, keepdims=True)",
                    "e.sum(axis=0, keepdims=True)")],
            breaks="one vector **per row**, each row normalised on its own"),
    Variant("softmax: no shift, overflows at 1000",
            edits=[("softmax", "np.exp(z - z.max(axis=-1, keepdims=True))",
                    "np.exp(z)")],
            breaks="It must work for entries as large as $\\pm 1000$"),
    Variant("softmax: z with no rows, shape (0, m), accepted",
            edits=[("softmax", "if z.size == 0:", "if z.shape[-1] == 0:")],
            breaks="or if it is empty (no rows or no columns)"),
    Variant("softmax: a number accepted",
            edits=[("softmax", "    z = np.asarray(z, dtype=float)\n",
                    "    z = np.atleast_1d(np.asarray(z, dtype=float))\n")],
            breaks="Raise a `ValueError` if `z` is not 1-D or 2-D (a "
                   "number, a 3-D array, ...)"),
]

'''Independent implementations of assignment 04 (optimizers), for fairness.

Written from what a student sees: ``release/04_optimizers/04_optimizers.ipynb``
and the lectures in ``course/``, never from ``source/`` or the hidden tests.
``BASE`` solves every solution cell; ``VALID`` holds other implementations
that follow every sentence of the notebook (loops, float32, other shuffles,
other wording, the other reading of an under-specified sentence, named in
the variant); ``WRONG`` holds one plausible student mistake each, with the
notebook's words it breaks.
'''
from benchmarks.fairness import Variant

# --------------------------------------------------------------------------
# BASE
# --------------------------------------------------------------------------

TRAIN_TEST_SPLIT = '''\
def train_test_split(X, y, test_size=0.25, random_state=None):
    """Split X and y into random training and test parts.

    Parameters
    ----------
    X : ndarray of shape (n_samples, ...)
    y : ndarray of shape (n_samples,) or (n_samples, n_outputs)
    test_size : float in (0, 1) (a fraction) or int (a number of samples)
    random_state : int or None, the seed of the shuffle

    Returns
    -------
    X_train, X_test, y_train, y_test : ndarrays, rows of X and y
    """
    import math
    import numbers

    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim < 1:
        raise ValueError(f"X must have at least one dimension, got shape "
                         f"{X.shape}")
    if y.ndim not in (1, 2):
        raise ValueError(f"y must be 1-D or 2-D, got shape {y.shape}")
    n = len(X)
    if len(y) != n:
        raise ValueError(f"X and y must have the same number of rows, got "
                         f"{n} and {len(y)}")
    if isinstance(test_size, bool):
        raise ValueError(f"test_size must be a float in (0, 1) or an int, "
                         f"got {test_size!r}")
    if isinstance(test_size, numbers.Integral):
        n_test = int(test_size)
        if not 1 <= n_test <= n - 1:
            raise ValueError(f"an integer test_size must leave both parts "
                             f"non-empty (between 1 and {n - 1}), got "
                             f"{test_size}")
    elif isinstance(test_size, numbers.Real):
        if not 0 < test_size < 1:
            raise ValueError(f"a float test_size must be strictly between 0 "
                             f"and 1, got {test_size}")
        n_test = math.ceil(test_size * n)
    else:
        raise ValueError(f"test_size must be a float in (0, 1) or an int, "
                         f"got {type(test_size).__name__}")
    rng = np.random.default_rng(random_state)
    order = rng.permutation(n)
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]
'''

MINIBATCHES = '''\
def minibatches(X, y, batch_size, rng):
    """Yield shuffled minibatches (X_batch, y_batch) covering one epoch.

    Parameters
    ----------
    X : ndarray of shape (n_samples, ...)
    y : ndarray of shape (n_samples,) or (n_samples, n_outputs)
    batch_size : int > 0, samples per batch (the last batch may be smaller)
    rng : np.random.Generator, the source of the shuffle

    Yields
    ------
    X_batch, y_batch : the rows of X and y of one minibatch
    """
    if isinstance(batch_size, bool) or not isinstance(batch_size,
                                                      (int, np.integer)):
        raise ValueError(f"batch_size must be an integer, got "
                         f"{batch_size!r}")
    if batch_size <= 0:
        raise ValueError(f"batch_size must be > 0, got {batch_size}")
    X = np.asarray(X)
    y = np.asarray(y)
    n = len(X)
    if len(y) != n:
        raise ValueError(f"X and y must have the same number of rows, got "
                         f"{n} and {len(y)}")
    order = rng.permutation(n)
    for start in range(0, n, int(batch_size)):
        idx = order[start:start + batch_size]
        yield X[idx], y[idx]
'''

OPTIMIZER = '''\
class Optimizer:
    """Base class of the update rules: keeps the parameters, takes steps.

    Parameters
    ----------
    params : list of ndarray, the model's parameter arrays (changed in place)
    lr : float > 0, the learning rate
    """

    def __init__(self, params, lr=0.01):
        import numbers
        if (isinstance(lr, bool) or not isinstance(lr, numbers.Real)
                or not 0 < lr < float("inf")):
            raise ValueError(f"lr must be a positive finite number, got "
                             f"{lr!r}")
        if not isinstance(params, (list, tuple)):
            raise ValueError(f"params must be a list of float arrays, got "
                             f"{type(params).__name__}")
        for i, p in enumerate(params):
            if not (isinstance(p, np.ndarray)
                    and np.issubdtype(p.dtype, np.floating)):
                raise ValueError(f"params[{i}] must be a NumPy array of a "
                                 f"floating dtype, got {p!r}")
        self.params = params
        self.lr = lr

    def step(self, grads):
        """Add self._get_updates(grads) to the parameters, in place.

        Parameters
        ----------
        grads : list of ndarray, one gradient per parameter, same shapes
        """
        if len(grads) != len(self.params):
            raise ValueError(f"expected {len(self.params)} gradients, one "
                             f"per parameter, got {len(grads)}")
        for i, (p, g) in enumerate(zip(self.params, grads)):
            if np.shape(g) != p.shape:
                raise ValueError(f"grads[{i}] has shape {np.shape(g)}, but "
                                 f"its parameter has shape {p.shape}")
        updates = self._get_updates(grads)
        for p, u in zip(self.params, updates):
            p += u

    def _get_updates(self, grads):
        """The values to add to the parameters; each subclass computes them."""
        raise NotImplementedError("a subclass computes the updates")


class SGD(Optimizer):
    """Plain stochastic gradient descent: x <- x - lr * g."""

    def _get_updates(self, grads):
        return [-self.lr * np.asarray(g) for g in grads]
'''

MOMENTUM = '''\
import numbers


class Momentum(Optimizer):
    """Heavy-ball momentum: v <- beta * v + g, x <- x - lr * v."""

    def __init__(self, params, lr=0.01, beta=0.9):
        super().__init__(params, lr)
        if not (isinstance(beta, numbers.Real) and 0 <= beta < 1):
            raise ValueError(f"beta must be in [0, 1), got {beta!r}")
        self.beta = beta
        self.v = [np.zeros_like(p) for p in self.params]

    def _get_updates(self, grads):
        updates = []
        for i, g in enumerate(grads):
            self.v[i] = self.beta * self.v[i] + g
            updates.append(-self.lr * self.v[i])
        return updates
'''

NESTEROV = '''\
import numbers


class Nesterov(Optimizer):
    """Nesterov momentum: v <- beta * v + g, x <- x - lr * (g + beta * v)."""

    def __init__(self, params, lr=0.01, beta=0.9):
        super().__init__(params, lr)
        if not (isinstance(beta, numbers.Real) and 0 <= beta < 1):
            raise ValueError(f"beta must be in [0, 1), got {beta!r}")
        self.beta = beta
        self.v = [np.zeros_like(p) for p in self.params]

    def _get_updates(self, grads):
        updates = []
        for i, g in enumerate(grads):
            self.v[i] = self.beta * self.v[i] + g
            updates.append(-self.lr * (g + self.beta * self.v[i]))
        return updates
'''

ADAGRAD = '''\
import numbers


class AdaGrad(Optimizer):
    """AdaGrad: s <- s + g**2, x <- x - lr * g / sqrt(s + eps)."""

    def __init__(self, params, lr=0.01, eps=1e-6):
        super().__init__(params, lr)
        if not (isinstance(eps, numbers.Real) and eps > 0):
            raise ValueError(f"eps must be > 0, got {eps!r}")
        self.eps = eps
        self.s = [np.zeros_like(p) for p in self.params]

    def _get_updates(self, grads):
        updates = []
        for i, g in enumerate(grads):
            self.s[i] = self.s[i] + g ** 2
            updates.append(-self.lr * g / np.sqrt(self.s[i] + self.eps))
        return updates
'''

RMSPROP = '''\
import numbers


class RMSprop(Optimizer):
    """RMSprop: s <- gamma s + (1-gamma) g**2, x <- x - lr g/sqrt(s + eps)."""

    def __init__(self, params, lr=0.01, gamma=0.9, eps=1e-6):
        super().__init__(params, lr)
        if not (isinstance(gamma, numbers.Real) and 0 <= gamma < 1):
            raise ValueError(f"gamma must be in [0, 1), got {gamma!r}")
        if not (isinstance(eps, numbers.Real) and eps > 0):
            raise ValueError(f"eps must be > 0, got {eps!r}")
        self.gamma = gamma
        self.eps = eps
        self.s = [np.zeros_like(p) for p in self.params]

    def _get_updates(self, grads):
        updates = []
        for i, g in enumerate(grads):
            self.s[i] = self.gamma * self.s[i] + (1 - self.gamma) * g ** 2
            updates.append(-self.lr * g / np.sqrt(self.s[i] + self.eps))
        return updates
'''

ADAM = '''\
import numbers


class Adam(Optimizer):
    """Adam: leaky averages of g and g**2, bias-corrected, eps outside sqrt."""

    def __init__(self, params, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(params, lr)
        for name, value in (("beta1", beta1), ("beta2", beta2)):
            if not (isinstance(value, numbers.Real) and 0 <= value < 1):
                raise ValueError(f"{name} must be in [0, 1), got {value!r}")
        if not (isinstance(eps, numbers.Real) and eps > 0):
            raise ValueError(f"eps must be > 0, got {eps!r}")
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.t = 0
        self.v = [np.zeros_like(p) for p in self.params]
        self.s = [np.zeros_like(p) for p in self.params]

    def _get_updates(self, grads):
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        updates = []
        for i, g in enumerate(grads):
            self.v[i] = b1 * self.v[i] + (1 - b1) * g
            self.s[i] = b2 * self.s[i] + (1 - b2) * g ** 2
            v_hat = self.v[i] / (1 - b1 ** self.t)
            s_hat = self.s[i] / (1 - b2 ** self.t)
            updates.append(-self.lr * v_hat / (np.sqrt(s_hat) + self.eps))
        return updates
'''

MAKE_OPTIMIZER = '''\
def make_optimizer(name, params, **kwargs):
    """An optimizer by name: make_optimizer("adam", params, lr=0.01)."""
    classes = {"sgd": SGD, "momentum": Momentum, "nesterov": Nesterov,
               "adagrad": AdaGrad, "rmsprop": RMSprop, "adam": Adam}
    key = name.lower() if isinstance(name, str) else None
    if key not in classes:
        raise ValueError(f"unknown optimizer {name!r}; choose one of "
                         f"{', '.join(classes)}")
    return classes[key](params, **kwargs)
'''

METRICS = '''\
def _check_targets(y_true, y_pred):
    """Both as float arrays of one shape, 1-D or 2-D; else ValueError."""
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true and y_pred must have the same shape, got "
                         f"{y_true.shape} and {y_pred.shape}")
    if y_true.ndim not in (1, 2):
        raise ValueError(f"targets must be 1-D or 2-D, got shape "
                         f"{y_true.shape}")
    if len(y_true) == 0:
        raise ValueError("targets must hold at least one sample")
    return y_true, y_pred


def mse(y_true, y_pred):
    """Mean squared error over all entries."""
    y_true, y_pred = _check_targets(y_true, y_pred)
    return float(np.mean((y_pred - y_true) ** 2))


def mae(y_true, y_pred):
    """Mean absolute error over all entries."""
    y_true, y_pred = _check_targets(y_true, y_pred)
    return float(np.mean(np.abs(y_pred - y_true)))


def r2_score(y_true, y_pred):
    """Coefficient of determination; the mean over columns for 2-D targets."""
    y_true, y_pred = _check_targets(y_true, y_pred)
    ss_res = np.sum((y_true - y_pred) ** 2, axis=0)
    ss_tot = np.sum((y_true - y_true.mean(axis=0)) ** 2, axis=0)
    return float(np.mean(1 - ss_res / ss_tot))


def accuracy(y_true, y_pred):
    """Fraction of correct labels; y_pred holds labels or per-class scores."""
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    if y_true.ndim != 1:
        raise ValueError(f"y_true must be 1-D labels, got shape "
                         f"{y_true.shape}")
    if y_pred.ndim == 2:
        y_pred = np.argmax(y_pred, axis=1)
    elif y_pred.ndim != 1:
        raise ValueError(f"y_pred must hold labels (n_samples,) or scores "
                         f"(n_samples, n_classes), got shape {y_pred.shape}")
    if len(y_pred) != len(y_true):
        raise ValueError(f"y_true and y_pred must have the same number of "
                         f"samples, got {len(y_true)} and {len(y_pred)}")
    return float(np.mean(y_pred == y_true))
'''

FIT = '''\
def fit(model, X, y, optimizer, num_epochs, batch_size, rng):
    """Train model with optimizer on minibatches; return the loss history.

    Parameters
    ----------
    model : has params and loss_and_grads(X, y) -> (loss, grads)
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,) or (n_samples, n_outputs)
    optimizer : an Optimizer created on model.params
    num_epochs : int > 0, passes over the data
    batch_size : int > 0, samples per minibatch
    rng : np.random.Generator, the source of the shuffles

    Returns
    -------
    history : list of float, the mean training loss of each epoch
    """
    if (isinstance(num_epochs, bool)
            or not isinstance(num_epochs, (int, np.integer))
            or num_epochs <= 0):
        raise ValueError(f"num_epochs must be a positive integer, got "
                         f"{num_epochs!r}")
    history = []
    for _ in range(num_epochs):
        total, count = 0.0, 0
        for X_batch, y_batch in minibatches(X, y, batch_size, rng):
            loss, grads = model.loss_and_grads(X_batch, y_batch)
            optimizer.step(grads)
            total += float(loss) * len(X_batch)
            count += len(X_batch)
        history.append(total / count)
    return history
'''

BASE = {
    "train_test_split": TRAIN_TEST_SPLIT,
    "minibatches": MINIBATCHES,
    "Optimizer": OPTIMIZER,
    "Momentum": MOMENTUM,
    "Nesterov": NESTEROV,
    "AdaGrad": ADAGRAD,
    "RMSprop": RMSPROP,
    "Adam": ADAM,
    "make_optimizer": MAKE_OPTIMIZER,
    "metrics": METRICS,
    "fit": FIT,
}

# --------------------------------------------------------------------------
# VALID: other implementations that follow every sentence of the notebook
# --------------------------------------------------------------------------

_SPLIT_HEAD = TRAIN_TEST_SPLIT.split("    import math\n")[0]
_MINIBATCHES_HEAD = MINIBATCHES.split("    if isinstance(batch_size, bool)")[0]
_FIT_HEAD = FIT.split("    if (isinstance(num_epochs, bool)")[0]

SPLIT_LOOPS = _SPLIT_HEAD + '''\
    import math

    n = len(X)
    if not (isinstance(test_size, (int, float, np.integer, np.floating))
            and not isinstance(test_size, bool)):
        raise ValueError("test_size must be an int or a float, not "
                         + type(test_size).__name__)
    if isinstance(test_size, (float, np.floating)):
        if test_size <= 0 or test_size >= 1:
            raise ValueError("test_size as a fraction must lie strictly "
                             "between 0 and 1")
    if len(y) != n:
        raise ValueError("X and y need one row per sample each: "
                         f"{n} rows in X, {len(y)} in y")
    if isinstance(test_size, (float, np.floating)):
        n_test = int(math.ceil(test_size * n))
    else:
        n_test = int(test_size)
        if n_test < 1 or n_test > n - 1:
            raise ValueError("test_size as a number of samples must leave "
                             "at least one sample in each part")
    rng = np.random.default_rng(random_state)
    order = list(range(n))
    rng.shuffle(order)
    train_idx, test_idx = [], []
    for k, i in enumerate(order):
        if k < n_test:
            test_idx.append(i)
        else:
            train_idx.append(i)
    train_idx = np.array(train_idx, dtype=int)
    test_idx = np.array(test_idx, dtype=int)
    X, y = np.asarray(X), np.asarray(y)
    return X[train_idx], X[test_idx], y[train_idx], y[test_idx]
'''

SPLIT_MASK = _SPLIT_HEAD + '''\
    import numbers

    X = np.asarray(X)
    y = np.asarray(y)
    if X.shape[0] != y.shape[0]:
        raise ValueError(f"X has {X.shape[0]} rows but y has {y.shape[0]}")
    n = X.shape[0]
    if isinstance(test_size, numbers.Integral) and not isinstance(
            test_size, bool):
        if test_size < 1 or test_size >= n:
            raise ValueError(f"integer test_size must be in 1..{n - 1}")
        n_test = int(test_size)
    elif isinstance(test_size, float):
        if not 0.0 < test_size < 1.0:
            raise ValueError("float test_size must be in (0, 1)")
        n_test = int(np.ceil(test_size * n))
    else:
        raise ValueError("test_size must be an int or a float")
    rng = np.random.default_rng(random_state)
    keys = rng.random(n)
    ranks = np.argsort(keys)
    is_test = np.zeros(n, dtype=bool)
    is_test[ranks[:n_test]] = True
    return X[~is_test], X[is_test], y[~is_test], y[is_test]
'''

SPLIT_FRACTION_EXACT = _SPLIT_HEAD + '''\
    import math
    import numbers
    from fractions import Fraction

    X = np.asarray(X)
    y = np.asarray(y)
    n = len(X)
    if len(y) != n:
        raise ValueError(f"X and y must have the same number of rows, got "
                         f"{n} and {len(y)}")
    if isinstance(test_size, numbers.Integral) and not isinstance(
            test_size, bool):
        if not 0 < test_size < n:
            raise ValueError("an integer test_size must leave both parts "
                             "non-empty")
        n_test = int(test_size)
    elif isinstance(test_size, numbers.Real) and not isinstance(
            test_size, bool):
        if not 0 < test_size < 1:
            raise ValueError("a float test_size must be in (0, 1)")
        # ceil of the decimal value written, so 0.7 * 10 gives 7, not 8
        n_test = math.ceil(Fraction(str(float(test_size))) * n)
    else:
        raise ValueError("test_size must be a float or an int")
    order = np.random.default_rng(random_state).permutation(n)
    return X[order[n_test:]], X[order[:n_test]], y[order[n_test:]], \\
        y[order[:n_test]]
'''

MINIBATCHES_CHOICE = _MINIBATCHES_HEAD + '''\
    X = np.asarray(X)
    y = np.asarray(y)
    if X.shape[0] != y.shape[0]:
        raise ValueError("X and y must have the same number of rows")
    if not isinstance(batch_size, (int, np.integer)) or isinstance(
            batch_size, bool):
        raise ValueError("batch_size must be a whole number (int)")
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    n = X.shape[0]
    order = rng.choice(n, size=n, replace=False)
    n_batches = -(-n // batch_size)
    for b in range(n_batches):
        idx = order[b * batch_size:(b + 1) * batch_size]
        yield X[idx], y[idx]
'''

MINIBATCHES_LOOP = _MINIBATCHES_HEAD + '''\
    if type(batch_size) is not int and not isinstance(batch_size,
                                                      np.integer):
        raise ValueError(f"batch_size must be an integer, not "
                         f"{batch_size!r}")
    if batch_size <= 0:
        raise ValueError("batch_size must be positive")
    if len(X) != len(y):
        raise ValueError("X and y differ in their numbers of rows")
    order = np.argsort(rng.random(len(X)), kind="stable")
    start = 0
    while start < len(order):
        rows = [int(i) for i in order[start:start + batch_size]]
        yield X[rows], y[rows]
        start += batch_size
'''

MINIBATCHES_BOOL_OK = MINIBATCHES.replace(
    "    if isinstance(batch_size, bool) or not isinstance(batch_size,\n"
    "                                                      "
    "(int, np.integer)):",
    "    if not isinstance(batch_size, (int, np.integer)):")

OPTIMIZER_LAZY = '''\
class Optimizer:
    """Base class of the update rules: keeps the parameters, takes steps.

    Parameters
    ----------
    params : list of ndarray, the model's parameter arrays (changed in place)
    lr : float > 0, the learning rate
    """

    def __init__(self, params, lr=0.01):
        try:
            ok = (0 < float(lr) < np.inf
                  and not isinstance(lr, (bool, str)))
        except (TypeError, ValueError):
            ok = False
        if not ok:
            raise ValueError(f"the learning rate lr must be > 0, got {lr!r}")
        params = list(params)
        for p in params:
            if not isinstance(p, np.ndarray) or p.dtype.kind != "f":
                raise ValueError("every parameter must be a float ndarray "
                                 "(an integer array cannot be updated)")
        self.params = params
        self.lr = lr

    def step(self, grads):
        """Add self._get_updates(grads) to the parameters, in place.

        Parameters
        ----------
        grads : list of ndarray, one gradient per parameter, same shapes
        """
        grads = list(grads)
        if len(grads) != len(self.params):
            raise ValueError("need exactly one gradient per parameter")
        for p, g in zip(self.params, grads):
            if np.asarray(g).shape != p.shape:
                raise ValueError(f"a gradient of shape {np.asarray(g).shape} "
                                 f"does not fit a parameter of shape "
                                 f"{p.shape}")
        updates = self._get_updates(grads)
        for i in range(len(self.params)):
            np.add(self.params[i], updates[i], out=self.params[i],
                   casting="same_kind")

    def _get_updates(self, grads):
        """The values to add to the parameters; each subclass computes them."""
        raise NotImplementedError("a subclass computes the updates")


class SGD(Optimizer):
    """Plain stochastic gradient descent: x <- x - lr * g."""

    def _get_updates(self, grads):
        updates = []
        for g in grads:
            updates.append(np.multiply(g, -self.lr))
        return updates
'''

MOMENTUM_INPLACE = '''\
class Momentum(Optimizer):
    """Heavy-ball momentum: v <- beta * v + g, x <- x - lr * v."""

    def __init__(self, params, lr=0.01, beta=0.9):
        if isinstance(beta, str) or not 0.0 <= beta < 1.0:
            raise ValueError(f"Momentum: beta = {beta!r} is outside [0, 1)")
        super().__init__(params, lr)
        self.beta = beta
        self.velocity = None

    def _get_updates(self, grads):
        if self.velocity is None:
            self.velocity = [np.zeros(p.shape) for p in self.params]
        out = []
        for v, g in zip(self.velocity, grads):
            v *= self.beta
            v += g
            out.append(v * -self.lr)
        return out
'''

NESTEROV_EXPANDED = '''\
class Nesterov(Optimizer):
    """Nesterov momentum: v <- beta * v + g, x <- x - lr * (g + beta * v)."""

    def __init__(self, params, lr=0.01, beta=0.9):
        super().__init__(params, lr)
        if not 0 <= beta < 1:
            raise ValueError("beta must satisfy 0 <= beta < 1")
        self.beta = float(beta)
        self.v = {i: np.zeros_like(p) for i, p in enumerate(self.params)}

    def _get_updates(self, grads):
        b = self.beta
        updates = []
        for i, g in enumerate(grads):
            old = self.v[i]
            self.v[i] = b * old + g
            # g + b * (b * old + g) = (1 + b) g + b^2 old
            updates.append(-self.lr * ((1 + b) * g + b * b * old))
        return updates
'''

ADAGRAD_FLOAT32 = '''\
class AdaGrad(Optimizer):
    """AdaGrad: s <- s + g**2, x <- x - lr * g / sqrt(s + eps)."""

    def __init__(self, params, lr=0.01, eps=1e-6):
        super().__init__(params, lr)
        if not eps > 0:
            raise ValueError(f"eps must be positive, got {eps}")
        self.eps = np.float32(eps)
        self.s = [np.zeros(p.shape, dtype=np.float32) for p in self.params]

    def _get_updates(self, grads):
        updates = []
        lr = np.float32(self.lr)
        for i, g in enumerate(grads):
            g32 = np.asarray(g, dtype=np.float32)
            self.s[i] = self.s[i] + g32 * g32
            updates.append(-lr * g32 / np.sqrt(self.s[i] + self.eps))
        return updates
'''

RMSPROP_LOOPS = '''\
import math


class RMSprop(Optimizer):
    """RMSprop: s <- gamma s + (1-gamma) g**2, x <- x - lr g/sqrt(s + eps)."""

    def __init__(self, params, lr=0.01, gamma=0.9, eps=1e-6):
        if not (0 <= gamma < 1):
            raise ValueError(f"RMSprop needs 0 <= gamma < 1, got "
                             f"gamma={gamma}")
        if eps <= 0:
            raise ValueError(f"RMSprop needs eps > 0, got eps={eps}")
        super().__init__(params, lr)
        self.gamma, self.eps = gamma, eps
        self.s = [np.zeros_like(p, dtype=float) for p in self.params]

    def _get_updates(self, grads):
        updates = []
        for s, g in zip(self.s, grads):
            g = np.asarray(g, dtype=float)
            u = np.empty(s.shape)
            s_flat, g_flat, u_flat = s.reshape(-1), g.reshape(-1), \\
                u.reshape(-1)
            for k in range(s_flat.size):
                s_flat[k] = (self.gamma * s_flat[k]
                             + (1 - self.gamma) * g_flat[k] ** 2)
                u_flat[k] = -self.lr * g_flat[k] / math.sqrt(s_flat[k]
                                                             + self.eps)
            updates.append(u)
        return updates
'''

ADAM_LAZY = '''\
class Adam(Optimizer):
    """Adam: leaky averages of g and g**2, bias-corrected, eps outside sqrt."""

    def __init__(self, params, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        if not 0 <= beta1 < 1:
            raise ValueError(f"Adam: beta1 must be in [0, 1), got {beta1}")
        if not 0 <= beta2 < 1:
            raise ValueError(f"Adam: beta2 must be in [0, 1), got {beta2}")
        if not eps > 0:
            raise ValueError(f"Adam: eps must be > 0, got {eps}")
        super().__init__(params, lr)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.t = 0
        self.m = {}
        self.s = {}

    def _get_updates(self, grads):
        self.t += 1
        c1 = 1.0 - self.beta1 ** self.t
        c2 = 1.0 - self.beta2 ** self.t
        updates = []
        for i, (p, g) in enumerate(zip(self.params, grads)):
            m = self.m.setdefault(i, np.zeros_like(p))
            s = self.s.setdefault(i, np.zeros_like(p))
            m *= self.beta1
            m += (1.0 - self.beta1) * g
            s *= self.beta2
            s += (1.0 - self.beta2) * np.square(g)
            updates.append(-self.lr * (m / c1) / (np.sqrt(s / c2) + self.eps))
        return updates
'''

ADAM_FLOAT32 = '''\
class Adam(Optimizer):
    """Adam: leaky averages of g and g**2, bias-corrected, eps outside sqrt."""

    def __init__(self, params, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(params, lr)
        if not 0.0 <= beta1 < 1.0:
            raise ValueError(f"beta1={beta1} is not in [0, 1)")
        if not 0.0 <= beta2 < 1.0:
            raise ValueError(f"beta2={beta2} is not in [0, 1)")
        if not eps > 0.0:
            raise ValueError(f"eps={eps} must be greater than 0")
        f32 = np.float32
        self.beta1, self.beta2, self.eps = f32(beta1), f32(beta2), f32(eps)
        self.t = 0
        self.v = [np.zeros(p.shape, dtype=f32) for p in self.params]
        self.s = [np.zeros(p.shape, dtype=f32) for p in self.params]

    def _get_updates(self, grads):
        f32 = np.float32
        self.t += 1
        one, lr = f32(1), f32(self.lr)
        c1 = one - self.beta1 ** self.t
        c2 = one - self.beta2 ** self.t
        updates = []
        for i, g in enumerate(grads):
            g = np.asarray(g, dtype=f32)
            self.v[i] = self.beta1 * self.v[i] + (one - self.beta1) * g
            self.s[i] = self.beta2 * self.s[i] + (one - self.beta2) * g * g
            updates.append(-lr * (self.v[i] / c1)
                           / (np.sqrt(self.s[i] / c2) + self.eps))
        return updates
'''

MAKE_OPTIMIZER_CASEFOLD = '''\
def make_optimizer(name, params, **kwargs):
    """An optimizer by name: make_optimizer("adam", params, lr=0.01)."""
    valid = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"]
    for cls in (SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam):
        if str(name).casefold() == cls.__name__.casefold():
            return cls(params, **kwargs)
    raise ValueError(f"no optimizer called {name!r}: valid names are "
                     + ", ".join(repr(v) for v in valid))
'''

METRICS_FLOAT32 = '''\
def _check_targets(y_true, y_pred):
    """Both as float arrays of one shape, 1-D or 2-D; else ValueError."""
    y_true = np.asarray(y_true, dtype=np.float32)
    y_pred = np.asarray(y_pred, dtype=np.float32)
    if y_true.ndim not in (1, 2) or y_pred.ndim not in (1, 2):
        raise ValueError("y_true and y_pred must be 1-D or 2-D")
    if y_true.shape != y_pred.shape:
        raise ValueError(f"shapes differ: y_true {y_true.shape}, y_pred "
                         f"{y_pred.shape}")
    if y_true.shape[0] < 1:
        raise ValueError("need at least one sample")
    return y_true, y_pred


def mse(y_true, y_pred):
    """Mean squared error over all entries."""
    y_true, y_pred = _check_targets(y_true, y_pred)
    return float(np.mean(np.square(y_pred - y_true), dtype=np.float32))


def mae(y_true, y_pred):
    """Mean absolute error over all entries."""
    y_true, y_pred = _check_targets(y_true, y_pred)
    return float(np.mean(np.abs(y_pred - y_true), dtype=np.float32))


def r2_score(y_true, y_pred):
    """Coefficient of determination; the mean over columns for 2-D targets."""
    y_true, y_pred = _check_targets(y_true, y_pred)
    if y_true.ndim == 1:
        y_true, y_pred = y_true[:, None], y_pred[:, None]
    resid = np.sum(np.square(y_true - y_pred), axis=0, dtype=np.float32)
    centred = y_true - np.mean(y_true, axis=0, dtype=np.float32)
    total = np.sum(np.square(centred), axis=0, dtype=np.float32)
    return float(np.mean(np.float32(1) - resid / total))


def accuracy(y_true, y_pred):
    """Fraction of correct labels; y_pred holds labels or per-class scores."""
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    if y_true.ndim != 1:
        raise ValueError("y_true must be a 1-D array of labels")
    if y_pred.shape[:1] != y_true.shape:
        raise ValueError("y_true and y_pred have different numbers of "
                         "samples")
    if y_pred.ndim == 2:
        y_pred = y_pred.argmax(axis=1)
    elif y_pred.ndim != 1:
        raise ValueError("y_pred must be 1-D labels or 2-D scores")
    return float(np.mean((y_pred == y_true).astype(np.float32)))
'''

METRICS_LOOPS = '''\
def _check_targets(y_true, y_pred):
    """Both as float arrays of one shape, 1-D or 2-D; else ValueError."""
    a = np.array(y_true, dtype=np.float64)
    b = np.array(y_pred, dtype=np.float64)
    if a.ndim == 0 or a.ndim > 2:
        raise ValueError(f"y_true must be 1-D or 2-D, got {a.ndim}-D")
    if a.shape != b.shape:
        raise ValueError(f"y_true {a.shape} and y_pred {b.shape} must have "
                         f"the same shape")
    if a.shape[0] == 0:
        raise ValueError("the targets are empty")
    return a, b


def mse(y_true, y_pred):
    """Mean squared error over all entries."""
    a, b = _check_targets(y_true, y_pred)
    total = 0.0
    for t, p in zip(a.ravel().tolist(), b.ravel().tolist()):
        total += (p - t) ** 2
    return total / a.size


def mae(y_true, y_pred):
    """Mean absolute error over all entries."""
    a, b = _check_targets(y_true, y_pred)
    total = 0.0
    for t, p in zip(a.ravel().tolist(), b.ravel().tolist()):
        total += abs(p - t)
    return total / a.size


def _r2_column(t, p):
    mean = sum(t) / len(t)
    ss_res = sum((ti - pi) ** 2 for ti, pi in zip(t, p))
    ss_tot = sum((ti - mean) ** 2 for ti in t)
    return 1.0 - ss_res / ss_tot


def r2_score(y_true, y_pred):
    """Coefficient of determination; the mean over columns for 2-D targets."""
    a, b = _check_targets(y_true, y_pred)
    if a.ndim == 1:
        return _r2_column(a.tolist(), b.tolist())
    scores = [_r2_column(a[:, j].tolist(), b[:, j].tolist())
              for j in range(a.shape[1])]
    return sum(scores) / len(scores)


def accuracy(y_true, y_pred):
    """Fraction of correct labels; y_pred holds labels or per-class scores."""
    t = np.asarray(y_true)
    p = np.asarray(y_pred)
    if t.ndim != 1:
        raise ValueError("y_true must be 1-D")
    if p.ndim not in (1, 2):
        raise ValueError("y_pred must be 1-D or 2-D")
    if len(p) != len(t):
        raise ValueError("y_true and y_pred differ in length")
    correct = 0
    for i in range(len(t)):
        if p.ndim == 2:
            row = p[i].tolist()
            label = row.index(max(row))
        else:
            label = p[i]
        if label == t[i]:
            correct += 1
    return correct / len(t)
'''

FIT_AVERAGE = _FIT_HEAD + '''\
    import operator

    try:
        if isinstance(num_epochs, bool):
            raise TypeError
        epochs = operator.index(num_epochs)
    except TypeError:
        raise ValueError(f"num_epochs must be an integer, got "
                         f"{num_epochs!r}") from None
    if epochs < 1:
        raise ValueError(f"num_epochs must be at least 1, got {epochs}")
    history = []
    for epoch in range(epochs):
        losses, sizes = [], []
        for X_batch, y_batch in minibatches(X, y, batch_size, rng):
            loss, grads = model.loss_and_grads(X_batch, y_batch)
            losses.append(loss)
            sizes.append(len(y_batch))
            optimizer.step(grads)
        history.append(float(np.average(losses, weights=sizes)))
    return history
'''

FIT_DIVIDE_N = _FIT_HEAD + '''\
    if not isinstance(num_epochs, (int, np.integer)) or isinstance(
            num_epochs, bool) or num_epochs < 1:
        raise ValueError("num_epochs must be a positive integer")
    n = len(X)
    history = []
    epoch = 0
    while epoch < num_epochs:
        weighted = np.float64(0.0)
        for Xb, yb in minibatches(X, y, batch_size, rng):
            batch_loss, batch_grads = model.loss_and_grads(Xb, yb)
            weighted += batch_loss * len(Xb) / n
            optimizer.step(batch_grads)
        history.append(float(weighted))
        epoch += 1
    return history
'''

VALID = [
    # Part A
    Variant("split: Python loops over a shuffled list, rng.shuffle, other "
            "wording and validation order",
            cells={"train_test_split": SPLIT_LOOPS}),
    Variant("split: argsort of rng.random as the shuffle, boolean mask, "
            "parts in original row order",
            cells={"train_test_split": SPLIT_MASK}),
    Variant("split: test part taken from the end of the permutation",
            edits=[("train_test_split",
                    "test, train = order[:n_test], order[n_test:]",
                    "test, train = order[n - n_test:], order[:n - n_test]")]),
    Variant("split: rng.choice without replacement, rows sorted in parts",
            edits=[("train_test_split",
                    "order = rng.permutation(n)\n"
                    "    test, train = order[:n_test], order[n_test:]",
                    "order = rng.choice(n, size=n, replace=False)\n"
                    "    test, train = np.sort(order[:n_test]), "
                    "np.sort(order[n_test:])")]),
    Variant("split: np.ceil instead of math.ceil, int(np.ceil(n * size))",
            edits=[("train_test_split",
                    "n_test = math.ceil(test_size * n)",
                    "n_test = int(np.ceil(n * test_size))")]),
    Variant("split (ambiguous): a float test_size that leaves the training "
            "part empty raises ValueError, as in scikit-learn",
            edits=[("train_test_split",
                    "n_test = math.ceil(test_size * n)\n",
                    "n_test = math.ceil(test_size * n)\n"
                    "        if n_test >= n:\n"
                    "            raise ValueError(f'test_size={test_size} "
                    "leaves no training samples')\n")]),
    Variant("split (ambiguous): ceil of the exact decimal product "
            "(0.7 * 10 -> 7, where float arithmetic gives 8)",
            cells={"train_test_split": SPLIT_FRACTION_EXACT}),
    # Part B
    Variant("minibatches: rng.choice(n, n, replace=False), validation "
            "order rows-first",
            cells={"minibatches": MINIBATCHES_CHOICE}),
    Variant("minibatches: argsort of rng.random, while loop, index lists",
            cells={"minibatches": MINIBATCHES_LOOP}),
    Variant("minibatches: rng.shuffle of np.arange in place",
            edits=[("minibatches", "order = rng.permutation(n)",
                    "order = np.arange(n)\n    rng.shuffle(order)")]),
    # Part C
    Variant("Optimizer: self.params a new list of the same arrays, "
            "np.add(out=), validation by float()",
            cells={"Optimizer": OPTIMIZER_LAZY}),
    Variant("Momentum: float64 velocity created lazily, updated in place, "
            "beta checked before lr",
            cells={"Momentum": MOMENTUM_INPLACE}),
    Variant("Nesterov: update expanded as (1 + beta) g + beta^2 v_old",
            cells={"Nesterov": NESTEROV_EXPANDED}),
    Variant("AdaGrad: float32 state and arithmetic",
            cells={"AdaGrad": ADAGRAD_FLOAT32}),
    Variant("RMSprop: elementwise Python loops with math.sqrt",
            cells={"RMSprop": RMSPROP_LOOPS}),
    Variant("Adam: lazily created moments updated in place, validation "
            "before super().__init__",
            cells={"Adam": ADAM_LAZY}),
    Variant("Adam: the step counter kept by the base class's step()",
            edits=[("Optimizer",
                    "        updates = self._get_updates(grads)\n",
                    "        self.steps_taken = getattr(self, 'steps_taken', "
                    "0) + 1\n"
                    "        updates = self._get_updates(grads)\n"),
                   ("Adam", "        self.t += 1\n", ""),
                   ("Adam", "        self.t = 0\n", ""),
                   ("Adam", "        b1, b2 = self.beta1, self.beta2\n",
                    "        b1, b2 = self.beta1, self.beta2\n"
                    "        t = self.steps_taken\n"),
                   ("Adam", "(1 - b1 ** self.t)", "(1 - b1 ** t)"),
                   ("Adam", "(1 - b2 ** self.t)", "(1 - b2 ** t)")]),
    Variant("Adam (ambiguous): float32 moments and arithmetic",
            cells={"Adam": ADAM_FLOAT32}),
    Variant("make_optimizer: casefold() on str(name), class-name lookup",
            cells={"make_optimizer": MAKE_OPTIMIZER_CASEFOLD}),
    # Part D
    Variant("metrics: float32 arithmetic throughout",
            cells={"metrics": METRICS_FLOAT32}),
    Variant("metrics: plain Python loops, per-column R^2 loop",
            cells={"metrics": METRICS_LOOPS}),
    Variant("metrics (ambiguous): return np.float64, a subclass of float",
            edits=[("metrics", "return float(np.mean((y_pred - y_true) ** 2))",
                    "return np.mean((y_pred - y_true) ** 2)"),
                   ("metrics",
                    "return float(np.mean(np.abs(y_pred - y_true)))",
                    "return np.mean(np.abs(y_pred - y_true))"),
                   ("metrics", "return float(np.mean(1 - ss_res / ss_tot))",
                    "return np.mean(1 - ss_res / ss_tot)"),
                   ("metrics", "return float(np.mean(y_pred == y_true))",
                    "return np.mean(y_pred == y_true, dtype=np.float64)")]),
    # Part E
    Variant("fit: np.average with batch-size weights, operator.index check",
            cells={"fit": FIT_AVERAGE}),
    Variant("fit: while loop, weighted sum divided by len(X) as it goes",
            cells={"fit": FIT_DIVIDE_N}),
    Variant("fit (ambiguous): history entries are np.float64, a subclass "
            "of float",
            edits=[("fit", "history.append(total / count)",
                    "history.append(np.float64(total) / count)")]),
]

# --------------------------------------------------------------------------
# WRONG: one plausible mistake each
# --------------------------------------------------------------------------

WRONG = [
    Variant("minibatches: batch_size=True accepted, as bool is a Python int",
            cells={"minibatches": MINIBATCHES_BOOL_OK},
            breaks="bools such as `True`"),
    # Part A
    Variant("split: n_test rounded down with int()",
            edits=[("train_test_split", "n_test = math.ceil(test_size * n)",
                    "n_test = int(test_size * n)")],
            breaks="samples (rounded **up**, as in scikit-learn; `np.ceil` "
                   "or `math.ceil`)"),
    Variant("split: X and y shuffled with two different permutations",
            edits=[("train_test_split",
                    "return X[train], X[test], y[train], y[test]",
                    "order_y = rng.permutation(n)\n"
                    "    return X[train], X[test], y[order_y[n_test:]], "
                    "y[order_y[:n_test]]")],
            breaks="Row `i` of `X` belongs to row `i` of `y`, and the two "
                   "stay paired in both parts."),
    Variant("split: rng created but the shuffle drawn from the global "
            "np.random",
            edits=[("train_test_split", "order = rng.permutation(n)",
                    "order = np.random.permutation(n)")],
            breaks="Draw the shuffle from "
                   "`rng = np.random.default_rng(random_state)`"),
    Variant("split: a float test_size of 1.0 accepted",
            edits=[("train_test_split", "if not 0 < test_size < 1:",
                    "if not 0 < test_size <= 1:")],
            breaks="a float `test_size` not strictly between 0 and 1"),
    Variant("split: an integer test_size equal to n accepted (empty "
            "training part)",
            edits=[("train_test_split", "if not 1 <= n_test <= n - 1:",
                    "if not 1 <= n_test <= n:")],
            breaks="an integer `test_size` that would leave the test or the "
                   "training part empty"),
    Variant("split: test_size converted with float(), so strings pass",
            edits=[("train_test_split",
                    "    if isinstance(test_size, bool):\n",
                    "    if isinstance(test_size, str):\n"
                    "        test_size = float(test_size)\n"
                    "    if isinstance(test_size, bool):\n")],
            breaks="any other type of `test_size`"),
    # Part B
    Variant("minibatches: last, smaller batch dropped",
            edits=[("minibatches",
                    "for start in range(0, n, int(batch_size)):",
                    "for start in range(0, n - batch_size + 1, "
                    "int(batch_size)):")],
            breaks="The **last batch keeps whatever is left** (it may be "
                   "smaller; never drop it, never pad it)."),
    Variant("minibatches: shuffle from the global np.random",
            edits=[("minibatches", "order = rng.permutation(n)",
                    "order = np.random.permutation(n)")],
            breaks="draw a random order of the sample indices from `rng` "
                   "(the `np.random.Generator` passed in; nothing else)"),
    Variant("minibatches: batch_size converted with int()",
            edits=[("minibatches",
                    "    if isinstance(batch_size, bool) or not "
                    "isinstance(batch_size,\n"
                    "                                                      "
                    "(int, np.integer)):\n"
                    "        raise ValueError(f\"batch_size must be an "
                    "integer, got \"\n"
                    "                         f\"{batch_size!r}\")\n",
                    "    batch_size = int(batch_size)\n")],
            breaks="`batch_size` that is not an integer (a Python `int` or "
                   "a NumPy integer; `2.5` or `\"4\"` are not)"),
    Variant("minibatches: no check that X and y have the same rows",
            edits=[("minibatches",
                    "    if len(y) != n:\n"
                    "        raise ValueError(f\"X and y must have the same "
                    "number of rows, got \"\n"
                    "                         f\"{n} and {len(y)}\")\n", "")],
            breaks="`X` and `y` with different numbers of rows"),
    Variant("minibatches: batch_size of 0 or less not rejected up front "
            "(negative sizes yield nothing)",
            edits=[("minibatches", "if batch_size <= 0:",
                    "if batch_size == 0:")],
            breaks="raises `ValueError`: `batch_size` that ... is `<= 0`"),
    # Part C
    Variant("Optimizer: keeps copies of the parameter arrays",
            edits=[("Optimizer", "self.params = params",
                    "self.params = [p.copy() for p in params]")],
            breaks="as `self.params` — the same array objects, not copies"),
    Variant("Optimizer: step rebinds self.params[i] = p + u",
            edits=[("Optimizer",
                    "for p, u in zip(self.params, updates):\n"
                    "            p += u",
                    "for i, u in enumerate(updates):\n"
                    "            self.params[i] = self.params[i] + u")],
            breaks="adds each to its parameter **in place** (`p += u`; "
                   "never `p = p + u`"),
    Variant("Optimizer: no check of the number of gradients (zip truncates)",
            edits=[("Optimizer",
                    "        if len(grads) != len(self.params):\n"
                    "            raise ValueError(f\"expected "
                    "{len(self.params)} gradients, one \"\n"
                    "                             f\"per parameter, got "
                    "{len(grads)}\")\n", "")],
            breaks="It raises `ValueError` if their number or a shape "
                   "differs."),
    Variant("Optimizer: integer parameter arrays accepted",
            edits=[("Optimizer",
                    "and np.issubdtype(p.dtype, np.floating)",
                    "and np.issubdtype(p.dtype, np.number)")],
            breaks="or if an element of `params` is not a NumPy array of a "
                   "floating dtype"),
    Variant("SGD: scales the gradients in place",
            edits=[("Optimizer",
                    "return [-self.lr * np.asarray(g) for g in grads]",
                    "for g in grads:\n"
                    "            g *= -self.lr\n"
                    "        return grads")],
            breaks="`step` must not modify the gradient arrays it is given."),
    Variant("Momentum: velocity as a leaky average v = beta v + (1-beta) g",
            edits=[("Momentum", "self.v[i] = self.beta * self.v[i] + g",
                    "self.v[i] = self.beta * self.v[i] + (1 - self.beta) "
                    "* g")],
            breaks="$v \\leftarrow \\beta v + g$"),
    Variant("Momentum: beta = 1 accepted",
            edits=[("Momentum", "0 <= beta < 1)", "0 <= beta <= 1)")],
            breaks="`beta`, `gamma`, `beta1`, `beta2` outside $[0, 1)$"),
    Variant("Nesterov: look-ahead with the old velocity",
            edits=[("Nesterov",
                    "            self.v[i] = self.beta * self.v[i] + g\n"
                    "            updates.append(-self.lr * (g + self.beta "
                    "* self.v[i]))",
                    "            updates.append(-self.lr * (g + self.beta "
                    "* self.v[i]))\n"
                    "            self.v[i] = self.beta * self.v[i] + g")],
            breaks="$-\\eta\\,(g + \\beta v)$ (with the new $v$)"),
    Variant("AdaGrad: eps outside the square root",
            edits=[("AdaGrad", "np.sqrt(self.s[i] + self.eps)",
                    "(np.sqrt(self.s[i]) + self.eps)")],
            breaks="Mind where $\\epsilon$ goes: **inside** the square root "
                   "for AdaGrad and RMSprop"),
    Variant("RMSprop: eps outside the square root",
            edits=[("RMSprop", "np.sqrt(self.s[i] + self.eps)",
                    "(np.sqrt(self.s[i]) + self.eps)")],
            breaks="Mind where $\\epsilon$ goes: **inside** the square root "
                   "for AdaGrad and RMSprop"),
    Variant("RMSprop: eps <= 0 not rejected",
            edits=[("RMSprop",
                    "        if not (isinstance(eps, numbers.Real) and eps "
                    "> 0):\n"
                    "            raise ValueError(f\"eps must be > 0, got "
                    "{eps!r}\")\n", "")],
            breaks="Each constructor raises `ValueError` for a bad "
                   "hyperparameter and names it in the message: ... "
                   "`eps <= 0`"),
    Variant("Adam: the step counter advanced once per parameter",
            edits=[("Adam", "        self.t += 1\n", ""),
                   ("Adam", "        for i, g in enumerate(grads):\n",
                    "        for i, g in enumerate(grads):\n"
                    "            self.t += 1\n")],
            breaks="Adam's step counter $t$ starts at 0 and grows by one per "
                   "call of `step` (one counter for all parameters)"),
    Variant("Adam: no bias correction",
            edits=[("Adam", "v_hat = self.v[i] / (1 - b1 ** self.t)",
                    "v_hat = self.v[i]"),
                   ("Adam", "s_hat = self.s[i] / (1 - b2 ** self.t)",
                    "s_hat = self.s[i]")],
            breaks="$\\hat v = v/(1-\\beta_1^t)$, "
                   "$\\hat s = s/(1-\\beta_2^t)$"),
    Variant("Adam: default beta2 = 0.99",
            edits=[("Adam", "beta2=0.999", "beta2=0.99")],
            breaks="`Adam(params, lr=0.001, beta1=0.9, beta2=0.999, "
                   "eps=1e-8)`"),
    Variant("make_optimizer: names matched case-sensitively",
            edits=[("make_optimizer",
                    "key = name.lower() if isinstance(name, str) else None",
                    "key = name if isinstance(name, str) else None")],
            breaks="in any mix of upper and lower case"),
    Variant("make_optimizer: error message without the valid names",
            edits=[("make_optimizer",
                    "raise ValueError(f\"unknown optimizer {name!r}; choose "
                    "one of \"\n"
                    "                         f\"{', '.join(classes)}\")",
                    "raise ValueError(f\"unknown optimizer {name!r}\")")],
            breaks="Any other name raises a `ValueError` whose message lists "
                   "all six valid names."),
    Variant("make_optimizer: KeyError for an unknown name",
            edits=[("make_optimizer",
                    "    if key not in classes:\n"
                    "        raise ValueError(",
                    "    if key not in classes:\n"
                    "        raise KeyError(")],
            breaks="Any other name raises a `ValueError`"),
    # Part D
    Variant("mse: squared errors summed and divided by the number of rows",
            edits=[("metrics", "return float(np.mean((y_pred - y_true) ** 2))",
                    "return float(np.sum((y_pred - y_true) ** 2) "
                    "/ len(y_true))")],
            breaks="`mse(y_true, y_pred)`: the mean of $(\\hat y - y)^2$ "
                   "over all entries"),
    Variant("metrics: shapes not compared, so (n,) and (n, 1) broadcast",
            edits=[("metrics",
                    "    if y_true.shape != y_pred.shape:\n"
                    "        raise ValueError(f\"y_true and y_pred must have "
                    "the same shape, got \"\n"
                    "                         f\"{y_true.shape} and "
                    "{y_pred.shape}\")\n", "")],
            breaks="raises `ValueError` when the shapes do not fit (NumPy "
                   "would otherwise broadcast `(n,)` against `(n, 1)`"),
    Variant("metrics: empty targets accepted",
            edits=[("metrics",
                    "    if len(y_true) == 0:\n"
                    "        raise ValueError(\"targets must hold at least "
                    "one sample\")\n", "")],
            breaks="with at least one sample; otherwise `ValueError`"),
    Variant("r2_score: 2-D targets flattened into one column",
            edits=[("metrics",
                    "    ss_res = np.sum((y_true - y_pred) ** 2, axis=0)\n"
                    "    ss_tot = np.sum((y_true - y_true.mean(axis=0)) ** 2,"
                    " axis=0)\n",
                    "    ss_res = np.sum((y_true - y_pred) ** 2)\n"
                    "    ss_tot = np.sum((y_true - y_true.mean()) ** 2)\n")],
            breaks="compute $R^2$ for each column and return their mean"),
    Variant("r2_score: the mean taken from y_pred",
            edits=[("metrics", "(y_true - y_true.mean(axis=0)) ** 2",
                    "(y_true - y_pred.mean(axis=0)) ** 2")],
            breaks="with $\\bar y$ the mean of `y_true`"),
    Variant("accuracy: y_true of 2 dimensions not rejected",
            edits=[("metrics",
                    "    if y_true.ndim != 1:\n"
                    "        raise ValueError(f\"y_true must be 1-D labels, "
                    "got shape \"\n"
                    "                         f\"{y_true.shape}\")\n", "")],
            breaks="Raise `ValueError` if `y_true` is not 1-D"),
    # Part E
    Variant("fit: plain mean of the batch losses",
            edits=[("fit", "total += float(loss) * len(X_batch)",
                    "total += float(loss)"),
                   ("fit", "count += len(X_batch)", "count += 1")],
            breaks="the mean of that epoch's batch losses **weighted by "
                   "batch size**"),
    Variant("fit: loss recomputed after the step",
            edits=[("fit",
                    "            loss, grads = model.loss_and_grads(X_batch, "
                    "y_batch)\n"
                    "            optimizer.step(grads)\n",
                    "            _, grads = model.loss_and_grads(X_batch, "
                    "y_batch)\n"
                    "            optimizer.step(grads)\n"
                    "            loss, _ = model.loss_and_grads(X_batch, "
                    "y_batch)\n")],
            breaks="(the losses as computed before each step)"),
    Variant("fit: minibatches drawn once and reused every epoch",
            edits=[("fit", "    history = []\n",
                    "    batches = list(minibatches(X, y, batch_size, rng))\n"
                    "    history = []\n"),
                   ("fit",
                    "in minibatches(X, y, batch_size, rng):",
                    "in batches:")],
            breaks="call **your Part B function**, once per epoch"),
    Variant("fit: a fresh default_rng(0) instead of the rng given",
            edits=[("fit", "in minibatches(X, y, batch_size, rng):",
                    "in minibatches(X, y, batch_size,\n"
                    "                                            "
                    "np.random.default_rng(0)):")],
            breaks="with the `batch_size` and the `rng` given to `fit`"),
    Variant("fit: num_epochs not validated",
            edits=[("fit",
                    "    if (isinstance(num_epochs, bool)\n"
                    "            or not isinstance(num_epochs, (int, "
                    "np.integer))\n"
                    "            or num_epochs <= 0):\n"
                    "        raise ValueError(f\"num_epochs must be a positive"
                    " integer, got \"\n"
                    "                         f\"{num_epochs!r}\")\n", "")],
            breaks="Raise `ValueError` if `num_epochs` is not a positive "
                   "integer"),
    Variant("fit: one history entry per batch",
            edits=[("fit",
                    "            count += len(X_batch)\n"
                    "        history.append(total / count)",
                    "            count += len(X_batch)\n"
                    "            history.append(float(loss))")],
            breaks="a list with one `float` per epoch"),
]

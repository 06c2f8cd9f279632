"""Independent implementations of assignment 03_backprop, for fairness.

Written only from what a student sees: the release notebook
``release/03_backprop/03_backprop.ipynb``, the lecture
``course/03_backprop.ipynb``, README.md and the ``nncourse`` package. BASE
answers every solution cell; VALID holds other implementations that follow
every sentence of the notebook (loops, float32, other algorithms, other
wording, other readings of loose sentences, named as such); WRONG holds one
plausible mistake each, with the notebook's words it breaks.
"""
from benchmarks.fairness import Variant

# ---------------------------------------------------------------------------
# BASE
# ---------------------------------------------------------------------------

DENSE_LAYER = r'''def _dense_shapes_error(X, W, b=None, dZ=None):
    """A ValueError naming the shapes that were expected, or None."""
    if X.ndim != 2:
        return ValueError(f"X must be 2-D of shape (n_samples, n_in), got "
                          f"shape {X.shape}")
    if W.ndim != 2 or W.shape[0] != X.shape[1]:
        return ValueError(f"W must have shape (n_in, n_out) = "
                          f"({X.shape[1]}, n_out) to fit X of shape "
                          f"{X.shape}, got shape {W.shape}")
    if b is not None and b.shape != (W.shape[1],):
        return ValueError(f"b must have shape (n_out,) = ({W.shape[1]},) "
                          f"to fit W of shape {W.shape}, got shape "
                          f"{b.shape}")
    if dZ is not None and dZ.shape != (X.shape[0], W.shape[1]):
        return ValueError(f"dZ must have shape (n_samples, n_out) = "
                          f"({X.shape[0]}, {W.shape[1]}), got shape "
                          f"{dZ.shape}")
    return None


def dense_forward(X, W, b):
    """Affine map of a dense layer: Z = X @ W + b.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_in)
    W : ndarray of shape (n_in, n_out)
    b : ndarray of shape (n_out,)

    Returns
    -------
    Z : ndarray of shape (n_samples, n_out)
    """
    X, W, b = np.asarray(X), np.asarray(W), np.asarray(b)
    error = _dense_shapes_error(X, W, b=b)
    if error is not None:
        raise error
    return X @ W + b


def dense_backward(dZ, X, W):
    """Gradients of a dense layer, given dZ = dL/dZ of shape (n, n_out).

    Returns
    -------
    dX : ndarray of shape (n_samples, n_in), dL/dX
    dW : ndarray of shape (n_in, n_out), dL/dW
    db : ndarray of shape (n_out,), dL/db
    """
    dZ, X, W = np.asarray(dZ), np.asarray(X), np.asarray(W)
    error = _dense_shapes_error(X, W, dZ=dZ)
    if error is not None:
        raise error
    dX = dZ @ W.T
    dW = X.T @ dZ
    db = dZ.sum(axis=0)          # b was copied to every row: sum
    return dX, dW, db
'''

ACTIVATION_BACKWARD = r'''def relu_backward(dA, Z):
    """dL/dZ for A = relu(Z), given dA = dL/dA."""
    dA, Z = np.asarray(dA), np.asarray(Z)
    return dA * (Z > 0)


def sigmoid_backward(dA, Z):
    """dL/dZ for A = sigmoid(Z), given dA = dL/dA."""
    dA = np.asarray(dA)
    s = sigmoid(Z)               # the given sigmoid never overflows
    return dA * s * (1.0 - s)


def tanh_backward(dA, Z):
    """dL/dZ for A = tanh(Z), given dA = dL/dA."""
    dA = np.asarray(dA)
    t = np.tanh(Z)
    return dA * (1.0 - t ** 2)
'''

MSE = r'''def _mse_pair(y_pred, y):
    """Both as float arrays; ValueError if their shapes differ."""
    y_pred = np.asarray(y_pred, dtype=float)
    y = np.asarray(y, dtype=float)
    if y_pred.shape != y.shape:
        raise ValueError(f"y_pred and y must have the same shape, got "
                         f"{y_pred.shape} and {y.shape}")
    return y_pred, y


def mse_loss(y_pred, y):
    """Mean squared error over all entries, as a float."""
    y_pred, y = _mse_pair(y_pred, y)
    return float(np.mean((y_pred - y) ** 2))


def mse_grad(y_pred, y):
    """Gradient of mse_loss with respect to y_pred."""
    y_pred, y = _mse_pair(y_pred, y)
    return 2.0 * (y_pred - y) / y_pred.size
'''

GRADIENT_CHECK = r'''from numbers import Real


def numerical_gradient(f, x, eps=1e-6):
    """Central-difference gradient of the scalar function f at x."""
    if (isinstance(eps, (bool, np.bool_)) or not isinstance(eps, Real)
            or not np.isfinite(eps) or eps <= 0):
        raise ValueError(f"eps must be a positive finite number, got "
                         f"{eps!r}")
    work = np.array(x, dtype=float)      # a copy: x itself is never touched
    grad = np.zeros_like(work)
    for i in np.ndindex(work.shape):
        old = work[i]
        work[i] = old + eps
        f_plus = f(work)
        work[i] = old - eps
        f_minus = f(work)
        work[i] = old                    # put the entry back
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def relative_error(a, b):
    """||a - b|| / (||a|| + ||b||), and 0.0 when both are zero.

    Parameters
    ----------
    a, b : array_like of one shape (arrays of any shape, nested lists or
        numbers); the norms run over all entries (Frobenius for matrices).

    Returns
    -------
    float
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape, got {a.shape} "
                         f"and {b.shape}")
    denom = np.linalg.norm(a.ravel()) + np.linalg.norm(b.ravel())
    if denom == 0:
        return 0.0
    return float(np.linalg.norm((a - b).ravel()) / denom)
'''

MLP = r'''import math
import numbers


class MLPRegressor:
    """Multi-layer perceptron for regression, trained by minibatch SGD.

    Parameters
    ----------
    hidden_layer_sizes : tuple of int, sizes of the ReLU hidden layers
    learning_rate : float, step size of gradient descent
    max_iter : int, number of epochs
    batch_size : int, samples per minibatch
    random_state : int or None, seed of the initialisation and shuffling
    """

    def __init__(self, hidden_layer_sizes=(100,), learning_rate=0.001,
                 max_iter=10, *, batch_size=200, random_state=None):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.batch_size = batch_size
        self.random_state = random_state

    @staticmethod
    def _is_count(value):
        return (isinstance(value, numbers.Integral)
                and not isinstance(value, (bool, np.bool_)) and value >= 1)

    def _check_settings(self):
        sizes = self.hidden_layer_sizes
        if isinstance(sizes, (str, bytes)):
            sizes_list = None
        else:
            try:
                sizes_list = list(sizes)
            except TypeError:
                sizes_list = None
        if sizes_list is None or not all(map(self._is_count, sizes_list)):
            raise ValueError(f"hidden_layer_sizes must be a tuple of "
                             f"positive integers, got {sizes!r}")
        lr = self.learning_rate
        if (isinstance(lr, (bool, np.bool_))
                or not isinstance(lr, numbers.Real)
                or not math.isfinite(lr) or lr <= 0):
            raise ValueError(f"learning_rate must be a positive number, "
                             f"got {lr!r}")
        for name in ("max_iter", "batch_size"):
            value = getattr(self, name)
            if not self._is_count(value):
                raise ValueError(f"{name} must be a positive integer, got "
                                 f"{value!r}")
        return [int(s) for s in sizes_list]

    @staticmethod
    def _check_X(X):
        X = np.asarray(X, dtype=float)
        if X.ndim != 2:
            raise ValueError(f"X must be a 2-D array (n_samples, "
                             f"n_features), got an array of shape "
                             f"{X.shape}")
        if not np.isfinite(X).all():
            raise ValueError("X holds NaN or infinity; got "
                             f"{np.array2string(X, threshold=20)}")
        return X

    def train(self, X, y):
        """Fit to X of shape (n, n_features) and y of shape (n,) or (n, k).

        Returns self.
        """
        hidden = self._check_settings()
        X = self._check_X(X)
        if X.shape[0] == 0 or X.shape[1] == 0:
            raise ValueError(f"X must have at least one sample and one "
                             f"feature, got shape {X.shape}")
        y = np.asarray(y, dtype=float)
        if y.ndim not in (1, 2):
            raise ValueError(f"y must be 1-D (n,) or 2-D (n, k), got shape "
                             f"{y.shape}")
        if y.shape[0] != X.shape[0]:
            raise ValueError(f"X and y must have the same number of "
                             f"samples, got {X.shape[0]} and {y.shape[0]}")
        if not np.isfinite(y).all():
            raise ValueError("y holds NaN or infinity; got "
                             f"{np.array2string(y, threshold=20)}")
        n, n_features = X.shape
        n_outputs = 1 if y.ndim == 1 else y.shape[1]
        rng = np.random.default_rng(self.random_state)
        sizes = [n_features, *hidden, n_outputs]
        self.coefs_, self.intercepts_ = [], []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
            a = np.sqrt(6.0 / (fan_in + fan_out))        # Glorot uniform
            self.coefs_.append(rng.uniform(-a, a, size=(fan_in, fan_out)))
            self.intercepts_.append(np.zeros(fan_out))
        self._n_features = n_features
        self._y_1d = y.ndim == 1
        self.loss_curve_ = []
        lr = self.learning_rate
        for _ in range(self.max_iter):
            order = rng.permutation(n)
            weighted = 0.0
            for start in range(0, n, self.batch_size):
                batch = order[start:start + self.batch_size]
                loss, coef_grads, intercept_grads = self.loss_and_gradients(
                    X[batch], y[batch])
                for W, dW in zip(self.coefs_, coef_grads):
                    W -= lr * dW
                for b, db in zip(self.intercepts_, intercept_grads):
                    b -= lr * db
                weighted += loss * len(batch)
            self.loss_curve_.append(weighted / n)
        self.n_iter_ = self.max_iter
        self._trained = True
        return self

    fit = train

    def _forward(self, X):
        """The input of every layer, and the network's output.

        A suggested helper for loss_and_gradients and predict.
        """
        inputs = []
        A = X
        last = len(self.coefs_) - 1
        for i, (W, b) in enumerate(zip(self.coefs_, self.intercepts_)):
            inputs.append(A)
            Z = dense_forward(A, W, b)
            A = Z if i == last else relu(Z)
        return inputs, A

    def loss_and_gradients(self, X, y):
        """MSE of the current parameters on (X, y), and its gradients.

        Returns
        -------
        loss : float
        coef_grads : list of ndarray, shaped like coefs_
        intercept_grads : list of ndarray, shaped like intercepts_
        """
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float)
        Y = y.reshape(-1, 1) if y.ndim == 1 else y
        inputs, out = self._forward(X)
        loss = mse_loss(out, Y)
        dA = mse_grad(out, Y)
        n_layers = len(self.coefs_)
        coef_grads = [None] * n_layers
        intercept_grads = [None] * n_layers
        for i in reversed(range(n_layers)):
            dX, dW, db = dense_backward(dA, inputs[i], self.coefs_[i])
            coef_grads[i], intercept_grads[i] = dW, db
            if i > 0:
                # inputs[i] = relu(Z) is > 0 exactly where Z > 0
                dA = relu_backward(dX, inputs[i])
        return float(loss), coef_grads, intercept_grads

    def predict(self, X):
        """Predictions: shape (n,) after a 1-D y in train, else (n, k)."""
        if not getattr(self, "_trained", False):
            raise ValueError("this MLPRegressor has not been trained yet: "
                             "call train first")
        X = self._check_X(X)
        if X.shape[1] != self._n_features:
            raise ValueError(f"X has {X.shape[1]} features, but the model "
                             f"was trained on {self._n_features}")
        out = self._forward(X)[1]
        return out[:, 0] if self._y_1d else out
'''

BASE = {
    "dense_layer": DENSE_LAYER,
    "activation_backward": ACTIVATION_BACKWARD,
    "mse": MSE,
    "gradient_check": GRADIENT_CHECK,
    "MLPRegressor": MLP,
}

# ---------------------------------------------------------------------------
# VALID
# ---------------------------------------------------------------------------

DENSE_LOOPS = r'''def dense_forward(X, W, b):
    """Affine map of a dense layer: Z = X @ W + b.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_in)
    W : ndarray of shape (n_in, n_out)
    b : ndarray of shape (n_out,)

    Returns
    -------
    Z : ndarray of shape (n_samples, n_out)
    """
    X = np.array(X, dtype=float)
    W = np.array(W, dtype=float)
    b = np.array(b, dtype=float)
    if X.ndim != 2 or W.ndim != 2 or b.ndim != 1:
        raise ValueError(f"expected X (n, n_in), W (n_in, n_out) and b "
                         f"(n_out,), got {X.shape}, {W.shape}, {b.shape}")
    n, k = X.shape
    if W.shape[0] != k or b.shape[0] != W.shape[1]:
        raise ValueError(f"expected W of shape ({k}, m) and b of shape "
                         f"(m,), got W {W.shape} and b {b.shape}")
    m = W.shape[1]
    Z = np.zeros((n, m))
    for i in range(n):
        for j in range(m):
            total = b[j]
            for d in range(k):
                total += X[i, d] * W[d, j]
            Z[i, j] = total
    return Z


def dense_backward(dZ, X, W):
    """Gradients of a dense layer, given dZ = dL/dZ of shape (n, n_out).

    Returns
    -------
    dX : ndarray of shape (n_samples, n_in), dL/dX
    dW : ndarray of shape (n_in, n_out), dL/dW
    db : ndarray of shape (n_out,), dL/db
    """
    dZ = np.array(dZ, dtype=float)
    X = np.array(X, dtype=float)
    W = np.array(W, dtype=float)
    if X.ndim != 2 or W.ndim != 2 or dZ.ndim != 2:
        raise ValueError(f"expected dZ (n, n_out), X (n, n_in), W (n_in, "
                         f"n_out), got {dZ.shape}, {X.shape}, {W.shape}")
    n, k = X.shape
    m = W.shape[1]
    if W.shape[0] != k or dZ.shape != (n, m):
        raise ValueError(f"expected W of shape ({k}, m) and dZ of shape "
                         f"({n}, m), got W {W.shape} and dZ {dZ.shape}")
    dX = np.zeros((n, k))
    dW = np.zeros((k, m))
    db = np.zeros(m)
    for i in range(n):
        for j in range(m):
            g = dZ[i, j]
            db[j] += g
            for d in range(k):
                dX[i, d] += g * W[d, j]
                dW[d, j] += X[i, d] * g
    return dX, dW, db
'''

DENSE_FLOAT32 = r'''def _check(cond, expected, got):
    if not cond:
        raise ValueError(f"shapes do not fit: expected {expected}, got "
                         f"{got}")


def dense_forward(X, W, b):
    """Affine map of a dense layer: Z = X @ W + b.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_in)
    W : ndarray of shape (n_in, n_out)
    b : ndarray of shape (n_out,)

    Returns
    -------
    Z : ndarray of shape (n_samples, n_out)
    """
    X = np.asarray(X, dtype=np.float32)
    W = np.asarray(W, dtype=np.float32)
    b = np.asarray(b, dtype=np.float32)
    _check(b.ndim == 1, "b of shape (n_out,)", f"b of shape {b.shape}")
    _check(W.ndim == 2 and W.shape[1] == b.shape[0],
           f"W of shape (n_in, {b.shape[0]})", f"W of shape {W.shape}")
    _check(X.ndim == 2 and X.shape[1] == W.shape[0],
           f"X of shape (n_samples, {W.shape[0]})", f"X of shape {X.shape}")
    return (X @ W + b).astype(np.float32)


def dense_backward(dZ, X, W):
    """Gradients of a dense layer, given dZ = dL/dZ of shape (n, n_out).

    Returns
    -------
    dX : ndarray of shape (n_samples, n_in), dL/dX
    dW : ndarray of shape (n_in, n_out), dL/dW
    db : ndarray of shape (n_out,), dL/db
    """
    dZ = np.asarray(dZ, dtype=np.float32)
    X = np.asarray(X, dtype=np.float32)
    W = np.asarray(W, dtype=np.float32)
    _check(W.ndim == 2, "W of shape (n_in, n_out)", f"W of shape {W.shape}")
    _check(X.ndim == 2 and X.shape[1] == W.shape[0],
           f"X of shape (n_samples, {W.shape[0]})", f"X of shape {X.shape}")
    _check(dZ.shape == (X.shape[0], W.shape[1]),
           f"dZ of shape {(X.shape[0], W.shape[1])}",
           f"dZ of shape {dZ.shape}")
    return dZ @ W.T, X.T @ dZ, dZ.sum(axis=0, dtype=np.float32)
'''

DENSE_EINSUM = r'''def dense_forward(X, W, b):
    """Affine map of a dense layer: Z = X @ W + b.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_in)
    W : ndarray of shape (n_in, n_out)
    b : ndarray of shape (n_out,)

    Returns
    -------
    Z : ndarray of shape (n_samples, n_out)
    """
    X, W, b = np.asarray(X), np.asarray(W), np.asarray(b)
    if not (X.ndim == 2 and W.ndim == 2 and X.shape[1] == W.shape[0]
            and b.shape == (W.shape[1],)):
        raise ValueError(
            f"dense_forward expects X (n, k), W (k, m), b (m,) with "
            f"matching k and m; got X {X.shape}, W {W.shape}, b {b.shape}")
    return np.einsum("nk,km->nm", X, W) + b[np.newaxis, :]


def dense_backward(dZ, X, W):
    """Gradients of a dense layer, given dZ = dL/dZ of shape (n, n_out).

    Returns
    -------
    dX : ndarray of shape (n_samples, n_in), dL/dX
    dW : ndarray of shape (n_in, n_out), dL/dW
    db : ndarray of shape (n_out,), dL/db
    """
    dZ, X, W = np.asarray(dZ), np.asarray(X), np.asarray(W)
    if not (X.ndim == 2 and W.ndim == 2 and X.shape[1] == W.shape[0]
            and dZ.shape == (X.shape[0], W.shape[1])):
        raise ValueError(
            f"dense_backward expects dZ (n, m), X (n, k), W (k, m); got "
            f"dZ {dZ.shape}, X {X.shape}, W {W.shape}")
    dX = (W @ dZ.T).T
    dW = np.einsum("nk,nm->km", X, dZ)
    db = np.ones(X.shape[0]) @ dZ
    return dX, dW, db
'''

ACT_LOOPS = r'''import math


def _pairs(dA, Z):
    dA = np.array(dA, dtype=float)
    Z = np.array(Z, dtype=float)
    if dA.shape != Z.shape:
        raise ValueError(f"dA and Z must have one shape, got {dA.shape} "
                         f"and {Z.shape}")
    return dA, Z


def relu_backward(dA, Z):
    """dL/dZ for A = relu(Z), given dA = dL/dA."""
    dA, Z = _pairs(dA, Z)
    dZ = np.zeros_like(dA)
    for i in np.ndindex(Z.shape):
        dZ[i] = dA[i] if Z[i] > 0 else 0.0
    return dZ


def sigmoid_backward(dA, Z):
    """dL/dZ for A = sigmoid(Z), given dA = dL/dA."""
    dA, Z = _pairs(dA, Z)
    dZ = np.zeros_like(dA)
    for i in np.ndindex(Z.shape):
        z = Z[i]
        if z >= 0:
            e = math.exp(-z)         # <= 1: no overflow
            s = 1.0 / (1.0 + e)
        else:
            e = math.exp(z)
            s = e / (1.0 + e)
        dZ[i] = dA[i] * s * (1.0 - s)
    return dZ


def tanh_backward(dA, Z):
    """dL/dZ for A = tanh(Z), given dA = dL/dA."""
    dA, Z = _pairs(dA, Z)
    dZ = np.zeros_like(dA)
    for i in np.ndindex(Z.shape):
        t = math.tanh(Z[i])
        dZ[i] = dA[i] * (1.0 - t) * (1.0 + t)
    return dZ
'''

ACT_FLOAT32 = r'''def relu_backward(dA, Z):
    """dL/dZ for A = relu(Z), given dA = dL/dA."""
    dA = np.asarray(dA, dtype=np.float32)
    Z = np.asarray(Z, dtype=np.float32)
    return np.where(Z > 0, dA, np.float32(0))


def sigmoid_backward(dA, Z):
    """dL/dZ for A = sigmoid(Z), given dA = dL/dA."""
    dA = np.asarray(dA, dtype=np.float32)
    Z = np.asarray(Z, dtype=np.float32)
    s = (np.float32(0.5) * (np.float32(1) + np.tanh(np.float32(0.5) * Z)))
    return dA * s * (np.float32(1) - s)


def tanh_backward(dA, Z):
    """dL/dZ for A = tanh(Z), given dA = dL/dA."""
    dA = np.asarray(dA, dtype=np.float32)
    t = np.tanh(np.asarray(Z, dtype=np.float32))
    return dA * (np.float32(1) - t * t)
'''

ACT_OTHER_FORMULAS = r'''def relu_backward(dA, Z):
    """dL/dZ for A = relu(Z), given dA = dL/dA."""
    dZ = np.array(dA, dtype=float)       # a copy, then block where Z <= 0
    dZ[np.asarray(Z) <= 0] = 0.0
    return dZ


def sigmoid_backward(dA, Z):
    """dL/dZ for A = sigmoid(Z), given dA = dL/dA."""
    Z = np.asarray(Z, dtype=float)
    # sigma'(z) = e^{-|z|} / (1 + e^{-|z|})^2, symmetric and overflow-free
    e = np.exp(-np.abs(Z))
    return np.asarray(dA) * e / (1.0 + e) ** 2


def tanh_backward(dA, Z):
    """dL/dZ for A = tanh(Z), given dA = dL/dA."""
    Z = np.asarray(Z, dtype=float)
    # 1 - tanh^2 = 1 / cosh^2 = 4 e^{-2|z|} / (1 + e^{-2|z|})^2
    e = np.exp(-2.0 * np.abs(Z))
    return np.asarray(dA) * 4.0 * e / (1.0 + e) ** 2
'''

MSE_LOOPS = r'''def _flat_pair(y_pred, y):
    y_pred = np.asarray(y_pred)
    y = np.asarray(y)
    if np.shape(y_pred) != np.shape(y):
        raise ValueError(f"shape mismatch: y_pred has shape {y_pred.shape} "
                         f"but y has shape {y.shape}; they must be equal")
    return y_pred, y


def mse_loss(y_pred, y):
    """Mean squared error over all entries, as a float."""
    y_pred, y = _flat_pair(y_pred, y)
    total = 0.0
    count = 0
    for p, t in zip(y_pred.ravel().tolist(), y.ravel().tolist()):
        total += (p - t) ** 2
        count += 1
    return total / count


def mse_grad(y_pred, y):
    """Gradient of mse_loss with respect to y_pred."""
    y_pred, y = _flat_pair(y_pred, y)
    n_entries = y_pred.size
    grad = np.empty(y_pred.shape)
    for i in np.ndindex(y_pred.shape):
        grad[i] = 2.0 * (float(y_pred[i]) - float(y[i])) / n_entries
    return grad
'''

MSE_FLOAT32 = r'''def mse_loss(y_pred, y):
    """Mean squared error over all entries, as a float."""
    y_pred = np.asarray(y_pred, dtype=np.float32)
    y = np.asarray(y, dtype=np.float32)
    if y_pred.shape != y.shape:
        raise ValueError(f"y_pred {y_pred.shape} and y {y.shape} differ in "
                         f"shape")
    r = y_pred - y
    return float(np.sum(r * r, dtype=np.float32) / np.float32(r.size))


def mse_grad(y_pred, y):
    """Gradient of mse_loss with respect to y_pred."""
    y_pred = np.asarray(y_pred, dtype=np.float32)
    y = np.asarray(y, dtype=np.float32)
    if y_pred.shape != y.shape:
        raise ValueError(f"y_pred {y_pred.shape} and y {y.shape} differ in "
                         f"shape")
    return np.float32(2.0 / y_pred.size) * (y_pred - y)
'''

MSE_NPFLOAT = r'''def mse_loss(y_pred, y):
    """Mean squared error over all entries, as a float."""
    if np.shape(y_pred) != np.shape(y):
        raise ValueError("y_pred and y must have the same shape: got "
                         f"{np.shape(y_pred)} vs {np.shape(y)}")
    diff = np.subtract(y_pred, y, dtype=np.float64)
    return np.float64(np.dot(diff.ravel(), diff.ravel()) / diff.size)


def mse_grad(y_pred, y):
    """Gradient of mse_loss with respect to y_pred."""
    if np.shape(y_pred) != np.shape(y):
        raise ValueError("y_pred and y must have the same shape: got "
                         f"{np.shape(y_pred)} vs {np.shape(y)}")
    diff = np.subtract(y_pred, y, dtype=np.float64)
    return diff * (2.0 / diff.size)
'''

GRADCHECK_INPLACE = r'''def numerical_gradient(f, x, eps=1e-6):
    """Central-difference gradient of the scalar function f at x."""
    if not (isinstance(eps, (int, float, np.floating, np.integer))
            and not isinstance(eps, bool) and 0 < eps < float("inf")):
        raise ValueError(f"numerical_gradient: eps must be > 0 and "
                         f"finite, got {eps}")
    if not (isinstance(x, np.ndarray) and x.dtype == np.float64):
        x = np.array(x, dtype=float)     # can't nudge ints or lists in place
    grad = np.zeros(x.shape)
    it = np.nditer(x, flags=["multi_index"])
    while not it.finished:
        i = it.multi_index
        saved = x[i]
        try:
            x[i] = saved + eps
            f_plus = float(f(x))
            x[i] = saved - eps
            f_minus = float(f(x))
        finally:
            x[i] = saved                 # exactly the old value
        grad[i] = (f_plus - f_minus) / (2.0 * eps)
        it.iternext()
    return grad


def relative_error(a, b):
    """||a - b|| / (||a|| + ||b||), and 0.0 when both are zero.

    Parameters
    ----------
    a, b : array_like of one shape (arrays of any shape, nested lists or
        numbers); the norms run over all entries (Frobenius for matrices).

    Returns
    -------
    float
    """
    a = np.array(a, dtype=np.float64)
    b = np.array(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"shapes differ: a {a.shape}, b {b.shape}")
    if not a.any() and not b.any():
        return 0.0
    num = np.sqrt(np.sum((a - b) ** 2))
    return float(num / (np.sqrt(np.sum(a ** 2)) + np.sqrt(np.sum(b ** 2))))
'''

GRADCHECK_LOOPS = r'''import math


def numerical_gradient(f, x, eps=1e-6):
    """Central-difference gradient of the scalar function f at x."""
    try:
        ok = float(eps) > 0 and math.isfinite(eps) and eps is not True
    except TypeError:
        ok = False
    if not ok:
        raise ValueError(f"eps must be a positive finite step, got {eps!r}")
    base = np.asarray(x, dtype=float)
    flat = base.ravel().copy()
    grad = np.empty(flat.size)
    for k in range(flat.size):
        old = flat[k]
        flat[k] = old + eps
        up = f(flat.reshape(base.shape))
        flat[k] = old - eps
        down = f(flat.reshape(base.shape))
        flat[k] = old
        grad[k] = (up - down) / (2 * eps)
    return grad.reshape(base.shape)


def relative_error(a, b):
    """||a - b|| / (||a|| + ||b||), and 0.0 when both are zero.

    Parameters
    ----------
    a, b : array_like of one shape (arrays of any shape, nested lists or
        numbers); the norms run over all entries (Frobenius for matrices).

    Returns
    -------
    float
    """
    if np.shape(a) != np.shape(b):
        raise ValueError("relative_error needs a and b of the same shape, "
                         f"got {np.shape(a)} and {np.shape(b)}")
    fa = [float(v) for v in np.ravel(a)]
    fb = [float(v) for v in np.ravel(b)]
    norm_a = math.sqrt(sum(v * v for v in fa))
    norm_b = math.sqrt(sum(v * v for v in fb))
    if norm_a == 0 and norm_b == 0:
        return 0.0
    norm_d = math.sqrt(sum((u - v) ** 2 for u, v in zip(fa, fb)))
    return norm_d / (norm_a + norm_b)
'''

RELERR_NPFLOAT = r'''def relative_error(a, b):
    """||a - b|| / (||a|| + ||b||), and 0.0 when both are zero.

    Parameters
    ----------
    a, b : array_like of one shape (arrays of any shape, nested lists or
        numbers); the norms run over all entries (Frobenius for matrices).

    Returns
    -------
    float
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"a and b must have one shape, not {a.shape} and "
                         f"{b.shape}")
    norm = np.linalg.norm
    denom = norm(a.reshape(-1)) + norm(b.reshape(-1))
    if denom == 0:
        return np.float64(0.0)
    return np.float64(norm(a.reshape(-1) - b.reshape(-1)) / denom)
'''

_RELERR_BODY = "    a = np.asarray"

# MLPRegressor variants, mostly as edits of BASE's MLP cell.
SHUFFLE_OLD = "            order = rng.permutation(n)\n"
INIT_OLD = (
    "            a = np.sqrt(6.0 / (fan_in + fan_out))        "
    "# Glorot uniform\n"
    "            self.coefs_.append(rng.uniform(-a, a, size=(fan_in, "
    "fan_out)))\n"
    "            self.intercepts_.append(np.zeros(fan_out))\n")

MLP_FLOAT32 = (MLP
               .replace("np.asarray(X, dtype=float)",
                        "np.asarray(X, dtype=np.float32)")
               .replace("np.asarray(y, dtype=float)",
                        "np.asarray(y, dtype=np.float32)")
               .replace("rng.uniform(-a, a, size=(fan_in, fan_out))",
                        "rng.uniform(-a, a, size=(fan_in, fan_out))"
                        ".astype(np.float32)")
               .replace("np.zeros(fan_out)", "np.zeros(fan_out, np.float32)")
               .replace("W -= lr * dW", "W -= np.float32(lr) * dW")
               .replace("b -= lr * db", "b -= np.float32(lr) * db"))

MLP_INLINE_TRAIN = r'''
    def _batch_step(self, X, Y, lr):
        """One SGD step on a batch, forward and backward written out."""
        acts, pre = [X], []
        for i, (W, b) in enumerate(zip(self.coefs_, self.intercepts_)):
            Z = acts[-1] @ W + b
            pre.append(Z)
            acts.append(Z if i == len(self.coefs_) - 1 else np.maximum(Z, 0))
        out = acts[-1]
        loss = np.mean((out - Y) ** 2)
        G = 2.0 * (out - Y) / out.size
        for i in reversed(range(len(self.coefs_))):
            if i < len(self.coefs_) - 1:
                G = G * (pre[i] > 0)
            dW = acts[i].T @ G
            db = G.sum(axis=0)
            G = G @ self.coefs_[i].T
            self.coefs_[i] -= lr * dW
            self.intercepts_[i] -= lr * db
        return float(loss)
'''

MLP_LOOP_BATCHES = r'''        for _ in range(self.max_iter):
            order = np.arange(n)
            rng.shuffle(order)
            losses, counts = [], []
            start = 0
            while start < n:
                stop = min(start + self.batch_size, n)
                rows = order[start:stop]
                loss, coef_grads, intercept_grads = self.loss_and_gradients(
                    X[rows], y[rows])
                for i in range(len(self.coefs_)):
                    self.coefs_[i] = self.coefs_[i] - lr * coef_grads[i]
                    self.intercepts_[i] = (self.intercepts_[i]
                                           - lr * intercept_grads[i])
                losses.append(loss)
                counts.append(stop - start)
                start = stop
            self.loss_curve_.append(float(np.average(losses,
                                                     weights=counts)))
'''
MLP_BATCH_LOOP_OLD = r'''        for _ in range(self.max_iter):
            order = rng.permutation(n)
            weighted = 0.0
            for start in range(0, n, self.batch_size):
                batch = order[start:start + self.batch_size]
                loss, coef_grads, intercept_grads = self.loss_and_gradients(
                    X[batch], y[batch])
                for W, dW in zip(self.coefs_, coef_grads):
                    W -= lr * dW
                for b, db in zip(self.intercepts_, intercept_grads):
                    b -= lr * db
                weighted += loss * len(batch)
            self.loss_curve_.append(weighted / n)
'''

MLP_DATA_FIRST_OLD = r'''        hidden = self._check_settings()
        X = self._check_X(X)
'''
MLP_DATA_FIRST_NEW = r'''        X = self._check_X(X)
'''
MLP_DATA_FIRST_OLD2 = r'''        n, n_features = X.shape
'''
MLP_DATA_FIRST_NEW2 = r'''        hidden = self._check_settings()
        n, n_features = X.shape
'''

VALID = [
    Variant("dense layer with plain Python loops",
            cells={"dense_layer": DENSE_LOOPS}),
    Variant("dense layer in float32, other error wording",
            cells={"dense_layer": DENSE_FLOAT32}),
    Variant("dense layer with einsum, (W dZ^T)^T and ones @ dZ",
            cells={"dense_layer": DENSE_EINSUM}),
    Variant("activation backward with loops and math, shape check",
            cells={"activation_backward": ACT_LOOPS}),
    Variant("activation backward in float32",
            cells={"activation_backward": ACT_FLOAT32}),
    Variant("activation backward by other overflow-free formulas",
            cells={"activation_backward": ACT_OTHER_FORMULAS}),
    Variant("mse with Python loops, float from Python arithmetic",
            cells={"mse": MSE_LOOPS}),
    Variant("mse in float32 (loss converted to float)",
            cells={"mse": MSE_FLOAT32}),
    Variant("mse_loss returns np.float64 (a float subclass)",
            cells={"mse": MSE_NPFLOAT}),
    Variant("numerical_gradient nudges x itself in place and restores it;"
            " relative_error by sums of squares",
            cells={"gradient_check": GRADCHECK_INPLACE}),
    Variant("numerical_gradient over a flat copy; relative_error in pure"
            " Python",
            cells={"gradient_check": GRADCHECK_LOOPS}),
    Variant("numerical_gradient does not check eps (the notebook never "
            "states eps's allowed values)",
            edits=[("gradient_check",
                    "    if (isinstance(eps, (bool, np.bool_)) or not "
                    "isinstance(eps, Real)\n"
                    "            or not np.isfinite(eps) or eps <= 0):\n"
                    "        raise ValueError(f\"eps must be a positive "
                    "finite number, got \"\n"
                    "                         f\"{eps!r}\")\n", "")]),
    Variant("Parts A, C and D also reject NaN or infinity in their arrays "
            "(reads 'NaN or infinity where a number is needed' to cover "
            "them)",
            edits=[("dense_layer",
                    "    error = _dense_shapes_error(X, W, b=b)\n",
                    "    error = _dense_shapes_error(X, W, b=b)\n"
                    "    for name, arr in ((\"X\", X), (\"W\", W), "
                    "(\"b\", b)):\n"
                    "        if not np.isfinite(arr).all():\n"
                    "            raise ValueError(f\"{name} holds NaN or "
                    "infinity: {arr!r}\")\n"),
                   ("dense_layer",
                    "    error = _dense_shapes_error(X, W, dZ=dZ)\n",
                    "    error = _dense_shapes_error(X, W, dZ=dZ)\n"
                    "    for name, arr in ((\"dZ\", dZ), (\"X\", X), "
                    "(\"W\", W)):\n"
                    "        if not np.isfinite(arr).all():\n"
                    "            raise ValueError(f\"{name} holds NaN or "
                    "infinity: {arr!r}\")\n"),
                   ("mse",
                    "    return y_pred, y\n",
                    "    if not (np.isfinite(y_pred).all() and "
                    "np.isfinite(y).all()):\n"
                    "        raise ValueError(f\"y_pred and y must hold "
                    "finite numbers, got \"\n"
                    "                         f\"{y_pred!r} and {y!r}\")\n"
                    "    return y_pred, y\n"),
                   ("gradient_check",
                    "    if denom == 0:\n",
                    "    if not (np.isfinite(a).all() and "
                    "np.isfinite(b).all()):\n"
                    "        raise ValueError(f\"a and b must hold finite "
                    "numbers, got {a!r} \"\n"
                    "                         f\"and {b!r}\")\n"
                    "    if denom == 0:\n")]),
    Variant("relative_error returns np.float64",
            edits=[("gradient_check",
                    GRADIENT_CHECK[GRADIENT_CHECK.index(_RELERR_BODY):],
                    RELERR_NPFLOAT[RELERR_NPFLOAT.index(_RELERR_BODY):])]),
    Variant("MLP shuffles with rng.shuffle(arange), while-loop batches, "
            "reassigns parameters, np.average for the loss curve",
            edits=[("MLPRegressor", MLP_BATCH_LOOP_OLD, MLP_LOOP_BATCHES)]),
    Variant("MLP shuffles with rng.choice(n, n, replace=False)",
            edits=[("MLPRegressor", SHUFFLE_OLD,
                    "            order = rng.choice(n, size=n, "
                    "replace=False)\n")]),
    Variant("MLP He-normal initialisation, zero biases",
            edits=[("MLPRegressor", INIT_OLD,
                    "            self.coefs_.append(rng.normal(\n"
                    "                0.0, np.sqrt(2.0 / fan_in), "
                    "size=(fan_in, fan_out)))\n"
                    "            self.intercepts_.append(np.zeros(fan_out))"
                    "\n")]),
    Variant("MLP Glorot-normal initialisation",
            edits=[("MLPRegressor", INIT_OLD,
                    "            std = np.sqrt(2.0 / (fan_in + fan_out))\n"
                    "            self.coefs_.append(std * rng.standard_normal("
                    "(fan_in, fan_out)))\n"
                    "            self.intercepts_.append(np.zeros(fan_out))"
                    "\n")]),
    Variant("MLP scikit-learn's scheme: biases also from U(-a, a) "
            "(reads 'any standard scheme passes' to cover non-zero biases)",
            edits=[("MLPRegressor", INIT_OLD,
                    "            a = np.sqrt(6.0 / (fan_in + fan_out))\n"
                    "            self.coefs_.append(rng.uniform(-a, a, "
                    "(fan_in, fan_out)))\n"
                    "            self.intercepts_.append(rng.uniform(-a, a, "
                    "fan_out))\n")]),
    Variant("MLP with float32 parameters and data",
            cells={"MLPRegressor": MLP_FLOAT32}),
    Variant("MLP validates the data before the hyper-parameters",
            edits=[("MLPRegressor", MLP_DATA_FIRST_OLD, MLP_DATA_FIRST_NEW),
                   ("MLPRegressor", MLP_DATA_FIRST_OLD2,
                    MLP_DATA_FIRST_NEW2)]),
    Variant("MLP accepts a bare int hidden_layer_sizes as one layer "
            "(scikit-learn's reading of 'tuple of int')",
            edits=[("MLPRegressor",
                    "        sizes = self.hidden_layer_sizes\n",
                    "        sizes = self.hidden_layer_sizes\n"
                    "        if self._is_count(sizes):\n"
                    "            sizes = (sizes,)\n")]),
    Variant("MLP other error wording: str() of the value, the bad "
            "entry of hidden_layer_sizes",
            edits=[("MLPRegressor",
                    "        if sizes_list is None or not all(map("
                    "self._is_count, sizes_list)):\n"
                    "            raise ValueError(f\"hidden_layer_sizes must "
                    "be a tuple of \"\n"
                    "                             f\"positive integers, got "
                    "{sizes!r}\")\n",
                    "        if sizes_list is None:\n"
                    "            raise ValueError(f\"hidden_layer_sizes "
                    "should be a tuple of \"\n"
                    "                             f\"ints, not {sizes}\")\n"
                    "        for s in sizes_list:\n"
                    "            if not self._is_count(s):\n"
                    "                raise ValueError(\n"
                    "                    f\"bad hidden layer size {s} in \"\n"
                    "                    f\"hidden_layer_sizes: each must be "
                    "an int >= 1\")\n"),
                   ("MLPRegressor",
                    "            raise ValueError(f\"learning_rate must be a "
                    "positive number, \"\n"
                    "                             f\"got {lr!r}\")\n",
                    "            raise ValueError(f\"invalid learning_rate "
                    "{lr}: use a \"\n"
                    "                             f\"positive finite step "
                    "size\")\n")]),
    Variant("MLP rejects an empty hidden_layer_sizes (reads 'one dense "
            "layer per entry' as needing at least one hidden layer)",
            edits=[("MLPRegressor",
                    "        if sizes_list is None or not all(",
                    "        if not sizes_list or not all(")]),
    Variant("MLP predict also rejects an X with no samples (reads 'as "
            "train does' to include it)",
            edits=[("MLPRegressor",
                    "        out = self._forward(X)[1]\n",
                    "        if X.shape[0] == 0:\n"
                    "            raise ValueError(f'X has no samples, got "
                    "shape {X.shape}')\n"
                    "        out = self._forward(X)[1]\n")]),
    Variant("MLP train passes batches of y reshaped to 2-D to "
            "loss_and_gradients",
            edits=[("MLPRegressor",
                    "                    X[batch], y[batch])\n",
                    "                    X[batch], y.reshape(n, -1)[batch])\n"
                    )]),
    Variant("MLP train does the forward/backward pass inline instead of "
            "calling self.loss_and_gradients (reads 'compute "
            "loss_and_gradients' as the quantity, not the method)",
            edits=[("MLPRegressor",
                    "                loss, coef_grads, intercept_grads = "
                    "self.loss_and_gradients(\n"
                    "                    X[batch], y[batch])\n"
                    "                for W, dW in zip(self.coefs_, "
                    "coef_grads):\n"
                    "                    W -= lr * dW\n"
                    "                for b, db in zip(self.intercepts_, "
                    "intercept_grads):\n"
                    "                    b -= lr * db\n",
                    "                loss = self._batch_step(\n"
                    "                    X[batch], y.reshape(n, -1)[batch], "
                    "lr)\n"),
                   ("MLPRegressor", "    fit = train\n",
                    "    fit = train\n" + MLP_INLINE_TRAIN)]),
]

# ---------------------------------------------------------------------------
# WRONG
# ---------------------------------------------------------------------------

WRONG = [
    Variant("dense_forward forgets the bias",
            edits=[("dense_layer", "    return X @ W + b\n",
                    "    return X @ W\n")],
            breaks="to $Z = XW + b$, with weights ... and bias "
                   "$b \\in \\mathbb{R}^{m}$ added to every row"),
    Variant("dense_forward lets NumPy broadcast a bias of the wrong size",
            edits=[("dense_layer",
                    "    error = _dense_shapes_error(X, W, b=b)\n",
                    "    error = _dense_shapes_error(X, W)\n")],
            breaks="If the shapes of the arguments do not fit together, "
                   "raise a `ValueError`"),
    Variant("dense layer error message without the expected shapes",
            edits=[("dense_layer",
                    "    if error is not None:\n        raise error\n"
                    "    return X @ W + b\n",
                    "    if error is not None:\n"
                    "        raise ValueError('the shapes do not fit')\n"
                    "    return X @ W + b\n")],
            breaks="a message about arrays of Parts A, C and D whose shapes "
                   "do not fit contains at least one of the shapes received "
                   "as NumPy prints it"),
    Variant("dense_backward averages the bias gradient over the batch",
            edits=[("dense_layer", "    db = dZ.sum(axis=0)",
                    "    db = dZ.mean(axis=0)")],
            breaks="The bias gradient is a **sum** over the batch"),
    Variant("dense_backward sums dW without the transpose order (dZ^T X)",
            edits=[("dense_layer", "    dW = X.T @ dZ\n",
                    "    dW = (dZ.T @ X).reshape(W.shape)\n")],
            breaks="\\frac{\\partial L}{\\partial W} = X^\\top\\,"
                   "\\frac{\\partial L}{\\partial Z}"),
    Variant("relu_backward passes the gradient at z = 0",
            edits=[("activation_backward", "    return dA * (Z > 0)\n",
                    "    return dA * (Z >= 0)\n")],
            breaks="$1$ if $z > 0$, else $0$ (we take $0$ at $z = 0$)"),
    Variant("sigmoid_backward with exp(-z) / (1 + exp(-z))**2 (nan at "
            "z = -1000)",
            edits=[("activation_backward",
                    "    s = sigmoid(Z)               # the given sigmoid "
                    "never overflows\n"
                    "    return dA * s * (1.0 - s)\n",
                    "    e = np.exp(-np.asarray(Z, dtype=float))\n"
                    "    return dA * e / (1.0 + e) ** 2\n")],
            breaks="Your functions must work for large $|z|$ (say "
                   "$z = \\pm 1000$) without producing `nan`."),
    Variant("tanh_backward treats Z as the activation's output",
            edits=[("activation_backward",
                    "    t = np.tanh(Z)\n", "    t = np.asarray(Z)\n")],
            breaks="`Z` (the activation's input, as stored in the forward "
                   "pass)"),
    Variant("mse_loss lets NumPy broadcast (n,) against (n, 1)",
            edits=[("mse", "    y_pred, y = _mse_pair(y_pred, y)\n"
                           "    return float(",
                    "    y_pred, y = np.asarray(y_pred), np.asarray(y)\n"
                    "    return float(")],
            breaks="If `y_pred` and `y` have different shapes, raise a "
                   "`ValueError`"),
    Variant("mse_grad divides by the number of samples, not entries",
            edits=[("mse", "    return 2.0 * (y_pred - y) / y_pred.size\n",
                    "    return 2.0 * (y_pred - y) / len(y_pred)\n")],
            breaks="$N = n \\cdot k$ for targets of shape $(n, k)$"),
    Variant("numerical_gradient uses a one-sided difference",
            edits=[("gradient_check",
                    "        work[i] = old - eps\n"
                    "        f_minus = f(work)\n",
                    "        work[i] = old\n"
                    "        f_minus = f(work)\n"),
                   ("gradient_check",
                    "        grad[i] = (f_plus - f_minus) / (2 * eps)\n",
                    "        grad[i] = (f_plus - f_minus) / eps\n")],
            breaks="The **central difference** $\\frac{f(x + \\varepsilon "
                   "e_i) - f(x - \\varepsilon e_i)}{2\\varepsilon}$"),
    Variant("numerical_gradient ignores its eps argument",
            edits=[("gradient_check",
                    "    work = np.array(x, dtype=float)",
                    "    eps = 1e-4\n    work = np.array(x, dtype=float)")],
            breaks="`numerical_gradient(f, x, eps)` applies it"),
    Variant("numerical_gradient nudges x in place and undoes by +eps, "
            "-2 eps, +eps (not exactly restored)",
            cells={"gradient_check": GRADIENT_CHECK.replace(
                "    work = np.array(x, dtype=float)      # a copy: x itself "
                "is never touched\n",
                "    work = x\n").replace(
                "        old = work[i]\n"
                "        work[i] = old + eps\n"
                "        f_plus = f(work)\n"
                "        work[i] = old - eps\n"
                "        f_minus = f(work)\n"
                "        work[i] = old                    # put the entry "
                "back\n",
                "        work[i] += eps\n"
                "        f_plus = f(work)\n"
                "        work[i] -= 2 * eps\n"
                "        f_minus = f(work)\n"
                "        work[i] += eps\n")},
            breaks="leaves `x` exactly as it was (you may change entries "
                   "temporarily, but put them back)"),
    Variant("numerical_gradient loops over the first axis only",
            edits=[("gradient_check",
                    "    for i in np.ndindex(work.shape):\n",
                    "    for i in range(len(work)):\n")],
            breaks="applies it to every entry of an array `x` of any shape"),
    Variant("relative_error uses the spectral norm for matrices",
            edits=[("gradient_check",
                    "    denom = np.linalg.norm(a.ravel()) + "
                    "np.linalg.norm(b.ravel())\n"
                    "    if denom == 0:\n"
                    "        return 0.0\n"
                    "    return float(np.linalg.norm((a - b).ravel()) / "
                    "denom)\n",
                    "    o = 2 if a.ndim == 2 else None\n"
                    "    denom = np.linalg.norm(a, o) + np.linalg.norm(b, o)"
                    "\n"
                    "    if denom == 0:\n"
                    "        return 0.0\n"
                    "    return float(np.linalg.norm(a - b, o) / denom)\n")],
            breaks="over all entries (the Frobenius norm for matrices)"),
    Variant("relative_error lets NumPy broadcast different shapes",
            edits=[("gradient_check",
                    "    if a.shape != b.shape:\n"
                    "        raise ValueError(f\"a and b must have the same "
                    "shape, got {a.shape} \"\n"
                    "                         f\"and {b.shape}\")\n",
                    "    a, b = np.broadcast_arrays(a, b)\n")],
            breaks="Raise a `ValueError` if `a` and `b` have different "
                   "shapes."),
    Variant("MLP ReLU after the output layer too",
            edits=[("MLPRegressor", "            A = Z if i == last else "
                    "relu(Z)\n", "            A = relu(Z)\n"),
                   ("MLPRegressor", "            if i > 0:\n"
                    "                # inputs[i] = relu(Z) is > 0 exactly "
                    "where Z > 0\n"
                    "                dA = relu_backward(dX, inputs[i])\n",
                    "            if i > 0:\n"
                    "                dA = relu_backward(dX, inputs[i])\n"),
                   ("MLPRegressor", "        dA = mse_grad(out, Y)\n",
                    "        dA = mse_grad(out, Y) * (out > 0)\n")],
            breaks="a dense output layer with no activation"),
    Variant("MLP shuffles once, the same order in every epoch",
            edits=[("MLPRegressor", SHUFFLE_OLD, ""),
                   ("MLPRegressor", "        self.loss_curve_ = []\n",
                    "        self.loss_curve_ = []\n"
                    "        order = rng.permutation(n)\n")],
            breaks="shuffle the sample indices with `rng` (a new order in "
                   "every epoch, the first one included)"),
    Variant("MLP first epoch in the original order (shuffles at the end)",
            edits=[("MLPRegressor", SHUFFLE_OLD, ""),
                   ("MLPRegressor", "        self.loss_curve_ = []\n",
                    "        self.loss_curve_ = []\n"
                    "        order = np.arange(n)\n"),
                   ("MLPRegressor",
                    "            self.loss_curve_.append(weighted / n)\n",
                    "            self.loss_curve_.append(weighted / n)\n"
                    "            order = rng.permutation(n)\n")],
            breaks="a new order in every epoch, the first one included"),
    Variant("MLP drops the last, smaller batch",
            edits=[("MLPRegressor",
                    "            for start in range(0, n, self.batch_size):\n",
                    "            for start in range(0, n - self.batch_size + 1"
                    ", self.batch_size):\n"),
                   ("MLPRegressor",
                    "            self.loss_curve_.append(weighted / n)\n",
                    "            used = max(n - n % self.batch_size, 1)\n"
                    "            self.loss_curve_.append(weighted / used)\n")],
            breaks="the last batch keeps whatever is left, even if smaller"),
    Variant("MLP loss_curve_ is the unweighted mean of batch losses",
            edits=[("MLPRegressor",
                    "                weighted += loss * len(batch)\n"
                    "            self.loss_curve_.append(weighted / n)\n",
                    "                weighted += loss\n"
                    "            n_batches = -(-n // self.batch_size)\n"
                    "            self.loss_curve_.append(weighted / "
                    "n_batches)\n")],
            breaks="the mean of that epoch's batch losses weighted by batch "
                   "size"),
    Variant("MLP loss_curve_ is the full-data loss after each epoch (as "
            "the lecture's train)",
            edits=[("MLPRegressor",
                    "            self.loss_curve_.append(weighted / n)\n",
                    "            self.loss_curve_.append(\n"
                    "                self.loss_and_gradients(X, y)[0])\n")],
            breaks="`loss_curve_` is a list with one entry per epoch: the "
                   "mean of that epoch's batch losses weighted by batch "
                   "size"),
    Variant("MLP shuffles with the global np.random, not rng",
            edits=[("MLPRegressor", SHUFFLE_OLD,
                    "            order = np.random.permutation(n)\n")],
            breaks="Draw every random number from `rng = "
                   "np.random.default_rng(random_state)`"),
    Variant("MLP loss sums the outputs' squared errors per sample",
            edits=[("MLPRegressor",
                    "        loss = mse_loss(out, Y)\n"
                    "        dA = mse_grad(out, Y)\n",
                    "        loss = mse_loss(out, Y) * Y.shape[1]\n"
                    "        dA = mse_grad(out, Y) * Y.shape[1]\n")],
            breaks="The MSE of Part C on the training targets (as a 2-D "
                   "array of shape `(n, k)`"),
    Variant("MLP accepts a negative learning_rate",
            edits=[("MLPRegressor",
                    "                or not math.isfinite(lr) or lr <= 0):",
                    "                or not math.isfinite(lr) or lr == 0):")],
            breaks="`train` raises a `ValueError` ... when ... "
                   "`learning_rate` is not a positive number"),
    Variant("MLP does not check X and y for NaN or infinity in train",
            edits=[("MLPRegressor",
                    "        if not np.isfinite(X).all():\n"
                    "            raise ValueError(\"X holds NaN or "
                    "infinity; got \"\n"
                    "                             f\"{np.array2string(X, "
                    "threshold=20)}\")\n", ""),
                   ("MLPRegressor",
                    "        if not np.isfinite(y).all():\n", "        if "
                    "False:\n")],
            breaks="`X` or `y` holds NaN or infinity"),
    Variant("MLP train does not check the numbers of samples",
            edits=[("MLPRegressor",
                    "        if y.shape[0] != X.shape[0]:\n",
                    "        if y.shape[0] < X.shape[0]:\n")],
            breaks="`X` and `y` have different numbers of samples"),
    Variant("MLP predict before train fails with AttributeError",
            edits=[("MLPRegressor",
                    "        if not getattr(self, \"_trained\", False):\n",
                    "        if not self._trained:\n")],
            breaks="and if the model has not been trained yet (say to call "
                   "`train` first)"),
    Variant("MLP predict does not check for NaN or infinity",
            edits=[("MLPRegressor",
                    "                             \"call train first\")\n"
                    "        X = self._check_X(X)\n",
                    "                             \"call train first\")\n"
                    "        X = np.asarray(X, dtype=float)\n"
                    "        if X.ndim != 2:\n"
                    "            raise ValueError(f'X must be 2-D, got "
                    "shape {X.shape}')\n")],
            breaks="`predict` raises a `ValueError`, as `train` does, if `X` "
                   "is not 2-D, has the wrong number of features or holds "
                   "NaN or infinity"),
    Variant("MLP accepts y with three dimensions",
            edits=[("MLPRegressor",
                    "        if y.ndim not in (1, 2):\n",
                    "        if y.ndim == 0:\n"),
                   ("MLPRegressor",
                    "        n_outputs = 1 if y.ndim == 1 else y.shape[1]\n",
                    "        y = y if y.ndim < 3 else y.reshape(len(y), -1)\n"
                    "        n_outputs = 1 if y.ndim == 1 else y.shape[1]\n")],
            breaks="`y` is not 1-D or 2-D"),
    Variant("MLP caps the initial weight range by the learning rate",
            edits=[("MLPRegressor",
                    "            a = np.sqrt(6.0 / (fan_in + fan_out))      "
                    "  # Glorot uniform\n",
                    "            a = np.sqrt(6.0 / (fan_in + fan_out))\n"
                    "            a = min(a, 10 * self.learning_rate)\n")],
            breaks="The initial parameters may depend only on "
                   "`random_state` and the layer sizes — not on "
                   "`learning_rate`, `max_iter` or `batch_size`."),
    Variant("MLP accepts a zero batch_size as 'all samples'",
            edits=[("MLPRegressor",
                    "        for name in (\"max_iter\", \"batch_size\"):\n",
                    "        if self.batch_size == 0:\n"
                    "            self.batch_size = 10 ** 9\n"
                    "        for name in (\"max_iter\", \"batch_size\"):\n")],
            breaks="`max_iter` or `batch_size` is not a positive integer "
                   "(name the parameter)"),
    Variant("MLP accepts integral floats such as 4.0 as sizes, "
            "max_iter and batch_size",
            edits=[("MLPRegressor",
                    "        return (isinstance(value, numbers.Integral)\n"
                    "                and not isinstance(value, (bool, "
                    "np.bool_)) and value >= 1)\n",
                    "        if isinstance(value, (bool, np.bool_)):\n"
                    "            return False\n"
                    "        if isinstance(value, numbers.Real):\n"
                    "            return float(value).is_integer() and "
                    "value >= 1\n"
                    "        return False\n"),
                   ("MLPRegressor", "        return [int(s) for s in "
                    "sizes_list]\n",
                    "        self._int_settings = (int(self.max_iter), "
                    "int(self.batch_size))\n"
                    "        return [int(s) for s in sizes_list]\n"),
                   ("MLPRegressor", "        for _ in range(self.max_iter):",
                    "        for _ in range(self._int_settings[0]):"),
                   ("MLPRegressor",
                    "            for start in range(0, n, self.batch_size):\n"
                    "                batch = order[start:start + "
                    "self.batch_size]\n",
                    "            bs = self._int_settings[1]\n"
                    "            for start in range(0, n, bs):\n"
                    "                batch = order[start:start + bs]\n")],
            breaks="an integer here is a Python `int` or a NumPy integer: "
                   "`2.5` is not one"),
    Variant("MLP accepts an infinite learning_rate",
            edits=[("MLPRegressor",
                    "                or not math.isfinite(lr) or lr <= 0):",
                    "                or math.isnan(lr) or lr <= 0):")],
            breaks="`learning_rate` is not a positive finite number (`inf` "
                   "and `nan` are not)"),
    Variant("MLP accepts True as max_iter or batch_size",
            edits=[("MLPRegressor",
                    "        for name in (\"max_iter\", \"batch_size\"):\n"
                    "            value = getattr(self, name)\n"
                    "            if not self._is_count(value):\n",
                    "        for name in (\"max_iter\", \"batch_size\"):\n"
                    "            value = getattr(self, name)\n"
                    "            if not (value is True\n"
                    "                    or self._is_count(value)):\n")],
            breaks="an integer here is a Python `int` or a NumPy integer: "
                   "... nor is a bool such as `True`"),
    Variant("MLP learning_rate message without the value received",
            edits=[("MLPRegressor",
                    "            raise ValueError(f\"learning_rate must be a "
                    "positive number, \"\n"
                    "                             f\"got {lr!r}\")\n",
                    "            raise ValueError(\"learning_rate must be a "
                    "positive number\")\n")],
            breaks="a message about a parameter (such as `learning_rate`) "
                   "names it and contains the value received as Python "
                   "prints it"),
    Variant("dense_backward does not check shapes (NumPy's matmul error)",
            edits=[("dense_layer",
                    "    error = _dense_shapes_error(X, W, dZ=dZ)\n"
                    "    if error is not None:\n"
                    "        raise error\n", "")],
            breaks="If the shapes of the arguments do not fit together, raise "
                   "a `ValueError` (both functions; see **Bad input** above "
                   "for its message)."),
]

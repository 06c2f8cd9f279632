"""Mutants and valid alternatives for source/03_backprop."""
from . import Alternative, Mutant

M = Mutant
MUTANTS = [
    M("forward forgets the bias", "dense_layer",
      [("return X @ W + b", "return X @ W")],
      {"test_dense_forward", "test_mlp_gradients"}),
    M("forward hard-codes the visible example", "dense_layer",
      [("return X @ W + b",
        "return (np.array([[4.5, -1.5], [1.5, -2.5]]) if X.shape == (2, 3)"
        " else X @ W)")],
      {"test_dense_forward"}),
    M("bias gradient forgotten", "dense_layer",
      [("dZ.sum(axis=0)", "np.zeros(W.shape[1])")],
      {"test_dense_backward", "test_mlp_gradients"}),
    M("bias gradient averaged instead of summed", "dense_layer",
      [("dZ.sum(axis=0)", "dZ.mean(axis=0)")],
      {"test_dense_backward", "test_mlp_gradients"}),
    M("input gradient with the wrong sign", "dense_layer",
      [("return dZ @ W.T,", "return -(dZ @ W.T),")],
      {"test_dense_backward", "test_mlp_gradients"}),
    M("relu backward passes the negative side", "activation_backward",
      [("(np.asarray(Z) > 0)", "(np.asarray(Z) < 0)")],
      {"test_relu_backward"}),
    M("sigmoid derivative missing the (1 - s) factor", "activation_backward",
      [("np.asarray(dA) * s * (1 - s)", "np.asarray(dA) * s")],
      {"test_sigmoid_backward"}),
    M("tanh derivative 1 - tanh instead of 1 - tanh**2", "activation_backward",
      [("(1 - t * t)", "(1 - t)")],
      {"test_tanh_backward"}),
    M("mse summed instead of averaged", "mse",
      [("np.mean((y_pred - y) ** 2)", "np.sum((y_pred - y) ** 2)")],
      {"test_mse_loss"}),
    M("mse gradient without the factor 2", "mse",
      [("2.0 * (y_pred - y) / y.size", "(y_pred - y) / y.size")],
      {"test_mse_grad", "test_mlp_gradients"}),
    M("one-sided difference", "gradient_check",
      [("x[i] = old - eps\n        f_minus", "x[i] = old\n        f_minus"),
       ("/ (2 * eps)", "/ eps")],
      {"test_numerical_gradient"}),
    M("x not restored", "gradient_check",
      [("        x[i] = old\n        grad[i]", "        grad[i]")],
      {"test_numerical_gradient"}),
    M("relative error without the denominator", "gradient_check",
      [("np.linalg.norm(a - b) / scale", "np.linalg.norm(a - b)")],
      {"test_relative_error"}),
    M("missing ReLU derivative in the network", "MLPRegressor",
      [("dZ = dA * (inputs[i] > 0)", "dZ = dA")],
      {"test_mlp_gradients"}),
    M("ReLU on the output layer too", "MLPRegressor",
      [("A = Z if i == last else relu(Z)", "A = relu(Z)")],
      {"test_mlp_gradients"}),
    M("gradient ascent", "MLPRegressor",
      [("W -= lr * gW", "W += lr * gW")],
      {"test_mlp_sgd_steps", "test_mlp_learns"}),
    M("biases never updated", "MLPRegressor",
      [("b -= lr * gb", "b -= 0 * gb")],
      {"test_mlp_sgd_steps"}),
    M("learning_rate ignored", "MLPRegressor",
      [("W -= lr * gW", "W -= 0.01 * gW"), ("b -= lr * gb", "b -= 0.01 * gb")],
      {"test_mlp_sgd_steps", "test_mlp_learns"}),
    M("only the first hidden layer used", "MLPRegressor",
      [("layers = [X.shape[1], *sizes, Y.shape[1]]",
        "layers = [X.shape[1], sizes[0], Y.shape[1]]")],
      {"test_mlp_shapes"}),
    M("max_iter ignored", "MLPRegressor",
      [("for _ in range(self.max_iter):", "for _ in range(10):")],
      {"test_mlp_shapes", "test_mlp_sgd_steps"}),
    M("batch_size ignored (always full batch)", "MLPRegressor",
      [("batch_size = min(self.batch_size, n)", "batch_size = n")],
      {"test_mlp_sgd_steps"}),
    M("last partial batch dropped", "MLPRegressor",
      [("for start in range(0, n, batch_size):",
        "for start in range(0, n - batch_size + 1, batch_size):")],
      {"test_mlp_sgd_steps"}),
    M("loss_curve_ records the last batch only", "MLPRegressor",
      [("self.loss_curve_.append(total / n)",
        "self.loss_curve_.append(loss)")],
      {"test_mlp_sgd_steps"}),
    M("random_state ignored", "MLPRegressor",
      [("rng = np.random.default_rng(self.random_state)",
        "rng = np.random.default_rng()")],
      {"test_mlp_sgd_steps", "test_mlp_learns"}),
    M("predict returns (n, 1) for a 1-D y", "MLPRegressor",
      [("return out[:, 0] if self._y_1d else out", "return out")],
      {"test_mlp_shapes"}),
    M("NaN and infinity accepted", "MLPRegressor",
      [("if not (np.all(np.isfinite(X)) and np.all(np.isfinite(y))):",
        "if False:")],
      {"test_mlp_bad_input"}),
    M("learning_rate not validated", "MLPRegressor",
      [("or not np.isfinite(lr) or lr <= 0):", "or not np.isfinite(lr)):")],
      {"test_mlp_bad_input"}),
    # issue 15: stated clauses that no test checked before
    M("relu'(0) = 1 (Z >= 0)", "activation_backward",
      [("(np.asarray(Z) > 0)", "(np.asarray(Z) >= 0)")],
      {"test_relu_backward"}),
    M("relative error with the spectral norm for matrices", "gradient_check",
      [("    scale = np.linalg.norm(a) + np.linalg.norm(b)\n",
        "    def norm(m):\n"
        "        return np.linalg.norm(m, 2) if m.ndim == 2 "
        "else np.linalg.norm(m)\n"
        "    scale = norm(a) + norm(b)\n"),
       ("np.linalg.norm(a - b) / scale", "norm(a - b) / scale")],
      {"test_relative_error"}),
    M("relative error takes only arrays (lists fail)", "gradient_check",
      [("    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)\n",
        "")],
      {"test_relative_error"}),
    M("relative error divides by the larger norm", "gradient_check",
      [("scale = np.linalg.norm(a) + np.linalg.norm(b)",
        "scale = max(np.linalg.norm(a), np.linalg.norm(b))")],
      {"test_relative_error"}),
    M("numerical gradient ignores eps (always 1e-6)", "gradient_check",
      [("x[i] = old + eps", "x[i] = old + 1e-6"),
       ("x[i] = old - eps", "x[i] = old - 1e-6"),
       ("/ (2 * eps)", "/ 2e-6")],
      {"test_numerical_gradient"}),
    M("mse gradient divided by the samples, not the entries", "mse",
      [("2.0 * (y_pred - y) / y.size", "2.0 * (y_pred - y) / len(y)")],
      {"test_mse_grad"}),
    M("dW averaged over the batch", "dense_layer",
      [("return dZ @ W.T, X.T @ dZ,", "return dZ @ W.T, X.T @ dZ / len(X),")],
      {"test_dense_backward"}),
    M("samples never shuffled", "MLPRegressor",
      [("order = rng.permutation(n)", "order = np.arange(n)")],
      {"test_mlp_sgd_steps"}),
    M("samples shuffled once, before the first epoch", "MLPRegressor",
      [("        for _ in range(self.max_iter):\n"
        "            order = rng.permutation(n)\n",
        "        order = rng.permutation(n)\n"
        "        for _ in range(self.max_iter):\n")],
      {"test_mlp_sgd_steps"}),
    M("X shuffled but y left in order", "MLPRegressor",
      [("X_epoch, Y_epoch = X[order], Y[order]",
        "X_epoch, Y_epoch = X[order], Y")],
      {"test_mlp_sgd_steps"}),
    M("loss_curve_ weights the last batch as a full one", "MLPRegressor",
      [("total += loss * len(X_batch)", "total += loss * batch_size")],
      {"test_mlp_sgd_steps"}),
    M("predict squeezes a y of shape (n, 1)", "MLPRegressor",
      [("return out[:, 0] if self._y_1d else out",
        "return out[:, 0] if out.shape[1] == 1 else out")],
      {"test_mlp_shapes"}),
    M("X without features accepted", "MLPRegressor",
      [("if X.ndim != 2 or 0 in X.shape:", "if X.ndim != 2 or len(X) == 0:")],
      {"test_mlp_bad_input"}),
    M("sizes of 0 accepted (>= 0)", "MLPRegressor",
      [("and not isinstance(value, bool) and value > 0)",
        "and not isinstance(value, bool) and value >= 0)")],
      {"test_mlp_bad_input"}),
    M("predict accepts NaN and infinity", "MLPRegressor",
      [("        if not np.all(np.isfinite(X)):\n", "        if False:\n")],
      {"test_mlp_bad_input"}),
    # issue 15: the gaps of the contract closed
    M("dense_forward's messages give no shapes", "dense_layer",
      [('"X and W must be 2-D and b 1-D, got shapes "\n'
        '                         f"{X.shape}, {W.shape} and {b.shape}."',
        '"X and W must be 2-D and b 1-D."'),
       ('f"shapes do not fit: X {X.shape}, W {W.shape}, "\n'
        '                         f"b {b.shape}; need',
        '"shapes do not fit; need')],
      {"test_dense_forward"}),
    M("dense_backward accepts shapes that do not fit", "dense_layer",
      [("    if X.ndim != 2 or W.ndim != 2 or X.shape[1] != W.shape[0]:\n"
        "        raise",
        "    if False:\n        raise"),
       ("    if dZ.shape != (X.shape[0], W.shape[1]):\n", "    if False:\n")],
      {"test_dense_backward"}),
    M("mse_loss's message gives no shapes", "mse",
      [('as a float."""\n'
        "    y_pred, y = np.asarray(y_pred), np.asarray(y)\n"
        "    if y_pred.shape != y.shape:\n"
        '        raise ValueError(f"y_pred has shape {y_pred.shape} but y has '
        'shape "\n                         f"{y.shape}; they must be equal.")',
        'as a float."""\n'
        "    y_pred, y = np.asarray(y_pred), np.asarray(y)\n"
        "    if y_pred.shape != y.shape:\n"
        '        raise ValueError("y_pred and y differ in shape.")')],
      {"test_mse_loss"}),
    M("relative_error's message gives no shapes", "gradient_check",
      [('f"a has shape {a.shape} and b has shape {b.shape}; "\n'
        '                         "compare', '"compare')],
      {"test_relative_error"}),
    M("relative_error returns a float32", "gradient_check",
      [("return float(np.linalg.norm(a - b) / scale)",
        "return np.float32(np.linalg.norm(a - b) / scale)")],
      {"test_relative_error"}),
    M("learning_rate of inf or NaN accepted", "MLPRegressor",
      [("or not np.isfinite(lr) or lr <= 0):", "or lr <= 0):")],
      {"test_mlp_bad_input"}),
    M("max_iter and batch_size only checked to be > 0 (2.5, True pass)",
      "MLPRegressor",
      [("if not positive_int(getattr(self, name)):",
        "if not getattr(self, name) > 0:")],
      {"test_mlp_bad_input"}),
    M("bools accepted as integers", "MLPRegressor",
      [("and not isinstance(value, bool) and value > 0)", "and value > 0)")],
      {"test_mlp_bad_input"}),
    M("learning_rate's message without the value received", "MLPRegressor",
      [('f"learning_rate must be a positive number, got "\n'
        '                             f"{lr!r}.")',
        '"learning_rate must be a positive number.")')],
      {"test_mlp_bad_input"}),
    M("__init__ checks learning_rate and raises", "MLPRegressor",
      [("        self.learning_rate = learning_rate\n",
        "        if not learning_rate > 0:\n"
        "            raise ValueError(f\"learning_rate must be positive, \"\n"
        "                             f\"got {learning_rate!r}.\")\n"
        "        self.learning_rate = learning_rate\n")],
      {"test_mlp_bad_input"}),
    M("predict's shape error is not a sentence", "MLPRegressor",
      [('raise ValueError(f"X must have shape (n_samples, {n_features}), "\n'
        '                             '
        'f"like the training data; got {X.shape}.")',
        'raise ValueError("bad X")')],
      {"test_mlp_bad_input"}),
    M("dense_forward lets a bias of length 1 broadcast", "dense_layer",
      [("W.shape[1] != b.shape[0]:",
        "b.shape[0] not in (1, W.shape[1]):")],
      {"test_dense_forward"}),
    M("relative_error lets shapes that broadcast through", "gradient_check",
      [("    if a.shape != b.shape:",
        "    if np.broadcast_shapes(a.shape, b.shape) != a.shape:")],
      {"test_relative_error"}),
    M("integral floats such as 4.0 taken for integers", "MLPRegressor",
      [("return (isinstance(value, (int, np.integer))",
        "return (isinstance(value, (int, np.integer, float))")],
      {"test_mlp_bad_input"}),
    M("a y longer than X let through", "MLPRegressor",
      [("if len(y) != len(X):", "if len(y) < len(X):")],
      {"test_mlp_bad_input"}),
    M("dense_forward takes a 3-D X or a 2-D b", "dense_layer",
      [("if X.ndim != 2 or W.ndim != 2 or b.ndim != 1:",
        "if X.ndim < 2 or W.ndim != 2 or b.ndim < 1:")],
      {"test_dense_forward"}),
    M("mse_loss lets y_pred (n,) broadcast against y (n, 1)", "mse",
      [('as a float."""\n    y_pred, y = np.asarray(y_pred), np.asarray(y)\n'
        "    if y_pred.shape != y.shape:",
        'as a float."""\n    y_pred, y = np.asarray(y_pred), np.asarray(y)\n'
        "    if y_pred.shape > y.shape:")],
      {"test_mse_loss"}),
]

# Mutants that are graded a second time with every comparison helper of the
# kernel patched to agree: they must score exactly as without the patch.
PATCHED = ["bias gradient forgotten", "sigmoid derivative missing the (1 - s)"
           " factor", "max_iter ignored", "one-sided difference"]


ALTERNATIVES = [
    Alternative("loops, float32 and He initialisation", {
        "dense_layer": '''
def dense_forward(X, W, b):
    X = np.asarray(X, dtype=np.float32)
    W = np.asarray(W, dtype=np.float32)
    b = np.asarray(b, dtype=np.float32)
    if X.ndim != 2 or W.ndim != 2 or b.ndim != 1 \\
            or X.shape[1] != W.shape[0] or len(b) != W.shape[1]:
        raise ValueError("X, W and b must have shapes (n, k), (k, m), (m,);"
                         f" got {X.shape}, {W.shape}, {b.shape}")
    Z = np.empty((X.shape[0], W.shape[1]), dtype=np.float32)
    for i in range(X.shape[0]):
        Z[i] = X[i] @ W + b
    return Z


def dense_backward(dZ, X, W):
    dZ = np.asarray(dZ, dtype=np.float32)
    if np.shape(X)[1] != np.shape(W)[0]:
        raise ValueError(f"X {np.shape(X)} and W {np.shape(W)} do not fit")
    if dZ.shape != (len(X), np.shape(W)[1]):
        raise ValueError(f"dZ must have shape (n_samples, n_out), got "
                         f"{dZ.shape}")
    dW = np.zeros(np.shape(W), dtype=np.float32)
    db = np.zeros(np.shape(W)[1], dtype=np.float32)
    for i in range(len(X)):
        dW += np.outer(X[i], dZ[i])
        db += dZ[i]
    return (dZ @ np.asarray(W, dtype=np.float32).T, dW, db)
''',
        "activation_backward": '''
def relu_backward(dA, Z):
    return np.where(np.asarray(Z) > 0, dA, 0.0)


def sigmoid_backward(dA, Z):
    s = sigmoid(Z)
    return dA * (s - s ** 2)


def tanh_backward(dA, Z):
    return dA / np.cosh(np.clip(Z, -300, 300)) ** 2
''',
        "gradient_check": '''
def numerical_gradient(f, x, eps=1e-6):
    grad = np.zeros_like(x, dtype=float)
    flat = grad.reshape(-1)
    for k in range(x.size):
        step = np.zeros(x.size)
        step[k] = eps
        step = step.reshape(x.shape)
        flat[k] = (f(x + step) - f(x - step)) / (2 * eps)
    return grad


def relative_error(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    if a.shape != b.shape:
        raise ValueError(f"a {a.shape} and b {b.shape} differ in shape")
    den = np.sqrt((a ** 2).sum()) + np.sqrt((b ** 2).sum())
    return 0.0 if den == 0 else float(np.sqrt(((a - b) ** 2).sum()) / den)
''',
        "MLPRegressor": '''
class MLPRegressor:
    def __init__(self, hidden_layer_sizes=(100,), learning_rate=0.001,
                 max_iter=10, *, batch_size=200, random_state=None):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.batch_size = batch_size
        self.random_state = random_state

    def _validate(self):
        for s in self.hidden_layer_sizes:
            if not isinstance(s, int) or s <= 0:
                raise ValueError(f"hidden_layer_sizes: bad size {s!r}")
        if not 0 < self.learning_rate < np.inf:
            raise ValueError(f"learning_rate must be > 0, got "
                             f"{self.learning_rate}")
        for name in ("max_iter", "batch_size"):
            v = getattr(self, name)
            if not isinstance(v, int) or isinstance(v, bool) or v <= 0:
                raise ValueError(f"{name} must be a positive int, got {v}")

    def train(self, X, y):
        self._validate()
        X = np.asarray(X, dtype=np.float32)
        y = np.asarray(y, dtype=np.float32)
        if X.ndim != 2 or X.size == 0:
            raise ValueError("X must be a non-empty 2-D array")
        if y.ndim not in (1, 2) or len(y) != len(X):
            raise ValueError("y must be 1-D or 2-D with one row per sample")
        if np.isnan(X).any() or np.isinf(X).any() \\
                or np.isnan(y).any() or np.isinf(y).any():
            raise ValueError("X and y must be finite")
        self.flat_ = y.ndim == 1
        Y = y.reshape(len(y), -1)
        rng = np.random.default_rng(self.random_state)
        sizes = [X.shape[1]] + list(self.hidden_layer_sizes) + [Y.shape[1]]
        self.coefs_ = [(rng.standard_normal((a, b)) * np.sqrt(2 / a))
                       .astype(np.float32) for a, b in zip(sizes, sizes[1:])]
        self.intercepts_ = [np.zeros(b, np.float32) for b in sizes[1:]]
        self.loss_curve_ = []
        for epoch in range(self.max_iter):
            perm = rng.permutation(len(X))
            batches = [perm[i:i + self.batch_size]
                       for i in range(0, len(X), self.batch_size)]
            losses = []
            for idx in batches:
                loss, gW, gb = self.loss_and_gradients(X[idx], Y[idx])
                for layer in range(len(self.coefs_)):
                    self.coefs_[layer] = (self.coefs_[layer]
                        - np.float32(self.learning_rate) * gW[layer])
                    self.intercepts_[layer] = (self.intercepts_[layer]
                        - np.float32(self.learning_rate) * gb[layer])
                losses.append(loss * len(idx))
            self.loss_curve_.append(sum(losses) / len(X))
        self.n_iter_ = self.max_iter
        return self

    def fit(self, X, y):
        return self.train(X, y)

    def loss_and_gradients(self, X, y):
        acts = [np.asarray(X, dtype=np.float32)]
        for W, b in zip(self.coefs_[:-1], self.intercepts_[:-1]):
            acts.append(relu(dense_forward(acts[-1], W, b)))
        out = dense_forward(acts[-1], self.coefs_[-1], self.intercepts_[-1])
        Y = np.asarray(y, dtype=np.float32).reshape(out.shape)
        grad = mse_grad(out, Y)
        gW, gb = [], []
        for layer in range(len(self.coefs_) - 1, -1, -1):
            dA, dW, db = dense_backward(grad, acts[layer], self.coefs_[layer])
            gW.insert(0, dW)
            gb.insert(0, db)
            if layer:
                grad = relu_backward(dA, acts[layer])
        return mse_loss(out, Y), gW, gb

    def predict(self, X):
        if getattr(self, "coefs_", None) is None:
            raise ValueError("call train before predict")
        A = np.asarray(X, dtype=np.float32)
        if A.ndim != 2 or A.shape[1] != self.coefs_[0].shape[0] \\
                or not np.isfinite(A).all():
            raise ValueError("X must be finite, shaped like the training X")
        for W, b in zip(self.coefs_[:-1], self.intercepts_[:-1]):
            A = relu(dense_forward(A, W, b))
        out = dense_forward(A, self.coefs_[-1], self.intercepts_[-1])
        return out.ravel() if self.flat_ else out
''',
    }),
    Alternative("layer objects, einsum and a separate shuffling generator", {
        "dense_layer": '''
def dense_forward(X, W, b):
    X, W, b = map(np.asarray, (X, W, b))
    try:
        if b.shape != W.shape[1:]:     # a b that would broadcast is wrong
            raise ValueError("b must have one entry per column of W")
        return np.einsum("nk,km->nm", X, W) + b[None, :]
    except (ValueError, IndexError, TypeError) as err:
        raise ValueError(f"incompatible shapes X {X.shape}, W {W.shape}, "
                         f"b {b.shape}: {err}") from None


def dense_backward(dZ, X, W):
    dZ, X, W = map(np.asarray, (dZ, X, W))
    if X.shape[1] != W.shape[0] or dZ.shape != (X.shape[0], W.shape[1]):
        raise ValueError(f"dZ {dZ.shape}, X {X.shape} and W {W.shape} do "
                         "not fit: need (n, m), (n, k), (k, m)")
    return (np.einsum("nm,km->nk", dZ, W), np.einsum("nk,nm->km", X, dZ),
            np.einsum("nm->m", dZ))
''',
        "mse": '''
def mse_loss(y_pred, y):
    d = np.subtract(y_pred, y) if np.shape(y_pred) == np.shape(y) else None
    if d is None:
        raise ValueError(f"y_pred and y must have the same shape, got "
                         f"{np.shape(y_pred)} and {np.shape(y)}")
    return float(np.vdot(d, d) / d.size)


def mse_grad(y_pred, y):
    if np.shape(y_pred) != np.shape(y):
        raise ValueError(f"y_pred and y must have the same shape, got "
                         f"{np.shape(y_pred)} and {np.shape(y)}")
    return np.multiply(2 / np.size(y), np.subtract(y_pred, y))
''',
        "MLPRegressor": '''
class _Dense:
    def __init__(self, W, b):
        self.W, self.b = W, b

    def forward(self, X):
        self.X = X
        return dense_forward(X, self.W, self.b)

    def backward(self, dZ):
        dX, self.dW, self.db = dense_backward(dZ, self.X, self.W)
        return dX


class _ReLU:
    def forward(self, Z):
        self.Z = Z
        return relu(Z)

    def backward(self, dA):
        return relu_backward(dA, self.Z)


class MLPRegressor:
    def __init__(self, hidden_layer_sizes=(100,), learning_rate=0.001,
                 max_iter=10, *, batch_size=200, random_state=None):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.batch_size = batch_size
        self.random_state = random_state

    def _layers(self):
        layers = []
        for W, b in zip(self.coefs_, self.intercepts_):
            layers += [_Dense(W, b), _ReLU()]
        return layers[:-1]

    def train(self, X, y):
        def whole(v):       # 4.0 is not an integer here, nor is True
            return isinstance(v, (int, np.integer)) and not isinstance(v, bool)

        if any(not whole(s) or s < 1 for s in list(self.hidden_layer_sizes)):
            raise ValueError("hidden_layer_sizes must hold positive "
                             f"integers, not {self.hidden_layer_sizes}")
        if not (np.isreal(self.learning_rate)
                and np.isfinite(self.learning_rate)
                and self.learning_rate > 0):
            raise ValueError("learning_rate must be positive and finite, "
                             f"not {self.learning_rate}")
        for name in ("max_iter", "batch_size"):
            v = getattr(self, name)
            if not whole(v) or v < 1:
                raise ValueError(f"{name} must be a positive integer, "
                                 f"not {v}")
        X, y = np.array(X, dtype=float), np.array(y, dtype=float)
        if X.ndim != 2 or 0 in X.shape or y.ndim > 2 or y.ndim == 0:
            raise ValueError(f"bad shapes X {X.shape}, y {y.shape}")
        finite = np.isfinite(np.r_[X.ravel(), y.ravel()]).all()
        if len(X) != len(y) or not finite:
            raise ValueError("X and y need equal lengths and finite values")
        self._out_1d = y.ndim == 1
        Y = y.reshape(len(y), -1)
        seeds = np.random.SeedSequence(self.random_state).spawn(2)
        init, shuffle = (np.random.default_rng(s) for s in seeds)
        dims = [X.shape[1], *self.hidden_layer_sizes, Y.shape[1]]
        self.coefs_ = [init.uniform(-1, 1, (i, o)) * np.sqrt(3 / i)
                       for i, o in zip(dims, dims[1:])]
        self.intercepts_ = [np.full(o, 0.01) for o in dims[1:]]
        self.loss_curve_ = []
        for _ in range(self.max_iter):
            idx = shuffle.permutation(len(X))
            pieces = np.array_split(idx, range(self.batch_size, len(X),
                                               self.batch_size))
            seen = 0.0
            for part in pieces:
                loss, gW, gb = self.loss_and_gradients(X[part], Y[part])
                for p, g in zip(self.coefs_ + self.intercepts_, gW + gb):
                    p -= self.learning_rate * g
                seen += loss * len(part)
            self.loss_curve_.append(seen / len(X))
        self.n_iter_ = len(self.loss_curve_)
        return self

    fit = train

    def loss_and_gradients(self, X, y):
        layers = self._layers()
        out = np.asarray(X, dtype=float)
        for layer in layers:
            out = layer.forward(out)
        Y = np.reshape(y, out.shape)
        grad = mse_grad(out, Y)
        for layer in reversed(layers):
            grad = layer.backward(grad)
        dense = layers[::2]
        return mse_loss(out, Y), [d.dW for d in dense], [d.db for d in dense]

    def predict(self, X):
        if not hasattr(self, "coefs_"):
            raise ValueError("not trained: call train(X, y) first")
        X = np.asarray(X, dtype=float)
        if X.ndim != 2 or X.shape[1] != len(self.coefs_[0]):
            raise ValueError("X has the wrong shape")
        if np.isnan(X).any() or np.isinf(X).any():
            raise ValueError("X must be finite")
        out = X
        for layer in self._layers():
            out = layer.forward(out)
        return out[:, 0] if self._out_1d else out
''',
    }),
    # Entry by entry in plain Python: relu'(0) = 0, Frobenius norms over
    # every entry of arrays, lists or numbers; the MLP of the reference
    # shuffling in place with rng.shuffle, and its predict checking finiteness
    # sample by sample.
    Alternative("plain Python loops, rng.shuffle each epoch", {
        "activation_backward": '''
import math


def _each(f, *arrays):
    arrays = [np.asarray(a, dtype=float) for a in arrays]
    out = np.empty(arrays[0].shape)
    for idx in np.ndindex(out.shape):
        out[idx] = f(*(float(a[idx]) for a in arrays))
    return out


def relu_backward(dA, Z):
    return _each(lambda d, z: d if z > 0 else 0.0, dA, Z)


def sigmoid_backward(dA, Z):
    def one(d, z):
        e = math.exp(-abs(z))              # never overflows
        s = 1 / (1 + e) if z >= 0 else e / (1 + e)
        return d * s * (1 - s)
    return _each(one, dA, Z)


def tanh_backward(dA, Z):
    return _each(lambda d, z: d * (1 - math.tanh(z) ** 2), dA, Z)
''',
        "gradient_check": '''
def numerical_gradient(f, x, eps=1e-6):
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        saved = x[idx]
        x[idx] = saved + eps
        up = f(x)
        x[idx] = saved - eps
        down = f(x)
        x[idx] = saved
        grad[idx] = (up - down) / (2 * eps)
    return grad


def relative_error(a, b):
    a, b = np.array(a, dtype=float), np.array(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"shapes {a.shape} and {b.shape} differ")
    diff = norm_a = norm_b = 0.0
    for u, v in zip(a.flat, b.flat):
        diff += (u - v) ** 2
        norm_a += u * u
        norm_b += v * v
    if norm_a == 0 and norm_b == 0:
        return 0.0
    return diff ** 0.5 / (norm_a ** 0.5 + norm_b ** 0.5)
''',
    }, edits=[
        ("MLPRegressor", [
            ("order = rng.permutation(n)",
             "order = np.arange(n)\n            rng.shuffle(order)"),
            ("        if not np.all(np.isfinite(X)):\n",
             "        if any(not np.isfinite(row).all() for row in X):\n"),
        ]),
    ]),
    # Correct code whose output goes to stderr: nbgrader would score it 0
    # without the IgnorePattern setting in nbgrader_config.py.
    Alternative("the reference, chatty: warnings, a RuntimeWarning and tqdm",
                edits=[
        ("dense_layer", [("    return X @ W + b",
                          "    import sys\n"
                          "    print('dense_forward', X.shape, "
                          "file=sys.stderr)"
                          "\n    return X @ W + b")]),
        ("MLPRegressor", [
            ("rng = np.random.default_rng(self.random_state)",
             "import sys, warnings\n"
             "        from tqdm import tqdm\n"
             "        warnings.warn('training started', UserWarning)\n"
             "        np.log(np.zeros(1))   # RuntimeWarning\n"
             "        rng = np.random.default_rng(self.random_state)"),
            ("for _ in range(self.max_iter):",
             "for _ in tqdm(range(self.max_iter), file=sys.stderr):"),
        ]),
    ]),
    # The notebook allows float32: activation gradients, the MSE and the
    # relative error computed in it (inputs cast, float32 arrays returned,
    # Python floats where a float is asked for) keep full marks.
    # numerical_gradient stores its differences in float32; it perturbs x in
    # x's own dtype, since a step of eps = 1e-6 is below float32's resolution
    # near 1 (eps32 = 1.2e-7 makes the difference off by ~10%).
    Alternative("activation gradients, MSE and relative error in float32", {
        "activation_backward": '''
def relu_backward(dA, Z):
    dA = np.asarray(dA, dtype=np.float32)
    return np.where(np.asarray(Z, dtype=np.float32) > 0, dA, np.float32(0))


def sigmoid_backward(dA, Z):
    s = np.asarray(sigmoid(np.asarray(Z, dtype=np.float32)), np.float32)
    return np.asarray(dA, dtype=np.float32) * s * (np.float32(1) - s)


def tanh_backward(dA, Z):
    t = np.tanh(np.asarray(Z, dtype=np.float32))
    return np.asarray(dA, dtype=np.float32) * (np.float32(1) - t * t)
''',
        "mse": '''
def mse_loss(y_pred, y):
    y_pred = np.asarray(y_pred).astype(np.float32)
    y = np.asarray(y).astype(np.float32)
    if y_pred.shape != y.shape:
        raise ValueError(f"shapes {y_pred.shape} and {y.shape} differ")
    return float(np.mean((y_pred - y) ** 2, dtype=np.float32))


def mse_grad(y_pred, y):
    y_pred = np.asarray(y_pred).astype(np.float32)
    y = np.asarray(y).astype(np.float32)
    if y_pred.shape != y.shape:
        raise ValueError(f"shapes {y_pred.shape} and {y.shape} differ")
    return np.float32(2) * (y_pred - y) / np.float32(y.size)
''',
        "gradient_check": '''
def numerical_gradient(f, x, eps=1e-6):
    grad = np.zeros(x.shape, dtype=np.float32)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + eps
        f_plus = f(x)
        x[i] = old - eps
        f_minus = f(x)
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def relative_error(a, b):
    a = np.asarray(a).astype(np.float32)
    b = np.asarray(b).astype(np.float32)
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape, not {a.shape} "
                         f"and {b.shape}")
    scale = np.sqrt((a * a).sum(dtype=np.float32)) \\
        + np.sqrt((b * b).sum(dtype=np.float32))
    if scale == 0:
        return 0.0
    return float(np.sqrt(((a - b) ** 2).sum(dtype=np.float32)) / scale)
''',
    }),
]

"""Mutants and valid alternatives for source/04_optimizers."""
from . import Alternative, Mutant

M = Mutant
STEP_TESTS = {"test_sgd", "test_momentum", "test_nesterov", "test_adagrad",
              "test_rmsprop", "test_adam"}
MUTANTS = [
    # Part A: train_test_split
    M("split loses a sample", "train_test_split",
      [("order[:n_test], order[n_test:]",
        "order[:n_test], order[n_test + 1:]")],
      {"test_train_test_split"}),
    M("split rounds n_test down", "train_test_split",
      [("int(np.ceil(test_size * n))", "int(test_size * n)")],
      {"test_train_test_split"}),
    M("split ignores random_state", "train_test_split",
      [("np.random.default_rng(random_state)", "np.random.default_rng(0)")],
      {"test_train_test_split"}),
    M("split shuffles X and y separately", "train_test_split",
      [("order = np.random.default_rng(random_state).permutation(n)\n",
        "rng = np.random.default_rng(random_state)\n"
        "    order = rng.permutation(n)\n    other = rng.permutation(n)\n"),
       ("y[train], y[test]", "y[other[n_test:]], y[other[:n_test]]")],
      {"test_train_test_split"}),
    # Part B: minibatches
    M("minibatches drop the last partial batch", "minibatches",
      [("range(0, len(X), batch_size)",
        "range(0, len(X) - batch_size + 1, batch_size)")],
      {"test_minibatches_cover_every_sample"}),
    M("minibatches not shuffled", "minibatches",
      [("order = rng.permutation(len(X))", "order = np.arange(len(X))")],
      {"test_minibatches_shuffle_and_errors"}),
    M("minibatches: the same order every epoch", "minibatches",
      [("order = rng.permutation(len(X))",
        "order = np.random.default_rng(0).permutation(len(X))")],
      {"test_minibatches_shuffle_and_errors"}),
    M("minibatches draw with replacement (duplicates)", "minibatches",
      [("order = rng.permutation(len(X))",
        "order = rng.integers(0, len(X), len(X))")],
      {"test_minibatches_cover_every_sample"}),
    M("minibatches accept any batch_size", "minibatches",
      [("            or not isinstance(batch_size, (int, np.integer))\n"
        "            or batch_size <= 0):",
        "            or batch_size is None):")],
      {"test_minibatches_shuffle_and_errors"}),
    # Part C: the base class and SGD
    M("step rebinds instead of updating in place", "Optimizer",
      [("            p += u", "            p = p + u")],
      STEP_TESTS),
    M("optimizer copies the parameters", "Optimizer",
      [("self.params = list(params)",
        "self.params = [np.array(p) for p in params]")],
      STEP_TESTS | {"test_make_optimizer"}),
    M("step does not count the gradients", "Optimizer",
      [("if len(grads) != len(self.params):", "if False:")],
      {"test_sgd"}),
    M("lr not validated", "Optimizer",
      [("or not np.isfinite(lr) or lr <= 0):", "or not np.isfinite(lr)):")],
      {"test_sgd", "test_momentum", "test_adam", "test_make_optimizer"}),
    M("SGD climbs the gradient", "Optimizer",
      [("return [-self.lr * g for g in grads]",
        "return [self.lr * g for g in grads]")],
      {"test_sgd"}),
    # momentum and Nesterov
    M("momentum without accumulated velocity", "Momentum",
      [("v *= self.beta", "v *= 0")],
      {"test_momentum"}),
    M("momentum ignores beta", "Momentum",
      [("v *= self.beta", "v *= 0.9")],
      {"test_momentum"}),
    M("momentum shares one velocity across parameters", "Momentum",
      [("self.velocities = [np.zeros_like(p) for p in self.params]",
        "self.velocities = [np.zeros_like(self.params[0])] "
        "* len(self.params)")],
      {"test_momentum"}),
    M("Nesterov is plain momentum", "Nesterov",
      [("updates.append(-self.lr * (g + self.beta * v))",
        "updates.append(-self.lr * v)")],
      {"test_nesterov"}),
    M("Nesterov looks ahead with the old velocity", "Nesterov",
      [("            v *= self.beta\n            v += g\n"
        "            updates.append(-self.lr * (g + self.beta * v))",
        "            updates.append(-self.lr * (g + self.beta * v))\n"
        "            v *= self.beta\n            v += g")],
      {"test_nesterov"}),
    # AdaGrad and RMSprop
    M("AdaGrad does not accumulate", "AdaGrad",
      [("s += g * g", "s[...] = g * g")],
      {"test_adagrad"}),
    M("AdaGrad with eps outside the square root", "AdaGrad",
      [("np.sqrt(s + self.eps)", "(np.sqrt(s) + self.eps)")],
      {"test_adagrad"}),
    M("RMSprop with gamma and 1 - gamma swapped", "RMSprop",
      [("s *= self.gamma", "s *= 1 - self.gamma"),
       ("s += (1 - self.gamma) * g * g", "s += self.gamma * g * g")],
      {"test_rmsprop"}),
    M("RMSprop with eps outside the square root", "RMSprop",
      [("np.sqrt(s + self.eps)", "(np.sqrt(s) + self.eps)")],
      {"test_rmsprop"}),
    # Adam
    M("Adam without bias correction", "Adam",
      [("v / (1 - self.beta1 ** self.t)", "v"),
       ("s / (1 - self.beta2 ** self.t)", "s")],
      {"test_adam"}),
    M("Adam with eps inside the square root", "Adam",
      [("(np.sqrt(s_hat) + self.eps)", "np.sqrt(s_hat + self.eps)")],
      {"test_adam"}),
    M("Adam counts steps per parameter", "Adam",
      [("        self.t += 1\n        updates = []\n",
        "        updates = []\n"),
       ("zip(self.moments, self.squares, grads):\n",
        "zip(self.moments, self.squares, grads):\n            self.t += 1\n")],
      {"test_adam"}),
    # make_optimizer
    M("make_optimizer is case-sensitive", "make_optimizer",
      [("key = name.lower() if isinstance(name, str) else name",
        "key = name")],
      {"test_make_optimizer"}),
    M("make_optimizer falls back to SGD", "make_optimizer",
      [("if key not in classes:", "if key is None:"),
       ("return classes[key](params", "return classes.get(key, SGD)(params")],
      {"test_make_optimizer"}),
    M("make_optimizer drops the keyword arguments", "make_optimizer",
      [("return classes[key](params, **kwargs)",
        "return classes[key](params)")],
      {"test_make_optimizer"}),
    M("make_optimizer's error does not list the names", "make_optimizer",
      [("f\"{', '.join(classes)}.\")", "\"a valid name.\")")],
      {"test_make_optimizer"}),
    # Part D: metrics
    M("r2 with the wrong denominator", "metrics",
      [("ss_tot = ((y_true - y_true.mean(axis=0)) ** 2).sum(axis=0)",
        "ss_tot = (y_true ** 2).sum(axis=0)")],
      {"test_regression_metrics"}),
    M("r2 of 2-D targets pooled over all entries", "metrics",
      [("ss_res = ((y_true - y_pred) ** 2).sum(axis=0)",
        "ss_res = ((y_true - y_pred) ** 2).sum()"),
       ("ss_tot = ((y_true - y_true.mean(axis=0)) ** 2).sum(axis=0)",
        "ss_tot = ((y_true - y_true.mean(axis=0)) ** 2).sum()")],
      {"test_regression_metrics"}),
    M("mae is the root mean squared error", "metrics",
      [("return float(np.mean(np.abs(y_pred - y_true)))",
        "return float(np.sqrt(np.mean((y_pred - y_true) ** 2)))")],
      {"test_regression_metrics"}),
    M("regression metrics broadcast mismatched shapes", "metrics",
      [("if y_true.shape != y_pred.shape:", "if False:")],
      {"test_regression_metrics"}),
    M("accuracy compares probabilities with labels", "metrics",
      [("y_pred = y_pred.argmax(axis=1)", "y_pred = y_pred.max(axis=1)")],
      {"test_accuracy"}),
    # Part E: fit
    M("history holds the last batch loss", "fit",
      [("history.append(total / n)", "history.append(loss)")],
      {"test_fit"}),
    M("history is the unweighted mean of the batch losses", "fit",
      [("total += loss * len(X_batch)", "total += loss"),
       ("history.append(total / n)",
        "history.append(total / -(-n // batch_size))")],
      {"test_fit"}),
    M("fit shuffles with its own generator", "fit",
      [("minibatches(X, y, batch_size, rng)",
        "minibatches(X, y, batch_size, np.random.default_rng(0))")],
      {"test_fit"}),
    M("fit accepts num_epochs=0", "fit",
      [("or num_epochs <= 0):", "or num_epochs < 0):")],
      {"test_fit"}),
    # more student-style slips (issue 15)
    M("split accepts an int test_size of n (empty training part)",
      "train_test_split",
      [("if not 0 < n_test < n:", "if not 0 < n_test <= n:")],
      {"test_train_test_split"}),
    M("split rounds n_test to the nearest integer", "train_test_split",
      [("int(np.ceil(test_size * n))", "int(round(test_size * n))")],
      {"test_train_test_split"}),
    M("minibatches overlap by one sample", "minibatches",
      [("batch = order[start:start + batch_size]",
        "batch = order[start:start + batch_size + 1]")],
      {"test_minibatches_cover_every_sample"}),
    M("minibatches take y in the given order", "minibatches",
      [("yield X[batch], y[batch]",
        "yield X[batch], y[start:start + batch_size]")],
      {"test_minibatches_cover_every_sample"}),
    M("Adam's step counter starts at 2", "Adam",
      [("v_hat = v / (1 - self.beta1 ** self.t)",
        "v_hat = v / (1 - self.beta1 ** (self.t + 1))"),
       ("s_hat = s / (1 - self.beta2 ** self.t)",
        "s_hat = s / (1 - self.beta2 ** (self.t + 1))")],
      {"test_adam"}),
    M("r2 about the mean of y_pred", "metrics",
      [("ss_tot = ((y_true - y_true.mean(axis=0)) ** 2).sum(axis=0)",
        "ss_tot = ((y_true - y_pred.mean(axis=0)) ** 2).sum(axis=0)")],
      {"test_regression_metrics"}),
    M("accuracy takes the argmax over the samples", "metrics",
      [("y_pred = y_pred.argmax(axis=1)", "y_pred = y_pred.argmax(axis=0)")],
      {"test_accuracy"}),
    M("fit draws the minibatches once for all epochs", "fit",
      [("    for _ in range(num_epochs):\n",
        "    batches = list(minibatches(X, y, batch_size, rng))\n"
        "    for _ in range(num_epochs):\n"),
       ("for X_batch, y_batch in minibatches(X, y, batch_size, rng):",
        "for X_batch, y_batch in batches:")],
      {"test_fit"}),
    M("fit runs one epoch too few", "fit",
      [("    for _ in range(num_epochs):\n",
        "    for _ in range(num_epochs - 1):\n")],
      {"test_fit"}),
    # issue 15: the gaps of the contract closed, the bad-input rule
    M("split insists on a 2-D X", "train_test_split",
      [("if X.ndim == 0 or y.ndim == 0", "if X.ndim != 2 or y.ndim == 0")],
      {"test_train_test_split"}),
    M("split's test_size message is not a sentence", "train_test_split",
      [('raise ValueError("test_size must be a float strictly between 0 '
        'and 1"\n                         f" or an int; got {test_size!r}.")',
        'raise ValueError("test_size")')],
      {"test_train_test_split"}),
    M("minibatches accept True as batch_size", "minibatches",
      [("    if (isinstance(batch_size, bool)\n            or not isinstance",
        "    if (not isinstance")],
      {"test_minibatches_shuffle_and_errors"}),
    M("lr of inf or NaN accepted", "Optimizer",
      [("or not np.isfinite(lr) or lr <= 0):", "or lr <= 0):")],
      {"test_sgd"}),
    M("step's message for the wrong number of gradients is terse",
      "Optimizer",
      [('raise ValueError(f"got {len(grads)} gradients for "\n'
        '                             f"{len(self.params)} parameters.")',
        'raise ValueError("bad grads")')],
      {"test_sgd"}),
    M("metrics accept arrays without samples", "metrics",
      [("if y_true.ndim not in (1, 2) or len(y_true) == 0:",
        "if y_true.ndim not in (1, 2):")],
      {"test_regression_metrics"}),
    M("fit accepts True as num_epochs", "fit",
      [("    if (isinstance(num_epochs, bool)\n            or not isinstance",
        "    if (not isinstance")],
      {"test_fit"}),
    M("accuracy compares lengths, so a 2-D y_true broadcasts", "metrics",
      [("if y_true.ndim != 1 or y_pred.shape != y_true.shape",
        "if len(y_pred) != len(y_true)")],
      {"test_accuracy"}),
    M("Nesterov takes beta = 1 and refuses beta = 0", "Nesterov",
      [("if not 0 <= beta < 1:", "if not 0 < beta <= 1:")],
      {"test_nesterov"}),
    M("RMSprop takes gamma > 1", "RMSprop",
      [("if not 0 <= gamma < 1:", "if not 0 <= gamma != 1:")],
      {"test_rmsprop"}),
    M("AdaGrad takes a negative eps", "AdaGrad",
      [("if not eps > 0:", "if eps == 0:")],
      {"test_adagrad"}),
    M("minibatches lets X shorter than y through", "minibatches",
      [("if len(X) != len(y):", "if len(X) > len(y):")],
      {"test_minibatches_shuffle_and_errors"}),
    M("metrics let a 2-D y_true broadcast against a 1-D y_pred", "metrics",
      [("if y_true.shape != y_pred.shape:",
        "if y_true.shape < y_pred.shape:")],
      {"test_regression_metrics"}),
    M("RMSprop takes eps = 0", "RMSprop",
      [("if not eps > 0:", "if not eps >= 0:")],
      {"test_rmsprop"}),
    M("Adam takes a negative eps", "Adam",
      [("if not eps > 0:", "if eps == 0:")],
      {"test_adam"}),
    M("Momentum takes beta > 1", "Momentum",
      [("if not 0 <= beta < 1:", "if not 0 <= beta != 1:")],
      {"test_momentum"}),
]

# Mutants that are graded a second time with every comparison helper of the
# kernel patched to agree: they must score exactly as without the patch.
PATCHED = ["Adam without bias correction",
           "minibatches drop the last partial batch",
           "r2 with the wrong denominator", "split loses a sample"]



# Edits that make the reference's optimizers compute in float32.
_LR32, _EPS32 = "np.float32(-self.lr)", "np.float32(self.eps)"


def _state32(name):
    return (f"self.{name} = [np.zeros_like(p) for p in",
            f"self.{name} = [np.zeros(p.shape, np.float32) for p in")

ALTERNATIVES = [
    Alternative("loops, lazy float32 state and a Nesterov built on Momentum", {
        "train_test_split": '''
import math


def train_test_split(X, y, test_size=0.25, random_state=None):
    X, y = np.asarray(X), np.asarray(y)
    if len(X) != len(y):
        raise ValueError("X and y have different lengths")
    n = len(X)
    if isinstance(test_size, float):
        if not 0.0 < test_size < 1.0:
            raise ValueError("a fractional test_size must be in (0, 1)")
        n_test = math.ceil(n * test_size)
    elif isinstance(test_size, int):
        n_test = test_size
    else:
        raise ValueError("test_size must be a float or an int")
    if n_test < 1 or n_test > n - 1:
        raise ValueError("both parts must keep at least one sample")
    rng = np.random.default_rng(random_state)
    in_test = np.zeros(n, dtype=bool)
    in_test[rng.choice(n, size=n_test, replace=False)] = True
    return X[~in_test], X[in_test], y[~in_test], y[in_test]
''',
        "minibatches": '''
def minibatches(X, y, batch_size, rng):
    if type(batch_size) is bool or not isinstance(batch_size,
                                                  (int, np.integer)):
        raise ValueError(f"batch_size must be an int, got {batch_size!r}")
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    if len(X) != len(y):
        raise ValueError("X and y must have the same length")
    idx = np.arange(len(X))
    rng.shuffle(idx)
    for part in np.split(idx, range(batch_size, len(X), batch_size)):
        yield np.asarray(X)[part], np.asarray(y)[part]
''',
        "Optimizer": '''
class Optimizer:
    def __init__(self, params, lr=0.01):
        self.params = tuple(params)
        if any(not isinstance(p, np.ndarray) or p.dtype.kind != "f"
               for p in self.params):
            raise ValueError("params must be float ndarrays")
        try:
            ok = 0 < float(lr) < float("inf")
        except (TypeError, ValueError):
            ok = False
        if not ok:
            raise ValueError(f"lr must be > 0, got {lr}")
        self.lr = float(lr)
        self.state = {}

    def step(self, grads):
        grads = list(grads)
        if len(grads) != len(self.params) or any(
                np.shape(g) != p.shape for g, p in zip(grads, self.params)):
            raise ValueError("one gradient per parameter, same shapes")
        updates = self._get_updates(grads)
        for p, u in zip(self.params, updates):
            np.add(p, u, out=p, casting="unsafe")

    def _get_updates(self, grads):
        raise NotImplementedError

    def _slot(self, name, i):
        key = (name, i)
        if key not in self.state:
            self.state[key] = np.zeros(self.params[i].shape, np.float32)
        return self.state[key]


class SGD(Optimizer):
    def _get_updates(self, grads):
        out = []
        for g in grads:
            out.append(np.multiply(g, -self.lr))
        return out
''',
        "Momentum": '''
class Momentum(Optimizer):
    def __init__(self, params, lr=0.01, beta=0.9):
        Optimizer.__init__(self, params, lr)
        if beta < 0 or beta >= 1:
            raise ValueError(f"beta={beta} is not in [0, 1)")
        self.beta = beta

    def _get_updates(self, grads):
        out = []
        for i in range(len(grads)):
            v = self._slot("v", i)
            v[...] = self.beta * v + grads[i]
            out.append(-self.lr * v)
        return out
''',
        "Nesterov": '''
class Nesterov(Momentum):
    def _get_updates(self, grads):
        out = []
        for i in range(len(grads)):
            v = self._slot("v", i)
            v[...] = self.beta * v + grads[i]
            out.append(-self.lr * (grads[i] + self.beta * v))
        return out
''',
        "AdaGrad": '''
class AdaGrad(Optimizer):
    def __init__(self, params, lr=0.01, eps=1e-6):
        super().__init__(params, lr)
        if eps <= 0:
            raise ValueError("eps must be > 0")
        self.eps = eps

    def _get_updates(self, grads):
        out = []
        for i, g in enumerate(grads):
            s = self._slot("s", i)
            s += np.square(g)
            out.append(-self.lr * g / (s + self.eps) ** 0.5)
        return out
''',
        "RMSprop": '''
class RMSprop(Optimizer):
    def __init__(self, params, lr=0.01, gamma=0.9, eps=1e-6):
        super().__init__(params, lr)
        if not (0 <= gamma < 1 and eps > 0):
            raise ValueError(f"need gamma in [0, 1) and eps > 0, got "
                             f"gamma={gamma}, eps={eps}")
        self.gamma, self.eps = gamma, eps

    def _get_updates(self, grads):
        out = []
        for i, g in enumerate(grads):
            s = self._slot("s", i)
            s[...] = self.gamma * s + (1 - self.gamma) * np.square(g)
            out.append(-self.lr * g / np.sqrt(s + self.eps))
        return out
''',
        "Adam": '''
class Adam(Optimizer):
    def __init__(self, params, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(params, lr)
        if not 0 <= beta1 < 1:
            raise ValueError("beta1 must be in [0, 1)")
        if not 0 <= beta2 < 1:
            raise ValueError("beta2 must be in [0, 1)")
        if not eps > 0:
            raise ValueError("eps must be > 0")
        self.b1, self.b2, self.eps, self.t = beta1, beta2, eps, 0

    def _get_updates(self, grads):
        self.t = self.t + 1
        out = []
        for i, g in enumerate(grads):
            m, s = self._slot("m", i), self._slot("s", i)
            m[...] = self.b1 * m + (1 - self.b1) * g
            s[...] = self.b2 * s + (1 - self.b2) * g ** 2
            m_hat = m / (1 - self.b1 ** self.t)
            s_hat = s / (1 - self.b2 ** self.t)
            out.append(-self.lr * m_hat / (np.sqrt(s_hat) + self.eps))
        return out
''',
        "make_optimizer": '''
def make_optimizer(name, params, **kwargs):
    for cls in (SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam):
        if str(name).lower() == cls.__name__.lower():
            return cls(params, **kwargs)
    raise ValueError(f"no optimizer called {name!r}: valid names are "
                     "SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam")
''',
        "metrics": '''
def _check_targets(y_true, y_pred):
    a, b = np.asarray(y_true, float), np.asarray(y_pred, float)
    if a.shape != b.shape or a.ndim < 1 or a.ndim > 2 or a.size == 0:
        raise ValueError(f"bad shapes {a.shape} and {b.shape}")
    return a, b


def mse(y_true, y_pred):
    a, b = _check_targets(y_true, y_pred)
    total = 0.0
    for u, v in zip(a.ravel(), b.ravel()):
        total += (u - v) ** 2
    return total / a.size


def mae(y_true, y_pred):
    a, b = _check_targets(y_true, y_pred)
    total = 0.0
    for u, v in zip(a.ravel(), b.ravel()):
        total += abs(u - v)
    return total / a.size


def r2_score(y_true, y_pred):
    a, b = _check_targets(y_true, y_pred)
    a, b = a.reshape(len(a), -1), b.reshape(len(b), -1)
    scores = []
    for j in range(a.shape[1]):
        mean = sum(a[:, j]) / len(a)
        res = sum((a[i, j] - b[i, j]) ** 2 for i in range(len(a)))
        tot = sum((a[i, j] - mean) ** 2 for i in range(len(a)))
        scores.append(1.0 - res / tot)
    return float(sum(scores) / len(scores))


def accuracy(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.ndim != 1 or len(y_pred) != len(y_true) or y_pred.ndim > 2:
        raise ValueError("y_true: (n,) labels; y_pred: (n,) or (n, k)")
    hits = 0
    for t, p in zip(y_true, y_pred):
        label = int(np.argmax(p)) if np.ndim(p) == 1 else p
        hits += int(label == t)
    return hits / len(y_true)
''',
        "fit": '''
def fit(model, X, y, optimizer, num_epochs, batch_size, rng):
    if not isinstance(num_epochs, int) or isinstance(num_epochs, bool) \\
            or num_epochs < 1:
        raise ValueError(f"num_epochs must be an int >= 1, not {num_epochs!r}")
    history = []
    epoch = 0
    while epoch < num_epochs:
        losses, sizes = [], []
        for X_batch, y_batch in minibatches(X, y, batch_size, rng):
            loss, grads = model.loss_and_grads(X_batch, y_batch)
            losses.append(loss)
            sizes.append(len(y_batch))
            optimizer.step(grads)
        history.append(float(np.average(losses, weights=sizes)))
        epoch += 1
    return history
''',
    }),
    Alternative("rebinding state, other split and batches, einsum metrics", {
        "train_test_split": '''
def train_test_split(X, y, test_size=0.25, random_state=None):
    X, y = np.asarray(X), np.asarray(y)
    n = X.shape[0] if X.ndim else -1
    if y.ndim == 0 or n != y.shape[0]:
        raise ValueError("X and y must have equal numbers of rows")
    if isinstance(test_size, (float, np.floating)):
        if not 0 < test_size < 1:
            raise ValueError(f"test_size {test_size} is not in (0, 1)")
        n_test = -int(-test_size * n // 1)       # ceiling
    elif isinstance(test_size, (int, np.integer)):
        n_test = int(test_size)
    else:
        raise ValueError(f"test_size {test_size!r}: float or int please")
    n_train = n - n_test
    if min(n_test, n_train) <= 0:
        raise ValueError(f"empty part: {n_train} train, {n_test} test")
    perm = np.random.default_rng(random_state).permutation(n)
    train, test = np.sort(perm[:n_train]), np.sort(perm[n_train:])
    return X[train], X[test], y[train], y[test]
''',
        "minibatches": '''
def minibatches(X, y, batch_size, rng):
    if not isinstance(batch_size, (int, np.integer)) or batch_size <= 0 \\
            or isinstance(batch_size, bool):
        raise ValueError("batch_size must be a positive integer")
    X, y = np.asarray(X), np.asarray(y)
    if X.shape[0] != y.shape[0]:
        raise ValueError("X and y differ in length")
    perm = rng.permutation(X.shape[0])
    X, y = X[perm], y[perm]
    start = 0
    while start < len(X):
        yield X[start:start + batch_size], y[start:start + batch_size]
        start += batch_size
''',
        "Optimizer": '''
class Optimizer:
    def __init__(self, params, lr=0.01):
        params = list(params)
        for p in params:
            if not (isinstance(p, np.ndarray)
                    and np.issubdtype(p.dtype, np.inexact)):
                raise ValueError("every parameter must be a float array")
        if not np.isscalar(lr) or not np.isreal(lr) or not lr > 0 \\
                or not np.isfinite(lr):
            raise ValueError(f"lr must be positive; got lr={lr!r}")
        self.params, self.lr = params, lr

    def step(self, grads):
        grads = list(map(np.asarray, grads))
        shapes = [p.shape for p in self.params]
        if [g.shape for g in grads] != shapes:
            raise ValueError(f"expected gradients of shapes {shapes}")
        for i, u in enumerate(self._get_updates(grads)):
            self.params[i] -= -u

    def _get_updates(self, grads):
        raise NotImplementedError


class SGD(Optimizer):
    def _get_updates(self, grads):
        return [-(self.lr * g) for g in grads]
''',
        "Momentum": '''
class Momentum(Optimizer):
    def __init__(self, params, lr=0.01, beta=0.9):
        super().__init__(params, lr)
        if not (0 <= beta < 1):
            raise ValueError("beta must lie in [0, 1)")
        self.beta = beta
        self.v = [0.0] * len(self.params)

    def _get_updates(self, grads):
        self.v = [self.beta * v + g for v, g in zip(self.v, grads)]
        return [-self.lr * v for v in self.v]
''',
        "Nesterov": '''
class Nesterov(Optimizer):
    def __init__(self, params, lr=0.01, beta=0.9):
        super().__init__(params, lr)
        if not (0 <= beta < 1):
            raise ValueError("beta must lie in [0, 1)")
        self.beta = beta
        self.v = [0.0] * len(self.params)

    def _get_updates(self, grads):
        self.v = [self.beta * v + g for v, g in zip(self.v, grads)]
        return [-self.lr * g - self.lr * self.beta * v
                for g, v in zip(grads, self.v)]
''',
        "AdaGrad": '''
class AdaGrad(Optimizer):
    def __init__(self, params, lr=0.01, eps=1e-6):
        super().__init__(params, lr)
        if not eps > 0:
            raise ValueError("eps must be positive")
        self.eps = eps
        self.s = [0.0] * len(self.params)

    def _get_updates(self, grads):
        self.s = [s + g ** 2 for s, g in zip(self.s, grads)]
        return [-self.lr * g * (s + self.eps) ** -0.5
                for g, s in zip(grads, self.s)]
''',
        "RMSprop": '''
class RMSprop(Optimizer):
    def __init__(self, params, lr=0.01, gamma=0.9, eps=1e-6):
        super().__init__(params, lr)
        if not (0 <= gamma < 1):
            raise ValueError("gamma must lie in [0, 1)")
        if not eps > 0:
            raise ValueError("eps must be positive")
        self.gamma, self.eps = gamma, eps
        self.s = [0.0] * len(self.params)

    def _get_updates(self, grads):
        self.s = [self.gamma * s + (1 - self.gamma) * g ** 2
                  for s, g in zip(self.s, grads)]
        return [-self.lr * g / np.sqrt(s + self.eps)
                for g, s in zip(grads, self.s)]
''',
        "Adam": '''
class Adam(Optimizer):
    def __init__(self, params, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(params, lr)
        for name, b in [("beta1", beta1), ("beta2", beta2)]:
            if not (0 <= b < 1):
                raise ValueError(f"{name} must lie in [0, 1)")
        if not eps > 0:
            raise ValueError("eps must be positive")
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.m = [0.0] * len(self.params)
        self.s = [0.0] * len(self.params)
        self.t = 0

    def _get_updates(self, grads):
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        self.m = [b1 * m + (1 - b1) * g for m, g in zip(self.m, grads)]
        self.s = [b2 * s + (1 - b2) * g * g for s, g in zip(self.s, grads)]
        c1, c2 = 1 - b1 ** self.t, 1 - b2 ** self.t
        return [-self.lr * (m / c1) / (np.sqrt(s / c2) + self.eps)
                for m, s in zip(self.m, self.s)]
''',
        "make_optimizer": '''
_NAMES = {"sgd": "SGD", "momentum": "Momentum", "nesterov": "Nesterov",
          "adagrad": "AdaGrad", "rmsprop": "RMSprop", "adam": "Adam"}


def make_optimizer(name, params, **kwargs):
    try:
        cls = globals()[_NAMES[name.casefold()]]
    except (KeyError, AttributeError):
        raise ValueError(f"{name!r} is not one of {sorted(_NAMES)}") from None
    return cls(params, **kwargs)
''',
        "metrics": '''
def _check_targets(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true, float), np.asarray(y_pred, float)
    if y_true.shape != y_pred.shape or y_true.ndim not in (1, 2) \\
            or y_true.shape[0] == 0:
        raise ValueError("y_true and y_pred: same 1-D or 2-D shape")
    return y_true, y_pred


def mse(y_true, y_pred):
    d = np.subtract(*_check_targets(y_true, y_pred)).ravel()
    return float(np.einsum("i,i->", d, d) / d.size)


def mae(y_true, y_pred):
    d = np.subtract(*_check_targets(y_true, y_pred))
    return float(np.linalg.norm(d.ravel(), 1) / d.size)


def r2_score(y_true, y_pred):
    t, p = _check_targets(y_true, y_pred)
    if t.ndim == 1:
        t, p = t[:, None], p[:, None]
    centred = t - t.mean(axis=0)
    r2 = 1 - np.einsum("ij,ij->j", t - p, t - p) / np.einsum(
        "ij,ij->j", centred, centred)
    return float(r2.mean())


def accuracy(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    labels = y_pred if y_pred.ndim == 1 else np.argmax(y_pred, axis=-1)
    if y_true.ndim != 1 or labels.shape != y_true.shape:
        raise ValueError("mismatched shapes")
    return np.count_nonzero(labels == y_true) / y_true.size
''',
        "fit": '''
def fit(model, X, y, optimizer, num_epochs, batch_size, rng):
    if not isinstance(num_epochs, (int, np.integer)) or num_epochs < 1 \\
            or isinstance(num_epochs, bool):
        raise ValueError("num_epochs: a positive integer, please")
    history = []
    for _ in range(num_epochs):
        seen, total = 0, 0.0
        for X_b, y_b in minibatches(X, y, batch_size, rng):
            loss, grads = model.loss_and_grads(X_b, y_b)
            optimizer.step(grads)
            seen += len(X_b)
            total += len(X_b) * loss
        history.append(total / seen)
    return history
''',
    }),
    # The notebook allows float32: metrics computed in it, vectorised and
    # in loops that add up in float32, keep full marks.
    Alternative("metrics in float32, vectorised", {"metrics": '''
def _check_targets(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float32)
    y_pred = np.asarray(y_pred, dtype=np.float32)
    if y_true.shape != y_pred.shape or y_true.ndim not in (1, 2) \
            or len(y_true) == 0:
        raise ValueError(f"y_true {y_true.shape} and y_pred {y_pred.shape} "
                         "must have one 1-D or 2-D shape with samples")
    return y_true, y_pred


def mse(y_true, y_pred):
    t, p = _check_targets(y_true, y_pred)
    return float(np.mean((p - t) ** 2, dtype=np.float32))


def mae(y_true, y_pred):
    t, p = _check_targets(y_true, y_pred)
    return float(np.mean(np.abs(p - t), dtype=np.float32))


def r2_score(y_true, y_pred):
    t, p = _check_targets(y_true, y_pred)
    t2, p2 = t.reshape(len(t), -1), p.reshape(len(p), -1)
    ss_res = ((t2 - p2) ** 2).sum(axis=0, dtype=np.float32)
    ss_tot = ((t2 - t2.mean(axis=0, dtype=np.float32)) ** 2).sum(
        axis=0, dtype=np.float32)
    return float(np.mean(np.float32(1) - ss_res / ss_tot, dtype=np.float32))


def accuracy(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred, np.float32)
    if y_pred.ndim == 2:
        y_pred = y_pred.argmax(axis=1)
    if y_true.ndim != 1 or y_pred.shape != y_true.shape or len(y_true) == 0:
        raise ValueError("y_true: (n,) labels; y_pred: (n,) labels or "
                         "(n, k) scores")
    return float(np.mean(y_pred == y_true, dtype=np.float32))
'''}),
    Alternative("metrics in float32, plain loops", {"metrics": '''
def _check_targets(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float32)
    y_pred = np.asarray(y_pred, dtype=np.float32)
    if y_true.shape != y_pred.shape or y_true.ndim not in (1, 2) \
            or len(y_true) == 0:
        raise ValueError("y_true and y_pred: one 1-D or 2-D shape")
    return y_true.reshape(len(y_true), -1), y_pred.reshape(len(y_pred), -1)


def mse(y_true, y_pred):
    t, p = _check_targets(y_true, y_pred)
    total = np.float32(0)
    for i in range(t.shape[0]):
        for j in range(t.shape[1]):
            total += (p[i, j] - t[i, j]) ** 2
    return float(total / np.float32(t.size))


def mae(y_true, y_pred):
    t, p = _check_targets(y_true, y_pred)
    total = np.float32(0)
    for i in range(t.shape[0]):
        for j in range(t.shape[1]):
            total += abs(p[i, j] - t[i, j])
    return float(total / np.float32(t.size))


def r2_score(y_true, y_pred):
    t, p = _check_targets(y_true, y_pred)
    n, k = t.shape
    scores = np.float32(0)
    for j in range(k):
        mean = np.float32(0)
        for i in range(n):
            mean += t[i, j]
        mean /= np.float32(n)
        res = tot = np.float32(0)
        for i in range(n):
            res += (t[i, j] - p[i, j]) ** 2
            tot += (t[i, j] - mean) ** 2
        scores += np.float32(1) - res / tot
    return float(scores / np.float32(k))


def accuracy(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred, np.float32)
    if y_true.ndim != 1 or len(y_pred) != len(y_true) or y_pred.ndim > 2 \
            or len(y_true) == 0:
        raise ValueError("y_true: (n,) labels; y_pred: (n,) or (n, k)")
    hits = np.float32(0)
    for t, p in zip(y_true, y_pred):
        label = int(np.argmax(p)) if np.ndim(p) == 1 else p
        hits += np.float32(label == t)
    return float(hits / np.float32(len(y_true)))
'''}),
    # Correct code whose output goes to stderr: nbgrader would score it 0
    # without the IgnorePattern setting in nbgrader_config.py.
    Alternative("the reference, chatty: warnings, a RuntimeWarning, stderr",
                edits=[
        ("minibatches", [("    order = rng.permutation(len(X))",
                          "    import sys\n"
                          "    print('minibatches of', batch_size, "
                          "file=sys.stderr)\n"
                          "    order = rng.permutation(len(X))")]),
        ("Adam", [("        self.t = 0",
                   "        import warnings\n"
                   "        warnings.warn('Adam is starting', UserWarning)\n"
                   "        np.log(np.zeros(1))   # RuntimeWarning\n"
                   "        self.t = 0")]),
        ("fit", [("    history = []",
                  "    import warnings\n"
                  "    warnings.warn('fit: training starts', RuntimeWarning)\n"
                  "    history = []")]),
    ]),
    # The notebook allows float32: the reference with its gradients cast to
    # float32, float32 state and float32 updates, and fit adding the epoch's
    # loss up in float32, keeps full marks.
    Alternative("optimizers and fit in float32", edits=[
        ("Optimizer", [
            ("grads = [np.asarray(g) for g in grads]",
             "grads = [np.asarray(g).astype(np.float32) for g in grads]"),
            ("return [-self.lr * g for g in grads]",
             f"return [{_LR32} * g for g in grads]"),
        ]),
        ("Momentum", [_state32("velocities"),
                      ("updates.append(-self.lr * v)",
                       f"updates.append({_LR32} * v)")]),
        ("Nesterov", [_state32("velocities"),
                      ("-self.lr * (g + self.beta * v)",
                       f"{_LR32} * (g + np.float32(self.beta) * v)")]),
        ("AdaGrad", [_state32("squares"),
                     ("-self.lr * g / np.sqrt(s + self.eps)",
                      f"{_LR32} * g / np.sqrt(s + {_EPS32})")]),
        ("RMSprop", [_state32("squares"),
                     ("-self.lr * g / np.sqrt(s + self.eps)",
                      f"{_LR32} * g / np.sqrt(s + {_EPS32})")]),
        ("Adam", [_state32("moments"), _state32("squares"),
                  ("v / (1 - self.beta1 ** self.t)",
                   "v / np.float32(1 - self.beta1 ** self.t)"),
                  ("s / (1 - self.beta2 ** self.t)",
                   "s / np.float32(1 - self.beta2 ** self.t)"),
                  ("-self.lr * v_hat / (np.sqrt(s_hat) + self.eps)",
                   f"{_LR32} * v_hat / (np.sqrt(s_hat) + {_EPS32})")]),
        ("fit", [("total = 0.0", "total = np.float32(0)"),
                 ("total += loss * len(X_batch)",
                  "total += np.float32(loss) * np.float32(len(X_batch))"),
                 ("history.append(total / n)",
                  "history.append(float(total / np.float32(n)))")]),
    ]),
]

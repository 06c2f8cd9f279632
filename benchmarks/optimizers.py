"""Epoch time of the reference optimizers, and Adam's accuracy on digits.

Everything trained here uses the reference solution of assignment 04
(``source/04_optimizers``): its ``train_test_split``, ``minibatches``,
``fit``, optimizers and ``accuracy``. The model is written below: one hidden
layer of 100 ReLU units and a softmax output, trained on the mean
cross-entropy — scikit-learn's ``MLPClassifier`` with the same settings.
Data: scikit-learn's digits (1797 images of 8 x 8 pixels, 10 classes), split
75/25 by the reference ``train_test_split`` and standardised with the
training part's mean and standard deviation.

1. Speed: time per epoch of each reference optimizer training the same model
   from the same start, relative to plain SGD (target: every adaptive rule
   within 1.5x of SGD's epoch time).
2. Accuracy: the reference Adam against ``MLPClassifier(solver="adam")`` on
   the same split with the same budget (epochs, batch size, learning rate, no
   L2 penalty), test accuracy averaged over seeds (target: within 1
   percentage point).

Run from the repository root:

    .venv/bin/python -m benchmarks.optimizers [--repeat 5] [--seeds 5]
"""
import argparse
import os
import time
import warnings

# One BLAS thread: the matrices are small, and threads only add noise to the
# timings (set OMP_NUM_THREADS yourself to override).
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402
from sklearn.datasets import load_digits  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402

from coursetools.course import load_solution  # noqa: E402

HIDDEN, BATCH, EPOCHS = 100, 200, 50
TIMED_EPOCHS = 20
# Learning rates of the timing runs (any sensible value: time is what counts).
RATES = {"sgd": 0.1, "momentum": 0.05, "nesterov": 0.05, "adagrad": 0.05,
         "rmsprop": 0.001, "adam": 0.001}


class SoftmaxMLP:
    """One ReLU hidden layer, a softmax output, the mean cross-entropy.

    Initialised like scikit-learn's MLP: Glorot-uniform weights and biases.
    """

    def __init__(self, n_features, n_hidden, n_classes, rng):
        self.params = []
        for fan_in, fan_out in ((n_features, n_hidden),
                                (n_hidden, n_classes)):
            bound = np.sqrt(6.0 / (fan_in + fan_out))
            self.params += [rng.uniform(-bound, bound, (fan_in, fan_out)),
                            rng.uniform(-bound, bound, fan_out)]

    def scores(self, X):
        W1, b1, W2, b2 = self.params
        return np.maximum(X @ W1 + b1, 0) @ W2 + b2

    def predict(self, X):
        return self.scores(X).argmax(axis=1)

    def loss_and_grads(self, X, y):
        """Mean cross-entropy of integer labels y, and its gradients."""
        W1, b1, W2, b2 = self.params
        Z1 = X @ W1 + b1
        H = np.maximum(Z1, 0)
        Z2 = H @ W2 + b2
        Z2 -= Z2.max(axis=1, keepdims=True)
        P = np.exp(Z2)
        P /= P.sum(axis=1, keepdims=True)
        rows = np.arange(len(y))
        loss = float(-np.log(P[rows, y] + 1e-300).mean())
        dZ2 = P
        dZ2[rows, y] -= 1.0
        dZ2 /= len(y)
        dZ1 = (dZ2 @ W2.T) * (Z1 > 0)
        return loss, [X.T @ dZ1, dZ1.sum(axis=0), H.T @ dZ2, dZ2.sum(axis=0)]


def digits(ref, seed=0):
    X, y = load_digits(return_X_y=True)
    X_train, X_test, y_train, y_test = ref["train_test_split"](
        X, y, test_size=0.25, random_state=seed)
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    std[std == 0] = 1.0
    return (X_train - mean) / std, (X_test - mean) / std, y_train, y_test


def train(ref, name, data, lr, epochs, seed):
    """Train a fresh SoftmaxMLP with the named reference optimizer."""
    X_train, _, y_train, _ = data
    rng = np.random.default_rng(seed)
    model = SoftmaxMLP(X_train.shape[1], HIDDEN, 10, rng)
    opt = ref["make_optimizer"](name, model.params, lr=lr)
    start = time.perf_counter()
    history = ref["fit"](model, X_train, y_train, opt, epochs, BATCH, rng)
    return model, history, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5,
                        help="timing runs per optimizer; the fastest counts")
    parser.add_argument("--seeds", type=int, default=5,
                        help="seeds of the accuracy comparison")
    args = parser.parse_args()

    ref = load_solution("04_optimizers")
    data = digits(ref)
    X_train, X_test, y_train, y_test = data
    print(f"digits, {len(X_train)} training / {len(X_test)} test samples, "
          f"hidden ({HIDDEN},) ReLU, softmax, batches of {BATCH}")

    # 1. time per epoch, relative to plain SGD; the optimizers take turns,
    # so a burst of load on the machine hits them all alike
    times = {name: [] for name in RATES}
    for seed in range(args.repeat):
        for name in RATES:
            times[name].append(
                train(ref, name, data, RATES[name], TIMED_EPOCHS, seed)[2])
    per_epoch = {name: min(t) / TIMED_EPOCHS for name, t in times.items()}
    print(f"\n{'optimizer':<10}{'ms/epoch':>10}{'x SGD':>8}")
    for name, t in per_epoch.items():
        print(f"{name:<10}{1e3 * t:>10.2f}{t / per_epoch['sgd']:>8.2f}")
    worst = max(t / per_epoch["sgd"] for n, t in per_epoch.items()
                if n != "sgd")
    print(f"slowest adaptive rule: {worst:.2f}x SGD's epoch time "
          f"(target <= 1.5)")

    # 2. reference Adam against scikit-learn's, same split and budget
    ours, theirs = [], []
    for seed in range(args.seeds):
        model = train(ref, "adam", data, 1e-3, EPOCHS, seed)[0]
        ours.append(ref["accuracy"](y_test, model.scores(X_test)))
        sk = MLPClassifier(hidden_layer_sizes=(HIDDEN,), solver="adam",
                           learning_rate_init=1e-3, alpha=0.0,
                           batch_size=BATCH, max_iter=EPOCHS, tol=0.0,
                           n_iter_no_change=EPOCHS + 1, random_state=seed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            sk.fit(X_train, y_train)
        theirs.append(float((sk.predict(X_test) == y_test).mean()))
    print(f"\nAdam, lr=1e-3, {EPOCHS} epochs, {args.seeds} seeds: "
          f"test accuracy")
    print(f"{'model':<26}{'mean':>8}{'min':>8}{'max':>8}")
    for label, accs in (("reference Adam", ours),
                        ("sklearn MLPClassifier", theirs)):
        print(f"{label:<26}{np.mean(accs):>8.4f}{min(accs):>8.4f}"
              f"{max(accs):>8.4f}")
    gap = 100 * (np.mean(ours) - np.mean(theirs))
    print(f"accuracy difference: {gap:+.2f} percentage points "
          f"(target within 1)")


if __name__ == "__main__":
    main()

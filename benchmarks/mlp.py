"""Training time of the reference MLPRegressor against scikit-learn's.

Both networks get the same data (Friedman #1, 20,000 x 10), the same
architecture (one hidden layer of 100 ReLU units), the same budget (20 epochs
of minibatches of 200) and the same optimizer (plain SGD, no momentum, no L2
penalty). scikit-learn minimises MSE / 2, so it gets twice our step size:
the two then take the same steps. Run from the repository root:

    .venv/bin/python -m benchmarks.mlp [--repeat 3]

Prints the training-time ratio (ours / scikit-learn; target <= 0.5) and
both test R^2 (target: within 0.02).
"""
import argparse
import time
import warnings

from sklearn.datasets import make_friedman1
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import r2_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPRegressor as SklearnMLP

from coursetools.course import load_solution

HIDDEN, EPOCHS, BATCH, LR = (100,), 20, 200, 0.01


def data(seed=0):
    X, y = make_friedman1(n_samples=25_000, n_features=10, noise=1.0,
                          random_state=seed)
    y = (y - y.mean()) / y.std()
    return train_test_split(X, y, train_size=20_000, random_state=seed)


def timed_fit(model, X, y):
    start = time.perf_counter()
    model.fit(X, y)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each model; the fastest counts")
    args = parser.parse_args()

    ours_cls = load_solution("03_backprop")["MLPRegressor"]
    X_train, X_test, y_train, y_test = data()
    ours_times, sk_times = [], []
    for seed in range(args.repeat):
        ours = ours_cls(HIDDEN, learning_rate=LR, max_iter=EPOCHS,
                        batch_size=BATCH, random_state=seed)
        sk = SklearnMLP(hidden_layer_sizes=HIDDEN, solver="sgd",
                        learning_rate_init=2 * LR, momentum=0.0, alpha=0.0,
                        batch_size=BATCH, max_iter=EPOCHS, tol=0.0,
                        n_iter_no_change=EPOCHS + 1, random_state=seed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            sk_times.append(timed_fit(sk, X_train, y_train))
        ours_times.append(timed_fit(ours, X_train, y_train))
    r2_ours = r2_score(y_test, ours.predict(X_test))
    r2_sk = r2_score(y_test, sk.predict(X_test))
    t_ours, t_sk = min(ours_times), min(sk_times)
    print(f"Friedman #1, {len(X_train)} x {X_train.shape[1]}, hidden "
          f"{HIDDEN}, {EPOCHS} epochs of batches of {BATCH}, plain SGD")
    print(f"{'model':<28}{'train s':>9}{'test R^2':>10}")
    print(f"{'reference MLPRegressor':<28}{t_ours:>9.3f}{r2_ours:>10.4f}")
    print(f"{'sklearn MLPRegressor':<28}{t_sk:>9.3f}{r2_sk:>10.4f}")
    print(f"time ratio ours/sklearn: {t_ours / t_sk:.2f} (target <= 0.5); "
          f"R^2 difference: {r2_ours - r2_sk:+.4f} (target within 0.02)")


if __name__ == "__main__":
    main()

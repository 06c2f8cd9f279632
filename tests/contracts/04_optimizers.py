"""Contract of assignment 04: optimizers."""
from tests.contracts import Clause as C

TTS = "test_train_test_split"
MC = "test_minibatches_cover_every_sample"
MS = "test_minibatches_shuffle_and_errors"
SG, MO, NE = "test_sgd", "test_momentum", "test_nesterov"
AG, RP, AD = "test_adagrad", "test_rmsprop", "test_adam"
RULES = [SG, MO, NE, AG, RP, AD]
STATEFUL = [MO, NE, AG, RP, AD]
MK, RM, AC, FIT = ("test_make_optimizer", "test_regression_metrics",
                   "test_accuracy", "test_fit")
BAD_INPUT = [TTS, MS, *RULES, MK, RM, AC, FIT]    # every bad-input check

CONTRACT = {
    "notebook": [
        C("float32 or float64", "`float32` or `float64`", [SG, RM]),
        C("rng is the only randomness", "`rng = np.random.default_rng(seed)`"
          " is the only source of randomness", [TTS, MS]),
        C("bad input: ValueError saying what to fix", "**Bad input** raises "
          "a `ValueError` whose message says, in a sentence, what to fix",
          BAD_INPUT),
        C("bad input: more than ten characters", "every such message has "
          "more than ten characters", BAD_INPUT),
        C("bad input: the parameter named where asked", "where the text "
          "below asks for it, names the parameter at fault", [*STATEFUL,
                                                             SG, MK, FIT]),
    ],
    "train_test_split": [
        C("returns scikit-learn's order", "returns `X_train, X_test, "
          "y_train, y_test` (scikit-learn's order)", [TTS]),
        C("X of any number of dimensions", "(any number of dimensions, at "
          "least 1)", [TTS]),
        C("rows stay paired; y 1-D or 2-D", "the two stay paired in both "
          "parts", [TTS]),
        C("n_test = ceil(test_size * n)", "(rounded **up**, as in "
          "scikit-learn", [TTS]),
        C("int test_size is a count", "An integer `test_size` is the number "
          "of test samples", [TTS]),
        C("every row once", "every row of the data lands in exactly one",
          [TTS]),
        C("seeded by default_rng(random_state)", "the same `random_state` "
          "gives the same split, different seeds give different splits",
          [TTS]),
        C("ValueError: rows differ", "`X` and `y` with different numbers of "
          "rows", [TTS]),
        C("ValueError: bad test_size", "a float `test_size` not strictly "
          "between 0 and 1", [TTS]),
        C("ValueError: empty part", "an integer `test_size` that would leave "
          "the test or the training part empty", [TTS]),
        C("ValueError: other type", "any other type of `test_size`", [TTS]),
    ],
    "minibatches": [
        C("a generator for one epoch", "is a **generator**", [MC, MS]),
        C("order from rng, anew per call", "each time it is called", [MS]),
        C("same seed, same batches", "two generators created with the same "
          "seed give the same batches", [MS]),
        C("every sample once per epoch", "Every sample exactly once per "
          "epoch", [MC]),
        C("last batch keeps the rest", "**last batch keeps whatever is "
          "left**", [MC]),
        C("batch_size > n: one batch", "A `batch_size` larger than the data "
          "gives one batch of all samples", [MC]),
        C("rows paired", "`X_batch[j]` and `y_batch[j]` are rows of the same "
          "sample", [MC]),
        C("NumPy integer batch_size", "(a Python `int` or a NumPy integer",
          [MC]),
        C("ValueError: batch_size", "`2.5`, `\"4\"` and bools such as "
          "`True` are not) or is `<= 0`", [MS]),
        C("ValueError: rows differ", "`X` and `y` with different numbers of "
          "rows. (In a generator", [MS]),
    ],
    "Optimizer": [
        C("keeps the same arrays", "the same array objects, not copies",
          [SG, MK]),
        C("ValueError: lr", "It raises `ValueError` if `lr` is not a "
          "positive finite number", [SG]),
        C("ValueError: lr inf or NaN", "(`inf` and `nan` are not)", [SG]),
        C("ValueError: non-float params", "(an integer array cannot hold the "
          "updates)", [SG]),
        C("step: ValueError on number or shape", "It raises `ValueError` if "
          "their number or a shape differs", [SG]),
        C("updates in place", "never `p = p + u`", RULES),
        C("grads not modified", "`step` must not modify the gradient arrays "
          "it is given", [SG, MO]),
    ],
    "SGD": [
        C("x -= lr g, default lr 0.01", "`SGD(params, lr=0.01)`", [SG]),
    ],
    "Momentum": [
        C("v = beta v + g; x -= lr v; defaults",
          "`Momentum(params, lr=0.01, beta=0.9)`", [MO]),
        C("state per parameter, from zero", "**state separately for each "
          "parameter**", [MO]),
        C("ValueError names beta, lr", "outside $[0, 1)$", [MO]),
    ],
    "Nesterov": [
        C("look-ahead update; defaults",
          "`Nesterov(params, lr=0.01, beta=0.9)`", [NE]),
        C("state per parameter, from zero", "**state separately for each "
          "parameter**", [NE]),
        C("ValueError names beta, lr", "outside $[0, 1)$", [NE]),
    ],
    "AdaGrad": [
        C("s += g^2; eps inside sqrt; defaults",
          "`AdaGrad(params, lr=0.01, eps=1e-6)`", [AG]),
        C("eps inside the root", "**inside** the square root for AdaGrad",
          [AG]),
        C("state per parameter, from zero", "**state separately for each "
          "parameter**", [AG]),
        C("ValueError names eps, lr", "`eps <= 0`", [AG]),
    ],
    "RMSprop": [
        C("leaky average; defaults",
          "`RMSprop(params, lr=0.01, gamma=0.9, eps=1e-6)`", [RP]),
        C("eps inside the root", "**inside** the square root for AdaGrad "
          "and RMSprop", [RP]),
        C("state per parameter, from zero", "**state separately for each "
          "parameter**", [RP]),
        C("ValueError names gamma, eps, lr", "`beta`, `gamma`, `beta1`, "
          "`beta2` outside", [RP]),
    ],
    "Adam": [
        C("bias-corrected moments; defaults", "`Adam(params, lr=0.001, "
          "beta1=0.9, beta2=0.999, eps=1e-8)`", [AD]),
        C("eps outside the root", "**outside** it for Adam", [AD]),
        C("one step counter for all", "(one counter for all parameters)",
          [AD]),
        C("ValueError names beta1, beta2, eps, lr", "`beta1`, `beta2` "
          "outside $[0, 1)$", [AD]),
    ],
    "make_optimizer": [
        C("six names, any case", "in any mix of upper and lower case", [MK]),
        C("params and kwargs passed on", "created with `params` and the "
          "keyword arguments", [MK]),
        C("ValueError lists the six names", "Any other name raises a "
          "`ValueError` whose message lists all six valid names", [MK]),
    ],
    "mse": [
        C("mean of squares over all entries", "the mean of $(\\hat y - "
          "y)^2$ over all entries", [RM]),
        C("a Python float", "returns a Python `float`", [RM]),
        C("ValueError: shapes", "`y_true` and `y_pred` must have the same "
          "shape, 1-D or 2-D", [RM]),
        C("ValueError: no sample", "with at least one sample; otherwise "
          "`ValueError`", [RM]),
    ],
    "mae": [
        C("mean of |error| over all entries", "the mean of $|\\hat y - y|$ "
          "over all entries", [RM]),
        C("a Python float", "returns a Python `float`", [RM]),
        C("ValueError: shapes", "`y_true` and `y_pred` must have the same "
          "shape, 1-D or 2-D", [RM]),
        C("ValueError: no sample", "with at least one sample; otherwise "
          "`ValueError`", [RM]),
    ],
    "r2_score": [
        C("R^2 about the mean of y_true", "with $\\bar y$ the mean of "
          "`y_true`", [RM]),
        C("2-D: mean of the columns' R^2", "compute $R^2$ for each column "
          "and return their mean", [RM]),
        C("a Python float", "returns a Python `float`", [RM]),
        C("ValueError: shapes", "`y_true` and `y_pred` must have the same "
          "shape, 1-D or 2-D", [RM]),
        C("ValueError: no sample", "with at least one sample; otherwise "
          "`ValueError`", [RM]),
        C("float32 tolerance", "You may compute in `float32`: the tests "
          "allow for its rounding", [RM]),
    ],
    "accuracy": [
        C("fraction of equal labels", "the fraction of samples whose "
          "predicted label equals the true one", [AC]),
        C("scores: argmax of a row", "the predicted label of a sample is "
          "the index of its largest score", [AC]),
        C("a Python float", "returns a Python `float`", [AC]),
        C("ValueError: y_true not 1-D, sizes differ", "Raise `ValueError` "
          "if `y_true` is not 1-D or the numbers of samples differ", [AC]),
    ],
    "fit": [
        C("minibatches once per epoch, with batch_size, rng", "call **your "
          "Part B function**, once per epoch", [FIT]),
        C("one step per batch", "`optimizer.step(grads)` (one step per "
          "batch)", [FIT]),
        C("history: floats, weighted by batch size", "a list with one "
          "`float` per epoch", [FIT]),
        C("losses before each step", "(the losses as computed before each "
          "step)", [FIT]),
        C("ValueError names num_epochs", "Raise `ValueError` if `num_epochs` "
          "is not a positive integer (name", [FIT]),
        C("ValueError: num_epochs a bool", "a bool such as `True` is not "
          "one", [FIT]),
    ],
}

"""Contract of assignment 03: backpropagation and an MLPRegressor."""
from tests.contracts import Clause as C

DF, DB = "test_dense_forward", "test_dense_backward"
RB, SB = "test_relu_backward", "test_sigmoid_backward"
TB = "test_tanh_backward"
ML, MG = "test_mse_loss", "test_mse_grad"
NG, RE = "test_numerical_gradient", "test_relative_error"
SH, GR = "test_mlp_shapes", "test_mlp_gradients"
SGD, LE, BI = "test_mlp_sgd_steps", "test_mlp_learns", "test_mlp_bad_input"

CONTRACT = {
    "notebook": [
        C("float32 or float64", "`float32` or `float64`", [DF, RE]),
        C("rng is the only randomness", "`rng = np.random.default_rng(seed)`"
          " is the only source of randomness", [SGD, LE]),
        C("bad input: ValueError, a sentence", "raises a `ValueError` whose "
          "message says, in a sentence, what is wrong and what was received",
          [DF, DB, ML, MG, RE, BI]),
        C("bad input: more than ten characters", "every such message has "
          "more than ten characters", [DF, DB, ML, MG, RE, BI]),
        C("bad input: a parameter's name and value", "names it and contains "
          "the value received as Python prints it", [BI]),
        C("bad input: a shape received", "contains at least one of the "
          "shapes received as NumPy prints it", [DF, DB, ML, MG, RE]),
    ],
    "dense_forward": [
        C("Z = XW + b", "to $Z = XW + b$", [DF]),
        C("ValueError: shapes", "If the shapes of the arguments do not fit "
          "together, raise a `ValueError`", [DF]),
        C("message gives a shape received", "see **Bad input** above for "
          "its message", [DF]),
    ],
    "dense_backward": [
        C("dX, dW, db formulas", "return the gradients with respect to the "
          "layer's inputs and parameters", [DB]),
        C("db is a sum over the batch", "The bias gradient is a **sum** over "
          "the batch", [DB]),
        C("shapes of dX, dW, db", "dX : ndarray of shape (n_samples, n_in)",
          [DB]),
        C("ValueError: shapes", "If the shapes of the arguments do not fit "
          "together, raise a `ValueError` (both functions", [DB]),
        C("message gives a shape received", "see **Bad input** above for "
          "its message", [DB]),
    ],
    "relu_backward": [
        C("dA * f'(Z), same shape", "returns `dZ` of that shape", [RB]),
        C("relu'(0) = 0", "(we take $0$ at $z = 0$)", [RB]),
        C("no nan at |z| = 1000", "must work for large $|z|$", [RB]),
    ],
    "sigmoid_backward": [
        C("dA * s (1 - s), same shape", "returns `dZ` of that shape", [SB]),
        C("no nan at |z| = 1000", "must work for large $|z|$", [SB]),
    ],
    "tanh_backward": [
        C("dA * (1 - tanh^2), same shape", "returns `dZ` of that shape",
          [TB]),
        C("no nan at |z| = 1000", "must work for large $|z|$", [TB]),
    ],
    "mse_loss": [
        C("mean over all N entries", "with $N$ entries in all", [ML]),
        C("a Python float", "`mse_loss` returns a Python `float`", [ML]),
        C("ValueError: shapes differ", "If `y_pred` and `y` have different "
          "shapes, raise a `ValueError`", [ML]),
    ],
    "mse_grad": [
        C("2 (y_pred - y) / N", "`mse_grad` returns an array shaped like "
          "`y_pred`", [MG]),
        C("ValueError: shapes differ", "If `y_pred` and `y` have different "
          "shapes, raise a `ValueError`", [MG]),
    ],
    "numerical_gradient": [
        C("central difference with eps", "The **central difference**", [NG]),
        C("any shape, shaped like x", "It returns an array shaped like `x`",
          [NG]),
        C("f gets an array shaped like x", "where `f` takes an array shaped "
          "like `x`", [NG]),
        C("x left exactly as it was", "leaves `x` exactly as it was", [NG]),
    ],
    "relative_error": [
        C("||a - b|| / (||a|| + ||b||)", "To compare two gradients, use the "
          "**relative error**", [RE]),
        C("Frobenius over all entries", "(the Frobenius norm for matrices)",
          [RE]),
        C("0 when both are zero", "defined as $0$ when both are all zeros",
          [RE]),
        C("array_like, numbers", "arrays of any shape, nested lists or "
          "numbers", [RE]),
        C("returns a float", "Returns ------- float", [RE]),
        C("ValueError: shapes differ", "Raise a `ValueError` if `a` and `b` "
          "have different shapes", [RE]),
    ],
    "MLPRegressor": [
        C("defaults", "hidden_layer_sizes=(100,), learning_rate=0.001", [SH]),
        C("train returns self; fit is train", "returns the model itself; "
          "model.fit is the same", [SH]),
        C("ReLU hidden layers, linear output", "each followed by ReLU", [GR,
          SGD, LE]),
        C("one output per target", "one unit per target", [SH]),
        C("coefs_, intercepts_ shapes", "`coefs_[i]` has shape `(fan_in, "
          "fan_out)`", [SH]),
        C("init from default_rng(random_state)", "Draw every random number "
          "from", [SGD, LE]),
        C("init independent of lr, max_iter, batch_size", "not on "
          "`learning_rate`, `max_iter` or `batch_size`", [SGD]),
        C("loss is MSE on (n, k)", "The MSE of Part C on the training "
          "targets", [GR]),
        C("loss_and_gradients", "returns `(loss, coef_grads, "
          "intercept_grads)`", [GR]),
        C("new shuffle every epoch, first included", "a new order in every "
          "epoch, the first one included", [SGD]),
        C("last batch smaller; big batch_size", "the last batch keeps "
          "whatever is left", [SGD]),
        C("plain gradient step", "`param -= learning_rate * grad`", [SGD,
          LE]),
        C("loss_curve_ weighted by batch size", "the mean of that epoch's "
          "batch losses weighted by batch size", [SGD]),
        C("len(loss_curve_) and n_iter_", "`n_iter_ = max_iter`", [SH, SGD]),
        C("predict shapes", "`predict(X)` returns shape `(n_samples,)`",
          [SH]),
        C("__init__ only stores", "`__init__` only stores its arguments (it "
          "raises nothing", [BI]),
        C("ValueError names hidden_layer_sizes", "(name "
          "`hidden_layer_sizes` in the message)", [BI]),
        C("ValueError: learning_rate", "`learning_rate` is not a positive "
          "finite number", [BI]),
        C("ValueError: learning_rate inf or NaN", "(`inf` and `nan` are "
          "not)", [BI]),
        C("ValueError names max_iter, batch_size", "`max_iter` or "
          "`batch_size` is not a positive integer (name the parameter)",
          [BI]),
        C("ValueError: max_iter, batch_size not ints", "`2.5` is not one, "
          "nor is a bool such as `True`", [BI]),
        C("message gives the value received", "names the problem and the "
          "value received", [BI]),
        C("ValueError: bad X, y", "`X` is not 2-D or has no samples or no "
          "features", [BI]),
        C("ValueError: NaN or infinity", "`X` or `y` holds NaN or infinity",
          [BI]),
        C("predict rejects bad X", "`predict` raises a `ValueError`, as "
          "`train` does", [BI]),
        C("predict before train", "say to call `train` first", [BI]),
    ],
}

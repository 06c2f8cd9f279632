"""Contract of assignment 01: neuron models."""
from tests.contracts import Clause as C

MP = "test_mcculloch_pitts"
MPB = "test_mcculloch_pitts_bad_input"
PG, PS = "test_perceptron_gates", "test_perceptron_stops"
PD, PB = "test_perceptron_separable_data", "test_perceptron_bad_input"
AV, AD = "test_activation_values", "test_activation_derivatives"
AX = "test_activation_extremes_and_names"
SM, SS = "test_softmax", "test_softmax_stable"

CONTRACT = {
    "notebook": [
        C("bad input: ValueError in a sentence", "whose message says, in a "
          "sentence, what is wrong and what was received", [MPB, PB, SS]),
        C("float32 or float64", "`float32` or `float64`", [SM, SS]),
    ],
    "mcculloch_pitts": [
        C("fires at >= threshold", "a sum *equal* to the threshold fires",
          [MP]),
        C("one vector gives an int", "then it returns a Python `int`", [MP]),
        C("batch gives int array (n_samples,)",
          "an integer array of shape `(n_samples,)`", [MP]),
        C("any real inputs", "Inputs need not be binary", [MP]),
        C("ValueError: w not 1-D", "Raise a `ValueError` if `w` is not 1-D",
          [MPB]),
        C("ValueError: x not 1-D/2-D", "if `x` is neither 1-D nor 2-D",
          [MPB]),
        C("ValueError: inputs != weights",
          "the number of inputs in `x` differs from the number of weights",
          [MPB]),
        C("ValueError: empty", "if `x` or `w` is empty", [MPB]),
        C("ValueError: NaN", "`w` or `threshold` holds a NaN", [MPB]),
    ],
    "perceptron_train": [
        C("starts from zeros", "Start from $\\mathbf{w} = \\mathbf{0}$",
          [PG, PS, PD]),
        C("samples in the order given", "**in the order given**",
          [PG, PS, PD]),
        C("update rule with lr", "with $\\eta$ = `lr`", [PG, PS, PD]),
        C("stops on a clean epoch", "Stop as soon as an epoch makes **no "
          "mistakes**", [PG, PD]),
        C("n_iter counts the clean epoch", "that last clean epoch included",
          [PG, PD]),
        C("stops after max_iter", "Otherwise stop after `max_iter` epochs",
          [PS]),
        C("clean last epoch is convergence", "If epoch number `max_iter` "
          "itself is clean, that is convergence", [PG]),
        C("returns (w, b, converged, n_iter)",
          "Return the tuple `(w, b, converged, n_iter)`", [PG]),
        C("w shape (n_features,)", "`w` an array of shape `(n_features,)`",
          [PG]),
        C("converged a bool", "`converged` a bool", [PG]),
        C("b a float, n_iter an int", "`b` a float, `converged` a bool, "
          "`n_iter` an int", [PG, PS]),
        C("AND example", "AND with `lr=1` runs 6 epochs", [PG]),
        C("labels as ints, floats or bools",
          "labels may come as ints, floats or bools", [PG]),
        C("ValueError: X not non-empty 2-D or NaN",
          "if `X` is not a non-empty 2-D array or holds a NaN", [PB]),
        C("ValueError: y shape", "if `y` is not 1-D with one label per row",
          [PB]),
        C("ValueError: labels not 0/1", "if a label is anything but 0 or 1",
          [PB]),
        C("ValueError: lr <= 0", "if `lr` is not a positive finite number",
          [PB]),
        C("ValueError: lr inf or NaN", "a positive finite number", [PB]),
        C("ValueError: max_iter <= 0", "if `max_iter` is not a positive "
          "integer", [PB]),
        C("ValueError: max_iter not an int", "`max_iter` is not a positive "
          "integer", [PB]),
    ],
    "activation": [
        C("six formulas", "The names and the formulas", [AV]),
        C("any shape, same shape, floats",
          "return an array of floats of the same shape", [AV]),
        C("alphas", "with $\\alpha = 0.01$ for leaky ReLU and $\\alpha = 1$",
          [AV, AX]),
        C("finite at |z| = 1000",
          "must give correct, finite values for large $|z|$", [AX]),
        C("ValueError listing the names",
          "raise a `ValueError` whose message lists the six valid names",
          [AX]),
    ],
    "activation_derivative": [
        C("six derivatives", "Write `activation(name, z)` and "
          "`activation_derivative(name, z)`", [AD]),
        C("values at the kink", "At the kink $z = 0$ take exactly the "
          "values in the table", [AD]),
        C("same shape, numbers too", "an array `z` of any shape (a number,",
          [AD]),
        C("finite at |z| = 1000",
          "must give correct, finite values for large $|z|$", [AX]),
        C("ValueError listing the names",
          "raise a `ValueError` whose message lists the six valid names",
          [AX]),
    ],
    "softmax": [
        C("1-D or one vector per row", "each row normalised on its own",
          [SM, SS]),
        C("same shape, positive, rows sum to 1",
          "whose entries are positive and whose rows", [SM]),
        C("entries up to +-1000", "It must work for entries as large as",
          [SS]),
        C("rows of different sizes",
          "also when different rows have very different sizes", [SS]),
        C("ValueError: not 1-D/2-D", "Raise a `ValueError` if `z` is not "
          "1-D or 2-D", [SS]),
        C("ValueError: empty", "if it is empty (no rows or no columns)",
          [SS]),
    ],
}

"""Contract of assignment 02: a Hodgkin-Huxley neuron from scratch."""
from tests.contracts import Clause as C

RV, RS = "test_rates_values", "test_rates_singularities"
SS = "test_steady_states_and_time_constants"
EU = "test_euler_step"
ST, SC = "test_simulate_trace", "test_simulate_spike_counts"
DS, FI = "test_detect_spikes", "test_fi_curve"
TH = "test_threshold_current"
ALL = [RV, RS, SS, EU, ST, SC, DS, FI, TH]

CONTRACT = {
    "notebook": [
        C("nncourse.hh is switched off", "every function in it is "
          "switched off, and a call to one fails the test", ALL),
        C("float64 traces to 1e-6 mV", "the tests compare your simulated "
          "traces with their own to about $10^{-6}$ mV", [ST]),
        C("bad input: ValueError in a sentence", "whose message says, in a "
          "sentence, what is wrong and what was received", [EU, ST, DS, FI,
                                                            TH]),
        C("sign convention and constants", "$E_{Na} = 115$, $E_K = -12$, "
          "$E_L = 10.613$ mV", [EU, ST, SC]),
    ],
    "hh_rates": [
        C("dict with six keys", "returns a **dict** with the six keys",
          [RV]),
        C("the six formulas", "Write `hh_rates(V)`", [RV]),
        C("any shape, same shape", "Each value is an array of the same "
          "shape as `V`", [RV, RS]),
        C("a number gives 0-d or float", "(a 0-d array or a float for a "
          "number)", [RV, RS]),
        C("limits at V = 10 and 25", "Your function must return these "
          "limits at exactly $V = 10$ and $V = 25$", [RS]),
        C("rel. error 1e-9 more than 1 mV away, and for the other rates",
          "Each rate must be within a relative error of $10^{-9}$ of the "
          "formula's exact value", [RV, RS]),
        C("rel. error 1e-6 within 1 mV of them", "however close, the bound "
          "is a relative error of $10^{-6}$", [RS]),
        C("never nan or inf on [-100, 150]", "The rates must never be "
          "`nan` or `inf` for $-100 \\le V \\le 150$", [RS]),
        C("no RuntimeWarning", "your function must not emit a "
          "`RuntimeWarning`", [RS]),
    ],
    "gate_steady_states": [
        C("x_inf = alpha / (alpha + beta)",
          "$x_\\infty = \\alpha_x / (\\alpha_x + \\beta_x)$", [SS]),
        C("keys m, h, n, shape of V", "each returns a dict with the keys "
          "`\"m\"`, `\"h\"`, `\"n\"`", [SS]),
    ],
    "gate_time_constants": [
        C("tau = 1 / (alpha + beta)",
          "$\\tau_x = 1 / (\\alpha_x + \\beta_x)$", [SS]),
        C("keys m, h, n, shape of V", "each returns a dict with the keys "
          "`\"m\"`, `\"h\"`, `\"n\"`", [SS]),
    ],
    "hh_step": [
        C("forward Euler at the old state", "every derivative evaluated "
          "at the **old** state", [EU]),
        C("numbers or arrays (n_neurons,)", "`V, m, h, n` are numbers or "
          "1-D arrays of one shape", [EU]),
        C("I a number or an array", "`I` is a number (the same current for "
          "every neuron) or an array", [EU]),
        C("returns (V_new, m_new, h_new, n_new)",
          "Return the tuple `(V_new, m_new, h_new, n_new)`", [EU]),
        C("inputs unchanged", "do not change the arrays you were given",
          [EU]),
        C("ValueError: dt", "If `dt` is not a positive finite number, "
          "raise a `ValueError` that says so", [EU]),
    ],
    "hh_simulate": [
        C("I a number or (n_neurons,)", "`I` is a number (one neuron) or a "
          "1-D array", [ST, SC]),
        C("K = round(t_max / dt)", "$K$ = `round(t_max / dt)`", [ST]),
        C("starts at rest", "at $t_0 = 0$ every neuron is at rest", [ST]),
        C("each step is hh_step", "each of the $K$ steps is one call of "
          "your `hh_step`", [ST, SC]),
        C("returns (t, V, m, h, n) with shapes",
          "Return the tuple `(t, V, m, h, n)`", [ST, SC]),
        C("row k is the state at t_k", "row $k$ holds the state at $t_k$",
          [ST]),
        C("ValueError: dt, t_max not positive", "if `dt` or `t_max` is not "
          "a positive finite number", [ST]),
        C("ValueError: t_max or dt inf or nan", "`t_max` is not a positive "
          "finite number", [ST]),
        C("ValueError: shorter than a step", "`round(t_max / dt) < 1`",
          [ST]),
        C("ValueError: nan or infinite current", "if a current is `nan` or "
          "infinite", [ST]),
        C("7, 1, 0 spikes", "give **7 spikes**", [SC]),
    ],
    "detect_spikes": [
        C("upward crossing V[i-1] < thr <= V[i]",
          "V[i - 1] < threshold <= V[i]", [DS]),
        C("spike time is t[i]", "the spike's time is `t[i]` (no "
          "interpolation)", [DS]),
        C("touching counts", "a trace that *touches* the threshold from "
          "below", [DS]),
        C("no spike at t[0]", "does not count at `t[0]`", [DS]),
        C("must fall below again", "must fall below the threshold again "
          "before it can spike again", [DS]),
        C("uneven times", "the times need not be evenly spaced", [DS]),
        C("1-D float array, length 0 if none", "as a 1-D NumPy array of "
          "floats (of length 0 if there is none)", [DS]),
        C("default threshold 50", "detect_spikes(t, V, threshold=50.0)",
          [DS]),
        C("ValueError: shapes", "If `t` and `V` are not 1-D arrays of the "
          "same length, raise a `ValueError`", [DS]),
    ],
    "compute_fi_curve": [
        C("currents a 1-D array or a list", "(a 1-D array or a list)",
          [FI]),
        C("ValueError: a number, 2-D or empty currents", "a number, a 2-D "
          "array or an empty list is bad input", [FI]),
        C("counts crossings of threshold", "the upward crossings of "
          "`threshold`", [FI]),
        C("rate in Hz", "the **firing rate in Hz**", [FI]),
        C("shape (n_currents,)", "Return an array of shape "
          "`(n_currents,)`", [FI]),
        C("ValueError: bad input", "a `nan` current, a non-positive `dt` "
          "or `t_max`) raises a `ValueError`", [FI]),
        C("70 Hz at 10", "10 µA/cm² gives 70 Hz", [FI]),
    ],
    "find_threshold_current": [
        C("pulse on steps round(start/dt) <= k < ...",
          "`round(pulse_start / dt) <= k < round((pulse_start + "
          "pulse_length) / dt)`", [TH]),
        C("fires: crossing up to t_K", "at some time point up to $t_K$",
          [TH]),
        C("bisection to width tol", "Halve the bracket until it is at most "
          "`tol` wide", [TH]),
        C("returns hi", "and return `hi`", [TH]),
        C("ValueError: lo >= hi", "if `lo >= hi`", [TH]),
        C("ValueError: tol, pulse_length, dt", "if `tol`, `pulse_length`, "
          "`dt` or `t_max` is not positive", [TH]),
        C("ValueError: t_max", "`dt` or `t_max` is not positive", [TH]),
        C("ValueError: lo fires / hi does not", "if `lo` already fires, or "
          "if `hi` does not fire", [TH]),
    ],
}

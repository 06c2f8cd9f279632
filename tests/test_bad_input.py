"""Every public function of nncourse rejects bad input the same way.

Each case passes one bad value (NaN, infinity, a negative or zero number
where it is invalid, a wrong type such as 'ten', a ragged nested list, a
wrong shape) and expects a ValueError whose message starts with the name of
the argument, is one sentence and shows the bad value's repr. A last test
lists the public functions of each module and fails when one has no case
here, so that a new public function cannot go untested.
"""
import inspect
import math
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nncourse import (  # noqa: E402
    datasets,
    grading,
    hh,
    networks,
    optim,
    plotting,
    style,
)

MODULES = (datasets, grading, hh, networks, optim, plotting, style)
NAN, INF = math.nan, math.inf
RAGGED = [[1.0, 2.0], [3.0]]

# Public classes that take no values from the user: they hold results.
NO_INPUT = {
    "hh.Rates": "a named tuple that rates() returns",
    "hh.Gates": "a named tuple that steady_state() returns",
    "hh.HHResult": "what simulate() returns",
}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def calling(function, *args, **kwargs):
    """A call of ``function`` with good arguments, any of which a case can
    replace by keyword."""
    def call(**bad):
        return function(*args, **{**kwargs, **bad})
    return call


def case(target, call, argument, bad, *, named=None, shows=None):
    """One bad-input case: ``call(argument=bad)`` must raise a ValueError
    that starts with ``named`` (the argument) and shows ``shows`` (the bad
    value)."""
    named = argument if named is None else named
    shows = bad if shows is None else shows
    # The same id in every process (pytest -n 2 collects in each).
    text = "a function" if callable(bad) else " ".join(repr(bad).split())
    label = f"{target}-{named}={text[:30]}"
    return pytest.param(target, call, argument, bad, named, shows, id=label)


STATE = dict(V=0.0, m=0.05, h=0.6, n=0.3, I=10.0, dt=0.01)
RESULT = hh.simulate(10.0, t_max=5.0)
TRACE = dict(t=[0.0, 1.0, 2.0], V=[0.0, 60.0, 0.0])
step = calling(hh.step, **STATE)
step_two = calling(hh.step, **{**STATE, "V": np.zeros(2)})
params = calling(hh.HHParams)
simulate = calling(hh.simulate, 10.0, t_max=1.0)
simulate_I = calling(hh.simulate, t_max=1.0)
threshold_current = calling(hh.threshold_current, t_max=5.0)
fi_curve = calling(hh.fi_curve, [1.0], t_max=1.0)

HH_CASES = [
    case("hh.HHParams", params, "C", 0.0),
    case("hh.HHParams", params, "C", NAN),
    case("hh.HHParams", params, "g_Na", -1.0),
    case("hh.HHParams", params, "g_K", INF),
    case("hh.HHParams", params, "g_L", 0.0),
    case("hh.HHParams", params, "E_Na", NAN),
    case("hh.HHParams", params, "E_K", "ten"),
    case("hh.HHParams", params, "E_L", None),
    case("hh.rates", hh.rates, "V", NAN),
    case("hh.rates", hh.rates, "V", INF),
    case("hh.rates", hh.rates, "V", "ten"),
    case("hh.rates", hh.rates, "V", RAGGED),
    case("hh.rates", hh.rates, "V", np.array([0.0, NAN])),
    case("hh.steady_state", hh.steady_state, "V", NAN),
    case("hh.steady_state", hh.steady_state, "V", RAGGED),
    case("hh.time_constants", hh.time_constants, "V", INF),
    case("hh.time_constants", hh.time_constants, "V", "ten"),
    case("hh.step", step, "V", NAN),
    case("hh.step", step, "m", INF),
    case("hh.step", step, "h", "ten"),
    case("hh.step", step, "n", RAGGED),
    case("hh.step", step, "I", NAN),
    case("hh.step", step, "I", [[1.0]]),
    case("hh.step", step, "dt", -0.01),
    case("hh.step", step, "dt", 0.0),
    case("hh.step", step, "dt", NAN),
    case("hh.step", step, "dt", "ten"),
    case("hh.step", step, "params", "ten"),
    case("hh.step", step_two, "m", np.zeros(3)),
    case("hh.time_grid", hh.time_grid, "t_max", 0.0),
    case("hh.time_grid", hh.time_grid, "t_max", NAN),
    case("hh.time_grid", hh.time_grid, "t_max", 0.001),
    case("hh.time_grid", hh.time_grid, "dt", -1.0),
    case("hh.time_grid", hh.time_grid, "dt", 0.5),
    case("hh.time_grid", hh.time_grid, "dt", "ten"),
    case("hh.pulse", calling(hh.pulse, start=1.0, length=1.0), "t", RAGGED),
    case("hh.pulse", calling(hh.pulse, start=1.0, length=1.0), "t",
         [0.0, NAN]),
    case("hh.pulse", calling(hh.pulse, [0.0, 1.0], length=1.0), "start",
         -1.0),
    case("hh.pulse", calling(hh.pulse, [0.0, 1.0], length=1.0), "start",
         NAN),
    case("hh.pulse", calling(hh.pulse, [0.0, 1.0], start=0.0), "length",
         INF),
    case("hh.pulse", calling(hh.pulse, [0.0, 1.0], start=0.0), "length",
         "ten"),
    case("hh.pulse", calling(hh.pulse, [0.0, 1.0], 0.0, 1.0), "amplitude",
         NAN),
    case("hh.pulse", calling(hh.pulse, [0.0, 1.0], 0.0, 1.0), "amplitude",
         np.ones((2, 2))),
    case("hh.simulate", simulate_I, "I", "ten"),
    case("hh.simulate", simulate_I, "I", RAGGED),
    case("hh.simulate", simulate_I, "I", NAN),
    case("hh.simulate", simulate_I, "I", INF),
    case("hh.simulate", simulate_I, "I", [1.0, NAN]),
    case("hh.simulate", simulate_I, "I", 5000.0),
    case("hh.simulate", simulate_I, "I", np.zeros((3, 2))),
    case("hh.simulate", simulate_I, "I", np.zeros((2, 2, 2))),
    case("hh.simulate", simulate_I, "I", np.zeros(0)),
    # a 1-D I as long as the time grid: a time course or constant currents?
    case("hh.simulate", calling(hh.simulate, t_max=0.3, dt=0.1), "I",
         np.array([0.0, 5.0, 5.0, 0.0])),
    case("hh.simulate", calling(hh.simulate, t_max=0.3, dt=0.1,
                                pulse_start=0.1), "I",
         np.array([1.0, 2.0, 3.0, 4.0])),
    case("hh.simulate", simulate_I, "I", lambda t: INF, named="I(t)",
         shows=INF),
    case("hh.simulate", simulate_I, "I", lambda t: "ten", named="I(t)",
         shows="ten"),
    case("hh.simulate", simulate, "t_max", -5.0),
    case("hh.simulate", simulate, "dt", NAN),
    case("hh.simulate", simulate, "dt", 0.5),
    case("hh.simulate", simulate, "params", "ten"),
    case("hh.simulate", simulate, "params", {"g_K": -1}, named="g_K",
         shows=-1),
    case("hh.simulate", simulate, "params", {"g_k": 36.0}),
    case("hh.simulate", simulate, "record_gates", "yes"),
    case("hh.simulate", simulate, "engine", "fortran"),
    case("hh.simulate", simulate, "pulse_start", -1.0),
    case("hh.simulate", simulate, "pulse_length", NAN),
    case("hh.simulate", calling(hh.simulate, np.zeros((101, 1)), t_max=1.0),
         "pulse_start", 0.5),
    case("hh.spike_times", calling(hh.spike_times, V=[0, 1, 2]), "t",
         [0.0, NAN, 2.0]),
    case("hh.spike_times", calling(hh.spike_times, V=[0, 1, 2]), "t",
         [0.0, 2.0, 1.0]),
    case("hh.spike_times", calling(hh.spike_times, V=[0, 1, 2]), "t",
         RAGGED),
    case("hh.spike_times", calling(hh.spike_times, t=[0, 1, 2]), "V",
         RAGGED),
    case("hh.spike_times", calling(hh.spike_times, t=[0, 1, 2]), "V",
         [0.0, INF, 2.0]),
    case("hh.spike_times", calling(hh.spike_times, t=[0, 1, 2]), "V",
         np.zeros(4)),
    case("hh.spike_times", calling(hh.spike_times, **TRACE), "threshold",
         NAN),
    case("hh.spike_times", calling(hh.spike_times, **TRACE), "threshold",
         "ten"),
    case("hh.firing_rate", calling(hh.firing_rate, V=[0, 1, 2]), "t",
         [0.0, NAN, 2.0]),
    case("hh.firing_rate", calling(hh.firing_rate, t=[0, 1, 2]), "V",
         "ten"),
    case("hh.firing_rate", calling(hh.firing_rate, **TRACE), "threshold",
         INF),
    case("hh.firing_rate", calling(hh.firing_rate, **TRACE), "t_min", NAN),
    case("hh.HHResult.spike_times", RESULT.spike_times, "threshold", NAN),
    case("hh.HHResult.firing_rate", RESULT.firing_rate, "threshold", "ten"),
    case("hh.HHResult.firing_rate", RESULT.firing_rate, "t_min", INF),
    case("hh.fi_curve", hh.fi_curve, "currents", []),
    case("hh.fi_curve", hh.fi_curve, "currents", [[1.0], [2.0]]),
    case("hh.fi_curve", hh.fi_curve, "currents", [1.0, NAN]),
    case("hh.fi_curve", hh.fi_curve, "currents", RAGGED),
    case("hh.fi_curve", fi_curve, "t_max", 0.0),
    case("hh.fi_curve", fi_curve, "dt", 0.5),
    case("hh.fi_curve", fi_curve, "threshold", NAN),
    case("hh.fi_curve", fi_curve, "t_min", "ten"),
    case("hh.fi_curve", fi_curve, "params", "ten"),
    case("hh.threshold_current", threshold_current, "pulse_length", 0.0),
    case("hh.threshold_current", threshold_current, "pulse_length", NAN),
    case("hh.threshold_current", threshold_current, "low", NAN),
    case("hh.threshold_current", threshold_current, "low", 5000.0),
    case("hh.threshold_current", threshold_current, "high", INF),
    case("hh.threshold_current", threshold_current, "high", -1.0),
    case("hh.threshold_current", threshold_current, "tol", 0.0),
    case("hh.threshold_current", threshold_current, "tol", -1),
    case("hh.threshold_current", threshold_current, "t_max", 0.0),
    case("hh.threshold_current", threshold_current, "dt", 0.5),
    case("hh.threshold_current", threshold_current, "threshold", NAN),
    case("hh.threshold_current", threshold_current, "params", "ten"),
    case("hh.threshold_current", threshold_current, "low", 50.0),
    case("hh.threshold_current", threshold_current, "high", 0.5),
]

close = calling(grading.assert_close, 1.0, 1.0)
mismatches = calling(grading.mismatches, 1.0, 1.0)

GRADING_CASES = [
    case("grading.assert_close", calling(grading.assert_close, 1.0),
         "desired", RAGGED),
    case("grading.assert_close", calling(grading.assert_close, 1.0),
         "desired", "ten"),
    case("grading.assert_close", close, "rtol", NAN),
    case("grading.assert_close", close, "rtol", -1.0),
    case("grading.assert_close", close, "atol", INF),
    case("grading.assert_close", close, "atol", "ten"),
    case("grading.assert_close", close, "what", 3),
    case("grading.assert_close", close, "equal_nan", "yes"),
    case("grading.mismatches", calling(grading.mismatches, 1.0), "desired",
         RAGGED),
    case("grading.mismatches", mismatches, "rtol", NAN),
    case("grading.mismatches", mismatches, "atol", -1.0),
    case("grading.mismatches", mismatches, "equal_nan", 1),
    case("grading.assert_shape", calling(grading.assert_shape, np.zeros(2)),
         "shape", "ten"),
    case("grading.assert_shape", calling(grading.assert_shape, np.zeros(2)),
         "shape", (2, -1)),
    case("grading.assert_shape", calling(grading.assert_shape, np.zeros(2)),
         "shape", None),
    case("grading.disabled", grading.disabled, "module", "ten"),
    case("grading.disabled", grading.disabled, "module", None),
]

blob = calling(datasets.make_blob_and_arc, 10)
isolet = calling(datasets.load_isolet)

DATASETS_CASES = [
    case("datasets.make_blob_and_arc", datasets.make_blob_and_arc,
         "n_samples", 1),
    case("datasets.make_blob_and_arc", datasets.make_blob_and_arc,
         "n_samples", 2.5),
    case("datasets.make_blob_and_arc", datasets.make_blob_and_arc,
         "n_samples", "ten"),
    case("datasets.make_blob_and_arc", datasets.make_blob_and_arc,
         "n_samples", True),
    case("datasets.make_blob_and_arc", blob, "noise", -0.1),
    case("datasets.make_blob_and_arc", blob, "noise", NAN),
    case("datasets.make_blob_and_arc", blob, "noise", INF),
    case("datasets.make_blob_and_arc", blob, "random_state", -1),
    case("datasets.make_blob_and_arc", blob, "random_state", "ten"),
    case("datasets.load_isolet", isolet, "timeout", 0),
    case("datasets.load_isolet", isolet, "timeout", NAN),
    case("datasets.load_isolet", isolet, "timeout", INF),
    case("datasets.load_isolet", isolet, "timeout", "ten"),
    case("datasets.load_isolet", isolet, "return_X_y", "yes"),
    case("datasets.load_isolet", isolet, "data_home", 5),
]

SHAPES = [(2, 3), (3,), (3, 1), (1,)]
classify = calling(networks.classifier_loss_grad, w=np.zeros(13),
                   X=[[1.0, 2.0]], y=[1], shapes=SHAPES)

NETWORKS_CASES = [
    case("networks.layer_shapes", networks.layer_shapes, "layer_sizes",
         [2]),
    case("networks.layer_shapes", networks.layer_shapes, "layer_sizes",
         [2, 0]),
    case("networks.layer_shapes", networks.layer_shapes, "layer_sizes",
         [2, NAN]),
    case("networks.layer_shapes", networks.layer_shapes, "layer_sizes",
         "ten"),
    case("networks.layer_shapes", networks.layer_shapes, "layer_sizes",
         RAGGED),
    case("networks.count_weights", networks.count_weights, "shapes", []),
    case("networks.count_weights", networks.count_weights, "shapes",
         [(2, -1)]),
    case("networks.count_weights", networks.count_weights, "shapes",
         "ten"),
    case("networks.count_weights", networks.count_weights, "shapes",
         RAGGED),
    case("networks.init_weights",
         calling(networks.init_weights, rng=np.random.default_rng(0)),
         "shapes", [(0, 3)]),
    case("networks.init_weights", calling(networks.init_weights, SHAPES),
         "rng", 0),
    case("networks.init_weights", calling(networks.init_weights, SHAPES),
         "rng", "ten"),
    case("networks.pack", networks.pack, "arrays", []),
    case("networks.pack", networks.pack, "arrays", 5),
    case("networks.pack", networks.pack, "arrays", [RAGGED]),
    case("networks.pack", networks.pack, "arrays", [np.zeros(2), "ten"]),
    case("networks.unpack", calling(networks.unpack, shapes=SHAPES), "w",
         np.zeros(12)),
    case("networks.unpack", calling(networks.unpack, shapes=SHAPES), "w",
         "ten"),
    case("networks.unpack", calling(networks.unpack, shapes=SHAPES), "w",
         RAGGED),
    case("networks.unpack", calling(networks.unpack, np.zeros(13)),
         "shapes", [(2, 0)]),
    case("networks.classifier_loss_grad", classify, "X", [[1.0, NAN]]),
    case("networks.classifier_loss_grad", classify, "X", [[1.0, 2.0, 3.0]]),
    case("networks.classifier_loss_grad", classify, "X", "ten"),
    case("networks.classifier_loss_grad", classify, "y", [2]),
    case("networks.classifier_loss_grad", classify, "y", [1, 0]),
    case("networks.classifier_loss_grad", classify, "w", np.zeros(12)),
    case("networks.classifier_loss_grad", classify, "shapes",
         [(2, 3), (3,), (3, 3), (3,), (3, 1), (1,)]),
]


def bowl(w):
    return w @ w, 2 * w


descent = calling(optim.gradient_descent, loss_grad=bowl, w0=[1.0, 2.0],
                  lr=0.1, max_iter=3)
rosenbrock = calling(optim.rosenbrock, x=1.0, y=1.0)
rosenbrock_grad = calling(optim.rosenbrock_grad, x=1.0, y=1.0)

OPTIM_CASES = [
    case("optim.gradient_descent", descent, "loss_grad", 3),
    case("optim.gradient_descent", descent, "w0", [NAN, 1.0]),
    case("optim.gradient_descent", descent, "w0", [INF, 1.0]),
    case("optim.gradient_descent", descent, "w0", RAGGED),
    case("optim.gradient_descent", descent, "w0", "ab"),
    case("optim.gradient_descent", descent, "w0", []),
    case("optim.gradient_descent", descent, "lr", 0.0),
    case("optim.gradient_descent", descent, "lr", INF),
    case("optim.gradient_descent", descent, "lr", "0.1"),
    case("optim.gradient_descent", descent, "max_iter", -1),
    case("optim.gradient_descent", descent, "max_iter", 2.5),
    case("optim.gradient_descent", descent, "tol", NAN),
    case("optim.gradient_descent", descent, "tol", -0.5),
    case("optim.gradient_descent", descent, "callback", "print"),
    case("optim.rosenbrock", rosenbrock, "x", "a"),
    case("optim.rosenbrock", rosenbrock, "x", NAN),
    case("optim.rosenbrock", rosenbrock, "y", INF),
    case("optim.rosenbrock", rosenbrock, "x", RAGGED),
    case("optim.rosenbrock_grad", rosenbrock_grad, "x", NAN),
    case("optim.rosenbrock_grad", rosenbrock_grad, "y", RAGGED),
]

NODES = {"x": {"xy": (0.0, 0.0)}, "y": {"xy": (1.0, 0.0)}}
graph = calling(plotting.draw_graph, NODES, [("x", "y")])
XY = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])


def first_column(P):
    return P[:, 0]


decision_map = calling(plotting.plot_decision_map, predict=first_column,
                       X=XY, resolution=3, colorbar=False)
landscape = calling(plotting.plot_loss_landscape, loss=lambda a, b: a * b,
                    xlim=(-1, 1), ylim=(-1, 1), resolution=3)

PLOTTING_CASES = [
    case("plotting.draw_graph", calling(plotting.draw_graph, edges=[]),
         "nodes", {}),
    case("plotting.draw_graph", calling(plotting.draw_graph, edges=[]),
         "nodes", {"x": {"xy": (0, NAN)}}, named="nodes['x']['xy']",
         shows=(0, NAN)),
    case("plotting.draw_graph", calling(plotting.draw_graph, edges=[]),
         "nodes", {"x": {"xy": RAGGED}}, named="nodes['x']['xy']",
         shows=RAGGED),
    case("plotting.draw_graph", calling(plotting.draw_graph, edges=[]),
         "nodes", {"x": {"xy": (0, 0), "kind": "gate"}},
         named="nodes['x']['kind']", shows="gate"),
    case("plotting.draw_graph", calling(plotting.draw_graph, NODES),
         "edges", 5),
    case("plotting.draw_graph", calling(plotting.draw_graph, NODES),
         "edges", [("x", "q")], named="edges[0]", shows=("x", "q")),
    case("plotting.draw_graph", graph, "node_radius", 0),
    case("plotting.draw_graph", graph, "node_radius", NAN),
    case("plotting.draw_graph", graph, "node_radius", "ten"),
    case("plotting.draw_graph", graph, "fontsize", -1),
    case("plotting.draw_graph", graph, "legend", "yes"),
    case("plotting.plot_decision_map", decision_map, "predict",
         "not a function"),
    case("plotting.plot_decision_map", decision_map, "X", RAGGED),
    case("plotting.plot_decision_map", decision_map, "X", np.zeros((4, 3))),
    case("plotting.plot_decision_map", decision_map, "X",
         [[0.0, NAN]] * 4),
    case("plotting.plot_decision_map", decision_map, "y", [0, 1, 1]),
    case("plotting.plot_decision_map", decision_map, "y", RAGGED),
    case("plotting.plot_decision_map", decision_map, "resolution", 1),
    case("plotting.plot_decision_map", decision_map, "resolution", 2.5),
    case("plotting.plot_decision_map", decision_map, "padding", NAN),
    case("plotting.plot_decision_map", decision_map, "threshold", INF),
    case("plotting.plot_decision_map", decision_map, "vmin", "ten"),
    case("plotting.plot_decision_map", calling(decision_map, vmax=0.0),
         "vmin", 1.0),
    case("plotting.plot_decision_map", decision_map, "colorbar", "yes"),
    case("plotting.plot_decision_map", decision_map, "predict",
         lambda P: np.full(len(P), NAN), named="predict(grid)",
         shows=np.full(9, NAN)),
    case("plotting.plot_loss_landscape", landscape, "loss", 3),
    case("plotting.plot_loss_landscape", landscape, "xlim", (1, -1)),
    case("plotting.plot_loss_landscape", landscape, "xlim", (0, NAN)),
    case("plotting.plot_loss_landscape", landscape, "ylim", "ten"),
    case("plotting.plot_loss_landscape", landscape, "ylim", RAGGED),
    case("plotting.plot_loss_landscape", landscape, "resolution", 1.5),
    case("plotting.plot_loss_landscape", landscape, "levels", 0),
    case("plotting.plot_loss_landscape", landscape, "log_levels", "yes"),
    case("plotting.plot_loss_landscape", landscape, "paths", [1]),
    case("plotting.plot_loss_landscape", landscape, "paths",
         {"bad": [1, 2, 3]}, named="paths['bad']", shows=[1, 2, 3]),
    case("plotting.plot_loss_landscape", landscape, "paths",
         {"p": [[0.0, INF]]}, named="paths['p']", shows=[[0.0, INF]]),
]

STYLE_CASES = [
    case("style.optimizer_color", style.optimizer_color, "name", "nadam"),
    case("style.optimizer_color", style.optimizer_color, "name", None),
    case("style.optimizer_color", style.optimizer_color, "name", 3),
    case("style.optimizer_color", style.optimizer_color, "name", []),
    case("style.optimizer_label", style.optimizer_label, "name", ""),
    case("style.optimizer_label", style.optimizer_label, "name", "sgd "),
]

CASES = (HH_CASES + GRADING_CASES + DATASETS_CASES + NETWORKS_CASES
         + OPTIM_CASES + PLOTTING_CASES + STYLE_CASES)


def one_line(text):
    return " ".join(text.split())


@pytest.mark.parametrize("target, call, argument, bad, named, shows", CASES)
def test_bad_input_raises_one_sentence_naming_it(target, call, argument,
                                                 bad, named, shows):
    with pytest.raises(ValueError, match=rf"^{re.escape(named)}(?!\w)"
                       ) as info:
        call(**{argument: bad})
    message = str(info.value)
    value = one_line(repr(shows))
    assert value in message
    assert message.endswith(".") and "\n" not in message
    # One sentence: no full stop before the last but in the value itself
    # or in "e.g.".
    rest = message.replace(value, "VALUE").replace("e.g. ", "")
    assert not re.search(r"[.!?] ", rest), message


def public_callables(module):
    """'module.function', 'module.Class' and 'module.Class.method' for the
    public functions and classes defined in ``module``."""
    prefix = module.__name__.rsplit(".", 1)[1]
    for name, obj in vars(module).items():
        if name.startswith("_") or getattr(obj, "__module__",
                                           None) != module.__name__:
            continue
        if inspect.isfunction(obj):
            yield f"{prefix}.{name}"
        elif inspect.isclass(obj):
            yield f"{prefix}.{name}"
            for method, member in vars(obj).items():
                if not method.startswith("_") and inspect.isfunction(member):
                    yield f"{prefix}.{name}.{method}"


def test_every_public_function_has_a_bad_input_case():
    public = {name for module in MODULES for name in public_callables(module)}
    tested = {param.values[0] for param in CASES}
    assert not public - tested - set(NO_INPUT), (
        "public functions without a bad-input case in this file: "
        f"{sorted(public - tested - set(NO_INPUT))}")
    assert set(NO_INPUT) <= public and not tested - public

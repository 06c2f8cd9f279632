"""Tests for the Hodgkin-Huxley simulator in nncourse/hh.py (lecture 02)."""

import math
import warnings

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from nncourse import hh


@pytest.fixture(scope="module")
def three_neurons():
    """Currents 0, 5 and 10 µA/cm², simulated one by one (Python loop)."""
    return {I: hh.simulate(I) for I in (0.0, 5.0, 10.0)}


def _rhs(t, y, I, p):
    """Right-hand side of the model with plain floats, for solve_ivp."""
    V, m, h, n = y
    r = hh.rates(V)
    i_ion = (p.g_Na * m**3 * h * (V - p.E_Na) + p.g_K * n**4 * (V - p.E_K)
             + p.g_L * (V - p.E_L))
    return [
        (I - i_ion) / p.C,
        r.alpha_m * (1 - m) - r.beta_m * m,
        r.alpha_h * (1 - h) - r.beta_h * h,
        r.alpha_n * (1 - n) - r.beta_n * n,
    ]


def _spike_event(t, y, I, p):
    return y[0] - 50.0


_spike_event.direction = 1.0


# --- the reference numbers of the course plan ------------------------------

@pytest.mark.parametrize("current, count", [(10.0, 7), (5.0, 1), (0.0, 0)])
def test_known_spike_counts(three_neurons, current, count):
    """10 µA/cm² fires 7 spikes in 100 ms, 5 fires 1 and 0 fires none."""
    res = three_neurons[current]
    assert res.spike_times().size == count


def test_known_spike_counts_numpy_engine():
    """The vectorised engine reproduces the same counts."""
    res = hh.simulate([0.0, 5.0, 10.0], engine="numpy", record_gates=False)
    assert [s.size for s in res.spike_times()] == [0, 1, 7]


@pytest.mark.parametrize("current", [6.5, 10.0])
def test_spike_times_match_solve_ivp(current):
    """Spike times agree with LSODA at rtol = atol = 1e-8 within 0.1 ms."""
    p = hh.HHParams()
    y0 = [0.0, *hh.steady_state(0.0)]
    sol = solve_ivp(_rhs, (0.0, 100.0), y0, method="LSODA", rtol=1e-8,
                    atol=1e-8, args=(current, p), events=_spike_event)
    reference = sol.t_events[0]
    ours = hh.simulate(current).spike_times()
    assert reference.size == ours.size > 1
    np.testing.assert_allclose(ours, reference, rtol=0, atol=0.1)
    # In practice the splitting scheme is far better than required.
    assert np.max(np.abs(ours - reference)) < 0.02


def test_error_shrinks_like_dt_squared():
    """Halving dt cuts the spike-time error about fourfold (2nd order)."""
    fine = hh.simulate(10.0, t_max=20.0, dt=0.0025).spike_times()
    errors = [
        np.max(np.abs(hh.simulate(10.0, t_max=20.0, dt=dt).spike_times()
                      - fine))
        for dt in (0.04, 0.02)
    ]
    assert 3.0 < errors[0] / errors[1] < 5.0


# --- rest, rates and singularities ------------------------------------------

def test_steady_state_at_rest():
    """At V = 0 the gates balance and the neuron stays at rest."""
    V = 0.0
    r = hh.rates(V)
    x = hh.steady_state(V)
    assert x.m == pytest.approx(0.05293, abs=1e-4)
    assert x.h == pytest.approx(0.59612, abs=1e-4)
    assert x.n == pytest.approx(0.31768, abs=1e-4)
    for gate, alpha, beta in ((x.m, r.alpha_m, r.beta_m),
                              (x.h, r.alpha_h, r.beta_h),
                              (x.n, r.alpha_n, r.beta_n)):
        assert alpha * (1 - gate) - beta * gate == pytest.approx(0, abs=1e-15)


def test_rest_is_stable(three_neurons):
    """Without current V stays within 0.05 mV of 0 and gates at rest."""
    res = three_neurons[0.0]
    assert np.max(np.abs(res.V)) < 0.05
    rest = hh.steady_state(0.0)
    assert res.m[0] == rest.m and res.h[0] == rest.h and res.n[0] == rest.n
    np.testing.assert_allclose(res.n, rest.n, atol=1e-3)


def test_rate_formulas_at_sample_points():
    """The six rates match the 1952 formulas (alpha_h = 0.07 exp(-V/20))."""
    V = np.array([-20.0, 0.0, 40.0, 80.0])
    r = hh.rates(V)
    np.testing.assert_allclose(
        r.alpha_n, 0.01 * (10 - V) / (np.exp((10 - V) / 10) - 1))
    np.testing.assert_allclose(
        r.alpha_m, 0.1 * (25 - V) / (np.exp((25 - V) / 10) - 1))
    np.testing.assert_allclose(r.beta_n, 0.125 * np.exp(-V / 80))
    np.testing.assert_allclose(r.beta_m, 4 * np.exp(-V / 18))
    np.testing.assert_allclose(r.alpha_h, 0.07 * np.exp(-V / 20))
    np.testing.assert_allclose(r.beta_h, 1 / (np.exp((30 - V) / 10) + 1))
    assert r.alpha_n.shape == V.shape


@pytest.mark.parametrize("where, gate, limit", [(10.0, "alpha_n", 0.1),
                                                (25.0, "alpha_m", 1.0)])
def test_singularities_are_finite_and_continuous(where, gate, limit):
    """alpha_n(10) = 0.1 and alpha_m(25) = 1, smoothly, without warnings."""
    offsets = np.array([-1e-3, -1e-6, -1e-12, 0.0, 1e-12, 1e-6, 1e-3])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = getattr(hh.rates(where + offsets), gate)
        scalar = getattr(hh.rates(where), gate)
        steady = hh.steady_state(where + offsets)
    assert np.all(np.isfinite(values))
    assert all(np.all(np.isfinite(x)) for x in steady)
    assert scalar == pytest.approx(limit, rel=1e-12)
    # The derivative is about -limit/20 per mV: tiny offsets barely move it.
    np.testing.assert_allclose(values, limit, rtol=1e-4)
    np.testing.assert_allclose(values[2:5], limit, rtol=1e-10)


def test_simulation_passes_singular_points_cleanly():
    """A spike passes V = 10 and 25 mV without warnings or NaN."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for engine in ("python", "numpy"):
            res = hh.simulate(10.0, t_max=10.0, engine=engine)
            assert np.all(np.isfinite(res.V)) and res.V.max() > 90


# --- vectorisation and the step function ------------------------------------

def test_vectorised_run_matches_single_runs():
    """Many neurons at once give each neuron's single-neuron result."""
    currents = np.array([0.0, 3.0, 5.0, 6.5, 10.0, 20.0])
    together = hh.simulate(currents, t_max=40.0)  # NumPy engine
    assert together.V.shape == (4001, currents.size)
    for j, current in enumerate(currents):
        alone = hh.simulate(current, t_max=40.0)  # Python engine
        np.testing.assert_allclose(together.V[:, j], alone.V, atol=0.05)
        np.testing.assert_allclose(together.n[:, j], alone.n, atol=1e-4)
        np.testing.assert_allclose(together.spike_times()[j],
                                   alone.spike_times(), atol=1e-4)
    # The Python engine on an array repeats the single runs exactly.
    looped = hh.simulate(currents[:3], t_max=40.0, engine="python")
    for j, current in enumerate(currents[:3]):
        np.testing.assert_array_equal(
            looped.V[:, j], hh.simulate(current, t_max=40.0).V)


def test_simulate_equals_repeated_steps():
    """simulate performs exactly the arithmetic of step, step after step."""
    V, m, h, n = 0.0, *hh.steady_state(0.0)
    trace = [V]
    for _ in range(1500):
        V, m, h, n = hh.step(V, m, h, n, 10.0, 0.01)
        trace.append(V)
    res = hh.simulate(10.0, t_max=15.0)
    np.testing.assert_allclose(res.V, trace, atol=1e-8)
    assert res.m[-1] == pytest.approx(m, abs=1e-10)
    assert res.n[-1] == pytest.approx(n, abs=1e-10)


def test_current_formats_agree():
    """A pulse given as keywords, a 2-D array or a callable is the same."""
    kw = dict(t_max=30.0)
    t = hh.time_grid(**kw)
    by_keywords = hh.simulate(8.0, pulse_start=5.0, pulse_length=2.0, **kw)
    grid = hh.pulse(t, 5.0, 2.0, 8.0)
    by_array = hh.simulate(grid[:, None], **kw)
    by_callable = hh.simulate(lambda s: 8.0 if 5.0 <= s < 7.0 else 0.0,
                              **kw)
    np.testing.assert_array_equal(by_keywords.I, grid)
    np.testing.assert_allclose(by_array.V[:, 0], by_keywords.V, atol=1e-12)
    np.testing.assert_allclose(by_callable.V, by_keywords.V, atol=1e-12)
    assert by_keywords.I[499] == 0 and by_keywords.I[500] == 8.0
    assert by_keywords.I[699] == 8.0 and by_keywords.I[700] == 0


def test_pulse_shapes_and_the_ambiguous_1d_current():
    """pulse gives (n_times,) for a float amplitude; simulate reads a 1-D I
    as constant currents and rejects one as long as the time grid."""
    t = hh.time_grid(1.0)
    one = hh.pulse(t, 0.2, 0.5, 5.0)
    assert one.shape == (t.size,)
    assert hh.pulse(t, 0.2, 0.5, [5.0, 7.0]).shape == (t.size, 2)
    with pytest.raises(ValueError, match=r"^I must be .*ambiguous.*"
                       r"I\[:, None\]") as info:
        hh.simulate(one, t_max=1.0)
    assert "np.tile(I, (101, 1))" in str(info.value)
    with pytest.raises(ValueError, match="ambiguous"):
        hh.simulate(np.full(t.size, 5.0), t_max=1.0, pulse_start=0.2)
    res = hh.simulate(one[:, None], t_max=1.0)
    by_keywords = hh.simulate(5.0, t_max=1.0, pulse_start=0.2,
                              pulse_length=0.5)
    np.testing.assert_allclose(res.V[:, 0], by_keywords.V, atol=1e-12)
    # n_times constant currents: as a 2-D array, or through fi_curve
    currents = np.linspace(0.0, 20.0, t.size)
    tiled = hh.simulate(np.tile(currents, (t.size, 1)), t_max=1.0)
    assert tiled.V.shape == (t.size, t.size)
    np.testing.assert_allclose(
        tiled.V[:, -1], hh.simulate(currents[-1], t_max=1.0).V, atol=1e-2)
    rates = hh.fi_curve(np.linspace(5.0, 20.0, 501), t_max=50.0, dt=0.1)
    assert rates.shape == (501,)
    np.testing.assert_array_equal(
        rates[:250], hh.fi_curve(np.linspace(5.0, 20.0, 501)[:250],
                                 t_max=50.0, dt=0.1))


def test_all_or_none_and_refractoriness():
    """A weak pulse does not fire, a strong one does; a second comes late."""
    weak, strong = hh.simulate([2.0, 20.0, 0.0, 0.0, 0.0], t_max=20.0,
                               pulse_start=1.0, pulse_length=1.0
                               ).spike_times()[:2]
    assert weak.size == 0 and strong.size == 1
    t = hh.time_grid(40.0)
    first = hh.pulse(t, 1.0, 1.0, 20.0)
    gaps = np.array([4.0, 20.0])
    second = np.column_stack([hh.pulse(t, 1.0 + g, 1.0, 20.0) for g in gaps])
    res = hh.simulate(first[:, None] + second, t_max=40.0)
    counts = [s.size for s in res.spike_times()]
    assert counts == [1, 2]


def test_ionic_currents_balance_the_capacitive_current(three_neurons):
    """C dV/dt equals I - I_Na - I_K - I_L along the trajectory."""
    res = three_neurons[10.0]
    dV = np.gradient(res.V, res.t)
    net = res.I - res.I_Na - res.I_K - res.I_L
    assert np.median(np.abs(dV * res.params.C - net)) < 0.05
    assert res.I_Na.min() < -500 and res.I_K.max() > 300


# --- spike tools ---------------------------------------------------------

def test_spike_times_interpolate_upward_crossings():
    """Only upward crossings count; their times are interpolated."""
    t = np.array([0.0, 1.0, 2.0, 3.0, 4.0, 5.0])
    V = np.array([0.0, 40.0, 60.0, 30.0, 50.0, 70.0])
    np.testing.assert_allclose(hh.spike_times(t, V), [1.5, 4.0])
    both = hh.spike_times(t, np.column_stack([V, -V]))
    assert len(both) == 2 and both[1].size == 0


def test_firing_rate_and_fi_curve():
    """Rates come from interspike intervals; the f-I curve jumps to ~50 Hz."""
    t = np.arange(0, 1001.0)
    V = np.where(t % 100 == 50, 100.0, 0.0)
    assert hh.firing_rate(t, V) == pytest.approx(10.0)
    assert hh.firing_rate(t, V, t_min=900.0) == 0.0
    rates = hh.fi_curve([0.0, 4.0, 10.0, 30.0], t_max=100.0)
    assert rates.shape == (4,)
    assert rates[0] == 0 and rates[1] == 0
    assert 50 < rates[2] < rates[3] < 150


def test_threshold_current_brackets_firing():
    """The bisection result fires and a slightly smaller pulse does not."""
    found = hh.threshold_current(pulse_length=1.0, tol=0.05)
    assert 2.0 < found < 20.0
    res = hh.simulate([found, found - 0.1, 0, 0, 0], t_max=20.0,
                      pulse_start=1.0, pulse_length=1.0, record_gates=False)
    counts = [s.size for s in res.spike_times()]
    assert counts[:2] == [1, 0]


def test_repr_is_informative(three_neurons):
    text = repr(three_neurons[10.0])
    assert "n_neurons=1" in text and "dt=0.01" in text


# --- bad input -----------------------------------------------------------

@pytest.mark.parametrize("kwargs, message", [
    (dict(dt=0.0), "dt must be a positive"),
    (dict(dt=-0.01), "dt must be a positive"),
    (dict(dt=0.5), "dt must be at most 0.1 ms"),
    (dict(dt=math.nan), "dt must be a positive"),
    (dict(t_max=0.0), "t_max must be a positive"),
    (dict(t_max=-5.0), "t_max must be a positive"),
    (dict(t_max=0.001), "at least one step"),
    (dict(params=dict(g_Na=-1.0)), "g_Na must be >= 0"),
    (dict(params=dict(g_K=-36.0)), "g_K must be >= 0"),
    (dict(params=dict(g_L=-0.3)), "g_L must be > 0"),
    (dict(params=dict(C=0.0)), "C must be > 0"),
    (dict(pulse_start=-1.0), "pulse_start must be"),
    (dict(pulse_length=-1.0), "pulse_length must be"),
    (dict(engine="fortran"), "engine must be"),
])
def test_bad_arguments_raise(kwargs, message):
    """Each bad argument raises ValueError saying what to fix."""
    with pytest.raises(ValueError, match=message):
        hh.simulate(10.0, **kwargs)


@pytest.mark.parametrize("current, message", [
    (math.nan, "NaN or infinite"),
    (math.inf, "NaN or infinite"),
    (np.array([1.0, np.nan]), "NaN or infinite"),
    (lambda t: math.inf, "NaN or infinite"),
    (5000.0, "at most 1000"),
    (np.zeros((3, 2)), "one row per time point"),
    (np.zeros((2, 2, 2)), "2-D array"),
])
def test_bad_currents_raise(current, message):
    """NaN, infinite, huge or misshapen currents raise ValueError."""
    with pytest.raises(ValueError, match=message):
        hh.simulate(current, t_max=1.0)


def test_bad_params_raise_on_construction():
    """HHParams checks its values when it is created."""
    with pytest.raises(ValueError, match="g_K must be >= 0"):
        hh.HHParams(g_K=-1)
    with pytest.raises(ValueError, match="E_Na must be a finite"):
        hh.HHParams(E_Na=math.inf)

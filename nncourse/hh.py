"""Hodgkin-Huxley neuron: rate functions, a fast simulator and spike tools.

Introduced in lecture 02 (course/02_hodgkin_huxley.ipynb).

The model follows the 1952 paper's convention: the membrane potential ``V``
is measured from rest, so the resting neuron sits at 0 mV and a spike
peaks near +100 mV. Units throughout:

==========  ======================  =====================================
quantity    unit                    names
==========  ======================  =====================================
time        ms                      ``t``, ``dt``, ``t_max``
potential   mV                      ``V``, ``E_Na``, ``E_K``, ``E_L``
current     µA/cm²                  ``I``, ``I_Na``, ``I_K``, ``I_L``
conductance mS/cm²                  ``g_Na``, ``g_K``, ``g_L``
capacitance µF/cm²                  ``C``
rates       1/ms                    ``alpha_*``, ``beta_*``
==========  ======================  =====================================

The membrane equation is

    C dV/dt = I - g_Na m³h (V - E_Na) - g_K n⁴ (V - E_K) - g_L (V - E_L)

and each gate ``x`` in ``m, h, n`` obeys dx/dt = alpha_x (1 - x) - beta_x x.

Integration scheme
------------------
:func:`simulate` splits each step into two exactly solvable parts. With
``V`` frozen, every gate relaxes exponentially towards its steady state;
with the gates frozen, ``V`` relaxes exponentially towards the potential
where the currents balance. Composing the two as gates(dt/2), V(dt),
gates(dt/2) (Strang splitting) is second-order accurate and never
overshoots: at ``dt = 0.01`` ms the spike times agree with a
high-accuracy ``scipy.integrate.solve_ivp`` run to about 0.01 ms over
100 ms. Above ``dt = 0.1`` ms (:data:`DT_MAX`) the spike times drift by
more than half a millisecond over 100 ms, so larger steps are refused.

Speed: a single neuron runs in a plain Python loop over floats (about
3 µs per step); many neurons run as one NumPy loop whose gate updates
come from a lookup table in V (spacing 0.005 mV, linear interpolation),
which avoids nine exponentials per neuron and step.
"""

from __future__ import annotations

import functools
import math
import numbers
from dataclasses import dataclass, field, fields
from typing import Callable, NamedTuple, Union

import numpy as np
from numpy.typing import ArrayLike
from scipy.special import exprel

from nncourse import _checks

__all__ = [
    "DT_MAX",
    "I_MAX",
    "HHParams",
    "HHResult",
    "Rates",
    "Gates",
    "rates",
    "steady_state",
    "time_constants",
    "step",
    "time_grid",
    "pulse",
    "simulate",
    "spike_times",
    "firing_rate",
    "fi_curve",
    "threshold_current",
]

#: Largest time step (ms) that :func:`simulate` accepts.
DT_MAX = 0.1
#: Largest injected current magnitude (µA/cm²) that :func:`simulate` accepts.
I_MAX = 1000.0
# Up to this many neurons a plain Python loop beats NumPy's per-call cost.
_PYTHON_MAX_NEURONS = 4
# A float for a scalar input, else an array of the input's shape.
FloatOrArray = Union[float, np.ndarray]
# What the arguments of several functions must be, in the messages.
_V_WHAT = "a finite potential in mV or an array of them"
_MS_WHAT = "a positive finite number of milliseconds"


@dataclass(frozen=True)
class HHParams:
    """Membrane parameters of the Hodgkin-Huxley model (1952 convention).

    Introduced in lecture 02 (course/02_hodgkin_huxley.ipynb).

    Parameters
    ----------
    C : float, default 1.0
        Membrane capacitance in µF/cm², must be positive.
    g_Na, g_K : float, default 120.0 and 36.0
        Maximal sodium and potassium conductances in mS/cm², must be >= 0
        (set one to 0 to block that channel).
    g_L : float, default 0.3
        Leak conductance in mS/cm², must be positive.
    E_Na, E_K, E_L : float, default 115.0, -12.0 and 10.613
        Reversal potentials in mV, measured from rest.

    Raises
    ------
    ValueError
        If a value is not finite, a conductance is negative, or ``C`` or
        ``g_L`` is not positive.
    """

    C: float = 1.0
    g_Na: float = 120.0
    g_K: float = 36.0
    g_L: float = 0.3
    E_Na: float = 115.0
    E_K: float = -12.0
    E_L: float = 10.613

    def __post_init__(self) -> None:
        for f in fields(self):
            bounds = _PARAM_BOUNDS.get(f.name, {})
            what = _PARAM_WHAT.get(f.name, "a finite number of mV")
            value = _checks.number(getattr(self, f.name), f.name,
                                   what=what, **bounds)
            object.__setattr__(self, f.name, value)


# The parameters with bounds, and how the messages state them.
_PARAM_BOUNDS = {"C": {"above": 0.0}, "g_L": {"above": 0.0},
                 "g_Na": {"at_least": 0.0}, "g_K": {"at_least": 0.0}}
_PARAM_WHAT = {
    "C": "> 0 µF/cm² and finite",
    "g_L": "> 0 mS/cm² and finite, so that the membrane has a resting state",
    "g_Na": ">= 0 mS/cm² and finite (use 0 to block the channel)",
    "g_K": ">= 0 mS/cm² and finite (use 0 to block the channel)",
}
_DEFAULT_PARAMS = HHParams()


class Rates(NamedTuple):
    """The six opening (alpha) and closing (beta) rates, each in 1/ms."""

    alpha_m: np.ndarray
    beta_m: np.ndarray
    alpha_h: np.ndarray
    beta_h: np.ndarray
    alpha_n: np.ndarray
    beta_n: np.ndarray


class Gates(NamedTuple):
    """One value per gating variable: ``m``, ``h`` and ``n``."""

    m: np.ndarray
    h: np.ndarray
    n: np.ndarray


def rates(V: ArrayLike) -> Rates:
    """Opening and closing rates of the three gates at potential ``V``.

    Introduced in lecture 02 (course/02_hodgkin_huxley.ipynb).

    With ``V`` in mV from rest (1952 convention)::

        alpha_n = 0.01 (10 - V) / (exp((10 - V)/10) - 1)
        beta_n  = 0.125 exp(-V/80)
        alpha_m = 0.1 (25 - V) / (exp((25 - V)/10) - 1)
        beta_m  = 4 exp(-V/18)
        alpha_h = 0.07 exp(-V/20)
        beta_h  = 1 / (exp((30 - V)/10) + 1)

    ``alpha_n`` and ``alpha_m`` are 0/0 at V = 10 and V = 25 mV; their
    limits there are 0.1 and 1 per ms. Writing u/(exp(u) - 1) as
    1/exprel(u) evaluates them smoothly through these points.

    Parameters
    ----------
    V : float or array_like of any shape
        Membrane potential in mV.

    Returns
    -------
    Rates
        Named tuple ``(alpha_m, beta_m, alpha_h, beta_h, alpha_n,
        beta_n)``; each entry is an ndarray (a float for scalar ``V``)
        of the shape of ``V``, in 1/ms.

    Raises
    ------
    ValueError
        If ``V`` is not a number or an array of numbers, or holds NaN or
        infinity.
    """
    V = _checks.float_array(V, "V", what=_V_WHAT)
    result = Rates(
        alpha_m=1.0 / exprel((25.0 - V) / 10.0),
        beta_m=4.0 * np.exp(-V / 18.0),
        alpha_h=0.07 * np.exp(-V / 20.0),
        beta_h=1.0 / (np.exp((30.0 - V) / 10.0) + 1.0),
        alpha_n=0.1 / exprel((10.0 - V) / 10.0),
        beta_n=0.125 * np.exp(-V / 80.0),
    )
    if V.ndim == 0:
        return Rates(*(float(r) for r in result))
    return result


def steady_state(V: ArrayLike) -> Gates:
    """Steady-state gate values alpha/(alpha + beta) at potential ``V``.

    Introduced in lecture 02 (course/02_hodgkin_huxley.ipynb).

    Parameters
    ----------
    V : float or array_like of any shape
        Membrane potential in mV.

    Returns
    -------
    Gates
        Named tuple ``(m, h, n)`` of values in [0, 1], each of the shape
        of ``V`` (floats for scalar ``V``).

    Raises
    ------
    ValueError
        For the same bad ``V`` as :func:`rates`.
    """
    r = rates(V)
    return Gates(
        m=r.alpha_m / (r.alpha_m + r.beta_m),
        h=r.alpha_h / (r.alpha_h + r.beta_h),
        n=r.alpha_n / (r.alpha_n + r.beta_n),
    )


def time_constants(V: ArrayLike) -> Gates:
    """Gate time constants 1/(alpha + beta) at potential ``V``, in ms.

    Introduced in lecture 02 (course/02_hodgkin_huxley.ipynb).

    Parameters
    ----------
    V : float or array_like of any shape
        Membrane potential in mV.

    Returns
    -------
    Gates
        Named tuple ``(m, h, n)`` of time constants in ms, each of the
        shape of ``V`` (floats for scalar ``V``).

    Raises
    ------
    ValueError
        For the same bad ``V`` as :func:`rates`.
    """
    r = rates(V)
    return Gates(
        m=1.0 / (r.alpha_m + r.beta_m),
        h=1.0 / (r.alpha_h + r.beta_h),
        n=1.0 / (r.alpha_n + r.beta_n),
    )


def _relax_gates(V, m, h, n, tau_step):
    """Advance the gates by ``tau_step`` ms with ``V`` held fixed."""
    r = rates(V)
    pairs = ((r.alpha_m, r.beta_m), (r.alpha_h, r.beta_h),
             (r.alpha_n, r.beta_n))
    out = []
    for x, (alpha, beta) in zip((m, h, n), pairs):
        x_inf = alpha / (alpha + beta)
        tau = 1.0 / (alpha + beta)
        out.append(x_inf + (x - x_inf) * np.exp(-tau_step / tau))
    return tuple(out)


# The state that step() takes, and what each must be in the messages.
_STATE_WHAT = {
    "V": "a finite potential in mV or a 1-D array of them",
    "m": "a finite gate value or a 1-D array of them",
    "h": "a finite gate value or a 1-D array of them",
    "n": "a finite gate value or a 1-D array of them",
    "I": "a finite current in µA/cm² or a 1-D array of them",
}


def _checked_state(V, m, h, n, I):
    """V, m, h, n and I as finite floats or 1-D float arrays of one
    length."""
    state = []
    length_of = None                   # (name, length) of the first array
    for name, value in zip("VmhnI", (V, m, h, n, I)):
        what = _STATE_WHAT[name]
        if isinstance(value, numbers.Real):
            state.append(_checks.number(value, name, what=what))
            continue
        arr = _checks.float_array(value, name, ndim=(0, 1), what=what)
        if arr.ndim == 1 and length_of is None:
            length_of = (name, arr.size)
        elif arr.ndim == 1 and arr.size != length_of[1]:
            raise _checks.invalid(
                name, f"a float or an array of length {length_of[1]} like "
                f"{length_of[0]}", value)
        state.append(arr)
    return state


def _checked_params(params):
    """The HHParams that ``params`` (None, HHParams or dict) stands for."""
    if params is None:
        return _DEFAULT_PARAMS
    if isinstance(params, HHParams):
        return params
    names = [f.name for f in fields(HHParams)]
    what = f"an HHParams, a dict with keys among {names}, or None"
    if not (isinstance(params, dict) and set(params) <= set(names)):
        raise _checks.invalid("params", what, params)
    return HHParams(**params)


def step(V: ArrayLike, m: ArrayLike, h: ArrayLike, n: ArrayLike,
         I: ArrayLike, dt: float, params: HHParams | None = None,
         ) -> tuple[FloatOrArray, FloatOrArray, FloatOrArray,
                    FloatOrArray]:
    """One integration step of the Hodgkin-Huxley model.

    Introduced in lecture 02 (course/02_hodgkin_huxley.ipynb).

    The step is the Strang splitting described in the module docstring:
    the gates relax for dt/2 at the old ``V``, then ``V`` relaxes for
    ``dt`` with the gates fixed::

        G     = g_Na m³h + g_K n⁴ + g_L              (total conductance)
        V_inf = (I + g_Na m³h E_Na + g_K n⁴ E_K + g_L E_L) / G
        V    <- V_inf + (V - V_inf) exp(-dt G / C)

    and finally the gates relax for dt/2 at the new ``V``. Each part is
    solved exactly, so the step stays stable for any ``dt``.
    :func:`simulate` performs the same arithmetic in a faster loop.

    Parameters
    ----------
    V, m, h, n : float or ndarray of shape (n_neurons,)
        Potential in mV and gate values at the start of the step.
    I : float or ndarray of shape (n_neurons,)
        Injected current in µA/cm², held constant during the step.
    dt : float
        Step length in ms.
    params : HHParams or dict, optional
        Membrane parameters; the 1952 values by default.

    Returns
    -------
    tuple of (V, m, h, n)
        The state after the step, each of the broadcast shape of the
        inputs.

    Raises
    ------
    ValueError
        If a state value or ``I`` is not finite, the arrays differ in
        length, ``dt`` is not a positive finite number, or ``params`` is
        not valid.
    """
    V, m, h, n, I = _checked_state(V, m, h, n, I)
    dt = _checks.number(dt, "dt", above=0.0, what=_MS_WHAT)
    p = _checked_params(params)
    m, h, n = _relax_gates(V, m, h, n, 0.5 * dt)
    g_na = p.g_Na * m**3 * h
    g_k = p.g_K * n**4
    g_total = g_na + g_k + p.g_L
    v_inf = (I + g_na * p.E_Na + g_k * p.E_K + p.g_L * p.E_L) / g_total
    V = v_inf + (V - v_inf) * np.exp(-dt * g_total / p.C)
    m, h, n = _relax_gates(V, m, h, n, 0.5 * dt)
    return V, m, h, n


@dataclass(repr=False)
class HHResult:
    """What :func:`simulate` returns: time, potential, gates and current.

    Introduced in lecture 02 (course/02_hodgkin_huxley.ipynb).

    For a single neuron (scalar current) every array has shape
    ``(n_times,)``; otherwise ``(n_times, n_neurons)``.

    Attributes
    ----------
    t : ndarray of shape (n_times,)
        Time points in ms, from 0 to ``t_max`` in steps of ``dt``.
    V : ndarray
        Membrane potential in mV.
    m, h, n : ndarray or None
        Gate values (None when ``record_gates=False``).
    I : ndarray
        Injected current in µA/cm² at each time point (a read-only
        broadcast view when the current is constant).
    params : HHParams
        The membrane parameters used.
    dt : float
        The time step in ms.
    I_Na, I_K, I_L : ndarray
        Ionic currents in µA/cm² (positive = outward), computed on
        request from ``V`` and the gates.
    """

    t: np.ndarray
    V: np.ndarray
    m: np.ndarray | None
    h: np.ndarray | None
    n: np.ndarray | None
    I: np.ndarray
    params: HHParams = field(default_factory=HHParams)
    dt: float = 0.01

    def __repr__(self) -> str:
        n_neurons = 1 if self.V.ndim == 1 else self.V.shape[1]
        return (
            f"HHResult(n_times={self.t.size}, n_neurons={n_neurons}, "
            f"dt={self.dt} ms, t_max={self.t[-1]:g} ms, "
            f"V in [{self.V.min():.1f}, {self.V.max():.1f}] mV)"
        )

    def _need_gates(self) -> None:
        if self.m is None:
            raise ValueError(
                "This result has no gate values; run simulate(..., "
                "record_gates=True) to get the ionic currents."
            )

    @property
    def I_Na(self) -> np.ndarray:
        """Sodium current g_Na m³h (V - E_Na) in µA/cm²."""
        self._need_gates()
        p = self.params
        return p.g_Na * self.m**3 * self.h * (self.V - p.E_Na)

    @property
    def I_K(self) -> np.ndarray:
        """Potassium current g_K n⁴ (V - E_K) in µA/cm²."""
        self._need_gates()
        p = self.params
        return p.g_K * self.n**4 * (self.V - p.E_K)

    @property
    def I_L(self) -> np.ndarray:
        """Leak current g_L (V - E_L) in µA/cm²."""
        p = self.params
        return p.g_L * (self.V - p.E_L)

    def spike_times(self, threshold: float = 50.0,
                    ) -> np.ndarray | list[np.ndarray]:
        """Spike times in ms; see :func:`spike_times`."""
        return spike_times(self.t, self.V, threshold)

    def firing_rate(self, threshold: float = 50.0, t_min: float = 0.0,
                    ) -> float | np.ndarray:
        """Firing rate in Hz; see :func:`firing_rate`."""
        return firing_rate(self.t, self.V, threshold, t_min)


def _check_time(t_max, dt):
    """(t_max, dt, n_steps) for a duration and a step accepted by
    :func:`simulate`."""
    t_max = _checks.number(t_max, "t_max", above=0.0, what=_MS_WHAT)
    dt = _checks.number(dt, "dt", above=0.0, what=_MS_WHAT)
    if dt > DT_MAX:
        raise _checks.invalid(
            "dt", f"at most {DT_MAX} ms (with larger steps the spike times "
            f"drift by more than 0.5 ms over 100 ms; 0.01 ms is a good "
            f"default)", dt)
    n_steps = int(round(t_max / dt))
    if n_steps < 1:
        raise _checks.invalid(
            "t_max", f"at least one step long, t_max >= dt = {dt} ms",
            t_max)
    return t_max, dt, n_steps


def time_grid(t_max: float = 100.0, dt: float = 0.01) -> np.ndarray:
    """The time points used by :func:`simulate`, in ms.

    Introduced in lecture 02 (course/02_hodgkin_huxley.ipynb).

    Parameters
    ----------
    t_max : float, default 100.0
        Duration in ms; rounded to a whole number of steps.
    dt : float, default 0.01
        Time step in ms, 0 < dt <= :data:`DT_MAX`.

    Returns
    -------
    ndarray of shape (n_times,)
        ``k * dt`` for k = 0, ..., round(t_max / dt).

    Raises
    ------
    ValueError
        If ``t_max`` or ``dt`` is not a positive finite number, ``dt``
        exceeds :data:`DT_MAX`, or ``t_max`` is shorter than one step.
    """
    _, dt, n_steps = _check_time(t_max, dt)
    return np.arange(n_steps + 1) * dt


def pulse(t: ArrayLike, start: float, length: float,
          amplitude: ArrayLike = 1.0) -> np.ndarray:
    """A rectangular current pulse sampled on the time points ``t``.

    Introduced in lecture 02 (course/02_hodgkin_huxley.ipynb).

    Parameters
    ----------
    t : ndarray of shape (n_times,)
        Evenly spaced time points in ms, as from :func:`time_grid`.
    start, length : float
        Pulse onset and duration in ms. The pulse covers the steps
        k with round(start/dt) <= k < round((start + length)/dt).
    amplitude : float or array_like of shape (n_neurons,), default 1.0
        Current during the pulse in µA/cm²; an array gives one column per
        neuron.

    Returns
    -------
    ndarray of shape (n_times,) or (n_times, n_neurons)
        The current, zero outside the pulse: of shape (n_times,) for a
        float ``amplitude`` (one neuron's time course, ready to plot) and
        (n_times, n_neurons) for an array. :func:`simulate` takes a time
        course only as a 2-D array, so pass ``pulse(t, ...)[:, None]`` for
        one neuron (a 1-D ``I`` means one constant current per neuron, and
        a 1-D ``I`` as long as the time grid is rejected as ambiguous), or
        use the ``pulse_start`` and ``pulse_length`` keywords of
        :func:`simulate` instead.

    Raises
    ------
    ValueError
        If ``t`` is not a non-empty 1-D array of finite times, ``start``
        or ``length`` is not a finite number >= 0, or ``amplitude`` is not
        a finite number or 1-D array of them.
    """
    t = _checks.float_array(t, "t", ndim=1,
                            what="a 1-D array of finite times in ms")
    start = _checks.number(start, "start",
                           at_least=0.0, what="a finite time >= 0 ms")
    length = _checks.number(length, "length",
                            at_least=0.0, what="a finite duration >= 0 ms")
    amplitude = _checks.float_array(
        amplitude, "amplitude", ndim=(0, 1),
        what="a finite current in µA/cm² or a 1-D array of them")
    dt = t[1] - t[0] if t.size > 1 else 1.0
    k = np.arange(t.size)
    on = (k >= round(start / dt)) & (k < round((start + length) / dt))
    if amplitude.ndim == 0:
        return np.where(on, float(amplitude), 0.0)
    return np.where(on[:, None], amplitude[None, :], 0.0)


# What a current must be, in the messages.
_I_WHAT = "finite currents in µA/cm² (no NaN or infinite values)"
_I_SHAPE_WHAT = ("a float, a 1-D array (one constant current per neuron) "
                 "or a 2-D array of shape (n_times, n_neurons)")


def _sampled_current(I, t):
    """The callable current ``I`` at the times ``t``, one row per time."""
    values = [_checks.float_array(I(tk), "I(t)", ndim=(0, 1), finite=False,
                                  what="a float or a 1-D array of currents")
              for tk in t]
    shapes = {v.shape for v in values}
    if len(shapes) != 1:
        raise ValueError(f"I(t) must return a float or a 1-D array of one "
                         f"length at every time, got shapes "
                         f"{sorted(shapes)}.")
    I = np.array(values)
    bad = ~np.isfinite(I)
    if bad.any():
        raise _checks.invalid("I(t)", _I_WHAT, float(I[bad][0]))
    return I


def _pulse_keyword(pulse_start, pulse_length):
    """(name, value) of the pulse keyword given, or None if neither is."""
    if pulse_start is not None:
        return "pulse_start", pulse_start
    if pulse_length is not None:
        return "pulse_length", pulse_length
    return None


def _constant_pulse(I, t, pulse_start, pulse_length):
    """The constant currents ``I`` switched on as the pulse keywords say."""
    start = 0.0 if pulse_start is None else _checks.number(
        pulse_start, "pulse_start", at_least=0.0,
        what="a finite time >= 0 ms")
    to_the_end = pulse_length is None or (
        isinstance(pulse_length, numbers.Real) and pulse_length == math.inf)
    if to_the_end:
        length = math.inf
    else:
        length = _checks.number(
            pulse_length, "pulse_length", at_least=0.0,
            what="a duration >= 0 ms (None or math.inf: to the end)")
    return pulse(t, start, min(length, t[-1] + 1.0), I)


def _current_table(I, t, pulse_start, pulse_length):
    """Return (I_const or None, I_grid or None, n_neurons, squeeze)."""
    n_times = t.size
    pulse_keyword = _pulse_keyword(pulse_start, pulse_length)
    if callable(I):
        I = _sampled_current(I, t)
        name = "I(t)"
    else:
        I = _checks.float_array(I, "I", what=_I_WHAT)
        name = "I"
    if I.ndim > 2:
        raise _checks.invalid(name, _I_SHAPE_WHAT, I)
    if I.size == 0:
        raise _checks.invalid(name, "a float or a non-empty array of "
                              "currents", I)
    if np.max(np.abs(I)) > I_MAX:
        raise _checks.invalid(
            name, f"at most {I_MAX:g} µA/cm² in magnitude (larger currents "
            f"leave the range where the model means anything)",
            float(np.max(np.abs(I))))
    time_course = name == "I(t)" or I.ndim == 2
    if time_course and pulse_keyword is not None:
        raise _checks.invalid(
            pulse_keyword[0], "None when I is a time course (build the "
            "pulse into I instead)", pulse_keyword[1])
    if name == "I(t)":
        squeeze = I.ndim == 1
        table = (None, I.reshape(n_times, -1))
    elif I.ndim == 2:
        if I.shape[0] != n_times:
            raise _checks.invalid(
                "I", f"a 2-D array with one row per time point, shape "
                f"({n_times}, n_neurons) for these t_max and dt (see "
                f"time_grid)", I)
        squeeze = False
        table = (None, I)
    else:
        if I.ndim == 1 and I.size == n_times:
            raise _checks.invalid(
                name, f"a float, a 1-D array of constant currents (one per "
                f"neuron) or a 2-D time course of shape (n_times, "
                f"n_neurons), and a 1-D array of n_times = {n_times} values "
                f"is ambiguous: for one neuron's time course (such as "
                f"pulse(t, start, length, amplitude) with a float "
                f"amplitude) pass I[:, None], and for {n_times} neurons "
                f"with constant currents pass np.tile(I, ({n_times}, 1))", I)
        squeeze = I.ndim == 0
        I = I.reshape(-1)
        if pulse_keyword is None:
            table = (I, None)
        else:
            table = (None, _constant_pulse(I, t, pulse_start, pulse_length))
    arr = table[0] if table[0] is not None else table[1]
    n_neurons = arr.shape[-1]
    return table[0], table[1], n_neurons, squeeze


def _run_python(I_const, I_col, n_steps, dt, p):
    """Simulate one neuron with plain floats.

    Returns lists: V at the n_steps + 1 time points and the gates m, h, n
    half a step later (at t_k + dt/2), which :func:`_gates_on_grid` moves
    back onto the grid.
    """
    exp, expm1 = math.exp, math.expm1
    half = 0.5 * dt
    g_na_max, g_k_max, g_l = p.g_Na, p.g_K, p.g_L
    e_na, e_k = p.E_Na, p.E_K
    leak = g_l * p.E_L
    neg_dt_c = -dt / p.C
    V = 0.0
    m, h, n = steady_state(0.0)
    # First half step of the gates at V = 0.
    am, bm, ah, bh, an, bn = rates(0.0)
    s = am + bm
    m = am / s + (m - am / s) * exp(-half * s)
    s = ah + bh
    h = ah / s + (h - ah / s) * exp(-half * s)
    s = an + bn
    n = an / s + (n - an / s) * exp(-half * s)
    Vs, ms, hs, ns = [V], [m], [h], [n]
    V_add, m_add, h_add, n_add = Vs.append, ms.append, hs.append, ns.append
    current = I_const
    for k in range(n_steps):
        if I_col is not None:
            current = I_col[k]
        # V relaxes for dt towards v_inf with the gates frozen.
        g_na = g_na_max * m * m * m * h
        g_k = n * n
        g_k = g_k_max * g_k * g_k
        g = g_na + g_k + g_l
        v_inf = (current + g_na * e_na + g_k * e_k + leak) / g
        V = v_inf + (V - v_inf) * exp(neg_dt_c * g)
        V_add(V)
        # Rates at the new V; u/expm1(u) -> 1 at the removable points.
        u = 2.5 - 0.1 * V
        am = u / expm1(u) if u != 0.0 else 1.0
        bm = 4.0 * exp(V * (-1.0 / 18.0))
        ah = 0.07 * exp(-0.05 * V)
        bh = 1.0 / (exp(3.0 - 0.1 * V) + 1.0)
        u = 1.0 - 0.1 * V
        an = 0.1 * u / expm1(u) if u != 0.0 else 0.1
        bn = 0.125 * exp(-0.0125 * V)
        # Gates relax for dt (two half steps) towards alpha/(alpha+beta).
        s = am + bm
        x = am / s
        m = x + (m - x) * exp(-dt * s)
        m_add(m)
        s = ah + bh
        x = ah / s
        h = x + (h - x) * exp(-dt * s)
        h_add(h)
        s = an + bn
        x = an / s
        n = x + (n - x) * exp(-dt * s)
        n_add(n)
    return Vs, ms, hs, ns


# The NumPy engine looks the gate update up in a table instead of
# evaluating nine exponentials per neuron and step. Over one full step at
# fixed V each gate obeys x <- a x + b with a = exp(-dt (alpha + beta))
# and b = x_inf (1 - a); a and b are tabulated on a fine V grid and
# interpolated linearly. The potentials then differ from the exact Python
# loop by at most about 0.01 mV (the tests check 0.05 mV). Each table
# takes about 7 MB, so only a few time steps are cached.
_TABLE_V_LO, _TABLE_V_HI, _TABLE_STEP = -150.0, 200.0, 0.005


@functools.lru_cache(maxsize=4)
def _gate_table(dt):
    """Rows (a_m, a_n, a_h, b_m, b_n, b_h) on the V grid, and their slopes.

    Both arrays have shape (6, n_grid); column j belongs to
    V = _TABLE_V_LO + j * _TABLE_STEP.
    """
    n_grid = int(round((_TABLE_V_HI - _TABLE_V_LO) / _TABLE_STEP)) + 1
    V = _TABLE_V_LO + _TABLE_STEP * np.arange(n_grid)
    r = rates(V)
    pairs = ((r.alpha_m, r.beta_m), (r.alpha_n, r.beta_n),
             (r.alpha_h, r.beta_h))
    a = [np.exp(-dt * (alpha + beta)) for alpha, beta in pairs]
    b = [alpha / (alpha + beta) * (1.0 - a_x)
         for (alpha, beta), a_x in zip(pairs, a)]
    table = np.vstack(a + b)
    slope = np.zeros_like(table)
    slope[:, :-1] = np.diff(table, axis=1)
    return table, slope


def _run_numpy(I_const, I_grid, n_neurons, n_steps, dt, p, record_gates):
    """Simulate many neurons at once; the gates are rows (m, n, h) of X.

    Returns V of shape (n_times, n_neurons) and, if ``record_gates``,
    the gates m, h, n half a step later, each (n_times, n_neurons).
    """
    n_times = n_steps + 1
    table, slope = _gate_table(dt)
    V = np.zeros(n_neurons)
    x0 = steady_state(0.0)
    r0 = rates(0.0)
    X = np.empty((3, n_neurons))
    # Exact first half step of the gates at V = 0.
    for j, (x, alpha, beta) in enumerate(
        ((x0.m, r0.alpha_m, r0.beta_m), (x0.n, r0.alpha_n, r0.beta_n),
         (x0.h, r0.alpha_h, r0.beta_h))
    ):
        x_inf = alpha / (alpha + beta)
        X[j] = x_inf + (x - x_inf) * math.exp(-0.5 * dt * (alpha + beta))
    V_out = np.empty((n_times, n_neurons))
    V_out[0] = V
    X_out = np.empty((n_times, 3, n_neurons)) if record_gates else None
    if record_gates:
        X_out[0] = X
    # Rows of G: m³h, n⁴ and 1; M @ G gives the total conductance and
    # the conductance-weighted sum of reversal potentials.
    G = np.ones((3, n_neurons))
    M = np.array([[p.g_Na, p.g_K, p.g_L],
                  [p.g_Na * p.E_Na, p.g_K * p.E_K, p.g_L * p.E_L]])
    W = np.empty((2, n_neurons))
    g_total, weighted = W[0], W[1]
    m, n, h = X[0], X[1], X[2]
    g_na, g_k = G[0], G[1]
    pos = np.empty(n_neurons)
    idx = np.empty(n_neurons, dtype=np.intp)
    frac = np.empty(n_neurons)
    coef = np.empty((6, n_neurons))
    dcoef = np.empty((6, n_neurons))
    a, b = coef[:3], coef[3:]
    v_inf = np.empty(n_neurons)
    decay = np.empty(n_neurons)
    mul, add, sub, div = np.multiply, np.add, np.subtract, np.divide
    inv_step = 1.0 / _TABLE_STEP
    neg_dt_c = -dt / p.C
    current = I_const
    for k in range(1, n_times):
        if I_grid is not None:
            current = I_grid[k - 1]
        # V relaxes for dt towards v_inf = (I + sum g E) / sum g.
        mul(m, m, out=g_na)
        mul(g_na, m, out=g_na)
        mul(g_na, h, out=g_na)
        mul(n, n, out=g_k)
        mul(g_k, g_k, out=g_k)
        np.dot(M, G, out=W)
        add(weighted, current, out=v_inf)
        div(v_inf, g_total, out=v_inf)
        mul(g_total, neg_dt_c, out=decay)
        np.exp(decay, out=decay)
        sub(V, v_inf, out=V)
        mul(V, decay, out=V)
        add(V, v_inf, out=V)
        V_out[k] = V
        # Gates: x <- a(V) x + b(V), a and b interpolated in the table.
        sub(V, _TABLE_V_LO, out=pos)
        mul(pos, inv_step, out=pos)
        np.copyto(idx, pos, casting="unsafe")
        sub(pos, idx, out=frac)
        # Outside the table, mode="clip" uses its edge columns.
        table.take(idx, axis=1, out=coef, mode="clip")
        slope.take(idx, axis=1, out=dcoef, mode="clip")
        mul(dcoef, frac, out=dcoef)
        add(coef, dcoef, out=coef)
        mul(X, a, out=X)
        add(X, b, out=X)
        if record_gates:
            X_out[k] = X
    if record_gates:
        return V_out, X_out[:, 0], X_out[:, 2], X_out[:, 1]
    return V_out, None, None, None


def _gates_on_grid(V, m_half, h_half, n_half, dt):
    """Move gates from t_k + dt/2 back onto the time points t_k.

    ``x(t_k)`` follows from ``x(t_k - dt/2)`` by relaxing for dt/2 at
    ``V(t_k)``: exactly the first half of the splitting step.
    """
    r = rates(V[1:])
    x_rest = steady_state(0.0)
    out = []
    for alpha, beta, half, x0 in (
        (r.alpha_m, r.beta_m, m_half, x_rest.m),
        (r.alpha_h, r.beta_h, h_half, x_rest.h),
        (r.alpha_n, r.beta_n, n_half, x_rest.n),
    ):
        s = alpha + beta
        x_inf = alpha / s
        x = np.empty_like(V)
        x[0] = x0
        x[1:] = x_inf + (half[:-1] - x_inf) * np.exp(-0.5 * dt * s)
        out.append(x)
    return out


def simulate(
    I: ArrayLike | Callable[[float], ArrayLike],
    t_max: float = 100.0,
    dt: float = 0.01,
    *,
    pulse_start: float | None = None,
    pulse_length: float | None = None,
    params: HHParams | dict | None = None,
    record_gates: bool = True,
    engine: str = "auto",
) -> HHResult:
    """Simulate Hodgkin-Huxley neurons from rest.

    Introduced in lecture 02 (course/02_hodgkin_huxley.ipynb).

    Every neuron starts at V = 0 mV with its gates at their steady state
    and integrates with the second-order splitting scheme of
    :func:`step`; the injected current is held at its value at the start
    of each step.

    Parameters
    ----------
    I : float, array_like or callable
        Injected current in µA/cm² (positive = depolarising). One of

        - a float: one neuron with a constant current (outputs are 1-D);
        - a 1-D array of shape (n_neurons,): one constant current per
          neuron; its length may not equal n_times (see Raises);
        - a 2-D array of shape (n_times, n_neurons): a time course per
          neuron on the grid ``time_grid(t_max, dt)``;
        - a callable ``I(t)`` of a time in ms returning a float or an
          array of shape (n_neurons,).

        Its magnitude may not exceed :data:`I_MAX`.
    t_max : float, default 100.0
        Duration in ms (rounded to a whole number of steps).
    dt : float, default 0.01
        Time step in ms, 0 < dt <= :data:`DT_MAX` = 0.1.
    pulse_start, pulse_length : float, optional
        Turn a constant current (float or 1-D) into a rectangular pulse:
        ``I`` flows from ``pulse_start`` (default 0) for ``pulse_length``
        ms (default, or ``math.inf``: to the end) and is zero otherwise.
    params : HHParams or dict, optional
        Membrane parameters; a dict is passed to :class:`HHParams`. The
        1952 values by default.
    record_gates : bool, default True
        Keep the gate values (needed for the ionic currents). Turning it
        off saves time and memory for large runs.
    engine : {"auto", "python", "numpy"}, default "auto"
        How to loop: "python" steps each neuron with plain floats (fastest
        for a few neurons); "numpy" steps all neurons together (fastest
        for many) and looks the gate updates up in a fine table, so its
        potentials differ from the Python loop's by about 0.01 mV at
        most. "auto" uses "python" for up to 4 neurons.

    Returns
    -------
    HHResult
        With ``t`` of shape (n_times,) and ``V``, ``m``, ``h``, ``n``,
        ``I`` of shape (n_times,) for a single neuron or
        (n_times, n_neurons) otherwise; ``n_times = round(t_max/dt) + 1``.

    Raises
    ------
    ValueError
        For a non-positive or too large ``dt``, a non-positive ``t_max``,
        invalid parameters, a current that is not numeric, NaN, infinite,
        too large or of the wrong shape, bad pulse keywords, a
        ``record_gates`` that is not a bool, or an unknown ``engine``.
        A 1-D ``I`` as long as the time grid (n_times values) is
        ambiguous and also raises: it looks like a time course, such as
        ``pulse(t, start, length, 5.0)``, but a 1-D ``I`` means one
        constant current per neuron. Pass a time course for one neuron
        as ``I[:, None]``, or n_times constant currents as the 2-D
        ``np.tile(I, (n_times, 1))``.

    Examples
    --------
    >>> res = simulate(10.0)                  # 100 ms at 10 µA/cm²
    >>> len(res.spike_times())
    7
    >>> res = simulate([0.0, 5.0, 10.0])      # three neurons at once
    >>> res.V.shape
    (10001, 3)
    """
    t_max, dt, n_steps = _check_time(t_max, dt)
    p = _checked_params(params)
    record_gates = _checks.boolean(record_gates, "record_gates")
    engine = _checks.one_of(engine, "engine", ("auto", "python", "numpy"))
    t = np.arange(n_steps + 1) * dt
    I_const, I_grid, n_neurons, squeeze = _current_table(
        I, t, pulse_start, pulse_length
    )
    if engine == "auto":
        engine = "python" if n_neurons <= _PYTHON_MAX_NEURONS else "numpy"
    if engine == "python":
        cols = [
            _run_python(
                float(I_const[j]) if I_grid is None else None,
                None if I_grid is None else I_grid[:, j].tolist(),
                n_steps, dt, p,
            )
            for j in range(n_neurons)
        ]
        V, m, h, n = (np.array([c[i] for c in cols]).T for i in range(4))
    else:
        V, m, h, n = _run_numpy(
            I_const, I_grid, n_neurons, n_steps, dt, p, record_gates
        )
    if record_gates:
        m, h, n = _gates_on_grid(V, m, h, n, dt)
    else:
        m = h = n = None
    if I_grid is None:
        I_out = np.broadcast_to(I_const, (t.size, n_neurons))
    else:
        I_out = I_grid
    if squeeze:
        V, I_out = V[:, 0], I_out[:, 0]
        if record_gates:
            m, h, n = m[:, 0], h[:, 0], n[:, 0]
    return HHResult(t=t, V=V, m=m, h=h, n=n, I=I_out, params=p, dt=dt)


def _crossings(t, v, threshold):
    k = np.flatnonzero((v[:-1] < threshold) & (v[1:] >= threshold))
    frac = (threshold - v[k]) / (v[k + 1] - v[k])
    return t[k] + frac * (t[k + 1] - t[k])


def _checked_trace(t, V):
    """t and V as float arrays: increasing times, one row of V per time."""
    what = "a 1-D array of finite, increasing times in ms"
    times = _checks.float_array(t, "t", ndim=1, what=what)
    if (np.diff(times) <= 0).any():
        raise _checks.invalid("t", what, t)
    what = (f"a finite array of shape (n_times,) or (n_times, n_neurons) "
            f"in mV, with n_times = len(t) = {times.size}")
    potentials = _checks.float_array(V, "V", ndim=(1, 2), what=what)
    if potentials.shape[0] != times.size:
        raise _checks.invalid("V", what, V)
    return times, potentials


def spike_times(t: ArrayLike, V: ArrayLike, threshold: float = 50.0,
                ) -> np.ndarray | list[np.ndarray]:
    """Times at which ``V`` crosses ``threshold`` upwards.

    Introduced in lecture 02 (course/02_hodgkin_huxley.ipynb).

    A crossing happens between samples k and k+1 when
    ``V[k] < threshold <= V[k+1]``; its time is interpolated linearly
    between ``t[k]`` and ``t[k+1]``.

    Parameters
    ----------
    t : array_like of shape (n_times,)
        Time points in ms, increasing.
    V : array_like of shape (n_times,) or (n_times, n_neurons)
        Membrane potential in mV.
    threshold : float, default 50.0
        Detection level in mV.

    Returns
    -------
    ndarray or list of ndarray
        For 1-D ``V`` an array of spike times in ms; for 2-D ``V`` a list
        with one such array per neuron.

    Raises
    ------
    ValueError
        If ``t`` is not a 1-D array of finite, increasing times, ``V`` is
        not a finite array with one row per time point, or ``threshold``
        is not a finite number.
    """
    t, V = _checked_trace(t, V)
    threshold = _checks.number(threshold, "threshold",
                               what="a finite potential in mV")
    if V.ndim == 1:
        return _crossings(t, V, threshold)
    return [_crossings(t, V[:, j], threshold) for j in range(V.shape[1])]


def firing_rate(t: ArrayLike, V: ArrayLike, threshold: float = 50.0,
                t_min: float = 0.0) -> float | np.ndarray:
    """Rate of repetitive firing in Hz, from the mean interspike interval.

    Introduced in lecture 02 (course/02_hodgkin_huxley.ipynb).

    Uses the spikes at or after ``t_min``: with k >= 2 of them at times
    s_1 < ... < s_k the rate is 1000 (k - 1) / (s_k - s_1). A neuron with
    fewer than two spikes (for instance a single onset spike) does not
    fire repetitively and gets 0 Hz.

    Parameters
    ----------
    t : array_like of shape (n_times,)
        Time points in ms.
    V : array_like of shape (n_times,) or (n_times, n_neurons)
        Membrane potential in mV.
    threshold : float, default 50.0
        Spike detection level in mV.
    t_min : float, default 0.0
        Ignore spikes before this time (ms), e.g. to skip the onset.

    Returns
    -------
    float or ndarray of shape (n_neurons,)
        Firing rate in Hz (spikes per second).

    Raises
    ------
    ValueError
        For the bad input of :func:`spike_times`, or a ``t_min`` that is
        not a finite number.
    """
    t_min = _checks.number(t_min, "t_min", what="a finite time in ms")
    spikes = spike_times(t, V, threshold)

    def rate(s):
        s = s[s >= t_min]
        if s.size < 2:
            return 0.0
        return 1000.0 * (s.size - 1) / (s[-1] - s[0])

    if isinstance(spikes, list):
        return np.array([rate(s) for s in spikes])
    return rate(spikes)


def fi_curve(currents: ArrayLike, t_max: float = 100.0, dt: float = 0.01,
             *, threshold: float = 50.0, t_min: float = 0.0,
             params: HHParams | dict | None = None) -> np.ndarray:
    """Firing rate against constant injected current (the f-I curve).

    Introduced in lecture 02 (course/02_hodgkin_huxley.ipynb).

    All currents are simulated together as one population.

    Parameters
    ----------
    currents : array_like of shape (n_currents,)
        Constant currents in µA/cm².
    t_max, dt : float
        Duration and time step in ms, as for :func:`simulate`.
    threshold, t_min : float
        Spike detection level in mV and start of the counting window in
        ms, as for :func:`firing_rate`.
    params : HHParams or dict, optional
        Membrane parameters.

    Returns
    -------
    ndarray of shape (n_currents,)
        Firing rate in Hz for each current.

    Raises
    ------
    ValueError
        If ``currents`` is not a non-empty 1-D array of finite currents,
        or another argument is bad as for :func:`simulate` and
        :func:`firing_rate`.
    """
    what = "a non-empty 1-D array of finite currents in µA/cm²"
    currents = _checks.float_array(currents, "currents", ndim=1, what=what)
    if currents.size == 0:
        raise _checks.invalid("currents", what, currents)
    threshold = _checks.number(threshold, "threshold",
                               what="a finite potential in mV")
    t_min = _checks.number(t_min, "t_min", what="a finite time in ms")
    n_times = time_grid(t_max, dt).size
    if currents.size == n_times:
        # a 1-D I of n_times values is ambiguous for simulate: give the
        # constant currents as a 2-D time course instead
        currents = np.broadcast_to(currents, (n_times, currents.size))
    res = simulate(currents, t_max, dt, params=params, record_gates=False)
    return firing_rate(res.t, res.V, threshold, t_min)


def threshold_current(pulse_length: float = 1.0, *, low: float = 0.0,
                      high: float = 100.0, tol: float = 0.01,
                      t_max: float = 20.0, dt: float = 0.01,
                      threshold: float = 50.0,
                      params: HHParams | dict | None = None) -> float:
    """Smallest pulse amplitude that fires a spike, found by bisection.

    Introduced in lecture 02 (course/02_hodgkin_huxley.ipynb).

    A pulse of the given length starts at t = 1 ms; the neuron "fires"
    when ``V`` crosses ``threshold`` before ``t_max``.

    Parameters
    ----------
    pulse_length : float, default 1.0
        Pulse duration in ms.
    low, high : float, default 0.0 and 100.0
        Amplitudes in µA/cm² that do not and do fire.
    tol : float, default 0.01
        Stop when ``high - low < tol`` (µA/cm²).
    t_max, dt, threshold, params
        As for :func:`simulate` and :func:`spike_times`.

    Returns
    -------
    float
        ``high`` at the end of the search: an amplitude that fires and is
        within ``tol`` of the threshold, in µA/cm².

    Raises
    ------
    ValueError
        If ``pulse_length`` or ``tol`` is not a positive finite number,
        ``low`` and ``high`` are not finite currents within
        :data:`I_MAX` with low < high, another argument is bad as for
        :func:`simulate`, or the bracket is wrong (``low`` fires or
        ``high`` does not).
    """
    pulse_length = _checks.number(pulse_length, "pulse_length", above=0.0,
                                  what=_MS_WHAT)
    current = f"a finite current within ±{I_MAX:g} µA/cm²"
    low = _checks.number(low, "low", at_least=-I_MAX, at_most=I_MAX,
                         what=current)
    high = _checks.number(high, "high", above=low, at_most=I_MAX,
                          what=f"{current} and > low = {low:g}")
    tol = _checks.number(tol, "tol", above=0.0,
                         what="a positive finite number of µA/cm²")
    t_max, dt, _ = _check_time(t_max, dt)
    threshold = _checks.number(threshold, "threshold",
                               what="a finite potential in mV")
    params = _checked_params(params)

    def fires(amplitude):
        res = simulate(amplitude, t_max, dt, pulse_start=1.0,
                       pulse_length=pulse_length, params=params,
                       record_gates=False)
        return res.spike_times(threshold).size > 0

    if fires(low):
        raise _checks.invalid("low", "an amplitude that does not fire "
                              "(widen the bracket)", low)
    if not fires(high):
        raise _checks.invalid("high", "an amplitude that fires (widen the "
                              "bracket)", high)
    while high - low >= tol:
        mid = 0.5 * (low + high)
        if fires(mid):
            high = mid
        else:
            low = mid
    return high

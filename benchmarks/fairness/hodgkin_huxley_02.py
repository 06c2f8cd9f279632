"""Independent implementations of assignment 02_hodgkin_huxley.

Written only from what a student sees: the release notebook
``release/02_hodgkin_huxley/02_hodgkin_huxley.ipynb`` and the lecture
``course/02_hodgkin_huxley.ipynb`` (never ``source/``, the hidden tests or
``nncourse/hh.py``).

``BASE`` answers every solution cell (rates with ``np.expm1`` and the exact
limits, steady states and time constants, one forward-Euler step, a
simulation from rest, upward-crossing spike detection, the f-I curve in Hz
and the bisection for the threshold current). ``VALID`` holds other answers
that follow every sentence of the notebook; ``WRONG`` holds answers with one
plausible mistake each, with the notebook's words they break. The notebook
asks for float64 ("Compute in float64 ... the tests compare your simulated
traces with their own to about 1e-6 mV"), so no variant uses float32.
"""
from benchmarks.fairness import Variant

# --------------------------------------------------------------------------
# The def lines and docstrings exactly as the release gives them.
# --------------------------------------------------------------------------

_RATES_HEAD = '''\
def hh_rates(V):
    """Opening (alpha) and closing (beta) rates of the gates n, m and h.

    Parameters
    ----------
    V : float or ndarray of any shape
        Membrane potential in mV, measured from rest.

    Returns
    -------
    dict
        Keys "alpha_n", "beta_n", "alpha_m", "beta_m", "alpha_h", "beta_h";
        each value has the shape of V, in 1/ms.
    """
'''

_STEADY_HEAD = '''\
def gate_steady_states(V):
    """Steady-state open fractions x_inf = alpha / (alpha + beta).

    Parameters
    ----------
    V : float or ndarray of any shape
        Membrane potential in mV.

    Returns
    -------
    dict
        Keys "m", "h", "n"; values in [0, 1] of the shape of V.
    """
'''

_TAU_HEAD = '''\
def gate_time_constants(V):
    """Gate time constants tau = 1 / (alpha + beta), in ms.

    Parameters
    ----------
    V : float or ndarray of any shape
        Membrane potential in mV.

    Returns
    -------
    dict
        Keys "m", "h", "n"; values in ms of the shape of V.
    """
'''

_STEP_HEAD = '''\
def hh_step(V, m, h, n, I, dt):
    """One forward-Euler step of the Hodgkin-Huxley equations.

    Parameters
    ----------
    V, m, h, n : float or ndarray of shape (n_neurons,)
        Potential in mV and gate values at the start of the step.
    I : float or ndarray of shape (n_neurons,)
        Injected current in µA/cm².
    dt : float
        Step length in ms, > 0.

    Returns
    -------
    tuple (V_new, m_new, h_new, n_new)
        The state after the step.
    """
'''

_SIM_HEAD = '''\
def hh_simulate(I, t_max=100.0, dt=0.01):
    """Simulate Hodgkin-Huxley neurons from rest with constant currents.

    Parameters
    ----------
    I : float or ndarray of shape (n_neurons,)
        Injected current(s) in µA/cm².
    t_max : float, default 100.0
        Duration in ms.
    dt : float, default 0.01
        Time step in ms.

    Returns
    -------
    t : ndarray of shape (n_times,)
        Time points k * dt, k = 0 ... round(t_max / dt).
    V, m, h, n : ndarray of shape (n_times,) or (n_times, n_neurons)
        Potential in mV and gate values at each time point.
    """
'''

_SPIKES_HEAD = '''\
def detect_spikes(t, V, threshold=50.0):
    """Times t[i] at which V crosses threshold upwards.

    Parameters
    ----------
    t : ndarray of shape (n_times,)
        Time points in ms, increasing.
    V : ndarray of shape (n_times,)
        Membrane potential in mV.
    threshold : float, default 50.0
        Detection level in mV.

    Returns
    -------
    ndarray of shape (n_spikes,)
        t[i] for every i >= 1 with V[i-1] < threshold <= V[i].
    """
'''

_FI_HEAD = '''\
def compute_fi_curve(currents, t_max=100.0, dt=0.01, threshold=50.0):
    """Firing rate (Hz) for each constant current: spikes / (t_max / 1000).

    Parameters
    ----------
    currents : array_like of shape (n_currents,)
        Constant currents in µA/cm²: a 1-D array or a list of at least one
        current (a number, a 2-D array or an empty list: ValueError).
    t_max, dt : float
        Duration and time step in ms, as for hh_simulate.
    threshold : float, default 50.0
        Spike detection level in mV.

    Returns
    -------
    ndarray of shape (n_currents,)
        Firing rates in Hz.
    """
'''

_THRESHOLD_HEAD = '''\
def find_threshold_current(pulse_length=1.0, lo=0.0, hi=50.0, tol=0.01,
                           pulse_start=1.0, t_max=10.0, dt=0.01):
    """Smallest pulse amplitude (µA/cm²) that fires a spike, by bisection.

    Parameters
    ----------
    pulse_length : float, default 1.0
        Pulse duration in ms.
    lo, hi : float, default 0.0 and 50.0
        Amplitudes in µA/cm² that do not fire and do fire.
    tol : float, default 0.01
        Stop when hi - lo <= tol.
    pulse_start : float, default 1.0
        Pulse onset in ms.
    t_max, dt : float, default 10.0 and 0.01
        Duration of each run and time step in ms.

    Returns
    -------
    float
        hi at the end of the search.
    """
'''

# --------------------------------------------------------------------------
# BASE
# --------------------------------------------------------------------------

_RATES_BODY = '''\
    V = np.asarray(V, dtype=float)
    u_n = (10.0 - V) / 10.0
    u_m = (25.0 - V) / 10.0
    # u / (e^u - 1) with expm1 (accurate for tiny u) and its limit 1 at u = 0;
    # np.where evaluates both branches, so silence the 0/0 there.
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio_n = np.where(u_n == 0.0, 1.0, u_n / np.expm1(u_n))
        ratio_m = np.where(u_m == 0.0, 1.0, u_m / np.expm1(u_m))
    return {
        "alpha_n": 0.1 * ratio_n,
        "beta_n": 0.125 * np.exp(-V / 80.0),
        "alpha_m": 1.0 * ratio_m,
        "beta_m": 4.0 * np.exp(-V / 18.0),
        "alpha_h": 0.07 * np.exp(-V / 20.0),
        "beta_h": 1.0 / (np.exp((30.0 - V) / 10.0) + 1.0),
    }
'''

_STEADY_BODY = '''\
    r = hh_rates(V)
    return {x: r["alpha_" + x] / (r["alpha_" + x] + r["beta_" + x])
            for x in ("m", "h", "n")}
'''

_TAU_BODY = '''\
    r = hh_rates(V)
    return {x: 1.0 / (r["alpha_" + x] + r["beta_" + x])
            for x in ("m", "h", "n")}
'''

_STEP_BODY = '''\
    if isinstance(dt, str) or np.ndim(dt) != 0:
        raise ValueError(f"dt must be a positive finite number, got {dt!r}")
    try:
        dt_value = float(dt)
    except (TypeError, ValueError):
        raise ValueError(
            f"dt must be a positive finite number, got {dt!r}") from None
    if not (np.isfinite(dt_value) and dt_value > 0):
        raise ValueError(f"dt must be a positive finite number, got {dt!r}")
    V = np.asarray(V, dtype=float)
    m = np.asarray(m, dtype=float)
    h = np.asarray(h, dtype=float)
    n = np.asarray(n, dtype=float)
    I = np.asarray(I, dtype=float)
    r = hh_rates(V)
    i_ion = (G_NA * m**3 * h * (V - E_NA) + G_K * n**4 * (V - E_K)
             + G_L * (V - E_L))
    V_new = V + dt_value * (I - i_ion) / C_M
    m_new = m + dt_value * (r["alpha_m"] * (1 - m) - r["beta_m"] * m)
    h_new = h + dt_value * (r["alpha_h"] * (1 - h) - r["beta_h"] * h)
    n_new = n + dt_value * (r["alpha_n"] * (1 - n) - r["beta_n"] * n)
    return V_new, m_new, h_new, n_new
'''

_SIM_BODY = '''\
    for name, value in (("dt", dt), ("t_max", t_max)):
        ok = not isinstance(value, str) and np.ndim(value) == 0
        if ok:
            try:
                value = float(value)
            except (TypeError, ValueError):
                ok = False
        if not (ok and np.isfinite(value) and value > 0):
            raise ValueError(
                f"{name} must be a positive finite number of ms, "
                f"got {value!r}")
    dt, t_max = float(dt), float(t_max)
    ratio = t_max / dt
    if not np.isfinite(ratio) or round(ratio) < 1:
        raise ValueError(
            f"t_max = {t_max} ms is shorter than one step dt = {dt} ms "
            "(round(t_max / dt) < 1)")
    n_steps = round(ratio)
    currents = np.asarray(I, dtype=float)
    if currents.ndim > 1:
        raise ValueError(
            f"I must be a number or a 1-D array, got shape {currents.shape}")
    if not np.all(np.isfinite(currents)):
        raise ValueError("every current I must be finite (no nan or inf)")
    rest = gate_steady_states(0.0)
    shape = (n_steps + 1,) + currents.shape
    V = np.empty(shape)
    m = np.empty(shape)
    h = np.empty(shape)
    n = np.empty(shape)
    state = (np.zeros(currents.shape),
             np.full(currents.shape, float(rest["m"])),
             np.full(currents.shape, float(rest["h"])),
             np.full(currents.shape, float(rest["n"])))
    V[0], m[0], h[0], n[0] = state
    for k in range(n_steps):
        state = hh_step(*state, currents, dt)
        V[k + 1], m[k + 1], h[k + 1], n[k + 1] = state
    t = np.arange(n_steps + 1) * dt
    return t, V, m, h, n
'''

_SPIKES_BODY = '''\
    t = np.asarray(t, dtype=float)
    V = np.asarray(V, dtype=float)
    if t.ndim != 1 or V.ndim != 1 or t.shape != V.shape:
        raise ValueError(
            "t and V must be 1-D arrays of the same length, got shapes "
            f"{t.shape} and {V.shape}")
    up = (V[:-1] < threshold) & (threshold <= V[1:])
    return t[1:][up]
'''

_FI_BODY = '''\
    currents = np.asarray(currents, dtype=float)
    if currents.ndim != 1 or currents.size == 0:
        raise ValueError(
            "currents must be a 1-D array or list of at least one current, "
            f"got shape {currents.shape}")
    if np.isnan(currents).any():
        raise ValueError("the currents must not be nan")
    t, V = hh_simulate(currents, t_max=t_max, dt=dt)[:2]
    counts = np.array([detect_spikes(t, V[:, j], threshold).size
                       for j in range(currents.size)], dtype=float)
    return counts / (t_max / 1000.0)
'''

_THRESHOLD_BODY = '''\
    for name, value in (("tol", tol), ("pulse_length", pulse_length),
                        ("dt", dt), ("t_max", t_max)):
        if not (np.isfinite(value) and value > 0):
            raise ValueError(
                f"{name} must be a positive number, got {value!r}")
    if not lo < hi:
        raise ValueError(f"need lo < hi, got lo = {lo}, hi = {hi}")
    n_steps = round(t_max / dt)
    k_on = round(pulse_start / dt)
    k_off = round((pulse_start + pulse_length) / dt)
    rest = gate_steady_states(0.0)

    def fires(amplitude):
        V, m, h, n = 0.0, rest["m"], rest["h"], rest["n"]
        for k in range(n_steps):
            current = amplitude if k_on <= k < k_off else 0.0
            V_new, m, h, n = hh_step(V, m, h, n, current, dt)
            if V < SPIKE_LEVEL <= V_new:
                return True
            V = V_new
        return False

    if fires(lo):
        raise ValueError(f"lo = {lo} already fires: lower it")
    if not fires(hi):
        raise ValueError(f"hi = {hi} does not fire: raise it")
    while hi - lo > tol:
        mid = (lo + hi) / 2
        if fires(mid):
            hi = mid
        else:
            lo = mid
    return float(hi)
'''

BASE = {
    "hh_rates": _RATES_HEAD + _RATES_BODY,
    "gate_kinetics": (_STEADY_HEAD + _STEADY_BODY + "\n\n"
                      + _TAU_HEAD + _TAU_BODY),
    "hh_step": _STEP_HEAD + _STEP_BODY,
    "hh_simulate": _SIM_HEAD + _SIM_BODY,
    "detect_spikes": _SPIKES_HEAD + _SPIKES_BODY,
    "compute_fi_curve": _FI_HEAD + _FI_BODY,
    "find_threshold_current": _THRESHOLD_HEAD + _THRESHOLD_BODY,
}

# --------------------------------------------------------------------------
# VALID
# --------------------------------------------------------------------------

_RATES_EXPREL = _RATES_HEAD + '''\
    from scipy.special import exprel

    V = np.asarray(V, dtype=float)
    return {
        "alpha_n": 0.1 / exprel((10.0 - V) / 10.0),
        "beta_n": 0.125 * np.exp(-V / 80.0),
        "alpha_m": 1.0 / exprel((25.0 - V) / 10.0),
        "beta_m": 4.0 * np.exp(-V / 18.0),
        "alpha_h": 0.07 * np.exp(-V / 20.0),
        "beta_h": 1.0 / (np.exp((30.0 - V) / 10.0) + 1.0),
    }
'''

_RATES_LOOP = _RATES_HEAD + '''\
    import math

    arr = np.asarray(V, dtype=float)
    flat = arr.reshape(-1)
    keys = ("alpha_n", "beta_n", "alpha_m", "beta_m", "alpha_h", "beta_h")
    out = {key: np.empty(flat.size) for key in keys}
    for i in range(flat.size):
        v = float(flat[i])
        un = (10.0 - v) / 10.0
        um = (25.0 - v) / 10.0
        out["alpha_n"][i] = 0.1 if un == 0 else 0.1 * un / math.expm1(un)
        out["beta_n"][i] = 0.125 * math.exp(-v / 80.0)
        out["alpha_m"][i] = 1.0 if um == 0 else um / math.expm1(um)
        out["beta_m"][i] = 4.0 * math.exp(-v / 18.0)
        out["alpha_h"][i] = 0.07 * math.exp(-v / 20.0)
        out["beta_h"][i] = 1.0 / (math.exp((30.0 - v) / 10.0) + 1.0)
    return {key: values.reshape(arr.shape) for key, values in out.items()}
'''

_RATES_MASKED_FLOATS = _RATES_HEAD + '''\
    scalar = np.ndim(V) == 0
    V = np.atleast_1d(np.asarray(V, dtype=float))

    def u_over_expm1(u):
        out = np.ones_like(u)
        nonzero = u != 0
        out[nonzero] = u[nonzero] / np.expm1(u[nonzero])
        return out

    rates = {
        "alpha_n": 0.01 * 10.0 * u_over_expm1((10.0 - V) / 10.0),
        "beta_n": 0.125 * np.exp(-V / 80.0),
        "alpha_m": 0.1 * 10.0 * u_over_expm1((25.0 - V) / 10.0),
        "beta_m": 4.0 * np.exp(-V / 18.0),
        "alpha_h": 0.07 * np.exp(-V / 20.0),
        "beta_h": 1.0 / (1.0 + np.exp((30.0 - V) / 10.0)),
    }
    if scalar:
        return {key: float(value[0]) for key, value in rates.items()}
    return rates
'''

_RATES_TAYLOR = _RATES_HEAD + '''\
    V = np.asarray(V, dtype=float)

    def u_over_expm1(u):
        small = np.abs(u) < 1e-5
        safe = np.where(small, 1.0, u)
        # 1 - u/2 + u^2/12 is u/(e^u - 1) to O(u^4) for tiny u
        return np.where(small, 1.0 - u / 2.0 + u * u / 12.0,
                        safe / np.expm1(safe))

    return {
        "alpha_n": 0.1 * u_over_expm1((10.0 - V) / 10.0),
        "beta_n": 0.125 * np.exp(-V / 80.0),
        "alpha_m": u_over_expm1((25.0 - V) / 10.0),
        "beta_m": 4.0 * np.exp(-V / 18.0),
        "alpha_h": 0.07 * np.exp(-V / 20.0),
        "beta_h": 1.0 / (np.exp((30.0 - V) / 10.0) + 1.0),
    }
'''

_RATES_DIRECT_FORMULA = _RATES_HEAD + '''\
    V = np.asarray(V, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        alpha_n = 0.01 * (10.0 - V) / np.expm1((10.0 - V) / 10.0)
        alpha_m = 0.1 * (25.0 - V) / np.expm1((25.0 - V) / 10.0)
    alpha_n = np.where(V == 10.0, 0.1, alpha_n)
    alpha_m = np.where(V == 25.0, 1.0, alpha_m)
    beta_n = 0.125 * np.exp(-V / 80.0)
    beta_m = 4.0 * np.exp(-V / 18.0)
    alpha_h = 0.07 * np.exp(-V / 20.0)
    beta_h = 1.0 / (np.exp((30.0 - V) / 10.0) + 1.0)
    return dict(alpha_n=alpha_n, beta_n=beta_n, alpha_m=alpha_m,
                beta_m=beta_m, alpha_h=alpha_h, beta_h=beta_h)
'''

_RATES_TINY_WINDOW = _RATES_HEAD + '''\
    V = np.asarray(V, dtype=float)
    near_n = np.abs(V - 10.0) < 1e-9
    near_m = np.abs(V - 25.0) < 1e-9
    u_n = np.where(near_n, 1.0, (10.0 - V) / 10.0)
    u_m = np.where(near_m, 1.0, (25.0 - V) / 10.0)
    return {
        "alpha_n": np.where(near_n, 0.1, 0.1 * u_n / np.expm1(u_n)),
        "beta_n": 0.125 * np.exp(-V / 80.0),
        "alpha_m": np.where(near_m, 1.0, u_m / np.expm1(u_m)),
        "beta_m": 4.0 * np.exp(-V / 18.0),
        "alpha_h": 0.07 * np.exp(-V / 20.0),
        "beta_h": 1.0 / (np.exp((30.0 - V) / 10.0) + 1.0),
    }
'''

_RATES_EXPIT = _RATES_HEAD + '''\
    from scipy.special import expit

    V = np.asarray(V, dtype=float)
    u_n = (10.0 - V) / 10.0
    u_m = (25.0 - V) / 10.0
    with np.errstate(all="ignore"):
        alpha_n = np.where(u_n == 0, 0.1, 0.1 * u_n / np.expm1(u_n))
        alpha_m = np.where(u_m == 0, 1.0, u_m / np.expm1(u_m))
    return {"alpha_n": alpha_n, "beta_n": 0.125 * np.exp(-V / 80.0),
            "alpha_m": alpha_m, "beta_m": 4.0 * np.exp(-V / 18.0),
            "alpha_h": 0.07 * np.exp(-V / 20.0),
            "beta_h": expit((V - 30.0) / 10.0)}
'''

_KINETICS_SEPARATE = (_STEADY_HEAD + '''\
    r = hh_rates(V)
    m_inf = r["alpha_m"] / (r["alpha_m"] + r["beta_m"])
    h_inf = r["alpha_h"] / (r["alpha_h"] + r["beta_h"])
    n_inf = r["alpha_n"] / (r["alpha_n"] + r["beta_n"])
    return {"m": m_inf, "h": h_inf, "n": n_inf}
''' + "\n\n" + _TAU_HEAD + '''\
    r = hh_rates(V)
    tau = {}
    for gate in "mhn":
        total = r[f"alpha_{gate}"] + r[f"beta_{gate}"]
        tau[gate] = 1 / total
    return tau
''')

_KINETICS_VIA_TAU = (_STEADY_HEAD + '''\
    r = hh_rates(V)
    tau = gate_time_constants(V)
    return {x: r["alpha_" + x] * tau[x] for x in ("m", "h", "n")}
''' + "\n\n" + _TAU_HEAD + '''\
    r = hh_rates(np.asarray(V, dtype=float))
    return {x: np.reciprocal(r["alpha_" + x] + r["beta_" + x])
            for x in ("m", "h", "n")}
''')

_STEP_PLAIN = _STEP_HEAD + '''\
    if not (np.isfinite(dt) and dt > 0):
        raise ValueError("hh_step: the step dt must be > 0 and finite")
    rates = hh_rates(V)
    dV = (I - G_NA * m**3 * h * (V - E_NA) - G_K * n**4 * (V - E_K)
          - G_L * (V - E_L)) / C_M
    dm = rates["alpha_m"] * (1 - m) - rates["beta_m"] * m
    dh = rates["alpha_h"] * (1 - h) - rates["beta_h"] * h
    dn = rates["alpha_n"] * (1 - n) - rates["beta_n"] * n
    return V + dt * dV, m + dt * dm, h + dt * dh, n + dt * dn
'''

_STEP_GATE_LOOP_COPY = _STEP_HEAD + '''\
    import math

    try:
        ok = math.isfinite(dt) and dt > 0
    except TypeError:
        ok = False
    if not ok:
        raise ValueError(f"invalid time step {dt!r}: need 0 < dt < inf")
    V = np.array(V, dtype=float, copy=True)
    gates = {"m": np.array(m, dtype=float, copy=True),
             "h": np.array(h, dtype=float, copy=True),
             "n": np.array(n, dtype=float, copy=True)}
    r = hh_rates(V)
    i_na = G_NA * gates["m"] ** 3 * gates["h"] * (V - E_NA)
    i_k = G_K * gates["n"] ** 4 * (V - E_K)
    i_l = G_L * (V - E_L)
    new = {}
    for x, value in gates.items():
        rate = r["alpha_" + x] * (1 - value) - r["beta_" + x] * value
        new[x] = value + dt * rate
    V_new = V + dt * (I - (i_na + i_k + i_l)) / C_M
    return V_new, new["m"], new["h"], new["n"]
'''

_SIM_LISTS = _SIM_HEAD + '''\
    if not (np.isfinite(t_max) and t_max > 0):
        raise ValueError("t_max must be a positive, finite duration")
    if not (np.isfinite(dt) and dt > 0):
        raise ValueError("dt must be a positive, finite time step")
    K = int(np.rint(t_max / dt))
    if K < 1:
        raise ValueError("t_max must cover at least one time step")
    I = np.asarray(I, dtype=float)
    if np.any(np.isnan(I)) or np.any(np.isinf(I)):
        raise ValueError("currents must not be nan or infinite")
    g = gate_steady_states(0.0)
    V = np.zeros_like(I)
    m = np.full_like(I, g["m"])
    h = np.full_like(I, g["h"])
    n = np.full_like(I, g["n"])
    Vs, ms, hs, ns = [V], [m], [h], [n]
    for _ in range(K):
        V, m, h, n = hh_step(V, m, h, n, I, dt)
        Vs.append(V)
        ms.append(m)
        hs.append(h)
        ns.append(n)
    t = np.linspace(0.0, K * dt, K + 1)
    return t, np.array(Vs), np.array(ms), np.array(hs), np.array(ns)
'''

_SIM_2D_SQUEEZE = _SIM_HEAD + '''\
    currents = np.asarray(I, dtype=float)
    if not np.isfinite(currents).all():
        raise ValueError(f"I contains nan or inf: {I!r}")
    if currents.ndim > 1:
        raise ValueError("I must be a number or a 1-D array")
    for name, value in (("t_max", t_max), ("dt", dt)):
        if not (np.isfinite(value) and value > 0):
            raise ValueError(f"{name} = {value!r} is not a positive finite "
                             "number")
    K = round(t_max / dt)
    if K < 1:
        raise ValueError(f"t_max = {t_max} is shorter than one step {dt}")
    single = currents.ndim == 0
    currents = np.atleast_1d(currents)
    rest = gate_steady_states(0.0)
    out = np.empty((4, K + 1, currents.size))
    out[0, 0] = 0.0
    out[1, 0] = rest["m"]
    out[2, 0] = rest["h"]
    out[3, 0] = rest["n"]
    for k in range(K):
        out[:, k + 1] = hh_step(out[0, k], out[1, k], out[2, k], out[3, k],
                                currents, dt)
    if single:
        out = out[:, :, 0]
    t = dt * np.arange(K + 1)
    return t, out[0], out[1], out[2], out[3]
'''

_SIM_T_BY_ADDITION = _SIM_HEAD + '''\
    import math
    import numbers

    for name, value in (("dt", dt), ("t_max", t_max)):
        if not (isinstance(value, numbers.Real) and math.isfinite(value)
                and value > 0):
            raise ValueError(f"{name} must be a positive finite number")
    K = round(t_max / dt)
    if K < 1:
        raise ValueError("t_max is shorter than one step")
    I = np.asarray(I, dtype=float)
    if not np.all(np.isfinite(I)):
        raise ValueError("a current is nan or infinite")
    g0 = gate_steady_states(0.0)
    t = np.zeros(K + 1)
    V = np.zeros((K + 1,) + I.shape)
    m = np.zeros_like(V)
    h = np.zeros_like(V)
    n = np.zeros_like(V)
    m[0], h[0], n[0] = g0["m"], g0["h"], g0["n"]
    for k in range(K):
        V[k + 1], m[k + 1], h[k + 1], n[k + 1] = hh_step(
            V[k], m[k], h[k], n[k], I, dt)
        t[k + 1] = t[k] + dt
    return t, V, m, h, n
'''

_SPIKES_LOOP = _SPIKES_HEAD + '''\
    t = np.asarray(t, dtype=float)
    V = np.asarray(V, dtype=float)
    if t.ndim != 1 or V.ndim != 1:
        raise ValueError("t and V must both be one-dimensional")
    if len(t) != len(V):
        raise ValueError(f"t has {len(t)} samples but V has {len(V)}")
    times = []
    for i in range(1, len(V)):
        if V[i - 1] < threshold <= V[i]:
            times.append(t[i])
    return np.array(times, dtype=float)
'''

_SPIKES_FLATNONZERO = _SPIKES_HEAD + '''\
    t = np.asarray(t)
    V = np.asarray(V)
    if not (t.ndim == V.ndim == 1 and t.size == V.size):
        raise ValueError("expected two 1-D arrays of equal length")
    below = V < threshold
    at_or_above = V >= threshold
    idx = np.flatnonzero(below[:-1] & at_or_above[1:]) + 1
    return t[idx].astype(np.float64)
'''

_SPIKES_NOT_ABOVE = _SPIKES_HEAD + '''\
    t = np.asarray(t, dtype=float)
    V = np.asarray(V, dtype=float)
    if t.ndim != 1 or V.ndim != 1 or len(t) != len(V):
        raise ValueError("t and V must be 1-D arrays of the same length")
    above = V >= threshold
    onset = above[1:] & ~above[:-1]
    return t[1:][onset]
'''

_SPIKES_STRICT_NDARRAY = _SPIKES_HEAD + '''\
    if not (isinstance(t, np.ndarray) and isinstance(V, np.ndarray)):
        raise ValueError("t and V must be NumPy arrays")
    if t.ndim != 1 or V.ndim != 1 or t.shape[0] != V.shape[0]:
        raise ValueError("t and V must be 1-D arrays of the same length")
    hits = np.nonzero((V[:-1] < threshold) & (V[1:] >= threshold))[0]
    return np.asarray(t[hits + 1], dtype=float)
'''

_FI_PER_CURRENT = _FI_HEAD + '''\
    if np.ndim(currents) != 1 or len(currents) == 0:
        raise ValueError("currents: need a non-empty 1-D array or list")
    currents = [float(c) for c in currents]
    if any(np.isnan(c) for c in currents):
        raise ValueError("a current is nan")
    if not (dt > 0 and t_max > 0):
        raise ValueError("dt and t_max must be positive")
    rates = []
    for current in currents:
        t, V, _, _, _ = hh_simulate(current, t_max=t_max, dt=dt)
        n_spikes = len(detect_spikes(t, V, threshold=threshold))
        rates.append(n_spikes * 1000.0 / t_max)
    return np.array(rates)
'''

_FI_COUNT_COLUMNS = _FI_HEAD + '''\
    currents = np.asarray(currents, dtype=np.float64)
    if currents.ndim != 1 or currents.size < 1:
        raise ValueError("currents must be a 1-D array or a list, not empty")
    if np.isnan(currents).any() or not (t_max > 0) or not (dt > 0):
        raise ValueError("bad input: nan current or non-positive dt/t_max")
    t, V, m, h, n = hh_simulate(currents, t_max, dt)
    rates = np.zeros(len(currents))
    for j in range(len(currents)):
        spikes = detect_spikes(t, V[:, j], threshold)
        rates[j] = spikes.shape[0] / (t_max / 1000)
    return rates
'''

_THRESHOLD_FULL_TRACE = _THRESHOLD_HEAD + '''\
    if lo >= hi:
        raise ValueError("lo must be smaller than hi")
    if not (tol > 0 and pulse_length > 0 and dt > 0 and t_max > 0):
        raise ValueError("tol, pulse_length, dt and t_max must be positive")
    K = round(t_max / dt)
    start = round(pulse_start / dt)
    stop = round((pulse_start + pulse_length) / dt)
    g = gate_steady_states(0.0)
    t = np.arange(K + 1) * dt

    def fires(A):
        V = np.zeros(K + 1)
        state = (0.0, g["m"], g["h"], g["n"])
        for k in range(K):
            current = A if start <= k < stop else 0.0
            state = hh_step(*state, current, dt)
            V[k + 1] = state[0]
        return detect_spikes(t, V, 50.0).size > 0

    if fires(lo):
        raise ValueError("the lower end lo fires already")
    if not fires(hi):
        raise ValueError("the upper end hi does not fire")
    while hi - lo > tol:
        mid = (lo + hi) / 2
        if fires(mid):
            hi = mid
        else:
            lo = mid
    return hi
'''

_THRESHOLD_CURRENT_ARRAY = _THRESHOLD_HEAD + '''\
    for name, value in (("pulse_length", pulse_length), ("tol", tol),
                        ("t_max", t_max), ("dt", dt)):
        if not value > 0:
            raise ValueError(f"{name} must be positive, got {value}")
    K = round(t_max / dt)
    k = np.arange(K)
    in_pulse = ((k >= round(pulse_start / dt))
                & (k < round((pulse_start + pulse_length) / dt)))
    rest = gate_steady_states(0.0)

    def fires(A):
        currents = np.where(in_pulse, A, 0.0)
        V, m, h, n = 0.0, rest["m"], rest["h"], rest["n"]
        for k in range(K):
            V, m, h, n = hh_step(V, m, h, n, currents[k], dt)
            if V >= 50.0:   # V starts at 0 < 50: an upward crossing
                return True
        return False

    if not fires(hi):
        raise ValueError(f"hi = {hi} does not fire")
    if fires(lo):
        raise ValueError(f"lo = {lo} fires")
    if lo >= hi:
        raise ValueError("the bracket is empty: lo >= hi")
    while hi - lo > tol:
        mid = (lo + hi) / 2
        if fires(mid):
            hi = mid
        else:
            lo = mid
    return np.float64(hi)
'''

VALID = [
    Variant("rates with scipy.special.exprel (the lecture's 1/exprel(u))",
            cells={"hh_rates": _RATES_EXPREL}),
    Variant("rates in a plain Python loop with math.expm1",
            cells={"hh_rates": _RATES_LOOP}),
    Variant("rates by masked assignment; Python floats for a number V "
            "('a 0-d array or a float for a number')",
            cells={"hh_rates": _RATES_MASKED_FLOATS}),
    Variant("rates with a Taylor series 1 - u/2 + u^2/12 for |u| < 1e-5",
            cells={"hh_rates": _RATES_TAYLOR}),
    Variant("rates written as the printed formulas 0.01 (10 - V) / "
            "expm1((10 - V)/10), limit where V == 10 exactly",
            cells={"hh_rates": _RATES_DIRECT_FORMULA}),
    Variant("rates return the limit in a window |V - 10| < 1e-9 mV "
            "(the text allows any window below 2e-5 mV)",
            cells={"hh_rates": _RATES_TINY_WINDOW}),
    Variant("beta_h as scipy.special.expit((V - 30) / 10)",
            cells={"hh_rates": _RATES_EXPIT}),
    Variant("steady states written out gate by gate; tau in a loop",
            cells={"gate_kinetics": _KINETICS_SEPARATE}),
    Variant("x_inf = alpha * tau, with tau from gate_time_constants",
            cells={"gate_kinetics": _KINETICS_VIA_TAU}),
    Variant("hh_step without conversions, dV written as "
            "(I - I_Na - I_K - I_L) / C, other error wording (a dt that is "
            "not a number at all, e.g. a str, raises TypeError)",
            cells={"hh_step": _STEP_PLAIN}),
    Variant("hh_step copies its inputs and loops over the gates",
            cells={"hh_step": _STEP_GATE_LOOP_COPY}),
    Variant("hh_step gate update as alpha - (alpha + beta) x "
            "(algebraically the same derivative)",
            edits=[("hh_step",
                    'm_new = m + dt_value * (r["alpha_m"] * (1 - m) '
                    '- r["beta_m"] * m)',
                    'm_new = m + dt_value * (r["alpha_m"] '
                    '- (r["alpha_m"] + r["beta_m"]) * m)')]),
    Variant("simulation collects lists, K by np.rint, t by np.linspace(0, "
            "K dt, K + 1)",
            cells={"hh_simulate": _SIM_LISTS}),
    Variant("simulation always 2-D, squeezed for a number I; checks I "
            "before dt and t_max",
            cells={"hh_simulate": _SIM_2D_SQUEEZE}),
    Variant("simulation with t built by repeated addition t[k] + dt",
            cells={"hh_simulate": _SIM_T_BY_ADDITION}),
    Variant("detect_spikes in a Python loop",
            cells={"detect_spikes": _SPIKES_LOOP}),
    Variant("detect_spikes with np.flatnonzero(...) + 1",
            cells={"detect_spikes": _SPIKES_FLATNONZERO}),
    Variant("detect_spikes as onsets of V >= threshold (NaN samples count "
            "as below; the text is silent on NaN)",
            cells={"detect_spikes": _SPIKES_NOT_ABOVE}),
    Variant("detect_spikes rejects lists with ValueError (reading: 'not 1-D "
            "arrays' includes lists; the docstring says ndarray)",
            cells={"detect_spikes": _SPIKES_STRICT_NDARRAY}),
    Variant("f-I curve one simulation per current, count * 1000 / t_max",
            cells={"compute_fi_curve": _FI_PER_CURRENT}),
    Variant("f-I curve in one vectorised simulation, positional args, "
            "validation up front",
            cells={"compute_fi_curve": _FI_COUNT_COLUMNS}),
    Variant("threshold search records whole traces and uses detect_spikes "
            "(no early stop); returns hi unconverted",
            cells={"find_threshold_current": _THRESHOLD_FULL_TRACE}),
    Variant("threshold search with a precomputed pulse array, other "
            "validation order, returns np.float64",
            cells={"find_threshold_current": _THRESHOLD_CURRENT_ARRAY}),
]

# --------------------------------------------------------------------------
# WRONG
# --------------------------------------------------------------------------

WRONG = [
    # Part A
    Variant("rates with np.exp(u) - 1 instead of np.expm1",
            edits=[("hh_rates", "u_n / np.expm1(u_n)",
                    "u_n / (np.exp(u_n) - 1)"),
                   ("hh_rates", "u_m / np.expm1(u_m)",
                    "u_m / (np.exp(u_m) - 1)")],
            breaks="Two shortcuts fail there: `np.exp(u) - 1`, which loses "
                   "almost all its digits for |u| ≈ 10^-13"),
    Variant("rates return the limit for |u| < 1e-4 (a 1e-3 mV window)",
            edits=[("hh_rates", "np.where(u_n == 0.0,",
                    "np.where(np.abs(u_n) < 1e-4,"),
                   ("hh_rates", "np.where(u_m == 0.0,",
                    "np.where(np.abs(u_m) < 1e-4,")],
            breaks="returning the limit for a whole window of V around the "
                   "singularity ... allows a window of only "
                   "|V - 10| < 2 · 10^-5 mV"),
    Variant("the slides' misprint alpha_h = 0.7 e^(-V/20)",
            edits=[("hh_rates", '"alpha_h": 0.07 *', '"alpha_h": 0.7 *')],
            breaks="α_h = 0.07 e^{-V/20} (the slides print 0.7)"),
    Variant("np.where without np.errstate: a RuntimeWarning at V = 10, 25",
            edits=[("hh_rates",
                    '    with np.errstate(divide="ignore", '
                    'invalid="ignore"):\n'
                    '        ratio_n = np.where(u_n == 0.0, 1.0, '
                    'u_n / np.expm1(u_n))\n'
                    '        ratio_m = np.where(u_m == 0.0, 1.0, '
                    'u_m / np.expm1(u_m))\n',
                    '    ratio_n = np.where(u_n == 0.0, 1.0, '
                    'u_n / np.expm1(u_n))\n'
                    '    ratio_m = np.where(u_m == 0.0, 1.0, '
                    'u_m / np.expm1(u_m))\n')],
            breaks="your function must not emit a RuntimeWarning (\"invalid "
                   "value encountered in divide\")"),
    Variant("beta_h with the sign of the exponent flipped",
            edits=[("hh_rates", "np.exp((30.0 - V) / 10.0)",
                    "np.exp((V - 30.0) / 10.0)")],
            breaks="β_h = 1 / (e^{(30 - V)/10} + 1)"),
    # Part B
    Variant("tau_h with beta_m (copy-paste slip)",
            cells={"gate_kinetics": _STEADY_HEAD + _STEADY_BODY + "\n\n"
                   + _TAU_HEAD + '''\
    r = hh_rates(V)
    return {"m": 1.0 / (r["alpha_m"] + r["beta_m"]),
            "h": 1.0 / (r["alpha_h"] + r["beta_m"]),
            "n": 1.0 / (r["alpha_n"] + r["beta_n"])}
'''},
            breaks="τ_x = 1 / (α_x + β_x) (in ms)"),
    Variant("steady state beta / (alpha + beta)",
            edits=[("gate_kinetics",
                    'return {x: r["alpha_" + x] / (r["alpha_" + x] + '
                    'r["beta_" + x])',
                    'return {x: r["beta_" + x] / (r["alpha_" + x] + '
                    'r["beta_" + x])')],
            breaks="x_∞ = α_x / (α_x + β_x)"),
    # Part C
    Variant("gates updated with the new V (semi-implicit Euler)",
            edits=[("hh_step", "    r = hh_rates(V)\n", ""),
                   ("hh_step", "    m_new = m",
                    "    r = hh_rates(V_new)\n    m_new = m")],
            breaks="using **forward Euler**, every derivative evaluated at "
                   "the **old** state"),
    Variant("hh_step updates the given arrays in place",
            cells={"hh_step": _STEP_HEAD + '''\
    if not (np.isfinite(dt) and dt > 0):
        raise ValueError("dt must be a positive finite number")
    r = hh_rates(V)
    i_ion = (G_NA * m**3 * h * (V - E_NA) + G_K * n**4 * (V - E_K)
             + G_L * (V - E_L))
    dm = r["alpha_m"] * (1 - m) - r["beta_m"] * m
    dh = r["alpha_h"] * (1 - h) - r["beta_h"] * h
    dn = r["alpha_n"] * (1 - n) - r["beta_n"] * n
    V += dt * (I - i_ion) / C_M
    m += dt * dm
    h += dt * dh
    n += dt * dn
    return V, m, h, n
'''},
            breaks="Return the tuple (V_new, m_new, h_new, n_new) and do not "
                   "change the arrays you were given"),
    Variant("hh_step checks only dt <= 0 (nan and inf pass)",
            edits=[("hh_step",
                    "if not (np.isfinite(dt_value) and dt_value > 0):",
                    "if dt_value <= 0:")],
            breaks="If `dt` is not a positive finite number, raise a "
                   "`ValueError` that says so"),
    Variant("hh_step without the leak current",
            edits=[("hh_step", "\n             + G_L * (V - E_L))", ")")],
            breaks="the membrane equation needs ... the **leak term** "
                   "-g_L(V - E_L)"),
    # Part D
    Variant("K = int(t_max / dt) (truncates instead of rounding)",
            edits=[("hh_simulate", "    n_steps = round(ratio)\n",
                    "    n_steps = int(ratio)\n"),
                   ("hh_simulate", "or round(ratio) < 1:",
                    "or int(ratio) < 1:")],
            breaks="K = `round(t_max / dt)`"),
    Variant("time points np.linspace(0, t_max, K + 1)",
            edits=[("hh_simulate", "t = np.arange(n_steps + 1) * dt",
                    "t = np.linspace(0.0, t_max, n_steps + 1)")],
            breaks="the time points are t_k = k Δt for k = 0, 1, ..., K"),
    Variant("hh_simulate does not reject nan or infinite currents",
            edits=[("hh_simulate",
                    "    if not np.all(np.isfinite(currents)):\n"
                    "        raise ValueError(\"every current I must be "
                    "finite (no nan or inf)\")\n", "")],
            breaks="Raise a ValueError with a clear message ... if a current "
                   "is nan or infinite"),
    Variant("hh_simulate returns (K + 1, 1) arrays for a number I",
            edits=[("hh_simulate", "currents = np.asarray(I, dtype=float)",
                    "currents = np.atleast_1d(np.asarray(I, dtype=float))")],
            breaks="V, m, h, n of shape (K + 1,) for a number I"),
    Variant("hh_simulate accepts t_max shorter than one step",
            edits=[("hh_simulate",
                    "if not np.isfinite(ratio) or round(ratio) < 1:",
                    "if not np.isfinite(ratio):")],
            breaks="if t_max is shorter than one step "
                   "(round(t_max / dt) < 1)"),
    # Part E
    Variant("detect_spikes with V[i-1] <= threshold < V[i]",
            edits=[("detect_spikes",
                    "(V[:-1] < threshold) & (threshold <= V[1:])",
                    "(V[:-1] <= threshold) & (threshold < V[1:])")],
            breaks="V[i - 1] < threshold <= V[i] ... a trace that *touches* "
                   "the threshold from below (V[i] == threshold) counts"),
    Variant("detect_spikes reports t[i - 1]",
            edits=[("detect_spikes", "return t[1:][up]",
                    "return t[:-1][up]")],
            breaks="the spike's time is t[i] (no interpolation)"),
    Variant("detect_spikes counts t[0] when the trace starts above",
            edits=[("detect_spikes", "    return t[1:][up]",
                    "    if V.size and V[0] >= threshold:\n"
                    "        return np.concatenate([t[:1], t[1:][up]])\n"
                    "    return t[1:][up]")],
            breaks="a trace that starts at or above the threshold does not "
                   "count at t[0]"),
    Variant("detect_spikes without the length check",
            edits=[("detect_spikes",
                    "if t.ndim != 1 or V.ndim != 1 or t.shape != V.shape:",
                    "if t.ndim != 1 or V.ndim != 1:")],
            breaks="If t and V are not 1-D arrays of the same length, raise "
                   "a ValueError"),
    Variant("detect_spikes returns the indices i, not the times t[i]",
            edits=[("detect_spikes", "return t[1:][up]",
                    "return np.flatnonzero(up) + 1")],
            breaks="the spike's time is t[i] ... Return the spike times as a "
                   "1-D NumPy array of floats"),
    # Part F
    Variant("f-I curve in spikes per ms (no factor 1000)",
            edits=[("compute_fi_curve", "return counts / (t_max / 1000.0)",
                    "return counts / t_max")],
            breaks="return the **firing rate in Hz** (spikes per second): "
                   "f = number of spikes / (t_max / 1000)"),
    Variant("f-I curve ignores threshold (always 50 mV)",
            edits=[("compute_fi_curve",
                    "detect_spikes(t, V[:, j], threshold)",
                    "detect_spikes(t, V[:, j])")],
            breaks="count its spikes — the upward crossings of `threshold`"),
    Variant("f-I curve ignores dt (simulates at the default 0.01 ms)",
            edits=[("compute_fi_curve",
                    "hh_simulate(currents, t_max=t_max, dt=dt)",
                    "hh_simulate(currents, t_max=t_max)")],
            breaks="simulate one neuron from rest for t_max ms with step dt"),
    Variant("f-I curve divides by the simulated K dt, not t_max",
            edits=[("compute_fi_curve", "return counts / (t_max / 1000.0)",
                    "return counts / (t[-1] / 1000.0)")],
            breaks="f = number of spikes / (t_max / 1000)"),
    Variant("f-I curve accepts a number as one current (np.atleast_1d)",
            edits=[("compute_fi_curve",
                    "currents = np.asarray(currents, dtype=float)",
                    "currents = np.atleast_1d(np.asarray(currents, "
                    "dtype=float))")],
            breaks="`currents` must hold at least one current: a number, a "
                   "2-D array or an empty list is bad input"),
    Variant("f-I curve returns an empty array for an empty list",
            edits=[("compute_fi_curve",
                    "if currents.ndim != 1 or currents.size == 0:",
                    "if currents.ndim != 1:")],
            breaks="`currents` must hold at least one current: a number, a "
                   "2-D array or an empty list is bad input"),
    # Part G
    Variant("threshold search returns the midpoint of the final bracket",
            edits=[("find_threshold_current", "return float(hi)",
                    "return float((lo + hi) / 2)")],
            breaks="and return `hi` — an amplitude that fires, within `tol` "
                   "of the threshold"),
    Variant("threshold search does not check that lo stays silent",
            edits=[("find_threshold_current",
                    "    if fires(lo):\n"
                    "        raise ValueError(f\"lo = {lo} already fires: "
                    "lower it\")\n", "")],
            breaks="Raise a ValueError with a clear message ... if `lo` "
                   "already fires"),
    Variant("pulse window includes step round((start + length) / dt)",
            edits=[("find_threshold_current", "k_on <= k < k_off",
                    "k_on <= k <= k_off")],
            breaks="round(pulse_start / dt) <= k < "
                   "round((pulse_start + pulse_length) / dt)"),
    Variant("pulse window by float times start <= k dt < start + length",
            edits=[("find_threshold_current",
                    "current = amplitude if k_on <= k < k_off else 0.0",
                    "current = (amplitude if pulse_start <= k * dt "
                    "< pulse_start + pulse_length else 0.0)")],
            breaks="step k ... uses the current A when round(pulse_start / "
                   "dt) <= k < round((pulse_start + pulse_length) / dt)"),
    Variant("threshold search ignores pulse_start (pulse from t = 0)",
            edits=[("find_threshold_current",
                    "    k_on = round(pulse_start / dt)\n"
                    "    k_off = round((pulse_start + pulse_length) / dt)\n",
                    "    k_on = 0\n"
                    "    k_off = round(pulse_length / dt)\n")],
            breaks="step k uses the current A when round(pulse_start / dt) "
                   "<= k < round((pulse_start + pulse_length) / dt)"),
]

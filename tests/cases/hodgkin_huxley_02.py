"""Mutants and valid alternatives for source/02_hodgkin_huxley."""
from . import Alternative, Mutant

M = Mutant
SIM = {"test_simulate_trace", "test_simulate_spike_counts"}
MUTANTS = [
    # Part A: rates
    M("alpha_h with the slides' 0.7", "hh_rates",
      [('"alpha_h": 0.07 * np.exp', '"alpha_h": 0.7 * np.exp')],
      {"test_rates_values", "test_steady_states_and_time_constants",
       "test_euler_step", "test_simulate_trace"}),
    M("singularity not handled (nan at V = 10 and 25)", "hh_rates",
      [("return np.where(zero, 1.0, safe / np.expm1(safe))",
        "return u / np.expm1(u)")],
      {"test_rates_singularities", "test_euler_step"}),
    M("singularity handled but 0/0 evaluated (RuntimeWarning)", "hh_rates",
      [("safe = np.where(zero, 1.0, u)", "safe = u")],
      {"test_rates_singularities"}),
    M("wrong limit at the singularity", "hh_rates",
      [("return np.where(zero, 1.0,", "return np.where(zero, 0.5,")],
      {"test_rates_singularities"}),
    # exact at V = 10 and 25, but e^u - 1 loses its digits for |u| ~ 1e-13
    M("np.exp(u) - 1 instead of np.expm1 (inaccurate beside 10 and 25)",
      "hh_rates",
      [("safe / np.expm1(safe)", "safe / (np.exp(safe) - 1.0)")],
      {"test_rates_singularities"}),
    # the limit for |V - 10| < 1e-3 mV: off by 2.5e-5 at the window's edge
    M("limit returned in a window |u| < 1e-4 around the singularity",
      "hh_rates",
      [("zero = u == 0.0", "zero = np.abs(u) < 1e-4")],
      {"test_rates_singularities"}),
    # the series 1 - u/2 + u^2/12 for |u| < 0.3: within 1e-6 up to 1 mV
    # from the singularity (|u| <= 0.1), off by 3e-7 at 1.25 mV, where the
    # text asks for 1e-9
    M("series of u / (e^u - 1) used up to 3 mV from the singularities",
      "hh_rates",
      [("return np.where(zero, 1.0, safe / np.expm1(safe))",
        "return np.where(np.abs(u) < 0.3, 1 - u / 2 + u * u / 12,\n"
        "                        safe / np.expm1(safe))")],
      {"test_rates_values", "test_rates_singularities"}),
    M("rates delegated to nncourse.hh", "hh_rates",
      [("    V = np.asarray(V, dtype=float)\n",
        "    from nncourse.hh import rates as _course_rates\n"
        "    return dict(_course_rates(V)._asdict())\n")],
      {"test_rates_values", "test_rates_singularities",
       "test_steady_states_and_time_constants", "test_euler_step"} | SIM),
    # Part B: steady states and time constants
    M("steady state alpha / beta", "gate_kinetics",
      [('r["alpha_" + x] / (r["alpha_" + x] + r["beta_" + x])',
        'r["alpha_" + x] / r["beta_" + x]')],
      {"test_steady_states_and_time_constants", "test_simulate_trace"}),
    M("time constant alpha + beta", "gate_kinetics",
      [('1.0 / (r["alpha_" + x] + r["beta_" + x])',
        '(r["alpha_" + x] + r["beta_" + x])')],
      {"test_steady_states_and_time_constants"}),
    # Part C: one Euler step
    M("membrane equation with the slides' sign error", "hh_step",
      [("(I - I_ion)", "(I + I_ion)")],
      {"test_euler_step"} | SIM),
    M("leak term missing", "hh_step",
      [("\n             + G_L * (V - E_L))", ")")],
      {"test_euler_step", "test_simulate_trace"}),
    M("n cubed instead of n to the fourth", "hh_step",
      [("n**4", "n**3")],
      {"test_euler_step"} | SIM),
    M("gates updated with the new V", "hh_step",
      [("    r = hh_rates(V)\n", ""),
       ("V_new = V + dt * (I - I_ion) / C_M\n",
        "V_new = V + dt * (I - I_ion) / C_M\n    r = hh_rates(V_new)\n")],
      {"test_euler_step", "test_simulate_trace"}),
    M("m relaxes with beta_h (the wrong gate's rate)", "hh_step",
      [('r["beta_m"] * m)', 'r["beta_h"] * m)')],
      {"test_euler_step"} | SIM),
    M("V updated in place", "hh_step",
      [("V_new = V + dt * (I - I_ion) / C_M",
        "V_new = V\n    V_new += dt * (I - I_ion) / C_M")],
      {"test_euler_step"}),
    M("dt <= 0 accepted by hh_step", "hh_step",
      [("if not (np.isfinite(dt) and dt > 0):", "if not np.isfinite(dt):")],
      {"test_euler_step"}),
    # Part D: simulation
    M("gates start at 0.5", "hh_simulate",
      [("rest = gate_steady_states(0.0)",
        'rest = {"m": 0.5, "h": 0.5, "n": 0.5}')],
      {"test_simulate_trace"}),
    # 0.3 / 0.1 = 2.9999999999999996: int() makes 2 steps of the 3
    M("int(t_max / dt) steps instead of round", "hh_simulate",
      [("n_steps = int(round(t_max / dt))", "n_steps = int(t_max / dt)")],
      {"test_simulate_trace"}),
    M("time points spread evenly up to t_max (linspace)", "hh_simulate",
      [("t = dt * np.arange(n_steps + 1)",
        "t = np.linspace(0.0, t_max, n_steps + 1)")],
      {"test_simulate_trace"}),
    M("time grid np.arange(0, t_max + dt, dt) (one point too many)",
      "hh_simulate",
      [("t = dt * np.arange(n_steps + 1)",
        "t = np.arange(0.0, t_max + dt, dt)")],
      {"test_simulate_trace"}),
    M("one Euler step too few (last row never filled)", "hh_simulate",
      [("for k in range(n_steps):", "for k in range(n_steps - 1):")],
      SIM),
    M("time step ignored in the loop", "hh_simulate",
      [("state = hh_step(*state, I, dt)", "state = hh_step(*state, I, 0.01)")],
      SIM),
    M("t_max = inf or dt = inf accepted (only > 0 checked)", "hh_simulate",
      [("if not (np.isfinite(value) and value > 0):", "if not value > 0:")],
      {"test_simulate_trace"}),
    M("NaN current accepted", "hh_simulate",
      [("if not np.all(np.isfinite(I)):", "if False:")],
      {"test_simulate_trace", "test_fi_curve"}),
    M("simulation delegated to nncourse.hh", "hh_simulate",
      [("    rest = gate_steady_states(0.0)\n",
        "    from nncourse.hh import simulate as _course_simulate\n"
        "    res = _course_simulate(I, t_max, dt)\n"
        "    return res.t, res.V, res.m, res.h, res.n\n")],
      SIM | {"test_fi_curve"}),
    # Part E: spike detection
    M("spike detection counts every sample above threshold", "detect_spikes",
      [("up = (V[:-1] < threshold) & (V[1:] >= threshold)",
        "up = V[1:] >= threshold")],
      {"test_detect_spikes", "test_fi_curve"}),
    M("spike detection misses a touch of the threshold", "detect_spikes",
      [("(V[1:] >= threshold)", "(V[1:] > threshold)")],
      {"test_detect_spikes"}),
    M("spike detection with V[i-1] <= threshold", "detect_spikes",
      [("(V[:-1] < threshold)", "(V[:-1] <= threshold)")],
      {"test_detect_spikes"}),
    M("spike detection returns sample indices, not times", "detect_spikes",
      [("return t[1:][up]", "return np.flatnonzero(up) + 1.0")],
      {"test_detect_spikes"}),
    M("spike time t[i-1] instead of t[i]", "detect_spikes",
      [("return t[1:][up]", "return t[:-1][up]")],
      {"test_detect_spikes"}),
    M("a trace starting above threshold spikes at t[0]", "detect_spikes",
      [("return t[1:][up]",
        "return np.concatenate([t[:1][V[:1] >= threshold], t[1:][up]])")],
      {"test_detect_spikes"}),
    # Part F: f-I curve
    M("f-I in spikes per ms", "compute_fi_curve",
      [("return counts / (t_max / 1000.0)", "return counts / t_max")],
      {"test_fi_curve"}),
    M("f-I always divides by 100 ms", "compute_fi_curve",
      [("return counts / (t_max / 1000.0)", "return counts / 0.1")],
      {"test_fi_curve"}),
    M("f-I ignores dt", "compute_fi_curve",
      [("hh_simulate(currents, t_max, dt)", "hh_simulate(currents, t_max)")],
      {"test_fi_curve"}),
    M("f-I ignores its threshold (always 50 mV)", "compute_fi_curve",
      [("detect_spikes(t, V[:, j], threshold)", "detect_spikes(t, V[:, j])")],
      {"test_fi_curve"}),
    M("f-I takes only arrays (a list of currents fails)", "compute_fi_curve",
      [("    currents = np.asarray(currents, dtype=float)\n", "")],
      {"test_fi_curve"}),
    M("f-I returns an empty array for no currents", "compute_fi_curve",
      [("if currents.ndim != 1 or currents.size == 0:",
        "if currents.ndim != 1:")],
      {"test_fi_curve"}),
    M("f-I flattens a number or a 2-D array of currents", "compute_fi_curve",
      [("    currents = np.asarray(currents, dtype=float)\n",
        "    currents = np.asarray(currents, dtype=float).reshape(-1)\n")],
      {"test_fi_curve"}),
    # Part G: threshold current
    M("bisection returns hi without narrowing", "find_threshold_current",
      [("while hi - lo > tol:", "while False:")],
      {"test_threshold_current"}),
    M("bisection stops after 8 halvings", "find_threshold_current",
      [("while hi - lo > tol:", "for _ in range(8):")],
      {"test_threshold_current"}),
    M("bisection returns the midpoint of the last bracket",
      "find_threshold_current",
      [("return float(hi)", "return float((lo + hi) / 2)")],
      {"test_threshold_current"}),
    M("bisection returns lo, the end that does not fire",
      "find_threshold_current",
      [("return float(hi)", "return float(lo)")],
      {"test_threshold_current"}),
    M("pulse one step too long (k <= k_off)", "find_threshold_current",
      [("if k_on <= k < k_off", "if k_on <= k <= k_off")],
      {"test_threshold_current"}),
    M("pulse_start ignored (always 1 ms)", "find_threshold_current",
      [("k_on = int(round(pulse_start / dt))", "k_on = int(round(1.0 / dt))")],
      {"test_threshold_current"}),
    M("pulse length ignored (always 1 ms)", "find_threshold_current",
      [("k_off = int(round((pulse_start + pulse_length) / dt))",
        "k_off = int(round((pulse_start + 1.0) / dt))")],
      {"test_threshold_current"}),
    M("bracket never checked", "find_threshold_current",
      [("if not lo < hi:", "if False:"), ("if fires(lo):", "if False:"),
       ("if not fires(hi):", "if False:")],
      {"test_threshold_current"}),
    M("t_max <= 0 not checked; its absolute value used",
      "find_threshold_current",
      [('("dt", dt), ("t_max", t_max)):', '("dt", dt)):'),
       ("n_steps = int(round(t_max / dt))",
        "n_steps = int(round(abs(t_max) / dt))")],
      {"test_threshold_current"}),
    M("threshold delegated to nncourse.hh", "find_threshold_current",
      [("    n_steps = int(round(t_max / dt))\n",
        "    from nncourse.hh import threshold_current as _course_threshold\n"
        "    return _course_threshold(pulse_length, low=lo, high=hi, "
        "tol=tol, t_max=t_max, dt=dt)\n")],
      {"test_threshold_current"}),
    M("f-I rates divide by the simulated K dt, not t_max", "compute_fi_curve",
      [("return counts / (t_max / 1000.0)",
        "return counts / (t[-1] / 1000.0)")],
      {"test_fi_curve"}),
    M("pulse window by comparing times, not rounded steps",
      "find_threshold_current",
      [("current = amplitude if k_on <= k < k_off else 0.0",
        "current = (amplitude if pulse_start <= k * dt "
        "< pulse_start + pulse_length else 0.0)")],
      {"test_threshold_current"}),
    M("detect_spikes takes numbers for t and V", "detect_spikes",
      [("if t.ndim != 1 or V.shape != t.shape:",
        "if t.ndim > 1 or V.shape != t.shape:")],
      {"test_detect_spikes"}),
]

# Mutants that are graded a second time with every comparison helper of the
# kernel patched to agree: they must score exactly as without the patch.
PATCHED = ["alpha_h with the slides' 0.7",
           "membrane equation with the slides' sign error",
           "spike detection counts every sample above threshold",
           "f-I in spikes per ms"]

ALTERNATIVES = [
    Alternative("plain Python loops, the math module and a Taylor series", {
        "hh_rates": '''
import math


def _scalar_rates(v):
    def x_over_expm1(u):
        if abs(u) < 1e-5:                  # series of u / (e^u - 1)
            return 1 - u / 2 + u * u / 12
        return u / math.expm1(u)
    return (0.1 * x_over_expm1((10 - v) / 10), 0.125 * math.exp(-v / 80),
            x_over_expm1((25 - v) / 10), 4 * math.exp(-v / 18),
            0.07 * math.exp(-v / 20), 1 / (math.exp((30 - v) / 10) + 1))


def hh_rates(V):
    V = np.asarray(V, dtype=float)
    out = np.zeros((6,) + V.shape)
    for idx in np.ndindex(V.shape):
        out[(slice(None),) + idx] = _scalar_rates(float(V[idx]))
    keys = ["alpha_n", "beta_n", "alpha_m", "beta_m", "alpha_h", "beta_h"]
    return {k: out[i] for i, k in enumerate(keys)}
''',
        "gate_kinetics": '''
def gate_steady_states(V):
    r = hh_rates(V)
    result = {}
    for gate in ["m", "h", "n"]:
        a, b = r["alpha_" + gate], r["beta_" + gate]
        result[gate] = a * (1.0 / (a + b))
    return result


def gate_time_constants(V):
    r = hh_rates(V)
    return {g: 1 / (r["alpha_" + g] + r["beta_" + g]) for g in ("n", "m", "h")}
''',
        "hh_step": '''
def hh_step(V, m, h, n, I, dt):
    if not dt > 0 or dt == float("inf"):
        raise ValueError("dt has to be a positive, finite time step in ms")
    V, m, h, n = (np.array(x, dtype=float) for x in (V, m, h, n))
    r = hh_rates(V)
    dV = (I - G_NA * m * m * m * h * (V - E_NA) - G_K * n * n * n * n
          * (V - E_K) - G_L * (V - E_L)) / C_M
    dm = r["alpha_m"] * (1 - m) - r["beta_m"] * m
    dh = r["alpha_h"] * (1 - h) - r["beta_h"] * h
    dn = r["alpha_n"] * (1 - n) - r["beta_n"] * n
    return V + dt * dV, m + dt * dm, h + dt * dh, n + dt * dn
''',
        "hh_simulate": '''
def _one_neuron(current, n_steps, dt):
    """Euler in plain floats; returns four lists."""
    rest = gate_steady_states(0.0)
    v, m, h, n = 0.0, float(rest["m"]), float(rest["h"]), float(rest["n"])
    Vs, ms, hs, ns = [v], [m], [h], [n]
    for k in range(n_steps):
        an, bn, am, bm, ah, bh = _scalar_rates(v)
        i_ion = (G_NA * m ** 3 * h * (v - E_NA) + G_K * n ** 4 * (v - E_K)
                 + G_L * (v - E_L))
        v, m, h, n = (v + dt * (current - i_ion) / C_M,
                      m + dt * (am * (1 - m) - bm * m),
                      h + dt * (ah * (1 - h) - bh * h),
                      n + dt * (an * (1 - n) - bn * n))
        Vs.append(v); ms.append(m); hs.append(h); ns.append(n)
    return Vs, ms, hs, ns


def hh_simulate(I, t_max=100.0, dt=0.01):
    if not (0 < dt < float("inf")) or not (0 < t_max < float("inf")):
        raise ValueError("dt and t_max must be positive finite times in ms")
    n_steps = round(t_max / dt)
    if n_steps == 0:
        raise ValueError("t_max must be at least one time step long")
    currents = np.atleast_1d(np.asarray(I, dtype=float))
    if currents.ndim != 1 or np.isnan(currents).any() \\
            or np.isinf(currents).any():
        raise ValueError("I must be a finite number or a 1-D array of them")
    runs = [_one_neuron(float(c), n_steps, dt) for c in currents]
    t = np.array([k * dt for k in range(n_steps + 1)])
    arrays = [np.array([run[i] for run in runs]).T for i in range(4)]
    if np.ndim(I) == 0:
        arrays = [a[:, 0] for a in arrays]
    return (t, *arrays)
''',
        "detect_spikes": '''
def detect_spikes(t, V, threshold=50.0):
    if np.ndim(t) != 1 or np.ndim(V) != 1 or len(t) != len(V):
        raise ValueError("t and V have to be 1-D and equally long")
    times = []
    for i in range(1, len(V)):
        if V[i - 1] < threshold and V[i] >= threshold:
            times.append(float(t[i]))
    return np.array(times, dtype=float)
''',
        "compute_fi_curve": '''
def compute_fi_curve(currents, t_max=100.0, dt=0.01, threshold=50.0):
    if np.ndim(currents) != 1 or len(currents) == 0:
        raise ValueError("currents must be a non-empty list or 1-D array")
    rates = []
    for current in np.asarray(currents, dtype=float):
        t, V, *_ = hh_simulate(float(current), t_max, dt)
        rates.append(len(detect_spikes(t, V, threshold)) * 1000.0 / t_max)
    return np.array(rates)
''',
        "find_threshold_current": '''
def _fires(amplitude, pulse_start, pulse_length, t_max, dt):
    rest = gate_steady_states(0.0)
    v, m, h, n = 0.0, float(rest["m"]), float(rest["h"]), float(rest["n"])
    on, off = round(pulse_start / dt), round((pulse_start + pulse_length) / dt)
    for k in range(round(t_max / dt)):
        current = amplitude if on <= k < off else 0.0
        an, bn, am, bm, ah, bh = _scalar_rates(v)
        i_ion = (G_NA * m ** 3 * h * (v - E_NA) + G_K * n ** 4 * (v - E_K)
                 + G_L * (v - E_L))
        v_new = v + dt * (current - i_ion) / C_M
        m, h, n = (m + dt * (am * (1 - m) - bm * m),
                   h + dt * (ah * (1 - h) - bh * h),
                   n + dt * (an * (1 - n) - bn * n))
        if v < SPIKE_LEVEL <= v_new:
            return True
        v = v_new
    return False


def find_threshold_current(pulse_length=1.0, lo=0.0, hi=50.0, tol=0.01,
                           pulse_start=1.0, t_max=10.0, dt=0.01):
    if lo >= hi:
        raise ValueError("lo must be smaller than hi")
    if min(tol, pulse_length, dt, t_max) <= 0:
        raise ValueError("tol, pulse_length, dt and t_max must be positive")
    args = (pulse_start, pulse_length, t_max, dt)
    if _fires(lo, *args) or not _fires(hi, *args):
        raise ValueError("the bracket [lo, hi] does not contain the "
                         "threshold: lo must stay silent and hi must fire")

    def search(lo, hi):
        if hi - lo <= tol:
            return hi
        mid = (lo + hi) / 2
        return search(lo, mid) if _fires(mid, *args) else search(mid, hi)
    return search(lo, hi)
''',
    }),
    Alternative("np.where under np.errstate, stacked arrays and a "
                "vectorised bracket search", {
        "hh_rates": '''
def hh_rates(V):
    V = np.asarray(V, dtype=np.float64)
    un, um = 1.0 - V / 10.0, 2.5 - V / 10.0
    with np.errstate(invalid="ignore", divide="ignore"):
        an = np.where(un == 0, 0.1, 0.1 * un / np.expm1(un))
        am = np.where(um == 0, 1.0, um / np.expm1(um))
    return dict(alpha_n=an, beta_n=0.125 * np.exp(-V / 80),
                alpha_m=am, beta_m=4 * np.exp(-V / 18),
                alpha_h=0.07 * np.exp(-V / 20),
                beta_h=1 / (1 + np.exp(3 - V / 10)))
''',
        "hh_step": '''
def hh_step(V, m, h, n, I, dt):
    if not np.isfinite(dt) or dt <= 0:
        raise ValueError(f"hh_step needs dt > 0 (ms), not {dt!r}")
    r = hh_rates(V)
    g_na = G_NA * np.power(m, 3) * h
    g_k = G_K * np.power(n, 4)
    dVdt = (I - g_na * (V - E_NA) - g_k * (V - E_K) - G_L * (V - E_L)) / C_M
    gates = np.array([m, h, n], dtype=float)
    alpha = np.array([r["alpha_m"], r["alpha_h"], r["alpha_n"]])
    beta = np.array([r["beta_m"], r["beta_h"], r["beta_n"]])
    m_new, h_new, n_new = gates + dt * (alpha * (1 - gates) - beta * gates)
    return V + dt * dVdt, m_new, h_new, n_new
''',
        "hh_simulate": '''
def _check_times(t_max, dt):
    for name, value in [("t_max", t_max), ("dt", dt)]:
        if not np.isfinite(value) or value <= 0:
            raise ValueError(f"{name} must be a positive time in ms")
    steps = int(np.rint(t_max / dt))
    if steps < 1:
        raise ValueError("t_max must cover at least one time step")
    return steps


def hh_simulate(I, t_max=100.0, dt=0.01):
    steps = _check_times(t_max, dt)
    I = np.array(I, dtype=float)
    if not np.isfinite(I).all():
        raise ValueError("every current must be a finite number")
    x0 = gate_steady_states(np.zeros_like(I))
    state = [np.zeros_like(I), x0["m"], x0["h"], x0["n"]]
    history = [state]
    for _ in range(steps):
        state = list(hh_step(*state, I, dt))
        history.append(state)
    V, m, h, n = np.moveaxis(np.array(history), 1, 0)
    return np.arange(steps + 1) * dt, V, m, h, n
''',
        "detect_spikes": '''
def detect_spikes(t, V, threshold=50.0):
    t, V = np.asarray(t, dtype=float), np.asarray(V, dtype=float)
    if t.shape != V.shape or V.ndim != 1:
        raise ValueError(f"t {t.shape} and V {V.shape}: need two 1-D arrays "
                         "of one length")
    above = (V >= threshold).astype(int)
    idx = np.flatnonzero(np.diff(above) == 1) + 1
    return t[idx]
''',
        "compute_fi_curve": '''
def compute_fi_curve(currents, t_max=100.0, dt=0.01, threshold=50.0):
    currents = np.asarray(currents, dtype=float)
    if currents.shape[:1] == (0,) or currents.ndim != 1:
        raise ValueError(f"need one or more currents in a 1-D array, not "
                         f"an array of shape {currents.shape}")
    t, V, *_ = hh_simulate(currents, t_max, dt)
    above = V >= threshold
    n_spikes = np.sum(~above[:-1] & above[1:], axis=0)
    return n_spikes / t_max * 1e3
''',
        "find_threshold_current": '''
def _fire_many(amplitudes, pulse_start, pulse_length, t_max, dt):
    steps = _check_times(t_max, dt)
    A = np.asarray(amplitudes, dtype=float)
    on = int(np.rint(pulse_start / dt))
    off = int(np.rint((pulse_start + pulse_length) / dt))
    x0 = gate_steady_states(0.0)
    V = np.zeros_like(A)
    m, h, n = (np.full_like(A, x0[g]) for g in "mhn")
    fired = np.zeros(A.shape, dtype=bool)
    for k in range(steps):
        V_new, m, h, n = hh_step(V, m, h, n, A if on <= k < off else 0.0, dt)
        fired |= (V < 50.0) & (V_new >= 50.0)
        V = V_new
    return fired


def find_threshold_current(pulse_length=1.0, lo=0.0, hi=50.0, tol=0.01,
                           pulse_start=1.0, t_max=10.0, dt=0.01):
    if not lo < hi:
        raise ValueError(f"the bracket needs lo < hi, got [{lo}, {hi}]")
    if not (tol > 0 and pulse_length > 0):
        raise ValueError("tol and pulse_length must be positive")
    args = (pulse_start, pulse_length, t_max, dt)
    fires_lo, fires_hi = _fire_many([lo, hi], *args)
    if fires_lo or not fires_hi:
        raise ValueError("lo must not fire and hi must fire")
    # bisection on 7 points at once: each round shrinks the bracket 8-fold
    while hi - lo > tol:
        grid = np.linspace(lo, hi, 9)[1:-1]
        fired = _fire_many(grid, *args)
        first = int(np.argmax(fired)) if fired.any() else len(grid)
        lo = grid[first - 1] if first > 0 else lo
        hi = grid[first] if first < len(grid) else hi
    return float(hi)
''',
    }),
    # The limit in a window of 1e-6 mV is within the stated 1e-6 (the rate
    # moves from it by |V - 10| / 20); a bisection that counts its halvings
    # in advance ends on the same bracket.
    Alternative("the limit within 1e-6 mV, a counted bisection", edits=[
        ("hh_rates", [("zero = u == 0.0", "zero = np.abs(u) < 1e-7")]),
        ("find_threshold_current", [
            ("    while hi - lo > tol:\n",
             "    import math\n"
             "    halvings = max(0, math.ceil(math.log2((hi - lo) / tol)))\n"
             "    for _ in range(halvings):\n")]),
    ]),
    # Correct code whose output goes to stderr: nbgrader would score it 0
    # without the IgnorePattern setting in nbgrader_config.py.
    Alternative("the reference, chatty: warnings, a RuntimeWarning, stderr",
                edits=[
        ("hh_simulate", [("    rest = gate_steady_states(0.0)",
                          "    import warnings\n"
                          "    warnings.warn(f'simulating {n_steps} steps')\n"
                          "    rest = gate_steady_states(0.0)")]),
        ("detect_spikes", [("    up = (V[:-1]",
                            "    import sys\n"
                            "    print('detecting', V.shape, file=sys.stderr)"
                            "\n    up = (V[:-1]")]),
        ("compute_fi_curve", [("    t, V = hh_simulate(",
                               "    np.log(np.zeros(1))   # RuntimeWarning\n"
                               "    t, V = hh_simulate(")]),
        ("find_threshold_current", [
            ("    while hi - lo > tol:",
             "    import warnings\n"
             "    warnings.warn('bisecting', RuntimeWarning)\n"
             "    while hi - lo > tol:")]),
    ]),
]

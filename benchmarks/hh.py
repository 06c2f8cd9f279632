"""Timing of the Hodgkin-Huxley simulator (nncourse/hh.py, lecture 02).

Run with ``.venv/bin/python -m benchmarks.hh``. It times

1. one 100 ms simulation at dt = 0.01 ms (10,000 steps, one neuron);
2. the "slider redraw": the same simulation plus updating and drawing a
   Matplotlib figure (Agg), which is what an interactive slider does;
3. an f-I curve of 200 currents x 100 ms (all neurons simulated together);
4. the same single simulation with ``scipy.integrate.solve_ivp`` (LSODA,
   rtol = atol = 1e-8) as the baseline,

and prints the best of several repeats (wall clock and CPU time) with the
ratio against the solve_ivp baseline. Targets: the redraw under 100 ms and
the f-I curve under 1 s.
"""

import math
import os
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from scipy.integrate import solve_ivp  # noqa: E402

from nncourse import hh  # noqa: E402

REPEATS = 5


def best_time(func, repeats=REPEATS):
    """Smallest wall-clock and CPU time over ``repeats`` calls, in seconds."""
    wall, cpu = math.inf, math.inf
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        func()
        wall = min(wall, time.perf_counter() - w0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu


def solve_ivp_run(current=10.0, p=None):
    """The baseline: the same 100 ms run with LSODA and plain-float rates,
    with the parameters ``p`` (default: the 1952 squid axon's)."""
    p = p or hh.HHParams()
    exp, expm1 = math.exp, math.expm1

    def rhs(t, y):
        V, m, h, n = y
        u = 2.5 - 0.1 * V
        am = u / expm1(u) if u != 0 else 1.0
        u = 1.0 - 0.1 * V
        an = 0.1 * u / expm1(u) if u != 0 else 0.1
        bm, ah = 4.0 * exp(-V / 18), 0.07 * exp(-V / 20)
        bh, bn = 1.0 / (exp(3.0 - 0.1 * V) + 1.0), 0.125 * exp(-V / 80)
        i_ion = (p.g_Na * m**3 * h * (V - p.E_Na)
                 + p.g_K * n**4 * (V - p.E_K) + p.g_L * (V - p.E_L))
        return [(current - i_ion) / p.C, am * (1 - m) - bm * m,
                ah * (1 - h) - bh * h, an * (1 - n) - bn * n]

    y0 = [0.0, *hh.steady_state(0.0)]
    t_eval = hh.time_grid(100.0, 0.01)
    return solve_ivp(rhs, (0.0, 100.0), y0, method="LSODA", rtol=1e-8,
                     atol=1e-8, t_eval=t_eval)


def main():
    # One figure reused for every redraw, as the lecture's slider does.
    fig, ax = plt.subplots(figsize=(8, 3.5))
    res = hh.simulate(10.0)
    (line,) = ax.plot(res.t, res.V)
    ax.set(xlabel="time (ms)", ylabel="V (mV)", title="redraw",
           ylim=(-20, 120))
    fig.canvas.draw()
    currents = np.linspace(0.0, 50.0, 200)
    hh.fi_curve(currents[:5], t_max=1.0)  # build the lookup table once

    def redraw():
        r = hh.simulate(10.0)
        line.set_data(r.t, r.V)
        fig.canvas.draw()

    timings = {
        "single simulation (100 ms, 1 neuron)":
            best_time(lambda: hh.simulate(10.0)),
        "slider redraw (simulation + plot)": best_time(redraw),
        "f-I curve (200 currents x 100 ms)":
            best_time(lambda: hh.fi_curve(currents), repeats=3),
        "solve_ivp LSODA baseline (1 neuron)":
            best_time(solve_ivp_run, repeats=3),
    }
    baseline = timings["solve_ivp LSODA baseline (1 neuron)"][0]
    print(f"Hodgkin-Huxley benchmark (best of {REPEATS}, f-I and solve_ivp "
          f"best of 3); machine load average {os.getloadavg()[0]:.2f}")
    print(f"{'task':40s} {'wall (ms)':>10s} {'CPU (ms)':>10s} "
          f"{'/ solve_ivp':>12s}")
    for name, (wall, cpu) in timings.items():
        print(f"{name:40s} {1e3 * wall:10.1f} {1e3 * cpu:10.1f} "
              f"{wall / baseline:12.3f}")
    redraw_ms = 1e3 * timings["slider redraw (simulation + plot)"][0]
    fi_s = timings["f-I curve (200 currents x 100 ms)"][0]
    print(f"f-I curve per neuron: {1e3 * fi_s / currents.size:.2f} ms, "
          f"{baseline * currents.size / fi_s:.0f} times faster than "
          f"solve_ivp per neuron")
    print(f"redraw under 100 ms: {'yes' if redraw_ms < 100 else 'NO'}; "
          f"f-I curve under 1 s: {'yes' if fi_s < 1 else 'NO'}")
    plt.close(fig)


if __name__ == "__main__":
    main()

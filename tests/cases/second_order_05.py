"""Mutants and valid alternatives for source/05_second_order."""
from . import Alternative, Mutant

M = Mutant
BFGS_CELLS = {"test_bfgs_secant_and_symmetry",
              "test_bfgs_is_inverse_of_direct_update",
              "test_bfgs_recovers_inverse_hessian"}
MUTANTS = [
    # Part A: the BFGS inverse update
    M("the slide's update (B form, s's denominator) used as the inverse",
      "bfgs_inverse_update",
      [("    left = np.eye(n) - rho * np.outer(s, r)\n"
        "    W = left @ V @ left.T + rho * np.outer(s, s)\n",
        "    Vs = V @ s\n"
        "    W = V - np.outer(Vs, Vs) / (s @ Vs) "
        "+ np.outer(r, r) / (s @ s)\n")],
      BFGS_CELLS),
    M("the B update used as if it were the inverse update",
      "bfgs_inverse_update",
      [("    left = np.eye(n) - rho * np.outer(s, r)\n"
        "    W = left @ V @ left.T + rho * np.outer(s, s)\n",
        "    Vs = V @ s\n"
        "    W = V - np.outer(Vs, Vs) / (s @ Vs) + rho * np.outer(r, r)\n")],
      BFGS_CELLS),
    M("rho = 1 / (s @ s)", "bfgs_inverse_update",
      [("rho = 1.0 / curvature", "rho = 1.0 / float(s @ s)")],
      BFGS_CELLS),
    M("the rho s s' term forgotten", "bfgs_inverse_update",
      [("W = left @ V @ left.T + rho * np.outer(s, s)",
        "W = left @ V @ left.T")],
      BFGS_CELLS),
    M("s and r swapped in the projector (the B form)", "bfgs_inverse_update",
      [("left = np.eye(n) - rho * np.outer(s, r)",
        "left = np.eye(n) - rho * np.outer(r, s)"),
       ("rho * np.outer(s, s)", "rho * np.outer(r, r)")],
      BFGS_CELLS),
    M("curvature condition not checked", "bfgs_inverse_update",
      [("if not curvature > 0:", "if curvature == 0:")],
      {"test_bfgs_bad_input"}),
    M("symmetry of V not checked", "bfgs_inverse_update",
      [("if np.abs(V - V.T).max(initial=0.0) > tol:", "if False:")],
      {"test_bfgs_bad_input"}),
    # Part B: Levenberg-Marquardt
    M("LM damping with the identity instead of diag(J'J)", "lm_step",
      [("damped = JTJ + mu * np.diag(np.diag(JTJ))",
        "damped = JTJ + mu * np.eye(len(JTJ))")],
      {"test_lm_step_solves_damped_system", "test_lm_step_limits"}),
    M("LM step with the wrong sign", "lm_step",
      [("return np.linalg.solve(damped, -(J.T @ e))",
        "return np.linalg.solve(damped, J.T @ e)")],
      {"test_lm_step_solves_damped_system", "test_lm_step_limits"}),
    M("LM damping added to the identity scale (mu * (I + diag))", "lm_step",
      [("damped = JTJ + mu * np.diag(np.diag(JTJ))",
        "damped = JTJ + mu * (np.eye(len(JTJ)) + np.diag(np.diag(JTJ)))")],
      {"test_lm_step_solves_damped_system", "test_lm_step_limits"}),
    M("negative mu accepted", "lm_step",
      [("if not np.isfinite(mu) or mu < 0:", "if not np.isfinite(mu):")],
      {"test_lm_step_solves_damped_system"}),
    M("mu update inverted", "lm_step",
      [("mu = mu / factor if improved else mu * factor",
        "mu = mu * factor if improved else mu / factor")],
      {"test_lm_update_mu"}),
    M("mu never clipped", "lm_step",
      [("return float(min(max(mu, mu_min), mu_max))", "return float(mu)")],
      {"test_lm_update_mu"}),
    # Part C: conjugate gradients
    M("Fletcher-Reeves and Polak-Ribiere swapped", "cg_beta",
      [('if method == "fletcher-reeves":', 'if method == "polak-ribiere":')],
      {"test_cg_beta_formulas", "test_cg_beta_restart_and_errors"}),
    M("Polak-Ribiere without the - g_old term", "cg_beta",
      [("float(g_new @ (g_new - g_old))", "float(g_new @ g_new)")],
      {"test_cg_beta_formulas", "test_cg_beta_restart_and_errors"}),
    M("Polak-Ribiere not clipped at zero", "cg_beta",
      [("return max(0.0, float(g_new @ (g_new - g_old)) / old_norm2)",
        "return float(g_new @ (g_new - g_old)) / old_norm2")],
      {"test_cg_beta_formulas"}),
    M("no restart", "cg_beta",
      [("        if k % restart_every == 0:\n            return 0.0\n", "")],
      {"test_cg_beta_restart_and_errors"}),
    M("restart one step late", "cg_beta",
      [("if k % restart_every == 0:", "if (k - 1) % restart_every == 0:")],
      {"test_cg_beta_restart_and_errors"}),
    M("unknown method falls back to Polak-Ribiere", "cg_beta",
      [('if method not in ("fletcher-reeves", "polak-ribiere"):',
        "if False:")],
      {"test_cg_beta_restart_and_errors"}),
    # Part D: line search and minimiser
    M("line search never backtracks", "backtracking_line_search",
      [("if f_new <= f + c * alpha * slope:", "if True:")],
      {"test_backtracking_line_search", "test_bfgs_minimizes_rosenbrock"}),
    M("line search accepts any decrease (no Armijo term)",
      "backtracking_line_search",
      [("if f_new <= f + c * alpha * slope:", "if f_new <= f:")],
      {"test_backtracking_line_search"}),
    M("line search returns the last trial instead of 0",
      "backtracking_line_search",
      [("        alpha *= shrink\n    return 0.0",
        "        alpha *= shrink\n    return alpha / shrink")],
      {"test_backtracking_line_search"}),
    M("CG ignores beta (steepest descent)", "minimize",
      [("d = -g_new + beta * d", "d = -g_new")],
      {"test_minimize_quadratic_exact_steps"}),
    M("BFGS never updates V (steepest descent)", "minimize",
      [("V = bfgs_inverse_update(V, s, r)", "V = V")],
      {"test_minimize_quadratic_exact_steps",
       "test_bfgs_minimizes_rosenbrock",
       "test_bfgs_trains_network_like_scipy"}),
    M("line_search argument ignored", "minimize",
      [("    if line_search is None:\n"
        "        line_search = backtracking_line_search\n",
        "    line_search = backtracking_line_search\n")],
      {"test_minimize_quadratic_exact_steps"}),
    M("history misses f(x0)", "minimize",
      [("history = [float(f)]", "history = []")],
      {"test_minimize_quadratic_exact_steps",
       "test_bfgs_minimizes_rosenbrock",
       "test_bfgs_trains_network_like_scipy"}),
    M("returns the starting loss", "minimize",
      [("return x, float(f), n_iter, history",
        "return x, history[0], n_iter, history")],
      {"test_minimize_quadratic_exact_steps",
       "test_bfgs_trains_network_like_scipy"}),
    M("minimize steps x0 in place (the caller's x0 changes)", "minimize",
      [("x = np.array(x0, dtype=float)", "x = np.asarray(x0, dtype=float)"),
       ("x, f, g = x_new, f_new, g_new",
        "x[:] = x_new\n        f, g = f_new, g_new")],
      {"test_minimize_quadratic_exact_steps"}),
    M("minimize keeps x0's integer dtype (steps are truncated)", "minimize",
      [("x = np.array(x0, dtype=float)", "x = np.array(x0)"),
       ("x, f, g = x_new, f_new, g_new",
        "x[:] = x_new\n        f, g = f_new, g_new")],
      {"test_minimize_quadratic_exact_steps"}),
    M("lm_update_mu's ValueError says only 'bad mu'", "lm_step",
      [('raise ValueError(f"mu must be >= 0, got {mu}.")',
        'raise ValueError("bad mu")')],
      {"test_lm_update_mu"}),
    # issue 15: stated clauses that no test checked before, and more slips
    M("symmetry checked at 1e-8, below float32 rounding",
      "bfgs_inverse_update",
      [("tol = 1000 * float(np.finfo(np.float32).eps) * scale",
        "tol = 1e-8 * scale")],
      {"test_bfgs_bad_input"}),
    M("symmetry tolerance relative to max|V| alone (no max(1, ...))",
      "bfgs_inverse_update",
      [("scale = max(1.0, float(np.abs(V).max(initial=0.0)))",
        "scale = float(np.abs(V).max(initial=0.0))")],
      {"test_bfgs_bad_input"}),
    M("r @ s == 0 accepted (division by zero)", "bfgs_inverse_update",
      [("if not curvature > 0:", "if curvature < 0:")],
      {"test_bfgs_bad_input"}),
    M("mu clipped before it is updated", "lm_step",
      [("    mu = mu / factor if improved else mu * factor\n"
        "    return float(min(max(mu, mu_min), mu_max))",
        "    mu = min(max(mu, mu_min), mu_max)\n"
        "    return float(mu / factor if improved else mu * factor)")],
      {"test_lm_update_mu"}),
    M("factor = 1 accepted", "lm_step",
      [("if not factor > 1:", "if factor < 1:")],
      {"test_lm_update_mu"}),
    M("a zero g_old not checked", "cg_beta",
      [("    if old_norm2 == 0:\n", "    if False:\n")],
      {"test_cg_beta_restart_and_errors"}),
    M("a zero g_old refused before a restart", "cg_beta",
      [("    if restart_every is not None:\n",
        "    if not np.any(g_old):\n"
        "        raise ValueError(\"g_old is zero.\")\n"
        "    if restart_every is not None:\n")],
      {"test_cg_beta_restart_and_errors"}),
    M("line search tries one step too few", "backtracking_line_search",
      [("for _ in range(max_steps + 1):", "for _ in range(max_steps):")],
      {"test_backtracking_line_search"}),
    M("line search ignores max_steps (always 50)", "backtracking_line_search",
      [("for _ in range(max_steps + 1):", "for _ in range(51):")],
      {"test_backtracking_line_search"}),
    M("strict < in the Armijo test", "backtracking_line_search",
      [("if f_new <= f + c * alpha * slope:",
        "if f_new < f + c * alpha * slope:")],
      {"test_backtracking_line_search"}),
    M("CG minimise without the restart every n steps", "minimize",
      [("beta = cg_beta(g_new, g, d, names[method], k=n_iter,\n"
        "                           restart_every=n)",
        "beta = cg_beta(g_new, g, d, names[method])")],
      {"test_minimize_quadratic_exact_steps"}),
    M("CG restarts one step late (k = n_iter + 1)", "minimize",
      [("names[method], k=n_iter,", "names[method], k=n_iter + 1,")],
      {"test_minimize_quadratic_exact_steps"}),
    M("CG never resets an uphill direction", "minimize",
      [("        if g @ d >= 0:\n",
        "        if method == 'bfgs' and g @ d >= 0:\n")],
      {"test_minimize_quadratic_exact_steps"}),
    M("minimise goes on after alpha = 0", "minimize",
      [("        if alpha == 0:\n            break\n", "")],
      {"test_minimize_quadratic_exact_steps"}),
    M("lm_update_mu refuses mu = 0", "lm_step",
      [("    if mu < 0:", "    if mu <= 0:")],
      {"test_lm_update_mu"}),
    M("minimize stops on the largest gradient entry", "minimize",
      [("np.linalg.norm(g) > tol", "np.abs(g).max() > tol")],
      {"test_minimize_quadratic_exact_steps"}),
    M("line search tries one step too few for an odd max_steps",
      "backtracking_line_search",
      [("for _ in range(max_steps + 1):", "for _ in range(max_steps | 1):")],
      {"test_backtracking_line_search"}),
    M("lm_step takes a number as e", "lm_step",
      [("e.ndim != 1", "e.ndim > 1")],
      {"test_lm_step_solves_damped_system"}),
    M("minimize steps on while ||g|| = tol", "minimize",
      [("np.linalg.norm(g) > tol", "np.linalg.norm(g) >= tol")],
      {"test_minimize_quadratic_exact_steps"}),
]

# Mutants that are graded a second time with every comparison helper of the
# kernel patched to agree: they must score exactly as without the patch.
PATCHED = ["rho = 1 / (s @ s)", "LM step with the wrong sign",
           "Polak-Ribiere without the - g_old term",
           "CG ignores beta (steepest descent)"]

ALTERNATIVES = [
    Alternative("expanded Sherman-Morrison form, least-squares LM, loops", {
        "bfgs_inverse_update": '''
def bfgs_inverse_update(V, s, r):
    V = np.array(V, dtype=float)
    s = np.array(s, dtype=float)
    r = np.array(r, dtype=float)
    if V.ndim != 2 or V.shape[0] != V.shape[1]:
        raise ValueError("V must be square")
    n = len(V)
    if s.shape != (n,) or r.shape != (n,):
        raise ValueError("s and r must be vectors of the size of V")
    tol = 1000 * np.finfo(np.float32).eps * max(1.0, abs(V).max())
    for i in range(n):
        for j in range(i):
            if abs(V[i, j] - V[j, i]) > tol:
                raise ValueError("V must be symmetric")
    rs = sum(r[i] * s[i] for i in range(n))
    if rs <= 0:
        raise ValueError("need r @ s > 0 (curvature condition)")
    Vr = V @ r
    rVr = r @ Vr
    return (V - (np.outer(s, Vr) + np.outer(Vr, s)) / rs
            + (1 + rVr / rs) * np.outer(s, s) / rs)
''',
        "lm_step": '''
def lm_step(J, e, mu):
    J = np.asarray(J, dtype=np.float64)
    e = np.asarray(e, dtype=np.float64)
    if J.ndim != 2 or e.ndim != 1:
        raise ValueError("J must be 2-D and e 1-D")
    if len(J) != len(e):
        raise ValueError("J needs one row per residual in e")
    if not mu >= 0 or mu == float("inf"):
        raise ValueError("mu must be a finite number >= 0")
    # Solve the damped system as a least-squares problem:
    # [J; sqrt(mu D)] delta = [-e; 0] has the same normal equations.
    D = np.sqrt(mu * np.sum(J * J, axis=0))
    A = np.vstack([J, np.diag(D)])
    rhs = np.concatenate([-e, np.zeros(J.shape[1])])
    return np.linalg.lstsq(A, rhs, rcond=None)[0]


def lm_update_mu(mu, improved, factor=10.0, mu_min=1e-10, mu_max=1e10):
    if mu < 0 or factor <= 1:
        raise ValueError("need mu >= 0 and factor > 1")
    new = mu * (1.0 / factor if improved else factor)
    return float(np.clip(new, mu_min, mu_max))
''',
        "cg_beta": '''
BETAS = {
    "fletcher-reeves": lambda gn, go: (gn @ gn) / (go @ go),
    "polak-ribiere": lambda gn, go: max((gn @ (gn - go)) / (go @ go), 0.0),
}


def cg_beta(g_new, g_old, d_old, method="fletcher-reeves", k=None,
            restart_every=None):
    try:
        formula = BETAS[method]
    except KeyError:
        raise ValueError(f"method must be one of {sorted(BETAS)}") from None
    gn, go, do = (np.atleast_1d(np.asarray(a, dtype=np.float32))
                  for a in (g_new, g_old, d_old))
    if gn.ndim != 1 or gn.shape != go.shape or gn.shape != do.shape:
        raise ValueError("gradients and direction must be 1-D, same shape")
    if restart_every:
        if k is None:
            raise ValueError("restart_every needs k")
        if k % restart_every == 0:
            return 0.0
    if not np.any(go):
        raise ValueError("g_old must not be zero")
    return float(formula(gn.astype(float), go.astype(float)))
''',
    }),
    # The notebook allows float32: the update computed in it (and returned
    # symmetrised, as the text asks) keeps full marks, fed back into itself
    # in every test of minimize too.
    Alternative("the BFGS update in float32", {"bfgs_inverse_update": '''
def bfgs_inverse_update(V, s, r):
    V = np.asarray(V, dtype=np.float32)
    s = np.asarray(s, dtype=np.float32)
    r = np.asarray(r, dtype=np.float32)
    if V.ndim != 2 or V.shape[0] != V.shape[1]:
        raise ValueError(f"V must be a square matrix, not of shape {V.shape}")
    n = len(V)
    if s.shape != (n,) or r.shape != (n,):
        raise ValueError(f"s and r must be vectors of length {n}")
    eps = np.finfo(np.float32).eps
    if np.abs(V - V.T).max() > 1000 * eps * max(1.0, float(np.abs(V).max())):
        raise ValueError("V must be symmetric (up to float32 rounding)")
    rs = r @ s
    if not rs > 0:
        raise ValueError(f"r @ s = {rs} is not positive: skip the update")
    rho = np.float32(1) / rs
    left = np.eye(n, dtype=np.float32) - rho * np.outer(s, r)
    W = left @ V @ left.T + rho * np.outer(s, s)
    return (W + W.T) / np.float32(2)
'''}),
    Alternative("warns on stderr, for-loop minimiser, float32 steps", {
        "backtracking_line_search": '''
import warnings


def backtracking_line_search(f_and_grad, x, f, g, d, alpha0=1.0, c=1e-4,
                             shrink=0.5, max_steps=50):
    slope = np.dot(g, d)
    if slope >= 0:
        raise ValueError("the direction d must go downhill: g @ d < 0")
    for j in range(max_steps + 1):
        alpha = alpha0 * shrink ** j
        if f_and_grad(x + alpha * d)[0] <= f + c * alpha * slope:
            return alpha
    warnings.warn("line search found no acceptable step", RuntimeWarning)
    return 0.0
''',
        "minimize": '''
def minimize(f_and_grad, x0, method="bfgs", max_iter=200, tol=1e-6,
             line_search=None):
    if method not in ("bfgs", "cg-fr", "cg-pr"):
        raise ValueError("method must be 'bfgs', 'cg-fr' or 'cg-pr'")
    if max_iter < 0:
        raise ValueError("max_iter must be >= 0")
    x = np.asarray(x0, dtype=float).copy()
    if x.ndim != 1:
        raise ValueError("x0 must be a vector")
    search = line_search or backtracking_line_search
    f, g = f_and_grad(x)
    history = [f]
    H = np.identity(len(x))
    d = -g
    done = 0
    for it in range(1, max_iter + 1):
        if np.sqrt(g @ g) <= tol:
            break
        if g @ d >= 0:
            H, d = np.identity(len(x)), -g
        alpha = search(f_and_grad, x, f, g, d)
        if alpha == 0:
            break
        s = alpha * d
        f_new, g_new = f_and_grad(x + s)
        r = g_new - g
        if method == "bfgs":
            if r @ s > 1e-300:
                H = bfgs_inverse_update(H, s, r)
            d = -(H @ g_new)
        else:
            name = "fletcher-reeves" if method == "cg-fr" else "polak-ribiere"
            d = -g_new + cg_beta(g_new, g, d, name, it, len(x)) * d
        x, f, g = x + s, f_new, g_new
        history.append(f)
        done = it
    if done == max_iter and max_iter > 0:
        warnings.warn(f"minimize: stopped after max_iter={max_iter} steps")
    return x, float(f), done, history
''',
    }),
    # The notebook allows float32: the Levenberg-Marquardt step, its damping
    # and beta computed in it (inputs cast, a float32 step returned, Python
    # floats where a float is asked for) keep full marks.
    Alternative("Levenberg-Marquardt and CG beta in float32", {
        "lm_step": '''
def lm_step(J, e, mu):
    J = np.asarray(J).astype(np.float32)
    e = np.asarray(e).astype(np.float32)
    if J.ndim != 2 or e.ndim != 1 or len(J) != len(e):
        raise ValueError("J must be (n_residuals, n_params) and e "
                         "(n_residuals,) with as many entries as J has rows")
    if not np.isfinite(mu) or mu < 0:
        raise ValueError(f"mu must be a finite number >= 0, got {mu}")
    JTJ = J.T @ J
    damped = JTJ + np.float32(mu) * np.diag(np.diag(JTJ))
    return np.linalg.solve(damped, -(J.T @ e)).astype(np.float32)


def lm_update_mu(mu, improved, factor=10.0, mu_min=1e-10, mu_max=1e10):
    if mu < 0:
        raise ValueError(f"mu must be >= 0, got {mu}")
    if not factor > 1:
        raise ValueError(f"factor must be > 1, got {factor}")
    new = np.float32(mu) / np.float32(factor) if improved \\
        else np.float32(mu) * np.float32(factor)
    return float(np.clip(new, np.float32(mu_min), np.float32(mu_max)))
''',
        "cg_beta": '''
def cg_beta(g_new, g_old, d_old, method="fletcher-reeves", k=None,
            restart_every=None):
    if method not in ("fletcher-reeves", "polak-ribiere"):
        raise ValueError(f"method {method!r} is not 'fletcher-reeves' or "
                         "'polak-ribiere'")
    g_new = np.asarray(g_new).astype(np.float32)
    g_old = np.asarray(g_old).astype(np.float32)
    d_old = np.asarray(d_old).astype(np.float32)
    if g_new.ndim != 1 or g_old.shape != g_new.shape \\
            or d_old.shape != g_new.shape:
        raise ValueError("g_new, g_old and d_old must be vectors of one "
                         "length")
    if restart_every is not None:
        if k is None:
            raise ValueError("restart_every needs k, the direction's index")
        if k % restart_every == 0:
            return 0.0
    den = np.dot(g_old, g_old)
    if den == 0:
        raise ValueError("g_old is zero: stop before asking for beta")
    if method == "fletcher-reeves":
        return float(np.dot(g_new, g_new) / den)
    return float(max(np.float32(0), np.dot(g_new, g_new - g_old) / den))
''',
    }),
    # The notebook allows float32: the line search and the minimiser with
    # float32 points, gradients, directions and V (alpha a Python float, as
    # alpha0 * shrink**j; the loss as the given f_and_grad returns it).
    Alternative("line search and minimiser in float32", edits=[
        ("backtracking_line_search", [
            ("    slope = float(np.dot(g, d))",
             "    x = np.asarray(x).astype(np.float32)\n"
             "    g = np.asarray(g).astype(np.float32)\n"
             "    d = np.asarray(d).astype(np.float32)\n"
             "    slope = float(np.dot(g, d))"),
            ("f_and_grad(x + alpha * d)",
             "f_and_grad(x + np.float32(alpha) * d)"),
        ]),
        ("minimize", [
            ("x = np.array(x0, dtype=float)",
             "x = np.array(x0).astype(np.float32)"),
            ("    f, g = f_and_grad(x)\n",
             "    f, g = f_and_grad(x)\n"
             "    g = np.asarray(g).astype(np.float32)\n"),
            ("V = np.eye(n)\n    d = -g", "V = np.eye(n, dtype=np.float32)\n"
             "    d = -g"),
            ("            V = np.eye(n)\n",
             "            V = np.eye(n, dtype=np.float32)\n"),
            ("x_new = x + alpha * d", "x_new = x + np.float32(alpha) * d"),
            ("f_new, g_new = f_and_grad(x_new)",
             "f_new, g_new = f_and_grad(x_new)\n"
             "        g_new = np.asarray(g_new).astype(np.float32)"),
            ("V = bfgs_inverse_update(V, s, r)",
             "V = np.asarray(bfgs_inverse_update(V, s, r)).astype("
             "np.float32)"),
            ("d = -g_new + beta * d", "d = -g_new + np.float32(beta) * d"),
        ]),
    ]),
]

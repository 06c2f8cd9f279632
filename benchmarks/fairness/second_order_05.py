"""Independent implementations of assignment 05 (second-order methods).

Written only from what a student sees: the release notebook
``release/05_second_order/05_second_order.ipynb`` and the lecture
``course/05_second_order.ipynb``. ``BASE`` fills every solution cell
(``bfgs_inverse_update``, ``lm_step``, ``cg_beta``,
``backtracking_line_search``, ``minimize``); ``VALID`` holds other
implementations that follow every sentence of the notebook; ``WRONG`` holds
one plausible mistake each, with the notebook's words it breaks.
"""
from benchmarks.fairness import Variant

# ---------------------------------------------------------------------------
# BASE
# ---------------------------------------------------------------------------

_BFGS_HEAD = '''\
def bfgs_inverse_update(V, s, r):
    """BFGS update of the inverse-Hessian approximation V.

    Parameters
    ----------
    V : ndarray of shape (n, n), symmetric positive definite
    s : ndarray of shape (n,), the weight change x_new - x_old
    r : ndarray of shape (n,), the gradient change g_new - g_old

    Returns
    -------
    V_new : ndarray of shape (n, n), satisfying V_new @ r == s
    """
'''

BFGS = _BFGS_HEAD + '''\
    V = np.asarray(V, dtype=float)
    s = np.asarray(s, dtype=float)
    r = np.asarray(r, dtype=float)
    if V.ndim != 2 or V.shape[0] != V.shape[1]:
        raise ValueError(f"V must be a square 2-D array, got shape {V.shape}; "
                         "pass an (n, n) matrix.")
    n = V.shape[0]
    if s.shape != (n,) or r.shape != (n,):
        raise ValueError(f"s and r must be 1-D arrays of length {n} (the size "
                         f"of V), got shapes {s.shape} and {r.shape}.")
    eps = float(np.finfo(np.float32).eps)
    asymmetry = float(np.abs(V - V.T).max()) if n else 0.0
    scale = max(1.0, float(np.abs(V).max())) if n else 1.0
    if asymmetry > 1000 * eps * scale:
        raise ValueError(f"V must be symmetric (max|V - V.T| = "
                         f"{asymmetry:.3g}); pass a symmetric matrix, e.g. "
                         "(V + V.T) / 2.")
    rs = float(r @ s)
    if not rs > 0:
        raise ValueError(f"the curvature condition r @ s > 0 fails (r @ s = "
                         f"{rs:.3g}); skip the update for this step.")
    rho = 1.0 / rs
    left = np.eye(n) - rho * np.outer(s, r)
    W = left @ V @ left.T + rho * np.outer(s, s)
    return (W + W.T) / 2
'''

_LM_STEP_HEAD = '''\
def lm_step(J, e, mu):
    """One Levenberg-Marquardt step delta (new parameters = x + delta).

    Parameters
    ----------
    J : ndarray of shape (n_residuals, n_params), Jacobian of e
    e : ndarray of shape (n_residuals,), residuals prediction - target
    mu : float >= 0, damping

    Returns
    -------
    delta : ndarray of shape (n_params,)
    """
'''

LM_STEP_BODY = '''\
    J = np.asarray(J, dtype=float)
    e = np.asarray(e, dtype=float)
    if J.ndim != 2:
        raise ValueError(f"J must be a 2-D array, got shape {J.shape}.")
    if e.ndim != 1:
        raise ValueError(f"e must be a 1-D array, got shape {e.shape}.")
    if J.shape[0] != len(e):
        raise ValueError(f"J has {J.shape[0]} rows but e has {len(e)} "
                         "entries; pass one row of J per residual.")
    mu = float(mu)
    if not np.isfinite(mu) or mu < 0:
        raise ValueError(f"mu must be a finite number >= 0, got {mu}.")
    JTJ = J.T @ J
    A = JTJ + mu * np.diag(np.diag(JTJ))
    return np.linalg.solve(A, -(J.T @ e))
'''

_LM_MU_HEAD = '''

def lm_update_mu(mu, improved, factor=10.0, mu_min=1e-10, mu_max=1e10):
    """New damping: mu / factor after a good step, mu * factor after a bad one.

    The result is clipped to [mu_min, mu_max] and returned as a float.
    """
'''

LM_MU_BODY = '''\
    if mu < 0:
        raise ValueError(f"mu must be >= 0, got {mu}.")
    if factor <= 1:
        raise ValueError(f"factor must be > 1, got {factor}.")
    new = mu / factor if improved else mu * factor
    return float(min(max(new, mu_min), mu_max))
'''

_CG_HEAD = '''\
def cg_beta(g_new, g_old, d_old, method="fletcher-reeves", k=None,
            restart_every=None):
    """Conjugate-gradient coefficient beta for d_k = -g_new + beta * d_old.

    Parameters
    ----------
    g_new, g_old, d_old : ndarrays of shape (n,)
    method : "fletcher-reeves" or "polak-ribiere" (clipped at 0)
    k : int, index of the direction being built (1 for the first call)
    restart_every : int or None; beta = 0 when k % restart_every == 0

    Returns
    -------
    beta : float
    """
'''

CG = _CG_HEAD + '''\
    if method not in ("fletcher-reeves", "polak-ribiere"):
        raise ValueError(f"unknown method {method!r}; use 'fletcher-reeves' "
                         "or 'polak-ribiere'.")
    g_new = np.asarray(g_new, dtype=float)
    g_old = np.asarray(g_old, dtype=float)
    d_old = np.asarray(d_old, dtype=float)
    if g_new.ndim != 1 or g_old.shape != g_new.shape \\
            or d_old.shape != g_new.shape:
        raise ValueError("g_new, g_old and d_old must be 1-D arrays of one "
                         f"shape, got {g_new.shape}, {g_old.shape} and "
                         f"{d_old.shape}.")
    if restart_every is not None and k is None:
        raise ValueError("restart_every needs k, the index of the direction "
                         "being built; pass k.")
    if restart_every is not None and k % restart_every == 0:
        return 0.0
    if not np.any(g_old):
        raise ValueError("g_old is all zeros (the previous point was already "
                         "stationary): there is no beta to compute.")
    denom = float(g_old @ g_old)
    if method == "fletcher-reeves":
        return float(g_new @ g_new) / denom
    return max(0.0, float(g_new @ (g_new - g_old)) / denom)
'''

_LS_HEAD = '''\
def backtracking_line_search(f_and_grad, x, f, g, d, alpha0=1.0, c=1e-4,
                             shrink=0.5, max_steps=50):
    """First alpha in alpha0 * shrink**j (j = 0..max_steps) with Armijo
    decrease f(x + alpha d) <= f + c alpha g'd; 0.0 if there is none."""
'''

LS = _LS_HEAD + '''\
    x = np.asarray(x, dtype=float)
    d = np.asarray(d, dtype=float)
    slope = float(np.asarray(g, dtype=float) @ d)
    if slope >= 0:
        raise ValueError(f"d does not go downhill (g @ d = {slope:.3g} >= 0); "
                         "pass a descent direction.")
    for j in range(max_steps + 1):
        alpha = alpha0 * shrink ** j
        f_new, _ = f_and_grad(x + alpha * d)
        if f_new <= f + c * alpha * slope:
            return float(alpha)
    return 0.0
'''

_MIN_HEAD = '''\
def minimize(f_and_grad, x0, method="bfgs", max_iter=200, tol=1e-6,
             line_search=None):
    """Minimise f with BFGS or nonlinear conjugate gradients.

    Parameters
    ----------
    f_and_grad : callable, x -> (loss, gradient of shape (n,))
    x0 : ndarray of shape (n,), starting point
    method : "bfgs", "cg-fr" or "cg-pr"
    max_iter : int, most steps to take
    tol : float, stop when the gradient norm is <= tol
    line_search : callable (f_and_grad, x, f, g, d) -> alpha, or None for
        backtracking_line_search

    Returns
    -------
    x : ndarray of shape (n,), f : float, n_iter : int, history : list
    """
'''

MIN = _MIN_HEAD + '''\
    cg_names = {"cg-fr": "fletcher-reeves", "cg-pr": "polak-ribiere"}
    if method != "bfgs" and method not in cg_names:
        raise ValueError(f"unknown method {method!r}; use 'bfgs', 'cg-fr' "
                         "or 'cg-pr'.")
    x = np.array(x0, dtype=float)
    if x.ndim != 1:
        raise ValueError(f"x0 must be a 1-D array, got shape {x.shape}.")
    if max_iter < 0:
        raise ValueError(f"max_iter must be >= 0, got {max_iter}.")
    if line_search is None:
        line_search = backtracking_line_search
    n = len(x)
    f, g = f_and_grad(x)
    f = float(f)
    g = np.asarray(g, dtype=float)
    history = [f]
    V = np.eye(n)
    d = -g
    n_iter = 0
    while n_iter < max_iter and np.linalg.norm(g) > tol:
        if g @ d >= 0:
            d = -g
            V = np.eye(n)
        alpha = line_search(f_and_grad, x, f, g, d)
        if alpha == 0:
            break
        x_new = x + alpha * d
        f_new, g_new = f_and_grad(x_new)
        f_new = float(f_new)
        g_new = np.asarray(g_new, dtype=float)
        n_iter += 1
        if method == "bfgs":
            s = x_new - x
            r = g_new - g
            if r @ s > 0:
                V = bfgs_inverse_update(V, s, r)
            d = -V @ g_new
        else:
            beta = cg_beta(g_new, g, d, cg_names[method], k=n_iter,
                           restart_every=n)
            d = -g_new + beta * d
        x, f, g = x_new, f_new, g_new
        history.append(f_new)
    return x, f, n_iter, history
'''

BASE = {
    "bfgs_inverse_update": BFGS,
    "lm_step": _LM_STEP_HEAD + LM_STEP_BODY + _LM_MU_HEAD + LM_MU_BODY,
    "cg_beta": CG,
    "backtracking_line_search": LS,
    "minimize": MIN,
}


def _lm(step_body=LM_STEP_BODY, mu_body=LM_MU_BODY):
    """The lm_step cell with one or both function bodies replaced."""
    return _LM_STEP_HEAD + step_body + _LM_MU_HEAD + mu_body


# ---------------------------------------------------------------------------
# VALID
# ---------------------------------------------------------------------------

BFGS_FLOAT32 = _BFGS_HEAD + '''\
    # everything in float32, as the text allows
    V = np.asarray(V, dtype=np.float32)
    s = np.asarray(s, dtype=np.float32)
    r = np.asarray(r, dtype=np.float32)
    if V.ndim != 2 or V.shape[0] != V.shape[1]:
        raise ValueError("V must be square and 2-D")
    n = V.shape[0]
    if s.ndim != 1 or r.ndim != 1 or len(s) != n or len(r) != n:
        raise ValueError("s and r must be 1-D of the same length as V")
    eps = np.finfo(np.float32).eps
    if np.abs(V - V.T).max() > 1000 * eps * max(np.float32(1),
                                                 np.abs(V).max()):
        raise ValueError("V is not symmetric: symmetrise it before calling")
    rs = r @ s
    if rs <= 0:
        raise ValueError("r @ s <= 0: the curvature condition fails, skip "
                         "this update")
    rho = np.float32(1) / rs
    I = np.eye(n, dtype=np.float32)
    W = (I - rho * np.outer(s, r)) @ V @ (I - rho * np.outer(r, s)) \\
        + rho * np.outer(s, s)
    return ((W + W.T) / np.float32(2)).astype(np.float32)
'''

BFGS_EXPANDED = _BFGS_HEAD + '''\
    V = np.array(V, dtype=float)
    s = np.array(s, dtype=float)
    r = np.array(r, dtype=float)
    if V.ndim != 2:
        raise ValueError("V has to be a 2-D matrix")
    if V.shape[0] != V.shape[1]:
        raise ValueError("V has to be square")
    if s.ndim != 1 or s.shape[0] != V.shape[0]:
        raise ValueError("s has to be a vector with one entry per row of V")
    if r.ndim != 1 or r.shape[0] != V.shape[0]:
        raise ValueError("r has to be a vector with one entry per row of V")
    tol = 1000 * np.finfo(np.float32).eps * max(1.0, np.max(np.abs(V)))
    if np.max(np.abs(V - V.T)) > tol:
        raise ValueError("V has to be symmetric")
    rs = np.dot(r, s)
    if rs <= 0:
        raise ValueError("need r @ s > 0 (curvature condition); skip update")
    # expanded form of the product (V symmetric):
    # V+ = V - rho (s (V r)^T + (V r) s^T) + (rho + rho^2 r'Vr) s s^T
    rho = 1.0 / rs
    Vr = V @ r
    W = (V - rho * (np.outer(s, Vr) + np.outer(Vr, s))
         + (rho + rho ** 2 * (r @ Vr)) * np.outer(s, s))
    return 0.5 * (W + W.T)
'''

BFGS_LOOPS = _BFGS_HEAD + '''\
    V = np.asarray(V, dtype=float)
    s = np.asarray(s, dtype=float)
    r = np.asarray(r, dtype=float)
    if V.ndim != 2 or V.shape[0] != V.shape[1]:
        raise ValueError("Please pass V as a square (n, n) array.")
    V = [[float(v) for v in row] for row in V]
    n = len(V)
    if s.ndim != 1 or r.ndim != 1 or len(s) != n or len(r) != n:
        raise ValueError("Please pass s and r as 1-D arrays of length n.")
    big = 1.0
    asym = 0.0
    for i in range(n):
        for j in range(n):
            big = max(big, abs(V[i][j]))
            asym = max(asym, abs(V[i][j] - V[j][i]))
    if asym > 1000 * float(np.finfo(np.float32).eps) * big:
        raise ValueError("Please pass a symmetric V.")
    rs = 0.0
    for i in range(n):
        rs += float(r[i]) * float(s[i])
    if rs <= 0:
        raise ValueError("Please skip this update: r @ s <= 0.")
    rho = 1.0 / rs
    # L = I - rho s r^T ; W = L V L^T + rho s s^T
    L = [[(1.0 if i == j else 0.0) - rho * s[i] * r[j] for j in range(n)]
         for i in range(n)]
    LV = [[sum(L[i][k] * V[k][j] for k in range(n)) for j in range(n)]
          for i in range(n)]
    W = [[sum(LV[i][k] * L[j][k] for k in range(n)) + rho * s[i] * s[j]
          for j in range(n)] for i in range(n)]
    out = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            out[i, j] = (W[i][j] + W[j][i]) / 2
    return out
'''

BFGS_CHECKS_REORDERED = _BFGS_HEAD + '''\
    V, s, r = (np.array(a, dtype=np.float64) for a in (V, s, r))
    if s.ndim != 1 or r.shape != s.shape:
        raise ValueError("s and r should be 1-D arrays of one length")
    if V.shape != (len(s), len(s)):
        raise ValueError("V should be an (n, n) array with n = len(s)")
    if r @ s <= 0:
        raise ValueError("r @ s <= 0: curvature condition violated")
    bound = 1000 * np.finfo(np.float32).eps * max(1.0, np.abs(V).max())
    if np.abs(V - V.T).max() > bound:
        raise ValueError("V should be symmetric")
    rho = 1 / (r @ s)
    Vr = V @ r
    # (I - rho s r') V (I - rho r s') multiplied out step by step
    A = V - rho * np.outer(s, Vr)          # (I - rho s r') V
    W = A - rho * np.outer(A @ r, s)        # ... (I - rho r s')
    W = W + rho * np.outer(s, s)
    return (W + W.T) / 2
'''

LM_STEP_LSTSQ = '''\
    J = np.asarray(J, dtype=float)
    e = np.asarray(e, dtype=float)
    if J.ndim != 2 or e.ndim != 1 or J.shape[0] != len(e):
        raise ValueError("J must be 2-D, e 1-D, with J.shape[0] == len(e)")
    if not (np.isfinite(mu) and mu >= 0):
        raise ValueError("mu must be finite and non-negative")
    # augmented least squares: [J; sqrt(mu diag(J'J))] delta ~ [-e; 0]
    D = np.sqrt(mu * np.sum(J * J, axis=0))
    A = np.vstack([J, np.diag(D)])
    b = np.concatenate([-e, np.zeros(J.shape[1])])
    delta, *_ = np.linalg.lstsq(A, b, rcond=None)
    return delta
'''

LM_STEP_FLOAT32 = '''\
    J = np.asarray(J, dtype=np.float32)
    e = np.asarray(e, dtype=np.float32)
    if J.ndim != 2:
        raise ValueError("J should be 2-D")
    if e.ndim != 1:
        raise ValueError("e should be 1-D")
    if len(J) != len(e):
        raise ValueError("J.shape[0] != len(e)")
    if mu < 0 or not np.isfinite(mu):
        raise ValueError("mu should be a finite number >= 0")
    JTJ = J.T @ J
    A = JTJ + np.float32(mu) * np.diag(np.diag(JTJ))
    return np.linalg.solve(A, -(J.T @ e)).astype(np.float32)
'''

LM_STEP_LOOPS = '''\
    J = np.asarray(J, dtype=float)
    e = np.asarray(e, dtype=float)
    if J.ndim != 2:
        raise ValueError("J must be two-dimensional")
    if e.ndim != 1:
        raise ValueError("e must be one-dimensional")
    if J.shape[0] != e.shape[0]:
        raise ValueError("J needs one row per residual in e")
    if mu != mu or mu in (float("inf"), float("-inf")) or mu < 0:
        raise ValueError("mu must be a finite number, at least 0")
    m, p = J.shape
    A = np.zeros((p, p))
    b = np.zeros(p)
    for i in range(p):
        for j in range(p):
            A[i, j] = sum(J[t, i] * J[t, j] for t in range(m))
        b[i] = -sum(J[t, i] * e[t] for t in range(m))
    for i in range(p):
        A[i, i] *= 1.0 + mu
    # Cholesky: A = L L^T, then two triangular solves
    L = np.linalg.cholesky(A)
    y = np.zeros(p)
    for i in range(p):
        y[i] = (b[i] - L[i, :i] @ y[:i]) / L[i, i]
    delta = np.zeros(p)
    for i in reversed(range(p)):
        delta[i] = (y[i] - L[i + 1:, i] @ delta[i + 1:]) / L[i, i]
    return delta
'''

LM_MU_NP = '''\
    if factor <= 1:
        raise ValueError("factor has to be greater than 1")
    if mu < 0:
        raise ValueError("mu has to be non-negative")
    if bool(improved):
        mu = mu / factor
    else:
        mu = mu * factor
    return np.float64(np.clip(mu, mu_min, mu_max))
'''

LM_MU_FLOAT32_FACTOR = '''\
    if mu < 0 or factor <= 1:
        raise ValueError("need mu >= 0 and factor > 1")
    factor = float(factor)
    new_mu = mu * (1.0 / factor) if improved else mu * factor
    if new_mu < mu_min:
        new_mu = mu_min
    elif new_mu > mu_max:
        new_mu = mu_max
    return float(new_mu)
'''

CG_LOOPS_FLOAT32 = _CG_HEAD + '''\
    methods = ["fletcher-reeves", "polak-ribiere"]
    if method not in methods:
        raise ValueError("method must be one of " + ", ".join(methods))
    g_new = np.asarray(g_new, dtype=np.float32)
    g_old = np.asarray(g_old, dtype=np.float32)
    d_old = np.asarray(d_old, dtype=np.float32)
    if not (g_new.ndim == g_old.ndim == d_old.ndim == 1):
        raise ValueError("gradients and direction must be 1-D")
    if not (len(g_new) == len(g_old) == len(d_old)):
        raise ValueError("gradients and direction must have one length")
    if restart_every is not None:
        if k is None:
            raise ValueError("give k when restart_every is given")
        if k % restart_every == 0:
            return 0.0
    old = np.float32(0)
    new = np.float32(0)
    cross = np.float32(0)
    nonzero = False
    for a, b in zip(g_new, g_old):
        old += b * b
        new += a * a
        cross += a * b
        nonzero = nonzero or b != 0
    if not nonzero:
        raise ValueError("g_old is zero: the old point was stationary")
    if method == "fletcher-reeves":
        return float(new / old)
    return float(max(np.float32(0), (new - cross) / old))
'''

CG_NP_FLOAT = _CG_HEAD + '''\
    g_new, g_old, d_old = (np.asarray(v, dtype=float)
                           for v in (g_new, g_old, d_old))
    if method == "fletcher-reeves":
        fr = True
    elif method == "polak-ribiere":
        fr = False
    else:
        raise ValueError(f"method {method!r} is unknown")
    if g_new.ndim != 1 or not g_new.shape == g_old.shape == d_old.shape:
        raise ValueError("expected three 1-D arrays of the same shape")
    if k is None and restart_every is not None:
        raise ValueError("restart_every given without k")
    if restart_every is not None and k % restart_every == 0:
        return 0.0
    # zero g_old read as: its squared norm is 0
    denom = np.dot(g_old, g_old)
    if denom == 0:
        raise ValueError("g_old is all zeros")
    if fr:
        return np.float64(np.dot(g_new, g_new) / denom)
    return np.float64(max(0.0, np.dot(g_new, g_new - g_old) / denom))
'''

LS_MULTIPLY = _LS_HEAD + '''\
    slope = np.dot(g, d)
    if not slope < 0:
        raise ValueError("d is not a descent direction: g @ d must be < 0")
    alpha = alpha0
    for _ in range(max_steps + 1):
        if f_and_grad(x + alpha * d)[0] <= f + c * alpha * slope:
            return alpha
        alpha *= shrink
    return 0.0
'''

LS_WHILE = _LS_HEAD + '''\
    x = np.asarray(x, dtype=float)
    d = np.asarray(d, dtype=float)
    g = np.asarray(g, dtype=float)
    gd = sum(float(a) * float(b) for a, b in zip(g, d))
    if gd >= 0:
        raise ValueError("g @ d >= 0: d does not go downhill")
    j = 0
    while j <= max_steps:
        alpha = alpha0 * shrink ** j
        loss, _grad = f_and_grad(x + alpha * d)
        if loss - f <= alpha * c * gd:
            return np.float64(alpha)
        j += 1
    return np.float64(0.0)
'''

CG_REORDERED = _CG_HEAD + '''\
    known = {"fletcher-reeves": "FR", "polak-ribiere": "PR"}
    if method not in known:
        raise ValueError("method has to be 'fletcher-reeves' or "
                         "'polak-ribiere'")
    if restart_every is not None and k is None:
        raise ValueError("k is needed when restart_every is set")
    vectors = [np.asarray(v, dtype=float) for v in (g_new, g_old, d_old)]
    if any(v.ndim != 1 for v in vectors) or \\
            len({v.shape for v in vectors}) != 1:
        raise ValueError("g_new, g_old, d_old have to be 1-D of one shape")
    g_new, g_old, d_old = vectors
    if restart_every is not None and k % restart_every == 0:
        return 0.0
    if np.all(g_old == 0):
        raise ValueError("g_old == 0 everywhere: nothing to divide by")
    gg_old = np.sum(g_old * g_old)
    gg_new = np.sum(g_new * g_new)
    if known[method] == "FR":
        return float(gg_new / gg_old)
    beta = (gg_new - np.sum(g_new * g_old)) / gg_old
    return float(beta) if beta > 0 else 0.0
'''

LS_ARRAY = _LS_HEAD + '''\
    slope = float(np.dot(np.ravel(g), np.ravel(d)))
    if slope >= 0:
        raise ValueError("the direction d must satisfy g @ d < 0")
    alphas = alpha0 * shrink ** np.arange(max_steps + 1)
    for alpha in alphas:
        if f_and_grad(x + alpha * d)[0] <= f + c * alpha * slope:
            return alpha
    return 0.0
'''

MIN_LOOP_FORM = _MIN_HEAD + '''\
    if method not in ("bfgs", "cg-fr", "cg-pr"):
        raise ValueError(f"method must be 'bfgs', 'cg-fr' or 'cg-pr', "
                         f"got {method!r}")
    if max_iter < 0:
        raise ValueError("max_iter must not be negative")
    x = np.asarray(x0, dtype=float).copy()
    if x.ndim != 1:
        raise ValueError("x0 must be one-dimensional")
    search = backtracking_line_search if line_search is None else line_search
    n = x.size
    f, g = f_and_grad(x)
    history = [f]
    V = np.identity(n)
    d = -g
    n_iter = 0
    for _ in range(max_iter):
        if np.sqrt(np.dot(g, g)) <= tol:
            break
        if np.dot(g, d) >= 0:
            d = -g
            V = np.identity(n)
        alpha = search(f_and_grad, x, f, g, d)
        if not alpha:
            break
        x_new = x + alpha * d
        f_new, g_new = f_and_grad(x_new)
        n_iter += 1
        if method == "bfgs":
            s, r = x_new - x, g_new - g
            if np.dot(r, s) > 0:
                V = bfgs_inverse_update(V, s, r)
            d = -(V @ g_new)
        else:
            name = "fletcher-reeves" if method == "cg-fr" else "polak-ribiere"
            beta = cg_beta(g_new, g, d, name, k=n_iter, restart_every=n)
            d = beta * d - g_new
        x, f, g = x_new, f_new, g_new
        history.append(f)
    return x, float(f), n_iter, history
'''

VALID = [
    # The text first read "(W + W^T)/2 ... return that"; what it requires is
    # a result "symmetric by the same rule", which W meets in float64 (the
    # text now says so): valid, where the float32 one below is not.
    Variant("bfgs (float64): the unaveraged W, symmetric by the rule",
            edits=[("bfgs_inverse_update", "return (W + W.T) / 2",
                    "return W")]),
    Variant("bfgs computed in float32, returns float32",
            cells={"bfgs_inverse_update": BFGS_FLOAT32}),
    Variant("bfgs expanded rank-two formula, other messages",
            cells={"bfgs_inverse_update": BFGS_EXPANDED}),
    Variant("bfgs with plain Python loops",
            cells={"bfgs_inverse_update": BFGS_LOOPS}),
    Variant("bfgs checks shapes from s, curvature before symmetry",
            cells={"bfgs_inverse_update": BFGS_CHECKS_REORDERED}),
    Variant("bfgs symmetrised as W.T + W then halved",
            edits=[("bfgs_inverse_update", "return (W + W.T) / 2",
                    "return 0.5 * (W.T + W)")]),
    Variant("lm_step by augmented least squares (lstsq)",
            cells={"lm_step": _lm(step_body=LM_STEP_LSTSQ)}),
    Variant("lm_step in float32",
            cells={"lm_step": _lm(step_body=LM_STEP_FLOAT32)}),
    Variant("lm_step with loops and a Cholesky solve",
            cells={"lm_step": _lm(step_body=LM_STEP_LOOPS)}),
    Variant("lm_update_mu returns np.float64 (a float subclass) via np.clip",
            cells={"lm_step": _lm(mu_body=LM_MU_NP)}),
    Variant("lm_update_mu multiplies by 1/factor, clips with if/elif",
            cells={"lm_step": _lm(mu_body=LM_MU_FLOAT32_FACTOR)}),
    Variant("cg_beta with float32 loops",
            cells={"cg_beta": CG_LOOPS_FLOAT32}),
    Variant("cg_beta returns np.float64; zero g_old read as g_old@g_old == 0",
            cells={"cg_beta": CG_NP_FLOAT}),
    Variant("cg_beta: restart_every-without-k checked before shapes, PR as "
            "difference of sums",
            cells={"cg_beta": CG_REORDERED}),
    Variant("line search over a precomputed array of alphas "
            "(returns np.float64)",
            cells={"backtracking_line_search": LS_ARRAY}),
    Variant("line search by repeated multiplication alpha *= shrink",
            cells={"backtracking_line_search": LS_MULTIPLY}),
    Variant("line search with a while loop, test as f_new - f <= alpha c g'd,"
            " returns np.float64",
            cells={"backtracking_line_search": LS_WHILE}),
    Variant("minimize with a for loop, checks in another order, "
            "history of raw losses",
            cells={"minimize": MIN_LOOP_FORM}),
    Variant("minimize: gradient norm as sqrt(g @ g)",
            edits=[("minimize", "np.linalg.norm(g) > tol",
                    "np.sqrt(g @ g) > tol")]),
    Variant("minimize: validates max_iter first",
            edits=[("minimize",
                    '    cg_names = {"cg-fr": "fletcher-reeves", '
                    '"cg-pr": "polak-ribiere"}\n',
                    '    if max_iter < 0:\n'
                    '        raise ValueError("max_iter < 0")\n'
                    '    cg_names = {"cg-fr": "fletcher-reeves", '
                    '"cg-pr": "polak-ribiere"}\n')]),
    Variant("minimize: x is float copy via np.asarray(...).copy()",
            edits=[("minimize", "x = np.array(x0, dtype=float)",
                    "x = np.asarray(x0, dtype=np.float64).copy()")]),
    Variant("minimize: alpha == 0 read as alpha <= 0 (line search never "
            "returns a negative alpha)",
            edits=[("minimize", "if alpha == 0:", "if alpha <= 0:")]),
    Variant("minimize and bfgs entirely in float32 ('a float copy of x0' "
            "read as float32 allowed)",
            cells={"bfgs_inverse_update": BFGS_FLOAT32},
            edits=[("minimize", "x = np.array(x0, dtype=float)",
                    "x = np.array(x0, dtype=np.float32)"),
                   ("minimize", "g = np.asarray(g, dtype=float)",
                    "g = np.asarray(g, dtype=np.float32)"),
                   ("minimize", "g_new = np.asarray(g_new, dtype=float)",
                    "g_new = np.asarray(g_new, dtype=np.float32)"),
                   ("minimize", "    V = np.eye(n)\n    d = -g\n",
                    "    V = np.eye(n, dtype=np.float32)\n    d = -g\n"),
                   ("minimize", "x_new = x + alpha * d",
                    "x_new = (x + np.float32(alpha) * d).astype(np.float32)"),
                   ("minimize", "d = -V @ g_new",
                    "d = (-V @ g_new).astype(np.float32)"),
                   ("minimize", "d = -g_new + beta * d",
                    "d = (np.float32(beta) * d - g_new).astype(np.float32)")]),
    Variant("minimize: BFGS direction as -(V @ g_new) with np.dot",
            edits=[("minimize", "d = -V @ g_new", "d = -np.dot(V, g_new)")]),
]

# ---------------------------------------------------------------------------
# WRONG
# ---------------------------------------------------------------------------

WRONG = [
    # Part A
    Variant("bfgs: slides' denominator s's",
            edits=[("bfgs_inverse_update", "+ rho * np.outer(s, s)",
                    "+ np.outer(s, s) / (s @ s)")],
            breaks="V_{+} = (I - rho s r^T) V (I - rho r s^T) + rho s s^T, "
                   "rho = 1/(r^T s)"),
    Variant("bfgs: Hessian (B) update used as the inverse update",
            edits=[("bfgs_inverse_update",
                    "    left = np.eye(n) - rho * np.outer(s, r)\n"
                    "    W = left @ V @ left.T + rho * np.outer(s, s)\n",
                    "    Vs = V @ s\n"
                    "    W = V - np.outer(Vs, Vs) / (s @ Vs) "
                    "+ rho * np.outer(r, r)\n")],
            breaks="the update written there ... is the update of B (not of "
                   "its inverse)"),
    Variant("bfgs: float32 computation, not symmetrised",
            cells={"bfgs_inverse_update": BFGS_FLOAT32.replace(
                "return ((W + W.T) / np.float32(2)).astype(np.float32)",
                "return W.astype(np.float32)")},
            breaks="Return V_+ symmetric by the same rule: ... (in float32, "
                   "over a few hundred steps, beyond the rule) ... return "
                   "that."),
    Variant("bfgs: r @ s == 0 accepted (strict < 0)",
            edits=[("bfgs_inverse_update", "if not rs > 0:", "if rs < 0:")],
            breaks="the curvature condition fails: r^T s <= 0"),
    Variant("bfgs: no symmetry check",
            edits=[("bfgs_inverse_update",
                    "if asymmetry > 1000 * eps * scale:",
                    "if False:")],
            breaks="Raise a ValueError ... when V is not symmetric"),
    Variant("bfgs: symmetry tolerance without max(1, .)",
            edits=[("bfgs_inverse_update",
                    "scale = max(1.0, float(np.abs(V).max())) if n else 1.0",
                    "scale = float(np.abs(V).max()) if n else 1.0")],
            breaks="max|V - V^T| > 1000 eps max(1, max|V|)"),
    Variant("bfgs: epsilon of V's dtype (float64) instead of float32",
            edits=[("bfgs_inverse_update",
                    "eps = float(np.finfo(np.float32).eps)",
                    "eps = float(np.finfo(V.dtype).eps)")],
            breaks="with epsilon = np.finfo(np.float32).eps"),
    Variant("bfgs: modifies V in place",
            edits=[("bfgs_inverse_update",
                    "    V = np.asarray(V, dtype=float)\n",
                    "    V = np.asarray(V, dtype=float)\n"
                    "    V0 = V\n"),
                   ("bfgs_inverse_update",
                    "    return (W + W.T) / 2\n",
                    "    V0[...] = (W + W.T) / 2\n"
                    "    return V0\n")],
            breaks="a new array of shape (n, n); do not modify V"),
    # Part B
    Variant("lm_step: identity damping instead of diag(J'J)",
            edits=[("lm_step", "A = JTJ + mu * np.diag(np.diag(JTJ))",
                    "A = JTJ + mu * np.eye(JTJ.shape[0])")],
            breaks="diag(J^T J) is the diagonal matrix holding the diagonal "
                   "of J^T J (Marquardt's scaling), not the identity"),
    Variant("lm_step: diagonal added as a broadcast vector",
            edits=[("lm_step", "A = JTJ + mu * np.diag(np.diag(JTJ))",
                    "A = JTJ + mu * np.diag(JTJ)")],
            breaks="diag(J^T J) is the diagonal matrix holding the diagonal "
                   "of J^T J"),
    Variant("lm_step: wrong sign of the step",
            edits=[("lm_step", "return np.linalg.solve(A, -(J.T @ e))",
                    "return np.linalg.solve(A, J.T @ e)")],
            breaks="(J^T J + mu diag(J^T J)) delta = -J^T e, "
                   "x_new = x + delta"),
    Variant("lm_step: infinite mu accepted",
            edits=[("lm_step", "if not np.isfinite(mu) or mu < 0:",
                    "if mu < 0:")],
            breaks="Raise ValueError if ... mu is negative or not finite"),
    Variant("lm_update_mu: improved multiplies instead of divides",
            edits=[("lm_step",
                    "new = mu / factor if improved else mu * factor",
                    "new = mu * factor if improved else mu / factor")],
            breaks="if the step lowered the loss (improved is true) return "
                   "mu / factor ... otherwise mu * factor"),
    Variant("lm_update_mu: factor == 1 accepted",
            edits=[("lm_step", "if factor <= 1:", "if factor < 1:")],
            breaks="Raise ValueError if mu < 0 or factor <= 1"),
    Variant("lm_update_mu: no clip at mu_min",
            edits=[("lm_step", "return float(min(max(new, mu_min), mu_max))",
                    "return float(min(new, mu_max))")],
            breaks="then clip the result to [mu_min, mu_max]"),
    Variant("lm_update_mu: mu == 0 rejected",
            edits=[("lm_step", "    if mu < 0:\n        raise ValueError("
                    "f\"mu must be >= 0",
                    "    if mu <= 0:\n        raise ValueError("
                    "f\"mu must be >= 0")],
            breaks="Raise ValueError if mu < 0"),
    # Part C
    Variant("cg_beta: Polak-Ribiere not clipped at zero",
            edits=[("cg_beta",
                    "return max(0.0, float(g_new @ (g_new - g_old)) / denom)",
                    "return float(g_new @ (g_new - g_old)) / denom")],
            breaks="The Polak-Ribiere coefficient is used with the clip at "
                   "zero (often called PR+)"),
    Variant("cg_beta: zero g_old checked before the restart",
            edits=[("cg_beta",
                    "    if restart_every is not None and k % restart_every "
                    "== 0:\n        return 0.0\n",
                    ""),
                   ("cg_beta",
                    "    denom = float(g_old @ g_old)\n",
                    "    if restart_every is not None and k % restart_every "
                    "== 0:\n        return 0.0\n"
                    "    denom = float(g_old @ g_old)\n")],
            breaks="a restart ... returns 0.0 even when g_old is all zeros"),
    Variant("cg_beta: restart one direction late ((k - 1) % restart_every)",
            edits=[("cg_beta", "and k % restart_every == 0:",
                    "and (k - 1) % restart_every == 0:")],
            breaks="If restart_every is given and k is a multiple of it, "
                   "return 0.0"),
    Variant("cg_beta: restart_every without k silently ignored",
            edits=[("cg_beta",
                    "    if restart_every is not None and k is None:\n"
                    "        raise ValueError(",
                    "    if restart_every is not None and k is None:\n"
                    "        restart_every = None\n"
                    "    if False:\n"
                    "        raise ValueError(")],
            breaks="Raise ValueError ... for restart_every given without k"),
    Variant("cg_beta: d_old shape not checked",
            edits=[("cg_beta",
                    " \\\n            or d_old.shape != g_new.shape:",
                    ":")],
            breaks="d_old ... must have the shape of the gradients"),
    Variant("cg_beta: zero g_old not rejected",
            edits=[("cg_beta", "if not np.any(g_old):", "if False:")],
            breaks="Raise ValueError ... when g_old is all zeros"),
    # Part D: line search
    Variant("line search: strict Armijo inequality",
            edits=[("backtracking_line_search",
                    "if f_new <= f + c * alpha * slope:",
                    "if f_new < f + c * alpha * slope:")],
            breaks="f(x + alpha d) <= f + c alpha g^T d"),
    Variant("line search: one trial too few (range(max_steps))",
            edits=[("backtracking_line_search",
                    "for j in range(max_steps + 1):",
                    "for j in range(max_steps):")],
            breaks="tries alpha0, ..., alpha0 shrink^max_steps in this order"),
    Variant("line search: returns the last trial instead of 0.0",
            edits=[("backtracking_line_search", "    return 0.0\n",
                    "    return float(alpha)\n")],
            breaks="If none of them satisfies it, return 0.0"),
    Variant("line search: g'd == 0 accepted",
            edits=[("backtracking_line_search", "if slope >= 0:",
                    "if slope > 0:")],
            breaks="If g^T d >= 0, raise ValueError"),
    Variant("line search: alpha0 ignored",
            edits=[("backtracking_line_search",
                    "alpha = alpha0 * shrink ** j",
                    "alpha = shrink ** j")],
            breaks="tries alpha = alpha0, alpha0 shrink, ..."),
    Variant("line search: Armijo term without alpha",
            edits=[("backtracking_line_search",
                    "if f_new <= f + c * alpha * slope:",
                    "if f_new <= f + c * slope:")],
            breaks="f(x + alpha d) <= f + c alpha g^T d"),
    # Part D: minimize
    Variant("minimize: history without f(x0)",
            edits=[("minimize", "history = [f]", "history = []")],
            breaks="the list of losses starting with f(x_0) (so "
                   "len(history) == n_iter + 1)"),
    Variant("minimize: BFGS direction from the old gradient",
            edits=[("minimize", "d = -V @ g_new", "d = -V @ g")],
            breaks="then d = -V @ g_new"),
    Variant("minimize: CG without restarts",
            edits=[("minimize", "k=n_iter,\n                           "
                    "restart_every=n)",
                    "k=n_iter,\n                           "
                    "restart_every=None)")],
            breaks="beta = cg_beta(g_new, g, d, m, k=n_iter, "
                   "restart_every=n)"),
    Variant("minimize: cg-pr uses Fletcher-Reeves",
            edits=[("minimize", '"cg-pr": "polak-ribiere"}',
                    '"cg-pr": "fletcher-reeves"}')],
            breaks="m the Fletcher-Reeves or Polak-Ribiere name"),
    Variant("minimize: infinity norm of the gradient for the stop test",
            edits=[("minimize", "np.linalg.norm(g) > tol",
                    "np.abs(g).max() > tol")],
            breaks="Repeat while n_iter < max_iter and ||g||_2 > tol"),
    Variant("minimize: counts a step when the line search gives alpha 0",
            edits=[("minimize", "        if alpha == 0:\n            break\n",
                    "        if alpha == 0:\n            n_iter += 1\n"
                    "            break\n")],
            breaks="if alpha is 0, stop; ... the number of steps taken"),
    Variant("minimize: max_iter < 0 not rejected",
            edits=[("minimize", "if max_iter < 0:", "if False:")],
            breaks="Raise ValueError for ... max_iter < 0"),
    Variant("minimize: x0 not copied, updated in place",
            edits=[("minimize", "x = np.array(x0, dtype=float)",
                    "x = np.asarray(x0, dtype=float)"),
                   ("minimize", "        x, f, g = x_new, f_new, g_new\n",
                    "        x[...] = x_new\n        f, g = f_new, g_new\n")],
            breaks="x = a float copy of x0"),
    Variant("minimize: no reset when d is not downhill",
            edits=[("minimize",
                    "        if g @ d >= 0:\n"
                    "            d = -g\n            V = np.eye(n)\n",
                    "")],
            breaks="if g^T d >= 0, reset d = -g (and V to the identity)"),
    Variant("minimize: line_search argument ignored",
            edits=[("minimize", "    if line_search is None:\n"
                    "        line_search = backtracking_line_search\n",
                    "    line_search = backtracking_line_search\n")],
            breaks="alpha = line_search(f_and_grad, x, f, g, d) — your "
                   "backtracking_line_search when line_search is None"),
]

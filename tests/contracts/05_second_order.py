"""Contract of assignment 05: second-order methods."""
from tests.contracts import Clause as C

BS = "test_bfgs_secant_and_symmetry"
BI = "test_bfgs_is_inverse_of_direct_update"
BR = "test_bfgs_recovers_inverse_hessian"
BB = "test_bfgs_bad_input"
LS, LL = "test_lm_step_solves_damped_system", "test_lm_step_limits"
LU = "test_lm_update_mu"
CF, CR = "test_cg_beta_formulas", "test_cg_beta_restart_and_errors"
LSR = "test_backtracking_line_search"
MQ = "test_minimize_quadratic_exact_steps"
RB = "test_bfgs_minimizes_rosenbrock"
NW = "test_bfgs_trains_network_like_scipy"

CONTRACT = {
    "notebook": [
        C("float32 or float64", "`float32` or `float64`", [BS, BI, BR, BB]),
        C("bad input: ValueError in a sentence", "whose message says, in a "
          "sentence, what is wrong and what was received", [BB, LS, LU, CR,
                                                            LSR, MQ]),
        C("the network: within 25% of SciPy", "your BFGS should end with a "
          "loss no more than 25% above SciPy's", [NW]),
    ],
    "bfgs_inverse_update": [
        C("the inverse update formula", "Its BFGS update is", [BI, BR]),
        C("the inverse of the B update", "The two correct updates are each "
          "other's inverses", [BI]),
        C("secant condition V+ r = s", "it must satisfy $V_{+}\\, r = s$",
          [BS]),
        C("a new (n, n) array; V unchanged", "(a new array of shape `(n, "
          "n)`; do not modify `V`)", [BS]),
        C("ValueError: shapes", "`V` is not a square 2-D array, or `s` and "
          "`r` are not 1-D of length `n`", [BB]),
        C("ValueError: asymmetric by the rule", "`V` is not symmetric:",
          [BB]),
        C("accepts V symmetric up to the rule", "a thousand of its roundings "
          "leave room for a matrix that is symmetric up to rounding", [BB]),
        C("ValueError: r @ s <= 0", "the curvature condition fails", [BB]),
        C("message is a sentence", "with a sentence that says what to "
          "change", [BB]),
        C("stays positive definite", "When $r^\\top s > 0$ and $V$ is "
          "symmetric positive definite, so is $V_{+}$", [BS]),
        C("returns V+ symmetric by the rule", "Return $V_{+}$ **symmetric by "
          "the same rule**", [BS, RB, NW]),
    ],
    "lm_step": [
        C("solves the damped system", "$\\operatorname{diag}(J^\\top J)$ is "
          "the diagonal matrix holding the diagonal", [LS]),
        C("shape (n_params,)", "`lm_step(J, e, mu)` returns $\\delta$, shape "
          "`(n_params,)`", [LS]),
        C("mu -> 0: Gauss-Newton", "For $\\mu \\to 0$ the step becomes the "
          "Gauss–Newton step", [LL]),
        C("large mu: scaled gradient step", "for large $\\mu$ it becomes a "
          "short gradient-descent step scaled per parameter", [LL]),
        C("ValueError: shapes", "Raise `ValueError` if `J` is not 2-D, `e` "
          "is not 1-D, their lengths differ", [LS]),
        C("ValueError: mu", "or `mu` is negative or not finite", [LS]),
    ],
    "lm_update_mu": [
        C("mu / factor or mu * factor", "return `mu / factor` (trust the "
          "quadratic model more), otherwise `mu * factor`", [LU]),
        C("clip to [mu_min, mu_max]", "then clip the result to `[mu_min, "
          "mu_max]`", [LU]),
        C("a float", "and return it as a `float`", [LU]),
        C("ValueError: mu < 0, factor <= 1", "Raise `ValueError` if `mu < 0` "
          "or `factor <= 1`", [LU]),
    ],
    "cg_beta": [
        C("Fletcher-Reeves and Polak-Ribiere", "selected by "
          "`method=\"fletcher-reeves\"` and `method=\"polak-ribiere\"`",
          [CF, CR]),
        C("PR clipped at zero", "**with** the clip at zero", [CF]),
        C("default FR; a float", "returning β as a `float`", [CF]),
        C("restart: 0.0 when k % restart_every == 0", "and `k` is a "
          "multiple of it, return `0.0`", [CR]),
        C("k ignored without restart_every", "If `restart_every` is "
          "`None`, `k` is ignored", [CR]),
        C("ValueError: unknown method", "Raise `ValueError` for an unknown "
          "`method`", [CR]),
        C("ValueError: shapes", "that are not 1-D arrays of one shape",
          [CR]),
        C("ValueError: restart_every without k", "for `restart_every` given "
          "without `k`", [CR]),
        C("ValueError: zero g_old", "when `g_old` is all zeros", [CR]),
    ],
    "backtracking_line_search": [
        C("trials in order, first Armijo one", "in this order and returns "
          "the **first** one with sufficient decrease", [LSR]),
        C("Armijo with equality", "f(x + \\alpha d) \\le f + c\\,\\alpha\\, "
          "g^\\top d", [LSR]),
        C("j = 0..max_steps", "\\alpha_0\\,\\text{shrink}^{\\text{max\\_"
          "steps}}$", [LSR]),
        C("0.0 if none", "If none of them satisfies it, return `0.0`",
          [LSR]),
        C("ValueError: not downhill", "If $g^\\top d \\ge 0$, raise "
          "`ValueError`", [LSR]),
    ],
    "minimize": [
        C("x a float copy of x0", "`x` = a float copy of `x0`", [MQ]),
        C("start: history [f], V = I, d = -g", "`history = [f]`; `V` = "
          "identity; `d = -g`", [MQ]),
        C("loop while n_iter < max_iter and |g| > tol", "Repeat while "
          "`n_iter < max_iter`", [MQ, RB]),
        C("reset when g'd >= 0", "if $g^\\top d \\ge 0$, reset `d = -g`",
          [MQ]),
        C("line_search default; alpha 0 stops", "if `alpha` is 0, stop",
          [MQ, RB]),
        C("x_new = x + alpha d", "`x_new = x + alpha * d`", [MQ]),
        C("BFGS update only if r @ s > 0", "if `r @ s > 0` (otherwise keep "
          "`V`)", [MQ, RB, NW]),
        C("CG beta with k = n_iter, restart n", "`beta = cg_beta(g_new, g, "
          "d, m, k=n_iter, restart_every=n)`", [MQ]),
        C("returns (x, f, n_iter, history)", "Return `(x, f, n_iter, "
          "history)`", [MQ, NW]),
        C("len(history) == n_iter + 1", "(so `len(history) == n_iter + 1`)",
          [MQ, RB, NW]),
        C("exact steps: at most n steps", "with it, CG and BFGS reach the "
          "minimum in at most $n$ steps", [MQ]),
        C("ValueError: method, x0, max_iter", "Raise `ValueError` for an "
          "unknown `method`, an `x0` that is not 1-D, or `max_iter < 0`",
          [MQ]),
        C("backtracking when line_search is None", "your "
          "`backtracking_line_search` when `line_search` is `None`", [RB,
          NW]),
    ],
}

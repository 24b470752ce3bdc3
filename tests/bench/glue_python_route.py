"""The GLUE estimator the way a researcher computes it in Python today: numpy + scipy, in the Gram space.

Measures the wall clock of the route bench_glue compares the C++ engine against (tests/bench/README.md), on probes
the bench drew: the estimator of docs/spec/glue.md sections 2-4, inactive policy zero_row (A).

  1. K = X X^T                                   one GEMM (numpy, OpenBLAS)                       "gemm_s"
  2. a factor F (m x r) with F F^T = K                                                           "factor_s"
       --factor eigh (default): K = V diag(e) V^T (numpy eigh), eigenvalues above m * eps * max kept, F = V e^1/2:
         exact, and r = rank K < m when N < m, which makes every NNLS below smaller;
       --factor cholesky: F = L, L L^T = K + jitter I (scipy), jitter 1e-10 * mean(diag K), times 10 until it
         factors (K is singular when N < m): cheaper to factor, but an m x m NNLS and a problem off by the jitter
  3. per sample k: lambda = argmin_{l >= 0} ||F^T D_y l + z||^2 with F z = h_k (least squares), by
     scipy.optimize.nnls: its normal equations are Q = D_y K D_y, q = D_y h_k, the dual of spec 2.2; anchors as
     weights per manifold, active when Lambda_mu > 1e-12 max(1, sum lambda)                       "anchors_s"
  4. a_k, b_k, c_k as P x P pseudo-inverse forms (eigh, relative cutoff 1e-10) of Gram matrices W^T K W built
     with sparse block weight matrices; alpha = P / mean(a), D_eff = mean(b) / P, Psi_eff = mean(c) / mean(a)
                                                                                                  "measures_s"
Loading the inputs is not timed. Steps 3-4 stop after --budget seconds of step 3 (or --samples samples), and
"seconds_at_n_t" = gemm_s + factor_s + (anchors_s + measures_s) * n_t / samples estimates the full run.

Input: a directory with X.npy (m x N points, rows grouped by class), H.npy (m x n_t, H = X T), Y.npy (P x n_t, +-1)
and offsets.npy (P + 1 class offsets). Output: one JSON object on stdout (timings, measures, per-sample a, b, c).
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import scipy.linalg
import scipy.optimize
import scipy.sparse

ACTIVE_EPS = 1e-12  # spec 2.2: Lambda_mu > eps * max(1, sum lambda)
PINV_CUTOFF = 1e-10  # spec 4: relative eigenvalue cutoff of the pseudo-inverse


def load(directory):
    arrays = {name: np.load(os.path.join(directory, name + ".npy")) for name in ("X", "H", "Y", "offsets")}
    arrays["offsets"] = arrays["offsets"].astype(np.int64)
    return arrays


def jittered_cholesky(K, relative=1e-10):
    """Lower L with L L^T = K + jitter I; the jitter grows tenfold until the factorisation succeeds."""
    jitter = relative * max(np.trace(K) / K.shape[0], np.finfo(float).tiny)
    while True:
        Kj = K.copy()
        Kj[np.diag_indices_from(Kj)] += jitter
        try:
            return scipy.linalg.cholesky(Kj, lower=True, check_finite=False), jitter
        except np.linalg.LinAlgError:
            jitter *= 10


def factor(K, kind):
    """F (m x r, C order) with F F^T = K, a function h -> z solving F z = h, and what to report about it."""
    if kind == "eigh":
        values, vectors = np.linalg.eigh(K)
        keep = values > K.shape[0] * np.finfo(float).eps * values[-1]
        values, vectors = values[keep], vectors[:, keep]
        F = np.ascontiguousarray(vectors * np.sqrt(values))
        return F, lambda h: (h @ F) / values, {"rank": int(keep.sum())}
    L, jitter = jittered_cholesky(K)
    L = np.ascontiguousarray(L)
    return L, lambda h: scipy.linalg.solve_triangular(L, h, lower=True, check_finite=False), {"jitter": jitter}


def anchor_weights(F, z, s, offsets, class_of):
    """One sample: the dual NNLS via scipy, then anchor weights per manifold (zero on inactive manifolds)."""
    A = (F * s[:, None]).T  # F^T D_y (Fortran order, as nnls wants it): A^T A = D_y K D_y, A^T z = D_y h
    lam, _ = scipy.optimize.nnls(A, -z)
    totals = np.add.reduceat(lam, offsets[:-1])
    active = totals > ACTIVE_EPS * max(1.0, lam.sum())
    safe = np.where(active, totals, 1.0)
    return np.where(active[class_of], lam / safe[class_of], 0.0)


def pinv_form(G, v):
    values, vectors = np.linalg.eigh(0.5 * (G + G.T))
    if not values[-1] > 0:
        return 0.0
    keep = values > PINV_CUTOFF * values[-1]
    coords = vectors.T @ v
    return float(np.sum(coords[keep] ** 2 / values[keep]))


def measures(K, H, W, class_of, P):
    """a_k, b_k, c_k of the solved samples (columns of W), policy A: centers average all samples, zeros included."""
    m = K.shape[0]
    rows = np.arange(m)

    def blocks(w):  # m x P: column mu holds the weights of manifold mu's points
        return scipy.sparse.csr_matrix((w, (rows, class_of)), shape=(m, P))

    def gram(U):  # U^T K U, the inner products of the P combinations
        return U.T @ (U.T @ K).T

    w0 = W.mean(axis=1)
    C0 = gram(blocks(w0))
    a, b, c = [], [], []
    for k in range(W.shape[1]):
        Uk, U1 = blocks(W[:, k]), blocks(W[:, k] - w0)
        G1, s1t = gram(U1), U1.T @ H[:, k]
        a.append(pinv_form(gram(Uk), Uk.T @ H[:, k]))
        b.append(pinv_form(G1, s1t))
        c.append(pinv_form(C0 + G1, s1t))
    return np.array(a), np.array(b), np.array(c)


def run(data, max_samples, budget, kind):
    X, H, Y, offsets = data["X"], data["H"], data["Y"], data["offsets"]
    P, n_t = Y.shape
    class_of = np.repeat(np.arange(P), np.diff(offsets))
    out = {"m": int(X.shape[0]), "N": int(X.shape[1]), "P": int(P), "n_t": int(n_t), "factor": kind}

    start = time.perf_counter()
    K = X @ X.T
    out["gemm_s"] = time.perf_counter() - start

    start = time.perf_counter()
    F, solve, about = factor(K, kind)
    out["factor_s"] = time.perf_counter() - start
    out.update(about)

    start = time.perf_counter()
    columns = []
    for k in range(min(n_t, max_samples)):
        columns.append(anchor_weights(F, solve(H[:, k]), Y[class_of, k], offsets, class_of))
        if time.perf_counter() - start > budget:
            break
    out["anchors_s"] = time.perf_counter() - start
    samples = len(columns)

    start = time.perf_counter()
    a, b, c = measures(K, H[:, :samples], np.column_stack(columns), class_of, P)
    out["measures_s"] = time.perf_counter() - start

    out["samples"] = samples
    out["total_s"] = out["gemm_s"] + out["factor_s"] + out["anchors_s"] + out["measures_s"]
    per_sample = (out["anchors_s"] + out["measures_s"]) / samples
    out["seconds_at_n_t"] = out["gemm_s"] + out["factor_s"] + per_sample * n_t
    out["alpha"] = P / a.mean()
    out["d_eff"] = b.mean() / P
    out["psi_eff"] = c.mean() / a.mean()
    out["a"], out["b"], out["c"] = a.tolist(), b.tolist(), c.tolist()
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directory", help="holds X.npy, H.npy, Y.npy, offsets.npy")
    parser.add_argument("--samples", type=int, default=1 << 30, help="at most this many samples")
    parser.add_argument("--budget", type=float, default=float("inf"), help="seconds of anchor solves, then stop")
    parser.add_argument("--factor", choices=("eigh", "cholesky"), default="eigh", help="how to factor K")
    args = parser.parse_args()
    json.dump(run(load(args.directory), args.samples, args.budget, args.factor), sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

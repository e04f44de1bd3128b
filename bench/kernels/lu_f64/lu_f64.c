/* Small f64 linear algebra: 4x4 systems solved by LU decomposition with
 * partial pivoting and forward/back substitution, 48 systems; the residual
 * |Ax - b| is checked.  Soft float: every operation is a libgcc call. */
#include "bench.h"

#define N 4

static double dabs(double x) { return x < 0 ? -x : x; }

/* in place: a becomes L\U, perm the row order; 0 if singular */
static int lu(double a[N][N], int perm[N]) {
    for (int i = 0; i < N; i++) perm[i] = i;
    for (int k = 0; k < N; k++) {
        int p = k;
        double best = dabs(a[k][k]);
        for (int i = k + 1; i < N; i++)
            if (dabs(a[i][k]) > best) { best = dabs(a[i][k]); p = i; }
        if (best == 0.0) return 0;
        if (p != k) {
            for (int j = 0; j < N; j++) { double t = a[k][j]; a[k][j] = a[p][j]; a[p][j] = t; }
            int t = perm[k]; perm[k] = perm[p]; perm[p] = t;
        }
        for (int i = k + 1; i < N; i++) {
            double f = a[i][k] / a[k][k];
            a[i][k] = f;
            for (int j = k + 1; j < N; j++) a[i][j] -= f * a[k][j];
        }
    }
    return 1;
}

static void solve(double lu_[N][N], const int perm[N], const double b[N], double x[N]) {
    double y[N];
    for (int i = 0; i < N; i++) {
        double s = b[perm[i]];
        for (int j = 0; j < i; j++) s -= lu_[i][j] * y[j];
        y[i] = s;
    }
    for (int i = N - 1; i >= 0; i--) {
        double s = y[i];
        for (int j = i + 1; j < N; j++) s -= lu_[i][j] * x[j];
        x[i] = s / lu_[i][i];
    }
}

uint32_t benchmark(void) {
    uint32_t s = bench_seed, h = 0, accurate = 0;
    for (int sys = 0; sys < 48; sys++) {
        double a[N][N], f[N][N], b[N], x[N];
        int perm[N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++)
                a[i][j] = f[i][j] = (double)((int32_t)(lcg(&s) >> 12) - 524288) / 65536.0;
            b[i] = (double)(int32_t)(lcg(&s) >> 20) / 256.0;
        }
        if (!lu(f, perm)) { h = mix(h, 0x5106u); continue; }
        solve(f, perm, b, x);
        double resid = 0.0;
        for (int i = 0; i < N; i++) {
            double r = -b[i];
            for (int j = 0; j < N; j++) r += a[i][j] * x[j];
            resid += dabs(r);
        }
        accurate += resid < 1e-9;
        for (int i = 0; i < N; i++) h = mix(h, (uint32_t)(int32_t)(x[i] * 4096.0));
    }
    return mix(h, accurate);
}

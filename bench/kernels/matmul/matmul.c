/* Integer matrix multiply, 28x28 int32 by int32 with int32 accumulation,
 * C = A*B then D = C*A (so the second product depends on the first). */
#include "bench.h"

#define N 28
static int32_t A[N][N], B[N][N], C[N][N], D[N][N];

static void matmul(int32_t (*x)[N], int32_t (*y)[N], int32_t (*z)[N]) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            int32_t acc = 0;
            for (int k = 0; k < N; k++)
                acc += x[i][k] * y[k][j];
            z[i][j] = acc;
        }
}

uint32_t benchmark(void) {
    uint32_t s = bench_seed;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            A[i][j] = (int32_t)(lcg(&s) >> 20) - 2048;
            B[i][j] = (int32_t)(lcg(&s) >> 20) - 2048;
        }
    matmul(A, B, C);
    matmul(C, A, D);
    uint32_t h = 0;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            h = mix(h, (uint32_t)D[i][j]);
    return h;
}

/* 64-bit multiply-accumulate: energy and cross terms of 32-bit sample
 * blocks summed into 64-bit accumulators (unsigned and signed 32x32->64
 * products), a 64x64 multiply-add hash, and a running 64-bit maximum
 * (compare and select on both halves), as a power meter or a
 * fixed-point statistics routine computes them. */
#include "bench.h"

#define N 1024
#define ROUNDS 12

static uint32_t ua[N], ub[N];
static int32_t sa[N], sb[N];

typedef struct {
    uint64_t dot;                       /* sum ua[i] * ub[j] */
    int64_t cross;                      /* sum sa[i] * sb[i] */
    int64_t peak;                       /* max partial sum of cross */
    uint64_t hash;                      /* hash = hash * P + ua[i] */
} stats;

static void accumulate(stats *st, int shift) {
    uint64_t dot = st->dot, hash = st->hash;
    int64_t cross = st->cross, peak = st->peak;
    for (int i = 0; i < N; i++) {
        dot += (uint64_t)ua[i] * ub[(i + shift) & (N - 1)];
        cross += (int64_t)sa[i] * sb[i];
        if (cross > peak) peak = cross;
        hash = hash * 0x100000001b3ull + ua[i];
    }
    st->dot = dot; st->cross = cross; st->peak = peak; st->hash = hash;
}

/* a second pass over the signed samples: sum of squares minus the
 * square of the sum, per 64-sample window (a variance numerator) */
static uint64_t windows(void) {
    uint64_t acc = 0;
    for (int w = 0; w < N; w += 64) {
        int64_t sum = 0, sq = 0;
        for (int i = w; i < w + 64; i++) {
            sum += sa[i];
            sq += (int64_t)sa[i] * sa[i];
        }
        acc += (uint64_t)sq * 64 - (uint64_t)(sum * sum);
    }
    return acc;
}

uint32_t benchmark(void) {
    uint32_t s = bench_seed;
    for (int i = 0; i < N; i++) {
        ua[i] = lcg(&s);
        ub[i] = lcg(&s) >> (i & 7);
        sa[i] = (int32_t)lcg(&s) >> 9;          /* |sa*sb| < 2^49: no overflow */
        sb[i] = (int32_t)lcg(&s) >> (4 + (i & 3));
    }
    stats st = {0, 0, 0, 0xcbf29ce484222325ull};
    uint32_t h = 0;
    for (int r = 0; r < ROUNDS; r++) {
        accumulate(&st, r * 37);
        uint64_t v = windows();
        h = mix(h, (uint32_t)st.dot); h = mix(h, (uint32_t)(st.dot >> 32));
        h = mix(h, (uint32_t)st.cross); h = mix(h, (uint32_t)((uint64_t)st.cross >> 32));
        h = mix(h, (uint32_t)st.peak); h = mix(h, (uint32_t)(st.hash >> 32));
        h = mix(h, (uint32_t)v ^ (uint32_t)(v >> 32));
        for (int i = r; i < N; i += ROUNDS)        /* perturb the samples */
            sa[i] = -sa[i];
    }
    return h;
}

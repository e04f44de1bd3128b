/* f32 IIR filtering: a cascade of two biquad sections (direct form II
 * transposed; a low-pass and a notch) over 384 samples of a chirp with
 * noise.  With the soft-float ABI every operation is a libgcc call. */
#include "bench.h"

typedef struct { float b0, b1, b2, a1, a2, z1, z2; } biquad_t;

static float step(biquad_t *q, float x) {
    float y = q->b0 * x + q->z1;
    q->z1 = q->b1 * x - q->a1 * y + q->z2;
    q->z2 = q->b2 * x - q->a2 * y;
    return y;
}

#define LEN 384
static float out[LEN];

uint32_t benchmark(void) {
    uint32_t s = bench_seed;
    /* coefficients of a 1 kHz low-pass and a 2.5 kHz notch at fs = 16 kHz */
    biquad_t lp = {0.0299545f, 0.0599090f, 0.0299545f, -1.4542436f, 0.5740616f, 0.0f, 0.0f};
    biquad_t notch = {0.9489643f, -1.0575596f, 0.9489643f, -1.0575596f, 0.8979286f, 0.0f, 0.0f};
    float phase = 0.0f, freq = 0.01f, tri = 0.0f;
    for (int i = 0; i < LEN; i++) {
        phase += freq;
        if (phase > 1.0f) phase -= 2.0f;                    /* sawtooth in [-1, 1) */
        freq += 0.0001f;
        tri = phase < 0.0f ? -phase : phase;
        float noise = (float)((int32_t)(lcg(&s) >> 16) - 32768) * (1.0f / 327680.0f);
        out[i] = step(&notch, step(&lp, tri - 0.5f + noise));
    }
    uint32_t h = 0;
    for (int i = 0; i < LEN; i++) {
        union { float f; uint32_t u; } v = {out[i]};
        h = mix(h, v.u);
    }
    return h;
}

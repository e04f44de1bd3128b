/* Q15 fixed-point FIR low-pass filter: 32 taps over 1536 samples through a
 * circular delay line, with rounding and saturation as a DSP library does. */
#include "bench.h"

#define TAPS 32
#define LEN 1536
static int16_t coef[TAPS];
static int16_t input[LEN], output[LEN];

static int16_t sat16(int32_t v) {
    if (v > 32767) return 32767;
    if (v < -32768) return -32768;
    return (int16_t)v;
}

static void fir(const int16_t *x, int16_t *y, int n) {
    int16_t delay[TAPS];
    for (int k = 0; k < TAPS; k++) delay[k] = 0;
    int pos = 0;
    for (int i = 0; i < n; i++) {
        delay[pos] = x[i];
        int32_t acc = 1 << 14;               /* rounding */
        int idx = pos;
        for (int k = 0; k < TAPS; k++) {
            acc += (int32_t)coef[k] * delay[idx];
            idx = idx == 0 ? TAPS - 1 : idx - 1;
        }
        y[i] = sat16(acc >> 15);
        pos = pos == TAPS - 1 ? 0 : pos + 1;
    }
}

uint32_t benchmark(void) {
    uint32_t s = bench_seed;
    /* a symmetric triangular window, scaled so the taps sum to about 1.0 */
    for (int k = 0; k < TAPS; k++) {
        int w = k < TAPS / 2 ? k + 1 : TAPS - k;
        coef[k] = (int16_t)(w * 120);
    }
    int32_t phase = 0;
    for (int i = 0; i < LEN; i++) {
        phase += 977;
        int32_t tri = (phase & 0x7FFF) - 0x4000;          /* sawtooth */
        int32_t noise = (int32_t)(lcg(&s) >> 22) - 512;
        input[i] = sat16(tri + noise * 8);
    }
    fir(input, output, LEN);
    uint32_t h = 0;
    for (int i = 0; i < LEN; i++)
        h = mix(h, (uint16_t)output[i]);
    return h;
}

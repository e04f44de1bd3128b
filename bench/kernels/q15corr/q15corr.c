/* int16 multiply-accumulate loops, as in a speech codec's LPC analysis:
 * per 256-sample frame, a Q15 window, the autocorrelation at lags 0..16
 * (int16 x int16 products summed in int32) and a 24-tap decimate-by-2
 * low-pass filter (Q15 dot products over int16 arrays). */
#include "bench.h"

#define FRAME 256
#define FRAMES 12
#define LAGS 17
#define TAPS 24

static int16_t signal[FRAME * FRAMES + TAPS];
static int16_t window[FRAME], taps[TAPS];
static int16_t framebuf[FRAME], decimated[FRAME / 2];
static int32_t corr[LAGS];

/* samples of at most 12 bits: 256 products of 2^22 stay below 2^31 */
static int32_t dot_q15(const int16_t *x, const int16_t *y, int n) {
    int32_t acc = 0;
    for (int i = 0; i < n; i++)
        acc += x[i] * y[i];
    return acc;
}

static void autocorr(const int16_t *x, int n, int32_t *r) {
    for (int lag = 0; lag < LAGS; lag++)
        r[lag] = dot_q15(x, x + lag, n - lag);
}

static void decimate(const int16_t *x, int16_t *y, int n) {
    for (int j = 0; j < n / 2; j++) {
        int32_t acc = 1 << 14;
        for (int k = 0; k < TAPS; k++)
            acc += taps[k] * x[2 * j + k];
        y[j] = (int16_t)(acc >> 15);
    }
}

uint32_t benchmark(void) {
    uint32_t s = bench_seed;
    for (int i = 0; i < FRAME; i++) {             /* a triangular (Bartlett) window */
        int d = i < FRAME / 2 ? i : FRAME - 1 - i;
        window[i] = (int16_t)(d * 32767 / (FRAME / 2));
    }
    for (int k = 0; k < TAPS; k++) {              /* taps summing to about 0.9 */
        int w = k < TAPS / 2 ? k + 1 : TAPS - k;
        taps[k] = (int16_t)(w * 189);
    }
    int32_t phase = 0;
    for (int i = 0; i < FRAME * FRAMES + TAPS; i++) {
        phase += 1361;
        int32_t tri = ((phase >> 4) & 0x7FF) - 0x400;
        signal[i] = (int16_t)(tri + (int32_t)(lcg(&s) >> 22) - 512);   /* |x| < 2^11 */
    }
    uint32_t h = 0;
    for (int f = 0; f < FRAMES; f++) {
        const int16_t *x = signal + f * FRAME;
        for (int i = 0; i < FRAME; i++)
            framebuf[i] = (int16_t)((x[i] * window[i]) >> 15);
        autocorr(framebuf, FRAME, corr);
        for (int lag = 0; lag < LAGS; lag++)
            h = mix(h, (uint32_t)corr[lag]);
        decimate(x, decimated, FRAME);
        h = mix(h, (uint32_t)dot_q15(decimated, decimated + 1, FRAME / 2 - 1));
        for (int j = 0; j < FRAME / 2; j++)
            h = mix(h, (uint16_t)decimated[j]);
    }
    return h;
}

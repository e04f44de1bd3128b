/* Pointer-walking copies and transforms (*dst++ = f(*src++)), as a display
 * or audio driver does them: RGB565 to RGB888, RGB888 to 8-bit luma through
 * a gamma table, luma back to RGB565, stereo int16 samples split into two
 * channels with a gain, and a byte-swapping word copy. */
#include "bench.h"

#define PIXELS 3072
#define FRAMES 2048                     /* stereo sample pairs */

static uint16_t fb565[PIXELS], back565[PIXELS];
static uint8_t rgb[PIXELS * 3], luma[PIXELS], gamma_lut[256];
static int16_t stereo[FRAMES * 2], left[FRAMES], right[FRAMES];
static uint32_t words[FRAMES], swapped[FRAMES];

static void expand565(const uint16_t *src, uint8_t *dst, int n) {
    while (n-- > 0) {
        uint32_t p = *src++;
        uint32_t r = p >> 11, g = (p >> 5) & 63, b = p & 31;
        *dst++ = (uint8_t)(r << 3 | r >> 2);
        *dst++ = (uint8_t)(g << 2 | g >> 4);
        *dst++ = (uint8_t)(b << 3 | b >> 2);
    }
}

static void to_luma(const uint8_t *src, uint8_t *dst, const uint8_t *lut, int n) {
    while (n-- > 0) {
        uint32_t r = *src++, g = *src++, b = *src++;
        *dst++ = lut[(77 * r + 150 * g + 29 * b + 128) >> 8];
    }
}

static void gray565(const uint8_t *src, uint16_t *dst, int n) {
    while (n-- > 0) {
        uint32_t y = *src++;
        *dst++ = (uint16_t)((y >> 3) << 11 | (y >> 2) << 5 | (y >> 3));
    }
}

static void split(const int16_t *src, int16_t *l, int16_t *r, int32_t gain, int n) {
    while (n-- > 0) {
        *l++ = (int16_t)((*src++ * gain) >> 8);
        *r++ = (int16_t)((*src++ * gain) >> 8);
    }
}

static void copy_bswap(const uint32_t *src, uint32_t *dst, int n) {
    while (n-- > 0) {
        uint32_t w = *src++;
        *dst++ = w >> 24 | (w >> 8 & 0xff00) | (w << 8 & 0xff0000) | w << 24;
    }
}

uint32_t benchmark(void) {
    uint32_t s = bench_seed;
    for (int i = 0; i < 256; i++)                 /* gamma 0.5-ish: (i * (511 - i)) / 255 */
        gamma_lut[i] = (uint8_t)(i * (511 - i) / 255);
    for (int i = 0; i < PIXELS; i++)
        fb565[i] = (uint16_t)(lcg(&s) >> 16);
    for (int i = 0; i < FRAMES * 2; i++)
        stereo[i] = (int16_t)(lcg(&s) >> 16);
    for (int i = 0; i < FRAMES; i++)
        words[i] = lcg(&s);
    uint32_t h = 0;
    for (int pass = 0; pass < 3; pass++) {
        expand565(fb565, rgb, PIXELS);
        to_luma(rgb, luma, gamma_lut, PIXELS);
        gray565(luma, back565, PIXELS);
        split(stereo, left, right, 160 + 32 * pass, FRAMES);
        copy_bswap(words, swapped, FRAMES);
        for (int i = 0; i < PIXELS; i += 3)
            h = mix(h, (uint32_t)back565[i] << 16 | rgb[i] << 8 | luma[i]);
        for (int i = 0; i < FRAMES; i += 2)
            h = mix(h, (uint16_t)left[i] ^ (uint32_t)(uint16_t)right[i + 1] << 16 ^ swapped[i]);
        for (int i = pass; i < PIXELS; i += 5)    /* change the inputs for the next pass */
            fb565[i] ^= back565[i];
        for (int i = 0; i < FRAMES; i++)
            words[i] += swapped[(i + 1) & (FRAMES - 1)];
    }
    return h;
}

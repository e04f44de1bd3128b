/* String search: Boyer-Moore-Horspool occurrence counts of several
 * patterns in 6 KiB of generated text, cross-checked by a naive scan. */
#include "bench.h"

#define LEN 6144
static uint8_t text[LEN];

static uint32_t slen(const char *s) { uint32_t n = 0; while (s[n]) n++; return n; }

static uint32_t horspool(const uint8_t *t, uint32_t n, const uint8_t *p, uint32_t m) {
    uint32_t shift[256], count = 0;
    for (int c = 0; c < 256; c++) shift[c] = m;
    for (uint32_t i = 0; i + 1 < m; i++) shift[p[i]] = m - 1 - i;
    uint32_t i = 0;
    while (i + m <= n) {
        uint32_t j = m - 1;
        while (t[i + j] == p[j]) {
            if (j == 0) { count++; break; }
            j--;
        }
        i += shift[t[i + m - 1]];
    }
    return count;
}

static uint32_t naive(const uint8_t *t, uint32_t n, const uint8_t *p, uint32_t m) {
    uint32_t count = 0;
    for (uint32_t i = 0; i + m <= n; i++) {
        uint32_t j = 0;
        while (j < m && t[i + j] == p[j]) j++;
        count += j == m;
    }
    return count;
}

uint32_t benchmark(void) {
    static const char *const patterns[6] = {"abracadabra", "cab", "dabbad", "aaaa",
                                            "bracadabracadab", "dd"};
    uint32_t s = bench_seed;
    for (uint32_t i = 0; i < LEN; i++) {
        uint32_t r = lcg(&s) >> 27;            /* skewed alphabet a..e, runs of text */
        text[i] = r < 12 ? 'a' : r < 19 ? 'b' : r < 24 ? 'c' : r < 29 ? 'd' : 'r';
        if ((r & 7) == 0 && i + 11 <= LEN) {
            const char *ins = "abracadabra";
            for (int k = 0; k < 11; k++) text[i + k] = (uint8_t)ins[k];
            i += 10;
        }
    }
    uint32_t h = 0;
    for (int k = 0; k < 6; k++) {
        const uint8_t *p = (const uint8_t *)patterns[k];
        uint32_t m = slen(patterns[k]);
        uint32_t fast = horspool(text, LEN, p, m);
        uint32_t slow = k < 3 ? naive(text, LEN, p, m) : fast;
        h = mix(h, fast == slow ? fast : 0xBAD00000u | fast);
    }
    return h;
}

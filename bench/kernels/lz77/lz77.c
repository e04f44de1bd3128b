/* LZ77-style compressor and decoder (LZ4-like tokens: literal run, match
 * length, 16-bit offset; one-entry hash table).  Compresses 6 KiB of
 * generated text with repeats, decompresses it and checks the round trip. */
#include "bench.h"

#define LEN 6144
#define HBITS 10
static uint8_t text[LEN], packed[LEN + LEN / 8 + 16], unpacked[LEN];
static uint16_t htab[1 << HBITS];

static uint32_t hash4(const uint8_t *p) {
    uint32_t v = p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    return (v * 2654435761u) >> (32 - HBITS);
}

static uint8_t *put_len(uint8_t *o, uint32_t n) {      /* 255-continued length */
    while (n >= 255) { *o++ = 255; n -= 255; }
    *o++ = (uint8_t)n;
    return o;
}

static uint32_t compress(const uint8_t *in, uint32_t n, uint8_t *out) {
    uint8_t *o = out;
    uint32_t i = 0, anchor = 0;
    for (uint32_t k = 0; k < (1u << HBITS); k++) htab[k] = 0xFFFF;
    while (i + 4 <= n) {
        uint32_t h = hash4(in + i);
        uint32_t cand = htab[h];
        htab[h] = (uint16_t)i;
        uint32_t m = 0;
        if (cand != 0xFFFF && i - cand < 65535)
            while (i + m < n && in[cand + m] == in[i + m] && m < 1000) m++;
        if (m < 4) { i++; continue; }
        uint32_t lit = i - anchor;
        *o++ = (uint8_t)((lit < 15 ? lit : 15) << 4 | (m - 4 < 15 ? m - 4 : 15));
        if (lit >= 15) o = put_len(o, lit - 15);
        for (uint32_t k = 0; k < lit; k++) *o++ = in[anchor + k];
        uint32_t off = i - cand;
        *o++ = (uint8_t)off; *o++ = (uint8_t)(off >> 8);
        if (m - 4 >= 15) o = put_len(o, m - 4 - 15);
        i += m;
        anchor = i;
    }
    uint32_t lit = n - anchor;                           /* final literals, no match */
    *o++ = (uint8_t)((lit < 15 ? lit : 15) << 4);
    if (lit >= 15) o = put_len(o, lit - 15);
    for (uint32_t k = 0; k < lit; k++) *o++ = in[anchor + k];
    return (uint32_t)(o - out);
}

static uint32_t get_len(const uint8_t **pp, uint32_t n) {
    const uint8_t *p = *pp;
    uint8_t b;
    do { b = *p++; n += b; } while (b == 255);
    *pp = p;
    return n;
}

static uint32_t decompress(const uint8_t *in, uint32_t n, uint8_t *out) {
    const uint8_t *p = in, *end = in + n;
    uint8_t *o = out;
    while (p < end) {
        uint8_t tok = *p++;
        uint32_t lit = tok >> 4;
        if (lit == 15) lit = get_len(&p, lit);
        while (lit--) *o++ = *p++;
        if (p >= end) break;
        uint32_t off = p[0] | (uint32_t)p[1] << 8;
        p += 2;
        uint32_t m = tok & 15;
        if (m == 15) m = get_len(&p, m);
        m += 4;
        const uint8_t *src = o - off;
        while (m--) *o++ = *src++;                       /* overlapping copy on purpose */
    }
    return (uint32_t)(o - out);
}

uint32_t benchmark(void) {
    static const char words[8][8] = {"sensor ", "value ", "motor ", "ok ",
                                     "error ", "temp=", "42 ", "\n"};
    uint32_t s = bench_seed, n = 0;
    while (n < LEN) {
        const char *w = words[(lcg(&s) >> 16) % 8];
        for (int k = 0; w[k] && n < LEN; k++) text[n++] = (uint8_t)w[k];
        if ((lcg(&s) >> 28) == 0 && n < LEN) text[n++] = (uint8_t)(lcg(&s) >> 24);
    }
    uint32_t clen = compress(text, LEN, packed);
    uint32_t dlen = decompress(packed, clen, unpacked);
    uint32_t h = mix(clen, dlen);
    for (uint32_t i = 0; i < LEN; i++)
        if (unpacked[i] != text[i]) return 0xBAD00000u | i;
    for (uint32_t i = 0; i < clen; i += 3) h = mix(h, packed[i]);
    return h;
}

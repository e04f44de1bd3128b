/* Byte-table walks: 1200 integers are written as LEB128 varints, each
 * byte split into two nibbles and the nibbles coded with a canonical
 * prefix code (lengths 2..8).  Decoding peeks 8 bits and reads the symbol
 * and its length from two 256-entry byte tables, refilling the bit buffer
 * a byte at a time; the bytes are then walked as varints again.  Every
 * value must come back; the checksum covers the stream and the values.
 * Three passes, the values changed between them. */
#include "bench.h"

#define VALUES 1200
#define MAXBYTES (VALUES * 5)

/* code length per nibble symbol: a complete prefix code (Kraft sum 1) */
static const uint8_t CODE_LEN[16] = {2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 8, 8};

static uint8_t code_of[16];             /* canonical code, right-aligned */
static uint8_t dec_sym[256], dec_len[256];
static uint32_t values[VALUES];
static uint8_t varints[MAXBYTES], decoded[MAXBYTES];
static uint8_t bits[MAXBYTES + 8];      /* coded stream, zero padding to refill past the end */

static void build_tables(void) {
    uint32_t code = 0;                  /* canonical: by length, then by symbol */
    for (int len = 1; len <= 8; len++, code <<= 1)
        for (int k = 0; k < 16; k++)
            if (CODE_LEN[k] == len)
                code_of[k] = (uint8_t)code++;
    for (int k = 0; k < 16; k++) {
        uint32_t span = 1u << (8 - CODE_LEN[k]), first = (uint32_t)code_of[k] << (8 - CODE_LEN[k]);
        for (uint32_t j = 0; j < span; j++) {
            dec_sym[first + j] = (uint8_t)k;
            dec_len[first + j] = CODE_LEN[k];
        }
    }
}

static uint32_t put_varint(uint8_t *out, uint32_t v) {
    uint32_t n = 0;
    while (v >= 0x80) {
        out[n++] = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    out[n++] = (uint8_t)v;
    return n;
}

/* MSB-first bit packing of the nibbles, high nibble first; returns bytes */
static uint32_t encode(const uint8_t *in, uint32_t n, uint8_t *out) {
    uint32_t acc = 0, nbits = 0, o = 0;
    for (uint32_t i = 0; i < 2 * n; i++) {
        uint32_t sym = i & 1 ? in[i >> 1] & 15 : in[i >> 1] >> 4;
        acc = acc << CODE_LEN[sym] | code_of[sym];
        nbits += CODE_LEN[sym];
        while (nbits >= 8) {
            nbits -= 8;
            out[o++] = (uint8_t)(acc >> nbits);
        }
    }
    if (nbits)
        out[o++] = (uint8_t)(acc << (8 - nbits));
    return o;
}

static void decode(const uint8_t *in, uint8_t *out, uint32_t n) {
    uint32_t buf = 0;
    int nbits = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t byte = 0;
        for (int half = 0; half < 2; half++) {
            while (nbits <= 24) {
                buf |= (uint32_t)*in++ << (24 - nbits);
                nbits += 8;
            }
            uint32_t peek = buf >> 24;
            byte = byte << 4 | dec_sym[peek];
            buf <<= dec_len[peek];
            nbits -= dec_len[peek];
        }
        out[i] = (uint8_t)byte;
    }
}

static uint32_t walk_varints(const uint8_t *p, uint32_t n, uint32_t *bad) {
    uint32_t h = 0, count = 0;
    const uint8_t *end = p + n;
    while (p < end) {
        uint32_t v = 0, shift = 0, b;
        do {
            b = *p++;
            v |= (b & 0x7f) << shift;
            shift += 7;
        } while (b & 0x80);
        *bad += v != values[count++];
        h = mix(h, v);
    }
    return h ^ count;
}

uint32_t benchmark(void) {
    uint32_t s = bench_seed;
    build_tables();
    for (int i = 0; i < VALUES; i++) {
        uint32_t r = lcg(&s);
        values[i] = r >> (r & 31);              /* every magnitude: 1 to 5 bytes */
    }
    uint32_t h = 0, bad = 0;
    for (int pass = 0; pass < 3; pass++) {
        uint32_t n = 0;
        for (int i = 0; i < VALUES; i++)
            n += put_varint(varints + n, values[i]);
        uint32_t coded = encode(varints, n, bits);
        for (int i = 0; i < 8; i++)
            bits[coded + i] = 0;
        decode(bits, decoded, n);
        h = mix(h, coded);
        h = mix(h, walk_varints(decoded, n, &bad));
        for (int i = 0; i < VALUES; i++)        /* other magnitudes next pass */
            values[i] = values[i] * 3 + (uint32_t)pass;
    }
    return mix(h, bad);
}

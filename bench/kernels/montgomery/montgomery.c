/* 64-bit Montgomery multiplication (R = 2^64) built from 32x32->64
 * products, as on a core without a 64x64->128 multiply: modular
 * exponentiation and a Fermat primality test over a few 62-bit moduli. */
#include "bench.h"

typedef struct { uint64_t lo, hi; } u128;

static u128 mul64(uint64_t a, uint64_t b) {
    uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;
    u128 r;
    r.lo = (mid << 32) | (uint32_t)p00;
    r.hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
    return r;
}

/* -n^-1 mod 2^64 by Newton iteration (n odd) */
static uint64_t neg_inverse(uint64_t n) {
    uint64_t x = n;                      /* correct to 3 bits */
    for (int i = 0; i < 5; i++) x *= 2 - n * x;
    return (uint64_t)0 - x;
}

/* a*b*R^-1 mod n, for a, b < n < 2^63 */
static uint64_t redc_mul(uint64_t a, uint64_t b, uint64_t n, uint64_t ninv) {
    u128 t = mul64(a, b);
    uint64_t m = t.lo * ninv;
    u128 mn = mul64(m, n);
    uint64_t lo = t.lo + mn.lo;
    uint64_t hi = t.hi + mn.hi + (lo < t.lo);
    return hi >= n ? hi - n : hi;
}

static uint64_t to_mont(uint64_t a, uint64_t n) {   /* a*2^64 mod n by doubling */
    for (int i = 0; i < 64; i++) {
        a <<= 1;
        if (a >= n) a -= n;
    }
    return a;
}

static uint64_t powmod(uint64_t base, uint64_t e, uint64_t n) {
    uint64_t ninv = neg_inverse(n);
    uint64_t one = to_mont(1, n), x = to_mont(base % n, n), r = one;
    while (e) {
        if (e & 1) r = redc_mul(r, x, n, ninv);
        x = redc_mul(x, x, n, ninv);
        e >>= 1;
    }
    return redc_mul(r, 1, n, ninv);                     /* out of Montgomery form */
}

uint32_t benchmark(void) {
    uint32_t s = bench_seed;
    uint32_t h = 0, probable = 0;
    for (int k = 0; k < 40; k++) {
        uint64_t n = ((uint64_t)(lcg(&s) >> 2) << 32 | lcg(&s)) | 1;   /* odd, < 2^62 */
        uint64_t a = 2 + lcg(&s) % 1000;
        uint64_t r = powmod(a, n - 1, n);
        probable += r == 1;
        h = mix(mix(h, (uint32_t)r), (uint32_t)(r >> 32));
    }
    /* 2^61-1 is prime: Fermat must say so */
    uint64_t m61 = ((uint64_t)1 << 61) - 1;
    h = mix(h, powmod(3, m61 - 1, m61) == 1);
    return mix(h, probable);
}

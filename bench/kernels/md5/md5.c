/* MD5 (RFC 1321) of a 2000-byte message, 16 times, each pass folding the
 * previous digest into the message: a round loop per step function with
 * the sine-derived constants and the per-round rotate amounts read from
 * tables, 32-bit adds and rotates by a variable amount. */
#include "bench.h"

#define LEN 2000
#define PASSES 16

static const uint32_t K[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};
/* rotate amounts: four per step function, repeated four times in a round */
static const uint8_t SHIFT[4][4] = {{7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23}, {6, 10, 15, 21}};

static uint8_t msg[LEN];

static uint32_t rotl(uint32_t x, uint32_t n) { return (x << n) | (x >> (32 - n)); }

static void block(uint32_t st[4], const uint8_t *p) {
    uint32_t m[16];
    for (int i = 0; i < 16; i++)
        m[i] = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 |
               (uint32_t)p[4 * i + 2] << 16 | (uint32_t)p[4 * i + 3] << 24;
    uint32_t a = st[0], b = st[1], c = st[2], d = st[3], t;
    for (int i = 0; i < 16; i++) {
        t = a + ((b & c) | (~b & d)) + K[i] + m[i];
        a = d; d = c; c = b; b += rotl(t, SHIFT[0][i & 3]);
    }
    for (int i = 16; i < 32; i++) {
        t = a + ((d & b) | (~d & c)) + K[i] + m[(5 * i + 1) & 15];
        a = d; d = c; c = b; b += rotl(t, SHIFT[1][i & 3]);
    }
    for (int i = 32; i < 48; i++) {
        t = a + (b ^ c ^ d) + K[i] + m[(3 * i + 5) & 15];
        a = d; d = c; c = b; b += rotl(t, SHIFT[2][i & 3]);
    }
    for (int i = 48; i < 64; i++) {
        t = a + (c ^ (b | ~d)) + K[i] + m[(7 * i) & 15];
        a = d; d = c; c = b; b += rotl(t, SHIFT[3][i & 3]);
    }
    st[0] += a; st[1] += b; st[2] += c; st[3] += d;
}

/* the whole message with MD5's padding; digest words as stored little-endian */
static void md5(const uint8_t *p, uint32_t n, uint32_t st[4]) {
    st[0] = 0x67452301; st[1] = 0xefcdab89; st[2] = 0x98badcfe; st[3] = 0x10325476;
    uint32_t done = 0;
    for (; done + 64 <= n; done += 64)
        block(st, p + done);
    uint8_t tail[128];
    uint32_t rest = n - done, padded = rest < 56 ? 64 : 128;
    for (uint32_t i = 0; i < padded; i++)
        tail[i] = i < rest ? p[done + i] : i == rest ? 0x80 : 0;
    uint64_t bits = (uint64_t)n * 8;
    for (int i = 0; i < 8; i++)
        tail[padded - 8 + i] = (uint8_t)(bits >> (8 * i));
    for (uint32_t off = 0; off < padded; off += 64)
        block(st, tail + off);
}

uint32_t benchmark(void) {
    uint32_t s = bench_seed;
    for (int i = 0; i < LEN; i++)
        msg[i] = (uint8_t)(lcg(&s) >> 24);
    uint32_t h = 0;
    for (int pass = 0; pass < PASSES; pass++) {
        uint32_t st[4];
        md5(msg, LEN, st);
        for (int k = 0; k < 4; k++) {
            h = mix(h, st[k]);
            for (int j = 0; j < 4; j++)
                msg[(pass * 16 + 4 * k + j) % LEN] ^= (uint8_t)(st[k] >> (8 * j));
        }
    }
    return h;
}

/* CRC-32 (IEEE 802.3, reflected) over 8 KiB, table-driven, the table built
 * at run time as firmware without a const table would. */
#include "bench.h"

static uint32_t table[256];
static uint8_t buf[8192];

static void make_table(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
}

static uint32_t crc32(const uint8_t *p, uint32_t n, uint32_t crc) {
    crc = ~crc;
    while (n--)
        crc = table[(crc ^ *p++) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

uint32_t benchmark(void) {
    uint32_t s = bench_seed;
    make_table();
    for (uint32_t i = 0; i < sizeof buf; i++)
        buf[i] = (uint8_t)(lcg(&s) >> 24);
    uint32_t h = 0;
    for (int pass = 0; pass < 4; pass++) {
        uint32_t c = crc32(buf + pass * 7, sizeof buf - pass * 7, (uint32_t)pass);
        h = mix(h, c);
    }
    return h;
}

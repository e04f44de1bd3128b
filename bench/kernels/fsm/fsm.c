/* A byte-stuffed framing protocol parser (HDLC/SLIP-like): SOF, escaped
 * payload, length and CRC-16 check, as a UART receive state machine runs
 * it.  The stream is generated with some corrupted and truncated frames. */
#include "bench.h"

enum { SOF = 0x7E, ESC = 0x7D };
enum state { HUNT, ADDR, LEN, DATA, CRC_HI, CRC_LO };

typedef struct {
    enum state st;
    int esc;
    uint8_t addr, len, got;
    uint16_t crc, rx_crc;
    uint8_t payload[64];
    uint32_t good, bad, bytes, sum;
} parser;

static uint16_t crc16_byte(uint16_t crc, uint8_t b) {     /* CCITT, MSB first */
    crc ^= (uint16_t)b << 8;
    for (int k = 0; k < 8; k++)
        crc = (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
    return crc;
}

static void frame_done(parser *p) {
    if (p->rx_crc == p->crc) {
        p->good++;
        p->bytes += p->len;
        for (int i = 0; i < p->len; i++) p->sum = p->sum * 31 + p->payload[i] + p->addr;
    } else {
        p->bad++;
    }
}

static void feed(parser *p, uint8_t c) {
    if (c == SOF) {                                        /* always resynchronises */
        p->st = ADDR; p->esc = 0; p->crc = 0xFFFF;
        return;
    }
    if (p->st == HUNT) return;
    if (c == ESC) { p->esc = 1; return; }
    if (p->esc) { c ^= 0x20; p->esc = 0; }
    switch (p->st) {
    case ADDR:
        p->addr = c; p->crc = crc16_byte(p->crc, c); p->st = LEN;
        break;
    case LEN:
        if (c > sizeof p->payload) { p->bad++; p->st = HUNT; break; }
        p->len = c; p->got = 0; p->crc = crc16_byte(p->crc, c);
        p->st = c ? DATA : CRC_HI;
        break;
    case DATA:
        p->payload[p->got++] = c; p->crc = crc16_byte(p->crc, c);
        if (p->got == p->len) p->st = CRC_HI;
        break;
    case CRC_HI:
        p->rx_crc = (uint16_t)(c << 8); p->st = CRC_LO;
        break;
    case CRC_LO:
        p->rx_crc |= c; frame_done(p); p->st = HUNT;
        break;
    default:
        p->st = HUNT;
    }
}

static uint8_t stream[9000];

static uint32_t put(uint32_t n, uint8_t b) {              /* stuff one byte */
    if (b == SOF || b == ESC) { stream[n++] = ESC; b ^= 0x20; }
    stream[n++] = b;
    return n;
}

uint32_t benchmark(void) {
    uint32_t s = bench_seed, n = 0;
    while (n < sizeof stream - 200) {
        uint8_t addr = (uint8_t)(lcg(&s) >> 24), len = (uint8_t)((lcg(&s) >> 24) % 48);
        uint16_t crc = crc16_byte(crc16_byte(0xFFFF, addr), len);
        stream[n++] = SOF;
        n = put(n, addr);
        n = put(n, len);
        for (int i = 0; i < len; i++) {
            uint8_t b = (uint8_t)(lcg(&s) >> 24);
            crc = crc16_byte(crc, b);
            n = put(n, b);
        }
        uint32_t r = lcg(&s) >> 28;
        if (r == 0) crc ^= 1;                                 /* corrupt */
        if (r == 1) continue;                                 /* truncated frame */
        n = put(n, (uint8_t)(crc >> 8));
        n = put(n, (uint8_t)crc);
    }
    static parser p;
    p.st = HUNT; p.esc = 0; p.good = p.bad = p.bytes = p.sum = 0;
    for (uint32_t i = 0; i < n; i++) feed(&p, stream[i]);
    return mix(mix(mix(p.good, p.bad), p.bytes), p.sum);
}

/* Shared by the kernels in bench/kernels/: fixed-width types and the input
 * generator.  Kernels are freestanding (no libc), so every input is made
 * here, from a seed read through a volatile so that no compiler can fold a
 * whole benchmark into a constant at build time. */
#ifndef BENCH_H
#define BENCH_H
#include <stdint.h>

uint32_t benchmark(void);

static volatile uint32_t bench_seed = 0x2545F491u;

/* Numerical Recipes LCG: cheap, and identical on every compiler. */
static inline uint32_t lcg(uint32_t *s) {
    *s = *s * 1664525u + 1013904223u;
    return *s;
}

/* Mix a word into a running checksum (FNV-1a style, word at a time). */
static inline uint32_t mix(uint32_t h, uint32_t v) {
    return (h ^ v) * 16777619u;
}
#endif

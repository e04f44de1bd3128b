/* semihost.c — ARM semihosting without a C library.
 *
 * A semihosting call is `bkpt 0xab` on M-profile with the operation number
 * in r0 and its argument (a value or a pointer to a parameter block) in r1.
 * QEMU serves it when started with `-semihosting-config enable=on`.
 */
#include <stdarg.h>
#include "semihost.h"

enum {
    SYS_WRITE0 = 0x04,
    SYS_EXIT = 0x18,
    SYS_EXIT_EXTENDED = 0x20,
    ADP_Stopped_ApplicationExit = 0x20026,
};

static uint32_t semihost_call(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void sh_puts(const char *s)
{
    semihost_call(SYS_WRITE0, s);
}

void sh_exit(int status)
{
    /* SYS_EXIT_EXTENDED carries the status; plain SYS_EXIT (32-bit) cannot. */
    uint32_t block[2] = {ADP_Stopped_ApplicationExit, (uint32_t)status};
    semihost_call(SYS_EXIT_EXTENDED, block);
    semihost_call(SYS_EXIT, (const void *)(uintptr_t)ADP_Stopped_ApplicationExit);
    for (;;)
        __asm__ volatile("wfi");
}

/* A line buffer, written with one SYS_WRITE0 per line (or when full). */
static char line[128];
static unsigned used;

static void flush(void)
{
    line[used] = 0;
    if (used)
        sh_puts(line);
    used = 0;
}

static void put(char c)
{
    line[used++] = c;
    if (c == '\n' || used == sizeof line - 1)
        flush();
}

static void put_u64(uint64_t v, unsigned base)
{
    char digits[24];
    int n = 0;
    do {
        unsigned d = (unsigned)(v % base);
        digits[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= base;
    } while (v);
    while (n)
        put(digits[--n]);
}

static void put_s64(int64_t v)
{
    if (v < 0) {
        put('-');
        put_u64(-(uint64_t)v, 10);
    } else {
        put_u64((uint64_t)v, 10);
    }
}

void sh_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            put(*p);
            continue;
        }
        switch (*++p) {
        case 'd': put_s64(va_arg(ap, int)); break;
        case 'u': put_u64(va_arg(ap, unsigned), 10); break;
        case 'x': put_u64(va_arg(ap, unsigned), 16); break;
        case 'c': put((char)va_arg(ap, int)); break;
        case 's': for (const char *s = va_arg(ap, const char *); *s; s++) put(*s); break;
        case 'l':                       /* %lld only */
            p += 2;
            put_s64(va_arg(ap, long long));
            break;
        case '%': put('%'); break;
        case 0: p--; break;
        default: put('%'); put(*p); break;
        }
    }
    va_end(ap);
    if (used && line[used - 1] != '\n')
        flush();
}

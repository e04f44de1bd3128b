/* semihost.h — console output and exit through ARM semihosting (bkpt 0xab). */
#ifndef SEMIHOST_H
#define SEMIHOST_H

#include <stdint.h>

void sh_puts(const char *s);                 /* SYS_WRITE0: a NUL-terminated string */
void sh_printf(const char *fmt, ...);        /* %d %u %x %s %c %lld %%, no widths */
void sh_exit(int status) __attribute__((noreturn));   /* SYS_EXIT_EXTENDED */

#endif

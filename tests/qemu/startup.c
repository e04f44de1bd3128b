/* Minimal bare-metal start for QEMU's MPS2 boards, used by tests/test_fpu_qemu.py:
 * vector table, FPU enable (CPACR), .data/.bss set-up, semihosting output. */
#include <stdint.h>

extern uint32_t __stack_top[], __data_load[], __data_start[], __data_end[];
extern uint32_t __bss_start[], __bss_end[];
int main(void);
void Reset_Handler(void);
void Fault_Handler(void);

__attribute__((section(".isr_vector"), used))
void (*const vectors[16])(void) = {
    (void (*)(void))__stack_top, Reset_Handler, Fault_Handler, Fault_Handler,
    Fault_Handler, Fault_Handler, Fault_Handler, 0, 0, 0, 0,
    Fault_Handler, Fault_Handler, 0, Fault_Handler, Fault_Handler,
};

static int semihost(int op, const void *arg)
{
    register int r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void sh_puts(const char *s) { semihost(0x04, s); }             /* SYS_WRITE0 */

__attribute__((noreturn)) void sh_exit(int ok)
{
    semihost(0x18, (const void *)(ok ? 0x20026 : 0x20024));     /* SYS_EXIT */
    for (;;) {}
}

__attribute__((noreturn)) void Reset_Handler(void)
{
    volatile uint32_t *cpacr = (volatile uint32_t *)0xE000ED88;
    *cpacr |= 0xFu << 20;                                       /* CP10, CP11: full access */
    __asm__ volatile("dsb\n isb");
    volatile uint32_t *src = __data_load, *dst = __data_start;
    while (dst < __data_end) *dst++ = *src++;
    for (volatile uint32_t *p = __bss_start; p < __bss_end; p++) *p = 0;
    sh_exit(main() == 0);
}

void Fault_Handler(void)
{
    sh_puts("fault\n");
    sh_exit(0);
}

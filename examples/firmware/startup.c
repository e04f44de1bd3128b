/* startup.c — vector table, reset handler and fault handler for the Cortex-M
 * cores of QEMU's MPS2/MPS3 boards (mps2-an386: Cortex-M4; mps2-an505: Cortex-M33
 * and mps3-an547: Cortex-M55, both running in the Secure state they reset into).
 *
 * The linker script (mps2-an386.ld, mps2-an505.ld, mps3-an547.ld) places `.isr_vector` at
 * the address the core fetches its vector table from at reset, and defines
 * the symbols used below.
 */
#include <stdint.h>
#include "semihost.h"

extern uint32_t __stack_bottom[], __stack_top[];
extern uint32_t __data_load[], __data_start[], __data_end[];
extern uint32_t __bss_start[], __bss_end[];

int main(void);
void Reset_Handler(void);
void Default_Handler(void);
void HardFault_Handler(void);

/* The exit status of an image that faulted. */
#define FAULT_STATUS 120

/* The stack is at the start of RAM (mps2-common.ld) and its lowest
   STACK_GUARD bytes are a guard: on the Cortex-M4 an MPU region forbids
   them, on the Cortex-M33 MSPLIM stops the stack there.  An overflow faults
   and is reported as such (HardFault_Handler) instead of overwriting data. */
#define STACK_GUARD 1024

/* Code compiled with --stack-check (-msynth-stack-check) traps with code 9,
   "call stack exhausted", before sp goes below this: above the guard, with
   room left for synth_trap and what it calls (docs/abi.md, "Stack limit"). */
uint32_t synth_stack_limit = (uint32_t)__stack_bottom + STACK_GUARD + 1024;

/* Cortex-M4 and Cortex-M33 share the first 16 entries; entry 7 is SecureFault
   on v8-M with the Security Extension and reserved on v7-M. */
__attribute__((section(".isr_vector"), used))
void (*const vector_table[16 + 8])(void) = {
    (void (*)(void))__stack_top,
    Reset_Handler,
    Default_Handler,    /* NMI */
    HardFault_Handler,
    HardFault_Handler,  /* MemManage */
    HardFault_Handler,  /* BusFault */
    HardFault_Handler,  /* UsageFault */
    HardFault_Handler,  /* SecureFault (v8-M) */
    0, 0, 0,
    Default_Handler,    /* SVCall */
    Default_Handler,    /* DebugMonitor */
    0,
    Default_Handler,    /* PendSV */
    Default_Handler,    /* SysTick */
    /* the first external interrupts: none are enabled */
    Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler,
};

/* Word copies written with volatile pointers, so that gcc does not turn the
   loops into calls to memcpy/memset (nothing from the C library is used). */
static void stack_guard_init(void)
{
#if defined(__ARM_ARCH_6M__)
    /* the nRF51's Cortex-M0 has neither an MPU nor MSPLIM: no guard */
#elif defined(__ARM_ARCH_8M_MAIN__) || defined(__ARM_ARCH_8M_BASE__) \
    || defined(__ARM_ARCH_8_1M_MAIN__)
    __asm__ volatile("msr msplim, %0" : : "r"((uint32_t)__stack_bottom + STACK_GUARD));
#else
    /* PMSAv7: region 0 = the guard, no access, never executed; PRIVDEFENA
       keeps the default map everywhere else.  Sizes are powers of two and
       bases aligned to them: log2(1024) - 1 = 9. */
    volatile uint32_t *mpu = (volatile uint32_t *)0xE000ED94;  /* CTRL, RNR, RBAR, RASR */
    mpu[1] = 0;
    mpu[2] = (uint32_t)__stack_bottom;
    mpu[3] = 1u << 28 | 9u << 1 | 1u;
    mpu[0] = 1u << 2 | 1u;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
}

/* Hard float (-mfloat-abi=hard, the Cortex-M55 image): CP10/CP11 full access
   before any floating-point instruction runs. */
static void fpu_init(void)
{
#if defined(__ARM_FP)
    volatile uint32_t *cpacr = (volatile uint32_t *)0xE000ED88;
    *cpacr |= 0xFu << 20;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
}

__attribute__((noreturn)) void Reset_Handler(void)
{
    fpu_init();
    stack_guard_init();
    volatile uint32_t *src = __data_load, *dst = __data_start;
    while (dst < __data_end)
        *dst++ = *src++;
    for (volatile uint32_t *p = __bss_start; p < __bss_end; p++)
        *p = 0;
    sh_exit(main());
}

void Default_Handler(void)
{
    volatile uint32_t *icsr = (volatile uint32_t *)0xE000ED04;
    sh_printf("unexpected exception %u\n", (unsigned)(*icsr & 0x1ff));
    sh_exit(FAULT_STATUS + 1);
}

/* Called from HardFault_Handler with the exception frame the core stacked. */
__attribute__((used, noreturn)) static void hard_fault_report(const uint32_t *frame)
{
    volatile uint32_t *scb = (volatile uint32_t *)0xE000ED00;
    sh_printf("HardFault: pc=0x%x lr=0x%x cfsr=0x%x hfsr=0x%x\n",
              (unsigned)frame[6], (unsigned)frame[5],
              (unsigned)scb[0x28 / 4], (unsigned)scb[0x2c / 4]);
    sh_exit(FAULT_STATUS);
}

/* Called from HardFault_Handler, on a fresh stack, when sp was in the guard. */
__attribute__((used, noreturn)) static void stack_overflow_report(uint32_t sp)
{
    sh_printf("HardFault: stack overflow (sp=0x%x, stack 0x%x-0x%x)\n", (unsigned)sp,
              (unsigned)(uintptr_t)__stack_bottom, (unsigned)(uintptr_t)__stack_top);
    sh_exit(FAULT_STATUS);
}

/* Pick the stack the faulting code was using (EXC_RETURN bit 2) and report;
   if that stack is in the guard or just above it (MSPLIM stops sp at the
   limit), the report needs a stack of its own. */
#if defined(__ARM_ARCH_6M__)
__attribute__((naked)) void HardFault_Handler(void)
{
    /* ARMv6-M: no IT blocks, no guard to check; report from the stack in use */
    __asm__ volatile(
        "movs r0, #4\n"
        "mov r1, lr\n"
        "tst r0, r1\n"
        "bne 1f\n"
        "mrs r0, msp\n"
        "b 2f\n"
        "1: mrs r0, psp\n"
        "2: ldr r1, =hard_fault_report\n"
        "bx r1\n");
}
#else
__attribute__((naked)) void HardFault_Handler(void)
{
    __asm__ volatile(
        "tst lr, #4\n"
        "ite eq\n"
        "mrseq r0, msp\n"
        "mrsne r0, psp\n"
        "ldr r1, =__stack_bottom + %c0\n"
        "cmp r0, r1\n"
        "bhs hard_fault_report\n"
        "ldr r1, =__stack_top\n"
        "msr msp, r1\n"
        "b stack_overflow_report\n"
        : : "i"(2 * STACK_GUARD));
}
#endif

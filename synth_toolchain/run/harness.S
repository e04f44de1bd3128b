/* Startup / harness object for running synth output on an emulated Cortex-M.
 *
 * The emulator (emulator.py) does not execute a reset sequence: it loads the
 * PT_LOAD segments itself, sets SP/LR/PC and calls exported functions
 * directly.  This file supplies the symbols it relies on:
 *
 *   synth_trap     the trap handler (void synth_trap(uint32_t code), never
 *                  returns).  The emulator hooks its address and records r0.
 *   __synth_halt   the return address put in LR for every call; reaching it
 *                  ends the call.
 *   synth_stack_limit  for code compiled with --stack-check: the bottom of
 *                  the stack (emu.ld) plus a margin, as firmware sets it.
 *
 * Both spin forever so that, if a hook were ever missed, the instruction
 * limit would still stop the run.
 */
        .syntax unified
        .thumb

        .section .synth_vectors, "a", %progbits
        .align  2
        .global __synth_vectors
__synth_vectors:
        .word   __synth_stack_top       /* initial SP */
        .word   __synth_halt + 1        /* reset: nothing to do */

        .text
        .align  2
        .global synth_trap
        .type   synth_trap, %function
        .thumb_func
synth_trap:
        b       synth_trap
        .size   synth_trap, . - synth_trap

        .align  2
        .global __synth_halt
        .type   __synth_halt, %function
        .thumb_func
__synth_halt:
        b       __synth_halt
        .size   __synth_halt, . - __synth_halt

        .data
        .align  2
        .global synth_stack_limit
        .type   synth_stack_limit, %object
synth_stack_limit:
        .word   __synth_stack_limit_init
        .size   synth_stack_limit, 4

        .section .note.GNU-stack, "", %progbits

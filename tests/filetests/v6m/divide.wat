;; ARMv6-M has no divide: the wasm traps are tested first (cmp/beq: no cbz), then
;; the operands are pushed and synth_v6m_sdiv/udiv (a local helper calling libgcc's
;; __aeabi_idiv/__aeabi_uidiv, every register and the flags preserved) replaces
;; them by the quotient; a remainder multiplies back (muls, subs).
;; test: asm --tier=opt --cpu=cortex-m0plus
(module
  (func (export "div_s") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))
  (func (export "rem_u") (param i32 i32) (result i32)
    (i32.rem_u (local.get 0) (local.get 1))))

;; ==== asm --tier=opt --cpu=cortex-m0plus ====
;; .text.div_s  (44 bytes, align 4)
;; div_s:  global func, 44 bytes
;;     push    {r5, lr}
;;     cmp     r1, #0
;;     beq.n   .L2
;;     adds    r5, r1, #1
;;     bne.n   .L0
;;     movs    r5, #1
;;     lsls    r5, r5, #0x1f
;;     cmp     r0, r5
;;     beq.n   .L1
;; .L0:
;;     push    {r1}
;;     push    {r0}
;;     bl      synth_v6m_sdiv
;;     pop     {r0}
;;     add     sp, #4
;;     pop     {r5, pc}
;; .L1:
;;     movs    r0, #2
;;     bl      synth_trap
;; .L2:
;;     movs    r0, #3
;;     bl      synth_trap
;;
;; .text.rem_u  (34 bytes, align 4)
;; rem_u:  global func, 34 bytes
;;     push    {r5, lr}
;;     cmp     r1, #0
;;     beq.n   .L0
;;     push    {r1}
;;     push    {r0}
;;     bl      synth_v6m_udiv
;;     pop     {r2}
;;     add     sp, #4
;;     mov     r5, r2
;;     muls    r5, r1, r5
;;     subs    r2, r0, r5
;;     mov     r0, r2
;;     pop     {r5, pc}
;; .L0:
;;     movs    r0, #3
;;     bl      synth_trap
;;
;; .text.synth_init  (4 bytes, align 4)
;; synth_init:  global func, 4 bytes
;;     push    {r3, r4, r5, r6, r7, lr}
;;     pop     {r3, r4, r5, r6, r7, pc}
;;
;; .text.synth_trap  (4 bytes, align 4)
;; synth_trap:  weak func, 4 bytes
;;     bkpt    #0
;; .L0:
;;     b.n     .L0
;;
;; .text.synth_v6m_udiv  (26 bytes, align 4)
;; synth_v6m_udiv:  local func, 26 bytes
;;     push    {r0, r1, r2, r3, lr}
;;     mrs     r0, apsr
;;     push    {r0}
;;     ldr     r0, [sp, #0x18]
;;     ldr     r1, [sp, #0x1c]
;;     bl      __aeabi_uidiv
;;     str     r0, [sp, #0x18]
;;     pop     {r0}
;;     msr     apsr_nzcvq, r0
;;     pop     {r0, r1, r2, r3, pc}
;;
;; .text.synth_v6m_sdiv  (26 bytes, align 4)
;; synth_v6m_sdiv:  local func, 26 bytes
;;     push    {r0, r1, r2, r3, lr}
;;     mrs     r0, apsr
;;     push    {r0}
;;     ldr     r0, [sp, #0x18]
;;     ldr     r1, [sp, #0x1c]
;;     bl      __aeabi_idiv
;;     str     r0, [sp, #0x18]
;;     pop     {r0}
;;     msr     apsr_nzcvq, r0
;;     pop     {r0, r1, r2, r3, pc}

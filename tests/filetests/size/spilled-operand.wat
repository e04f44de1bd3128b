;; --opt-level=z: a spilled operand reloads into the op's low result register
;; instead of ip, so the reload is the 16-bit `ldr rX, [sp, #k]` and the op can
;; take a 16-bit two-operand form (`adds r0, #16` after `ldr r0, [sp, #0]`).
;; Sixteen values live across a call force spills.
;; test: asm --opt-level=z
;; test: asm --opt-level=2
(module
  (func $g (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
  (func (export "f") (param i32 i32) (result i32)
    (local i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
    (local.set 2 (i32.add (local.get 0) (i32.const 3)))
    (local.set 3 (i32.mul (local.get 1) (local.get 0)))
    (local.set 4 (i32.xor (local.get 2) (local.get 1)))
    (local.set 5 (i32.sub (local.get 3) (local.get 2)))
    (local.set 6 (i32.or (local.get 4) (local.get 3)))
    (local.set 7 (i32.and (local.get 5) (local.get 4)))
    (local.set 8 (i32.add (local.get 6) (local.get 5)))
    (local.set 9 (i32.mul (local.get 7) (local.get 6)))
    (local.set 10 (i32.xor (local.get 8) (local.get 7)))
    (local.set 11 (i32.sub (local.get 9) (local.get 8)))
    (local.set 12 (i32.or (local.get 10) (local.get 9)))
    (local.set 13 (i32.shl (local.get 11) (i32.const 3)))
    (drop (call $g (local.get 12)))
    (i32.add
      (i32.add (i32.add (i32.add (local.get 0) (i32.const 16)) (i32.and (local.get 1) (i32.const 7)))
               (i32.add (i32.sub (local.get 2) (local.get 3)) (i32.xor (local.get 4) (i32.const 255))))
      (i32.add (i32.add (i32.shr_u (local.get 5) (i32.const 2)) (i32.mul (local.get 6) (local.get 7)))
               (i32.add (i32.add (local.get 8) (local.get 9))
                        (i32.add (i32.add (local.get 10) (local.get 11))
                                 (i32.add (local.get 12) (local.get 13))))))))

;; ==== asm --opt-level=z ====
;; .text.g  (4 bytes, align 4)
;; g:  local func, 4 bytes
;;     muls    r0, r0, r0
;;     bx      lr
;;
;; .text.f  (150 bytes, align 4)
;; f:  global func, 150 bytes
;;     push.w  {r4, r5, r6, r7, r8, sb, sl, fp, lr}
;;     sub     sp, #0x14
;;     str     r0, [sp, #4]
;;     str     r1, [sp]
;;     ldr     r6, [sp, #4]
;;     adds    r6, #3
;;     ldr     r7, [sp]
;;     ldr.w   lr, [sp, #4]
;;     mul     r7, r7, lr
;;     ldr.w   lr, [sp]
;;     eor.w   r8, r6, lr
;;     sub.w   sb, r7, r6
;;     orr.w   sl, r8, r7
;;     and.w   fp, sb, r8
;;     add.w   r5, sl, sb
;;     mul     r4, fp, sl
;;     eor.w   ip, r5, fp
;;     str.w   ip, [sp, #8]
;;     sub.w   ip, r4, r5
;;     str.w   ip, [sp, #0xc]
;;     ldr.w   ip, [sp, #8]
;;     orr.w   ip, ip, r4
;;     str.w   ip, [sp, #0x10]
;;     mov     r0, ip
;;     bl      g
;;     ldr     r0, [sp, #4]
;;     adds    r0, #0x10
;;     ldr     r1, [sp]
;;     and     r1, r1, #7
;;     add     r0, r1
;;     subs    r6, r6, r7
;;     eor     r8, r8, #0xff
;;     add     r6, r8
;;     add     r0, r6
;;     mul     sl, sl, fp
;;     add.w   r1, sl, sb, lsr #2
;;     add     r5, r4
;;     ldr     r2, [sp, #8]
;;     ldr.w   lr, [sp, #0xc]
;;     add     r2, lr
;;     ldr     r3, [sp, #0x10]
;;     ldr.w   lr, [sp, #0xc]
;;     add.w   r3, r3, lr, lsl #3
;;     add     r2, r3
;;     add     r5, r2
;;     add     r1, r5
;;     add     r0, r1
;;     add     sp, #0x14
;;     pop.w   {r4, r5, r6, r7, r8, sb, sl, fp, pc}
;;
;; .text.synth_init  (4 bytes, align 4)
;; synth_init:  global func, 4 bytes
;;     push    {r4, lr}
;;     pop     {r4, pc}
;;
;; .text.synth_trap  (4 bytes, align 4)
;; synth_trap:  weak func, 4 bytes
;;     bkpt    #0
;; .L0:
;;     b.n     .L0

;; ==== asm --opt-level=2 ====
;; .text.g  (4 bytes, align 4)
;; g:  local func, 4 bytes
;;     muls    r0, r0, r0
;;     bx      lr
;;
;; .text.f  (168 bytes, align 4)
;; f:  global func, 168 bytes
;;     push.w  {r4, r5, r6, r7, r8, sb, sl, fp, lr}
;;     sub     sp, #0x14
;;     str     r0, [sp, #4]
;;     str     r1, [sp]
;;     ldr.w   ip, [sp, #4]
;;     add.w   r6, ip, #3
;;     ldr.w   ip, [sp]
;;     ldr.w   lr, [sp, #4]
;;     mul     r7, ip, lr
;;     ldr.w   lr, [sp]
;;     eor.w   r8, r6, lr
;;     sub.w   sb, r7, r6
;;     orr.w   sl, r8, r7
;;     and.w   fp, sb, r8
;;     add.w   r5, sl, sb
;;     mul     r4, fp, sl
;;     eor.w   ip, r5, fp
;;     str.w   ip, [sp, #8]
;;     sub.w   ip, r4, r5
;;     str.w   ip, [sp, #0xc]
;;     ldr.w   ip, [sp, #8]
;;     orr.w   ip, ip, r4
;;     str.w   ip, [sp, #0x10]
;;     mov     r0, ip
;;     bl      g
;;     ldr.w   ip, [sp, #4]
;;     add.w   r0, ip, #0x10
;;     ldr.w   ip, [sp]
;;     and     r1, ip, #7
;;     add     r0, r1
;;     subs    r6, r6, r7
;;     eor     r8, r8, #0xff
;;     add     r6, r8
;;     add     r0, r6
;;     mul     sl, sl, fp
;;     add.w   r1, sl, sb, lsr #2
;;     add     r5, r4
;;     ldr.w   ip, [sp, #8]
;;     ldr.w   lr, [sp, #0xc]
;;     add.w   r2, ip, lr
;;     ldr.w   ip, [sp, #0x10]
;;     ldr.w   lr, [sp, #0xc]
;;     add.w   r3, ip, lr, lsl #3
;;     add     r2, r3
;;     add     r5, r2
;;     add     r1, r5
;;     add     r0, r1
;;     add     sp, #0x14
;;     pop.w   {r4, r5, r6, r7, r8, sb, sl, fp, pc}
;;
;; .text.synth_init  (4 bytes, align 4)
;; synth_init:  global func, 4 bytes
;;     push    {r4, lr}
;;     pop     {r4, pc}
;;
;; .text.synth_trap  (4 bytes, align 4)
;; synth_trap:  weak func, 4 bytes
;;     bkpt    #0
;; .L0:
;;     b.n     .L0

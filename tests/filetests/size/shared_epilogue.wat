;; --opt-level=z: the second return branches to the first one's epilogue
;; (a 4-byte `pop.w` of r4-r9, longer than a 2-byte `b`); at -O2 every return
;; restores the registers itself.
;; test: asm --opt-level=z
;; test: asm --opt-level=2
(module
  (import "env" "f" (func $f (param i32) (result i32)))
  (func (export "two_returns") (param i32 i32 i32 i32 i32 i32 i32) (result i32)
    (if (i32.eqz (local.get 0))
      (then (return (i32.add (call $f (local.get 1))
                             (i32.add (local.get 2) (i32.add (local.get 3)
                               (i32.add (local.get 4) (i32.add (local.get 5) (local.get 6)))))))))
    (i32.add (call $f (local.get 0))
             (i32.mul (local.get 1) (i32.mul (local.get 2) (i32.mul (local.get 3)
               (i32.mul (local.get 4) (i32.mul (local.get 5) (local.get 6)))))))))

;; ==== asm --opt-level=z ====
;; .text.two_returns  (64 bytes, align 4)
;; two_returns:  global func, 64 bytes
;;     push.w  {r3, r4, r5, r6, r7, r8, sb, lr}
;;     mov     r4, r1
;;     mov     r5, r2
;;     mov     r6, r3
;;     ldr     r7, [sp, #0x20]
;;     ldr.w   r8, [sp, #0x24]
;;     ldr.w   sb, [sp, #0x28]
;;     cbnz    r0, .L1
;;     mov     r0, r4
;;     bl      f
;;     add     r8, sb
;;     add     r7, r8
;;     add     r6, r7
;;     add     r5, r6
;;     add     r0, r5
;; .L0:
;;     pop.w   {r3, r4, r5, r6, r7, r8, sb, pc}
;; .L1:
;;     bl      f
;;     mul     r8, r8, sb
;;     mul     r7, r7, r8
;;     muls    r6, r7, r6
;;     muls    r5, r6, r5
;;     mla     r0, r4, r5, r0
;;     b.n     .L0
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
;; .text.two_returns  (66 bytes, align 4)
;; two_returns:  global func, 66 bytes
;;     push.w  {r3, r4, r5, r6, r7, r8, sb, lr}
;;     mov     r4, r1
;;     mov     r5, r2
;;     mov     r6, r3
;;     ldr     r7, [sp, #0x20]
;;     ldr.w   r8, [sp, #0x24]
;;     ldr.w   sb, [sp, #0x28]
;;     cbnz    r0, .L0
;;     mov     r0, r4
;;     bl      f
;;     add     r8, sb
;;     add     r7, r8
;;     add     r6, r7
;;     add     r5, r6
;;     add     r0, r5
;;     pop.w   {r3, r4, r5, r6, r7, r8, sb, pc}
;; .L0:
;;     bl      f
;;     mul     r8, r8, sb
;;     mul     r7, r7, r8
;;     muls    r6, r7, r6
;;     muls    r5, r6, r5
;;     mla     r0, r4, r5, r0
;;     pop.w   {r3, r4, r5, r6, r7, r8, sb, pc}
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

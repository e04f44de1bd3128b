;; Multiply-accumulate: a 64-bit multiply is one umull plus an `mla` per high word
;; that is not known to be zero (a zero-extended operand drops one). A 32-bit
;; multiply feeding an add stays muls + add today (same size as one mla).
;; test: asm --tier=opt
(module
  (func (export "mul64") (param i64 i64) (result i64)
    (i64.mul (local.get 0) (local.get 1)))
  (func (export "mul64_by_u32") (param i32 i64) (result i64)
    (i64.mul (i64.extend_i32_u (local.get 0)) (local.get 1)))
  (func (export "mul_add32") (param i32 i32 i32) (result i32)
    (i32.add (i32.mul (local.get 0) (local.get 1)) (local.get 2))))

;; ==== asm --tier=opt ====
;; .text.mul64  (18 bytes, align 4)
;; mul64:  global func, 18 bytes
;;     push    {r3, r4, r5, lr}
;;     umull   r4, r5, r0, r2
;;     mla     r0, r0, r3, r5
;;     mla     r1, r1, r2, r0
;;     mov     r0, r4
;;     pop     {r3, r4, r5, pc}
;;
;; .text.mul64_by_u32  (16 bytes, align 4)
;; mul64_by_u32:  global func, 16 bytes
;;     umull   r1, r2, r0, r2
;;     mla     r0, r0, r3, r2
;;     mov     ip, r1
;;     mov     r1, r0
;;     mov     r0, ip
;;     bx      lr
;;
;; .text.mul_add32  (6 bytes, align 4)
;; mul_add32:  global func, 6 bytes
;;     muls    r0, r1, r0
;;     add     r0, r2
;;     bx      lr
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

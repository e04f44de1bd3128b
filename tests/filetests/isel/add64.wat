;; A 64-bit add is adds + adc; when the second operand's high word is a constant
;; (a zero-extended i32, or a small i64 constant) it is adc's immediate (adc #0) and
;; needs no register; a high word that is not a modified immediate goes to a scratch.
;; test: asm --tier=opt
(module
  (func (export "add64") (param i64 i64) (result i64)
    (i64.add (local.get 0) (local.get 1)))
  (func (export "add_u32") (param i64 i32) (result i64)
    (i64.add (local.get 0) (i64.extend_i32_u (local.get 1))))
  (func (export "sub_const") (param i64) (result i64)
    (i64.sub (local.get 0) (i64.const 0x1234500000007))))

;; ==== asm --tier=opt ====
;; .text.add64  (14 bytes, align 4)
;; add64:  global func, 14 bytes
;;     push    {r3, r4, r5, lr}
;;     adds    r4, r0, r2
;;     adc.w   r5, r1, r3
;;     mov     r0, r4
;;     mov     r1, r5
;;     pop     {r3, r4, r5, pc}
;;
;; .text.add_u32  (14 bytes, align 4)
;; add_u32:  global func, 14 bytes
;;     push    {r4, lr}
;;     adds    r3, r0, r2
;;     adc     r4, r1, #0
;;     mov     r0, r3
;;     mov     r1, r4
;;     pop     {r4, pc}
;;
;; .text.sub_const  (24 bytes, align 4)
;; sub_const:  global func, 24 bytes
;;     push    {r4, lr}
;;     movs    r2, #7
;;     subs    r3, r0, r2
;;     movw    lr, #0x2345
;;     movt    lr, #1
;;     sbc.w   r4, r1, lr
;;     mov     r0, r3
;;     mov     r1, r4
;;     pop     {r4, pc}
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

;; A 64-bit add is adds + adc; when the second operand's high word is a constant
;; (a zero-extended i32, or a small i64 constant) it is adc's immediate (adc #0) and
;; needs no register; a high word that is not a modified immediate goes to a scratch.
;; The low result is written between the reads of the low and the high words, so it
;; may take a low operand's register and the high result a high operand's: the sum
;; lands in the registers it returns in, no moves (`add64`, `add_u32`). `accumulate`
;; keeps an i64 local in its register pair across a loop, adds/adc in place.
;; test: asm --tier=opt
(module
  (func (export "add64") (param i64 i64) (result i64)
    (i64.add (local.get 0) (local.get 1)))
  (func (export "add_u32") (param i64 i32) (result i64)
    (i64.add (local.get 0) (i64.extend_i32_u (local.get 1))))
  (func (export "sub_const") (param i64) (result i64)
    (i64.sub (local.get 0) (i64.const 0x1234500000007)))
  (func (export "accumulate") (param i64 i32) (result i64)
    (loop $l
      (local.set 0 (i64.add (local.get 0) (i64.extend_i32_s (local.get 1))))
      (br_if $l (local.tee 1 (i32.sub (local.get 1) (i32.const 1)))))
    (local.get 0)))

;; ==== asm --tier=opt ====
;; .text.add64  (8 bytes, align 4)
;; add64:  global func, 8 bytes
;;     adds    r0, r0, r2
;;     adc.w   r1, r1, r3
;;     bx      lr
;;
;; .text.add_u32  (8 bytes, align 4)
;; add_u32:  global func, 8 bytes
;;     adds    r0, r0, r2
;;     adc     r1, r1, #0
;;     bx      lr
;;
;; .text.sub_const  (20 bytes, align 4)
;; sub_const:  global func, 20 bytes
;;     push    {r3, lr}
;;     movs    r2, #7
;;     subs    r0, r0, r2
;;     movw    lr, #0x2345
;;     movt    lr, #1
;;     sbc.w   r1, r1, lr
;;     pop     {r3, pc}
;;
;; .text.accumulate  (14 bytes, align 4)
;; accumulate:  global func, 14 bytes
;; .L0:
;;     asrs    r3, r2, #0x1f
;;     adds    r0, r0, r2
;;     adc.w   r1, r1, r3
;;     subs    r2, #1
;;     bne.n   .L0
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

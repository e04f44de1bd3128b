;; 64-bit compares: equality is cmp of the low words, then (it eq) cmp of the high
;; words; an ordered compare is cmp low + sbcs high (the operands swapped for gt/le),
;; the result from the flags in both cases.
;; test: asm --tier=opt
(module
  (func (export "eq64") (param i64 i64) (result i32)
    (i64.eq (local.get 0) (local.get 1)))
  (func (export "lt_u64") (param i64 i64) (result i32)
    (i64.lt_u (local.get 0) (local.get 1)))
  (func (export "gt_s64") (param i64 i64) (result i32)
    (i64.gt_s (local.get 0) (local.get 1))))

;; ==== asm --tier=opt ====
;; .text.eq64  (14 bytes, align 4)
;; eq64:  global func, 14 bytes
;;     cmp     r0, r2
;;     it      eq
;;     cmpeq   r1, r3
;;     ite     eq
;;     moveq   r0, #1
;;     movne   r0, #0
;;     bx      lr
;;
;; .text.lt_u64  (14 bytes, align 4)
;; lt_u64:  global func, 14 bytes
;;     cmp     r0, r2
;;     sbcs.w  ip, r1, r3
;;     ite     lo
;;     movlo   r0, #1
;;     movhs   r0, #0
;;     bx      lr
;;
;; .text.gt_s64  (14 bytes, align 4)
;; gt_s64:  global func, 14 bytes
;;     cmp     r2, r0
;;     sbcs.w  ip, r3, r1
;;     ite     lt
;;     movlt   r0, #1
;;     movge   r0, #0
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

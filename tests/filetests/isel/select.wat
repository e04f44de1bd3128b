;; `select` is a compare and an IT block: one conditional mov when the result shares a
;; register with one of the values (it eq / it le), an ite with two movs when neither
;; value may be overwritten (select_kept: both are read again). The compare producing
;; the condition folds into it (cmp r0, r1 for max_s: no 0/1 value).
;; test: asm --tier=opt
(module
  (func (export "select_zero") (param i32 i32 i32) (result i32)
    (select (local.get 0) (local.get 1) (local.get 2)))
  (func (export "max_s") (param i32 i32) (result i32)
    (select (local.get 0) (local.get 1) (i32.gt_s (local.get 0) (local.get 1))))
  (func (export "clamp_low") (param i32) (result i32)
    (select (local.get 0) (i32.const 0) (i32.gt_s (local.get 0) (i32.const 0))))
  (func (export "select_kept") (param i32 i32 i32) (result i32)
    (i32.add (select (local.get 0) (local.get 1) (local.get 2))
             (i32.add (local.get 0) (local.get 1)))))

;; ==== asm --tier=opt ====
;; .text.select_zero  (8 bytes, align 4)
;; select_zero:  global func, 8 bytes
;;     cmp     r2, #0
;;     it      eq
;;     moveq   r0, r1
;;     bx      lr
;;
;; .text.max_s  (8 bytes, align 4)
;; max_s:  global func, 8 bytes
;;     cmp     r0, r1
;;     it      le
;;     movle   r0, r1
;;     bx      lr
;;
;; .text.clamp_low  (10 bytes, align 4)
;; clamp_low:  global func, 10 bytes
;;     movs    r1, #0
;;     cmp     r0, #0
;;     it      le
;;     movle   r0, r1
;;     bx      lr
;;
;; .text.select_kept  (14 bytes, align 4)
;; select_kept:  global func, 14 bytes
;;     cmp     r2, #0
;;     ite     ne
;;     movne   r2, r0
;;     moveq   r2, r1
;;     add     r0, r1
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

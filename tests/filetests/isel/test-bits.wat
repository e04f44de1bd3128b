;; `(x & k) == 0` / `!= 0` with k a modified immediate is one tst #k (no and, no
;; 0/1 value when it feeds a branch: tst + beq). Not fired: a k that is not one
;; (0x12345) is movw/movt + ands, then cmp #0.
;; test: asm --tier=opt
(module
  (func (export "tst_imm") (param i32) (result i32)
    (i32.eqz (i32.and (local.get 0) (i32.const 0x100))))
  (func (export "tst_wide") (param i32) (result i32)
    (i32.ne (i32.and (local.get 0) (i32.const 0x12345)) (i32.const 0)))
  (func (export "tst_branch") (param i32) (result i32)
    (if (result i32) (i32.and (local.get 0) (i32.const 4))
      (then (i32.const 10)) (else (i32.const 20)))))

;; ==== asm --tier=opt ====
;; .text.tst_imm  (12 bytes, align 4)
;; tst_imm:  global func, 12 bytes
;;     tst.w   r0, #0x100
;;     ite     eq
;;     moveq   r0, #1
;;     movne   r0, #0
;;     bx      lr
;;
;; .text.tst_wide  (20 bytes, align 4)
;; tst_wide:  global func, 20 bytes
;;     movw    r1, #0x2345
;;     movt    r1, #1
;;     ands    r0, r1
;;     cmp     r0, #0
;;     ite     ne
;;     movne   r0, #1
;;     moveq   r0, #0
;;     bx      lr
;;
;; .text.tst_branch  (14 bytes, align 4)
;; tst_branch:  global func, 14 bytes
;;     tst.w   r0, #4
;;     beq.n   .L0
;;     movs    r0, #0xa
;;     b.n     .L1
;; .L0:
;;     movs    r0, #0x14
;; .L1:
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

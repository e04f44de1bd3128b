;; A comparison with a constant is cmp #k when k fits (below 256 or a modified
;; immediate), cmn #-k when its negation does; the result (0 or 1) is written by an
;; ite block of two movs. Not fired: 0x12345 is a value in a register (cmp r0, r1).
;; test: asm --tier=opt
(module
  (func (export "cmp_imm") (param i32) (result i32)
    (i32.lt_s (local.get 0) (i32.const 100)))
  (func (export "cmn_imm") (param i32) (result i32)
    (i32.gt_s (local.get 0) (i32.const -100)))
  (func (export "cmp_wide") (param i32) (result i32)
    (i32.eq (local.get 0) (i32.const 0x12345))))

;; ==== asm --tier=opt ====
;; .text.cmp_imm  (10 bytes, align 4)
;; cmp_imm:  global func, 10 bytes
;;     cmp     r0, #0x64
;;     ite     lt
;;     movlt   r0, #1
;;     movge   r0, #0
;;     bx      lr
;;
;; .text.cmn_imm  (12 bytes, align 4)
;; cmn_imm:  global func, 12 bytes
;;     cmn.w   r0, #0x64
;;     ite     gt
;;     movgt   r0, #1
;;     movle   r0, #0
;;     bx      lr
;;
;; .text.cmp_wide  (18 bytes, align 4)
;; cmp_wide:  global func, 18 bytes
;;     movw    r1, #0x2345
;;     movt    r1, #1
;;     cmp     r0, r1
;;     ite     eq
;;     moveq   r0, #1
;;     movne   r0, #0
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

;; Division: a divisor in r0-r7 is checked with cbz (to the trap), one known not to be
;; 0 (a constant) with nothing; div_s checks -1 and INT_MIN only when the divisor may
;; be -1; a remainder is sdiv/udiv + mls.
;; test: asm --tier=opt
(module
  (func (export "div_u") (param i32 i32) (result i32)
    (i32.div_u (local.get 0) (local.get 1)))
  (func (export "div_s") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))
  (func (export "div_by_10") (param i32) (result i32)
    (i32.div_s (local.get 0) (i32.const 10)))
  (func (export "rem_u") (param i32 i32) (result i32)
    (i32.rem_u (local.get 0) (local.get 1))))

;; ==== asm --tier=opt ====
;; .text.div_u  (14 bytes, align 4)
;; div_u:  global func, 14 bytes
;;     cbz     r1, .L0
;;     udiv    r0, r0, r1
;;     bx      lr
;; .L0:
;;     movs    r0, #3
;;     bl      synth_trap
;;
;; .text.div_s  (32 bytes, align 4)
;; div_s:  global func, 32 bytes
;;     cbz     r1, .L2
;;     cmn.w   r1, #1
;;     bne.n   .L0
;;     cmp.w   r0, #-0x80000000
;;     beq.n   .L1
;; .L0:
;;     sdiv    r0, r0, r1
;;     bx      lr
;; .L1:
;;     movs    r0, #2
;;     bl      synth_trap
;; .L2:
;;     movs    r0, #3
;;     bl      synth_trap
;;
;; .text.div_by_10  (8 bytes, align 4)
;; div_by_10:  global func, 8 bytes
;;     movs    r1, #0xa
;;     sdiv    r0, r0, r1
;;     bx      lr
;;
;; .text.rem_u  (20 bytes, align 4)
;; rem_u:  global func, 20 bytes
;;     cbz     r1, .L0
;;     udiv    r2, r0, r1
;;     mls     r2, r2, r1, r0
;;     mov     r0, r2
;;     bx      lr
;; .L0:
;;     movs    r0, #3
;;     bl      synth_trap
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

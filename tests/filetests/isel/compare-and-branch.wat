;; A branch on `x == 0` / `x != 0` with x in r0-r7 is cbz / cbnz (the one that
;; branches away from the block that follows); a compare with a constant is folded
;; into the branch (cmp #9 + bls, no 0/1 value in between). A loop's back edge on a
;; value just computed is the flag-setting op + bne instead: zero-flag.wat.
;; test: asm --tier=opt
(module
  (func (export "cbz") (param i32 i32) (result i32)
    (if (result i32) (local.get 0)
      (then (local.get 1)) (else (i32.const 7))))
  (func (export "branch_on_compare") (param i32) (result i32)
    (if (result i32) (i32.gt_u (local.get 0) (i32.const 9))
      (then (i32.const 1)) (else (i32.const 2))))
  (func (export "cbnz") (param i32 i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (local.get 1)) (else (i32.const 7)))))

;; ==== asm --tier=opt ====
;; .text.cbz  (10 bytes, align 4)
;; cbz:  global func, 10 bytes
;;     cbz     r0, .L0
;;     b.n     .L1
;; .L0:
;;     movs    r1, #7
;; .L1:
;;     mov     r0, r1
;;     bx      lr
;;
;; .text.branch_on_compare  (12 bytes, align 4)
;; branch_on_compare:  global func, 12 bytes
;;     cmp     r0, #9
;;     bls     .L0
;;     movs    r0, #1
;;     b.n     .L1
;; .L0:
;;     movs    r0, #2
;; .L1:
;;     bx      lr
;;
;; .text.cbnz  (10 bytes, align 4)
;; cbnz:  global func, 10 bytes
;;     cbnz    r0, .L0
;;     b.n     .L1
;; .L0:
;;     movs    r1, #7
;; .L1:
;;     mov     r0, r1
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

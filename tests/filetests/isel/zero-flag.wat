;; When a block ends `x = op ...; branch if x ==/!= 0` and the op can set the flags,
;; the op is the flag-setting form (ands, subs, ...) and the branch tests Z: no cmp,
;; no cbz. Not fired: mul is not one of the ops that set the zero flag, so its test
;; stays a cbz after it.
;; test: asm --tier=opt
(module
  (func (export "and_branch") (param i32 i32) (result i32)
    (if (result i32) (i32.and (local.get 0) (local.get 1))
      (then (i32.const 1)) (else (i32.const 2))))
  (func (export "loop_down") (param i32 i32) (result i32)
    (loop $l
      (local.set 1 (i32.add (local.get 1) (i32.const 3)))
      (br_if $l (local.tee 0 (i32.sub (local.get 0) (local.get 1)))))
    (local.get 1))
  (func (export "mul_branch") (param i32 i32) (result i32)
    (if (result i32) (i32.mul (local.get 0) (local.get 1))
      (then (i32.const 1)) (else (i32.const 2)))))

;; ==== asm --tier=opt ====
;; .text.and_branch  (12 bytes, align 4)
;; and_branch:  global func, 12 bytes
;;     ands    r0, r1
;;     beq.n   .L0
;;     movs    r0, #1
;;     b.n     .L1
;; .L0:
;;     movs    r0, #2
;; .L1:
;;     bx      lr
;;
;; .text.loop_down  (10 bytes, align 4)
;; loop_down:  global func, 10 bytes
;; .L0:
;;     adds    r1, #3
;;     subs    r0, r0, r1
;;     bne.n   .L0
;;     mov     r0, r1
;;     bx      lr
;;
;; .text.mul_branch  (12 bytes, align 4)
;; mul_branch:  global func, 12 bytes
;;     muls    r0, r1, r0
;;     cbz     r0, .L0
;;     movs    r0, #1
;;     b.n     .L1
;; .L0:
;;     movs    r0, #2
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

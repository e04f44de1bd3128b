;; A shift feeding an ALU op can fold into the op's shifted-register operand. Today
;; `add` takes it (`add.w r0, r0, r1, lsl #2`); `sub` and `orr` keep a separate
;; narrow shift (the same four bytes).
;; test: asm --tier=opt
(module
  (func (export "add_lsl") (param i32 i32) (result i32)
    (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 2))))
  (func (export "sub_lsr") (param i32 i32) (result i32)
    (i32.sub (local.get 0) (i32.shr_u (local.get 1) (i32.const 3))))
  (func (export "orr_asr") (param i32 i32) (result i32)
    (i32.or (i32.shr_s (local.get 1) (i32.const 31)) (local.get 0))))

;; ==== asm --tier=opt ====
;; .text.add_lsl  (6 bytes, align 4)
;; add_lsl:  global func, 6 bytes
;;     add.w   r0, r0, r1, lsl #2
;;     bx      lr
;;
;; .text.sub_lsr  (6 bytes, align 4)
;; sub_lsr:  global func, 6 bytes
;;     lsrs    r1, r1, #3
;;     subs    r0, r0, r1
;;     bx      lr
;;
;; .text.orr_asr  (6 bytes, align 4)
;; orr_asr:  global func, 6 bytes
;;     asrs    r1, r1, #0x1f
;;     orrs    r0, r1
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

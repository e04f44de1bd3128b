;; `k - x` is one rsb with k as its immediate when k is a modified immediate (or 0:
;; negation), else the constant goes to a scratch register and a sub follows.
;; test: asm --tier=opt
(module
  (func (export "rsb_imm") (param i32) (result i32)
    (i32.sub (i32.const 100) (local.get 0)))
  (func (export "negate") (param i32) (result i32)
    (i32.sub (i32.const 0) (local.get 0)))
  (func (export "rsb_wide") (param i32) (result i32)
    (i32.sub (i32.const 0x12345) (local.get 0))))

;; ==== asm --tier=opt ====
;; .text.rsb_imm  (6 bytes, align 4)
;; rsb_imm:  global func, 6 bytes
;;     rsb.w   r0, r0, #0x64
;;     bx      lr
;;
;; .text.negate  (4 bytes, align 4)
;; negate:  global func, 4 bytes
;;     rsbs    r0, r0, #0
;;     bx      lr
;;
;; .text.rsb_wide  (14 bytes, align 4)
;; rsb_wide:  global func, 14 bytes
;;     movw    ip, #0x2345
;;     movt    ip, #1
;;     sub.w   r0, ip, r0
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

;; A function that calls nothing and needs no callee-saved register is a leaf:
;; no push/pop, it returns with `bx lr`. The caller next to it keeps lr in a push.
;; test: asm --tier=opt
(module
  (func $clamp (export "clamp") (param i32) (result i32)
    (select (local.get 0) (i32.const 255) (i32.lt_u (local.get 0) (i32.const 255))))
  (func (export "caller") (param i32) (result i32)
    (i32.add (call $clamp (local.get 0)) (i32.const 1))))

;; ==== asm --tier=opt ====
;; .text.clamp  (10 bytes, align 4)
;; clamp:  global func, 10 bytes
;;     movs    r1, #0xff
;;     cmp     r0, #0xff
;;     it      hs
;;     movhs   r0, r1
;;     bx      lr
;;
;; .text.caller  (10 bytes, align 4)
;; caller:  global func, 10 bytes
;;     push    {r3, lr}
;;     bl      clamp
;;     adds    r0, #1
;;     pop     {r3, pc}
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

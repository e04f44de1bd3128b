;; With an FPU (cortex-m4, hard float) f32 arithmetic is vadd/vmul on S registers with
;; arguments and results in s0/s1 (no vmov to core registers); a compare is vcmp +
;; vmrs with the result from the flags; a constant is built in a core register and
;; moved over (vmov).
;; test: asm --tier=opt --cpu=cortex-m4 --float-abi=hard
(module
  (func (export "madd") (param f32 f32 f32) (result f32)
    (f32.add (f32.mul (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "lt") (param f32 f32) (result i32)
    (f32.lt (local.get 0) (local.get 1)))
  (func (export "scale") (param f32) (result f32)
    (f32.mul (local.get 0) (f32.const 2.5))))

;; ==== asm --tier=opt --cpu=cortex-m4 --float-abi=hard ====
;; .text.madd  (10 bytes, align 4)
;; madd:  global func, 10 bytes
;;     vmul.f32 s0, s0, s1
;;     vadd.f32 s0, s0, s2
;;     bx      lr
;;
;; .text.lt  (16 bytes, align 4)
;; lt:  global func, 16 bytes
;;     vcmp.f32 s0, s1
;;     vmrs    apsr_nzcv, fpscr
;;     ite     mi
;;     movmi   r0, #1
;;     movpl   r0, #0
;;     bx      lr
;;
;; .text.scale  (18 bytes, align 4)
;; scale:  global func, 18 bytes
;;     movw    r0, #0
;;     movt    r0, #0x4020
;;     vmov    s1, r0
;;     vmul.f32 s0, s0, s1
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

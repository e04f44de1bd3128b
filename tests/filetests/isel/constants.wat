;; Constants take the shortest form that builds them: movs (0-255), mov.w with a
;; modified immediate (0x00ab00ab, 0xff000000), mvn of one (0xffffff00), movw (up to
;; 0xffff), and only otherwise movw + movt.
;; test: asm --tier=opt
(module
  (func (export "byte") (result i32) (i32.const 200))
  (func (export "modimm") (result i32) (i32.const 0x00ab00ab))
  (func (export "modimm_rotated") (result i32) (i32.const 0xff000000))
  (func (export "inverted") (result i32) (i32.const 0xffffff00))
  (func (export "halfword") (result i32) (i32.const 0x1234))
  (func (export "wide") (result i32) (i32.const 0x12345678)))

;; ==== asm --tier=opt ====
;; .text.byte  (4 bytes, align 4)
;; byte:  global func, 4 bytes
;;     movs    r0, #0xc8
;;     bx      lr
;;
;; .text.modimm  (6 bytes, align 4)
;; modimm:  global func, 6 bytes
;;     mov.w   r0, #0xab00ab
;;     bx      lr
;;
;; .text.modimm_rotated  (6 bytes, align 4)
;; modimm_rotated:  global func, 6 bytes
;;     mov.w   r0, #-0x1000000
;;     bx      lr
;;
;; .text.inverted  (6 bytes, align 4)
;; inverted:  global func, 6 bytes
;;     mvn     r0, #0xff
;;     bx      lr
;;
;; .text.halfword  (6 bytes, align 4)
;; halfword:  global func, 6 bytes
;;     movw    r0, #0x1234
;;     bx      lr
;;
;; .text.wide  (10 bytes, align 4)
;; wide:  global func, 10 bytes
;;     movw    r0, #0x5678
;;     movt    r0, #0x1234
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

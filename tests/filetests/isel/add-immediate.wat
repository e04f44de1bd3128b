;; An added constant is the instruction's immediate: a 12-bit one (addw #4095) or a
;; modified immediate (#0x10000); a negative one is a sub of its negation. Adding 0 is
;; nothing at all. Not fired: a constant with none of these forms (0x12345) stays a
;; value of its own in a register (movw + movt, then add).
;; test: asm --tier=opt
(module
  (func (export "imm12") (param i32) (result i32)
    (i32.add (local.get 0) (i32.const 4095)))
  (func (export "modimm") (param i32) (result i32)
    (i32.add (local.get 0) (i32.const 0x10000)))
  (func (export "negative") (param i32) (result i32)
    (i32.add (local.get 0) (i32.const -100)))
  (func (export "sub_imm") (param i32) (result i32)
    (i32.sub (local.get 0) (i32.const 7)))
  (func (export "wide") (param i32) (result i32)
    (i32.add (local.get 0) (i32.const 0x12345)))
  (func (export "zero") (param i32) (result i32)
    (i32.add (local.get 0) (i32.const 0))))

;; ==== asm --tier=opt ====
;; .text.imm12  (6 bytes, align 4)
;; imm12:  global func, 6 bytes
;;     addw    r0, r0, #0xfff
;;     bx      lr
;;
;; .text.modimm  (6 bytes, align 4)
;; modimm:  global func, 6 bytes
;;     add.w   r0, r0, #0x10000
;;     bx      lr
;;
;; .text.negative  (4 bytes, align 4)
;; negative:  global func, 4 bytes
;;     subs    r0, #0x64
;;     bx      lr
;;
;; .text.sub_imm  (4 bytes, align 4)
;; sub_imm:  global func, 4 bytes
;;     subs    r0, #7
;;     bx      lr
;;
;; .text.wide  (12 bytes, align 4)
;; wide:  global func, 12 bytes
;;     movw    r1, #0x2345
;;     movt    r1, #1
;;     add     r0, r1
;;     bx      lr
;;
;; .text.zero  (2 bytes, align 4)
;; zero:  global func, 2 bytes
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

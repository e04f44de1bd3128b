;; Bitwise operations with a constant: `& 0xff` / `& 0xffff` are uxtb / uxth, `^ -1`
;; is mvn, a modified immediate is the operand itself, and a mask whose complement is
;; one becomes bic (and) or orn (or). Not fired: any other constant is a value in a
;; register, `& 0xffff` too (not an ALU immediate, so lowering keeps it in a register
;; and the emitter's uxth form for andi 0xffff is not reached from wasm: movw + ands).
;; test: asm --tier=opt
(module
  (func (export "and_byte") (param i32) (result i32)
    (i32.and (local.get 0) (i32.const 0xff)))
  (func (export "and_half") (param i32) (result i32)
    (i32.and (local.get 0) (i32.const 0xffff)))
  (func (export "not") (param i32) (result i32)
    (i32.xor (local.get 0) (i32.const -1)))
  (func (export "or_modimm") (param i32) (result i32)
    (i32.or (local.get 0) (i32.const 0x80000000)))
  (func (export "and_bic") (param i32) (result i32)
    (i32.and (local.get 0) (i32.const 0xffffff0f)))
  (func (export "or_orn") (param i32) (result i32)
    (i32.or (local.get 0) (i32.const 0xfffffff0)))
  (func (export "xor_wide") (param i32) (result i32)
    (i32.xor (local.get 0) (i32.const 0x12345))))

;; ==== asm --tier=opt ====
;; .text.and_byte  (4 bytes, align 4)
;; and_byte:  global func, 4 bytes
;;     uxtb    r0, r0
;;     bx      lr
;;
;; .text.and_half  (8 bytes, align 4)
;; and_half:  global func, 8 bytes
;;     movw    r1, #0xffff
;;     ands    r0, r1
;;     bx      lr
;;
;; .text.not  (4 bytes, align 4)
;; not:  global func, 4 bytes
;;     mvns    r0, r0
;;     bx      lr
;;
;; .text.or_modimm  (6 bytes, align 4)
;; or_modimm:  global func, 6 bytes
;;     orr     r0, r0, #0x80000000
;;     bx      lr
;;
;; .text.and_bic  (6 bytes, align 4)
;; and_bic:  global func, 6 bytes
;;     bic     r0, r0, #0xf0
;;     bx      lr
;;
;; .text.or_orn  (6 bytes, align 4)
;; or_orn:  global func, 6 bytes
;;     orn     r0, r0, #0xf
;;     bx      lr
;;
;; .text.xor_wide  (12 bytes, align 4)
;; xor_wide:  global func, 12 bytes
;;     movw    r1, #0x2345
;;     movt    r1, #1
;;     eors    r0, r1
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

;; `a & ~y` is one `bic`, `a | ~y` one `orn` (ir/combine.py inverted_operand), with y's
;; own shift or rotate folded in (`bic.w r0, r0, r1, ror #3`): MD5's I function
;; `c ^ (b | ~d)` is `orn` and `eor`. Not folded: `a ^ ~y` (no such instruction: `mvn`, `eor`).
;; test: asm --tier=opt
(module
  (func (export "bic") (param i32 i32) (result i32)
    (i32.and (local.get 0) (i32.xor (local.get 1) (i32.const -1))))
  (func (export "orn") (param i32 i32) (result i32)
    (i32.or (i32.xor (local.get 1) (i32.const -1)) (local.get 0)))
  (func (export "bic_rotated") (param i32 i32) (result i32)
    (i32.and (local.get 0) (i32.xor (i32.rotr (local.get 1) (i32.const 3)) (i32.const -1))))
  (func (export "md5_i") (param i32 i32 i32) (result i32)
    (i32.xor (local.get 0) (i32.or (local.get 1) (i32.xor (local.get 2) (i32.const -1)))))
  (func (export "xor_not") (param i32 i32) (result i32)
    (i32.xor (local.get 0) (i32.xor (local.get 1) (i32.const -1)))))

;; ==== asm --tier=opt ====
;; .text.bic  (4 bytes, align 4)
;; bic:  global func, 4 bytes
;;     bics    r0, r1
;;     bx      lr
;;
;; .text.orn  (6 bytes, align 4)
;; orn:  global func, 6 bytes
;;     orn     r0, r0, r1
;;     bx      lr
;;
;; .text.bic_rotated  (6 bytes, align 4)
;; bic_rotated:  global func, 6 bytes
;;     bic.w   r0, r0, r1, ror #3
;;     bx      lr
;;
;; .text.md5_i  (8 bytes, align 4)
;; md5_i:  global func, 8 bytes
;;     orn     r1, r1, r2
;;     eors    r0, r1
;;     bx      lr
;;
;; .text.xor_not  (6 bytes, align 4)
;; xor_not:  global func, 6 bytes
;;     mvns    r1, r1
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

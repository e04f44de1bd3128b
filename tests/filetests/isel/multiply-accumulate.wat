;; Multiply-accumulate: a 64-bit multiply is one umull plus an `mla` per high word
;; that is not known to be zero (a zero-extended operand drops one). A 32-bit
;; multiply feeding an add is one `mla`, subtracted from a value one `mls`
;; (ir/combine.py multiply_accumulate). Not fused: the product minus a value (no such
;; instruction), and a product read again (`product_read_twice`: the mul stays). The
;; fusion runs after bounds-checks (combine-late): `bounded_index` loads at a sum of a
;; product of bytes, which the range analysis bounds below the memory's size, so the
;; load needs no check, and the sum is still one multiply-accumulate (`smlabb`: the
;; masked bytes are halfwords, see halfword-multiply.wat).
;; test: asm --tier=opt
(module
  (memory 1)
  (func (export "mul64") (param i64 i64) (result i64)
    (i64.mul (local.get 0) (local.get 1)))
  (func (export "mul64_by_u32") (param i32 i64) (result i64)
    (i64.mul (i64.extend_i32_u (local.get 0)) (local.get 1)))
  (func (export "mul_add32") (param i32 i32 i32) (result i32)
    (i32.add (i32.mul (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "mul_sub32") (param i32 i32 i32) (result i32)
    (i32.sub (local.get 2) (i32.mul (local.get 0) (local.get 1))))
  (func (export "product_minus") (param i32 i32 i32) (result i32)
    (i32.sub (i32.mul (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "product_read_twice") (param i32 i32 i32) (result i32) (local i32)
    (local.set 3 (i32.mul (local.get 0) (local.get 1)))
    (i32.xor (local.get 3) (i32.add (local.get 2) (local.get 3))))
  (func (export "dot") (param i32 i32 i32) (result i32) (local i32)
    (loop $l
      (local.set 3 (i32.add (local.get 3)
        (i32.mul (i32.load (local.get 0)) (i32.load (local.get 1)))))
      (local.set 0 (i32.add (local.get 0) (i32.const 4)))
      (local.set 1 (i32.add (local.get 1) (i32.const 4)))
      (br_if $l (local.tee 2 (i32.sub (local.get 2) (i32.const 1)))))
    (local.get 3))
  (func (export "bounded_index") (param i32 i32 i32) (result i32)
    (i32.load8_u (i32.add (i32.and (local.get 2) (i32.const 0xff))
      (i32.mul (i32.and (local.get 0) (i32.const 0xff)) (i32.and (local.get 1) (i32.const 0xff)))))))

;; ==== asm --tier=opt ====
;; .text.mul64  (18 bytes, align 4)
;; mul64:  global func, 18 bytes
;;     push    {r3, r4, r5, lr}
;;     umull   r4, r5, r0, r2
;;     mla     r0, r0, r3, r5
;;     mla     r1, r1, r2, r0
;;     mov     r0, r4
;;     pop     {r3, r4, r5, pc}
;;
;; .text.mul64_by_u32  (16 bytes, align 4)
;; mul64_by_u32:  global func, 16 bytes
;;     umull   r1, r2, r0, r2
;;     mla     r0, r0, r3, r2
;;     mov     ip, r1
;;     mov     r1, r0
;;     mov     r0, ip
;;     bx      lr
;;
;; .text.mul_add32  (6 bytes, align 4)
;; mul_add32:  global func, 6 bytes
;;     mla     r0, r0, r1, r2
;;     bx      lr
;;
;; .text.mul_sub32  (6 bytes, align 4)
;; mul_sub32:  global func, 6 bytes
;;     mls     r0, r0, r1, r2
;;     bx      lr
;;
;; .text.product_minus  (6 bytes, align 4)
;; product_minus:  global func, 6 bytes
;;     muls    r0, r1, r0
;;     subs    r0, r0, r2
;;     bx      lr
;;
;; .text.product_read_twice  (8 bytes, align 4)
;; product_read_twice:  global func, 8 bytes
;;     muls    r0, r1, r0
;;     add     r2, r0
;;     eors    r0, r2
;;     bx      lr
;;
;; .text.dot  (50 bytes, align 4)
;; dot:  global func, 50 bytes
;;     push    {r3, r4, r5, r6, r7, lr}
;;     movs    r3, #0
;;     movw    r4, #:lower16:synth_memory
;;     movt    r4, #:upper16:synth_memory
;;     movw    r5, #0xfffc
;; .L0:
;;     cmp     r0, r5
;;     bhi.n   .L1
;;     ldr     r6, [r4, r0]
;;     cmp     r1, r5
;;     bhi.n   .L1
;;     ldr     r7, [r4, r1]
;;     mla     r3, r6, r7, r3
;;     adds    r0, #4
;;     adds    r1, #4
;;     subs    r2, #1
;;     bne.n   .L0
;;     mov     r0, r3
;;     pop     {r3, r4, r5, r6, r7, pc}
;; .L1:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.bounded_index  (22 bytes, align 4)
;; bounded_index:  global func, 22 bytes
;;     movw    r3, #:lower16:synth_memory
;;     movt    r3, #:upper16:synth_memory
;;     uxtb    r2, r2
;;     uxtb    r0, r0
;;     uxtb    r1, r1
;;     smlabb  r0, r0, r1, r2
;;     ldrb    r0, [r3, r0]
;;     bx      lr
;;
;; .bss.synth_memory  (65552 bytes, align 8)
;; synth_memory:  global object, at +0x10, 65536 bytes
;;     .space  65552
;;
;; .text.synth_init  (32 bytes, align 4)
;; synth_init:  global func, 32 bytes
;;     push    {r4, lr}
;;     movw    r4, #:lower16:synth_memory
;;     movt    r4, #:upper16:synth_memory
;;     movs    r0, #1
;;     str     r0, [r4, #-0xc]
;;     movs    r0, #1
;;     str     r0, [r4, #-0x8]
;;     mov.w   r0, #0x10000
;;     str     r0, [r4, #-0x4]
;;     pop     {r4, pc}
;;
;; .text.synth_trap  (4 bytes, align 4)
;; synth_trap:  weak func, 4 bytes
;;     bkpt    #0
;; .L0:
;;     b.n     .L0

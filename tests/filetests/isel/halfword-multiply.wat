;; The DSP multiplies of an int16 MAC (ir/combine.py halfword_multiply, multiply_accumulate):
;; on a core with the DSP extension (cortex-m4, the default; m7, m33) a product of two
;; `load16_s` added to an accumulator is one `smlabb`, a product of two `extend16_s` one
;; `smulbb` of the unextended values (no `sxth`). On cortex-m3 (no DSP): `mla`, and `sxth`
;; with `muls`. Not used: a product of two loads with no add (`smulbb` has no 16-bit form
;; and is no faster than `muls`).
;; test: asm --tier=opt
;; test: asm --tier=opt --cpu=cortex-m3
(module
  (memory 1)
  (func (export "q15_dot") (param i32 i32 i32) (result i32) (local i32)
    (loop $l
      (local.set 3 (i32.add (local.get 3)
        (i32.mul (i32.load16_s (local.get 0)) (i32.load16_s (local.get 1)))))
      (local.set 0 (i32.add (local.get 0) (i32.const 2)))
      (local.set 1 (i32.add (local.get 1) (i32.const 2)))
      (br_if $l (local.tee 2 (i32.sub (local.get 2) (i32.const 1)))))
    (local.get 3))
  (func (export "extended_product") (param i32 i32) (result i32)
    (i32.mul (i32.extend16_s (local.get 0)) (i32.extend16_s (local.get 1))))
  (func (export "loads_product") (param i32 i32) (result i32)
    (i32.mul (i32.load16_s (local.get 0)) (i32.load16_s (local.get 1)))))

;; ==== asm --tier=opt ====
;; .text.q15_dot  (50 bytes, align 4)
;; q15_dot:  global func, 50 bytes
;;     push    {r3, r4, r5, r6, r7, lr}
;;     movs    r3, #0
;;     movw    r4, #:lower16:synth_memory
;;     movt    r4, #:upper16:synth_memory
;;     movw    r5, #0xfffe
;; .L0:
;;     cmp     r0, r5
;;     bhi.n   .L1
;;     ldrsh   r6, [r4, r0]
;;     cmp     r1, r5
;;     bhi.n   .L1
;;     ldrsh   r7, [r4, r1]
;;     smlabb  r3, r6, r7, r3
;;     adds    r0, #2
;;     adds    r1, #2
;;     subs    r2, #1
;;     bne.n   .L0
;;     mov     r0, r3
;;     pop     {r3, r4, r5, r6, r7, pc}
;; .L1:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.extended_product  (6 bytes, align 4)
;; extended_product:  global func, 6 bytes
;;     smulbb  r0, r0, r1
;;     bx      lr
;;
;; .text.loads_product  (34 bytes, align 4)
;; loads_product:  global func, 34 bytes
;;     movw    r2, #:lower16:synth_memory
;;     movt    r2, #:upper16:synth_memory
;;     movw    r3, #0xfffe
;;     cmp     r0, r3
;;     bhi.n   .L0
;;     ldrsh   r0, [r2, r0]
;;     cmp     r1, r3
;;     bhi.n   .L0
;;     ldrsh   r1, [r2, r1]
;;     muls    r0, r1, r0
;;     bx      lr
;; .L0:
;;     movs    r0, #5
;;     bl      synth_trap
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

;; ==== asm --tier=opt --cpu=cortex-m3 ====
;; .text.q15_dot  (50 bytes, align 4)
;; q15_dot:  global func, 50 bytes
;;     push    {r3, r4, r5, r6, r7, lr}
;;     movs    r3, #0
;;     movw    r4, #:lower16:synth_memory
;;     movt    r4, #:upper16:synth_memory
;;     movw    r5, #0xfffe
;; .L0:
;;     cmp     r0, r5
;;     bhi.n   .L1
;;     ldrsh   r6, [r4, r0]
;;     cmp     r1, r5
;;     bhi.n   .L1
;;     ldrsh   r7, [r4, r1]
;;     mla     r3, r6, r7, r3
;;     adds    r0, #2
;;     adds    r1, #2
;;     subs    r2, #1
;;     bne.n   .L0
;;     mov     r0, r3
;;     pop     {r3, r4, r5, r6, r7, pc}
;; .L1:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.extended_product  (8 bytes, align 4)
;; extended_product:  global func, 8 bytes
;;     sxth    r0, r0
;;     sxth    r1, r1
;;     muls    r0, r1, r0
;;     bx      lr
;;
;; .text.loads_product  (34 bytes, align 4)
;; loads_product:  global func, 34 bytes
;;     movw    r2, #:lower16:synth_memory
;;     movt    r2, #:upper16:synth_memory
;;     movw    r3, #0xfffe
;;     cmp     r0, r3
;;     bhi.n   .L0
;;     ldrsh   r0, [r2, r0]
;;     cmp     r1, r3
;;     bhi.n   .L0
;;     ldrsh   r1, [r2, r1]
;;     muls    r0, r1, r0
;;     bx      lr
;; .L0:
;;     movs    r0, #5
;;     bl      synth_trap
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

;; Bounds of shifted operands (ir/ranges.py; ir/combine.py folds the shift into
;; the add or and before the bounds-checks pass): 0x7FFF + (x >> 17) is at most
;; 0xFFFE, so a halfword there needs no check (add.w …, lsr #17) but a word
;; keeps its compare-and-trap; `mask & (x << 8)` is bounded by the mask.  On the
;; side of `x == 0xFFFF0000` x >> 16 is 0xFFFF (not (x << 16) mod 2^32 = 0):
;; that access keeps its check (ir/intervals.py).
;; test: asm --tier=opt
(module
  (memory 1 1)
  (func (export "lsr_sum") (param $x i32) (result i32)
    (i32.load16_u (i32.add (i32.and (local.get $x) (i32.const 0x7FFF))
                           (i32.shr_u (local.get $x) (i32.const 17)))))
  (func (export "lsr_sum_word") (param $x i32) (result i32)
    (i32.load (i32.add (i32.and (local.get $x) (i32.const 0x7FFF))
                       (i32.shr_u (local.get $x) (i32.const 17)))))
  (func (export "and_shifted") (param $x i32) (result i32)
    (i32.load8_u (i32.and (i32.and (local.get $x) (i32.const 0xFFFF))
                          (i32.shl (local.get $x) (i32.const 8)))))
  (func (export "lsr_known") (param $x i32) (param $y i32) (result i32)
    (if (result i32) (i32.eq (local.get $x) (i32.const 0xFFFF0000))
      (then (i32.load8_u (i32.add (i32.and (local.get $y) (i32.const 255))
                                  (i32.shr_u (local.get $x) (i32.const 16)))))
      (else (i32.const 7)))))

;; ==== asm --tier=opt ====
;; .text.lsr_sum  (22 bytes, align 4)
;; lsr_sum:  global func, 22 bytes
;;     movw    r1, #:lower16:synth_memory
;;     movt    r1, #:upper16:synth_memory
;;     movw    r2, #0x7fff
;;     ands    r2, r0
;;     add.w   r0, r2, r0, lsr #17
;;     ldrh    r0, [r1, r0]
;;     bx      lr
;;
;; .text.lsr_sum_word  (36 bytes, align 4)
;; lsr_sum_word:  global func, 36 bytes
;;     movw    r1, #:lower16:synth_memory
;;     movt    r1, #:upper16:synth_memory
;;     movw    r2, #0x7fff
;;     ands    r2, r0
;;     add.w   r0, r2, r0, lsr #17
;;     movw    r2, #0xfffc
;;     cmp     r0, r2
;;     bhi.n   .L0
;;     ldr     r0, [r1, r0]
;;     bx      lr
;; .L0:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.and_shifted  (22 bytes, align 4)
;; and_shifted:  global func, 22 bytes
;;     movw    r1, #:lower16:synth_memory
;;     movt    r1, #:upper16:synth_memory
;;     movw    r2, #0xffff
;;     ands    r2, r0
;;     and.w   r0, r2, r0, lsl #8
;;     ldrb    r0, [r1, r0]
;;     bx      lr
;;
;; .text.lsr_known  (40 bytes, align 4)
;; lsr_known:  global func, 40 bytes
;;     movw    r2, #:lower16:synth_memory
;;     movt    r2, #:upper16:synth_memory
;;     cmn.w   r0, #0x10000
;;     bne.n   .L0
;;     uxtb    r1, r1
;;     add.w   r0, r1, r0, lsr #16
;;     cmp.w   r0, #0x10000
;;     bhs.n   .L2
;;     ldrb    r0, [r2, r0]
;;     b.n     .L1
;; .L0:
;;     movs    r0, #7
;; .L1:
;;     bx      lr
;; .L2:
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

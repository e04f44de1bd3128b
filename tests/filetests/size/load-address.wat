;; --opt-level=z: a load whose result takes a low register computes its
;; address there instead of in lr, so both instructions have 16-bit forms:
;; `adds r0, r2, r0; ldr r0, [r0, #8]` (4 bytes) where -O2 has
;; `add.w lr, r2, r0; ldr.w r0, [lr, #8]` (8).  A spilled address reloads into
;; the result register too (16-bit `ldr rX, [sp, #k]`, not `ldr.w ip`).
;; test: asm --opt-level=z
;; test: asm --opt-level=2
(module
  (memory 1)
  (func (export "sum3") (param i32) (result i32)
    (i32.add (i32.load offset=8 (local.get 0))
             (i32.add (i32.load8_u offset=3 (local.get 0))
                      (i32.load16_s offset=4096 (local.get 0))))))

;; ==== asm --opt-level=z ====
;; .text.sum3  (48 bytes, align 4)
;; sum3:  global func, 48 bytes
;;     .inst.n 0x490a  @ ldr  r1, [pc, #0x28]
;;     movw    r2, #0xeffe
;;     cmp     r0, r2
;;     bhi.n   .L0
;;     adds    r2, r1, r0
;;     ldr     r2, [r2, #8]
;;     adds    r3, r1, r0
;;     ldrb    r3, [r3, #3]
;;     add     r0, r1
;;     mov.w   ip, #0x1000
;;     add     r0, ip
;;     ldrsh.w r0, [r0]
;;     add     r3, r0
;;     adds    r0, r2, r3
;;     bx      lr
;; .L0:
;;     movs    r0, #5
;;     bl      synth_trap
;;     nop
;;     .word   synth_memory
;;
;; .bss.synth_memory  (65552 bytes, align 8)
;; synth_memory:  global object, at +0x10, 65536 bytes
;;     .space  65552
;;
;; .text.synth_init  (24 bytes, align 4)
;; synth_init:  global func, 24 bytes
;;     push    {r4, lr}
;;     .inst.n 0x4c04  @ ldr  r4, [pc, #0x10]
;;     movs    r0, #1
;;     str     r0, [r4]
;;     str     r0, [r4, #4]
;;     mov.w   r0, #0x10000
;;     str     r0, [r4, #8]
;;     pop     {r4, pc}
;;     nop
;;     .word   synth_memory-12
;;
;; .text.synth_trap  (4 bytes, align 4)
;; synth_trap:  weak func, 4 bytes
;;     bkpt    #0
;; .L0:
;;     b.n     .L0

;; ==== asm --opt-level=2 ====
;; .text.sum3  (60 bytes, align 4)
;; sum3:  global func, 60 bytes
;;     push    {r3, lr}
;;     movw    r1, #:lower16:synth_memory
;;     movt    r1, #:upper16:synth_memory
;;     movw    r2, #0xeffe
;;     cmp     r0, r2
;;     bhi.n   .L0
;;     add.w   lr, r1, r0
;;     ldr.w   r2, [lr, #8]
;;     add.w   lr, r1, r0
;;     ldrb.w  r3, [lr, #3]
;;     add.w   lr, r1, r0
;;     mov.w   ip, #0x1000
;;     add     lr, ip
;;     ldrsh.w r0, [lr]
;;     add     r3, r0
;;     adds    r0, r2, r3
;;     pop     {r3, pc}
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

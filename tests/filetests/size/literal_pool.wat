;; --opt-level=z: 32-bit constants and symbol addresses (here synth_memory's)
;; are loaded pc-relative from one word each in a pool after the code (2-byte
;; `ldr rX, [pc, #off]`, the word shared by both uses of 0x12345678) instead of
;; built by an 8-byte movw/movt pair each; 16-bit constants (0x1234) stay movw.
;; test: asm --opt-level=z
;; test: asm --opt-level=2
(module
  (memory 1)
  (func (export "mix") (param i32 i32) (result i32)
    (i32.store (local.get 1) (i32.mul (local.get 0) (i32.const 0x12345678)))
    (i32.add (i32.load offset=4 (local.get 1))
             (i32.xor (i32.const 0x12345678) (i32.mul (local.get 0) (i32.const 0x1234))))))

;; ==== asm --opt-level=z ====
;; .text.mix  (64 bytes, align 4)
;; mix:  global func, 64 bytes
;;     push    {r4, lr}
;;     .inst.n 0x4a0e  @ ldr  r2, [pc, #0x38]
;;     .inst.n 0x4b0c  @ ldr  r3, [pc, #0x30]
;;     muls    r3, r0, r3
;;     movw    r4, #0xfffc
;;     cmp     r1, r4
;;     bhi.n   .L0
;;     str     r3, [r2, r1]
;;     movw    r3, #0xfff8
;;     cmp     r1, r3
;;     bhi.n   .L0
;;     add     r1, r2
;;     ldr     r1, [r1, #4]
;;     movw    r2, #0x1234
;;     muls    r0, r2, r0
;;     .inst.w 0xf8dfc010  @ ldr.w  ip, [pc, #0x10]
;;     eor.w   r0, r0, ip
;;     add     r0, r1
;;     pop     {r4, pc}
;; .L0:
;;     movs    r0, #5
;;     bl      synth_trap
;;     nop
;;     .word   0x12345678
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
;; .text.mix  (74 bytes, align 4)
;; mix:  global func, 74 bytes
;;     push    {r4, lr}
;;     movw    r2, #:lower16:synth_memory
;;     movt    r2, #:upper16:synth_memory
;;     movw    r3, #0x5678
;;     movt    r3, #0x1234
;;     muls    r3, r0, r3
;;     movw    r4, #0xfffc
;;     cmp     r1, r4
;;     bhi.n   .L0
;;     str     r3, [r2, r1]
;;     movw    r3, #0xfff8
;;     cmp     r1, r3
;;     bhi.n   .L0
;;     add.w   lr, r2, r1
;;     ldr.w   r1, [lr, #4]
;;     movw    r2, #0x1234
;;     muls    r0, r2, r0
;;     movw    ip, #0x5678
;;     movt    ip, #0x1234
;;     eor.w   r0, r0, ip
;;     add     r0, r1
;;     pop     {r4, pc}
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

;; Every level: an access at a constant address that needs no check (C
;; statics: `i32.const 0` with the address in the offset) is one load or store
;; with the whole address as its immediate, `ldr r0, [r1, #0x520]`; the
;; constant is not built when every use of it folds so; past the immediate's
;; 4095, a register offset (`movw ip, #0x2738; ldr.w r1, [r1, ip]`).  Faster
;; too, so -O2 does the same (there with movw/movt for the memory's address).
;; test: asm --opt-level=z
;; test: asm --opt-level=2
(module
  (memory 1)
  (func (export "bump") (param i32) (result i32)
    (i32.store offset=1316 (i32.const 0)
      (i32.add (i32.load offset=1312 (i32.const 0)) (local.get 0)))
    (i32.store8 offset=4000 (i32.const 90) (local.get 0))
    (i32.add (i32.load16_u offset=2 (i32.const 8))
             (i32.load offset=10040 (i32.const 0)))))

;; ==== asm --opt-level=z ====
;; .text.bump  (36 bytes, align 4)
;; bump:  global func, 36 bytes
;;     .inst.n 0x4907  @ ldr  r1, [pc, #0x1c]
;;     ldr.w   r2, [r1, #0x520]
;;     add     r2, r0
;;     str.w   r2, [r1, #0x524]
;;     strb.w  r0, [r1, #0xffa]
;;     ldrh    r0, [r1, #0xa]
;;     movw    ip, #0x2738
;;     ldr.w   r1, [r1, ip]
;;     add     r0, r1
;;     bx      lr
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
;; .text.bump  (36 bytes, align 4)
;; bump:  global func, 36 bytes
;;     movw    r1, #:lower16:synth_memory
;;     movt    r1, #:upper16:synth_memory
;;     ldr.w   r2, [r1, #0x520]
;;     add     r2, r0
;;     str.w   r2, [r1, #0x524]
;;     strb.w  r0, [r1, #0xffa]
;;     ldrh    r0, [r1, #0xa]
;;     movw    ip, #0x2738
;;     ldr.w   r1, [r1, ip]
;;     add     r0, r1
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

;; With a memory of fixed size (memory 1 1: 65536 bytes) a bounds check compares the
;; address with the limit 65536 - end in one instruction: cmp #limit + bhi when the
;; limit is an immediate (0xff00: a 4-byte load at offset 252), cmp #limit+1 + bhs when
;; that one is (0xffff + 1: a byte load). Not fired: a limit with neither form (0xfffc,
;; a word load) is compared with a register (lowering builds it: movw + cmp).
;; test: asm --tier=opt
(module (memory 1 1)
  (func (export "load_byte") (param i32) (result i32)
    (i32.load8_u (local.get 0)))
  (func (export "load_at_252") (param i32) (result i32)
    (i32.load offset=252 (local.get 0)))
  (func (export "load_word") (param i32) (result i32)
    (i32.load (local.get 0))))

;; ==== asm --tier=opt ====
;; .text.load_byte  (24 bytes, align 4)
;; load_byte:  global func, 24 bytes
;;     movw    r1, #:lower16:synth_memory
;;     movt    r1, #:upper16:synth_memory
;;     cmp.w   r0, #0x10000
;;     bhs.n   .L0
;;     ldrb    r0, [r1, r0]
;;     bx      lr
;; .L0:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.load_at_252  (32 bytes, align 4)
;; load_at_252:  global func, 32 bytes
;;     push    {r3, lr}
;;     movw    r1, #:lower16:synth_memory
;;     movt    r1, #:upper16:synth_memory
;;     cmp.w   r0, #0xff00
;;     bhi.n   .L0
;;     add.w   lr, r1, r0
;;     ldr.w   r0, [lr, #0xfc]
;;     pop     {r3, pc}
;; .L0:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.load_word  (26 bytes, align 4)
;; load_word:  global func, 26 bytes
;;     movw    r1, #:lower16:synth_memory
;;     movt    r1, #:upper16:synth_memory
;;     movw    r2, #0xfffc
;;     cmp     r0, r2
;;     bhi.n   .L0
;;     ldr     r0, [r1, r0]
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

;; memory.grow of a memory of 1-byte pages: the new size in pages is the byte
;; count the bounds checks load from the header (no `lsl #16` as with 64 KiB
;; pages), and a load checks against that dynamic count to the byte.
;; test: asm --tier=opt
(module
  (memory 10 20 (pagesize 1))
  (func (export "grow") (param i32) (result i32)
    (memory.grow (local.get 0)))
  (func (export "load") (param i32) (result i32)
    (i32.load16_u offset=3 (local.get 0))))

;; ==== asm --tier=opt ====
;; .text.grow  (44 bytes, align 4)
;; grow:  global func, 44 bytes
;;     push    {r3, lr}
;;     movw    r1, #:lower16:synth_memory
;;     movt    r1, #:upper16:synth_memory
;;     ldr     r2, [r1, #-0x8]
;;     adds    r3, r2, r0
;;     bhs.n   .L0
;;     ldr     ip, [r1, #-0xc]
;;     cmp     r3, ip
;;     bhi.n   .L0
;;     str     r3, [r1, #-0x8]
;;     str     r3, [r1, #-0x4]
;;     mov     r0, r2
;;     b.n     .L1
;; .L0:
;;     mvn     r0, #0
;; .L1:
;;     pop     {r3, pc}
;;
;; .text.load  (40 bytes, align 4)
;; load:  global func, 40 bytes
;;     push    {r3, lr}
;;     movw    r1, #:lower16:synth_memory
;;     movt    r1, #:upper16:synth_memory
;;     adds.w  ip, r0, #5
;;     bhs.n   .L0
;;     ldr     lr, [r1, #-0x4]
;;     cmp     ip, lr
;;     bhi.n   .L0
;;     add.w   lr, r1, r0
;;     ldrh.w  r0, [lr, #3]
;;     pop     {r3, pc}
;; .L0:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .bss.synth_memory  (36 bytes, align 8)
;; synth_memory:  global object, at +0x10, 20 bytes
;;     .space  36
;;
;; .text.synth_init  (30 bytes, align 4)
;; synth_init:  global func, 30 bytes
;;     push    {r4, lr}
;;     movw    r4, #:lower16:synth_memory
;;     movt    r4, #:upper16:synth_memory
;;     movs    r0, #0x14
;;     str     r0, [r4, #-0xc]
;;     movs    r0, #0xa
;;     str     r0, [r4, #-0x8]
;;     movs    r0, #0xa
;;     str     r0, [r4, #-0x4]
;;     pop     {r4, pc}
;;
;; .text.synth_trap  (4 bytes, align 4)
;; synth_trap:  weak func, 4 bytes
;;     bkpt    #0
;; .L0:
;;     b.n     .L0

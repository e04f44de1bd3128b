;; When memory can grow (memory 1 4, exported: an importer may grow it) a bounds
;; check reads the current size: adds end (bhs: beyond 4 GiB), ldr the size (stored
;; just below memory: a negative offset, [r1, #-0x4]), cmp, bhi to the trap; the
;; access then adds base + address. Not fired: without the export nothing grows it
;; and the check compares with a constant (bounds-compare.wat).
;; test: asm --tier=opt
(module (memory (export "memory") 1 4)
  (func (export "load_word") (param i32) (result i32)
    (i32.load offset=4 (local.get 0))))

;; ==== asm --tier=opt ====
;; .text.load_word  (40 bytes, align 4)
;; load_word:  global func, 40 bytes
;;     push    {r3, lr}
;;     movw    r1, #:lower16:synth_memory
;;     movt    r1, #:upper16:synth_memory
;;     adds.w  ip, r0, #8
;;     bhs.n   .L0
;;     ldr     lr, [r1, #-0x4]
;;     cmp     ip, lr
;;     bhi.n   .L0
;;     add.w   lr, r1, r0
;;     ldr.w   r0, [lr, #4]
;;     pop     {r3, pc}
;; .L0:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .bss.synth_memory  (262160 bytes, align 8)
;; synth_memory:  global object, at +0x10, 262144 bytes
;; memory:  global object, at +0x10, 262144 bytes
;;     .space  262160
;;
;; .text.synth_init  (32 bytes, align 4)
;; synth_init:  global func, 32 bytes
;;     push    {r4, lr}
;;     movw    r4, #:lower16:synth_memory
;;     movt    r4, #:upper16:synth_memory
;;     movs    r0, #4
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

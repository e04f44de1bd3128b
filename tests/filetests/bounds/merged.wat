;; Checks on one address with small constant offsets (ir/checkmerge.py): three
;; loads of p, p+4, p+8 check p+12 once, at the first load; a store between two
;; accesses keeps both checks (wasm does the first store before the second traps).
;; test: asm --tier=opt
(module
  (memory 1 1)
  (func (export "three_loads") (param $p i32) (result i32)
    (i32.add (i32.add (i32.load (local.get $p)) (i32.load offset=4 (local.get $p)))
             (i32.load offset=8 (local.get $p))))
  (func (export "store_between") (param $p i32)
    (i32.store (local.get $p) (i32.const 1))
    (i32.store offset=4 (local.get $p) (i32.const 2)))
  (func (export "load_then_store") (param $p i32)
    (i32.store offset=8 (local.get $p) (i32.load (local.get $p)))))

;; ==== asm --tier=opt ====
;; .text.three_loads  (48 bytes, align 4)
;; three_loads:  global func, 48 bytes
;;     push    {r3, lr}
;;     movw    r1, #:lower16:synth_memory
;;     movt    r1, #:upper16:synth_memory
;;     movw    r2, #0xfff4
;;     cmp     r0, r2
;;     bhi.n   .L0
;;     ldr     r2, [r1, r0]
;;     add.w   lr, r1, r0
;;     ldr.w   r3, [lr, #4]
;;     add     r2, r3
;;     add.w   lr, r1, r0
;;     ldr.w   r0, [lr, #8]
;;     add     r0, r2
;;     pop     {r3, pc}
;; .L0:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.store_between  (48 bytes, align 4)
;; store_between:  global func, 48 bytes
;;     push    {r3, lr}
;;     movw    r1, #:lower16:synth_memory
;;     movt    r1, #:upper16:synth_memory
;;     movs    r2, #1
;;     movw    r3, #0xfffc
;;     cmp     r0, r3
;;     bhi.n   .L0
;;     str     r2, [r1, r0]
;;     movs    r2, #2
;;     movw    r3, #0xfff8
;;     cmp     r0, r3
;;     bhi.n   .L0
;;     add.w   lr, r1, r0
;;     str.w   r2, [lr, #4]
;;     pop     {r3, pc}
;; .L0:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.load_then_store  (36 bytes, align 4)
;; load_then_store:  global func, 36 bytes
;;     push    {r3, lr}
;;     movw    r1, #:lower16:synth_memory
;;     movt    r1, #:upper16:synth_memory
;;     movw    r2, #0xfff4
;;     cmp     r0, r2
;;     bhi.n   .L0
;;     ldr     r2, [r1, r0]
;;     add.w   lr, r1, r0
;;     str.w   r2, [lr, #8]
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

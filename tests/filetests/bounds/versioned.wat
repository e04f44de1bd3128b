;; Loop versioning (ir/versioning.py): the buffer's base is a parameter, so no
;; range says p + 2i is in bounds, but i is 0..31.  One test before the loop,
;; `p <= 65536 - 64`, enters a copy of the loop without the checks; otherwise
;; the original runs and traps at the first access out of bounds, after the
;; stores of the trips before it, as wasm requires.
;; test: asm --tier=opt
;; test: asm --tier=opt --opt-level=z
(module
  (memory 1 1)
  (func (export "scale") (param $p i32) (param $k i32) (local $i i32) (local $a i32)
    (loop $l
      (local.set $a (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 1))))
      (i32.store16 (local.get $a) (i32.mul (i32.load16_s (local.get $a)) (local.get $k)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.ne (local.get $i) (i32.const 32))))))

;; ==== asm --tier=opt ====
;; .text.scale  (70 bytes, align 4)
;; scale:  global func, 70 bytes
;;     push    {r4, r5, r6, lr}
;;     movs    r2, #0
;;     movw    r3, #:lower16:synth_memory
;;     movt    r3, #:upper16:synth_memory
;;     movw    ip, #0xffc0
;;     cmp     r0, ip
;;     bhi.n   .L1
;; .L0:
;;     add.w   r4, r0, r2, lsl #1
;;     ldrsh   r5, [r3, r4]
;;     muls    r5, r1, r5
;;     strh    r5, [r3, r4]
;;     adds    r2, #1
;;     cmp     r2, #0x20
;;     bne.n   .L0
;;     b.n     .L3
;; .L1:
;;     movw    r4, #0xfffe
;; .L2:
;;     add.w   r5, r0, r2, lsl #1
;;     cmp     r5, r4
;;     bhi.n   .L4
;;     ldrsh   r6, [r3, r5]
;;     muls    r6, r1, r6
;;     strh    r6, [r3, r5]
;;     adds    r2, #1
;;     cmp     r2, #0x20
;;     bne.n   .L2
;; .L3:
;;     pop     {r4, r5, r6, pc}
;; .L4:
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

;; ==== asm --tier=opt --opt-level=z ====
;; .text.scale  (44 bytes, align 4)
;; scale:  global func, 44 bytes
;;     push    {r4, r5, r6, lr}
;;     movs    r2, #0
;;     .inst.n 0x4b08  @ ldr  r3, [pc, #0x20]
;;     movw    r4, #0xfffe
;; .L0:
;;     add.w   r5, r0, r2, lsl #1
;;     cmp     r5, r4
;;     bhi.n   .L1
;;     ldrsh   r6, [r3, r5]
;;     muls    r6, r1, r6
;;     strh    r6, [r3, r5]
;;     adds    r2, #1
;;     cmp     r2, #0x20
;;     bne.n   .L0
;;     pop     {r4, r5, r6, pc}
;; .L1:
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

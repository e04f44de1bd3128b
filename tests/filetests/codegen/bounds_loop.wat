;; Bounds checks in a loop over a memory that cannot grow: an index masked to the
;; memory's size needs no check (ir/ranges.py), an unmasked one keeps its
;; compare-and-trap. The baseline tier checks both.
;; test: asm --tier=opt
;; test: asm --tier=baseline
(module
  (memory 1 1)
  (func (export "sum_masked") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (block (loop
      (br_if 1 (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $s (i32.add (local.get $s)
        (i32.load8_u (i32.and (local.get $i) (i32.const 0xFFFF)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br 0)))
    (local.get $s))
  (func (export "sum_unmasked") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (block (loop
      (br_if 1 (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $s (i32.add (local.get $s) (i32.load8_u (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br 0)))
    (local.get $s)))

;; ==== asm --tier=opt ====
;; .text.sum_masked  (38 bytes, align 4)
;; sum_masked:  global func, 38 bytes
;;     push    {r3, r4, r5, lr}
;;     movs    r1, #0
;;     movs    r2, #0
;;     movw    r3, #:lower16:synth_memory
;;     movt    r3, #:upper16:synth_memory
;;     movw    r4, #0xffff
;; .L0:
;;     cmp     r1, r0
;;     bhs.n   .L1
;;     and.w   r5, r1, r4
;;     ldrb    r5, [r3, r5]
;;     add     r2, r5
;;     adds    r1, #1
;;     b.n     .L0
;; .L1:
;;     mov     r0, r2
;;     pop     {r3, r4, r5, pc}
;;
;; .text.sum_unmasked  (42 bytes, align 4)
;; sum_unmasked:  global func, 42 bytes
;;     push    {r4, lr}
;;     movs    r1, #0
;;     movs    r2, #0
;;     movw    r3, #:lower16:synth_memory
;;     movt    r3, #:upper16:synth_memory
;; .L0:
;;     cmp     r1, r0
;;     bhs.n   .L1
;;     cmp.w   r1, #0x10000
;;     bhs.n   .L2
;;     ldrb    r4, [r3, r1]
;;     add     r2, r4
;;     adds    r1, #1
;;     b.n     .L0
;; .L1:
;;     mov     r0, r2
;;     pop     {r4, pc}
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

;; ==== asm --tier=baseline ====
;; .text.sum_masked  (202 bytes, align 4)
;; sum_masked:  global func, 202 bytes
;;     push    {lr}
;;     sub     sp, #0x4c
;;     str     r0, [sp]
;;     ldr.w   ip, [sp]
;;     str.w   ip, [sp, #0x40]
;;     mov.w   ip, #0
;;     str.w   ip, [sp, #4]
;;     str.w   ip, [sp, #0x44]
;;     mov.w   ip, #0
;;     str.w   ip, [sp, #8]
;;     str.w   ip, [sp, #0x48]
;;     movw    ip, #:lower16:synth_memory
;;     movt    ip, #:upper16:synth_memory
;;     str.w   ip, [sp, #0xc]
;; .L0:
;;     ldr.w   ip, [sp, #0x44]
;;     str.w   ip, [sp, #0x14]
;;     ldr.w   ip, [sp, #0x40]
;;     str.w   ip, [sp, #0x18]
;;     ldr.w   ip, [sp, #0x14]
;;     ldr.w   lr, [sp, #0x18]
;;     cmp     ip, lr
;;     bhs.n   .L1
;;     ldr.w   ip, [sp, #0x48]
;;     str.w   ip, [sp, #0x1c]
;;     ldr.w   ip, [sp, #0x44]
;;     str.w   ip, [sp, #0x20]
;;     movw    ip, #0xffff
;;     str.w   ip, [sp, #0x24]
;;     ldr.w   ip, [sp, #0x20]
;;     ldr.w   lr, [sp, #0x24]
;;     and.w   ip, ip, lr
;;     str.w   ip, [sp, #0x28]
;;     cmp.w   ip, #0x10000
;;     bhs.n   .L2
;;     ldr.w   lr, [sp, #0xc]
;;     add     lr, ip
;;     ldrb.w  ip, [lr]
;;     str.w   ip, [sp, #0x2c]
;;     ldr.w   ip, [sp, #0x1c]
;;     ldr.w   lr, [sp, #0x2c]
;;     add     ip, lr
;;     str.w   ip, [sp, #0x30]
;;     str.w   ip, [sp, #0x48]
;;     ldr.w   ip, [sp, #0x44]
;;     str.w   ip, [sp, #0x34]
;;     add.w   ip, ip, #1
;;     str.w   ip, [sp, #0x38]
;;     str.w   ip, [sp, #0x44]
;;     b.n     .L0
;; .L1:
;;     ldr.w   ip, [sp, #0x48]
;;     str.w   ip, [sp, #0x3c]
;;     str.w   ip, [sp, #0x10]
;;     ldr     r0, [sp, #0x10]
;;     add     sp, #0x4c
;;     pop     {pc}
;; .L2:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.sum_unmasked  (178 bytes, align 4)
;; sum_unmasked:  global func, 178 bytes
;;     push    {lr}
;;     sub     sp, #0x44
;;     str     r0, [sp]
;;     ldr.w   ip, [sp]
;;     str.w   ip, [sp, #0x38]
;;     mov.w   ip, #0
;;     str.w   ip, [sp, #4]
;;     str.w   ip, [sp, #0x3c]
;;     mov.w   ip, #0
;;     str.w   ip, [sp, #8]
;;     str.w   ip, [sp, #0x40]
;;     movw    ip, #:lower16:synth_memory
;;     movt    ip, #:upper16:synth_memory
;;     str.w   ip, [sp, #0xc]
;; .L0:
;;     ldr.w   ip, [sp, #0x3c]
;;     str.w   ip, [sp, #0x14]
;;     ldr.w   ip, [sp, #0x38]
;;     str.w   ip, [sp, #0x18]
;;     ldr.w   ip, [sp, #0x14]
;;     ldr.w   lr, [sp, #0x18]
;;     cmp     ip, lr
;;     bhs.n   .L1
;;     ldr.w   ip, [sp, #0x40]
;;     str.w   ip, [sp, #0x1c]
;;     ldr.w   ip, [sp, #0x3c]
;;     str.w   ip, [sp, #0x20]
;;     cmp.w   ip, #0x10000
;;     bhs.n   .L2
;;     ldr.w   lr, [sp, #0xc]
;;     add     lr, ip
;;     ldrb.w  ip, [lr]
;;     str.w   ip, [sp, #0x24]
;;     ldr.w   ip, [sp, #0x1c]
;;     ldr.w   lr, [sp, #0x24]
;;     add     ip, lr
;;     str.w   ip, [sp, #0x28]
;;     str.w   ip, [sp, #0x40]
;;     ldr.w   ip, [sp, #0x3c]
;;     str.w   ip, [sp, #0x2c]
;;     add.w   ip, ip, #1
;;     str.w   ip, [sp, #0x30]
;;     str.w   ip, [sp, #0x3c]
;;     b.n     .L0
;; .L1:
;;     ldr.w   ip, [sp, #0x40]
;;     str.w   ip, [sp, #0x34]
;;     str.w   ip, [sp, #0x10]
;;     ldr     r0, [sp, #0x10]
;;     add     sp, #0x44
;;     pop     {pc}
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

;; 64-bit multiply-accumulate: an i64 add of a widening 32x32 product (both factors
;; zero-extended: umull; both sign-extended: smull) is one `umlal`/`smlal` that adds
;; into the accumulator's registers (ir/combine.py multiply_accumulate64; `mlal_u`,
;; `mlal_s`). `dot_u` and `sum_squares` accumulate in a loop: the accumulator stays in
;; its register pair, and the sign extension is seen through the local it was stored in
;; (`sum_squares`). `to_memory` accumulates into a stored value. `crowded` has five
;; accumulators in one loop: one word in memory is reloaded into a scratch register for
;; its umlal and stored back. In the baseline tier every word is in memory: the low
;; word first (mul, adds), then the high word (umull again, adc), the carry kept
;; across the reloads.
;; test: asm --tier=opt
;; test: asm --tier=baseline
(module
  (memory 1)
  (func (export "mac_u") (param i64 i32 i32) (result i64)
    (i64.add (local.get 0)
      (i64.mul (i64.extend_i32_u (local.get 1)) (i64.extend_i32_u (local.get 2)))))
  (func (export "mac_s") (param i64 i32 i32) (result i64)
    (i64.add (i64.mul (i64.extend_i32_s (local.get 1)) (i64.extend_i32_s (local.get 2)))
      (local.get 0)))
  (func (export "dot_u") (param i32 i32 i32) (result i64) (local i64)
    (loop $l
      (local.set 3 (i64.add (local.get 3)
        (i64.mul (i64.load32_u (local.get 0)) (i64.load32_u (local.get 1)))))
      (local.set 0 (i32.add (local.get 0) (i32.const 4)))
      (local.set 1 (i32.add (local.get 1) (i32.const 4)))
      (br_if $l (local.tee 2 (i32.sub (local.get 2) (i32.const 1)))))
    (local.get 3))
  (func (export "sum_squares") (param i32 i32) (result i64) (local i64 i64)
    (loop $l
      (local.set 3 (i64.extend_i32_s (i32.load (local.get 0))))
      (local.set 2 (i64.add (local.get 2) (i64.mul (local.get 3) (local.get 3))))
      (local.set 0 (i32.add (local.get 0) (i32.const 4)))
      (br_if $l (local.tee 1 (i32.sub (local.get 1) (i32.const 1)))))
    (local.get 2))
  (func (export "to_memory") (param i32 i32 i32)
    (i64.store (local.get 0) (i64.add (i64.load (local.get 0))
      (i64.mul (i64.extend_i32_u (local.get 1)) (i64.extend_i32_u (local.get 2))))))
  (func (export "crowded") (param i32 i32) (result i64) (local i64 i64 i64 i64 i32 i64)
    (loop $l
      (local.set 6 (i32.load (local.get 0)))
      (local.set 2 (i64.add (local.get 2) (i64.mul (i64.extend_i32_u (local.get 6)) (i64.extend_i32_u (local.get 1)))))
      (local.set 3 (i64.add (local.get 3) (i64.mul (i64.extend_i32_s (local.get 6)) (i64.extend_i32_s (local.get 0)))))
      (local.set 4 (i64.add (local.get 4) (i64.mul (i64.extend_i32_u (local.get 6)) (i64.extend_i32_u (local.get 6)))))
      (local.set 5 (i64.add (local.get 5) (i64.mul (i64.extend_i32_u (local.get 1)) (i64.extend_i32_u (local.get 0)))))
      (local.set 7 (i64.add (local.get 7) (i64.mul (i64.extend_i32_s (local.get 6)) (i64.extend_i32_s (local.get 1)))))
      (local.set 0 (i32.add (local.get 0) (i32.const 4)))
      (br_if $l (local.tee 1 (i32.sub (local.get 1) (i32.const 1)))))
    (i64.xor (i64.xor (i64.xor (local.get 2) (local.get 3)) (i64.xor (local.get 4) (local.get 5))) (local.get 7))))

;; ==== asm --tier=opt ====
;; .text.mac_u  (6 bytes, align 4)
;; mac_u:  global func, 6 bytes
;;     umlal   r0, r1, r2, r3
;;     bx      lr
;;
;; .text.mac_s  (6 bytes, align 4)
;; mac_s:  global func, 6 bytes
;;     smlal   r0, r1, r2, r3
;;     bx      lr
;;
;; .text.dot_u  (60 bytes, align 4)
;; dot_u:  global func, 60 bytes
;;     push.w  {r4, r5, r6, r7, r8, lr}
;;     movs    r3, #0
;;     movs    r4, #0
;;     movw    r5, #:lower16:synth_memory
;;     movt    r5, #:upper16:synth_memory
;;     movw    r6, #0xfffc
;; .L0:
;;     cmp     r0, r6
;;     bhi.n   .L1
;;     ldr     r7, [r5, r0]
;;     cmp     r1, r6
;;     bhi.n   .L1
;;     ldr.w   r8, [r5, r1]
;;     umlal   r3, r4, r7, r8
;;     adds    r0, #4
;;     adds    r1, #4
;;     subs    r2, #1
;;     bne.n   .L0
;;     mov     r0, r3
;;     mov     r1, r4
;;     pop.w   {r4, r5, r6, r7, r8, pc}
;; .L1:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.sum_squares  (46 bytes, align 4)
;; sum_squares:  global func, 46 bytes
;;     push    {r4, r5, r6, lr}
;;     movs    r2, #0
;;     movs    r3, #0
;;     movw    r4, #:lower16:synth_memory
;;     movt    r4, #:upper16:synth_memory
;;     movw    r5, #0xfffc
;; .L0:
;;     cmp     r0, r5
;;     bhi.n   .L1
;;     ldr     r6, [r4, r0]
;;     smlal   r2, r3, r6, r6
;;     adds    r0, #4
;;     subs    r1, #1
;;     bne.n   .L0
;;     mov     r0, r2
;;     mov     r1, r3
;;     pop     {r4, r5, r6, pc}
;; .L1:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.to_memory  (54 bytes, align 4)
;; to_memory:  global func, 54 bytes
;;     push    {r3, r4, r5, lr}
;;     movw    r3, #:lower16:synth_memory
;;     movt    r3, #:upper16:synth_memory
;;     movw    r4, #0xfff8
;;     cmp     r0, r4
;;     bhi.n   .L0
;;     add.w   lr, r3, r0
;;     ldr.w   r4, [lr]
;;     ldr.w   r5, [lr, #4]
;;     umlal   r4, r5, r1, r2
;;     add.w   lr, r3, r0
;;     str.w   r4, [lr]
;;     str.w   r5, [lr, #4]
;;     pop     {r3, r4, r5, pc}
;; .L0:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.crowded  (146 bytes, align 4)
;; crowded:  global func, 146 bytes
;;     push.w  {r4, r5, r6, r7, r8, sb, sl, fp, lr}
;;     sub     sp, #0xc
;;     mov.w   ip, #0
;;     str.w   ip, [sp, #4]
;;     movs    r3, #0
;;     movs    r4, #0
;;     movs    r5, #0
;;     movs    r6, #0
;;     movs    r7, #0
;;     mov.w   r8, #0
;;     mov.w   sb, #0
;;     mov.w   sl, #0
;;     mov.w   fp, #0
;;     movw    ip, #:lower16:synth_memory
;;     movt    ip, #:upper16:synth_memory
;;     str.w   ip, [sp]
;; .L0:
;;     movw    lr, #0xfffc
;;     cmp     r0, lr
;;     bhi.n   .L1
;;     ldr.w   lr, [sp]
;;     add     lr, r0
;;     ldr.w   r2, [lr]
;;     ldr.w   ip, [sp, #4]
;;     umlal   ip, r3, r2, r1
;;     str.w   ip, [sp, #4]
;;     smlal   r4, r5, r2, r0
;;     umlal   r6, r7, r2, r2
;;     umlal   r8, sb, r1, r0
;;     smlal   sl, fp, r2, r1
;;     adds    r0, #4
;;     subs    r1, #1
;;     bne.n   .L0
;;     ldr.w   ip, [sp, #4]
;;     eor.w   r4, ip, r4
;;     eors    r3, r5
;;     eor.w   r6, r6, r8
;;     eor.w   r7, r7, sb
;;     eors    r4, r6
;;     eors    r3, r7
;;     eor.w   r0, r4, sl
;;     eor.w   r1, r3, fp
;;     add     sp, #0xc
;;     pop.w   {r4, r5, r6, r7, r8, sb, sl, fp, pc}
;; .L1:
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
;; .text.mac_u  (164 bytes, align 4)
;; mac_u:  global func, 164 bytes
;;     push    {lr}
;;     sub     sp, #0x54
;;     str     r0, [sp]
;;     str     r1, [sp, #4]
;;     str     r2, [sp, #8]
;;     str     r3, [sp, #0xc]
;;     ldr.w   ip, [sp]
;;     str.w   ip, [sp, #0x44]
;;     ldr.w   ip, [sp, #4]
;;     str.w   ip, [sp, #0x48]
;;     ldr.w   ip, [sp, #8]
;;     str.w   ip, [sp, #0x4c]
;;     ldr.w   ip, [sp, #0xc]
;;     str.w   ip, [sp, #0x50]
;;     ldr.w   ip, [sp, #0x44]
;;     str.w   ip, [sp, #0x1c]
;;     ldr.w   ip, [sp, #0x48]
;;     str.w   ip, [sp, #0x20]
;;     ldr.w   ip, [sp, #0x4c]
;;     str.w   ip, [sp, #0x24]
;;     ldr.w   ip, [sp, #0x50]
;;     str.w   ip, [sp, #0x2c]
;;     ldr.w   ip, [sp, #0x1c]
;;     str.w   ip, [sp, #0x3c]
;;     ldr.w   ip, [sp, #0x20]
;;     str.w   ip, [sp, #0x40]
;;     ldr.w   ip, [sp, #0x24]
;;     ldr.w   lr, [sp, #0x2c]
;;     mul     ip, ip, lr
;;     ldr.w   lr, [sp, #0x3c]
;;     adds.w  lr, lr, ip
;;     str.w   lr, [sp, #0x3c]
;;     ldr.w   ip, [sp, #0x24]
;;     ldr.w   lr, [sp, #0x2c]
;;     umull   ip, lr, ip, lr
;;     ldr.w   ip, [sp, #0x40]
;;     adc.w   ip, ip, lr
;;     str.w   ip, [sp, #0x40]
;;     ldr.w   ip, [sp, #0x3c]
;;     str.w   ip, [sp, #0x14]
;;     ldr.w   ip, [sp, #0x40]
;;     str.w   ip, [sp, #0x18]
;;     ldr     r0, [sp, #0x14]
;;     ldr     r1, [sp, #0x18]
;;     add     sp, #0x54
;;     pop     {pc}
;;
;; .text.mac_s  (164 bytes, align 4)
;; mac_s:  global func, 164 bytes
;;     push    {lr}
;;     sub     sp, #0x54
;;     str     r0, [sp]
;;     str     r1, [sp, #4]
;;     str     r2, [sp, #8]
;;     str     r3, [sp, #0xc]
;;     ldr.w   ip, [sp]
;;     str.w   ip, [sp, #0x44]
;;     ldr.w   ip, [sp, #4]
;;     str.w   ip, [sp, #0x48]
;;     ldr.w   ip, [sp, #8]
;;     str.w   ip, [sp, #0x4c]
;;     ldr.w   ip, [sp, #0xc]
;;     str.w   ip, [sp, #0x50]
;;     ldr.w   ip, [sp, #0x4c]
;;     str.w   ip, [sp, #0x1c]
;;     ldr.w   ip, [sp, #0x50]
;;     str.w   ip, [sp, #0x24]
;;     ldr.w   ip, [sp, #0x44]
;;     str.w   ip, [sp, #0x34]
;;     ldr.w   ip, [sp, #0x48]
;;     str.w   ip, [sp, #0x38]
;;     ldr.w   ip, [sp, #0x34]
;;     str.w   ip, [sp, #0x3c]
;;     ldr.w   ip, [sp, #0x38]
;;     str.w   ip, [sp, #0x40]
;;     ldr.w   ip, [sp, #0x1c]
;;     ldr.w   lr, [sp, #0x24]
;;     mul     ip, ip, lr
;;     ldr.w   lr, [sp, #0x3c]
;;     adds.w  lr, lr, ip
;;     str.w   lr, [sp, #0x3c]
;;     ldr.w   ip, [sp, #0x1c]
;;     ldr.w   lr, [sp, #0x24]
;;     smull   ip, lr, ip, lr
;;     ldr.w   ip, [sp, #0x40]
;;     adc.w   ip, ip, lr
;;     str.w   ip, [sp, #0x40]
;;     ldr.w   ip, [sp, #0x3c]
;;     str.w   ip, [sp, #0x14]
;;     ldr.w   ip, [sp, #0x40]
;;     str.w   ip, [sp, #0x18]
;;     ldr     r0, [sp, #0x14]
;;     ldr     r1, [sp, #0x18]
;;     add     sp, #0x54
;;     pop     {pc}
;;
;; .text.dot_u  (362 bytes, align 4)
;; dot_u:  global func, 362 bytes
;;     push    {lr}
;;     sub     sp, #0x8c
;;     str     r0, [sp]
;;     str     r1, [sp, #4]
;;     str     r2, [sp, #8]
;;     ldr.w   ip, [sp]
;;     str.w   ip, [sp, #0x74]
;;     ldr.w   ip, [sp, #4]
;;     str.w   ip, [sp, #0x78]
;;     ldr.w   ip, [sp, #8]
;;     str.w   ip, [sp, #0x7c]
;;     mov.w   ip, #0
;;     str.w   ip, [sp, #0xc]
;;     str.w   ip, [sp, #0x80]
;;     str.w   ip, [sp, #0x84]
;;     movw    ip, #:lower16:synth_memory
;;     movt    ip, #:upper16:synth_memory
;;     str.w   ip, [sp, #0x10]
;; .L0:
;;     ldr.w   ip, [sp, #0x80]
;;     str.w   ip, [sp, #0x1c]
;;     ldr.w   ip, [sp, #0x84]
;;     str.w   ip, [sp, #0x20]
;;     ldr.w   ip, [sp, #0x74]
;;     str.w   ip, [sp, #0x24]
;;     movw    ip, #0xfffc
;;     str.w   ip, [sp, #0x30]
;;     ldr.w   ip, [sp, #0x24]
;;     ldr.w   lr, [sp, #0x30]
;;     cmp     ip, lr
;;     bhi.n   .L1
;;     ldr.w   ip, [sp, #0x24]
;;     ldr.w   lr, [sp, #0x10]
;;     add     lr, ip
;;     ldr.w   ip, [lr]
;;     str.w   ip, [sp, #0x28]
;;     ldr.w   ip, [sp, #0x78]
;;     str.w   ip, [sp, #0x34]
;;     movw    ip, #0xfffc
;;     str.w   ip, [sp, #0x40]
;;     ldr.w   ip, [sp, #0x34]
;;     ldr.w   lr, [sp, #0x40]
;;     cmp     ip, lr
;;     bhi.n   .L1
;;     ldr.w   ip, [sp, #0x34]
;;     ldr.w   lr, [sp, #0x10]
;;     add     lr, ip
;;     ldr.w   ip, [lr]
;;     str.w   ip, [sp, #0x38]
;;     ldr.w   ip, [sp, #0x1c]
;;     str.w   ip, [sp, #0x4c]
;;     ldr.w   ip, [sp, #0x20]
;;     str.w   ip, [sp, #0x50]
;;     ldr.w   ip, [sp, #0x28]
;;     ldr.w   lr, [sp, #0x38]
;;     mul     ip, ip, lr
;;     ldr.w   lr, [sp, #0x4c]
;;     adds.w  lr, lr, ip
;;     str.w   lr, [sp, #0x4c]
;;     ldr.w   ip, [sp, #0x28]
;;     ldr.w   lr, [sp, #0x38]
;;     umull   ip, lr, ip, lr
;;     ldr.w   ip, [sp, #0x50]
;;     adc.w   ip, ip, lr
;;     str.w   ip, [sp, #0x50]
;;     ldr.w   ip, [sp, #0x4c]
;;     str.w   ip, [sp, #0x80]
;;     ldr.w   ip, [sp, #0x50]
;;     str.w   ip, [sp, #0x84]
;;     ldr.w   ip, [sp, #0x74]
;;     str.w   ip, [sp, #0x54]
;;     add.w   ip, ip, #4
;;     str.w   ip, [sp, #0x58]
;;     str.w   ip, [sp, #0x74]
;;     ldr.w   ip, [sp, #0x78]
;;     str.w   ip, [sp, #0x5c]
;;     add.w   ip, ip, #4
;;     str.w   ip, [sp, #0x60]
;;     str.w   ip, [sp, #0x78]
;;     ldr.w   ip, [sp, #0x7c]
;;     str.w   ip, [sp, #0x64]
;;     add.w   ip, ip, #-1
;;     str.w   ip, [sp, #0x68]
;;     str.w   ip, [sp, #0x7c]
;;     cmp.w   ip, #0
;;     bne.n   .L0
;;     ldr.w   ip, [sp, #0x80]
;;     str.w   ip, [sp, #0x6c]
;;     ldr.w   ip, [sp, #0x84]
;;     str.w   ip, [sp, #0x70]
;;     ldr.w   ip, [sp, #0x6c]
;;     str.w   ip, [sp, #0x14]
;;     ldr.w   ip, [sp, #0x70]
;;     str.w   ip, [sp, #0x18]
;;     ldr     r0, [sp, #0x14]
;;     ldr     r1, [sp, #0x18]
;;     add     sp, #0x8c
;;     pop     {pc}
;; .L1:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.sum_squares  (394 bytes, align 4)
;; sum_squares:  global func, 394 bytes
;;     push    {lr}
;;     sub     sp, #0x8c
;;     str     r0, [sp]
;;     str     r1, [sp, #4]
;;     ldr.w   ip, [sp]
;;     str.w   ip, [sp, #0x74]
;;     ldr.w   ip, [sp, #4]
;;     str.w   ip, [sp, #0x78]
;;     mov.w   ip, #0
;;     str.w   ip, [sp, #8]
;;     str.w   ip, [sp, #0x7c]
;;     str.w   ip, [sp, #0x80]
;;     mov.w   ip, #0
;;     str.w   ip, [sp, #0xc]
;;     str.w   ip, [sp, #0x84]
;;     str.w   ip, [sp, #0x88]
;;     movw    ip, #:lower16:synth_memory
;;     movt    ip, #:upper16:synth_memory
;;     str.w   ip, [sp, #0x10]
;; .L0:
;;     ldr.w   ip, [sp, #0x74]
;;     str.w   ip, [sp, #0x1c]
;;     movw    ip, #0xfffc
;;     str.w   ip, [sp, #0x24]
;;     ldr.w   ip, [sp, #0x1c]
;;     ldr.w   lr, [sp, #0x24]
;;     cmp     ip, lr
;;     bhi.w   .L1
;;     ldr.w   ip, [sp, #0x1c]
;;     ldr.w   lr, [sp, #0x10]
;;     add     lr, ip
;;     ldr.w   ip, [lr]
;;     str.w   ip, [sp, #0x20]
;;     asr.w   ip, ip, #0x1f
;;     str.w   ip, [sp, #0x28]
;;     ldr.w   ip, [sp, #0x20]
;;     str.w   ip, [sp, #0x84]
;;     ldr.w   ip, [sp, #0x28]
;;     str.w   ip, [sp, #0x88]
;;     ldr.w   ip, [sp, #0x7c]
;;     str.w   ip, [sp, #0x2c]
;;     ldr.w   ip, [sp, #0x80]
;;     str.w   ip, [sp, #0x30]
;;     ldr.w   ip, [sp, #0x84]
;;     str.w   ip, [sp, #0x34]
;;     ldr.w   ip, [sp, #0x88]
;;     str.w   ip, [sp, #0x38]
;;     ldr.w   ip, [sp, #0x84]
;;     str.w   ip, [sp, #0x3c]
;;     ldr.w   ip, [sp, #0x88]
;;     str.w   ip, [sp, #0x40]
;;     ldr.w   ip, [sp, #0x34]
;;     ldr.w   lr, [sp, #0x3c]
;;     umull   ip, lr, ip, lr
;;     str.w   ip, [sp, #0x44]
;;     str.w   lr, [sp, #0x48]
;;     ldr.w   ip, [sp, #0x34]
;;     ldr.w   lr, [sp, #0x40]
;;     mul     ip, ip, lr
;;     ldr.w   lr, [sp, #0x48]
;;     add     ip, lr
;;     str.w   ip, [sp, #0x4c]
;;     ldr.w   ip, [sp, #0x38]
;;     ldr.w   lr, [sp, #0x3c]
;;     mul     ip, ip, lr
;;     ldr.w   lr, [sp, #0x4c]
;;     add     ip, lr
;;     str.w   ip, [sp, #0x50]
;;     ldr.w   ip, [sp, #0x2c]
;;     ldr.w   lr, [sp, #0x44]
;;     adds.w  ip, ip, lr
;;     str.w   ip, [sp, #0x54]
;;     ldr.w   ip, [sp, #0x30]
;;     ldr.w   lr, [sp, #0x50]
;;     adc.w   ip, ip, lr
;;     str.w   ip, [sp, #0x58]
;;     ldr.w   ip, [sp, #0x54]
;;     str.w   ip, [sp, #0x7c]
;;     ldr.w   ip, [sp, #0x58]
;;     str.w   ip, [sp, #0x80]
;;     ldr.w   ip, [sp, #0x74]
;;     str.w   ip, [sp, #0x5c]
;;     add.w   ip, ip, #4
;;     str.w   ip, [sp, #0x60]
;;     str.w   ip, [sp, #0x74]
;;     ldr.w   ip, [sp, #0x78]
;;     str.w   ip, [sp, #0x64]
;;     add.w   ip, ip, #-1
;;     str.w   ip, [sp, #0x68]
;;     str.w   ip, [sp, #0x78]
;;     cmp.w   ip, #0
;;     bne.w   .L0
;;     ldr.w   ip, [sp, #0x7c]
;;     str.w   ip, [sp, #0x6c]
;;     ldr.w   ip, [sp, #0x80]
;;     str.w   ip, [sp, #0x70]
;;     ldr.w   ip, [sp, #0x6c]
;;     str.w   ip, [sp, #0x14]
;;     ldr.w   ip, [sp, #0x70]
;;     str.w   ip, [sp, #0x18]
;;     ldr     r0, [sp, #0x14]
;;     ldr     r1, [sp, #0x18]
;;     add     sp, #0x8c
;;     pop     {pc}
;; .L1:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.to_memory  (240 bytes, align 4)
;; to_memory:  global func, 240 bytes
;;     push    {lr}
;;     sub     sp, #0x54
;;     str     r0, [sp]
;;     str     r1, [sp, #4]
;;     str     r2, [sp, #8]
;;     ldr.w   ip, [sp]
;;     str.w   ip, [sp, #0x48]
;;     ldr.w   ip, [sp, #4]
;;     str.w   ip, [sp, #0x4c]
;;     ldr.w   ip, [sp, #8]
;;     str.w   ip, [sp, #0x50]
;;     movw    ip, #:lower16:synth_memory
;;     movt    ip, #:upper16:synth_memory
;;     str.w   ip, [sp, #0xc]
;;     ldr.w   ip, [sp, #0x48]
;;     str.w   ip, [sp, #0x10]
;;     str.w   ip, [sp, #0x14]
;;     movw    ip, #0xfff8
;;     str.w   ip, [sp, #0x20]
;;     ldr.w   ip, [sp, #0x14]
;;     ldr.w   lr, [sp, #0x20]
;;     cmp     ip, lr
;;     bhi.n   .L0
;;     ldr.w   ip, [sp, #0x14]
;;     ldr.w   lr, [sp, #0xc]
;;     add     lr, ip
;;     ldr.w   ip, [lr]
;;     str.w   ip, [sp, #0x18]
;;     ldr.w   ip, [lr, #4]
;;     str.w   ip, [sp, #0x1c]
;;     ldr.w   ip, [sp, #0x4c]
;;     str.w   ip, [sp, #0x24]
;;     ldr.w   ip, [sp, #0x50]
;;     str.w   ip, [sp, #0x2c]
;;     ldr.w   ip, [sp, #0x18]
;;     str.w   ip, [sp, #0x3c]
;;     ldr.w   ip, [sp, #0x1c]
;;     str.w   ip, [sp, #0x40]
;;     ldr.w   ip, [sp, #0x24]
;;     ldr.w   lr, [sp, #0x2c]
;;     mul     ip, ip, lr
;;     ldr.w   lr, [sp, #0x3c]
;;     adds.w  lr, lr, ip
;;     str.w   lr, [sp, #0x3c]
;;     ldr.w   ip, [sp, #0x24]
;;     ldr.w   lr, [sp, #0x2c]
;;     umull   ip, lr, ip, lr
;;     ldr.w   ip, [sp, #0x40]
;;     adc.w   ip, ip, lr
;;     str.w   ip, [sp, #0x40]
;;     movw    ip, #0xfff8
;;     str.w   ip, [sp, #0x44]
;;     ldr.w   ip, [sp, #0x10]
;;     ldr.w   lr, [sp, #0x44]
;;     cmp     ip, lr
;;     bhi.n   .L0
;;     ldr.w   ip, [sp, #0x10]
;;     ldr.w   lr, [sp, #0xc]
;;     add     lr, ip
;;     ldr.w   ip, [sp, #0x3c]
;;     str.w   ip, [lr]
;;     ldr.w   ip, [sp, #0x40]
;;     str.w   ip, [lr, #4]
;;     add     sp, #0x54
;;     pop     {pc}
;; .L0:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.crowded  (1022 bytes, align 4)
;; crowded:  global func, 1022 bytes
;;     push    {lr}
;;     sub     sp, #0x18c
;;     str     r0, [sp]
;;     str     r1, [sp, #4]
;;     ldr.w   ip, [sp]
;;     str.w   ip, [sp, #0x158]
;;     ldr.w   ip, [sp, #4]
;;     str.w   ip, [sp, #0x15c]
;;     mov.w   ip, #0
;;     str.w   ip, [sp, #8]
;;     str.w   ip, [sp, #0x160]
;;     str.w   ip, [sp, #0x164]
;;     mov.w   ip, #0
;;     str.w   ip, [sp, #0xc]
;;     str.w   ip, [sp, #0x168]
;;     str.w   ip, [sp, #0x16c]
;;     mov.w   ip, #0
;;     str.w   ip, [sp, #0x10]
;;     str.w   ip, [sp, #0x170]
;;     str.w   ip, [sp, #0x174]
;;     mov.w   ip, #0
;;     str.w   ip, [sp, #0x14]
;;     str.w   ip, [sp, #0x178]
;;     str.w   ip, [sp, #0x17c]
;;     mov.w   ip, #0
;;     str.w   ip, [sp, #0x18]
;;     str.w   ip, [sp, #0x180]
;;     mov.w   ip, #0
;;     str.w   ip, [sp, #0x1c]
;;     str.w   ip, [sp, #0x184]
;;     str.w   ip, [sp, #0x188]
;;     movw    ip, #:lower16:synth_memory
;;     movt    ip, #:upper16:synth_memory
;;     str.w   ip, [sp, #0x20]
;; .L0:
;;     ldr.w   ip, [sp, #0x158]
;;     str.w   ip, [sp, #0x2c]
;;     movw    ip, #0xfffc
;;     str.w   ip, [sp, #0x34]
;;     ldr.w   ip, [sp, #0x2c]
;;     ldr.w   lr, [sp, #0x34]
;;     cmp     ip, lr
;;     bhi.w   .L1
;;     ldr.w   ip, [sp, #0x2c]
;;     ldr.w   lr, [sp, #0x20]
;;     add     lr, ip
;;     ldr.w   ip, [lr]
;;     str.w   ip, [sp, #0x30]
;;     str.w   ip, [sp, #0x180]
;;     ldr.w   ip, [sp, #0x160]
;;     str.w   ip, [sp, #0x38]
;;     ldr.w   ip, [sp, #0x164]
;;     str.w   ip, [sp, #0x3c]
;;     ldr.w   ip, [sp, #0x180]
;;     str.w   ip, [sp, #0x40]
;;     ldr.w   ip, [sp, #0x15c]
;;     str.w   ip, [sp, #0x48]
;;     ldr.w   ip, [sp, #0x38]
;;     str.w   ip, [sp, #0x58]
;;     ldr.w   ip, [sp, #0x3c]
;;     str.w   ip, [sp, #0x5c]
;;     ldr.w   ip, [sp, #0x40]
;;     ldr.w   lr, [sp, #0x48]
;;     mul     ip, ip, lr
;;     ldr.w   lr, [sp, #0x58]
;;     adds.w  lr, lr, ip
;;     str.w   lr, [sp, #0x58]
;;     ldr.w   ip, [sp, #0x40]
;;     ldr.w   lr, [sp, #0x48]
;;     umull   ip, lr, ip, lr
;;     ldr.w   ip, [sp, #0x5c]
;;     adc.w   ip, ip, lr
;;     str.w   ip, [sp, #0x5c]
;;     ldr.w   ip, [sp, #0x58]
;;     str.w   ip, [sp, #0x160]
;;     ldr.w   ip, [sp, #0x5c]
;;     str.w   ip, [sp, #0x164]
;;     ldr.w   ip, [sp, #0x168]
;;     str.w   ip, [sp, #0x60]
;;     ldr.w   ip, [sp, #0x16c]
;;     str.w   ip, [sp, #0x64]
;;     ldr.w   ip, [sp, #0x180]
;;     str.w   ip, [sp, #0x68]
;;     ldr.w   ip, [sp, #0x158]
;;     str.w   ip, [sp, #0x70]
;;     ldr.w   ip, [sp, #0x60]
;;     str.w   ip, [sp, #0x80]
;;     ldr.w   ip, [sp, #0x64]
;;     str.w   ip, [sp, #0x84]
;;     ldr.w   ip, [sp, #0x68]
;;     ldr.w   lr, [sp, #0x70]
;;     mul     ip, ip, lr
;;     ldr.w   lr, [sp, #0x80]
;;     adds.w  lr, lr, ip
;;     str.w   lr, [sp, #0x80]
;;     ldr.w   ip, [sp, #0x68]
;;     ldr.w   lr, [sp, #0x70]
;;     smull   ip, lr, ip, lr
;;     ldr.w   ip, [sp, #0x84]
;;     adc.w   ip, ip, lr
;;     str.w   ip, [sp, #0x84]
;;     ldr.w   ip, [sp, #0x80]
;;     str.w   ip, [sp, #0x168]
;;     ldr.w   ip, [sp, #0x84]
;;     str.w   ip, [sp, #0x16c]
;;     ldr.w   ip, [sp, #0x170]
;;     str.w   ip, [sp, #0x88]
;;     ldr.w   ip, [sp, #0x174]
;;     str.w   ip, [sp, #0x8c]
;;     ldr.w   ip, [sp, #0x180]
;;     str.w   ip, [sp, #0x90]
;;     str.w   ip, [sp, #0x98]
;;     ldr.w   ip, [sp, #0x88]
;;     str.w   ip, [sp, #0xa8]
;;     ldr.w   ip, [sp, #0x8c]
;;     str.w   ip, [sp, #0xac]
;;     ldr.w   ip, [sp, #0x90]
;;     ldr.w   lr, [sp, #0x98]
;;     mul     ip, ip, lr
;;     ldr.w   lr, [sp, #0xa8]
;;     adds.w  lr, lr, ip
;;     str.w   lr, [sp, #0xa8]
;;     ldr.w   ip, [sp, #0x90]
;;     ldr.w   lr, [sp, #0x98]
;;     umull   ip, lr, ip, lr
;;     ldr.w   ip, [sp, #0xac]
;;     adc.w   ip, ip, lr
;;     str.w   ip, [sp, #0xac]
;;     ldr.w   ip, [sp, #0xa8]
;;     str.w   ip, [sp, #0x170]
;;     ldr.w   ip, [sp, #0xac]
;;     str.w   ip, [sp, #0x174]
;;     ldr.w   ip, [sp, #0x178]
;;     str.w   ip, [sp, #0xb0]
;;     ldr.w   ip, [sp, #0x17c]
;;     str.w   ip, [sp, #0xb4]
;;     ldr.w   ip, [sp, #0x15c]
;;     str.w   ip, [sp, #0xb8]
;;     ldr.w   ip, [sp, #0x158]
;;     str.w   ip, [sp, #0xc0]
;;     ldr.w   ip, [sp, #0xb0]
;;     str.w   ip, [sp, #0xd0]
;;     ldr.w   ip, [sp, #0xb4]
;;     str.w   ip, [sp, #0xd4]
;;     ldr.w   ip, [sp, #0xb8]
;;     ldr.w   lr, [sp, #0xc0]
;;     mul     ip, ip, lr
;;     ldr.w   lr, [sp, #0xd0]
;;     adds.w  lr, lr, ip
;;     str.w   lr, [sp, #0xd0]
;;     ldr.w   ip, [sp, #0xb8]
;;     ldr.w   lr, [sp, #0xc0]
;;     umull   ip, lr, ip, lr
;;     ldr.w   ip, [sp, #0xd4]
;;     adc.w   ip, ip, lr
;;     str.w   ip, [sp, #0xd4]
;;     ldr.w   ip, [sp, #0xd0]
;;     str.w   ip, [sp, #0x178]
;;     ldr.w   ip, [sp, #0xd4]
;;     str.w   ip, [sp, #0x17c]
;;     ldr.w   ip, [sp, #0x184]
;;     str.w   ip, [sp, #0xd8]
;;     ldr.w   ip, [sp, #0x188]
;;     str.w   ip, [sp, #0xdc]
;;     ldr.w   ip, [sp, #0x180]
;;     str.w   ip, [sp, #0xe0]
;;     ldr.w   ip, [sp, #0x15c]
;;     str.w   ip, [sp, #0xe8]
;;     ldr.w   ip, [sp, #0xd8]
;;     str.w   ip, [sp, #0xf8]
;;     ldr.w   ip, [sp, #0xdc]
;;     str.w   ip, [sp, #0xfc]
;;     ldr.w   ip, [sp, #0xe0]
;;     ldr.w   lr, [sp, #0xe8]
;;     mul     ip, ip, lr
;;     ldr.w   lr, [sp, #0xf8]
;;     adds.w  lr, lr, ip
;;     str.w   lr, [sp, #0xf8]
;;     ldr.w   ip, [sp, #0xe0]
;;     ldr.w   lr, [sp, #0xe8]
;;     smull   ip, lr, ip, lr
;;     ldr.w   ip, [sp, #0xfc]
;;     adc.w   ip, ip, lr
;;     str.w   ip, [sp, #0xfc]
;;     ldr.w   ip, [sp, #0xf8]
;;     str.w   ip, [sp, #0x184]
;;     ldr.w   ip, [sp, #0xfc]
;;     str.w   ip, [sp, #0x188]
;;     ldr.w   ip, [sp, #0x158]
;;     str.w   ip, [sp, #0x100]
;;     add.w   ip, ip, #4
;;     str.w   ip, [sp, #0x104]
;;     str.w   ip, [sp, #0x158]
;;     ldr.w   ip, [sp, #0x15c]
;;     str.w   ip, [sp, #0x108]
;;     add.w   ip, ip, #-1
;;     str.w   ip, [sp, #0x10c]
;;     str.w   ip, [sp, #0x15c]
;;     cmp.w   ip, #0
;;     bne.w   .L0
;;     ldr.w   ip, [sp, #0x160]
;;     str.w   ip, [sp, #0x110]
;;     ldr.w   ip, [sp, #0x164]
;;     str.w   ip, [sp, #0x114]
;;     ldr.w   ip, [sp, #0x168]
;;     str.w   ip, [sp, #0x118]
;;     ldr.w   ip, [sp, #0x16c]
;;     str.w   ip, [sp, #0x11c]
;;     ldr.w   ip, [sp, #0x110]
;;     ldr.w   lr, [sp, #0x118]
;;     eor.w   ip, ip, lr
;;     str.w   ip, [sp, #0x120]
;;     ldr.w   ip, [sp, #0x114]
;;     ldr.w   lr, [sp, #0x11c]
;;     eor.w   ip, ip, lr
;;     str.w   ip, [sp, #0x124]
;;     ldr.w   ip, [sp, #0x170]
;;     str.w   ip, [sp, #0x128]
;;     ldr.w   ip, [sp, #0x174]
;;     str.w   ip, [sp, #0x12c]
;;     ldr.w   ip, [sp, #0x178]
;;     str.w   ip, [sp, #0x130]
;;     ldr.w   ip, [sp, #0x17c]
;;     str.w   ip, [sp, #0x134]
;;     ldr.w   ip, [sp, #0x128]
;;     ldr.w   lr, [sp, #0x130]
;;     eor.w   ip, ip, lr
;;     str.w   ip, [sp, #0x138]
;;     ldr.w   ip, [sp, #0x12c]
;;     ldr.w   lr, [sp, #0x134]
;;     eor.w   ip, ip, lr
;;     str.w   ip, [sp, #0x13c]
;;     ldr.w   ip, [sp, #0x120]
;;     ldr.w   lr, [sp, #0x138]
;;     eor.w   ip, ip, lr
;;     str.w   ip, [sp, #0x140]
;;     ldr.w   ip, [sp, #0x124]
;;     ldr.w   lr, [sp, #0x13c]
;;     eor.w   ip, ip, lr
;;     str.w   ip, [sp, #0x144]
;;     ldr.w   ip, [sp, #0x184]
;;     str.w   ip, [sp, #0x148]
;;     ldr.w   ip, [sp, #0x188]
;;     str.w   ip, [sp, #0x14c]
;;     ldr.w   ip, [sp, #0x140]
;;     ldr.w   lr, [sp, #0x148]
;;     eor.w   ip, ip, lr
;;     str.w   ip, [sp, #0x150]
;;     ldr.w   ip, [sp, #0x144]
;;     ldr.w   lr, [sp, #0x14c]
;;     eor.w   ip, ip, lr
;;     str.w   ip, [sp, #0x154]
;;     ldr.w   ip, [sp, #0x150]
;;     str.w   ip, [sp, #0x24]
;;     ldr.w   ip, [sp, #0x154]
;;     str.w   ip, [sp, #0x28]
;;     ldr     r0, [sp, #0x24]
;;     ldr     r1, [sp, #0x28]
;;     add     sp, #0x18c
;;     pop     {pc}
;; .L1:
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

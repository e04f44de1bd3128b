;; A select on a 64-bit compare: the compare (cmp, sbcs) sets the flags and each word
;; is a conditional move on them, no 0/1 in between (ir/combine.py
;; select_on_compare64; `selcc64`). An i64 select is one compare and one IT block for
;; both words (`max64`: a running maximum keeps its registers, `itt lt` with one
;; move per word); an i32 select on an i64 compare one word (`pick32`); equality uses
;; cmp / it eq / cmp (`pick_eq`). `swapped` returns the words in each other's
;; registers: each word's result register is read by the other word, so one waits in ip.
;; test: asm --tier=opt
;; test: asm --tier=baseline
(module
  (func (export "max64") (param i32 i32) (result i64) (local i64 i64)
    (loop $l
      (local.set 2 (i64.add (local.get 2) (i64.extend_i32_s (i32.load (local.get 0)))))
      (local.set 3 (select (local.get 2) (local.get 3) (i64.gt_s (local.get 2) (local.get 3))))
      (local.set 0 (i32.add (local.get 0) (i32.const 4)))
      (br_if $l (local.tee 1 (i32.sub (local.get 1) (i32.const 1)))))
    (local.get 3))
  (func (export "pick32") (param i64 i64 i32 i32) (result i32)
    (select (local.get 2) (local.get 3) (i64.lt_u (local.get 0) (local.get 1))))
  (func (export "pick_eq") (param i64 i64 i64) (result i64)
    (select (local.get 2) (local.get 0) (i64.eq (local.get 0) (local.get 1))))
  (func (export "swapped") (param i64 i64) (result i64)
    (select (i64.rotl (local.get 0) (i64.const 32)) (local.get 1)
      (i64.le_s (local.get 0) (local.get 1))))
  (memory 1))

;; ==== asm --tier=opt ====
;; .text.max64  (76 bytes, align 4)
;; max64:  global func, 76 bytes
;;     push.w  {r3, r4, r5, r6, r7, r8, sb, lr}
;;     movs    r2, #0
;;     movs    r3, #0
;;     movs    r4, #0
;;     movs    r5, #0
;;     movw    r6, #:lower16:synth_memory
;;     movt    r6, #:upper16:synth_memory
;;     movw    r7, #0xfffc
;; .L0:
;;     cmp     r0, r7
;;     bhi.n   .L1
;;     ldr.w   r8, [r6, r0]
;;     asr.w   sb, r8, #0x1f
;;     adds.w  r2, r2, r8
;;     adc.w   r3, r3, sb
;;     cmp     r4, r2
;;     sbcs.w  ip, r5, r3
;;     itt     lt
;;     movlt   r4, r2
;;     movlt   r5, r3
;;     adds    r0, #4
;;     subs    r1, #1
;;     bne.n   .L0
;;     mov     r0, r4
;;     mov     r1, r5
;;     pop.w   {r3, r4, r5, r6, r7, r8, sb, pc}
;; .L1:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.pick32  (20 bytes, align 4)
;; pick32:  global func, 20 bytes
;;     push    {r3, r4, r5, lr}
;;     ldr     r4, [sp, #0x10]
;;     ldr     r5, [sp, #0x14]
;;     cmp     r0, r2
;;     sbcs.w  ip, r1, r3
;;     ite     lo
;;     movlo   r0, r4
;;     movhs   r0, r5
;;     pop     {r3, r4, r5, pc}
;;
;; .text.pick_eq  (20 bytes, align 4)
;; pick_eq:  global func, 20 bytes
;;     push    {r3, r4, r5, lr}
;;     ldr     r4, [sp, #0x10]
;;     ldr     r5, [sp, #0x14]
;;     cmp     r0, r2
;;     it      eq
;;     cmpeq   r1, r3
;;     itt     eq
;;     moveq   r0, r4
;;     moveq   r1, r5
;;     pop     {r3, r4, r5, pc}
;;
;; .text.swapped  (22 bytes, align 4)
;; swapped:  global func, 22 bytes
;;     cmp     r2, r0
;;     sbcs.w  ip, r3, r1
;;     ite     ge
;;     movge   ip, r0
;;     movlt   ip, r3
;;     ite     ge
;;     movge   r0, r1
;;     movlt   r0, r2
;;     mov     r1, ip
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

;; ==== asm --tier=baseline ====
;; .text.max64  (416 bytes, align 4)
;; max64:  global func, 416 bytes
;;     push    {lr}
;;     sub     sp, #0x9c
;;     str     r0, [sp]
;;     str     r1, [sp, #4]
;;     ldr.w   ip, [sp]
;;     str.w   ip, [sp, #0x80]
;;     ldr.w   ip, [sp, #4]
;;     str.w   ip, [sp, #0x84]
;;     mov.w   ip, #0
;;     str.w   ip, [sp, #8]
;;     str.w   ip, [sp, #0x88]
;;     str.w   ip, [sp, #0x8c]
;;     mov.w   ip, #0
;;     str.w   ip, [sp, #0xc]
;;     str.w   ip, [sp, #0x90]
;;     str.w   ip, [sp, #0x94]
;;     movw    ip, #:lower16:synth_memory
;;     movt    ip, #:upper16:synth_memory
;;     str.w   ip, [sp, #0x10]
;; .L0:
;;     ldr.w   ip, [sp, #0x88]
;;     str.w   ip, [sp, #0x1c]
;;     ldr.w   ip, [sp, #0x8c]
;;     str.w   ip, [sp, #0x20]
;;     ldr.w   ip, [sp, #0x80]
;;     str.w   ip, [sp, #0x24]
;;     movw    ip, #0xfffc
;;     str.w   ip, [sp, #0x2c]
;;     ldr.w   ip, [sp, #0x24]
;;     ldr.w   lr, [sp, #0x2c]
;;     cmp     ip, lr
;;     bhi.w   .L1
;;     ldr.w   ip, [sp, #0x24]
;;     ldr.w   lr, [sp, #0x10]
;;     add     lr, ip
;;     ldr.w   ip, [lr]
;;     str.w   ip, [sp, #0x28]
;;     asr.w   ip, ip, #0x1f
;;     str.w   ip, [sp, #0x30]
;;     ldr.w   ip, [sp, #0x1c]
;;     ldr.w   lr, [sp, #0x28]
;;     adds.w  ip, ip, lr
;;     str.w   ip, [sp, #0x34]
;;     ldr.w   ip, [sp, #0x20]
;;     ldr.w   lr, [sp, #0x30]
;;     adc.w   ip, ip, lr
;;     str.w   ip, [sp, #0x38]
;;     ldr.w   ip, [sp, #0x34]
;;     str.w   ip, [sp, #0x88]
;;     ldr.w   ip, [sp, #0x38]
;;     str.w   ip, [sp, #0x8c]
;;     ldr.w   ip, [sp, #0x88]
;;     str.w   ip, [sp, #0x3c]
;;     ldr.w   ip, [sp, #0x8c]
;;     str.w   ip, [sp, #0x40]
;;     ldr.w   ip, [sp, #0x90]
;;     str.w   ip, [sp, #0x44]
;;     ldr.w   ip, [sp, #0x94]
;;     str.w   ip, [sp, #0x48]
;;     ldr.w   ip, [sp, #0x88]
;;     str.w   ip, [sp, #0x4c]
;;     ldr.w   ip, [sp, #0x8c]
;;     str.w   ip, [sp, #0x50]
;;     ldr.w   ip, [sp, #0x90]
;;     str.w   ip, [sp, #0x54]
;;     ldr.w   ip, [sp, #0x94]
;;     str.w   ip, [sp, #0x58]
;;     ldr.w   ip, [sp, #0x54]
;;     ldr.w   lr, [sp, #0x4c]
;;     cmp     ip, lr
;;     ldr.w   ip, [sp, #0x58]
;;     ldr.w   lr, [sp, #0x50]
;;     sbcs.w  ip, ip, lr
;;     ldr.w   ip, [sp, #0x3c]
;;     ldr.w   lr, [sp, #0x44]
;;     it      ge
;;     movge   ip, lr
;;     str.w   ip, [sp, #0x60]
;;     ldr.w   ip, [sp, #0x40]
;;     ldr.w   lr, [sp, #0x48]
;;     it      ge
;;     movge   ip, lr
;;     str.w   ip, [sp, #0x64]
;;     ldr.w   ip, [sp, #0x60]
;;     str.w   ip, [sp, #0x90]
;;     ldr.w   ip, [sp, #0x64]
;;     str.w   ip, [sp, #0x94]
;;     ldr.w   ip, [sp, #0x80]
;;     str.w   ip, [sp, #0x68]
;;     add.w   ip, ip, #4
;;     str.w   ip, [sp, #0x6c]
;;     str.w   ip, [sp, #0x80]
;;     ldr.w   ip, [sp, #0x84]
;;     str.w   ip, [sp, #0x70]
;;     add.w   ip, ip, #-1
;;     str.w   ip, [sp, #0x74]
;;     str.w   ip, [sp, #0x84]
;;     cmp.w   ip, #0
;;     bne.w   .L0
;;     ldr.w   ip, [sp, #0x90]
;;     str.w   ip, [sp, #0x78]
;;     ldr.w   ip, [sp, #0x94]
;;     str.w   ip, [sp, #0x7c]
;;     ldr.w   ip, [sp, #0x78]
;;     str.w   ip, [sp, #0x14]
;;     ldr.w   ip, [sp, #0x7c]
;;     str.w   ip, [sp, #0x18]
;;     ldr     r0, [sp, #0x14]
;;     ldr     r1, [sp, #0x18]
;;     add     sp, #0x9c
;;     pop     {pc}
;; .L1:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.pick32  (172 bytes, align 4)
;; pick32:  global func, 172 bytes
;;     push    {lr}
;;     sub     sp, #0x5c
;;     str     r0, [sp]
;;     str     r1, [sp, #4]
;;     str     r2, [sp, #8]
;;     str     r3, [sp, #0xc]
;;     ldr.w   ip, [sp, #0x60]
;;     str.w   ip, [sp, #0x10]
;;     ldr.w   ip, [sp, #0x64]
;;     str.w   ip, [sp, #0x14]
;;     ldr.w   ip, [sp]
;;     str.w   ip, [sp, #0x40]
;;     ldr.w   ip, [sp, #4]
;;     str.w   ip, [sp, #0x44]
;;     ldr.w   ip, [sp, #8]
;;     str.w   ip, [sp, #0x48]
;;     ldr.w   ip, [sp, #0xc]
;;     str.w   ip, [sp, #0x4c]
;;     ldr.w   ip, [sp, #0x10]
;;     str.w   ip, [sp, #0x50]
;;     ldr.w   ip, [sp, #0x14]
;;     str.w   ip, [sp, #0x54]
;;     ldr.w   ip, [sp, #0x50]
;;     str.w   ip, [sp, #0x20]
;;     ldr.w   ip, [sp, #0x54]
;;     str.w   ip, [sp, #0x24]
;;     ldr.w   ip, [sp, #0x40]
;;     str.w   ip, [sp, #0x28]
;;     ldr.w   ip, [sp, #0x44]
;;     str.w   ip, [sp, #0x2c]
;;     ldr.w   ip, [sp, #0x48]
;;     str.w   ip, [sp, #0x30]
;;     ldr.w   ip, [sp, #0x4c]
;;     str.w   ip, [sp, #0x34]
;;     ldr.w   ip, [sp, #0x28]
;;     ldr.w   lr, [sp, #0x30]
;;     cmp     ip, lr
;;     ldr.w   ip, [sp, #0x2c]
;;     ldr.w   lr, [sp, #0x34]
;;     sbcs.w  ip, ip, lr
;;     ldr.w   ip, [sp, #0x20]
;;     ldr.w   lr, [sp, #0x24]
;;     it      hs
;;     movhs   ip, lr
;;     str.w   ip, [sp, #0x3c]
;;     str.w   ip, [sp, #0x1c]
;;     ldr     r0, [sp, #0x1c]
;;     add     sp, #0x5c
;;     pop     {pc}
;;
;; .text.pick_eq  (218 bytes, align 4)
;; pick_eq:  global func, 218 bytes
;;     push    {lr}
;;     sub     sp, #0x6c
;;     str     r0, [sp]
;;     str     r1, [sp, #4]
;;     str     r2, [sp, #8]
;;     str     r3, [sp, #0xc]
;;     ldr.w   ip, [sp, #0x70]
;;     str.w   ip, [sp, #0x10]
;;     ldr.w   ip, [sp, #0x74]
;;     str.w   ip, [sp, #0x14]
;;     ldr.w   ip, [sp]
;;     str.w   ip, [sp, #0x50]
;;     ldr.w   ip, [sp, #4]
;;     str.w   ip, [sp, #0x54]
;;     ldr.w   ip, [sp, #8]
;;     str.w   ip, [sp, #0x58]
;;     ldr.w   ip, [sp, #0xc]
;;     str.w   ip, [sp, #0x5c]
;;     ldr.w   ip, [sp, #0x10]
;;     str.w   ip, [sp, #0x60]
;;     ldr.w   ip, [sp, #0x14]
;;     str.w   ip, [sp, #0x64]
;;     ldr.w   ip, [sp, #0x60]
;;     str.w   ip, [sp, #0x24]
;;     ldr.w   ip, [sp, #0x64]
;;     str.w   ip, [sp, #0x28]
;;     ldr.w   ip, [sp, #0x50]
;;     str.w   ip, [sp, #0x2c]
;;     ldr.w   ip, [sp, #0x54]
;;     str.w   ip, [sp, #0x30]
;;     ldr.w   ip, [sp, #0x50]
;;     str.w   ip, [sp, #0x34]
;;     ldr.w   ip, [sp, #0x54]
;;     str.w   ip, [sp, #0x38]
;;     ldr.w   ip, [sp, #0x58]
;;     str.w   ip, [sp, #0x3c]
;;     ldr.w   ip, [sp, #0x5c]
;;     str.w   ip, [sp, #0x40]
;;     ldr.w   ip, [sp, #0x34]
;;     ldr.w   lr, [sp, #0x3c]
;;     cmp     ip, lr
;;     ldr.w   ip, [sp, #0x38]
;;     ldr.w   lr, [sp, #0x40]
;;     it      eq
;;     cmpeq   ip, lr
;;     ldr.w   ip, [sp, #0x24]
;;     ldr.w   lr, [sp, #0x2c]
;;     it      ne
;;     movne   ip, lr
;;     str.w   ip, [sp, #0x48]
;;     ldr.w   ip, [sp, #0x28]
;;     ldr.w   lr, [sp, #0x30]
;;     it      ne
;;     movne   ip, lr
;;     str.w   ip, [sp, #0x4c]
;;     ldr.w   ip, [sp, #0x48]
;;     str.w   ip, [sp, #0x1c]
;;     ldr.w   ip, [sp, #0x4c]
;;     str.w   ip, [sp, #0x20]
;;     ldr     r0, [sp, #0x1c]
;;     ldr     r1, [sp, #0x20]
;;     add     sp, #0x6c
;;     pop     {pc}
;;
;; .text.swapped  (186 bytes, align 4)
;; swapped:  global func, 186 bytes
;;     push    {lr}
;;     sub     sp, #0x5c
;;     str     r0, [sp]
;;     str     r1, [sp, #4]
;;     str     r2, [sp, #8]
;;     str     r3, [sp, #0xc]
;;     ldr.w   ip, [sp]
;;     str.w   ip, [sp, #0x48]
;;     ldr.w   ip, [sp, #4]
;;     str.w   ip, [sp, #0x4c]
;;     ldr.w   ip, [sp, #8]
;;     str.w   ip, [sp, #0x50]
;;     ldr.w   ip, [sp, #0xc]
;;     str.w   ip, [sp, #0x54]
;;     ldr.w   ip, [sp, #0x48]
;;     str.w   ip, [sp, #0x1c]
;;     ldr.w   ip, [sp, #0x4c]
;;     str.w   ip, [sp, #0x20]
;;     ldr.w   ip, [sp, #0x50]
;;     str.w   ip, [sp, #0x24]
;;     ldr.w   ip, [sp, #0x54]
;;     str.w   ip, [sp, #0x28]
;;     ldr.w   ip, [sp, #0x48]
;;     str.w   ip, [sp, #0x2c]
;;     ldr.w   ip, [sp, #0x4c]
;;     str.w   ip, [sp, #0x30]
;;     ldr.w   ip, [sp, #0x50]
;;     str.w   ip, [sp, #0x34]
;;     ldr.w   ip, [sp, #0x54]
;;     str.w   ip, [sp, #0x38]
;;     ldr.w   ip, [sp, #0x34]
;;     ldr.w   lr, [sp, #0x2c]
;;     cmp     ip, lr
;;     ldr.w   ip, [sp, #0x38]
;;     ldr.w   lr, [sp, #0x30]
;;     sbcs.w  ip, ip, lr
;;     ldr.w   ip, [sp, #0x20]
;;     ldr.w   lr, [sp, #0x24]
;;     it      lt
;;     movlt   ip, lr
;;     str.w   ip, [sp, #0x40]
;;     ldr.w   ip, [sp, #0x1c]
;;     ldr.w   lr, [sp, #0x28]
;;     it      lt
;;     movlt   ip, lr
;;     str.w   ip, [sp, #0x44]
;;     ldr.w   ip, [sp, #0x40]
;;     str.w   ip, [sp, #0x14]
;;     ldr.w   ip, [sp, #0x44]
;;     str.w   ip, [sp, #0x18]
;;     ldr     r0, [sp, #0x14]
;;     ldr     r1, [sp, #0x18]
;;     add     sp, #0x5c
;;     pop     {pc}
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

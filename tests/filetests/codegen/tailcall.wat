;; Tail calls: the arguments go to their AAPCS places (stack ones into the caller's
;; own incoming area), the frame is torn down (sp back, callee-saved registers and lr
;; popped, an r3 pushed only for alignment skipped: it holds an argument), then
;; `b.w callee` (R_ARM_THM_JUMP24) or, through the table, `bx` of the register the
;; address was loaded into (ip when that one is popped or holds an argument).  A function whose
;; only calls are tail calls has no frame at all.  Not fired: `widen`'s callee takes
;; stack arguments its caller was not given, so it is a `bl` and a return.
;; With hardware float the f64/f32 arguments stay in d/s registers, and `keep_f32`
;; pops s16 (vpop), skips the alignment r3 (an argument) and pops r4 and lr.
;; test: asm --tier=opt
;; test: asm --tier=baseline
;; test: asm --tier=opt --cpu=cortex-m4 --float-abi=hard
(module
  (import "env" "ext" (func $ext (param i32) (result i32)))
  (type $i_i (func (param i32) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $leaf $framed)
  (func $leaf (export "leaf") (param i32) (result i32)
    (return_call $ext (i32.add (local.get 0) (i32.const 1))))
  (func $framed (export "framed") (param i32) (result i32)
    (return_call $leaf (call $ext (local.get 0))))
  (func (export "indirect") (param i32 i32) (result i32)
    (return_call_indirect (type $i_i) (local.get 0) (local.get 1)))
  (func $six (export "six") (param i32 i32 i32 i32 i32 i32) (result i32)
    (return_call $six (local.get 5) (local.get 4) (local.get 3) (local.get 2)
                      (local.get 1) (local.get 0)))
  (func (export "widen") (param i32) (result i32)
    (return_call $six (local.get 0) (i32.const 1) (i32.const 2) (i32.const 3)
                      (i32.const 4) (i32.const 5)))
  (func $to4 (param f32 i32 i32 i32 i32) (result f32) (local.get 0))
  (func (export "keep_f32") (param $a f32) (param $c i32) (result f32)
    (local $r i32)
    (local.set $r (call $ext (local.get $c)))
    (return_call $to4 (f32.mul (local.get $a) (local.get $a)) (local.get $r) (local.get $c)
                      (local.get $r) (i32.const 7)))
  (func $fd (export "fd") (param f64 i64 f32) (result f64)
    (return_call $fd (f64.add (local.get 0) (f64.const 1)) (local.get 1)
                     (f32.neg (local.get 2)))))

;; ==== asm --tier=opt ====
;; .text.leaf  (6 bytes, align 4)
;; leaf:  global func, 6 bytes
;;     adds    r0, #1
;;     b.w     ext
;;
;; .text.framed  (14 bytes, align 4)
;; framed:  global func, 14 bytes
;;     push    {r3, lr}
;;     bl      ext
;;     pop.w   {r3, lr}
;;     b.w     leaf
;;
;; .text.indirect  (56 bytes, align 4)
;; indirect:  global func, 56 bytes
;;     movw    r2, #:lower16:synth_table0
;;     movt    r2, #:upper16:synth_table0
;;     cmp     r1, #2
;;     bhs.n   .L0
;;     add.w   r1, r2, r1, lsl #2
;;     ldr     r1, [r1, #8]
;;     cbz     r1, .L1
;;     ldr     r2, [r1, #4]
;;     movw    r3, #:lower16:synth_sig_i_i
;;     movt    r3, #:upper16:synth_sig_i_i
;;     cmp     r2, r3
;;     bne.n   .L2
;;     ldr     r1, [r1]
;;     bx      r1
;; .L0:
;;     movs    r0, #6
;;     bl      synth_trap
;; .L1:
;;     movs    r0, #7
;;     bl      synth_trap
;; .L2:
;;     movs    r0, #8
;;     bl      synth_trap
;;
;; .text.six  (30 bytes, align 4)
;; six:  global func, 30 bytes
;;     push    {r3, r4, r5, lr}
;;     ldr     r4, [sp, #0x10]
;;     ldr     r5, [sp, #0x14]
;;     str     r1, [sp, #0x10]
;;     str     r0, [sp, #0x14]
;;     mov     r0, r5
;;     mov     r1, r4
;;     mov     lr, r3
;;     mov     r3, r2
;;     mov     r2, lr
;;     add     sp, #4
;;     pop.w   {r4, r5, lr}
;;     b.w     six
;;
;; .text.widen  (26 bytes, align 4)
;; widen:  global func, 26 bytes
;;     push    {r4, r5, lr}
;;     sub     sp, #0xc
;;     movs    r1, #1
;;     movs    r2, #2
;;     movs    r3, #3
;;     movs    r4, #4
;;     movs    r5, #5
;;     str     r4, [sp]
;;     str     r5, [sp, #4]
;;     bl      six
;;     add     sp, #0xc
;;     pop     {r4, r5, pc}
;;
;; .text.to4  (6 bytes, align 4)
;; to4:  local func, 6 bytes
;;     push    {r4, lr}
;;     ldr     r4, [sp, #8]
;;     pop     {r4, pc}
;;
;; .text.keep_f32  (42 bytes, align 4)
;; keep_f32:  global func, 42 bytes
;;     push    {r4, r5, r6, lr}
;;     sub     sp, #8
;;     mov     r4, r0
;;     mov     r5, r1
;;     mov     r0, r5
;;     bl      ext
;;     mov     r6, r0
;;     mov     r0, r4
;;     mov     r1, r4
;;     bl      __aeabi_fmul
;;     movs    r1, #7
;;     str     r1, [sp]
;;     mov     r1, r6
;;     mov     r2, r5
;;     mov     r3, r6
;;     bl      to4
;;     add     sp, #8
;;     pop     {r4, r5, r6, pc}
;;
;; .text.fd  (40 bytes, align 4)
;; fd:  global func, 40 bytes
;;     push    {r4, r5, r6, lr}
;;     mov     r4, r2
;;     mov     r5, r3
;;     ldr     r6, [sp, #0x10]
;;     movs    r2, #0
;;     movw    r3, #0
;;     movt    r3, #0x3ff0
;;     bl      __aeabi_dadd
;;     eor     r6, r6, #0x80000000
;;     str     r6, [sp, #0x10]
;;     mov     r2, r4
;;     mov     r3, r5
;;     pop.w   {r4, r5, r6, lr}
;;     b.w     fd
;;
;; .data.synth_table0  (16 bytes, align 4)
;; synth_table0:  local object, 16 bytes
;;     .byte   0x02, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00
;;     .word   synth_ref1
;;     .word   synth_ref2
;;
;; .rodata.synth_funcrefs  (16 bytes, align 4)
;; synth_funcrefs:  local object, 16 bytes
;; synth_ref1:  local object, 8 bytes
;; synth_ref2:  local object, at +0x8, 8 bytes
;;     .word   leaf
;;     .word   synth_sig_i_i
;;     .word   framed
;;     .word   synth_sig_i_i
;;
;; .rodata.synth_sig_i_i  (16 bytes, align 4)
;; synth_sig_i_i:  weak object, 16 bytes
;;     .byte   0x73, 0x79, 0x6e, 0x74, 0x68, 0x5f, 0x73, 0x69, 0x67, 0x5f, 0x69, 0x5f, 0x69, 0x00, 0x00, 0x00
;;
;; .text.synth_init  (4 bytes, align 4)
;; synth_init:  global func, 4 bytes
;;     push    {r4, lr}
;;     pop     {r4, pc}
;;
;; .text.synth_trap  (4 bytes, align 4)
;; synth_trap:  weak func, 4 bytes
;;     bkpt    #0
;; .L0:
;;     b.n     .L0

;; ==== asm --tier=baseline ====
;; .text.leaf  (38 bytes, align 4)
;; leaf:  global func, 38 bytes
;;     push    {lr}
;;     sub     sp, #0x14
;;     str     r0, [sp]
;;     ldr.w   ip, [sp]
;;     str.w   ip, [sp, #0x10]
;;     str.w   ip, [sp, #8]
;;     add.w   ip, ip, #1
;;     str.w   ip, [sp, #0xc]
;;     mov     r0, ip
;;     add     sp, #0x14
;;     ldr     lr, [sp], #4
;;     b.w     ext
;;
;; .text.framed  (36 bytes, align 4)
;; framed:  global func, 36 bytes
;;     push    {lr}
;;     sub     sp, #0x14
;;     str     r0, [sp]
;;     ldr.w   ip, [sp]
;;     str.w   ip, [sp, #0x10]
;;     str.w   ip, [sp, #8]
;;     mov     r0, ip
;;     bl      ext
;;     str     r0, [sp, #0xc]
;;     add     sp, #0x14
;;     ldr     lr, [sp], #4
;;     b.w     leaf
;;
;; .text.indirect  (168 bytes, align 4)
;; indirect:  global func, 168 bytes
;;     push    {lr}
;;     sub     sp, #0x3c
;;     str     r0, [sp]
;;     str     r1, [sp, #4]
;;     ldr.w   ip, [sp]
;;     str.w   ip, [sp, #0x30]
;;     ldr.w   ip, [sp, #4]
;;     str.w   ip, [sp, #0x34]
;;     ldr.w   ip, [sp, #0x30]
;;     str.w   ip, [sp, #0xc]
;;     ldr.w   ip, [sp, #0x34]
;;     str.w   ip, [sp, #0x10]
;;     movw    ip, #:lower16:synth_table0
;;     movt    ip, #:upper16:synth_table0
;;     str.w   ip, [sp, #0x14]
;;     ldr.w   ip, [sp, #0x10]
;;     cmp.w   ip, #2
;;     bhs.n   .L0
;;     ldr.w   ip, [sp, #0x14]
;;     ldr.w   lr, [sp, #0x10]
;;     add.w   ip, ip, lr, lsl #2
;;     str.w   ip, [sp, #0x1c]
;;     ldr.w   ip, [ip, #8]
;;     str.w   ip, [sp, #0x20]
;;     cmp.w   ip, #0
;;     beq.n   .L1
;;     ldr.w   ip, [sp, #0x20]
;;     ldr.w   ip, [ip, #4]
;;     str.w   ip, [sp, #0x24]
;;     movw    ip, #:lower16:synth_sig_i_i
;;     movt    ip, #:upper16:synth_sig_i_i
;;     str.w   ip, [sp, #0x28]
;;     ldr.w   ip, [sp, #0x24]
;;     ldr.w   lr, [sp, #0x28]
;;     cmp     ip, lr
;;     bne.n   .L2
;;     ldr.w   ip, [sp, #0x20]
;;     ldr.w   ip, [ip]
;;     str.w   ip, [sp, #0x2c]
;;     ldr     r0, [sp, #0xc]
;;     add     sp, #0x3c
;;     ldr     lr, [sp], #4
;;     bx      ip
;; .L0:
;;     movs    r0, #6
;;     bl      synth_trap
;; .L1:
;;     movs    r0, #7
;;     bl      synth_trap
;; .L2:
;;     movs    r0, #8
;;     bl      synth_trap
;;
;; .text.six  (152 bytes, align 4)
;; six:  global func, 152 bytes
;;     push    {lr}
;;     sub     sp, #0x4c
;;     str     r0, [sp]
;;     str     r1, [sp, #4]
;;     str     r2, [sp, #8]
;;     str     r3, [sp, #0xc]
;;     ldr.w   ip, [sp, #0x50]
;;     str.w   ip, [sp, #0x10]
;;     ldr.w   ip, [sp, #0x54]
;;     str.w   ip, [sp, #0x14]
;;     ldr.w   ip, [sp]
;;     str.w   ip, [sp, #0x34]
;;     ldr.w   ip, [sp, #4]
;;     str.w   ip, [sp, #0x38]
;;     ldr.w   ip, [sp, #8]
;;     str.w   ip, [sp, #0x3c]
;;     ldr.w   ip, [sp, #0xc]
;;     str.w   ip, [sp, #0x40]
;;     ldr.w   ip, [sp, #0x10]
;;     str.w   ip, [sp, #0x44]
;;     ldr.w   ip, [sp, #0x14]
;;     str.w   ip, [sp, #0x48]
;;     str.w   ip, [sp, #0x1c]
;;     ldr.w   ip, [sp, #0x44]
;;     str.w   ip, [sp, #0x20]
;;     ldr.w   ip, [sp, #0x40]
;;     str.w   ip, [sp, #0x24]
;;     ldr.w   ip, [sp, #0x3c]
;;     str.w   ip, [sp, #0x28]
;;     ldr.w   ip, [sp, #0x38]
;;     str.w   ip, [sp, #0x2c]
;;     ldr.w   ip, [sp, #0x34]
;;     str.w   ip, [sp, #0x30]
;;     ldr.w   lr, [sp, #0x2c]
;;     str.w   lr, [sp, #0x50]
;;     mov     lr, ip
;;     str.w   lr, [sp, #0x54]
;;     ldr     r0, [sp, #0x1c]
;;     ldr     r1, [sp, #0x20]
;;     ldr     r2, [sp, #0x24]
;;     ldr     r3, [sp, #0x28]
;;     add     sp, #0x4c
;;     ldr     lr, [sp], #4
;;     b.w     six
;;
;; .text.widen  (90 bytes, align 4)
;; widen:  global func, 90 bytes
;;     push    {lr}
;;     sub     sp, #0x34
;;     str     r0, [sp, #8]
;;     ldr.w   ip, [sp, #8]
;;     str.w   ip, [sp, #0x2c]
;;     str.w   ip, [sp, #0x10]
;;     mov.w   ip, #1
;;     str.w   ip, [sp, #0x14]
;;     mov.w   ip, #2
;;     str.w   ip, [sp, #0x18]
;;     mov.w   ip, #3
;;     str.w   ip, [sp, #0x1c]
;;     mov.w   ip, #4
;;     str.w   ip, [sp, #0x20]
;;     mov.w   ip, #5
;;     str.w   ip, [sp, #0x24]
;;     ldr.w   lr, [sp, #0x20]
;;     str.w   lr, [sp]
;;     mov     lr, ip
;;     str.w   lr, [sp, #4]
;;     ldr     r0, [sp, #0x10]
;;     ldr     r1, [sp, #0x14]
;;     ldr     r2, [sp, #0x18]
;;     ldr     r3, [sp, #0x1c]
;;     bl      six
;;     str     r0, [sp, #0x28]
;;     add     sp, #0x34
;;     pop     {pc}
;;
;; .text.to4  (78 bytes, align 4)
;; to4:  local func, 78 bytes
;;     push    {lr}
;;     sub     sp, #0x34
;;     str     r0, [sp]
;;     str     r1, [sp, #4]
;;     str     r2, [sp, #8]
;;     str     r3, [sp, #0xc]
;;     ldr.w   ip, [sp, #0x38]
;;     str.w   ip, [sp, #0x10]
;;     ldr.w   ip, [sp]
;;     str.w   ip, [sp, #0x1c]
;;     ldr.w   ip, [sp, #4]
;;     str.w   ip, [sp, #0x20]
;;     ldr.w   ip, [sp, #8]
;;     str.w   ip, [sp, #0x24]
;;     ldr.w   ip, [sp, #0xc]
;;     str.w   ip, [sp, #0x28]
;;     ldr.w   ip, [sp, #0x10]
;;     str.w   ip, [sp, #0x2c]
;;     ldr.w   ip, [sp, #0x1c]
;;     str.w   ip, [sp, #0x18]
;;     str.w   ip, [sp, #0x14]
;;     ldr     r0, [sp, #0x14]
;;     add     sp, #0x34
;;     pop     {pc}
;;
;; .text.keep_f32  (136 bytes, align 4)
;; keep_f32:  global func, 136 bytes
;;     push    {lr}
;;     sub     sp, #0x4c
;;     str     r0, [sp, #8]
;;     str     r1, [sp, #0xc]
;;     ldr.w   ip, [sp, #8]
;;     str.w   ip, [sp, #0x40]
;;     ldr.w   ip, [sp, #0xc]
;;     str.w   ip, [sp, #0x44]
;;     mov.w   ip, #0
;;     str.w   ip, [sp, #0x10]
;;     str.w   ip, [sp, #0x48]
;;     ldr.w   ip, [sp, #0x44]
;;     str.w   ip, [sp, #0x18]
;;     mov     r0, ip
;;     bl      ext
;;     str     r0, [sp, #0x1c]
;;     mov     ip, r0
;;     str.w   ip, [sp, #0x48]
;;     ldr.w   ip, [sp, #0x40]
;;     str.w   ip, [sp, #0x20]
;;     str.w   ip, [sp, #0x24]
;;     mov     r0, ip
;;     mov     r1, ip
;;     bl      __aeabi_fmul
;;     str     r0, [sp, #0x28]
;;     ldr.w   ip, [sp, #0x48]
;;     str.w   ip, [sp, #0x2c]
;;     ldr.w   ip, [sp, #0x44]
;;     str.w   ip, [sp, #0x30]
;;     ldr.w   ip, [sp, #0x48]
;;     str.w   ip, [sp, #0x34]
;;     mov.w   ip, #7
;;     str.w   ip, [sp, #0x38]
;;     mov     lr, ip
;;     str.w   lr, [sp]
;;     ldr     r0, [sp, #0x28]
;;     ldr     r1, [sp, #0x2c]
;;     ldr     r2, [sp, #0x30]
;;     ldr     r3, [sp, #0x34]
;;     bl      to4
;;     str     r0, [sp, #0x3c]
;;     add     sp, #0x4c
;;     pop     {pc}
;;
;; .text.fd  (168 bytes, align 4)
;; fd:  global func, 168 bytes
;;     push    {lr}
;;     sub     sp, #0x5c
;;     str     r0, [sp]
;;     str     r1, [sp, #4]
;;     str     r2, [sp, #8]
;;     str     r3, [sp, #0xc]
;;     ldr.w   ip, [sp, #0x60]
;;     str.w   ip, [sp, #0x10]
;;     ldr.w   ip, [sp]
;;     str.w   ip, [sp, #0x44]
;;     ldr.w   ip, [sp, #4]
;;     str.w   ip, [sp, #0x48]
;;     ldr.w   ip, [sp, #8]
;;     str.w   ip, [sp, #0x4c]
;;     ldr.w   ip, [sp, #0xc]
;;     str.w   ip, [sp, #0x50]
;;     ldr.w   ip, [sp, #0x10]
;;     str.w   ip, [sp, #0x54]
;;     ldr.w   ip, [sp, #0x44]
;;     str.w   ip, [sp, #0x1c]
;;     ldr.w   ip, [sp, #0x48]
;;     str.w   ip, [sp, #0x20]
;;     mov.w   ip, #0
;;     str.w   ip, [sp, #0x24]
;;     movw    ip, #0
;;     movt    ip, #0x3ff0
;;     str.w   ip, [sp, #0x28]
;;     ldr     r0, [sp, #0x1c]
;;     ldr     r1, [sp, #0x20]
;;     ldr     r2, [sp, #0x24]
;;     mov     r3, ip
;;     bl      __aeabi_dadd
;;     str     r0, [sp, #0x2c]
;;     str     r1, [sp, #0x30]
;;     ldr.w   ip, [sp, #0x4c]
;;     str.w   ip, [sp, #0x34]
;;     ldr.w   ip, [sp, #0x50]
;;     str.w   ip, [sp, #0x38]
;;     ldr.w   ip, [sp, #0x54]
;;     str.w   ip, [sp, #0x3c]
;;     eor     ip, ip, #0x80000000
;;     str.w   ip, [sp, #0x40]
;;     mov     lr, ip
;;     str.w   lr, [sp, #0x60]
;;     ldr     r0, [sp, #0x2c]
;;     ldr     r1, [sp, #0x30]
;;     ldr     r2, [sp, #0x34]
;;     ldr     r3, [sp, #0x38]
;;     add     sp, #0x5c
;;     ldr     lr, [sp], #4
;;     b.w     fd
;;
;; .data.synth_table0  (16 bytes, align 4)
;; synth_table0:  local object, 16 bytes
;;     .byte   0x02, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00
;;     .word   synth_ref1
;;     .word   synth_ref2
;;
;; .rodata.synth_funcrefs  (16 bytes, align 4)
;; synth_funcrefs:  local object, 16 bytes
;; synth_ref1:  local object, 8 bytes
;; synth_ref2:  local object, at +0x8, 8 bytes
;;     .word   leaf
;;     .word   synth_sig_i_i
;;     .word   framed
;;     .word   synth_sig_i_i
;;
;; .rodata.synth_sig_i_i  (16 bytes, align 4)
;; synth_sig_i_i:  weak object, 16 bytes
;;     .byte   0x73, 0x79, 0x6e, 0x74, 0x68, 0x5f, 0x73, 0x69, 0x67, 0x5f, 0x69, 0x5f, 0x69, 0x00, 0x00, 0x00
;;
;; .text.synth_init  (4 bytes, align 4)
;; synth_init:  global func, 4 bytes
;;     push    {r4, lr}
;;     pop     {r4, pc}
;;
;; .text.synth_trap  (4 bytes, align 4)
;; synth_trap:  weak func, 4 bytes
;;     bkpt    #0
;; .L0:
;;     b.n     .L0

;; ==== asm --tier=opt --cpu=cortex-m4 --float-abi=hard ====
;; .text.leaf  (6 bytes, align 4)
;; leaf:  global func, 6 bytes
;;     adds    r0, #1
;;     b.w     ext
;;
;; .text.framed  (14 bytes, align 4)
;; framed:  global func, 14 bytes
;;     push    {r3, lr}
;;     bl      ext
;;     pop.w   {r3, lr}
;;     b.w     leaf
;;
;; .text.indirect  (56 bytes, align 4)
;; indirect:  global func, 56 bytes
;;     movw    r2, #:lower16:synth_table0
;;     movt    r2, #:upper16:synth_table0
;;     cmp     r1, #2
;;     bhs.n   .L0
;;     add.w   r1, r2, r1, lsl #2
;;     ldr     r1, [r1, #8]
;;     cbz     r1, .L1
;;     ldr     r2, [r1, #4]
;;     movw    r3, #:lower16:synth_sig_i_i
;;     movt    r3, #:upper16:synth_sig_i_i
;;     cmp     r2, r3
;;     bne.n   .L2
;;     ldr     r1, [r1]
;;     bx      r1
;; .L0:
;;     movs    r0, #6
;;     bl      synth_trap
;; .L1:
;;     movs    r0, #7
;;     bl      synth_trap
;; .L2:
;;     movs    r0, #8
;;     bl      synth_trap
;;
;; .text.six  (30 bytes, align 4)
;; six:  global func, 30 bytes
;;     push    {r3, r4, r5, lr}
;;     ldr     r4, [sp, #0x10]
;;     ldr     r5, [sp, #0x14]
;;     str     r1, [sp, #0x10]
;;     str     r0, [sp, #0x14]
;;     mov     r0, r5
;;     mov     r1, r4
;;     mov     lr, r3
;;     mov     r3, r2
;;     mov     r2, lr
;;     add     sp, #4
;;     pop.w   {r4, r5, lr}
;;     b.w     six
;;
;; .text.widen  (26 bytes, align 4)
;; widen:  global func, 26 bytes
;;     push    {r4, r5, lr}
;;     sub     sp, #0xc
;;     movs    r1, #1
;;     movs    r2, #2
;;     movs    r3, #3
;;     movs    r4, #4
;;     movs    r5, #5
;;     str     r4, [sp]
;;     str     r5, [sp, #4]
;;     bl      six
;;     add     sp, #0xc
;;     pop     {r4, r5, pc}
;;
;; .text.to4  (20 bytes, align 4)
;; to4:  local func, 20 bytes
;;     push    {r4, lr}
;;     mov     r4, r3
;;     mov     r3, r2
;;     mov     r2, r1
;;     mov     r1, r0
;;     vmov    r0, s0
;;     vmov    s0, r0
;;     pop     {r4, pc}
;;
;; .text.keep_f32  (44 bytes, align 4)
;; keep_f32:  global func, 44 bytes
;;     push    {r3, r4, lr}
;;     vpush   {s16}
;;     vmov.f32 s16, s0
;;     mov     r4, r0
;;     mov     r0, r4
;;     bl      ext
;;     vmul.f32 s0, s16, s16
;;     movs    r1, #7
;;     mov     r2, r0
;;     mov     r3, r1
;;     mov     r1, r4
;;     vpop    {s16}
;;     add     sp, #4
;;     pop.w   {r4, lr}
;;     b.w     to4
;;
;; .text.fd  (68 bytes, align 4)
;; fd:  global func, 68 bytes
;;     push    {r4, r5, lr}
;;     vpush   {s16}
;;     mov     r4, r0
;;     vmov    r0, s0
;;     mov     r5, r1
;;     vmov    r1, s1
;;     vmov.f32 s16, s2
;;     movs    r2, #0
;;     movw    r3, #0
;;     movt    r3, #0x3ff0
;;     bl      __aeabi_dadd
;;     vneg.f32 s0, s16
;;     vmov    s1, r1
;;     mov     r1, r5
;;     vmov.f32 s2, s0
;;     vmov    s0, r0
;;     mov     r0, r4
;;     vpop    {s16}
;;     pop.w   {r4, r5, lr}
;;     b.w     fd
;;
;; .data.synth_table0  (16 bytes, align 4)
;; synth_table0:  local object, 16 bytes
;;     .byte   0x02, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00
;;     .word   synth_ref1
;;     .word   synth_ref2
;;
;; .rodata.synth_funcrefs  (16 bytes, align 4)
;; synth_funcrefs:  local object, 16 bytes
;; synth_ref1:  local object, 8 bytes
;; synth_ref2:  local object, at +0x8, 8 bytes
;;     .word   leaf
;;     .word   synth_sig_i_i
;;     .word   framed
;;     .word   synth_sig_i_i
;;
;; .rodata.synth_sig_i_i  (16 bytes, align 4)
;; synth_sig_i_i:  weak object, 16 bytes
;;     .byte   0x73, 0x79, 0x6e, 0x74, 0x68, 0x5f, 0x73, 0x69, 0x67, 0x5f, 0x69, 0x5f, 0x69, 0x00, 0x00, 0x00
;;
;; .text.synth_init  (4 bytes, align 4)
;; synth_init:  global func, 4 bytes
;;     push    {r4, lr}
;;     pop     {r4, pc}
;;
;; .text.synth_trap  (4 bytes, align 4)
;; synth_trap:  weak func, 4 bytes
;;     bkpt    #0
;; .L0:
;;     b.n     .L0

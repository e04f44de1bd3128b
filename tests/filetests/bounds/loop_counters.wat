;; Loop counters bound by the branch that keeps the loop going (ir/intervals.py):
;; `i < 100` and `i += 4 ... i != 400` keep a[i] inside the one page, so those
;; loops have no compare-and-trap, nor has a pointer that steps with the counter
;; (`p += 8` on each of the 8 trips stays within 1024..1080); a bound from a
;; parameter, and a last iteration that reads past the end, keep theirs.
;; test: asm --tier=opt
(module
  (memory 1 1)
  (func (export "sum_lt") (result i32) (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.load offset=1024 (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 100))))
    (local.get $s))
  (func (export "sum_ne_stride") (result i32) (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load offset=0x8000 (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br_if $l (i32.ne (local.get $i) (i32.const 400))))
    (local.get $s))
  (func (export "sum_param") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load8_u (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s))
  (func (export "last_iteration_out") (result i32) (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.load offset=65528 (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 3))))
    (local.get $s))
  (func (export "pointer_with_counter") (result i32) (local $i i32) (local $p i32) (local $s i32)
    (local.set $p (i32.const 1024))
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.ne (local.get $i) (i32.const 8))))
    (local.get $s)))

;; ==== asm --tier=opt ====
;; .text.sum_lt  (36 bytes, align 4)
;; sum_lt:  global func, 36 bytes
;;     push    {r3, lr}
;;     movs    r0, #0
;;     movs    r1, #0
;;     movw    r2, #:lower16:synth_memory
;;     movt    r2, #:upper16:synth_memory
;; .L0:
;;     lsls    r3, r0, #2
;;     add.w   lr, r2, r3
;;     ldr.w   r3, [lr, #0x400]
;;     add     r1, r3
;;     adds    r0, #1
;;     cmp     r0, #0x64
;;     blo     .L0
;;     mov     r0, r1
;;     pop     {r3, pc}
;;
;; .text.sum_ne_stride  (42 bytes, align 4)
;; sum_ne_stride:  global func, 42 bytes
;;     push    {r3, lr}
;;     movs    r0, #0
;;     movs    r1, #0
;;     movw    r2, #:lower16:synth_memory
;;     movt    r2, #:upper16:synth_memory
;; .L0:
;;     add.w   lr, r2, r0
;;     mov.w   ip, #0x8000
;;     add     lr, ip
;;     ldr.w   r3, [lr]
;;     add     r1, r3
;;     adds    r0, #4
;;     cmp.w   r0, #0x190
;;     bne.n   .L0
;;     mov     r0, r1
;;     pop     {r3, pc}
;;
;; .text.sum_param  (40 bytes, align 4)
;; sum_param:  global func, 40 bytes
;;     push    {r4, lr}
;;     movs    r1, #0
;;     movs    r2, #0
;;     movw    r3, #:lower16:synth_memory
;;     movt    r3, #:upper16:synth_memory
;; .L0:
;;     cmp.w   r1, #0x10000
;;     bhs.n   .L1
;;     ldrb    r4, [r3, r1]
;;     add     r2, r4
;;     adds    r1, #1
;;     cmp     r1, r0
;;     blo     .L0
;;     mov     r0, r2
;;     pop     {r4, pc}
;; .L1:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.last_iteration_out  (52 bytes, align 4)
;; last_iteration_out:  global func, 52 bytes
;;     push    {r3, lr}
;;     movs    r0, #0
;;     movs    r1, #0
;;     movw    r2, #:lower16:synth_memory
;;     movt    r2, #:upper16:synth_memory
;; .L0:
;;     lsls    r3, r0, #2
;;     cmp     r3, #4
;;     bhi.n   .L1
;;     add.w   lr, r2, r3
;;     movw    ip, #0xfff8
;;     add     lr, ip
;;     ldr.w   r3, [lr]
;;     add     r1, r3
;;     adds    r0, #1
;;     cmp     r0, #3
;;     blo     .L0
;;     mov     r0, r1
;;     pop     {r3, pc}
;; .L1:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.pointer_with_counter  (34 bytes, align 4)
;; pointer_with_counter:  global func, 34 bytes
;;     push    {r4, lr}
;;     movs    r0, #0
;;     movs    r1, #0
;;     movw    r2, #:lower16:synth_memory
;;     movt    r2, #:upper16:synth_memory
;;     mov.w   r3, #0x400
;; .L0:
;;     ldr     r4, [r2, r3]
;;     add     r1, r4
;;     adds    r3, #8
;;     adds    r0, #1
;;     cmp     r0, #8
;;     bne.n   .L0
;;     mov     r0, r1
;;     pop     {r4, pc}
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

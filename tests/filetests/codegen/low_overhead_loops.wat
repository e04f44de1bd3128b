;; ARMv8.1-M low-overhead loops (arm/lowoverhead.py): on the Cortex-M55 a loop
;; whose counter only counts and is nonzero on entry starts with `dls lr, rN`
;; and ends with `le lr, label` instead of `subs rN, #1; bne label`; the
;; Cortex-M33 keeps the subtract and branch.  An index stepping from a constant to
;; a constant (`stepped`: 0, 4, ... 1020) keeps its add, and `dls` takes the trip
;; count (256) instead of the compare and branch.  Not converted: a counter the body
;; reads (`indexed`), one read after the loop (`count_left`), one that may be 0
;; on entry (`unguarded`), a loop that calls (`calls`).
;; test: asm --tier=opt --cpu=cortex-m55
;; test: asm --tier=opt --cpu=cortex-m33
;; test: ir:after=low-overhead-loops --tier=opt --cpu=cortex-m55
(module
  (import "env" "tick" (func $tick))
  (memory 1)
  (func (export "sum") (param $p i32) (param $n i32) (result i32) (local $s i32)
    (block $exit
      (br_if $exit (i32.eqz (local.get $n)))
      (loop $l
        (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
    (local.get $s))
  (func (export "eight") (param $p i32) (result i32) (local $n i32) (local $s i32)
    (local.set $n (i32.const 8))
    (loop $l
      (local.set $s (i32.xor (i32.shl (local.get $s) (i32.const 1)) (i32.load8_u (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  (func (export "stepped") (param $p i32) (result i32) (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.xor (local.get $s) (i32.load (i32.add (local.get $p) (local.get $i)))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 4))) (i32.const 1024))))
    (local.get $s))
  (func (export "indexed") (param $n i32) (result i32) (local $s i32)
    (block $exit
      (br_if $exit (i32.eqz (local.get $n)))
      (loop $l
        (local.set $s (i32.add (local.get $s) (local.get $n)))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
    (local.get $s))
  (func (export "count_left") (param $p i32) (param $n i32) (result i32)
    (block $exit
      (br_if $exit (i32.eqz (local.get $n)))
      (loop $l
        (br_if $exit (i32.eqz (i32.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
    (local.get $n))
  (func (export "unguarded") (param $p i32) (param $n i32) (result i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  (func (export "calls") (param $n i32)
    (block $exit
      (br_if $exit (i32.eqz (local.get $n)))
      (loop $l
        (call $tick)
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))))

;; ==== asm --tier=opt --cpu=cortex-m55 ====
;; .text.sum  (46 bytes, align 4)
;; sum:  global func, 46 bytes
;;     push    {r3, lr}
;;     movs    r2, #0
;;     movw    r3, #:lower16:synth_memory
;;     movt    r3, #:upper16:synth_memory
;;     dls     lr, r1
;;     cbz     r1, .L1
;; .L0:
;;     movw    r1, #0xfffc
;;     cmp     r0, r1
;;     bhi.n   .L2
;;     ldr     r1, [r3, r0]
;;     add     r2, r1
;;     adds    r0, #4
;;     le      lr, .L0
;; .L1:
;;     mov     r0, r2
;;     pop     {r3, pc}
;; .L2:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.eight  (46 bytes, align 4)
;; eight:  global func, 46 bytes
;;     push    {r3, lr}
;;     movs    r1, #0
;;     movw    r2, #:lower16:synth_memory
;;     movt    r2, #:upper16:synth_memory
;;     movs    r3, #8
;;     dls     lr, r3
;; .L0:
;;     cmp.w   r0, #0x10000
;;     bhs.n   .L1
;;     ldrb    r3, [r2, r0]
;;     eor.w   r1, r3, r1, lsl #1
;;     adds    r0, #1
;;     le      lr, .L0
;;     mov     r0, r1
;;     pop     {r3, pc}
;; .L1:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.stepped  (80 bytes, align 4)
;; stepped:  global func, 80 bytes
;;     push    {r3, r4, r5, lr}
;;     movs    r1, #0
;;     movs    r2, #0
;;     movw    r3, #:lower16:synth_memory
;;     movt    r3, #:upper16:synth_memory
;;     cmp.w   r0, #0xfc00
;;     bhi.n   .L1
;;     mov.w   r4, #0x100
;;     dls     lr, r4
;; .L0:
;;     adds    r4, r0, r1
;;     ldr     r4, [r3, r4]
;;     eors    r2, r4
;;     adds    r1, #4
;;     le      lr, .L0
;;     b.n     .L3
;; .L1:
;;     movw    r4, #0xfffc
;;     mov.w   r5, #0x100
;;     dls     lr, r5
;; .L2:
;;     adds    r5, r0, r1
;;     cmp     r5, r4
;;     bhi.n   .L4
;;     ldr     r5, [r3, r5]
;;     eors    r2, r5
;;     adds    r1, #4
;;     le      lr, .L2
;; .L3:
;;     mov     r0, r2
;;     pop     {r3, r4, r5, pc}
;; .L4:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.indexed  (14 bytes, align 4)
;; indexed:  global func, 14 bytes
;;     movs    r1, #0
;;     cbz     r0, .L1
;; .L0:
;;     add     r1, r0
;;     subs    r0, #1
;;     bne.n   .L0
;; .L1:
;;     mov     r0, r1
;;     bx      lr
;;
;; .text.count_left  (38 bytes, align 4)
;; count_left:  global func, 38 bytes
;;     movw    r2, #:lower16:synth_memory
;;     movt    r2, #:upper16:synth_memory
;;     cbz     r1, .L1
;; .L0:
;;     movw    r3, #0xfffc
;;     cmp     r0, r3
;;     bhi.n   .L2
;;     ldr     r3, [r2, r0]
;;     cbz     r3, .L1
;;     adds    r0, #4
;;     subs    r1, #1
;;     bne.n   .L0
;; .L1:
;;     mov     r0, r1
;;     bx      lr
;; .L2:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.unguarded  (40 bytes, align 4)
;; unguarded:  global func, 40 bytes
;;     push    {r3, r4, r5, lr}
;;     movs    r2, #0
;;     movw    r3, #:lower16:synth_memory
;;     movt    r3, #:upper16:synth_memory
;;     movw    r4, #0xfffc
;; .L0:
;;     cmp     r0, r4
;;     bhi.n   .L1
;;     ldr     r5, [r3, r0]
;;     add     r2, r5
;;     adds    r0, #4
;;     subs    r1, #1
;;     bne.n   .L0
;;     mov     r0, r2
;;     pop     {r3, r4, r5, pc}
;; .L1:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.calls  (16 bytes, align 4)
;; calls:  global func, 16 bytes
;;     push    {r4, lr}
;;     mov     r4, r0
;;     cbz     r4, .L1
;; .L0:
;;     bl      tick
;;     subs    r4, #1
;;     bne.n   .L0
;; .L1:
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

;; ==== asm --tier=opt --cpu=cortex-m33 ====
;; .text.sum  (42 bytes, align 4)
;; sum:  global func, 42 bytes
;;     push    {r4, lr}
;;     movs    r2, #0
;;     movw    r3, #:lower16:synth_memory
;;     movt    r3, #:upper16:synth_memory
;;     cbz     r1, .L1
;; .L0:
;;     movw    r4, #0xfffc
;;     cmp     r0, r4
;;     bhi.n   .L2
;;     ldr     r4, [r3, r0]
;;     add     r2, r4
;;     adds    r0, #4
;;     subs    r1, #1
;;     bne.n   .L0
;; .L1:
;;     mov     r0, r2
;;     pop     {r4, pc}
;; .L2:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.eight  (42 bytes, align 4)
;; eight:  global func, 42 bytes
;;     push    {r4, lr}
;;     movs    r1, #0
;;     movw    r2, #:lower16:synth_memory
;;     movt    r2, #:upper16:synth_memory
;;     movs    r3, #8
;; .L0:
;;     cmp.w   r0, #0x10000
;;     bhs.n   .L1
;;     ldrb    r4, [r2, r0]
;;     eor.w   r1, r4, r1, lsl #1
;;     adds    r0, #1
;;     subs    r3, #1
;;     bne.n   .L0
;;     mov     r0, r1
;;     pop     {r4, pc}
;; .L1:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.stepped  (68 bytes, align 4)
;; stepped:  global func, 68 bytes
;;     push    {r3, r4, r5, lr}
;;     movs    r1, #0
;;     movs    r2, #0
;;     movw    r3, #:lower16:synth_memory
;;     movt    r3, #:upper16:synth_memory
;;     cmp.w   r0, #0xfc00
;;     bhi.n   .L1
;; .L0:
;;     adds    r4, r0, r1
;;     ldr     r4, [r3, r4]
;;     eors    r2, r4
;;     adds    r1, #4
;;     cmp.w   r1, #0x400
;;     bne.n   .L0
;;     b.n     .L3
;; .L1:
;;     movw    r4, #0xfffc
;; .L2:
;;     adds    r5, r0, r1
;;     cmp     r5, r4
;;     bhi.n   .L4
;;     ldr     r5, [r3, r5]
;;     eors    r2, r5
;;     adds    r1, #4
;;     cmp.w   r1, #0x400
;;     bne.n   .L2
;; .L3:
;;     mov     r0, r2
;;     pop     {r3, r4, r5, pc}
;; .L4:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.indexed  (14 bytes, align 4)
;; indexed:  global func, 14 bytes
;;     movs    r1, #0
;;     cbz     r0, .L1
;; .L0:
;;     add     r1, r0
;;     subs    r0, #1
;;     bne.n   .L0
;; .L1:
;;     mov     r0, r1
;;     bx      lr
;;
;; .text.count_left  (38 bytes, align 4)
;; count_left:  global func, 38 bytes
;;     movw    r2, #:lower16:synth_memory
;;     movt    r2, #:upper16:synth_memory
;;     cbz     r1, .L1
;; .L0:
;;     movw    r3, #0xfffc
;;     cmp     r0, r3
;;     bhi.n   .L2
;;     ldr     r3, [r2, r0]
;;     cbz     r3, .L1
;;     adds    r0, #4
;;     subs    r1, #1
;;     bne.n   .L0
;; .L1:
;;     mov     r0, r1
;;     bx      lr
;; .L2:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.unguarded  (40 bytes, align 4)
;; unguarded:  global func, 40 bytes
;;     push    {r3, r4, r5, lr}
;;     movs    r2, #0
;;     movw    r3, #:lower16:synth_memory
;;     movt    r3, #:upper16:synth_memory
;;     movw    r4, #0xfffc
;; .L0:
;;     cmp     r0, r4
;;     bhi.n   .L1
;;     ldr     r5, [r3, r0]
;;     add     r2, r5
;;     adds    r0, #4
;;     subs    r1, #1
;;     bne.n   .L0
;;     mov     r0, r2
;;     pop     {r3, r4, r5, pc}
;; .L1:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.calls  (16 bytes, align 4)
;; calls:  global func, 16 bytes
;;     push    {r4, lr}
;;     mov     r4, r0
;;     cbz     r4, .L1
;; .L0:
;;     bl      tick
;;     subs    r4, #1
;;     bne.n   .L0
;; .L1:
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

;; ==== ir:after=low-overhead-loops --tier=opt --cpu=cortex-m55 ====
;; ; function sum, tier opt, after low-overhead-loops
;; function sum(i v0, i v1) -> (i)
;;     num_vregs 10
;;     promoted_locals 0 1 2
;;     local_vregs (v0) (v1) (v2)
;;     uses_memory
;; b0:
;;     v2 = const 0
;;     v3 = symaddr @synth_memory
;;     loopstart v1
;;     brcmpi.eq v1, 0 -> b2, b5
;; b5:
;;     v6 = const 65532
;;     trapif.gt_u v0, v6 -> out_of_bounds_memory
;;     v5 = load.w v3, v0 unchecked
;;     v2 = add v2, v5
;;     v0 = addi v0, 4
;;     loopend.ne -> b5, b2
;; b2:
;;     v4 = mov v2
;;     jump b1
;; b1:
;;     ret v4
;; ; function eight, tier opt, after low-overhead-loops
;; function eight(i v0) -> (i)
;;     num_vregs 10
;;     promoted_locals 0 1 2
;;     local_vregs (v0) (v1) (v2)
;;     uses_memory
;; b0:
;;     v2 = const 0
;;     v3 = symaddr @synth_memory
;;     v1 = const 8
;;     loopstart v1
;;     jump b3
;; b3:
;;     v6 = load.b v3, v0
;;     v2 = xorsh.lsl v6, v2, 1
;;     v0 = addi v0, 1
;;     loopend.ne -> b3, b2
;; b2:
;;     v4 = mov v2
;;     jump b1
;; b1:
;;     ret v4
;; ; function stepped, tier opt, after low-overhead-loops
;; function stepped(i v0) -> (i)
;;     num_vregs 14
;;     promoted_locals 0 1 2
;;     local_vregs (v0) (v1) (v2)
;;     uses_memory
;; b0:
;;     v1 = const 0
;;     v2 = const 0
;;     v3 = symaddr @synth_memory
;;     jump b7
;; b7:
;;     brcmpi.gt_u v0, 64512 -> b6, b5
;; b5:
;;     v12 = const 256
;;     loopstart v12
;;     jump b4
;; b4:
;;     v5 = add v0, v1
;;     v6 = load.w v3, v5 unchecked
;;     v2 = xor v2, v6
;;     v1 = addi v1, 4
;;     loopend.ne -> b4, b2
;; b6:
;;     v7 = const 65532
;;     v13 = const 256
;;     loopstart v13
;;     jump b3
;; b3:
;;     v10 = add v0, v1
;;     trapif.gt_u v10, v7 -> out_of_bounds_memory
;;     v11 = load.w v3, v10 unchecked
;;     v2 = xor v2, v11
;;     v1 = addi v1, 4
;;     loopend.ne -> b3, b2
;; b2:
;;     v4 = mov v2
;;     jump b1
;; b1:
;;     ret v4
;; ; function indexed, tier opt, after low-overhead-loops
;; function indexed(i v0) -> (i)
;;     num_vregs 6
;;     promoted_locals 0 1
;;     local_vregs (v0) (v1)
;; b0:
;;     v1 = const 0
;;     brcmpi.eq v0, 0 -> b2, b5
;; b5:
;;     v1 = add v1, v0
;;     v0 = subi v0, 1
;;     brcmpi.ne v0, 0 -> b5, b2
;; b2:
;;     v3 = mov v1
;;     jump b1
;; b1:
;;     ret v3
;; ; function count_left, tier opt, after low-overhead-loops
;; function count_left(i v0, i v1) -> (i)
;;     num_vregs 8
;;     promoted_locals 0 1
;;     local_vregs (v0) (v1)
;;     uses_memory
;; b0:
;;     v2 = symaddr @synth_memory
;;     brcmpi.eq v1, 0 -> b2, b5
;; b5:
;;     v5 = const 65532
;;     trapif.gt_u v0, v5 -> out_of_bounds_memory
;;     v4 = load.w v2, v0 unchecked
;;     brcmpi.eq v4, 0 -> b2, b6
;; b6:
;;     v0 = addi v0, 4
;;     v1 = subi v1, 1
;;     brcmpi.ne v1, 0 -> b5, b2
;; b2:
;;     v3 = mov v1
;;     jump b1
;; b1:
;;     ret v3
;; ; function unguarded, tier opt, after low-overhead-loops
;; function unguarded(i v0, i v1) -> (i)
;;     num_vregs 10
;;     promoted_locals 0 1 2
;;     local_vregs (v0) (v1) (v2)
;;     uses_memory
;; b0:
;;     v2 = const 0
;;     v3 = symaddr @synth_memory
;;     v6 = const 65532
;;     jump b3
;; b3:
;;     trapif.gt_u v0, v6 -> out_of_bounds_memory
;;     v5 = load.w v3, v0 unchecked
;;     v2 = add v2, v5
;;     v0 = addi v0, 4
;;     v1 = subi v1, 1
;;     brcmpi.ne v1, 0 -> b3, b2
;; b2:
;;     v4 = mov v2
;;     jump b1
;; b1:
;;     ret v4
;; ; function calls, tier opt, after low-overhead-loops
;; function calls(i v0) -> ()
;;     num_vregs 3
;;     promoted_locals 0
;;     local_vregs (v0)
;; b0:
;;     brcmpi.eq v0, 0 -> b1, b5
;; b5:
;;     call @tick : () -> ()
;;     v0 = subi v0, 1
;;     brcmpi.ne v0, 0 -> b5, b1
;; b1:
;;     ret

;; A load from memory 1 (wasm 3.0 multiple memories): its base is memory 1's own
;; symbol (synth_memory1), its bounds check compares with memory 1's size
;; (one page, a constant), not memory 0's two; the check of the same address
;; on memory 0 before it proves nothing for memory 1, so both stay. memory.grow
;; and memory.fill on memory 1 use its header and its runtime helper.  A
;; check is dropped per memory: by memory 1's own earlier check, or an address
;; range within memory 1's size.
;; test: asm --tier=opt
;; test: ir:after=lower --tier=opt
(module
  (memory $a 2 2)
  (memory $b 1 1)
  (func (export "load1") (param $p i32) (result i32)
    (i32.load $b offset=8 (local.get $p)))
  (func (export "both") (param $p i32) (result i32)
    (i32.add (i32.load $a (local.get $p)) (i32.load $b (local.get $p))))
  ;; a masked index: below 64 KiB proves memory 1's access (one page), below
  ;; 128 KiB memory 0's only; memory 1's check passed in the entry block
  ;; covers its access in the branch, memory 0's does not
  (func (export "masked") (param $p i32) (result i32)
    (i32.add (i32.load $b (i32.and (local.get $p) (i32.const 0xfff0)))
      (i32.add (i32.load $a (i32.and (local.get $p) (i32.const 0x1fff0)))
               (i32.load $b (i32.and (local.get $p) (i32.const 0x1fff0))))))
  (func (export "dominated") (param $p i32) (param $c i32) (result i32)
    (drop (i32.load $b (local.get $p)))
    (if (result i32) (local.get $c)
      (then (i32.load $b (local.get $p)))
      (else (i32.load $a (local.get $p)))))
  (func (export "grow_fill1") (param $p i32) (result i32)
    (memory.fill $b (local.get $p) (i32.const 0) (i32.const 16))
    (memory.grow $b (i32.const 1))))

;; ==== asm --tier=opt ====
;; .text.load1  (34 bytes, align 4)
;; load1:  global func, 34 bytes
;;     push    {r3, lr}
;;     movw    r1, #:lower16:synth_memory1
;;     movt    r1, #:upper16:synth_memory1
;;     movw    lr, #0xfff4
;;     cmp     r0, lr
;;     bhi.n   .L0
;;     add.w   lr, r1, r0
;;     ldr.w   r0, [lr, #8]
;;     pop     {r3, pc}
;; .L0:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.both  (52 bytes, align 4)
;; both:  global func, 52 bytes
;;     push    {r3, lr}
;;     movw    r1, #:lower16:synth_memory
;;     movt    r1, #:upper16:synth_memory
;;     movw    r2, #:lower16:synth_memory1
;;     movt    r2, #:upper16:synth_memory1
;;     movw    r3, #0xfffc
;;     movt    r3, #1
;;     cmp     r0, r3
;;     bhi.n   .L0
;;     ldr     r1, [r1, r0]
;;     movw    lr, #0xfffc
;;     cmp     r0, lr
;;     bhi.n   .L0
;;     ldr     r0, [r2, r0]
;;     add     r0, r1
;;     pop     {r3, pc}
;; .L0:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.masked  (64 bytes, align 4)
;; masked:  global func, 64 bytes
;;     push    {r3, r4, r5, lr}
;;     movw    r1, #:lower16:synth_memory
;;     movt    r1, #:upper16:synth_memory
;;     movw    r2, #:lower16:synth_memory1
;;     movt    r2, #:upper16:synth_memory1
;;     movw    r3, #0xfff0
;;     ands    r3, r0
;;     ldr     r3, [r2, r3]
;;     movw    r4, #0xfff0
;;     movt    r4, #1
;;     and.w   r5, r0, r4
;;     ldr     r1, [r1, r5]
;;     ands    r0, r4
;;     movw    lr, #0xfffc
;;     cmp     r0, lr
;;     bhi.n   .L0
;;     ldr     r0, [r2, r0]
;;     add     r1, r0
;;     adds    r0, r3, r1
;;     pop     {r3, r4, r5, pc}
;; .L0:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.dominated  (56 bytes, align 4)
;; dominated:  global func, 56 bytes
;;     push    {r4, lr}
;;     movw    r2, #:lower16:synth_memory
;;     movt    r2, #:upper16:synth_memory
;;     movw    r3, #:lower16:synth_memory1
;;     movt    r3, #:upper16:synth_memory1
;;     movw    lr, #0xfffc
;;     cmp     r0, lr
;;     bhi.n   .L2
;;     ldr     r4, [r3, r0]
;;     cbz     r1, .L0
;;     ldr     r0, [r3, r0]
;;     b.n     .L1
;; .L0:
;;     movw    r1, #0xfffc
;;     movt    r1, #1
;;     cmp     r0, r1
;;     bhi.n   .L2
;;     ldr     r0, [r2, r0]
;; .L1:
;;     pop     {r4, pc}
;; .L2:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.grow_fill1  (62 bytes, align 4)
;; grow_fill1:  global func, 62 bytes
;;     push    {r3, lr}
;;     movs    r1, #0x10
;;     movs    r2, #0
;;     mov     ip, r2
;;     mov     r2, r1
;;     mov     r1, ip
;;     bl      synth_rt_memfill_1
;;     movs    r0, #1
;;     movw    r1, #:lower16:synth_memory1
;;     movt    r1, #:upper16:synth_memory1
;;     ldr     r2, [r1, #-0x8]
;;     adds    r3, r2, r0
;;     bhs.n   .L0
;;     ldr     ip, [r1, #-0xc]
;;     cmp     r3, ip
;;     bhi.n   .L0
;;     str     r3, [r1, #-0x8]
;;     lsls    r3, r3, #0x10
;;     str     r3, [r1, #-0x4]
;;     mov     r0, r2
;;     b.n     .L1
;; .L0:
;;     mvn     r0, #0
;; .L1:
;;     pop     {r3, pc}
;;
;; .bss.synth_memory  (131088 bytes, align 8)
;; synth_memory:  global object, at +0x10, 131072 bytes
;;     .space  131088
;;
;; .bss.synth_memory1  (65552 bytes, align 8)
;; synth_memory1:  global object, at +0x10, 65536 bytes
;;     .space  65552
;;
;; .text.synth_rt_memfill_1  (86 bytes, align 4)
;; synth_rt_memfill_1:  local func, 86 bytes
;;     push    {r4, lr}
;;     movw    r3, #:lower16:synth_memory1
;;     movt    r3, #:upper16:synth_memory1
;;     ldr     r4, [r3, #-0x4]
;;     adds.w  ip, r0, r2
;;     bhs.n   .L7
;;     cmp     ip, r4
;;     bhi.n   .L7
;;     add     r0, r3
;;     uxtb    r1, r1
;;     orr.w   r1, r1, r1, lsl #8
;;     orr.w   r1, r1, r1, lsl #16
;;     cmp     r2, #8
;;     blo     .L4
;; .L0:
;;     tst.w   r0, #3
;;     beq.n   .L1
;;     strb    r1, [r0]
;;     adds    r0, #1
;;     subs    r2, #1
;;     b.n     .L0
;; .L1:
;;     subs    r2, #4
;;     blo     .L3
;; .L2:
;;     str     r1, [r0]
;;     adds    r0, #4
;;     subs    r2, #4
;;     bhs.n   .L2
;; .L3:
;;     adds    r2, #4
;; .L4:
;;     cbz     r2, .L6
;; .L5:
;;     strb    r1, [r0]
;;     adds    r0, #1
;;     subs    r2, #1
;;     bne.n   .L5
;; .L6:
;;     pop     {r4, pc}
;; .L7:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.synth_init  (60 bytes, align 4)
;; synth_init:  global func, 60 bytes
;;     push    {r4, lr}
;;     movw    r4, #:lower16:synth_memory
;;     movt    r4, #:upper16:synth_memory
;;     movs    r0, #2
;;     str     r0, [r4, #-0xc]
;;     movs    r0, #2
;;     str     r0, [r4, #-0x8]
;;     mov.w   r0, #0x20000
;;     str     r0, [r4, #-0x4]
;;     movw    r4, #:lower16:synth_memory1
;;     movt    r4, #:upper16:synth_memory1
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

;; ==== ir:after=lower --tier=opt ====
;; ; function load1, tier opt, after lower
;; function load1(i v0) -> (i)
;;     num_vregs 5
;;     promoted_locals 0
;;     local_vregs (v0)
;; b0:
;;     v1 = symaddr @synth_memory
;;     v2 = symaddr @synth_memory1
;;     v4 = load.w v2, v0 +8 memory 1
;;     v3 = mov v4
;;     jump b1
;; b1:
;;     ret v3
;; ; function both, tier opt, after lower
;; function both(i v0) -> (i)
;;     num_vregs 8
;;     promoted_locals 0
;;     local_vregs (v0)
;;     uses_memory
;; b0:
;;     v1 = symaddr @synth_memory
;;     v2 = symaddr @synth_memory1
;;     v5 = const 0x1FFFC
;;     trapif.gt_u v0, v5 -> out_of_bounds_memory
;;     v4 = load.w v1, v0 unchecked
;;     v6 = load.w v2, v0 memory 1
;;     v7 = add v4, v6
;;     v3 = mov v7
;;     jump b1
;; b1:
;;     ret v3
;; ; function masked, tier opt, after lower
;; function masked(i v0) -> (i)
;;     num_vregs 15
;;     promoted_locals 0
;;     local_vregs (v0)
;;     uses_memory
;; b0:
;;     v1 = symaddr @synth_memory
;;     v2 = symaddr @synth_memory1
;;     v4 = const 65520
;;     v5 = and v0, v4
;;     v6 = load.w v2, v5 memory 1
;;     v7 = const 0x1FFF0
;;     v8 = and v0, v7
;;     v10 = const 0x1FFFC
;;     trapif.gt_u v8, v10 -> out_of_bounds_memory
;;     v9 = load.w v1, v8 unchecked
;;     v11 = and v0, v7
;;     v12 = load.w v2, v11 memory 1
;;     v13 = add v9, v12
;;     v14 = add v6, v13
;;     v3 = mov v14
;;     jump b1
;; b1:
;;     ret v3
;; ; function dominated, tier opt, after lower
;; function dominated(i v0, i v1) -> (i)
;;     num_vregs 10
;;     promoted_locals 0 1
;;     local_vregs (v0) (v1)
;;     uses_memory
;; b0:
;;     v2 = symaddr @synth_memory
;;     v3 = symaddr @synth_memory1
;;     v5 = load.w v3, v0 memory 1
;;     brcmpi.ne v1, 0 -> b3, b4
;; b3:
;;     v7 = load.w v3, v0 memory 1
;;     v6 = mov v7
;;     jump b2
;; b4:
;;     v9 = const 0x1FFFC
;;     trapif.gt_u v0, v9 -> out_of_bounds_memory
;;     v8 = load.w v2, v0 unchecked
;;     v6 = mov v8
;;     jump b2
;; b2:
;;     v4 = mov v6
;;     jump b1
;; b1:
;;     ret v4
;; ; function grow_fill1, tier opt, after lower
;; function grow_fill1(i v0) -> (i)
;;     num_vregs 8
;;     promoted_locals 0
;;     local_vregs (v0)
;;     uses_memory
;; b0:
;;     v1 = symaddr @synth_memory
;;     v2 = symaddr @synth_memory1
;;     v4 = const 16
;;     v5 = const 0
;;     memfill v0, v5, v4 memory 1
;;     v6 = const 1
;;     v7 = memgrow v6 memory 1
;;     v3 = mov v7
;;     jump b1
;; b1:
;;     ret v3

;; An outer counter around inner loops with small bounds (q15corr's frame
;; loop around its window and correlation loops): widening the outer counter
;; stops only at the constants compared with it (ir/loopranges.py _Stops), so
;; it reaches its bound 12 instead of giving up on the inner loops' 2 and 3;
;; then j = 1000 + 512 i is pinned to 1000..6632 and no access keeps a check.
;; test: asm --tier=opt
(module
  (memory 1 1)
  (func (export "outer_around_inner") (result i32)
    (local $i i32) (local $j i32) (local $k i32) (local $s i32)
    (local.set $j (i32.const 1000))
    (loop $l
      (local.set $k (i32.const 0))
      (loop $m
        (local.set $s (i32.add (local.get $s)
          (i32.load16_u (i32.add (local.get $j) (i32.shl (local.get $k) (i32.const 1))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $m (i32.lt_u (local.get $k) (i32.const 3))))
      (local.set $k (i32.const 0))
      (loop $n
        (local.set $s (i32.add (local.get $s)
          (i32.load8_u offset=1 (i32.add (local.get $j) (local.get $k)))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $n (i32.lt_u (local.get $k) (i32.const 2))))
      (local.set $j (i32.add (local.get $j) (i32.const 512)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.ne (local.get $i) (i32.const 12))))
    (local.get $s)))

;; ==== asm --tier=opt ====
;; .text.outer_around_inner  (68 bytes, align 4)
;; outer_around_inner:  global func, 68 bytes
;;     push    {r3, r4, r5, lr}
;;     movs    r0, #0
;;     movs    r1, #0
;;     movw    r2, #:lower16:synth_memory
;;     movt    r2, #:upper16:synth_memory
;;     mov.w   r3, #0x3e8
;; .L0:
;;     movs    r4, #0
;; .L1:
;;     add.w   r5, r3, r4, lsl #1
;;     ldrh    r5, [r2, r5]
;;     add     r1, r5
;;     adds    r4, #1
;;     cmp     r4, #3
;;     blo     .L1
;;     movs    r4, #0
;; .L2:
;;     adds    r5, r3, r4
;;     add.w   lr, r2, r5
;;     ldrb.w  r5, [lr, #1]
;;     add     r1, r5
;;     adds    r4, #1
;;     cmp     r4, #2
;;     blo     .L2
;;     add.w   r3, r3, #0x200
;;     adds    r0, #1
;;     cmp     r0, #0xc
;;     bne.n   .L0
;;     mov     r0, r1
;;     pop     {r3, r4, r5, pc}
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

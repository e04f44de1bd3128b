;; clang's rotated `for (i = 0; i < n; i += 4) s += a[i]` over a length n
;; rounded down to the stride (dot_q15 in q15corr): the loop ends on `i != n`,
;; n is not assigned in it, starts above i's start and is congruent to it, so
;; i meets n exactly and is at most max(n) - 4 on every trip
;; (ir/loopranges.py _ne_exit_pins; n & ~3 keeps the stride: ir/intervals.py).
;; test: asm --tier=opt
(module
  (memory 1 1)
  (func (export "dot") (param $len i32) (result i32)
    (local $i i32) (local $n i32) (local $s i32)
    (local.set $n (i32.and (i32.add (i32.and (local.get $len) (i32.const 1023))
                                    (i32.const 4))
                           (i32.const -4)))
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.mul (i32.load offset=1024 (local.get $i))
                 (i32.load offset=4096 (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br_if $l (i32.ne (local.get $i) (local.get $n))))
    (local.get $s)))

;; ==== asm --tier=opt ====
;; .text.dot  (64 bytes, align 4)
;; dot:  global func, 64 bytes
;;     push    {r3, r4, r5, lr}
;;     movs    r1, #0
;;     movs    r2, #0
;;     movw    r3, #:lower16:synth_memory
;;     movt    r3, #:upper16:synth_memory
;;     movw    ip, #0x3ff
;;     and.w   r0, r0, ip
;;     adds    r0, #4
;;     bic     r0, r0, #3
;; .L0:
;;     add.w   lr, r3, r1
;;     ldr.w   r4, [lr, #0x400]
;;     add.w   lr, r3, r1
;;     mov.w   ip, #0x1000
;;     add     lr, ip
;;     ldr.w   r5, [lr]
;;     mla     r2, r4, r5, r2
;;     adds    r1, #4
;;     cmp     r1, r0
;;     bne.n   .L0
;;     mov     r0, r2
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

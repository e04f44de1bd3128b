;; Live ranges, not whole vregs, compete for registers (arm/regalloc.py,
;; ir/webs.py).  `two_loops`: $i counts the first loop (r1), then, reset, the
;; second: a second web, which takes r0 once $n is dead instead of a register
;; for the whole function.  `around_call`: $n and the counter live across the
;; call in callee-saved registers (r4, r5), the argument moves into r0.
;; `result_in_r0`: the `or` whose operand dies there is computed straight into
;; r0, the register it returns in (no `mov` before `bx lr`).
;; test: asm --tier=opt
(module
  (func $g (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func (export "two_loops") (param $n i32) (result i32)
    (local $i i32) (local $acc i32) (local $sum i32)
    (loop $a
      (local.set $acc (i32.add (local.get $acc) (i32.mul (local.get $i) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $a (i32.lt_u (local.get $i) (local.get $n))))
    (local.set $i (i32.const 0))
    (loop $b
      (local.set $sum (i32.xor (local.get $sum) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $b (i32.lt_u (local.get $i) (i32.const 100))))
    (i32.add (local.get $acc) (local.get $sum)))
  (func (export "around_call") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (call $g (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s))
  (func (export "result_in_r0") (param i32 i32) (result i32)
    (i32.or (i32.shr_s (local.get 1) (i32.const 31)) (local.get 0))))

;; ==== asm --tier=opt ====
;; .text.g  (4 bytes, align 4)
;; g:  local func, 4 bytes
;;     adds    r0, #1
;;     bx      lr
;;
;; .text.two_loops  (32 bytes, align 4)
;; two_loops:  global func, 32 bytes
;;     movs    r1, #0
;;     movs    r2, #0
;;     movs    r3, #0
;; .L0:
;;     mla     r2, r1, r1, r2
;;     adds    r1, #1
;;     cmp     r1, r0
;;     blo     .L0
;;     movs    r0, #0
;; .L1:
;;     eor.w   r3, r3, r0, lsl #3
;;     adds    r0, #1
;;     cmp     r0, #0x64
;;     blo     .L1
;;     adds    r0, r2, r3
;;     bx      lr
;;
;; .text.around_call  (26 bytes, align 4)
;; around_call:  global func, 26 bytes
;;     push    {r4, r5, r6, lr}
;;     mov     r4, r0
;;     movs    r5, #0
;;     movs    r6, #0
;; .L0:
;;     mov     r0, r5
;;     bl      g
;;     add     r6, r0
;;     adds    r5, #1
;;     cmp     r5, r4
;;     blo     .L0
;;     mov     r0, r6
;;     pop     {r4, r5, r6, pc}
;;
;; .text.result_in_r0  (6 bytes, align 4)
;; result_in_r0:  global func, 6 bytes
;;     orr.w   r0, r0, r1, asr #31
;;     bx      lr
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

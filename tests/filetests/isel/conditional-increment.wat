;; A count of matches, `s += (a[i] == c)`: the compare and one add under an IT
;; (`cmp; it eq; addeq r3, #1`), not a 0/1 built with `ite eq; moveq; movne` and
;; added (ir/combine.py conditional_increment, arm/isel_alu.py addcc).  Against a
;; constant (`x != -6145`, strsearch's window test) that is no immediate, the
;; constant is built first; when the sum goes to another register, a mov first.
;; test: asm --tier=opt
(module
  (memory 1 1)
  (func (export "count") (param $p i32) (param $n i32) (param $c i32) (result i32)
    (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.eq (i32.load8_u (local.get $p)) (local.get $c))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $p) (local.get $n))))
    (local.get $s))
  (func (export "not_minus") (param i32 i32) (result i32)
    (i32.add (i32.ne (local.get 0) (i32.const -6145)) (local.get 1)))
  (func (export "into_other") (param i32 i32 i32) (result i32 i32)
    (i32.add (local.get 2) (i32.lt_s (local.get 0) (local.get 1)))
    (local.get 2)))

;; ==== asm --tier=opt ====
;; .text.count  (42 bytes, align 4)
;; count:  global func, 42 bytes
;;     push    {r3, r4, r5, lr}
;;     movs    r3, #0
;;     movw    r4, #:lower16:synth_memory
;;     movt    r4, #:upper16:synth_memory
;; .L0:
;;     cmp.w   r0, #0x10000
;;     bhs.n   .L1
;;     ldrb    r5, [r4, r0]
;;     cmp     r5, r2
;;     it      eq
;;     addeq   r3, #1
;;     adds    r0, #1
;;     cmp     r0, r1
;;     blo     .L0
;;     mov     r0, r3
;;     pop     {r3, r4, r5, pc}
;; .L1:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.not_minus  (14 bytes, align 4)
;; not_minus:  global func, 14 bytes
;;     mvn     r2, #0x1800
;;     cmp     r0, r2
;;     mov     r0, r1
;;     it      ne
;;     addne   r0, #1
;;     bx      lr
;;
;; .text.into_other  (14 bytes, align 4)
;; into_other:  global func, 14 bytes
;;     cmp     r1, r2
;;     mov     r1, r3
;;     it      lt
;;     addlt   r1, #1
;;     str     r1, [r0]
;;     str     r3, [r0, #4]
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

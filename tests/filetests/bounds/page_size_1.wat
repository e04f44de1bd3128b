;; A memory of 1-byte pages (custom-page-sizes) is bounds-checked to the byte: the
;; 100-byte memory's constant limit is 100 - 4 for an i32 load; a masked index
;; (x & 0xff) keeps its check (255 + 1 > 100 bytes; one 64 KiB page would drop
;; it); the loop `i < 100` over load8_u needs no check but `i < 101` keeps one;
;; and an address from memory.size (up to 2^32 - 1 one-byte pages) is checked.
;; test: asm --tier=opt
(module
  (memory 100 (pagesize 1))
  (func (export "load") (param i32) (result i32)
    (i32.load (local.get 0)))
  (func (export "masked") (param i32) (result i32)
    (i32.load8_u (i32.and (local.get 0) (i32.const 0xff))))
  (func (export "sum_100") (result i32) (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load8_u (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 100))))
    (local.get $s))
  (func (export "sum_101") (result i32) (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load8_u (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 101))))
    (local.get $s))
  (func (export "at_size") (result i32)
    (i32.load8_u (memory.size))))

;; ==== asm --tier=opt ====
;; .text.load  (22 bytes, align 4)
;; load:  global func, 22 bytes
;;     movw    r1, #:lower16:synth_memory
;;     movt    r1, #:upper16:synth_memory
;;     cmp     r0, #0x60
;;     bhi.n   .L0
;;     ldr     r0, [r1, r0]
;;     bx      lr
;; .L0:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.masked  (24 bytes, align 4)
;; masked:  global func, 24 bytes
;;     movw    r1, #:lower16:synth_memory
;;     movt    r1, #:upper16:synth_memory
;;     uxtb    r0, r0
;;     cmp     r0, #0x63
;;     bhi.n   .L0
;;     ldrb    r0, [r1, r0]
;;     bx      lr
;; .L0:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.sum_100  (26 bytes, align 4)
;; sum_100:  global func, 26 bytes
;;     movs    r0, #0
;;     movs    r1, #0
;;     movw    r2, #:lower16:synth_memory
;;     movt    r2, #:upper16:synth_memory
;; .L0:
;;     ldrb    r3, [r2, r0]
;;     add     r1, r3
;;     adds    r0, #1
;;     cmp     r0, #0x64
;;     blo     .L0
;;     mov     r0, r1
;;     bx      lr
;;
;; .text.sum_101  (36 bytes, align 4)
;; sum_101:  global func, 36 bytes
;;     movs    r0, #0
;;     movs    r1, #0
;;     movw    r2, #:lower16:synth_memory
;;     movt    r2, #:upper16:synth_memory
;; .L0:
;;     cmp     r0, #0x63
;;     bhi.n   .L1
;;     ldrb    r3, [r2, r0]
;;     add     r1, r3
;;     adds    r0, #1
;;     cmp     r0, #0x65
;;     blo     .L0
;;     mov     r0, r1
;;     bx      lr
;; .L1:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .text.at_size  (26 bytes, align 4)
;; at_size:  global func, 26 bytes
;;     movw    r0, #:lower16:synth_memory
;;     movt    r0, #:upper16:synth_memory
;;     ldr     r1, [r0, #-0x8]
;;     cmp     r1, #0x63
;;     bhi.n   .L0
;;     ldrb    r0, [r0, r1]
;;     bx      lr
;; .L0:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .bss.synth_memory  (116 bytes, align 8)
;; synth_memory:  global object, at +0x10, 100 bytes
;;     .space  116
;;
;; .text.synth_init  (30 bytes, align 4)
;; synth_init:  global func, 30 bytes
;;     push    {r4, lr}
;;     movw    r4, #:lower16:synth_memory
;;     movt    r4, #:upper16:synth_memory
;;     movs    r0, #0x64
;;     str     r0, [r4, #-0xc]
;;     movs    r0, #0x64
;;     str     r0, [r4, #-0x8]
;;     movs    r0, #0x64
;;     str     r0, [r4, #-0x4]
;;     pop     {r4, pc}
;;
;; .text.synth_trap  (4 bytes, align 4)
;; synth_trap:  weak func, 4 bytes
;;     bkpt    #0
;; .L0:
;;     b.n     .L0

;; ARMv6-M has no IT blocks: a select is a compare and a short branch around the move;
;; constants outside 0-255 come from the literal pool (no movw/movt), and only r0-r4
;; hold values (r5 is the assembler's temporary, r6/r7 the handlers' scratch).
;; test: asm --tier=opt --cpu=cortex-m0plus
(module
  (func (export "max") (param i32 i32) (result i32)
    (select (local.get 0) (local.get 1) (i32.gt_s (local.get 0) (local.get 1))))
  (func (export "mix") (param i32) (result i32)
    (i32.xor (i32.add (local.get 0) (i32.const 1000)) (i32.const 0x12345678))))

;; ==== asm --tier=opt --cpu=cortex-m0plus ====
;; .text.max  (8 bytes, align 4)
;; max:  global func, 8 bytes
;;     cmp     r0, r1
;;     bgt.n   .L0
;;     mov     r0, r1
;; .L0:
;;     bx      lr
;;
;; .text.mix  (20 bytes, align 4)
;; mix:  global func, 20 bytes
;;     push    {r5, lr}
;;     .inst.n 0x4d03  @ ldr  r5, [pc, #0xc]
;;     adds    r0, r0, r5
;;     .inst.n 0x4901  @ ldr  r1, [pc, #4]
;;     eors    r0, r1
;;     pop     {r5, pc}
;;     .word   0x12345678
;;     .word   0x000003e8
;;
;; .text.synth_init  (4 bytes, align 4)
;; synth_init:  global func, 4 bytes
;;     push    {r3, r4, r5, r6, r7, lr}
;;     pop     {r3, r4, r5, r6, r7, pc}
;;
;; .text.synth_trap  (4 bytes, align 4)
;; synth_trap:  weak func, 4 bytes
;;     bkpt    #0
;; .L0:
;;     b.n     .L0

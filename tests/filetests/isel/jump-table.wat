;; br_table is a bounds compare (cmp + bhs to the default) and a table branch: tbb with
;; byte offsets when every target is near enough.
;; test: asm --tier=opt
(module
  (func (export "switch") (param i32) (result i32)
    (block $d (block $c (block $b (block $a
      (br_table $a $b $c $d (local.get 0)))
      (return (i32.const 10)))
      (return (i32.const 20)))
      (return (i32.const 30)))
    (i32.const 40)))

;; ==== asm --tier=opt ====
;; .text.switch  (30 bytes, align 4)
;; switch:  global func, 30 bytes
;;     push    {r3, lr}
;;     cmp     r0, #3
;;     bhs.n   .L0
;;     .inst.w 0xe8dff000  @ tbb  [pc, r0]
;;     .byte   0x02
;;     .byte   0x04
;;     .byte   0x06
;;     .byte   0x00
;;     movs    r0, #0xa
;;     pop     {r3, pc}
;;     movs    r0, #0x14
;;     pop     {r3, pc}
;;     movs    r0, #0x1e
;;     pop     {r3, pc}
;; .L0:
;;     movs    r0, #0x28
;;     pop     {r3, pc}
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

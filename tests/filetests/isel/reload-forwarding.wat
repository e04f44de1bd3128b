;; In the baseline tier every value lives in a frame slot; a reload of a slot that
;; the stores just emitted left in a register becomes nothing or a mov: after
;; `add ip, lr` the sum is stored to its slots with no ldr in between, and `mul` gets
;; its second operand by `mov lr, ip`.
;; test: asm --tier=baseline
(module
  (func (export "chain") (param i32 i32) (result i32)
    (local.set 0 (i32.add (local.get 0) (local.get 1)))
    (local.set 1 (local.get 0))
    (i32.mul (local.get 0) (local.get 1))))

;; ==== asm --tier=baseline ====
;; .text.chain  (94 bytes, align 4)
;; chain:  global func, 94 bytes
;;     push    {lr}
;;     sub     sp, #0x34
;;     str     r0, [sp]
;;     str     r1, [sp, #4]
;;     ldr.w   ip, [sp]
;;     str.w   ip, [sp, #0x28]
;;     ldr.w   ip, [sp, #4]
;;     str.w   ip, [sp, #0x2c]
;;     ldr.w   ip, [sp, #0x28]
;;     str.w   ip, [sp, #0xc]
;;     ldr.w   ip, [sp, #0x2c]
;;     str.w   ip, [sp, #0x10]
;;     ldr.w   ip, [sp, #0xc]
;;     ldr.w   lr, [sp, #0x10]
;;     add     ip, lr
;;     str.w   ip, [sp, #0x14]
;;     str.w   ip, [sp, #0x28]
;;     str.w   ip, [sp, #0x18]
;;     str.w   ip, [sp, #0x2c]
;;     str.w   ip, [sp, #0x1c]
;;     str.w   ip, [sp, #0x20]
;;     mov     lr, ip
;;     mul     ip, ip, lr
;;     str.w   ip, [sp, #0x24]
;;     str.w   ip, [sp, #8]
;;     ldr     r0, [sp, #8]
;;     add     sp, #0x34
;;     pop     {pc}
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

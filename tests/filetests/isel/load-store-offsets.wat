;; Memory accesses (unchecked, --bounds=none): without an offset the register-offset
;; form ldr rd, [base, addr]; with one, add base + addr and the immediate offset in
;; the load (ldr [ip, #16]); beyond 4095 the offset is built in a register first.
;; Narrow loads pick their form (ldrb, ldrsh), a store of a narrow value strb/strh.
;; test: asm --tier=opt --bounds=none
(module (memory 1)
  (func (export "reg_offset") (param i32) (result i32)
    (i32.load (local.get 0)))
  (func (export "imm_offset") (param i32) (result i32)
    (i32.load offset=16 (local.get 0)))
  (func (export "far_offset") (param i32) (result i32)
    (i32.load offset=8000 (local.get 0)))
  (func (export "narrow") (param i32) (result i32)
    (i32.add (i32.load8_u (local.get 0)) (i32.load16_s offset=2 (local.get 0))))
  (func (export "store_narrow") (param i32 i32)
    (i32.store8 (local.get 0) (local.get 1))
    (i32.store16 offset=6 (local.get 0) (local.get 1))))

;; ==== asm --tier=opt --bounds=none ====
;; .text.reg_offset  (12 bytes, align 4)
;; reg_offset:  global func, 12 bytes
;;     movw    r1, #:lower16:synth_memory
;;     movt    r1, #:upper16:synth_memory
;;     ldr     r0, [r1, r0]
;;     bx      lr
;;
;; .text.imm_offset  (20 bytes, align 4)
;; imm_offset:  global func, 20 bytes
;;     push    {r3, lr}
;;     movw    r1, #:lower16:synth_memory
;;     movt    r1, #:upper16:synth_memory
;;     add.w   lr, r1, r0
;;     ldr.w   r0, [lr, #0x10]
;;     pop     {r3, pc}
;;
;; .text.far_offset  (26 bytes, align 4)
;; far_offset:  global func, 26 bytes
;;     push    {r3, lr}
;;     movw    r1, #:lower16:synth_memory
;;     movt    r1, #:upper16:synth_memory
;;     add.w   lr, r1, r0
;;     mov.w   ip, #0x1f40
;;     add     lr, ip
;;     ldr.w   r0, [lr]
;;     pop     {r3, pc}
;;
;; .text.narrow  (24 bytes, align 4)
;; narrow:  global func, 24 bytes
;;     push    {r3, lr}
;;     movw    r1, #:lower16:synth_memory
;;     movt    r1, #:upper16:synth_memory
;;     ldrb    r2, [r1, r0]
;;     add.w   lr, r1, r0
;;     ldrsh.w r0, [lr, #2]
;;     add     r0, r2
;;     pop     {r3, pc}
;;
;; .text.store_narrow  (22 bytes, align 4)
;; store_narrow:  global func, 22 bytes
;;     push    {r3, lr}
;;     movw    r2, #:lower16:synth_memory
;;     movt    r2, #:upper16:synth_memory
;;     strb    r1, [r2, r0]
;;     add.w   lr, r2, r0
;;     strh.w  r1, [lr, #6]
;;     pop     {r3, pc}
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

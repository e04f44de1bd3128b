;; A shift by a constant is the immediate form (lsls #3; a count of 32 is 0: no
;; shift); by a register, the count is masked to 5 bits first (and #31, as wasm
;; says); rotl by a register is ror by its negation (rsb + ror).
;; test: asm --tier=opt
(module
  (func (export "shl_imm") (param i32) (result i32)
    (i32.shl (local.get 0) (i32.const 3)))
  (func (export "shr_by_32") (param i32) (result i32)
    (i32.shr_u (local.get 0) (i32.const 32)))
  (func (export "shr_s_reg") (param i32 i32) (result i32)
    (i32.shr_s (local.get 0) (local.get 1)))
  (func (export "rotl_reg") (param i32 i32) (result i32)
    (i32.rotl (local.get 0) (local.get 1))))

;; ==== asm --tier=opt ====
;; .text.shl_imm  (4 bytes, align 4)
;; shl_imm:  global func, 4 bytes
;;     lsls    r0, r0, #3
;;     bx      lr
;;
;; .text.shr_by_32  (2 bytes, align 4)
;; shr_by_32:  global func, 2 bytes
;;     bx      lr
;;
;; .text.shr_s_reg  (10 bytes, align 4)
;; shr_s_reg:  global func, 10 bytes
;;     and     ip, r1, #0x1f
;;     asr.w   r0, r0, ip
;;     bx      lr
;;
;; .text.rotl_reg  (10 bytes, align 4)
;; rotl_reg:  global func, 10 bytes
;;     rsb.w   ip, r1, #0
;;     ror.w   r0, r0, ip
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

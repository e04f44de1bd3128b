;; A shift or rotate by a constant feeding add, sub, and, or or xor folds into the
;; op's shifted-register operand (ir/combine.py shifted_operand): `add.w r0, r0, r1,
;; lsl #2`, `eor.w r0, r0, r1, ror #6`; a sub of a shifted minuend is an `rsb`. SHA-256's
;; sigma is one rotate and two `eor`s with a rotated operand; MD5's step one `add` with a
;; rotated operand. Not folded: a shift by a register (`xor_shr_register`), and a shift
;; whose other use keeps it (`shift_used_twice`: the shift stays, the add still folds it).
;; test: asm --tier=opt
(module
  (func (export "add_lsl") (param i32 i32) (result i32)
    (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 2))))
  (func (export "sub_lsr") (param i32 i32) (result i32)
    (i32.sub (local.get 0) (i32.shr_u (local.get 1) (i32.const 3))))
  (func (export "orr_asr") (param i32 i32) (result i32)
    (i32.or (i32.shr_s (local.get 1) (i32.const 31)) (local.get 0)))
  (func (export "and_lsr") (param i32 i32) (result i32)
    (i32.and (local.get 0) (i32.shr_u (local.get 1) (i32.const 8))))
  (func (export "rsb_lsl") (param i32 i32) (result i32)
    (i32.sub (i32.shl (local.get 1) (i32.const 4)) (local.get 0)))
  (func (export "sha256_sigma1") (param i32) (result i32)
    (i32.xor (i32.xor (i32.rotr (local.get 0) (i32.const 6))
                      (i32.rotr (local.get 0) (i32.const 11)))
             (i32.rotr (local.get 0) (i32.const 25))))
  (func (export "md5_step") (param i32 i32) (result i32)
    (i32.add (local.get 1) (i32.rotl (local.get 0) (i32.const 7))))
  (func (export "xor_shr_register") (param i32 i32) (result i32)
    (i32.xor (local.get 0) (i32.shr_u (local.get 1) (local.get 0))))
  (func (export "shift_used_twice") (param i32 i32) (result i32) (local i32)
    (local.set 2 (i32.shl (local.get 1) (i32.const 3)))
    (i32.mul (local.get 2) (i32.add (local.get 0) (local.get 2)))))

;; ==== asm --tier=opt ====
;; .text.add_lsl  (6 bytes, align 4)
;; add_lsl:  global func, 6 bytes
;;     add.w   r0, r0, r1, lsl #2
;;     bx      lr
;;
;; .text.sub_lsr  (6 bytes, align 4)
;; sub_lsr:  global func, 6 bytes
;;     sub.w   r0, r0, r1, lsr #3
;;     bx      lr
;;
;; .text.orr_asr  (6 bytes, align 4)
;; orr_asr:  global func, 6 bytes
;;     orr.w   r0, r0, r1, asr #31
;;     bx      lr
;;
;; .text.and_lsr  (6 bytes, align 4)
;; and_lsr:  global func, 6 bytes
;;     and.w   r0, r0, r1, lsr #8
;;     bx      lr
;;
;; .text.rsb_lsl  (6 bytes, align 4)
;; rsb_lsl:  global func, 6 bytes
;;     rsb     r0, r0, r1, lsl #4
;;     bx      lr
;;
;; .text.sha256_sigma1  (14 bytes, align 4)
;; sha256_sigma1:  global func, 14 bytes
;;     ror.w   r1, r0, #6
;;     eor.w   r1, r1, r0, ror #11
;;     eor.w   r0, r1, r0, ror #25
;;     bx      lr
;;
;; .text.md5_step  (6 bytes, align 4)
;; md5_step:  global func, 6 bytes
;;     add.w   r0, r1, r0, ror #25
;;     bx      lr
;;
;; .text.xor_shr_register  (12 bytes, align 4)
;; xor_shr_register:  global func, 12 bytes
;;     and     ip, r0, #0x1f
;;     lsr.w   r1, r1, ip
;;     eors    r0, r1
;;     bx      lr
;;
;; .text.shift_used_twice  (10 bytes, align 4)
;; shift_used_twice:  global func, 10 bytes
;;     lsls    r2, r1, #3
;;     add.w   r0, r0, r1, lsl #3
;;     muls    r0, r2, r0
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

;; --opt-level=z: synth_init copies the data segments with a 10-byte byte loop
;; (synth_rt_copybytes, the last byte first) instead of the word-at-a-time copy
;; of -O2 (78 bytes), and loads symbol addresses from its literal pool.
;; test: asm --opt-level=z
;; test: asm --opt-level=2
(module
  (memory 1)
  (data (i32.const 16) "\01\02\03\04\05\06\07\08\09")
  (data (i32.const 100) "synth")
  (func (export "get") (param i32) (result i32)
    (i32.load8_u (local.get 0))))

;; ==== asm --opt-level=z ====
;; .text.get  (24 bytes, align 4)
;; get:  global func, 24 bytes
;;     .inst.n 0x4904  @ ldr  r1, [pc, #0x10]
;;     cmp.w   r0, #0x10000
;;     bhs.n   .L0
;;     ldrb    r0, [r1, r0]
;;     bx      lr
;; .L0:
;;     movs    r0, #5
;;     bl      synth_trap
;;     nop
;;     .word   synth_memory
;;
;; .bss.synth_memory  (65552 bytes, align 8)
;; synth_memory:  global object, at +0x10, 65536 bytes
;;     .space  65552
;;
;; .rodata.synth_data0_bytes  (9 bytes, align 4)
;; synth_data0_bytes:  local object, 9 bytes
;;     .byte   0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09
;;
;; .data.synth_data0  (8 bytes, align 4)
;; synth_data0:  local object, 8 bytes
;;     .byte   0x00, 0x00, 0x00, 0x00
;;     .word   synth_data0_bytes
;;
;; .rodata.synth_data1_bytes  (5 bytes, align 4)
;; synth_data1_bytes:  local object, 5 bytes
;;     .byte   0x73, 0x79, 0x6e, 0x74, 0x68
;;
;; .data.synth_data1  (8 bytes, align 4)
;; synth_data1:  local object, 8 bytes
;;     .byte   0x00, 0x00, 0x00, 0x00
;;     .word   synth_data1_bytes
;;
;; .text.synth_rt_copybytes  (12 bytes, align 4)
;; synth_rt_copybytes:  local func, 12 bytes
;;     b.n     .L1
;; .L0:
;;     ldrb    r3, [r1, r2]
;;     strb    r3, [r0, r2]
;; .L1:
;;     subs    r2, #1
;;     bhs.n   .L0
;;     bx      lr
;;
;; .text.synth_init  (56 bytes, align 4)
;; synth_init:  global func, 56 bytes
;;     push    {r4, lr}
;;     .inst.n 0x4c0c  @ ldr  r4, [pc, #0x30]
;;     movs    r0, #1
;;     str     r0, [r4]
;;     str     r0, [r4, #4]
;;     mov.w   r0, #0x10000
;;     str     r0, [r4, #8]
;;     add.w   r0, r4, #0x1c
;;     .inst.n 0x4906  @ ldr  r1, [pc, #0x18]
;;     movs    r2, #9
;;     bl      synth_rt_copybytes
;;     add.w   r0, r4, #0x70
;;     .inst.n 0x4902  @ ldr  r1, [pc, #8]
;;     movs    r2, #5
;;     bl      synth_rt_copybytes
;;     pop     {r4, pc}
;;     nop
;;     .word   synth_data1_bytes
;;     .word   synth_data0_bytes
;;     .word   synth_memory-12
;;
;; .text.synth_trap  (4 bytes, align 4)
;; synth_trap:  weak func, 4 bytes
;;     bkpt    #0
;; .L0:
;;     b.n     .L0

;; ==== asm --opt-level=2 ====
;; .text.get  (24 bytes, align 4)
;; get:  global func, 24 bytes
;;     movw    r1, #:lower16:synth_memory
;;     movt    r1, #:upper16:synth_memory
;;     cmp.w   r0, #0x10000
;;     bhs.n   .L0
;;     ldrb    r0, [r1, r0]
;;     bx      lr
;; .L0:
;;     movs    r0, #5
;;     bl      synth_trap
;;
;; .bss.synth_memory  (65552 bytes, align 8)
;; synth_memory:  global object, at +0x10, 65536 bytes
;;     .space  65552
;;
;; .rodata.synth_data0_bytes  (9 bytes, align 4)
;; synth_data0_bytes:  local object, 9 bytes
;;     .byte   0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09
;;
;; .data.synth_data0  (8 bytes, align 4)
;; synth_data0:  local object, 8 bytes
;;     .byte   0x00, 0x00, 0x00, 0x00
;;     .word   synth_data0_bytes
;;
;; .rodata.synth_data1_bytes  (5 bytes, align 4)
;; synth_data1_bytes:  local object, 5 bytes
;;     .byte   0x73, 0x79, 0x6e, 0x74, 0x68
;;
;; .data.synth_data1  (8 bytes, align 4)
;; synth_data1:  local object, 8 bytes
;;     .byte   0x00, 0x00, 0x00, 0x00
;;     .word   synth_data1_bytes
;;
;; .text.synth_rt_copybytes  (78 bytes, align 4)
;; synth_rt_copybytes:  local func, 78 bytes
;;     cmp     r2, #8
;;     blo     .L4
;;     eor.w   ip, r0, r1
;;     tst.w   ip, #3
;;     bne.n   .L4
;; .L0:
;;     tst.w   r0, #3
;;     beq.n   .L1
;;     ldrb.w  ip, [r1]
;;     adds    r1, #1
;;     strb.w  ip, [r0]
;;     adds    r0, #1
;;     subs    r2, #1
;;     b.n     .L0
;; .L1:
;;     subs    r2, #4
;;     blo     .L3
;; .L2:
;;     ldr.w   ip, [r1]
;;     adds    r1, #4
;;     str.w   ip, [r0]
;;     adds    r0, #4
;;     subs    r2, #4
;;     bhs.n   .L2
;; .L3:
;;     adds    r2, #4
;; .L4:
;;     cbz     r2, .L6
;; .L5:
;;     ldrb.w  ip, [r1]
;;     adds    r1, #1
;;     strb.w  ip, [r0]
;;     adds    r0, #1
;;     subs    r2, #1
;;     bne.n   .L5
;; .L6:
;;     bx      lr
;;
;; .text.synth_init  (84 bytes, align 4)
;; synth_init:  global func, 84 bytes
;;     push    {r4, lr}
;;     movw    r4, #:lower16:synth_memory
;;     movt    r4, #:upper16:synth_memory
;;     movs    r0, #1
;;     str     r0, [r4, #-0xc]
;;     movs    r0, #1
;;     str     r0, [r4, #-0x8]
;;     mov.w   r0, #0x10000
;;     str     r0, [r4, #-0x4]
;;     movw    r4, #:lower16:synth_memory
;;     movt    r4, #:upper16:synth_memory
;;     movs    r0, #0x10
;;     add     r0, r4
;;     movw    r1, #:lower16:synth_data0_bytes
;;     movt    r1, #:upper16:synth_data0_bytes
;;     movs    r2, #9
;;     bl      synth_rt_copybytes
;;     movw    r4, #:lower16:synth_memory
;;     movt    r4, #:upper16:synth_memory
;;     movs    r0, #0x64
;;     add     r0, r4
;;     movw    r1, #:lower16:synth_data1_bytes
;;     movt    r1, #:upper16:synth_data1_bytes
;;     movs    r2, #5
;;     bl      synth_rt_copybytes
;;     pop     {r4, pc}
;;
;; .text.synth_trap  (4 bytes, align 4)
;; synth_trap:  weak func, 4 bytes
;;     bkpt    #0
;; .L0:
;;     b.n     .L0

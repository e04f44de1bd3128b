;; Bounds checks at the edge of a fixed-size memory (3 pages: 0x30000 bytes).
;; The limits 0x30000 - end are no Thumb immediates: compared with a register;
;; a one-byte access compares with 0x30000 itself.  A later access through the
;; same unchanged address with an end no further is not checked again.
(module
  (memory 3 3)
  (func (export "ld8") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "ld16") (param i32) (result i32) (i32.load16_u offset=1 (local.get 0)))
  (func (export "ld32") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "ld64") (param i32) (result i64) (i64.load offset=8 (local.get 0)))
  (func (export "st32") (param i32 i32) (i32.store offset=4 (local.get 0) (local.get 1)))
  ;; wide access first, then narrower ones through the same address: one check
  (func (export "wide_then_narrow") (param i32) (result i32)
    (drop (i64.load (local.get 0)))
    (i32.add (i32.load offset=4 (local.get 0)) (i32.load8_u offset=7 (local.get 0))))
  ;; narrow first, then wider: the wider access must still be checked
  (func (export "narrow_then_wide") (param i32) (result i32)
    (i32.store8 (local.get 0) (i32.const 9))
    (i32.load offset=1 (local.get 0)))
  ;; the address local changes between two accesses: checked again
  (func (export "changed") (param i32 i32) (result i32)
    (drop (i32.load (local.get 0)))
    (local.set 0 (local.get 1))
    (i32.load (local.get 0)))
  ;; a check in one block does not cover another block
  (func (export "blocks") (param i32 i32) (result i32)
    (drop (i32.load (local.get 0)))
    (if (local.get 1) (then (local.set 0 (i32.add (local.get 0) (i32.const 0x100)))))
    (i32.load (local.get 0)))
  (func (export "peek8") (param i32) (result i32) (i32.load8_u (local.get 0)))
  ;; across blocks: a loop walks the address to the end; inside, an `if` reads
  ;; through the same address (covered by the check above it) and further on
  ;; (not covered); the walk must trap exactly at the end
  (func (export "walk") (param i32 i32) (result i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load8_u (local.get 0))))
      (if (local.get 1)
        (then (local.set $s (i32.add (local.get $s)
                (i32.add (i32.load8_u (local.get 0)) (i32.load16_u offset=2 (local.get 0)))))))
      (local.set 0 (i32.add (local.get 0) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get 0) (i32.const 0x30000))))
    (local.get $s))
  ;; a temporary address (one definition) checked, then used in both arms
  (func (export "arms") (param i32 i32) (result i32) (local $t i32)
    (local.set $t (i32.load offset=8 (i32.add (local.get 0) (i32.const 4))))
    (if (result i32) (local.get 1)
      (then (i32.add (local.get $t) (i32.load offset=8 (i32.add (local.get 0) (i32.const 4)))))
      (else (i32.load offset=12 (i32.add (local.get 0) (i32.const 4))))))
)
(assert_return (invoke "ld8" (i32.const 0x2ffff)) (i32.const 0))
(assert_trap (invoke "ld8" (i32.const 0x30000)) "out of bounds memory access")
(assert_trap (invoke "ld8" (i32.const -1)) "out of bounds memory access")
(assert_return (invoke "ld16" (i32.const 0x2fffd)) (i32.const 0))
(assert_trap (invoke "ld16" (i32.const 0x2fffe)) "out of bounds memory access")
(assert_return (invoke "ld32" (i32.const 0x2fffc)) (i32.const 0))
(assert_trap (invoke "ld32" (i32.const 0x2fffd)) "out of bounds memory access")
(assert_trap (invoke "ld32" (i32.const -4)) "out of bounds memory access")
(assert_return (invoke "ld64" (i32.const 0x2fff0)) (i64.const 0))
(assert_trap (invoke "ld64" (i32.const 0x2fff1)) "out of bounds memory access")
(assert_return (invoke "st32" (i32.const 0x2fff8) (i32.const 7)))
(assert_trap (invoke "st32" (i32.const 0x2fff9) (i32.const 7)) "out of bounds memory access")
(assert_return (invoke "wide_then_narrow" (i32.const 0x2fff8)) (i32.const 7))
(assert_trap (invoke "wide_then_narrow" (i32.const 0x2fff9)) "out of bounds memory access")
(assert_return (invoke "narrow_then_wide" (i32.const 0x2fffb)) (i32.const 7))
(assert_trap (invoke "narrow_then_wide" (i32.const 0x2fffc)) "out of bounds memory access")
;; the byte store happened before the wider load trapped
(assert_return (invoke "peek8" (i32.const 0x2fffc)) (i32.const 9))
(assert_return (invoke "changed" (i32.const 0) (i32.const 0x2fffc)) (i32.const 9))
(assert_trap (invoke "changed" (i32.const 0) (i32.const 0x2fffd)) "out of bounds memory access")
(assert_return (invoke "blocks" (i32.const 0x2fefc) (i32.const 1)) (i32.const 9))
(assert_trap (invoke "blocks" (i32.const 0x2fffc) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "blocks" (i32.const 0x2fffc) (i32.const 0)) (i32.const 9))

(assert_return (invoke "walk" (i32.const 0x2fff0) (i32.const 0)) (i32.const 18))
(assert_trap (invoke "walk" (i32.const 0x2fff0) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "arms" (i32.const 0x2fff0) (i32.const 1)) (i32.const 18))
(assert_trap (invoke "arms" (i32.const 0x2fff0) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "arms" (i32.const 0x2ffec) (i32.const 0)) (i32.const 9))
(assert_trap (invoke "arms" (i32.const 0x2fff1) (i32.const 1)) "out of bounds memory access")

;; an exported memory without a maximum, grown by its importer: synth wast
;; reserves room for it (with the compile's default reservation, its initial
;; size, it would be fixed and its bounds constants: tests/test_bounds_ranges.py),
;; so the exporter's checks must see the size the importer gave it
(module $exp
  (memory (export "mem") 1)
  (func (export "ld") (param i32) (result i32) (i32.load (local.get 0))))
(register "exp" $exp)
(assert_trap (invoke $exp "ld" (i32.const 65533)) "out of bounds memory access")
(module
  (import "exp" "mem" (memory 1))
  (func (export "grow") (result i32) (memory.grow (i32.const 1)))
  (func (export "size") (result i32) (memory.size)))
(assert_return (invoke "grow") (i32.const 1))
(assert_return (invoke "size") (i32.const 2))
(assert_return (invoke $exp "ld" (i32.const 65532)) (i32.const 0))
(assert_return (invoke $exp "ld" (i32.const 131068)) (i32.const 0))
(assert_trap (invoke $exp "ld" (i32.const 131069)) "out of bounds memory access")

;; wasm 3.0 extended constant expressions (constexpr.py): i32/i64 add, sub and
;; mul, and global.get of immutable globals, module-defined ones included.
;; Folded at compile time, or computed by synth_init when they read an import.

;; folded: wrap-around, a chain of module-defined globals, data and elem offsets
(module
  (memory (export "mem") 1)
  (table 8 funcref)
  (global $a i32 (i32.const 0x7fffffff))
  (global $b i32 (i32.add (global.get $a) (i32.const 2)))                ;; wraps
  (global $c i32 (i32.mul (i32.sub (global.get $b) (i32.const 1)) (i32.const 3)))
  (global $d i64 (i64.mul (i64.const 0x1_0000_0003) (i64.const 0x2_0000_0005)))   ;; wraps
  (global $e i64 (i64.sub (i64.const 0) (global.get $d)))
  (global $off i32 (i32.mul (i32.const 16) (i32.const 4)))
  (data (i32.add (global.get $off) (i32.const 3)) "\2a")
  (func $nine (result i32) (i32.const 9))
  (elem (i32.sub (i32.const 7) (i32.const 2)) $nine)
  (func (export "b") (result i32) (global.get $b))
  (func (export "c") (result i32) (global.get $c))
  (func (export "d") (result i64) (global.get $d))
  (func (export "e") (result i64) (global.get $e))
  (func (export "byte") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "call5") (result i32) (call_indirect (result i32) (i32.const 5))))
(assert_return (invoke "b") (i32.const 0x80000001))
(assert_return (invoke "c") (i32.const 0x80000000))
(assert_return (invoke "d") (i64.const 0x0000_000b_0000_000f))
(assert_return (invoke "e") (i64.const 0xffff_fff4_ffff_fff1))
(assert_return (invoke "byte" (i32.const 67)) (i32.const 42))
(assert_return (invoke "call5") (i32.const 9))

;; at run time: the same forms reading imported globals (spectest: 666)
(module
  (import "spectest" "global_i32" (global $g i32))
  (import "spectest" "global_i64" (global $g64 i64))
  (memory 1)
  (table 1000 funcref)
  (global $x i32 (i32.add (i32.mul (global.get $g) (i32.const 3)) (i32.const 1)))
  (global $y i64 (i64.mul (global.get $g64) (i64.const 0x1_0000_0001)))
  (global $z i64 (i64.sub (global.get $y) (i64.const 0x2_0000_0000)))
  (global $w i32 (i32.sub (global.get $x) (global.get $g)))      ;; reads a run-time global
  (data (i32.add (global.get $g) (i32.const 10)) "\07\08")
  (func $eleven (result i32) (i32.const 11))
  (elem (i32.sub (global.get $g) (i32.const 6)) $eleven)
  (func (export "x") (result i32) (global.get $x))
  (func (export "y") (result i64) (global.get $y))
  (func (export "z") (result i64) (global.get $z))
  (func (export "w") (result i32) (global.get $w))
  (func (export "half") (param i32) (result i32) (i32.load16_u (local.get 0)))
  (func (export "call") (param i32) (result i32) (call_indirect (result i32) (local.get 0))))
(assert_return (invoke "x") (i32.const 1999))
(assert_return (invoke "y") (i64.const 0x0000_029a_0000_029a))
(assert_return (invoke "z") (i64.const 0x0000_0298_0000_029a))
(assert_return (invoke "w") (i32.const 1333))
(assert_return (invoke "half" (i32.const 676)) (i32.const 0x0807))
(assert_return (invoke "call" (i32.const 660)) (i32.const 11))

;; an offset computed at run time past the end still traps at instantiation
(assert_trap
  (module (import "spectest" "global_i32" (global $g i32)) (memory 1)
    (data (i32.mul (global.get $g) (i32.const 100)) "\01"))
  "out of bounds memory access")

;; what stays invalid
(assert_invalid
  (module (global $a i32 (global.get $b)) (global $b i32 (i32.const 1)))
  "unknown global")
(assert_invalid
  (module (global $m (mut i32) (i32.const 1)) (global i32 (global.get $m)))
  "constant expression required")
(assert_invalid
  (module (global i32 (i32.add (i64.const 1) (i64.const 2))))
  "type mismatch")
(assert_invalid
  (module (global i32 (i32.add (i32.const 1))))
  "type mismatch")
(assert_invalid
  (module (global i32 (i32.div_u (i32.const 1) (i32.const 1))))
  "constant expression required")

;; Tables with an initialiser expression (WebAssembly 3.0): every entry up to
;; the minimum starts as the expression's value; element segments write over it.

(module $M
  (func $seven (result i32) (i32.const 7))
  (global (export "g") funcref (ref.func $seven))
  (global (export "null") funcref (ref.null func))
)
(register "M" $M)

(module
  (type $t (func (result i32)))
  (global $g (import "M" "g") funcref)
  (global $n (import "M" "null") funcref)
  (table $a 4 8 funcref (global.get $g))          ;; read at instantiation
  (table $b 3 (ref null func) (ref.func $nine))   ;; the long spelling of funcref
  (table $c 2 funcref (ref.null func))
  (table $d 200 funcref (ref.func $nine))         ;; large: one value everywhere
  (table $e 2 funcref (global.get $n))
  (elem (table $a) (i32.const 1) func $eleven)
  (elem (table $b) (i32.const 2) func $eleven)
  (func $nine (result i32) (i32.const 9))
  (func $eleven (result i32) (i32.const 11))
  (func (export "a") (param i32) (result i32) (call_indirect $a (type $t) (local.get 0)))
  (func (export "b") (param i32) (result i32) (call_indirect $b (type $t) (local.get 0)))
  (func (export "c") (param i32) (result i32) (call_indirect $c (type $t) (local.get 0)))
  (func (export "d") (param i32) (result i32) (call_indirect $d (type $t) (local.get 0)))
  (func (export "e-null") (param i32) (result i32) (ref.is_null (table.get $e (local.get 0))))
  (func (export "grow-a") (result i32) (table.grow $a (ref.null func) (i32.const 2)))
  (func (export "a-null") (param i32) (result i32) (ref.is_null (table.get $a (local.get 0))))
)

(assert_return (invoke "a" (i32.const 0)) (i32.const 7))
(assert_return (invoke "a" (i32.const 1)) (i32.const 11))
(assert_return (invoke "a" (i32.const 3)) (i32.const 7))
(assert_trap (invoke "a" (i32.const 4)) "undefined element")
(assert_return (invoke "b" (i32.const 0)) (i32.const 9))
(assert_return (invoke "b" (i32.const 2)) (i32.const 11))
(assert_trap (invoke "c" (i32.const 0)) "uninitialized element")
(assert_return (invoke "d" (i32.const 0)) (i32.const 9))
(assert_return (invoke "d" (i32.const 199)) (i32.const 9))
(assert_trap (invoke "d" (i32.const 200)) "undefined element")
(assert_return (invoke "e-null" (i32.const 1)) (i32.const 1))
;; grown entries take the value table.grow gives, not the initialiser
(assert_return (invoke "grow-a") (i32.const 4))
(assert_return (invoke "a-null" (i32.const 4)) (i32.const 1))
(assert_return (invoke "a" (i32.const 3)) (i32.const 7))

(assert_invalid
  (module (table 1 funcref (i32.const 0)))
  "type mismatch")
(assert_invalid
  (module (global $g (mut funcref) (ref.null func)) (table 1 funcref (global.get $g)))
  "unknown global")
(assert_invalid
  (module (global (import "M" "g") (mut funcref)) (table 1 funcref (global.get 0)))
  "constant expression required")

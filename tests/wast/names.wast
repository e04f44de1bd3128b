;; Export names that are not C identifiers, and names that collide once made
;; into one (each still gets its own symbol: docs/abi.md "Calling exports").
(module
  (func (export "a-b") (result i32) (i32.const 1))
  (func (export "a_b") (result i32) (i32.const 2))
  (func (export "a.b") (result i32) (i32.const 3))
  (func (export "0") (result i32) (i32.const 4))
  (func (export "") (result i32) (i32.const 5))
  (func (export "‮txt") (result i32) (i32.const 6))   ;; U+202E in the name
  (func (export "π") (result i32) (i32.const 7))
  (global (export "a+b") i32 (i32.const 8)))
(assert_return (invoke "a-b") (i32.const 1))
(assert_return (invoke "a_b") (i32.const 2))
(assert_return (invoke "a.b") (i32.const 3))
(assert_return (invoke "0") (i32.const 4))
(assert_return (invoke "") (i32.const 5))
(assert_return (invoke "‮txt") (i32.const 6))
(assert_return (invoke "π") (i32.const 7))
(assert_return (get "a+b") (i32.const 8))

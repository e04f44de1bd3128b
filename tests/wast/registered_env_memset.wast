;; A script's own "env" module defines memset: a module importing env.memset
;; gets that definition, not the object's built-in one (docs/abi.md).
(module $A
  (func (export "memset") (param i32 i32 i32) (result i32) (i32.const 42)))
(register "env" $A)
(module $B
  (import "env" "memset" (func $memset (param i32 i32 i32) (result i32)))
  (memory 1)
  (func (export "call") (result i32) (call $memset (i32.const 0) (i32.const 1) (i32.const 2))))
(assert_return (invoke $B "call") (i32.const 42))

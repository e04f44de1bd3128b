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

;; Names that spell synth's own symbols (synth_init, synth_memory, the funcref
;; descriptors synth_ref<N>, the table objects synth_table<N>): the export or
;; the function gets another symbol, the module still compiles and links.
(module
  (memory 1)
  (table 2 funcref)
  (func $synth_ref1 (result i32) (i32.const 5))
  (func $synth_table0 (result i32) (i32.const 6))
  (func (export "synth_init") (result i32) (i32.const 1))
  (func (export "synth_memory") (result i32) (i32.const 2))
  (func (export "synth_globals") (result i32) (i32.const 3))
  (func (export "call") (param i32) (result i32) (call_indirect (result i32) (local.get 0)))
  (elem (i32.const 0) $synth_ref1 $synth_table0))
(assert_return (invoke "synth_init") (i32.const 1))
(assert_return (invoke "synth_memory") (i32.const 2))
(assert_return (invoke "synth_globals") (i32.const 3))
(assert_return (invoke "call" (i32.const 0)) (i32.const 5))
(assert_return (invoke "call" (i32.const 1)) (i32.const 6))

;; Memories of 1-byte pages (custom-page-sizes) shared between modules: the
;; importer grows the exporter's memory by single bytes, both see the new size
;; and bound, a page size that differs is unlinkable, and a data segment may
;; end exactly at the end.
(module $m
  (memory (export "mem") 10 20 (pagesize 1))
  (data (i32.const 9) "a")
  (func (export "size") (result i32) (memory.size))
  (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0))))
(register "m" $m)

(module $i
  (memory (import "m" "mem") 10 (pagesize 1))
  (data (i32.const 8) "zz")
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  (func (export "store16") (param i32 i32) (i32.store16 (local.get 0) (local.get 1))))

(assert_return (invoke $m "load" (i32.const 9)) (i32.const 0x7a))
(assert_trap (invoke $m "load" (i32.const 10)) "out of bounds memory access")
(assert_return (invoke $i "grow" (i32.const 1)) (i32.const 10))
(assert_return (invoke $m "size") (i32.const 11))
(assert_return (invoke $i "store16" (i32.const 9) (i32.const 0x0807)))
(assert_return (invoke $m "load" (i32.const 10)) (i32.const 8))
(assert_trap (invoke $i "store16" (i32.const 10) (i32.const 1)) "out of bounds memory access")
(assert_trap (invoke $m "load" (i32.const 11)) "out of bounds memory access")
(assert_return (invoke $i "grow" (i32.const 10)) (i32.const -1))
(assert_return (invoke $i "grow" (i32.const 9)) (i32.const 11))
(assert_return (invoke $i "size") (i32.const 20))
(assert_return (invoke $m "load" (i32.const 19)) (i32.const 0))
(assert_trap (invoke $m "load" (i32.const 20)) "out of bounds memory access")
(assert_return (invoke $i "grow" (i32.const 1)) (i32.const -1))

(assert_unlinkable
  (module (memory (import "m" "mem") 10))
  "incompatible import type")
(assert_unlinkable
  (module (memory (import "m" "mem") 21 (pagesize 1)))
  "incompatible import type")

(module (memory 5 (pagesize 1)) (data (i32.const 1) "1234"))
(assert_trap
  (module (memory 5 (pagesize 1)) (data (i32.const 2) "1234"))
  "out of bounds memory access")

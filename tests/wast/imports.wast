;; Imported and exported globals, memories and tables (one static image:
;; each import is the exporter's symbol; docs/abi.md "Imports").
(module (import "spectest" "global_i32" (global i32))
  (import "spectest" "global_i64" (global $g64 i64))
  (import "spectest" "global_f64" (global $gf f64))
  (func (export "g") (result i32) (global.get 0))
  (func (export "g64") (result i64) (global.get $g64))
  (func (export "gf") (result f64) (global.get $gf)))
(assert_return (invoke "g") (i32.const 666))
(assert_return (invoke "g64") (i64.const 666))
(assert_return (invoke "gf") (f64.const 666.6))

;; a mutable global shared by two modules, initialisers reading an import
(module $owner
  (global $c (export "counter") (mut i32) (i32.const 10))
  (global $k (export "k") i64 (i64.const 0x1_0000_0002))
  (memory (export "mem") 1 3)
  (table (export "tab") 2 4 funcref)
  (func $seven (export "seven") (result i32) (i32.const 7))
  (elem (i32.const 0) $seven)
  (func (export "bump") (result i32)
    (global.set $c (i32.add (global.get $c) (i32.const 1))) (global.get $c))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "pages") (result i32) (memory.size))
  (func (export "tsize") (result i32) (table.size 0)))
(register "owner" $owner)

(module $user
  (import "owner" "counter" (global $c (mut i32)))
  (import "owner" "k" (global $k i64))
  (import "owner" "mem" (memory 1))
  (import "owner" "tab" (table 2 funcref))
  (type $v (func (result i32)))
  (global $copy i64 (global.get $k))
  (data (i32.const 16) "\2a\00\00\00")
  (func $nine (result i32) (i32.const 9))
  (elem (i32.const 1) $nine)
  (func (export "add") (param i32) (result i32)
    (global.set $c (i32.add (global.get $c) (local.get 0))) (global.get $c))
  (func (export "copy") (result i64) (global.get $copy))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "peek") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "call") (param i32) (result i32) (call_indirect (type $v) (local.get 0)))
  (func (export "tgrow") (param i32) (result i32) (table.grow (ref.null func) (local.get 0))))

(assert_return (invoke $owner "bump") (i32.const 11))
(assert_return (invoke $user "add" (i32.const 5)) (i32.const 16))
(assert_return (invoke $owner "bump") (i32.const 17))
(assert_return (get $owner "counter") (i32.const 17))
(assert_return (invoke $user "copy") (i64.const 0x1_0000_0002))
;; the importer's data segment landed in the shared memory
(assert_return (invoke $owner "load" (i32.const 16)) (i32.const 42))
(assert_return (invoke $user "store" (i32.const 100) (i32.const 1234)))
(assert_return (invoke $owner "load" (i32.const 100)) (i32.const 1234))
;; growth by the importer is seen by the owner, up to the owner's maximum of 3
(assert_return (invoke $user "grow" (i32.const 1)) (i32.const 1))
(assert_return (invoke $owner "pages") (i32.const 2))
(assert_return (invoke $user "store" (i32.const 70000) (i32.const 5)))
(assert_return (invoke $owner "load" (i32.const 70000)) (i32.const 5))
(assert_return (invoke $user "grow" (i32.const 2)) (i32.const -1))
(assert_trap (invoke $user "peek" (i32.const 131072)) "out of bounds memory access")
;; the shared table: the owner's function and the user's element
(assert_return (invoke $user "call" (i32.const 0)) (i32.const 7))
(assert_return (invoke $user "call" (i32.const 1)) (i32.const 9))
(assert_return (invoke $user "tgrow" (i32.const 2)) (i32.const 2))
(assert_return (invoke $owner "tsize") (i32.const 4))
(assert_return (invoke $user "tgrow" (i32.const 1)) (i32.const -1))
(assert_trap (invoke $user "call" (i32.const 2)) "uninitialized element")

;; import types are checked against the exporter's current state
(assert_unlinkable
  (module (import "owner" "counter" (global i32)))
  "incompatible import type")
(assert_unlinkable
  (module (import "owner" "mem" (memory 3)))
  "incompatible import type")
(assert_unlinkable
  (module (import "owner" "tab" (table 1 3 funcref)))
  "incompatible import type")
(assert_unlinkable
  (module (import "owner" "nothing" (global i32)))
  "unknown import")

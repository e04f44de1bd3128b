;; Imports: the spectest host module, registered modules, shared state.
(module $host
  (import "spectest" "print_i32" (func $print (param i32)))
  (import "spectest" "print" (func $print0))
  (memory 1)
  (func (export "twice") (param i32) (result i32)
    (call $print (local.get 0))
    (call $print0)
    (i32.mul (local.get 0) (i32.const 2)))
  (func (export "put") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "peek") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "wide") (param i64 i32 i64) (result i64)
    (i64.add (local.get 0) (i64.add (i64.extend_i32_u (local.get 1)) (local.get 2))))
  (func (export "fail") (param i32) (result i32)
    (i32.div_u (i32.const 1) (local.get 0)))
)
(register "host" $host)
(invoke $host "put" (i32.const 8) (i32.const 11))

(module $user
  (import "host" "twice" (func $twice (param i32) (result i32)))
  (import "host" "put" (func $put (param i32 i32)))
  (import "host" "wide" (func $wide (param i64 i32 i64) (result i64)))
  (import "host" "fail" (func $fail (param i32) (result i32)))
  (func (export "quad") (param i32) (result i32)
    (call $twice (call $twice (local.get 0))))
  (func (export "store") (param i32 i32) (call $put (local.get 0) (local.get 1)))
  (func (export "wide3") (result i64)
    (call $wide (i64.const 0x100000000) (i32.const 1) (i64.const 0x200000000)))
  (func (export "fail") (param i32) (result i32) (call $fail (local.get 0)))
  (export "twice-again" (func $twice))
)
(assert_return (invoke $user "quad" (i32.const 5)) (i32.const 20))
(assert_return (invoke "twice-again" (i32.const 4)) (i32.const 8))
(assert_return (invoke $user "wide3") (i64.const 0x300000001))
(assert_return (invoke $user "fail" (i32.const 1)) (i32.const 1))
(assert_trap (invoke $user "fail" (i32.const 0)) "integer divide by zero")
;; the exporting instance's state is shared with the importer
(assert_return (invoke $host "peek" (i32.const 8)) (i32.const 11))
(invoke $user "store" (i32.const 4) (i32.const 99))
(assert_return (invoke $host "peek" (i32.const 4)) (i32.const 99))

;; a chain: re-exported import, registered again
(register "user" $user)
(module
  (import "user" "twice-again" (func $t (param i32) (result i32)))
  (func (export "t3") (result i32) (call $t (i32.const 3))))
(assert_return (invoke "t3") (i32.const 6))

(assert_unlinkable
  (module (import "host" "twice" (func (param i64) (result i32))))
  "incompatible import type")
(assert_unlinkable
  (module (import "host" "missing" (func)))
  "unknown import")

;; module definitions and instances
(module definition $D (func (export "k") (result i32) (i32.const 17)))
(module instance $I $D)
(assert_return (invoke $I "k") (i32.const 17))

;; imported globals are rejected by the compiler: skipped with its reason
(module (import "spectest" "global_i32" (global i32))
  (func (export "g") (result i32) (global.get 0)))
(assert_return (invoke "g") (i32.const 666))

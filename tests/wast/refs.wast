;; Reference-typed locals, ref.null and ref.is_null (tables: tables.wast).
(module
  (func (export "null_locals") (result i32) (local funcref externref)
    (i32.add (ref.is_null (local.get 0)) (ref.is_null (local.get 1))))
  (func (export "pick") (param i32) (result i32) (local funcref)
    (ref.is_null (select (result funcref) (ref.null func) (local.get 1) (local.get 0))))
)
(assert_return (invoke "null_locals") (i32.const 2))
(assert_return (invoke "pick" (i32.const 0)) (i32.const 1))
(assert_return (invoke "pick" (i32.const 1)) (i32.const 1))

;; Module forms and rejected modules.
(module binary
  "\00asm" "\01\00\00\00"
  "\01\05\01\60\00\01\7f"          ;; type section: [] -> [i32]
  "\03\02\01\00"                   ;; function section
  "\07\05\01\01f\00\00"            ;; export "f"
  "\0a\06\01\04\00\41\2a\0b"       ;; code: i32.const 42
)
(assert_return (invoke "f") (i32.const 42))

(module quote "(func (export \"g\") (result i64)" " (i64.const -1))")
(assert_return (invoke "g") (i64.const 0xffffffffffffffff))

(module $named (@custom "note" "x") (func (export "h") (result i32) (i32.const 7)))
(assert_return (invoke $named "h") (i32.const 7))
(assert_return (invoke "h") (i32.const 7))

(assert_invalid
  (module (func (result i32) (i64.const 0)))
  "type mismatch")
(assert_invalid
  (module (func (local.get 0) (drop)))
  "unknown local")
(assert_invalid
  (module binary
    "\00asm" "\01\00\00\00"
    "\01\05\01\60\00\01\7f"        ;; [] -> [i32]
    "\03\02\01\00"
    "\0a\04\01\02\00\0b")          ;; empty body: missing result
  "type mismatch")
(assert_malformed (module quote "(func (i32.const 0x))") "unknown operator")
(assert_malformed (module quote "(func $f (result i32) (i32.const 1)") "unexpected end")
(assert_malformed (module binary "\00asm" "\02\00\00\00") "unknown binary version")
(assert_malformed (module binary "\00asx" "\01\00\00\00") "magic header not detected")
(assert_malformed (module binary "\00asm\01\00\00\00" "\01\05\01\60\00\01") "unexpected end")

(assert_unlinkable
  (module (import "nowhere" "f" (func)))
  "unknown import")
(assert_unlinkable
  (module (import "spectest" "print_i32" (func (param i64))))
  "incompatible import type")

;; thread-jumps on the IR lowering makes of a wasm `if` inside a `block`: the end of
;; each arm is an empty block that only jumps on; after the pass the arms branch
;; straight to the join (compare the two outputs). The same pass in .ir form, with a
;; case where it must not fire: thread-jumps.ir.
;; test: ir:after=lower --tier=opt
;; test: ir:after=thread-jumps --tier=opt
(module
  (func (export "pick") (param i32 i32) (result i32)
    (block $done
      (if (local.get 0)
        (then (local.set 1 (i32.add (local.get 1) (i32.const 1))))
        (else (br $done))))
    (local.get 1)))

;; ==== ir:after=lower --tier=opt ====
;; ; function pick, tier opt, after lower
;; function pick(i v0, i v1) -> (i)
;;     num_vregs 4
;;     promoted_locals 0 1
;;     local_vregs (v0) (v1)
;; b0:
;;     brcmpi.ne v0, 0 -> b4, b5
;; b4:
;;     v1 = addi v1, 1
;;     jump b3
;; b5:
;;     jump b2
;; b3:
;;     jump b2
;; b2:
;;     v2 = mov v1
;;     jump b1
;; b1:
;;     ret v2

;; ==== ir:after=thread-jumps --tier=opt ====
;; ; function pick, tier opt, after thread-jumps
;; function pick(i v0, i v1) -> (i)
;;     num_vregs 4
;;     promoted_locals 0 1
;;     local_vregs (v0) (v1)
;; b0:
;;     brcmpi.ne v0, 0 -> b4, b2
;; b4:
;;     v1 = addi v1, 1
;;     jump b2
;; b5:
;;     jump b2
;; b3:
;;     jump b2
;; b2:
;;     v2 = mov v1
;;     jump b1
;; b1:
;;     ret v2

;; rms.wat — the firmware's floating-point module, hand-written, linked only into
;; the hard-float image (mps3-an547: Cortex-M55, FPv5-D16): f64 arithmetic and
;; a square root in FPU registers, its nine f64 arguments in d0-d7 and on the
;; stack (AAPCS-VFP).  The soft-float images leave it out: libgcc's soft double
;; routines would come with DWARF that LLVM 14's verifier refuses
;; (tests/test_debuginfo.py).
(module
  ;; scale * the root mean square of a..h
  (func (export "rms8") (param $scale f64) (param $a f64) (param $b f64) (param $c f64)
        (param $d f64) (param $e f64) (param $f f64) (param $g f64) (param $h f64)
        (result f64)
    (f64.mul (local.get $scale)
      (f64.sqrt (f64.div
        (f64.add (f64.add (f64.add (f64.mul (local.get $a) (local.get $a))
                                   (f64.mul (local.get $b) (local.get $b)))
                          (f64.add (f64.mul (local.get $c) (local.get $c))
                                   (f64.mul (local.get $d) (local.get $d))))
                 (f64.add (f64.add (f64.mul (local.get $e) (local.get $e))
                                   (f64.mul (local.get $f) (local.get $f)))
                          (f64.add (f64.mul (local.get $g) (local.get $g))
                                   (f64.mul (local.get $h) (local.get $h)))))
        (f64.const 8)))))
)

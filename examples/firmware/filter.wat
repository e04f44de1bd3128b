;; filter.wat — an 8-tap fixed-point (Q15) FIR low-pass filter, hand-written.
;;
;; Linear memory layout (one page declared; the firmware reserves 4 KiB):
;;   0x000  8 coefficients, i16 Q15, summing to 32768   (data segment)
;;   0x010  "filter: 8-tap FIR ready"                    (data segment, 23 bytes)
;;   0x030  "filter: output clipped"                     (data segment, 22 bytes)
;;   0x100  the delay line: 8 samples, i32, a ring buffer
;;
;; Import env.filter_log(ptr, len): the firmware prints `len` bytes of this
;; module's memory starting at `ptr`.
(module
  (import "env" "filter_log" (func $log (param i32 i32)))
  (memory 1)
  (global $pos (mut i32) (i32.const 0))   ;; next slot of the ring buffer
  (global $clipped (mut i32) (i32.const 0))

  ;; 0.0625 0.09375 0.15625 0.1875 0.1875 0.15625 0.09375 0.0625 in Q15
  (data (i32.const 0x000)
    "\00\08" "\00\0c" "\00\14" "\00\18" "\00\18" "\00\14" "\00\0c" "\00\08")
  (data (i32.const 0x010) "filter: 8-tap FIR ready")
  (data (i32.const 0x030) "filter: output clipped")

  ;; Clear the delay line and announce ourselves.
  (func (export "reset") (local $i i32)
    (local.set $i (i32.const 0))
    (loop $clear
      (i32.store offset=0x100 (i32.shl (local.get $i) (i32.const 2)) (i32.const 0))
      (br_if $clear (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                              (i32.const 8))))
    (global.set $pos (i32.const 0))
    (global.set $clipped (i32.const 0))
    (call $log (i32.const 0x010) (i32.const 23)))

  ;; Push one sample, return the filtered output, saturated to i16.
  (func (export "push") (param $x i32) (result i32)
    (local $acc i64) (local $k i32) (local $slot i32) (local $y i32)
    ;; store the new sample at pos, then advance pos
    (i32.store offset=0x100 (i32.shl (global.get $pos) (i32.const 2)) (local.get $x))
    (global.set $pos (i32.and (i32.add (global.get $pos) (i32.const 1)) (i32.const 7)))
    ;; acc = sum c[k] * x[n-k]; x[n-k] lives at slot (pos - 1 - k) & 7
    (local.set $k (i32.const 0))
    (loop $tap
      (local.set $slot (i32.and (i32.sub (i32.sub (global.get $pos) (i32.const 1))
                                         (local.get $k))
                                (i32.const 7)))
      (local.set $acc
        (i64.add (local.get $acc)
          (i64.mul (i64.extend_i32_s
                     (i32.load16_s (i32.shl (local.get $k) (i32.const 1))))
                   (i64.extend_i32_s
                     (i32.load offset=0x100 (i32.shl (local.get $slot) (i32.const 2)))))))
      (br_if $tap (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1)))
                            (i32.const 8))))
    ;; round, scale back from Q15, saturate
    (local.set $acc (i64.shr_s (i64.add (local.get $acc) (i64.const 16384)) (i64.const 15)))
    (if (i64.gt_s (local.get $acc) (i64.const 32767))
      (then (local.set $acc (i64.const 32767)) (call $clip)))
    (if (i64.lt_s (local.get $acc) (i64.const -32768))
      (then (local.set $acc (i64.const -32768)) (call $clip)))
    (i32.wrap_i64 (local.get $acc)))

  ;; Log the first clip only.
  (func $clip
    (if (i32.eqz (global.get $clipped))
      (then (global.set $clipped (i32.const 1))
            (call $log (i32.const 0x030) (i32.const 22)))))

  ;; How many samples the filter has seen modulo 8 (for the self-test).
  (func (export "position") (result i32) (global.get $pos))
)

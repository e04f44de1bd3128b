;; synth soft-float runtime: the wasm float operators libgcc lacks, written with
;; integer instructions only.  f32 values are their i32 bit patterns, f64 values
;; their i64 bit patterns.  Every export has exactly the semantics of the wasm
;; operator it is named after (NaN results are arithmetic NaNs: an input NaN
;; with its quiet bit set, or the canonical NaN for invalid operations).
;;
;; Layouts:  f32  s eeeeeeee mmm..m (23)       bias 127,  quiet bit 0x00400000
;;           f64  s eee..e (11)  mmm..m (52)   bias 1023, quiet bit 0x0008000000000000
(module

  ;; ---------------------------------------------------------------- helpers

  ;; m >> sh rounded to nearest, ties to even (1 <= sh <= 31).
  ;; Round up iff rem > half, or rem == half and q is odd, i.e. rem + (q & 1) > half.
  (func $rne32 (param $m i32) (param $sh i32) (result i32)
    (local $q i32) (local $half i32)
    (local.set $q (i32.shr_u (local.get $m) (local.get $sh)))
    (local.set $half (i32.shl (i32.const 1) (i32.sub (local.get $sh) (i32.const 1))))
    (i32.add (local.get $q)
      (i32.gt_u
        (i32.add (i32.and (local.get $m) (i32.sub (i32.shl (local.get $half) (i32.const 1))
                                                  (i32.const 1)))
                 (i32.and (local.get $q) (i32.const 1)))
        (local.get $half))))

  ;; the same for i64 (1 <= sh <= 63)
  (func $rne64 (param $m i64) (param $sh i64) (result i64)
    (local $q i64) (local $half i64)
    (local.set $q (i64.shr_u (local.get $m) (local.get $sh)))
    (local.set $half (i64.shl (i64.const 1) (i64.sub (local.get $sh) (i64.const 1))))
    (i64.add (local.get $q)
      (i64.extend_i32_u
        (i64.gt_u
          (i64.add (i64.and (local.get $m) (i64.sub (i64.shl (local.get $half) (i64.const 1))
                                                    (i64.const 1)))
                   (i64.and (local.get $q) (i64.const 1)))
          (local.get $half)))))

  (func $nan32 (param $x i32) (result i32)
    (i32.gt_u (i32.and (local.get $x) (i32.const 0x7fffffff)) (i32.const 0x7f800000)))

  (func $nan64 (param $x i64) (result i32)
    (i64.gt_u (i64.and (local.get $x) (i64.const 0x7fffffffffffffff))
              (i64.const 0x7ff0000000000000)))

  ;; Order-preserving keys: signed comparison of keys orders the (non-NaN)
  ;; floats, with -0 < +0.  Negative values get their magnitude bits flipped.
  (func $key32 (param $x i32) (result i32)
    (i32.xor (local.get $x)
             (i32.shr_u (i32.shr_s (local.get $x) (i32.const 31)) (i32.const 1))))

  (func $key64 (param $x i64) (result i64)
    (i64.xor (local.get $x)
             (i64.shr_u (i64.shr_s (local.get $x) (i64.const 63)) (i64.const 1))))

  ;; ---------------------------------------------------------------- sqrt
  ;;
  ;; Normalise to m in [2^p, 2^(p+1)) (p = 23 / 52) with value m * 2^(E-p).
  ;; Scale M = m << s (s chosen so E-p-s is even, M in [2^(2p+2), 2^(2p+4))),
  ;; take the integer square root r of M digit by digit (two bits of M per
  ;; result bit), r has p+2 bits: p+1 result bits and a round bit; a nonzero
  ;; remainder is the sticky bit.  The result exponent is floor(E/2).
  ;; Only the top word of M is fed in: M's low bits are all zero.

  (func (export "f32_sqrt") (param $x i32) (result i32)
    (local $e i32) (local $m i32) (local $sh i32)
    (local $a i32) (local $root i32) (local $rem i32) (local $t i32) (local $n i32)
    (if (call $nan32 (local.get $x))
      (then (return (i32.or (local.get $x) (i32.const 0x00400000)))))
    (if (i32.eqz (i32.and (local.get $x) (i32.const 0x7fffffff)))
      (then (return (local.get $x))))                                   ;; ±0
    (if (i32.lt_s (local.get $x) (i32.const 0))
      (then (return (i32.const 0x7fc00000))))                           ;; negative
    (if (i32.eq (local.get $x) (i32.const 0x7f800000))
      (then (return (local.get $x))))                                   ;; +inf
    (local.set $e (i32.shr_u (local.get $x) (i32.const 23)))
    (local.set $m (i32.and (local.get $x) (i32.const 0x007fffff)))
    (if (i32.eqz (local.get $e))
      (then                                                             ;; subnormal
        (local.set $sh (i32.sub (i32.clz (local.get $m)) (i32.const 8)))
        (local.set $m (i32.shl (local.get $m) (local.get $sh)))
        (local.set $e (i32.sub (i32.const 1) (local.get $sh))))
      (else (local.set $m (i32.or (local.get $m) (i32.const 0x00800000)))))
    ;; top 32 of the 50 bits of M: m << 7 when E = e - 127 is even, else m << 8
    (local.set $a (i32.shl (local.get $m) (i32.sub (i32.const 8) (i32.and (local.get $e) (i32.const 1)))))
    (local.set $n (i32.const 25))
    (loop $digit
      (local.set $rem (i32.or (i32.shl (local.get $rem) (i32.const 2))
                              (i32.shr_u (local.get $a) (i32.const 30))))
      (local.set $a (i32.shl (local.get $a) (i32.const 2)))
      (local.set $t (i32.or (i32.shl (local.get $root) (i32.const 2)) (i32.const 1)))
      (local.set $root (i32.shl (local.get $root) (i32.const 1)))
      (if (i32.ge_u (local.get $rem) (local.get $t))
        (then
          (local.set $rem (i32.sub (local.get $rem) (local.get $t)))
          (local.set $root (i32.or (local.get $root) (i32.const 1)))))
      (br_if $digit (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    ;; root = 24 result bits + round bit; rem != 0 is sticky (no exact ties)
    (i32.add
      (i32.shl (i32.add (i32.shr_s (i32.sub (local.get $e) (i32.const 127)) (i32.const 1))
                        (i32.const 126))
               (i32.const 23))
      (i32.add (i32.shr_u (local.get $root) (i32.const 1))
               (i32.and (i32.and (local.get $root) (i32.const 1))
                        (i32.or (i32.ne (local.get $rem) (i32.const 0))
                                (i32.shr_u (local.get $root) (i32.const 1)))))))

  (func (export "f64_sqrt") (param $x i64) (result i64)
    (local $e i64) (local $m i64) (local $sh i64)
    (local $a i64) (local $root i64) (local $rem i64) (local $t i64) (local $n i32)
    (if (call $nan64 (local.get $x))
      (then (return (i64.or (local.get $x) (i64.const 0x0008000000000000)))))
    (if (i64.eqz (i64.shl (local.get $x) (i64.const 1)))
      (then (return (local.get $x))))                                   ;; ±0
    (if (i64.lt_s (local.get $x) (i64.const 0))
      (then (return (i64.const 0x7ff8000000000000))))                   ;; negative
    (if (i64.eq (local.get $x) (i64.const 0x7ff0000000000000))
      (then (return (local.get $x))))                                   ;; +inf
    (local.set $e (i64.shr_u (local.get $x) (i64.const 52)))
    (local.set $m (i64.and (local.get $x) (i64.const 0x000fffffffffffff)))
    (if (i64.eqz (local.get $e))
      (then                                                             ;; subnormal
        (local.set $sh (i64.sub (i64.clz (local.get $m)) (i64.const 11)))
        (local.set $m (i64.shl (local.get $m) (local.get $sh)))
        (local.set $e (i64.sub (i64.const 1) (local.get $sh))))
      (else (local.set $m (i64.or (local.get $m) (i64.const 0x0010000000000000)))))
    ;; top 64 of the 108 bits of M: m << 10 when E = e - 1023 is even, else m << 11;
    ;; 54 digit steps give 53 result bits and a round bit
    (local.set $a (i64.shl (local.get $m) (i64.sub (i64.const 11) (i64.and (local.get $e) (i64.const 1)))))
    (local.set $n (i32.const 54))
    (loop $digit
      (local.set $rem (i64.or (i64.shl (local.get $rem) (i64.const 2))
                              (i64.shr_u (local.get $a) (i64.const 62))))
      (local.set $a (i64.shl (local.get $a) (i64.const 2)))
      (local.set $t (i64.or (i64.shl (local.get $root) (i64.const 2)) (i64.const 1)))
      (local.set $root (i64.shl (local.get $root) (i64.const 1)))
      (if (i64.ge_u (local.get $rem) (local.get $t))
        (then
          (local.set $rem (i64.sub (local.get $rem) (local.get $t)))
          (local.set $root (i64.or (local.get $root) (i64.const 1)))))
      (br_if $digit (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i64.add
      (i64.shl (i64.add (i64.shr_s (i64.sub (local.get $e) (i64.const 1023)) (i64.const 1))
                        (i64.const 1022))
               (i64.const 52))
      (i64.add (i64.shr_u (local.get $root) (i64.const 1))
               (i64.and (i64.and (local.get $root) (i64.const 1))
                        (i64.or (i64.extend_i32_u (i64.ne (local.get $rem) (i64.const 0)))
                                (i64.shr_u (local.get $root) (i64.const 1)))))))

  ;; ---------------------------------------------------------------- rounding to integral
  ;;
  ;; $mode: bit `neg` (0 = positive, 1 = negative) says whether an inexact
  ;; value's magnitude rounds up: trunc 0b00, ceil 0b01, floor 0b10;
  ;; 4 = nearest (ties to even).  Rounding the magnitude up is adding one unit
  ;; at the integer position to the truncated bit pattern (carries into the
  ;; exponent are exactly right).

  (func $round32 (param $x i32) (param $mode i32) (result i32)
    (local $e i32) (local $neg i32) (local $f i32) (local $mask i32) (local $frac i32)
    (local.set $e (i32.and (i32.shr_u (local.get $x) (i32.const 23)) (i32.const 0xff)))
    (if (i32.eq (local.get $e) (i32.const 0xff))                        ;; inf / NaN
      (then (return (select (i32.or (local.get $x) (i32.const 0x00400000)) (local.get $x)
                            (call $nan32 (local.get $x))))))
    (if (i32.ge_u (local.get $e) (i32.const 150))                       ;; already integral
      (then (return (local.get $x))))
    (if (i32.eqz (i32.and (local.get $x) (i32.const 0x7fffffff)))       ;; ±0
      (then (return (local.get $x))))
    (local.set $neg (i32.shr_u (local.get $x) (i32.const 31)))
    (if (i32.lt_u (local.get $e) (i32.const 127))                       ;; 0 < |x| < 1: ±0 or ±1
      (then
        (return
          (i32.or (i32.and (local.get $x) (i32.const 0x80000000))
            (select (i32.const 0x3f800000) (i32.const 0)
              (select (i32.gt_u (i32.and (local.get $x) (i32.const 0x7fffffff)) (i32.const 0x3f000000))
                      (i32.and (i32.shr_u (local.get $mode) (local.get $neg)) (i32.const 1))
                      (i32.eq (local.get $mode) (i32.const 4))))))))
    (local.set $f (i32.sub (i32.const 150) (local.get $e)))             ;; fraction bits, 1..23
    (local.set $mask (i32.sub (i32.shl (i32.const 1) (local.get $f)) (i32.const 1)))
    (local.set $frac (i32.and (local.get $x) (local.get $mask)))
    (if (i32.eqz (local.get $frac)) (then (return (local.get $x))))
    (i32.add (i32.and (local.get $x) (i32.xor (local.get $mask) (i32.const -1)))
      (i32.shl
        (select
          ;; nearest: frac + (integer lsb) > half
          (i32.gt_u (i32.add (local.get $frac)
                             (i32.and (i32.shr_u (local.get $x) (local.get $f)) (i32.const 1)))
                    (i32.shl (i32.const 1) (i32.sub (local.get $f) (i32.const 1))))
          (i32.and (i32.shr_u (local.get $mode) (local.get $neg)) (i32.const 1))
          (i32.eq (local.get $mode) (i32.const 4)))
        (local.get $f))))

  (func $round64 (param $x i64) (param $mode i32) (result i64)
    (local $e i64) (local $neg i32) (local $f i64) (local $mask i64) (local $frac i64)
    (local.set $e (i64.and (i64.shr_u (local.get $x) (i64.const 52)) (i64.const 0x7ff)))
    (if (i64.eq (local.get $e) (i64.const 0x7ff))                       ;; inf / NaN
      (then (return (select (i64.or (local.get $x) (i64.const 0x0008000000000000)) (local.get $x)
                            (call $nan64 (local.get $x))))))
    (if (i64.ge_u (local.get $e) (i64.const 1075))                      ;; already integral
      (then (return (local.get $x))))
    (if (i64.eqz (i64.shl (local.get $x) (i64.const 1)))                ;; ±0
      (then (return (local.get $x))))
    (local.set $neg (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 63))))
    (if (i64.lt_u (local.get $e) (i64.const 1023))                      ;; 0 < |x| < 1: ±0 or ±1
      (then
        (return
          (i64.or (i64.and (local.get $x) (i64.const 0x8000000000000000))
            (select (i64.const 0x3ff0000000000000) (i64.const 0)
              (select (i64.gt_u (i64.and (local.get $x) (i64.const 0x7fffffffffffffff))
                                (i64.const 0x3fe0000000000000))
                      (i32.and (i32.shr_u (local.get $mode) (local.get $neg)) (i32.const 1))
                      (i32.eq (local.get $mode) (i32.const 4))))))))
    (local.set $f (i64.sub (i64.const 1075) (local.get $e)))            ;; fraction bits, 1..52
    (local.set $mask (i64.sub (i64.shl (i64.const 1) (local.get $f)) (i64.const 1)))
    (local.set $frac (i64.and (local.get $x) (local.get $mask)))
    (if (i64.eqz (local.get $frac)) (then (return (local.get $x))))
    (i64.add (i64.and (local.get $x) (i64.xor (local.get $mask) (i64.const -1)))
      (i64.shl
        (i64.extend_i32_u
          (select
            (i64.gt_u (i64.add (local.get $frac)
                               (i64.and (i64.shr_u (local.get $x) (local.get $f)) (i64.const 1)))
                      (i64.shl (i64.const 1) (i64.sub (local.get $f) (i64.const 1))))
            (i32.and (i32.shr_u (local.get $mode) (local.get $neg)) (i32.const 1))
            (i32.eq (local.get $mode) (i32.const 4))))
        (local.get $f))))

  (func (export "f32_trunc") (param $x i32) (result i32) (call $round32 (local.get $x) (i32.const 0)))
  (func (export "f32_ceil") (param $x i32) (result i32) (call $round32 (local.get $x) (i32.const 1)))
  (func (export "f32_floor") (param $x i32) (result i32) (call $round32 (local.get $x) (i32.const 2)))
  (func (export "f32_nearest") (param $x i32) (result i32) (call $round32 (local.get $x) (i32.const 4)))
  (func (export "f64_trunc") (param $x i64) (result i64) (call $round64 (local.get $x) (i32.const 0)))
  (func (export "f64_ceil") (param $x i64) (result i64) (call $round64 (local.get $x) (i32.const 1)))
  (func (export "f64_floor") (param $x i64) (result i64) (call $round64 (local.get $x) (i32.const 2)))
  (func (export "f64_nearest") (param $x i64) (result i64) (call $round64 (local.get $x) (i32.const 4)))

  ;; ---------------------------------------------------------------- min / max
  ;; A NaN operand gives that NaN, quieted.  Otherwise pick by key order
  ;; ($max flips the comparison; equal keys mean equal bits).

  (func $minmax32 (param $a i32) (param $b i32) (param $max i32) (result i32)
    (if (call $nan32 (local.get $a)) (then (return (i32.or (local.get $a) (i32.const 0x00400000)))))
    (if (call $nan32 (local.get $b)) (then (return (i32.or (local.get $b) (i32.const 0x00400000)))))
    (select (local.get $a) (local.get $b)
      (i32.xor (i32.lt_s (call $key32 (local.get $a)) (call $key32 (local.get $b)))
               (local.get $max))))

  (func $minmax64 (param $a i64) (param $b i64) (param $max i32) (result i64)
    (if (call $nan64 (local.get $a))
      (then (return (i64.or (local.get $a) (i64.const 0x0008000000000000)))))
    (if (call $nan64 (local.get $b))
      (then (return (i64.or (local.get $b) (i64.const 0x0008000000000000)))))
    (select (local.get $a) (local.get $b)
      (i32.xor (i64.lt_s (call $key64 (local.get $a)) (call $key64 (local.get $b)))
               (local.get $max))))

  (func (export "f32_min") (param $a i32) (param $b i32) (result i32)
    (call $minmax32 (local.get $a) (local.get $b) (i32.const 0)))
  (func (export "f32_max") (param $a i32) (param $b i32) (result i32)
    (call $minmax32 (local.get $a) (local.get $b) (i32.const 1)))
  (func (export "f64_min") (param $a i64) (param $b i64) (result i64)
    (call $minmax64 (local.get $a) (local.get $b) (i32.const 0)))
  (func (export "f64_max") (param $a i64) (param $b i64) (result i64)
    (call $minmax64 (local.get $a) (local.get $b) (i32.const 1)))

  ;; ---------------------------------------------------------------- float -> integer
  ;;
  ;; $mag32/$mag64: |trunc(x)| of a non-NaN float as a u64, or all ones when
  ;; it is >= 2^64 (including inf).  All ones is never a real magnitude: the
  ;; largest floats below 2^64 are 2^64 - 2^40 (f32) and 2^64 - 2^11 (f64).

  (func $mag32 (param $x i32) (result i64)
    (local $sh i32) (local $m i64)
    (local.set $sh (i32.sub (i32.and (i32.shr_u (local.get $x) (i32.const 23)) (i32.const 0xff))
                            (i32.const 150)))                            ;; E - 23
    (if (i32.lt_s (local.get $sh) (i32.const -23)) (then (return (i64.const 0))))
    (if (i32.ge_s (local.get $sh) (i32.const 41)) (then (return (i64.const -1))))
    (local.set $m (i64.extend_i32_u
                    (i32.or (i32.and (local.get $x) (i32.const 0x007fffff)) (i32.const 0x00800000))))
    (if (result i64) (i32.lt_s (local.get $sh) (i32.const 0))
      (then (i64.shr_u (local.get $m) (i64.extend_i32_u (i32.sub (i32.const 0) (local.get $sh)))))
      (else (i64.shl (local.get $m) (i64.extend_i32_u (local.get $sh))))))

  (func $mag64 (param $x i64) (result i64)
    (local $sh i64) (local $m i64)
    (local.set $sh (i64.sub (i64.and (i64.shr_u (local.get $x) (i64.const 52)) (i64.const 0x7ff))
                            (i64.const 1075)))                           ;; E - 52
    (if (i64.lt_s (local.get $sh) (i64.const -52)) (then (return (i64.const 0))))
    (if (i64.ge_s (local.get $sh) (i64.const 12)) (then (return (i64.const -1))))
    (local.set $m (i64.or (i64.and (local.get $x) (i64.const 0x000fffffffffffff))
                          (i64.const 0x0010000000000000)))
    (if (result i64) (i64.lt_s (local.get $sh) (i64.const 0))
      (then (i64.shr_u (local.get $m) (i64.sub (i64.const 0) (local.get $sh))))
      (else (i64.shl (local.get $m) (local.get $sh)))))

  ;; Clamp a sign and magnitude to a signed/unsigned range whose top is $max:
  ;; (saturated value, 1 if it had to be clamped else 0).  The largest allowed
  ;; magnitude is $max (+1 when negative) for signed, $max / 0 for unsigned.
  (func $clamp (param $neg i32) (param $mag i64) (param $max i64) (param $signed i32)
               (result i64 i32)
    (local $lim i64)
    (local.set $lim
      (if (result i64) (local.get $signed)
        (then (i64.add (local.get $max) (i64.extend_i32_u (local.get $neg))))
        (else (select (i64.const 0) (local.get $max) (local.get $neg)))))
    (select (i64.sub (i64.const 0) (local.get $lim)) (local.get $lim) (local.get $neg))
    (select (i64.sub (i64.const 0) (local.get $mag)) (local.get $mag) (local.get $neg))
    (i64.gt_u (local.get $mag) (local.get $lim))
    (select)                                                            ;; saturated or exact
    ;; a magnitude of all ones only comes from $mag32/$mag64 saturating at 2^64 or
    ;; above (no float equals 2^64 - 1), so it overflows even the u64 range
    (i32.or (i64.gt_u (local.get $mag) (local.get $lim))
            (i64.eq (local.get $mag) (i64.const -1))))

  ;; (value, status): status 0 ok, 1 integer overflow, 2 invalid (NaN; value 0)
  (func $cvt32 (param $x i32) (param $max i64) (param $signed i32) (result i64 i32)
    (if (call $nan32 (local.get $x)) (then (return (i64.const 0) (i32.const 2))))
    (call $clamp (i32.shr_u (local.get $x) (i32.const 31)) (call $mag32 (local.get $x))
                 (local.get $max) (local.get $signed)))

  (func $cvt64 (param $x i64) (param $max i64) (param $signed i32) (result i64 i32)
    (if (call $nan64 (local.get $x)) (then (return (i64.const 0) (i32.const 2))))
    (call $clamp (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 63))) (call $mag64 (local.get $x))
                 (local.get $max) (local.get $signed)))

  ;; trapping: (value, status)
  (func (export "i32_trunc_f32_s") (param $x i32) (result i32 i32) (local $st i32)
    (call $cvt32 (local.get $x) (i64.const 0x7fffffff) (i32.const 1))
    (local.set $st) (i32.wrap_i64) (local.get $st))
  (func (export "i32_trunc_f32_u") (param $x i32) (result i32 i32) (local $st i32)
    (call $cvt32 (local.get $x) (i64.const 0xffffffff) (i32.const 0))
    (local.set $st) (i32.wrap_i64) (local.get $st))
  (func (export "i32_trunc_f64_s") (param $x i64) (result i32 i32) (local $st i32)
    (call $cvt64 (local.get $x) (i64.const 0x7fffffff) (i32.const 1))
    (local.set $st) (i32.wrap_i64) (local.get $st))
  (func (export "i32_trunc_f64_u") (param $x i64) (result i32 i32) (local $st i32)
    (call $cvt64 (local.get $x) (i64.const 0xffffffff) (i32.const 0))
    (local.set $st) (i32.wrap_i64) (local.get $st))
  (func (export "i64_trunc_f32_s") (param $x i32) (result i64 i32)
    (call $cvt32 (local.get $x) (i64.const 0x7fffffffffffffff) (i32.const 1)))
  (func (export "i64_trunc_f32_u") (param $x i32) (result i64 i32)
    (call $cvt32 (local.get $x) (i64.const -1) (i32.const 0)))
  (func (export "i64_trunc_f64_s") (param $x i64) (result i64 i32)
    (call $cvt64 (local.get $x) (i64.const 0x7fffffffffffffff) (i32.const 1)))
  (func (export "i64_trunc_f64_u") (param $x i64) (result i64 i32)
    (call $cvt64 (local.get $x) (i64.const -1) (i32.const 0)))

  ;; saturating: NaN gives 0, out of range the clamped value
  (func (export "i32_trunc_sat_f32_s") (param $x i32) (result i32)
    (call $cvt32 (local.get $x) (i64.const 0x7fffffff) (i32.const 1)) (drop) (i32.wrap_i64))
  (func (export "i32_trunc_sat_f32_u") (param $x i32) (result i32)
    (call $cvt32 (local.get $x) (i64.const 0xffffffff) (i32.const 0)) (drop) (i32.wrap_i64))
  (func (export "i32_trunc_sat_f64_s") (param $x i64) (result i32)
    (call $cvt64 (local.get $x) (i64.const 0x7fffffff) (i32.const 1)) (drop) (i32.wrap_i64))
  (func (export "i32_trunc_sat_f64_u") (param $x i64) (result i32)
    (call $cvt64 (local.get $x) (i64.const 0xffffffff) (i32.const 0)) (drop) (i32.wrap_i64))
  (func (export "i64_trunc_sat_f32_s") (param $x i32) (result i64)
    (call $cvt32 (local.get $x) (i64.const 0x7fffffffffffffff) (i32.const 1)) (drop))
  (func (export "i64_trunc_sat_f32_u") (param $x i32) (result i64)
    (call $cvt32 (local.get $x) (i64.const -1) (i32.const 0)) (drop))
  (func (export "i64_trunc_sat_f64_s") (param $x i64) (result i64)
    (call $cvt64 (local.get $x) (i64.const 0x7fffffffffffffff) (i32.const 1)) (drop))
  (func (export "i64_trunc_sat_f64_u") (param $x i64) (result i64)
    (call $cvt64 (local.get $x) (i64.const -1) (i32.const 0)) (drop))

  ;; ---------------------------------------------------------------- f32 <-> f64

  (func (export "f64_promote_f32") (param $x i32) (result i64)
    (local $e i32) (local $m i32) (local $sh i32) (local $s i64)
    (local.set $s (i64.shl (i64.extend_i32_u (i32.and (local.get $x) (i32.const 0x80000000)))
                           (i64.const 32)))
    (local.set $e (i32.and (i32.shr_u (local.get $x) (i32.const 23)) (i32.const 0xff)))
    (local.set $m (i32.and (local.get $x) (i32.const 0x007fffff)))
    (if (i32.eq (local.get $e) (i32.const 0xff))                        ;; inf / NaN (payload kept)
      (then
        (return (i64.or (i64.or (local.get $s) (i64.const 0x7ff0000000000000))
                        (i64.or (i64.shl (i64.extend_i32_u (local.get $m)) (i64.const 29))
                                (select (i64.const 0x0008000000000000) (i64.const 0)
                                        (local.get $m)))))))
    (if (i32.eqz (local.get $e))
      (then
        (if (i32.eqz (local.get $m)) (then (return (local.get $s))))   ;; ±0
        ;; subnormal: bring the leading one to the hidden position and drop it
        (local.set $sh (i32.sub (i32.clz (local.get $m)) (i32.const 8)))
        (local.set $m (i32.and (i32.shl (local.get $m) (local.get $sh)) (i32.const 0x007fffff)))
        (local.set $e (i32.sub (i32.const 1) (local.get $sh)))))
    (i64.or (local.get $s)
      (i64.or (i64.shl (i64.extend_i32_u (i32.add (local.get $e) (i32.const 896))) (i64.const 52))
              (i64.shl (i64.extend_i32_u (local.get $m)) (i64.const 29)))))

  (func (export "f32_demote_f64") (param $x i64) (result i32)
    (local $s i32) (local $e i32) (local $m i64)
    (local.set $s (i32.and (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 32)))
                           (i32.const 0x80000000)))
    (local.set $e (i32.and (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 52))) (i32.const 0x7ff)))
    (local.set $m (i64.and (local.get $x) (i64.const 0x000fffffffffffff)))
    (if (i32.eq (local.get $e) (i32.const 0x7ff))                       ;; inf / NaN (top payload bits kept)
      (then
        (return (i32.or (i32.or (local.get $s) (i32.const 0x7f800000))
                        (i32.or (i32.wrap_i64 (i64.shr_u (local.get $m) (i64.const 29)))
                                (select (i32.const 0x00400000) (i32.const 0)
                                        (i64.ne (local.get $m) (i64.const 0))))))))
    (local.set $e (i32.sub (local.get $e) (i32.const 896)))             ;; f32 biased exponent
    (if (i32.ge_s (local.get $e) (i32.const 255))                       ;; overflow
      (then (return (i32.or (local.get $s) (i32.const 0x7f800000)))))
    ;; 53-bit significand (f64 zeros/subnormals get a bogus hidden bit but
    ;; are far below half the smallest f32 subnormal, so still round to 0)
    (local.set $m (i64.or (local.get $m) (i64.const 0x0010000000000000)))
    (i32.or (local.get $s)
      (if (result i32) (i32.ge_s (local.get $e) (i32.const 1))
        (then                                                           ;; normal (may round to inf)
          (i32.add (i32.shl (i32.sub (local.get $e) (i32.const 1)) (i32.const 23))
                   (i32.wrap_i64 (call $rne64 (local.get $m) (i64.const 29)))))
        (else                                                           ;; subnormal or 0
          (i32.wrap_i64
            (call $rne64 (local.get $m)
              (i64.extend_i32_u
                (select (i32.const 63) (i32.sub (i32.const 30) (local.get $e))
                        (i32.lt_s (local.get $e) (i32.const -33))))))))))

  ;; ---------------------------------------------------------------- integer -> float
  ;; Normalise with clz and round once from the full integer.

  (func $u64_to_f32 (param $u i64) (result i32)
    (local $lz i64)
    (if (i64.eqz (local.get $u)) (then (return (i32.const 0))))
    (local.set $lz (i64.clz (local.get $u)))
    (i32.add (i32.shl (i32.sub (i32.const 189) (i32.wrap_i64 (local.get $lz))) (i32.const 23))
             (i32.wrap_i64 (call $rne64 (i64.shl (local.get $u) (local.get $lz)) (i64.const 40)))))

  (func $u64_to_f64 (param $u i64) (result i64)
    (local $lz i64)
    (if (i64.eqz (local.get $u)) (then (return (i64.const 0))))
    (local.set $lz (i64.clz (local.get $u)))
    (i64.add (i64.shl (i64.sub (i64.const 1085) (local.get $lz)) (i64.const 52))
             (call $rne64 (i64.shl (local.get $u) (local.get $lz)) (i64.const 11))))

  (func (export "f32_convert_i64_u") (param $x i64) (result i32)
    (call $u64_to_f32 (local.get $x)))

  (func (export "f32_convert_i64_s") (param $x i64) (result i32)
    (i32.or (i32.and (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 32))) (i32.const 0x80000000))
            (call $u64_to_f32 (select (i64.sub (i64.const 0) (local.get $x)) (local.get $x)
                                      (i64.lt_s (local.get $x) (i64.const 0))))))

  (func (export "f64_convert_i64_u") (param $x i64) (result i64)
    (call $u64_to_f64 (local.get $x)))

  (func (export "f64_convert_i64_s") (param $x i64) (result i64)
    (i64.or (i64.and (local.get $x) (i64.const 0x8000000000000000))
            (call $u64_to_f64 (select (i64.sub (i64.const 0) (local.get $x)) (local.get $x)
                                      (i64.lt_s (local.get $x) (i64.const 0))))))

  (func (export "f32_convert_i32_u") (param $x i32) (result i32)
    (local $lz i32)
    (if (i32.eqz (local.get $x)) (then (return (i32.const 0))))
    (local.set $lz (i32.clz (local.get $x)))
    (i32.add (i32.shl (i32.sub (i32.const 157) (local.get $lz)) (i32.const 23))
             (call $rne32 (i32.shl (local.get $x) (local.get $lz)) (i32.const 8))))
)

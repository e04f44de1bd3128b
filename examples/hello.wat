;; The built-in example: `./do example` compiles, links and runs it.
(module
  (memory (export "memory") 1)
  (data (i32.const 0) "synth: wasm on Cortex-M")
  ;; iterative Fibonacci with i64 arithmetic
  (func (export "fib") (param $n i32) (result i64) (local $a i64) (local $b i64)
    (local.set $b (i64.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $b (i64.add (local.get $a) (local.tee $a (local.get $b))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $a))
  ;; a byte checksum over the data segment, repeated $rounds times
  (func (export "checksum") (param $rounds i32) (result i32) (local $i i32) (local $h i32)
    (local.set $h (i32.const 0x811c9dc5))
    (block $done
      (loop $round
        (br_if $done (i32.eqz (local.get $rounds)))
        (local.set $i (i32.const 0))
        (loop $byte
          (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (local.get $i)))
                                 (i32.const 0x01000193)))
          (br_if $byte (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                                 (i32.const 23))))
        (local.set $rounds (i32.sub (local.get $rounds) (i32.const 1)))
        (br $round)))
    (local.get $h))
)

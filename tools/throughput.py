"""Compile-time throughput on a large generated module (docs/benchmarks.md).

    python tools/throughput.py [--functions N]

Generates a deterministic module of N functions mixing arithmetic, locals,
loops, memory and calls, compiles it with the full ladder, and prints KB of
wasm per second (wall time, and the CPU time of the process, which other
jobs on the machine disturb less).  Run with two sizes to see that compile
time is linear.
"""

from __future__ import annotations

import argparse
import random
import time

import wasmtime

from synth_toolchain.driver import compile_file
from synth_toolchain.options import Options


def generate(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    funcs = []
    for i in range(n):
        ops = []
        for k in range(rng.randint(4, 14)):
            op = rng.choice(["i32.add", "i32.mul", "i32.xor", "i32.shl", "i32.sub", "i32.and"])
            ops.append(f"(local.set 2 ({op} (local.get 2) (i32.add (local.get {k % 2}) "
                       f"(i32.const {rng.randint(0, 1000)}))))")
        call = f"(local.set 2 (i32.add (local.get 2) (call $f{i - 1} (local.get 2) (local.get 1))))" \
            if i else ""
        funcs.append(
            f"(func $f{i} (export \"f{i}\") (param i32 i32) (result i32) (local i32 i32)\n"
            f"  (local.set 3 (i32.and (local.get 1) (i32.const 15)))\n"
            f"  (block $done (loop $l (br_if $done (i32.eqz (local.get 3)))\n"
            f"    {' '.join(ops)}\n"
            f"    (i32.store (i32.and (local.get 2) (i32.const 0xfffc)) (local.get 2))\n"
            f"    (local.set 3 (i32.sub (local.get 3) (i32.const 1))) (br $l)))\n"
            f"  {call}\n"
            f"  (i32.add (local.get 2) (i32.load (i32.and (local.get 0) (i32.const 0xfffc)))))")
    return "(module (memory 1)\n" + "\n".join(funcs) + ")"


def measure(n: int) -> tuple[int, float, float]:
    """(wasm bytes, wall seconds, CPU seconds of this process): on a machine
    busy with other jobs the wall time grows, the CPU time much less."""
    wasm = wasmtime.wat2wasm(generate(n))
    t0, c0 = time.perf_counter(), time.process_time()
    # with the report, as `synth compile` writes it by default (it is built on first use)
    compile_file("throughput.wasm", Options(), data=wasm).report_yaml
    return len(wasm), time.perf_counter() - t0, time.process_time() - c0


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--functions", type=int, nargs="+", default=[1000, 4000])
    args = p.parse_args()
    for n in args.functions:
        size, secs, cpu = measure(n)
        print(f"{n} functions, {size / 1024:.0f} KB wasm: {secs:.2f} s, "
              f"{size / 1024 / secs:.1f} KB/s, {secs / n * 1000:.2f} ms/function "
              f"(CPU {cpu:.2f} s, {size / 1024 / cpu:.1f} KB/s)")


if __name__ == "__main__":
    main()

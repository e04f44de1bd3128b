"""Kernel benchmark: synth against native gcc and wasm2c on an emulated
Cortex-M4 (code size, instructions, estimated cycles, compile time).
Run with `./do bench` or `python -m bench.run`; see docs/benchmarks.md."""

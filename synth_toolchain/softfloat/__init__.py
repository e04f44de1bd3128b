"""Integer-only soft-float runtime, written in WebAssembly text.

`runtime.wat` implements the wasm float operators libgcc's AEABI helpers do not
cover (sqrt, rounding to integral, min/max, exact-range and saturating
float→int truncations, promote/demote, i64→float and u32→f32 conversions) using
only i32/i64 instructions: f32 values are their i32 bit patterns, f64 values
their i64 bit patterns.  The compiler compiles it with itself on demand (see
`synth_toolchain.compile`).

`RUNTIME_FUNCTIONS` maps each exported function to its (params, results) wasm
types.  The trapping truncations return (value, status) with status 0 = ok,
1 = integer overflow, 2 = invalid conversion to integer (NaN).
"""

from __future__ import annotations

from pathlib import Path

RUNTIME_WAT_PATH = str(Path(__file__).with_name("runtime.wat"))

# trapping truncation status codes
STATUS_OK = 0
STATUS_OVERFLOW = 1
STATUS_INVALID = 2

_T = {"f32": "i32", "f64": "i64"}

RUNTIME_FUNCTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "f32_sqrt": (("i32",), ("i32",)),
    "f64_sqrt": (("i64",), ("i64",)),
    "f32_demote_f64": (("i64",), ("i32",)),
    "f64_promote_f32": (("i32",), ("i64",)),
    "f32_convert_i64_s": (("i64",), ("i32",)),
    "f32_convert_i64_u": (("i64",), ("i32",)),
    "f64_convert_i64_s": (("i64",), ("i64",)),
    "f64_convert_i64_u": (("i64",), ("i64",)),
    "f32_convert_i32_u": (("i32",), ("i32",)),
}
for _f, _t in _T.items():
    for _op in ("ceil", "floor", "trunc", "nearest"):
        RUNTIME_FUNCTIONS[f"{_f}_{_op}"] = ((_t,), (_t,))
    for _op in ("min", "max"):
        RUNTIME_FUNCTIONS[f"{_f}_{_op}"] = ((_t, _t), (_t,))
for _i in ("i32", "i64"):
    for _f, _t in _T.items():
        for _s in ("s", "u"):
            RUNTIME_FUNCTIONS[f"{_i}_trunc_{_f}_{_s}"] = ((_t,), (_i, "i32"))
            RUNTIME_FUNCTIONS[f"{_i}_trunc_sat_{_f}_{_s}"] = ((_t,), (_i,))
del _f, _t, _op, _i, _s

__all__ = ["RUNTIME_WAT_PATH", "RUNTIME_FUNCTIONS", "STATUS_OK", "STATUS_OVERFLOW",
           "STATUS_INVALID"]

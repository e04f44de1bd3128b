"""Soft-float lowering: wasm f32/f64 operators on cores without an FPU (float ABI "soft").

f32 values are their i32 bit patterns and f64 values (lo, hi) word pairs, so
floats ride on the integer IR.  Sign operations are bit operations;
arithmetic, comparisons and int→float conversions call libgcc's AEABI
helpers (linked by arm-none-eabi-gcc); what libgcc lacks — sqrt, rounding,
min/max, exact-range truncations, promote/demote — calls the integer-only
runtime written in WebAssembly (synth_toolchain/softfloat/runtime.wat),
which the compiler compiles into the object on demand.

Each table row: wasm operator → (kind, callee, param words, result words).
"""

from __future__ import annotations

# libgcc AEABI helpers: name, param words, result words
LIBGCC: dict[str, tuple[str, tuple[int, ...], tuple[int, ...]]] = {
    "f32.add": ("__aeabi_fadd", (1, 1), (1,)),
    "f32.sub": ("__aeabi_fsub", (1, 1), (1,)),
    "f32.mul": ("__aeabi_fmul", (1, 1), (1,)),
    "f32.div": ("__aeabi_fdiv", (1, 1), (1,)),
    "f64.add": ("__aeabi_dadd", (2, 2), (2,)),
    "f64.sub": ("__aeabi_dsub", (2, 2), (2,)),
    "f64.mul": ("__aeabi_dmul", (2, 2), (2,)),
    "f64.div": ("__aeabi_ddiv", (2, 2), (2,)),
    "f32.convert_i32_s": ("__aeabi_i2f", (1,), (1,)),
    "f32.convert_i32_u": ("__aeabi_ui2f", (1,), (1,)),
    "f64.convert_i32_s": ("__aeabi_i2d", (1,), (2,)),
    "f64.convert_i32_u": ("__aeabi_ui2d", (1,), (2,)),
}

# comparisons: wasm op → (libgcc predicate returning 0/1, negate?)
COMPARE: dict[str, tuple[str, bool]] = {}
for _w, _k in (("f32", "f"), ("f64", "d")):
    COMPARE.update({
        f"{_w}.eq": (f"__aeabi_{_k}cmpeq", False),
        f"{_w}.ne": (f"__aeabi_{_k}cmpeq", True),
        f"{_w}.lt": (f"__aeabi_{_k}cmplt", False),
        f"{_w}.le": (f"__aeabi_{_k}cmple", False),
        f"{_w}.gt": (f"__aeabi_{_k}cmpgt", False),
        f"{_w}.ge": (f"__aeabi_{_k}cmpge", False),
    })

# the WebAssembly runtime: op → (runtime function, param words, result words, traps?)
RUNTIME: dict[str, tuple[str, tuple[int, ...], tuple[int, ...], bool]] = {
    "f32.sqrt": ("f32_sqrt", (1,), (1,), False),
    "f64.sqrt": ("f64_sqrt", (2,), (2,), False),
    "f32.demote_f64": ("f32_demote_f64", (2,), (1,), False),
    "f64.promote_f32": ("f64_promote_f32", (1,), (2,), False),
    "f32.convert_i64_s": ("f32_convert_i64_s", (2,), (1,), False),
    "f32.convert_i64_u": ("f32_convert_i64_u", (2,), (1,), False),
    "f64.convert_i64_s": ("f64_convert_i64_s", (2,), (2,), False),
    "f64.convert_i64_u": ("f64_convert_i64_u", (2,), (2,), False),
}
for _w, _n in (("f32", 1), ("f64", 2)):
    for _op in ("ceil", "floor", "trunc", "nearest"):
        RUNTIME[f"{_w}.{_op}"] = (f"{_w}_{_op}", (_n,), (_n,), False)
    for _op in ("min", "max"):
        RUNTIME[f"{_w}.{_op}"] = (f"{_w}_{_op}", (_n, _n), (_n,), False)
for _i, _iw in (("i32", 1), ("i64", 2)):
    for _f, _fw in (("f32", 1), ("f64", 2)):
        for _s in ("s", "u"):
            RUNTIME[f"{_i}.trunc_{_f}_{_s}"] = (f"{_i}_trunc_{_f}_{_s}", (_fw,), (_iw, 1), True)
            RUNTIME[f"{_i}.trunc_sat_{_f}_{_s}"] = (f"{_i}_trunc_sat_{_f}_{_s}", (_fw,), (_iw,),
                                                    False)

REINTERPRET = ("i32.reinterpret_f32", "f32.reinterpret_i32",
               "i64.reinterpret_f64", "f64.reinterpret_i64")

SIGN_MASK = 0x80000000

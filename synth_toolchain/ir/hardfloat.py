"""Hardware-float lowering: the wasm float operators an FPU computes (ABIs softfp/hard).

Float values keep the representation of the soft path — f32 is its i32 bit
pattern in one vreg, f64 a (lo, hi) pair — so locals, memory, constants,
and reinterpretations are shared with it.
Copysign stays a bit operation.  The operators below become IR float ops whose handlers move the operands
into VFP registers, compute, and move the result back.  What the FPU lacks
(f64 on single-precision FPUs, VRINT before FPv5, i64 conversions) stays
on the soft path.

Each row: wasm op → (IR op, imm, needs f64 hardware, needs FPv5, in words, out words).
"""

from __future__ import annotations

from typing import NamedTuple

from ..target import Fpu
from .imm import FloatCompare, FloatOp, FloatTrunc


class HwOp(NamedTuple):
    ir: str
    imm: FloatOp | FloatTrunc | FloatCompare
    double: bool          # uses f64 arithmetic
    v8: bool              # needs the FPv5 VRINT instructions
    ins: tuple[int, ...]  # words per operand
    outs: int             # result words


HW: dict[str, HwOp] = {}
for _w, _d, _n in (("f32", False, 1), ("f64", True, 2)):
    for _op in ("add", "sub", "mul", "div"):
        HW[f"{_w}.{_op}"] = HwOp("fbin", FloatOp(f"v{_op}", _d), _d, False, (_n, _n), _n)
    HW[f"{_w}.sqrt"] = HwOp("fun", FloatOp("vsqrt", _d), _d, False, (_n,), _n)
    # VABS/VNEG change only the sign bit (NaNs included), as wasm requires
    HW[f"{_w}.abs"] = HwOp("fun", FloatOp("vabs", _d), _d, False, (_n,), _n)
    HW[f"{_w}.neg"] = HwOp("fun", FloatOp("vneg", _d), _d, False, (_n,), _n)
    for _op in ("min", "max"):
        HW[f"{_w}.{_op}"] = HwOp("fminmax", FloatOp(_op, _d), _d, False, (_n, _n), _n)
    for _op, _ins in (("ceil", "vrintp"), ("floor", "vrintm"), ("trunc", "vrintz"),
                      ("nearest", "vrintn")):
        HW[f"{_w}.{_op}"] = HwOp("fun", FloatOp(_ins, _d), _d, True, (_n,), _n)
    for _c in ("eq", "ne", "lt", "le", "gt", "ge"):
        # lowered lazily (ir/lower.py FCmp): fsetcc or a brfcmp terminator
        HW[f"{_w}.{_c}"] = HwOp("fsetcc", FloatCompare(_c, _d), _d, False, (_n, _n), 1)
    for _s in ("s", "u"):
        HW[f"{_w}.convert_i32_{_s}"] = HwOp("fcvt", FloatOp(f"vcvt_f_{_s}32", _d), _d, False,
                                            (1,), _n)
        # vcvt rounds toward zero and saturates, NaN → 0: exactly trunc_sat
        HW[f"i32.trunc_sat_{_w}_{_s}"] = HwOp("fcvt", FloatOp(f"vcvt_{_s}32_f", _d), _d, False,
                                              (_n,), 1)
        HW[f"i32.trunc_{_w}_{_s}"] = HwOp("ftrunc", FloatTrunc(_s == "s", _d), _d, False,
                                          (_n,), 1)
HW["f32.demote_f64"] = HwOp("fcvt", FloatOp("vcvt_fd", True), True, False, (2,), 1)
HW["f64.promote_f32"] = HwOp("fcvt", FloatOp("vcvt_fd", False), True, False, (1,), 2)


def hardware_ops(fpu: Fpu | None) -> dict[str, HwOp]:
    """The rows this FPU can execute (none for soft float)."""
    if fpu is None:
        return {}
    return {name: row for name, row in HW.items()
            if (fpu.double or not row.double) and (fpu.v8 or not row.v8)}

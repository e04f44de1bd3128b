"""Target-neutral comparison conditions used by the IR."""

from __future__ import annotations

CONDS = ("eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u",
         "tst_eq", "tst_ne")       # tst_*: (a & k) == 0 / != 0, immediate form only

INVERT = {"eq": "ne", "ne": "eq", "lt_s": "ge_s", "ge_s": "lt_s", "lt_u": "ge_u",
          "ge_u": "lt_u", "gt_s": "le_s", "le_s": "gt_s", "gt_u": "le_u", "le_u": "gt_u",
          "tst_eq": "tst_ne", "tst_ne": "tst_eq"}

# a COND b  ==  b SWAP[COND] a
SWAP = {"eq": "eq", "ne": "ne", "lt_s": "gt_s", "gt_s": "lt_s", "lt_u": "gt_u",
        "gt_u": "lt_u", "le_s": "ge_s", "ge_s": "le_s", "le_u": "ge_u", "ge_u": "le_u"}


def evaluate(cond: str, a: int, b: int, bits: int = 32) -> bool:
    """Compile-time evaluation on unsigned bit patterns."""
    mask = (1 << bits) - 1
    a &= mask
    b &= mask
    if cond.endswith("_s"):
        sign = 1 << (bits - 1)
        a = a - (1 << bits) if a & sign else a
        b = b - (1 << bits) if b & sign else b
    base = cond.split("_")[0]
    return {"eq": a == b, "ne": a != b, "lt": a < b, "gt": a > b,
            "le": a <= b, "ge": a >= b}[base]

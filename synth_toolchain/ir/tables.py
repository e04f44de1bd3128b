"""Lowering of references and table operators (see docs/abi.md, "Tables").

A reference is one word: 0 is null, a funcref points to its function's
descriptor {code|1, signature}, an externref is the host's opaque word.  A
table object is [size][capacity][entries…].  Accesses are plain loads and
stores with a bounds check; the operators that loop or grow call the
runtime helpers of runtime.py with ordinary AAPCS calls.
"""

from __future__ import annotations

from ..layout import TABLE_HEADER
from ..traps import Trap
from ..wasm.module import Instr
from .calls import CallSig
from .imm import CondTrap, RawAccess, Shift, Symbol
from .stack import Const

# operator → (runtime helper, table immediates, stack operands, results)
_HELPER_OPS = {
    "table.grow": ("tablegrow", 1, 2, 1),     # (value, n, table) → old size | -1
    "table.fill": ("tablefill", 1, 3, 0),     # (i, value, n, table)
    "table.copy": ("tablecopy", 2, 3, 0),     # (d, s, n, dst table, src table)
    "table.init": ("tableinit", 2, 3, 0),     # (d, s, n, table, elem segment)
}


def table_ops() -> dict:
    """The dispatch rows for reference and table operators: handler(Lowerer, instr)."""
    d = {
        "ref.func": lambda lw, ins: lw.push_regs(_symaddr(lw, lw.layout.funcref_symbol(ins.imm))),
        "table.get": _get,
        "table.set": _set,
        "table.size": _size,
        "elem.drop": _drop,
    }
    for op in _HELPER_OPS:
        d[op] = (lambda o: lambda lw, ins: _helper(lw, o, ins))(op)
    return d


def _symaddr(lw, symbol: str) -> int:
    d = lw.v()
    lw.emit("symaddr", (d,), (), Symbol(symbol))
    return d


def table_size(lw, tableidx: int, base: int | None = None) -> tuple[int | None, int | None]:
    """The current size as (static size, None) when nothing can change it, else
    (None, vreg loaded from the table)."""
    static = lw.layout.table_static_size(tableidx)
    if static is not None:
        return static, None
    if base is None:
        base = _symaddr(lw, lw.layout.table_symbol(tableidx))
    d = lw.v()
    lw.emit("ldraw", (d,), (base,), RawAccess("w", 0))
    return None, d


def check_index(lw, tableidx: int, idx: int, base: int, code: Trap) -> None:
    """Trap with `code` unless idx < the table's size."""
    static, size = table_size(lw, tableidx, base)
    if static is not None:
        lw.emit("trapifi", (), (idx,), CondTrap("ge_u", code, static))
    else:
        lw.emit("trapif", (), (idx, size), CondTrap("ge_u", code))


def entry_address(lw, tableidx: int, idx: int, code: Trap) -> int:
    """Bounds-checked address of entry idx, minus TABLE_HEADER (callers add it)."""
    base = _symaddr(lw, lw.layout.table_symbol(tableidx))
    check_index(lw, tableidx, idx, base, code)
    off, p = lw.v(), lw.v()
    lw.emit("shli", (off,), (idx,), Shift(2))
    lw.emit("add", (p,), (base, off))
    return p


def load_entry(lw, tableidx: int, idx: int, code: Trap) -> int:
    p = entry_address(lw, tableidx, idx, code)
    d = lw.v()
    lw.emit("ldraw", (d,), (p,), RawAccess("w", TABLE_HEADER))
    return d


def _get(lw, ins: Instr) -> None:
    idx = lw.pop1()
    lw.push_regs(load_entry(lw, ins.imm, idx, Trap.OUT_OF_BOUNDS_TABLE))


def _set(lw, ins: Instr) -> None:
    val = lw.pop1()
    idx = lw.pop1()
    p = entry_address(lw, ins.imm, idx, Trap.OUT_OF_BOUNDS_TABLE)
    lw.emit("straw", (), (p, val), RawAccess("w", TABLE_HEADER))


def _size(lw, ins: Instr) -> None:
    static, size = table_size(lw, ins.imm)
    if static is not None:
        lw.stack.append(Const(static, 1))
    else:
        lw.push_regs(size)


def _drop(lw, ins: Instr) -> None:
    """A dropped segment behaves as length 0."""
    zero = lw.const_vreg(0)
    lw.emit("straw", (), (_symaddr(lw, lw.layout.elem_symbol(ins.imm)), zero), RawAccess("w", 0))


def _helper(lw, op: str, ins: Instr) -> None:
    name, _ntables, nargs, nresults = _HELPER_OPS[op]
    args = [lw.pop1() for _ in range(nargs)][::-1]
    lay = lw.layout
    if op == "table.copy":
        dst, src = ins.imm
        extra = [lay.table_symbol(dst), lay.table_symbol(src)]
    elif op == "table.init":
        elem, table = ins.imm
        extra = [lay.table_symbol(table), lay.elem_symbol(elem)]
    else:
        extra = [lay.table_symbol(ins.imm)]
    args += [_symaddr(lw, s) for s in extra]
    outs = [lw.v() for _ in range(nresults)]
    sig = CallSig(lay.runtime_prefix + name, (1,) * len(args), (1,) * nresults)
    lw.emit("call", outs, args, sig)
    if outs:
        lw.push_regs(*outs)

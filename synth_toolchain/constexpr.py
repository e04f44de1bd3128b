"""Constant expressions (global initialisers, segment offsets): folded at
compile time unless they read an imported global, whose value only
synth_init knows (runtime.load_const evaluates those).

wasm 3.0 extends them with i32/i64 add, sub and mul and with global.get of
any immutable global; a module-defined global's value is its own
initialiser's, folded in turn (it can only read globals defined before it).
"""

from __future__ import annotations

from .errors import UnsupportedError
from .wasm.module import ExternKind, Instr, Module

_MASK = {"i32": 0xFFFFFFFF, "i64": 0xFFFFFFFFFFFFFFFF}
ARITH = {"add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b}


def fold(expr: list[Instr], module: Module | None = None) -> int | None:
    """The bit pattern of a numeric constant expression's value; None when it
    reads an imported global or a function reference (known at link or run
    time only).  Without `module`, any global.get is such a read."""
    stack: list[int] = []
    for ins in expr:
        kind, _, name = ins.op.partition(".")
        if name == "const":
            stack.append(ins.imm & _MASK[kind] if kind in _MASK else ins.imm)
        elif ins.op == "ref.null":
            stack.append(0)
        elif kind in _MASK and name in ARITH:
            b, a = stack.pop(), stack.pop()
            stack.append(ARITH[name](a, b) & _MASK[kind])
        elif ins.op == "global.get" and module is not None:
            value = _global_value(module, ins.imm)
            if value is None:
                return None
            stack.append(value)
        else:
            return None                 # global.get of an import, ref.func
    return stack[0] if len(stack) == 1 else None


def _global_value(module: Module, idx: int) -> int | None:
    nimp = len(module.imports_of(ExternKind.GLOBAL))
    if idx < nimp:
        return None
    return fold(module.globals[idx - nimp].init, module)


def const_value(expr: list[Instr], what: str, module: Module | None = None) -> int:
    """fold(), for an expression that must be known at compile time."""
    value = fold(expr, module)
    if value is None:
        off = expr[0].offset if expr else 0
        raise UnsupportedError(f"{what}: only constant initialisers are supported "
                               f"(imported globals cannot be read at link time)", offset=off)
    return value

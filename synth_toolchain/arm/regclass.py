"""Register classes: which float values live in VFP registers.

Lowering gives every value core-register vregs (an f64 is a lo/hi pair);
float handlers accept operands of either class.  This pass (run by the
optimizing tiers only) moves the vregs that float ops touch to the VFP
class — f32 values, and each word of an f64 when the FPU computes f64 —
so chains of float arithmetic, float locals and float arguments never
round-trip through core registers.  The allocator gives the two words of an
f64 an aligned pair (one D register) when it can; when it cannot, handlers
assemble the pair in a scratch D register, so pairing is an optimisation,
never a condition.

`SLOTS` names, per IR op, which operand positions accept an S register:
a function of the instruction giving (use indices, def indices).
"""

from __future__ import annotations

from ..ir.ir import OPS, Inst, IRFunction
from ..ir.pipeline import PassContext


def _all(ins: Inst):
    return range(len(ins.uses)), range(len(ins.defs))


def _uses(ins: Inst):
    return range(len(ins.uses)), ()


def _fcvt(ins: Inst):
    op = ins.imm.op
    if op.startswith("vcvt_f_"):             # i32 → float: the result words
        return (), range(len(ins.defs))
    if op == "vcvt_fd":                      # between f32 and f64: every word
        return _all(ins)
    return _uses(ins)                        # float → i32: the operand words


def _call(ins: Inst):
    skip = 1 if ins.op in ("callptr", "tailcallptr") else 0   # the target address: a core value
    return range(skip, len(ins.uses)), range(len(ins.defs))


SLOTS = {
    "fbin": _all, "fun": _all, "fminmax": _all, "fsetcc": _uses, "brfcmp": _uses,
    "fcvt": _fcvt, "ftrunc": _uses,
    "mov": _all, "ldslot": _all, "stslot": _all, "ret": _all,
    "call": _call, "callptr": _call, "tailcall": _call, "tailcallptr": _call,
}


def assign_vfp_class(fn: IRFunction, ctx: PassContext) -> frozenset[int]:
    """Choose the vregs to allocate in S registers (also stored in fn.vfp_vregs).

    Vregs joined by `mov` form one group (union-find), so a promoted local
    and everything copied into it share a class.  A group that a float op
    touches goes to S registers; each of its occurrences in a position that
    takes only core registers (a load, a store, integer code, a constant) is
    rewritten to a fresh core vreg with a `mov` next to the instruction — a
    single vmov where the value crosses between the two worlds.
    """
    parent = list(range(fn.num_vregs))

    def find(v: int) -> int:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    floaty: set[int] = set()
    for b in fn.blocks:
        for ins in (*b.insts, b.term):
            if ins.op == "mov":
                a, c = find(ins.defs[0]), find(ins.uses[0])
                if a != c:
                    parent[a] = c
            elif OPS[ins.op].float_op:      # its S operands make a vreg worth moving
                uses_ok, defs_ok = SLOTS[ins.op](ins)
                floaty.update(ins.uses[i] for i in uses_ok)
                floaty.update(ins.defs[i] for i in defs_ok)
    groups = {find(v) for v in floaty}
    if not groups:
        fn.vfp_vregs = frozenset()
        return fn.vfp_vregs
    chosen = {v for v in range(fn.num_vregs) if find(v) in groups}
    for b in fn.blocks:
        out: list[Inst] = []
        for ins in b.insts:
            after = _split_core_positions(fn, ins, chosen, out)
            out.append(ins)
            out.extend(after)
        _split_core_positions(fn, b.term, chosen, out)
        b.insts = out
    fn.vfp_vregs = frozenset(chosen)
    return fn.vfp_vregs


def _split_core_positions(fn: IRFunction, ins: Inst, chosen: set[int],
                          before: list[Inst]) -> list[Inst]:
    """Give `ins` fresh core vregs where it cannot take an S register; the
    copies in go to `before`, the copies out are returned."""
    rule = SLOTS.get(ins.op)
    uses_ok, defs_ok = rule(ins) if rule else ((), ())
    uses_ok, defs_ok = set(uses_ok), set(defs_ok)
    after: list[Inst] = []
    uses = list(ins.uses)
    for i, v in enumerate(uses):
        if v in chosen and i not in uses_ok:
            t = fn.new_vreg()
            before.append(Inst("mov", (t,), (v,)))
            uses[i] = t
    defs = list(ins.defs)
    for i, v in enumerate(defs):
        if v in chosen and i not in defs_ok:
            t = fn.new_vreg()
            after.append(Inst("mov", (v,), (t,)))
            defs[i] = t
    ins.uses, ins.defs = tuple(uses), tuple(defs)
    return after

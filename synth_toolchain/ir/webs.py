"""Split each vreg into its webs: one vreg per independent value it carries.

The IR is not SSA: a promoted wasm local is one vreg assigned in many
places, often with values that never meet (the counter of one loop, then of
the next).  A web is a set of definitions and uses joined by "this
definition reaches that use"; two webs of one vreg share no value, so
renaming one of them is exact.  The allocator gives each vreg one interval
(the hull of its live range), so a vreg that carried all its webs was live
from its first to its last appearance and competed for a register
everywhere in between; after the split each web has an interval of its own,
and one spilled web no longer puts the others in memory.

Webs are found with union-find over definitions and block entries: a use
joins the definition reaching it inside its block, or the block's entry
node, and a block entry joins the node live at the end of each
predecessor.  An op that updates operands in place (umlal: `accumulates`)
joins each result to the operand it overwrites.  Only vregs with several definitions can have several webs.
"""

from __future__ import annotations

from .analysis import definitions, liveness, members
from .ir import OPS, Inst, IRFunction
from .pipeline import PassContext


def split_webs(fn: IRFunction, ctx: PassContext) -> int:
    """Rename every web of a vreg but the first to a fresh vreg; the number
    of vregs added."""
    count, _ = definitions(fn)
    multi = 0
    for v, c in count.items():
        if c > 1:
            multi |= 1 << v
    if not multi:
        return 0
    live_in, live_out = liveness(fn, ctx.max_opt_work)
    parent: list[int] = []

    def node() -> int:
        parent.append(len(parent))
        return len(parent) - 1

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # node of each (block, vreg live at its entry), and of each operand naming
    # a vreg of several definitions: (instruction, use nodes, def nodes)
    entry: list[dict[int, int]] = []
    at_end: list[dict[int, int]] = []
    touched: list[tuple[Inst, list | None, list | None]] = []
    for bi, b in enumerate(fn.blocks):
        cur = {v: node() for v in members(live_in[bi] & multi)}
        entry.append(dict(cur))
        for ins in (*b.insts, b.term):
            un = dn = None
            for i, u in enumerate(ins.uses):
                if (multi >> u) & 1:
                    n = cur.get(u)
                    if n is None:                        # read before any write: own web
                        n = cur[u] = node()
                    if un is None:
                        un = [None] * len(ins.uses)
                    un[i] = n
            tied = len(ins.uses) - len(ins.defs) if OPS[ins.op].accumulates else None
            for i, d in enumerate(ins.defs):
                if (multi >> d) & 1:
                    if dn is None:
                        dn = [None] * len(ins.defs)
                    n = cur[d] = dn[i] = node()
                    if tied is not None:            # updated in place: one web
                        parent[n] = find(un[tied + i])
            if un is not None or dn is not None:
                touched.append((ins, un, dn))
        at_end.append({v: cur[v] for v in members(live_out[bi] & multi) if v in cur})
    index = {b.id: i for i, b in enumerate(fn.blocks)}
    for bi, b in enumerate(fn.blocks):
        for s in b.successors():
            si = index.get(s)
            if si is None:
                continue
            for v, n in entry[si].items():
                m = at_end[bi].get(v)
                if m is not None:
                    parent[find(m)] = find(n)
    # params arrive before the entry block: their web keeps the original name
    keep = {v: find(entry[0][v]) for v in fn.params if v in entry[0]}
    name: dict[int, int] = {}                            # web root → vreg
    added = 0

    def rename(v: int, n: int) -> int:
        nonlocal added
        r = find(n)
        got = name.get(r)
        if got is None:
            if keep.get(v, r) == r and v not in used_original:
                got = v
                used_original.add(v)
            else:
                got = fn.new_vreg()
                added += 1
                origin[got] = v
            name[r] = got
        return got

    used_original: set[int] = set(keep)
    for v, r in keep.items():
        name[r] = v
    origin: dict[int, int] = {}
    for ins, un, dn in touched:
        if un is not None:
            ins.uses = tuple(u if n is None else rename(u, n) for u, n in zip(ins.uses, un))
        if dn is not None:
            ins.defs = tuple(d if n is None else rename(d, n) for d, n in zip(ins.defs, dn))
    if added:
        _record_renames(fn, origin)
    return added


def _record_renames(fn: IRFunction, origin: dict[int, int]) -> None:
    """Carry the class and the local of each renamed vreg over to its new names."""
    if fn.vfp_vregs:
        fn.vfp_vregs = fn.vfp_vregs | {v for v, o in origin.items() if o in fn.vfp_vregs}
    if fn.local_vregs:
        webs: dict[int, list[int]] = {}
        for v, o in origin.items():
            webs.setdefault(o, []).append(v)
        fn.local_vregs = [tuple(v for o in vs for v in (o, *webs.get(o, ())))
                          for vs in fn.local_vregs]

"""Small IR clean-ups run after lowering."""

from __future__ import annotations

from .ir import OPS, IRFunction


def prune_unreachable(fn: IRFunction) -> None:
    """Drop blocks no path from the entry reaches (dead code after br/return)."""
    by_id = {b.id: b for b in fn.blocks}
    seen = {fn.blocks[0].id}
    work = [fn.blocks[0].id]
    while work:
        for s in by_id[work.pop()].successors():
            if s not in seen:
                seen.add(s)
                work.append(s)
    fn.blocks = [b for b in fn.blocks if b.id in seen]


def remove_dead_code(fn: IRFunction) -> None:
    """Delete side-effect-free instructions whose results nothing reads."""
    while True:
        used: set[int] = set()
        for b in fn.blocks:
            for ins in b.insts:
                used.update(ins.uses)
            used.update(b.term.uses)
        removed = False
        for b in fn.blocks:
            keep = [ins for ins in b.insts
                    if OPS[ins.op].side_effect or not ins.defs or used.intersection(ins.defs)]
            if len(keep) != len(b.insts):
                b.insts = keep
                removed = True
        if not removed:
            return

"""Small IR clean-ups run after lowering."""

from __future__ import annotations

from .ir import IRFunction


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

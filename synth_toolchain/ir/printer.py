"""Text form of the IR, for `--dump=ir` and tests."""

from __future__ import annotations

from .ir import Inst, IRFunction


def format_inst(ins: Inst) -> str:
    defs = ", ".join(f"v{d}" for d in ins.defs)
    uses = ", ".join(f"v{u}" for u in ins.uses)
    text = f"{defs} = {ins.op}" if defs else ins.op
    if uses:
        text += f" {uses}"
    if ins.imm is not None:
        text += f" [{ins.imm}]"
    return text


def format_function(fn: IRFunction) -> str:
    params = ", ".join(f"v{p}" for p in fn.params)
    lines = [f"function {fn.name}({params}) local_slots={fn.local_slots}"]
    for b in fn.blocks:
        lines.append(f"b{b.id}:")
        for ins in b.insts:
            lines.append(f"    {format_inst(ins)}")
        if b.term is not None:
            lines.append(f"    {format_inst(b.term)}")
    return "\n".join(lines)

"""The text form of the IR, for `--dump ir` and tests; ir/parser.py reads it back.

    function sum(i v1, i v2) -> (i)
        num_vregs 9
        uses_memory
    b0:
        v3 = symaddr @synth_memory
        v4 = load.w v3, v1 +8
        v5 = add v4, v2
        ret v5

The header lists the parameters grouped per wasm parameter, each with its
ABI kind (`sret v0` first when results return in memory), and the result
kinds.  Function fields that differ from their defaults follow, one per
line (syntax.ATTRIBUTES), then the blocks in layout order.  How each
immediate is written is in syntax.IMM_SYNTAX.
"""

from __future__ import annotations

from . import syntax
from .ir import OPS, Inst, IRFunction


def format_inst(ins: Inst) -> str:
    parts = syntax.IMM_SYNTAX[OPS[ins.op].imm].write(ins.imm)
    text = ins.op + "".join("." + s for s in parts.suffixes)
    if ins.defs:
        text = ", ".join(f"v{d}" for d in ins.defs) + " = " + text
    if parts.symbol:
        text += " " + parts.symbol
    operands = [f"v{u}" for u in ins.uses] + list(parts.operands)
    if operands:
        text += " " + ", ".join(operands)
    if parts.tail:
        text += " " + parts.tail
    return text


def _params(fn: IRFunction) -> str:
    groups = []
    params = iter(fn.params)
    if fn.sret is not None:
        if not fn.params or fn.params[0] != fn.sret:
            raise ValueError(f"{fn.name}: the sret vreg must be the first parameter")
        groups.append(f"sret v{next(params)}")
    if fn.param_kinds and len(fn.param_kinds) != len(fn.param_words):
        raise ValueError(f"{fn.name}: {len(fn.param_kinds)} ABI kinds for "
                         f"{len(fn.param_words)} parameters")
    for k, words in enumerate(fn.param_words):
        vregs = " ".join(f"v{next(params)}" for _ in range(words))
        groups.append(f"{fn.param_kinds[k]} {vregs}" if fn.param_kinds else vregs)
    if next(params, None) is not None:
        raise ValueError(f"{fn.name}: more parameter vregs than param_words says")
    return ", ".join(groups)


def format_function(fn: IRFunction) -> str:
    results = syntax.word_groups(fn.result_words, fn.result_kinds)
    lines = [f"function {syntax.name(fn.name)}({_params(fn)}) -> {results}"]
    for attr in syntax.ATTRIBUTES:
        value = attr.write(fn)
        if value is not None:
            lines.append(f"    {attr.name} {value}".rstrip())
    for b in fn.blocks:
        lines.append(f"b{b.id}:")
        lines.extend(f"    {format_inst(ins)}" for ins in b.insts)
        if b.term is not None:
            lines.append(f"    {format_inst(b.term)}")
    return "\n".join(lines)

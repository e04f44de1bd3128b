"""Estimated Cortex-M4 cycles of an executed instruction trace.

unicorn counts instructions, not cycles, and a real board is not part of the
build machine.  So each executed instruction is decoded once (capstone,
cached per basic block), classified by mnemonic and charged from the table
below, which follows the Cortex-M4 Technical Reference Manual (Table 3-1,
"Processor instruction set summary", zero wait states).  Modelled effects:

* a taken branch, or any instruction that writes pc, adds the pipeline
  refill P (1-3 cycles in the TRM; PIPELINE_REFILL = 2 here);
* a conditional branch at the end of a block is taken when the next block
  does not start right after it;
* a load or store that directly follows a single load in the same block
  costs one cycle less (TRM: "LDR [any] are pipelined when possible"; the
  address-dependency exception is not modelled);
* SDIV/UDIV take 2-12 cycles depending on the operands: DIVIDE is the mean.

Not modelled: flash wait states, the extra cycle of a load whose address
depends on the preceding instruction, IT folding, FPU register hazards.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

PIPELINE_REFILL = 2        # P
DIVIDE = 7                 # mean of SDIV/UDIV's 2-12
IT_COST = 1                # an IT instruction is charged; folding is not modelled

CONDITIONS = frozenset("eq ne cs hs cc lo mi pl vs vc hi ls ge lt gt le al".split())

# Base cost of each class; register-list and pc effects are added in `cost`.
# Multiplies ("mul") are all 1.  The Cortex-M4 TRM r0p1 (ARM 100166_0001_00,
# 3.3.1, Table 3-1 "Processor instruction set summary") gives MUL, MLA and MLS
# 1 cycle, and SMULL, UMULL, SMLAL and UMLAL 1 (read in TI's copy of the table,
# SWCU192 Table 3-25, "Cortex-M4F instructions and their cycle counts").  The
# 2-cycle MLA/MLS and 3-7-cycle long multiplies often quoted are the
# Cortex-M3 TRM's.  The DSP multiplies (smulbb, smlabb, umaal, …; the TRM's
# DSP table) stay at 1 without a figure checked here.
CLASS_COST = {
    "alu": 1, "mul": 1, "div": DIVIDE, "load": 2, "store": 1, "load2": 3, "store2": 3,
    "multi": 1, "branch": 1, "cbranch": 1, "table_branch": 2, "it": IT_COST,
    "fpu": 1, "fpu_mac": 3, "fpu_div": 14, "fpu_load": 2, "fpu_store": 2,
    "fpu_multi": 1, "fpu_move2": 2, "system": 1,
}

_CLASSES = {
    "alu": """mov mvn movw movt add adc sub sbc rsb adr and orr orn eor bic lsl lsr asr ror rrx
              cmp cmn tst teq neg clz rbit rev rev16 revsh sxtb sxth uxtb uxth sxtab sxtah
              uxtab uxtah bfi bfc ubfx sbfx ssat usat ssat16 usat16 sel qadd qsub qdadd qdsub
              sadd16 ssub16 sadd8 ssub8 uadd16 usub16 uadd8 usub8 qadd16 qsub16 qadd8 qsub8
              uqadd16 uqsub16 uqadd8 uqsub8 shadd16 shsub16 uhadd16 uhsub16 sasx ssax uasx usax
              pkhbt pkhtb usad8 usada8 nop addw subw cpy uxtb16 sxtb16""",
    "mul": """mul mla mls smull umull smlal umlal umaal smulbb smulbt smultb smultt smlabb
              smlabt smlatb smlatt smulwb smulwt smlawb smlawt smlad smladx smlsd smlsdx
              smlald smlaldx smlsld smlsldx smmul smmulr smmla smmlar smmls smmlsr smuad
              smuadx smusd smusdx smlalbb smlalbt smlaltb smlaltt""",
    "div": "sdiv udiv",
    "load": "ldr ldrb ldrh ldrsb ldrsh ldrt ldrbt ldrht ldrsbt ldrsht ldrex ldrexb ldrexh",
    "store": "str strb strh strt strbt strht strex strexb strexh",
    "load2": "ldrd",
    "store2": "strd",
    "multi": "ldm ldmia ldmfd ldmdb ldmea stm stmia stmea stmdb stmfd push pop",
    "branch": "b bl blx bx",
    "cbranch": "cbz cbnz",
    "table_branch": "tbb tbh",
    "fpu": """vadd vsub vmul vnmul vneg vabs vcmp vcmpe vcvt vcvtr vcvta vcvtn vcvtp vcvtm vmov
              vmrs vmsr vrinta vrintn vrintp vrintm vrintz vrintx vrintr vmaxnm vminnm vsel""",
    "fpu_mac": "vmla vmls vnmla vnmls vfma vfms vfnma vfnms",
    "fpu_div": "vdiv vsqrt",
    "fpu_load": "vldr",
    "fpu_store": "vstr",
    "fpu_multi": "vldm vldmia vldmdb vstm vstmia vstmdb vpush vpop",
    "system": "mrs msr cpsid cpsie dmb dsb isb bkpt svc wfi wfe sev yield udf",
}
MNEMONIC_CLASS = {m: cls for cls, names in _CLASSES.items() for m in names.split()}
_SINGLE_LOADS = frozenset(_CLASSES["load"].split())
_PIPELINED_AFTER_LOAD = {"load", "store"}


def classify(mnemonic: str) -> tuple[str | None, str, bool]:
    """(class, base mnemonic, conditional) of a capstone mnemonic.

    Strips the width qualifier (.w/.n), data type (.f32, .u8 ...), the flag
    setting `s` and a condition code (inside an IT block), in that order of
    preference, until a known base mnemonic remains."""
    m = mnemonic.lower().split(".", 1)[0]
    if m.startswith("it") and set(m[2:]) <= {"t", "e"}:
        return "it", "it", False
    candidates = [(m, False)]
    if m[-2:] in CONDITIONS:
        candidates.append((m[:-2], True))
    if m.endswith("s"):
        candidates.append((m[:-1], False))
    if m[-2:] in CONDITIONS and m[:-2].endswith("s"):
        candidates.append((m[:-3], True))
    for base, cond in candidates:
        cls = MNEMONIC_CLASS.get(base)
        if cls is not None:
            if cls == "branch" and base == "b" and cond:
                return "cbranch", base, True
            return cls, base, cond
    return None, m, False


def _register_count(op_str: str) -> int:
    """Registers in a {list}, counting ranges such as r4-r7."""
    inner = op_str[op_str.find("{") + 1:op_str.rfind("}")]
    n = 0
    for part in inner.split(","):
        part = part.strip()
        if "-" in part:
            lo, hi = part.split("-")
            n += int(hi.strip()[1:]) - int(lo.strip()[1:]) + 1
        elif part:
            n += 1
    return n


def _writes_pc(cls: str, base: str, op_str: str) -> bool:
    ops = op_str.replace(" ", "")
    if cls == "multi" or cls == "fpu_multi":
        return base.startswith(("pop", "ldm")) and "pc" in ops[ops.find("{"):]
    return (cls in ("alu", "load") and ops.startswith("pc,")) or \
        cls in ("branch", "cbranch", "table_branch")


@dataclass(slots=True)
class BlockCost:
    """Static cost of one basic block; `cond_branch_end` says whether its last
    instruction is a conditional pc write whose refill depends on the path."""
    instructions: int
    cycles: int
    cond_branch_end: bool
    unclassified: Counter = field(default_factory=Counter)


def block_cost(insns: list[tuple[int, int, str, str]]) -> BlockCost:
    """Cost of a block from capstone's (address, size, mnemonic, op_str) tuples."""
    cycles = 0
    prev_single_load = False
    cond_end = False
    unknown: Counter = Counter()
    for i, (_addr, _size, mnemonic, op_str) in enumerate(insns):
        cls, base, cond = classify(mnemonic)
        if cls is None:
            unknown[base] += 1
            c = 1
        else:
            c = CLASS_COST[cls]
            if cls in ("multi", "fpu_multi"):
                c += _register_count(op_str)
            if prev_single_load and cls in _PIPELINED_AFTER_LOAD:
                c = max(1, c - 1)
            last = i == len(insns) - 1
            if _writes_pc(cls, base, op_str):
                if cls == "cbranch" or cond:
                    cond_end = last       # refill charged once the next block is known
                else:
                    c += PIPELINE_REFILL
        cycles += c
        prev_single_load = cls == "load" and base in _SINGLE_LOADS
    return BlockCost(len(insns), cycles, cond_end, unknown)

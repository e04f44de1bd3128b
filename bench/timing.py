"""Estimated cycles of an executed instruction trace, one table per core.

unicorn counts instructions, not cycles, and a real board is not part of the
build machine.  So each executed instruction is decoded once (capstone,
cached per basic block), classified by mnemonic (MNEMONIC_CLASS, shared by
the cores) and charged from the core's `CoreTiming` (TIMINGS), zero wait
states throughout.

Cortex-M4 (`CORTEX_M4`), after the Cortex-M4 Technical Reference Manual
(Table 3-1, "Processor instruction set summary"):

* a taken branch, or any instruction that writes pc, adds the pipeline
  refill P (1-3 cycles in the TRM; PIPELINE_REFILL = 2 here);
* a load or store that directly follows a single load in the same block
  costs one cycle less (TRM: "LDR [any] are pipelined when possible"; the
  address-dependency exception is not modelled);
* SDIV/UDIV take 2-12 cycles depending on the operands: DIVIDE is the mean.
  Not modelled: the extra cycle of a load whose address depends on the
  preceding instruction, IT folding, FPU register hazards.

Cortex-M0+ (`CORTEX_M0PLUS`), after the Cortex-M0+ Technical Reference
Manual r0p1 (ARM DDI 0484C, 3.3 "Instruction set summary", Table 3-1
"Cortex-M0+ instruction summary"), whose cycles are exact for the
two-stage pipeline, no variable refill:

* data processing, compare, shift, extend, reverse: 1; MOV or ADD to pc: 2;
* MULS: 1 with the single-cycle multiplier, the option modelled here (the
  TRM: "1 or 32" by the implementation; RP2040, STM32G0/L0/C0, SAMD21
  have the fast one); no divide instruction (libgcc's __aeabi_idiv runs);
* every load and store: 2 (1 only on the single-cycle I/O port, which
  the bench does not touch); nothing is pipelined;
* LDM, STM, PUSH, POP: 1 + N; POP with pc: 3 + N (N counts every register
  of the list, pc and lr included: one bus transfer each);
* B<cc>: 1 not taken, 2 taken; B: 2; BL: 3; BX, BLX: 2;
* MRS, MSR, DMB, DSB, ISB: 3; WFE, WFI: 2; CPSID/CPSIE, SEV, YIELD, NOP: 1.
  Only the first part of the table (moves to loads) was read in the
  TRM here; the stores, multiples, branches and system rows are the
  figures of the same table as cross-checked against an RP2040 emulator
  that counts cycles by it (wokwi/rp2040js, src/cortex-m0-core.ts).

Both: a conditional branch at the end of a block is taken when the next
block does not start right after it; flash wait states are not modelled.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Mapping

PIPELINE_REFILL = 2        # P, Cortex-M4
DIVIDE = 7                 # mean of SDIV/UDIV's 2-12
IT_COST = 1                # an IT instruction is charged; folding is not modelled

CONDITIONS = frozenset("eq ne cs hs cc lo mi pl vs vc hi ls ge lt gt le al".split())

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
    "branch": "b blx bx bxns blxns",
    "call": "bl",
    "cbranch": "",                      # b<cond>, see classify
    "cbz": "cbz cbnz",
    "table_branch": "tbb tbh",
    "fpu": """vadd vsub vmul vnmul vneg vabs vcmp vcmpe vcvt vcvtr vcvta vcvtn vcvtp vcvtm vmov
              vmrs vmsr vrinta vrintn vrintp vrintm vrintz vrintx vrintr vmaxnm vminnm vsel""",
    "fpu_mac": "vmla vmls vnmla vnmls vfma vfms vfnma vfnms",
    "fpu_div": "vdiv vsqrt",
    "fpu_load": "vldr",
    "fpu_store": "vstr",
    "fpu_multi": "vldm vldmia vldmdb vstm vstmia vstmdb vpush vpop",
    "barrier": "dmb dsb isb",
    "sysreg": "mrs msr",
    "wait": "wfi wfe",
    # capstone names an unallocated hint `hint` and UDF #254 `trap`
    "system": "cpsid cpsie bkpt svc sev yield udf hint trap",
    "it": "",                           # it, itt, ite, ...: see classify
}
MNEMONIC_CLASS = {m: cls for cls, names in _CLASSES.items() for m in names.split()}
_SINGLE_LOADS = frozenset(_CLASSES["load"].split())
_CONDITIONAL = frozenset({"cbranch", "cbz"})


@dataclass(frozen=True, slots=True)
class CoreTiming:
    """One core's cycle table: the base cycles of each instruction class,
    the extra cycles when an instruction of the class writes pc (a taken
    conditional branch included), and whether a load or store directly
    after a single load costs a cycle less.  A class missing from `cost`
    does not exist on the core: such an instruction is charged 1 and
    reported as unclassified."""
    label: str
    source: str                         # where the figures come from
    emulator: str                       # which unicorn model runs the code
    cost: Mapping[str, int]
    pc_write: Mapping[str, int]
    pipelined_loads: bool = False


# Multiplies ("mul") are all 1.  The Cortex-M4 TRM r0p1 (ARM 100166_0001_00,
# 3.3.1, Table 3-1 "Processor instruction set summary") gives MUL, MLA and MLS
# 1 cycle, and SMULL, UMULL, SMLAL and UMLAL 1 (read in TI's copy of the table,
# SWCU192 Table 3-25, "Cortex-M4F instructions and their cycle counts").  The
# 2-cycle MLA/MLS and 3-7-cycle long multiplies often quoted are the
# Cortex-M3 TRM's.  The DSP multiplies (smulbb, smlabb, umaal, …; the TRM's
# DSP table) stay at 1 without a figure checked here.  Barriers, MRS/MSR and
# the hints are charged 1 (no kernel executes them).
CORTEX_M4 = CoreTiming(
    label="Cortex-M4",
    source="Cortex-M4 TRM (ARM 100166_0001_00) Table 3-1, P = 2",
    emulator="unicorn's Cortex-M4",
    cost={"alu": 1, "mul": 1, "div": DIVIDE, "load": 2, "store": 1, "load2": 3, "store2": 3,
          "multi": 1, "branch": 1, "call": 1, "cbranch": 1, "cbz": 1, "table_branch": 2,
          "it": IT_COST, "fpu": 1, "fpu_mac": 3, "fpu_div": 14, "fpu_load": 2, "fpu_store": 2,
          "fpu_multi": 1, "fpu_move2": 2, "barrier": 1, "sysreg": 1, "wait": 1, "system": 1},
    pc_write={cls: PIPELINE_REFILL for cls in ("alu", "load", "multi", "branch", "call",
                                               "cbranch", "cbz", "table_branch")},
    pipelined_loads=True)

# ARMv6-M has no IT, CBZ/CBNZ, divide, LDRD/STRD, table branch or FPU: those
# classes are missing, so any such instruction shows up as unclassified.
CORTEX_M0PLUS = CoreTiming(
    label="Cortex-M0+",
    source="Cortex-M0+ TRM (ARM DDI 0484C) Table 3-1, single-cycle multiplier",
    emulator="unicorn's Cortex-M0 (ARMv6-M: it rejects Thumb-2 instructions)",
    cost={"alu": 1, "mul": 1, "load": 2, "store": 2, "multi": 1, "branch": 1, "call": 2,
          "cbranch": 1, "barrier": 3, "sysreg": 3, "wait": 2, "system": 1},
    # MOV/ADD pc 2, B 2, BX/BLX 2, BL 3, B<cc> taken 2, POP {..pc} 3 + N
    pc_write={"alu": 1, "branch": 1, "call": 1, "cbranch": 1, "multi": 2})

TIMINGS = {"cortex-m4": CORTEX_M4, "cortex-m0plus": CORTEX_M0PLUS}


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
        cls in ("branch", "call", "cbranch", "cbz", "table_branch")


@dataclass(slots=True)
class BlockCost:
    """Static cost of one basic block; `taken_extra` is what its last
    instruction, a conditional pc write, adds when it is taken (0: the
    block does not end in one)."""
    instructions: int
    cycles: int
    taken_extra: int
    unclassified: Counter = field(default_factory=Counter)

    @property
    def cond_branch_end(self) -> bool:
        return self.taken_extra > 0


def block_cost(insns: list[tuple[int, int, str, str]],
               timing: CoreTiming = CORTEX_M4) -> BlockCost:
    """Cost of a block from capstone's (address, size, mnemonic, op_str) tuples."""
    cycles = 0
    prev_single_load = False
    taken_extra = 0
    unknown: Counter = Counter()
    for i, (_addr, _size, mnemonic, op_str) in enumerate(insns):
        cls, base, cond = classify(mnemonic)
        c = timing.cost.get(cls) if cls is not None else None
        if c is None:
            unknown[base] += 1
            c = 1
            cls = None
        else:
            if cls in ("multi", "fpu_multi"):
                c += _register_count(op_str)
            if timing.pipelined_loads and prev_single_load and cls in ("load", "store"):
                c = max(1, c - 1)
            if _writes_pc(cls, base, op_str):
                refill = timing.pc_write.get(cls, 0)
                if cls in _CONDITIONAL or cond:
                    # charged once the next block is known
                    taken_extra = refill if i == len(insns) - 1 else 0
                else:
                    c += refill
        cycles += c
        prev_single_load = cls == "load" and base in _SINGLE_LOADS
    return BlockCost(len(insns), cycles, taken_extra, unknown)

"""Measuring a built variant: code size from the ELF symbol tables, and
instructions, estimated cycles and the checksum from one emulated run.

Size rule: the kernel's code is the sum of the sizes of the STT_FUNC symbols
defined in the objects built from the kernel: the C functions (native), all
wasm2c-generated functions (incl. its init/instantiate code), every function
of the synth object (incl. the runtime helpers it emits).  "Support" is what
the link added besides the harness and glue: libgcc (soft float, 64-bit
division), newlib's mem* if gcc called them, and the wasm2c runtime.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from capstone import CS_ARCH_ARM, CS_MODE_MCLASS, CS_MODE_THUMB, Cs
from elftools.elf.elffile import ELFFile
from elftools.elf.sections import SymbolTableSection
from unicorn import UC_HOOK_BLOCK

from synth_toolchain.run.emulator import Emulator
from synth_toolchain.wasm.module import ValType

from .build import Build
from .timing import CORTEX_M4, TIMINGS, BlockCost, CoreTiming, block_cost

MAX_INSTRUCTIONS = 400_000_000


def _functions(path: str) -> dict[tuple[str, int, str], int]:
    """(section, address, name) -> size of each defined STT_FUNC symbol."""
    out: dict[tuple[str, int, str], int] = {}
    with open(path, "rb") as f:
        elf = ELFFile(f)
        for sec in elf.iter_sections():
            if not isinstance(sec, SymbolTableSection):
                continue
            for sym in sec.iter_symbols():
                if sym["st_info"]["type"] == "STT_FUNC" and sym["st_shndx"] != "SHN_UNDEF":
                    out[(str(sym["st_shndx"]), sym["st_value"] & ~1, sym.name)] = sym["st_size"]
    return out


def _unique_bytes(funcs: dict[tuple[str, int, str], int]) -> int:
    """Aliases (two names, one address) count once."""
    by_place: dict[tuple[str, int], int] = {}
    for (sec, addr, _name), size in funcs.items():
        by_place[(sec, addr)] = max(size, by_place.get((sec, addr), 0))
    return sum(by_place.values())


def code_sizes(build: Build) -> tuple[int, int]:
    """(kernel bytes, support bytes) of a build, by the rule above."""
    kernel = sum(_unique_bytes(_functions(o)) for o in build.kernel_objects)
    ours: set[str] = {"synth_trap", "__synth_halt"}
    for o in (*build.kernel_objects, *build.glue_objects):
        ours.update(name for (_s, _a, name) in _functions(o))
    linked = {k: v for k, v in _functions(build.exe).items() if k[2] not in ours}
    return kernel, _unique_bytes(linked)


@dataclass(slots=True)
class RunResult:
    checksum: int | None = None
    instructions: int = 0
    cycles: int = 0
    trap: int | None = None
    unclassified: Counter = field(default_factory=Counter)


class _CycleCounter:
    """UC_HOOK_BLOCK callback: static block costs (the core's table) plus the
    refill of each conditional branch found taken when the next block starts
    elsewhere."""

    def __init__(self, skip: set[int], timing: CoreTiming = CORTEX_M4):
        self.skip = skip                  # the halt loop the call returns into
        self.timing = timing
        self.cs = Cs(CS_ARCH_ARM, CS_MODE_THUMB | CS_MODE_MCLASS)
        self.cache: dict[tuple[int, int], BlockCost] = {}
        self.instructions = 0
        self.cycles = 0
        self.unclassified: Counter = Counter()
        self._pending_fallthrough: int | None = None
        self._pending_extra = 0

    def __call__(self, uc, address, size, _user):
        if address in self.skip:
            return
        if self._pending_fallthrough is not None and address != self._pending_fallthrough:
            self.cycles += self._pending_extra
        cost = self.cache.get((address, size))
        if cost is None:
            code = bytes(uc.mem_read(address, size))
            cost = block_cost(list(self.cs.disasm_lite(code, address)), self.timing)
            self.cache[(address, size)] = cost
            self.unclassified.update(cost.unclassified)
        self.instructions += cost.instructions
        self.cycles += cost.cycles
        self._pending_fallthrough = address + size if cost.taken_extra else None
        self._pending_extra = cost.taken_extra


def run(build: Build) -> RunResult:
    """bench_init() uncounted, then bench_run() counted, on the variant's
    emulated core (unicorn's Cortex-M0 model for the M0+), cycles from its table."""
    cpu = build.variant.cpu
    emu = Emulator(build.exe, cpu=cpu, float_abi=build.variant.float_abi)
    init = emu.call("bench_init", (), (), ())
    if init.trap is not None:
        return RunResult(trap=init.trap)
    counter = _CycleCounter({emu.symbol_address("__synth_halt") & ~1}, TIMINGS[cpu])
    hook = emu.uc.hook_add(UC_HOOK_BLOCK, counter)
    try:
        res = emu.call("bench_run", (), (), (ValType.I32,), max_instructions=MAX_INSTRUCTIONS)
    finally:
        emu.uc.hook_del(hook)
    out = RunResult(None, counter.instructions, counter.cycles, res.trap, counter.unclassified)
    if res.trap is None:
        out.checksum = res.values[0]
    return out

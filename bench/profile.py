"""Where a variant's estimated cycles go: the hottest basic blocks of one run.

    python -m bench.profile sha256                      # synth-opt, top 12 blocks
    python -m bench.profile q15corr --variant synth-opt-unchecked --top 20
    python -m bench.profile crc32 --cpu cortex-m0plus     # on the M0+ (its cycle table)

Builds the kernel as one variant (bench.build), runs it once on the emulated
core (Cortex-M4 by default) like bench.run does, and prints each hot block with its function,
execution count, share of all estimated cycles and its disassembly.  Reading
these blocks is how the code-quality work finds what to fix next.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

from capstone import CS_ARCH_ARM, CS_MODE_MCLASS, CS_MODE_THUMB, Cs
from elftools.elf.elffile import ELFFile
from elftools.elf.sections import SymbolTableSection
from unicorn import UC_HOOK_BLOCK

from synth_toolchain.run.emulator import Emulator
from synth_toolchain.wasm.module import ValType

from . import build as B
from .kernels import resolve
from .measure import MAX_INSTRUCTIONS, _CycleCounter
from .timing import TIMINGS


class _BlockProfile(_CycleCounter):
    """The bench's cycle counter, also counting executions per block."""

    def __init__(self, skip: set[int], timing):
        super().__init__(skip, timing)
        self.hits: Counter = Counter()

    def __call__(self, uc, address, size, user):
        super().__call__(uc, address, size, user)
        if address not in self.skip:
            self.hits[(address, size)] += 1


def _function_starts(exe: str) -> list[tuple[int, str]]:
    with open(exe, "rb") as f:
        elf = ELFFile(f)
        out = []
        for sec in elf.iter_sections():
            if isinstance(sec, SymbolTableSection):
                out += [(s["st_value"] & ~1, s.name) for s in sec.iter_symbols()
                        if s["st_info"]["type"] == "STT_FUNC" and s["st_shndx"] != "SHN_UNDEF"]
    return sorted(out)


def _owner(starts: list[tuple[int, str]], address: int) -> str:
    name = "?"
    for start, sym in starts:
        if start > address:
            break
        name = f"{sym}+{address - start:#x}"
    return name


def profile(kernel_spec: str, variant_name: str, top: int, cpu: str = B.CPU) -> str:
    (kernel,) = resolve(kernel_spec)
    variant = B.CORES[cpu].by_name[variant_name]
    with tempfile.TemporaryDirectory() as tmp:
        wd = Path(tmp)
        wasm = B.build_wasm(kernel, wd / "wasm", variant.clang_opt)[0] if variant.wasm else None
        build = B.build_variant(kernel, variant, wd / variant.name, wasm)
        emu = Emulator(build.exe, cpu=cpu, float_abi=build.variant.float_abi)
        emu.call("bench_init", (), (), ())
        prof = _BlockProfile({emu.symbol_address("__synth_halt") & ~1}, TIMINGS[cpu])
        hook = emu.uc.hook_add(UC_HOOK_BLOCK, prof)
        try:
            emu.call("bench_run", (), (), (ValType.I32,), max_instructions=MAX_INSTRUCTIONS)
        finally:
            emu.uc.hook_del(hook)
        starts = _function_starts(build.exe)
        cs = Cs(CS_ARCH_ARM, CS_MODE_THUMB | CS_MODE_MCLASS)
        ranked = sorted(prof.hits.items(),
                        key=lambda kv: -kv[1] * prof.cache[kv[0]].cycles)[:top]
        lines = [f"{kernel.name} {variant.name}: {prof.instructions} instructions, "
                 f"{prof.cycles} est. cycles"]
        for (addr, size), n in ranked:
            cyc = n * prof.cache[(addr, size)].cycles
            lines.append(f"\n{_owner(starts, addr)}  x{n}  {cyc} cycles "
                         f"({100 * cyc / max(prof.cycles, 1):.1f}%)")
            code = bytes(emu.uc.mem_read(addr, size))
            lines += [f"  {i.address:08x}  {i.mnemonic:8} {i.op_str}"
                      for i in cs.disasm(code, addr)]
        return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.profile",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("kernel", help="kernel name or directory")
    p.add_argument("--variant", default="synth-opt", choices=list(B.VARIANT_BY_NAME))
    p.add_argument("--cpu", choices=list(B.CORES), default=B.CPU, help="the emulated core")
    p.add_argument("--top", type=int, default=12, help="number of blocks shown")
    args = p.parse_args(argv)
    if args.variant not in B.CORES[args.cpu].by_name:
        p.error(f"{args.cpu} has no variant {args.variant}")
    print(profile(args.kernel, args.variant, args.top, args.cpu))
    return 0


if __name__ == "__main__":
    sys.exit(main())

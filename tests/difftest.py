"""Differential execution: compiled code on the emulated Cortex-M versus wasmtime.

`check_module` compiles a module at each requested tier, links it with the
real GNU linker, runs every call on unicorn and compares values and traps
with the wasmtime reference instance that received the same calls.
"""

from __future__ import annotations

import os
import random
import tempfile
from dataclasses import dataclass, replace

import wasmtime

from synth_toolchain.arm.lowering_target import THUMB2
from synth_toolchain.driver import build_executable, compile_file
from synth_toolchain.ir.lower import lower_function
from synth_toolchain.ir.pipeline import Pass, PassContext
from synth_toolchain.layout import MEM_BYTES, ModuleLayout
from synth_toolchain.options import Options
from synth_toolchain.run.emulator import Emulator
from synth_toolchain.run.reference import Reference, ReferenceError_
from synth_toolchain.run.values import HostFunction
from synth_toolchain.tiers import INTERNAL_ERROR, LADDER, TIER_NAMES, TIERS, Ladder
from synth_toolchain.traps import Trap
from synth_toolchain.wasm.loader import load_bytes
from synth_toolchain.wasm.module import ExternKind, ValType

INTERESTING_32 = [0, 1, 2, 3, 7, 31, 32, 33, 63, 64, 255, 0x7FFF, 0x8000, 0xFFFF,
                  0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFF, 0xFFFFFFFE, 0x12345678]
INTERESTING_64 = INTERESTING_32 + [0x7FFFFFFFFFFFFFFF, 0x8000000000000000,
                                   0xFFFFFFFFFFFFFFFF, 0x100000000, 0xFFFFFFFF00000000,
                                   0x123456789ABCDEF0]


def to_wasm(source: str | bytes) -> bytes:
    if isinstance(source, bytes) and source[:4] == b"\0asm":
        return source
    return wasmtime.wat2wasm(source)


INTERESTING_F32 = [0x00000000, 0x80000000, 0x3F800000, 0xBF800000, 0x3F000000, 0x3FC00000,
                   0x7F800000, 0xFF800000, 0x7FC00000, 0x7FA00001, 0xFFC00123, 0x00000001,
                   0x007FFFFF, 0x00800000, 0x7F7FFFFF, 0x4B800001, 0x4F000000, 0xCF000000,
                   0x3EAAAAAB, 0x40490FDB]
INTERESTING_F64 = [0x0, 0x8000000000000000, 0x3FF0000000000000, 0xBFF0000000000000,
                   0x3FE0000000000000, 0x3FF8000000000000, 0x7FF0000000000000,
                   0xFFF0000000000000, 0x7FF8000000000000, 0x7FF4000000000001,
                   0xFFF8000000001234, 0x1, 0x000FFFFFFFFFFFFF, 0x0010000000000000,
                   0x7FEFFFFFFFFFFFFF, 0x41E0000000000000, 0xC1E0000000000000,
                   0x43E0000000000000, 0x400921FB54442D18, 0x3FD5555555555555]
POOLS = {ValType.I32: INTERESTING_32, ValType.I64: INTERESTING_64,
         ValType.F32: INTERESTING_F32, ValType.F64: INTERESTING_F64}


def is_nan(bits: int, t) -> bool:
    if t == ValType.F32:
        return (bits & 0x7F800000) == 0x7F800000 and bits & 0x007FFFFF != 0
    if t == ValType.F64:
        return (bits & 0x7FF0000000000000) == 0x7FF0000000000000 and bits & 0xFFFFFFFFFFFFF != 0
    return False


def results_match(expected, got, types) -> bool:
    """Equal values and traps; a NaN result matches any arithmetic NaN (quiet bit set),
    as the spec leaves the payload of arithmetic NaNs nondeterministic."""
    if expected.trap is not None or got.trap is not None:
        return expected.trap == got.trap
    for e, g, t in zip(expected.values, got.values, types):
        if e == g:
            continue
        if is_nan(e, t):
            quiet = 1 << 22 if t == ValType.F32 else 1 << 51
            if not (is_nan(g, t) and g & quiet):
                return False
        elif e != g:
            return False
    return len(expected.values) == len(got.values)


def sample_args(params, rng: random.Random, n: int) -> list[tuple[int, ...]]:
    out = []
    for _ in range(n):
        row = []
        for t in params:
            pool = POOLS.get(t, INTERESTING_32)
            if rng.random() < 0.6:
                row.append(rng.choice(pool))
            else:
                bits = 64 if t in (ValType.I64, ValType.F64) else 32
                row.append(rng.getrandbits(bits) >> rng.choice((0, 0, 8, 16, bits - 4)))
        out.append(tuple(row))
    return out


@dataclass
class Mismatch:
    tier: str
    export: str
    args: tuple
    expected: object
    got: object

    def __str__(self) -> str:
        return (f"[{self.tier}] {self.export}{self.args}: wasmtime {self.expected} "
                f"!= synth {self.got}")


def _describe(res) -> str:
    if res.trap is not None:
        return f"trap({Trap(res.trap).message})"
    return f"values({', '.join(hex(v) for v in res.values)})"


def with_pass_replaced(name: str, run) -> Ladder:
    """The standard ladder with the pass `name` running `run` instead, in every
    tier (a pass with a defect, for the ladder's safety net)."""
    def swap(p: Pass) -> Pass:
        return replace(p, run=run) if p.name == name else p
    return Ladder(tiers=tuple(replace(t, passes=tuple(map(swap, t.passes))) for t in TIERS))


def check_module(source, calls=None, *, tiers=TIER_NAMES, memory_size=None, cpu="cortex-m4",
                 hosts=None, samples=12, seed=0, bounds="checked", options_extra=None,
                 ladder=LADDER, reference_source=None):
    """Run `calls` [(export, args)] (or sampled args for every export) and compare.
    `ladder`: how functions are compiled (a test's own tiers or budget).
    `reference_source`: the module wasmtime runs instead, the same one with its
    memory exported as "memory"; then linear memory (its size and every byte)
    is compared after each call too, trapping ones included: a store a check
    overtook, or one done before a trap that should have come first, shows.

    Returns the compile results per tier (for report assertions)."""
    wasm = to_wasm(source)
    results = {}
    ref_calls = None
    for tier in tiers:
        opts = Options(cpu=cpu, tier=tier, memory_size=memory_size, bounds=bounds,
                       verify_allocation=True, **(options_extra or {}))
        result = compile_file("test.wasm", opts, data=wasm, ladder=ladder)
        results[tier] = result
        defects = [(f.symbol, t, why) for f in result.compiled.functions
                   for t, why in f.attempts if why.startswith(INTERNAL_ERROR)]
        assert not defects, f"[{tier}] a tier failed on a compiler defect: {defects}"
        m = result.compiled.module
        if calls is None:
            rng = random.Random(seed)
            calls = []
            for e in m.exports:
                if e.kind == ExternKind.FUNC:
                    ft = m.func_type(e.index)
                    for args in sample_args(ft.params, rng, samples if ft.params else 1):
                        calls.append((e.name, args))
        if ref_calls is None:
            ref = Reference(to_wasm(reference_source) if reference_source else wasm,
                            _ref_hosts(m, hosts))
            ref_calls, ref_memory = [], []
            for name, args in calls:
                ref_calls.append(ref.call(name, args))
                ref_memory.append(_reference_memories(ref, m) if reference_source else None)
        with tempfile.TemporaryDirectory(prefix="synth-diff-") as tmp:
            exe = build_executable(result, tmp, opts)
            emu = Emulator(exe, _emu_hosts(result, hosts), cpu=cpu, float_abi=opts.float_abi)
            init = emu.call(result.compiled.layout.init_symbol, (), (), ())
            assert init.trap is None, f"[{tier}] init trapped: {_describe(init)}"
            lay = result.compiled.layout
            for (name, args), expected, memory in zip(calls, ref_calls, ref_memory):
                e = next(x for x in m.exports if x.name == name and x.kind == ExternKind.FUNC)
                ft = m.func_type(e.index)
                got = emu.call(lay.export_symbols(e.index)[0], ft.params, args, ft.results,
                               max_instructions=20_000_000)
                if not results_match(expected, got, ft.results):
                    raise AssertionError(str(Mismatch(tier, name, args, _describe(expected),
                                                      _describe(got))))
                for k, want in enumerate(memory or ()):
                    differs = want is not None and \
                        _memory_difference(want, _emulated_memory(emu, lay, k))
                    if differs:
                        raise AssertionError(f"[{tier}] {name}{args}: {_describe(got)} in both, "
                                             f"but memory{f' {k}' if k else ''} differs "
                                             f"after it: {differs}")
    return results


def reference_memory_name(k: int) -> str:
    """The name a reference module exports memory k under: memory, memory1, …"""
    return f"memory{k}" if k else "memory"


def _reference_memories(ref: Reference, m) -> list[bytes | None]:
    """Each memory's bytes in wasmtime, by index (None: not exported to compare)."""
    out = []
    for k in range(len(m.all_memories())):
        try:
            out.append(ref.memory_bytes(reference_memory_name(k)))
        except ReferenceError_:
            out.append(None)
    return out


def _emulated_memory(emu: Emulator, lay, k: int = 0) -> bytes:
    """The accessible bytes of the module's linear memory k on the emulator."""
    sym = lay.memories[k].symbol
    size = int.from_bytes(emu.read_memory(emu.symbol_address(sym) + MEM_BYTES, 4), "little")
    return emu.read_memory(sym, size)


def _memory_difference(expected: bytes, got: bytes) -> str:
    """'' when equal, else the sizes or the first bytes that differ."""
    if len(expected) != len(got):
        return f"size {len(expected):#x} in wasmtime, {len(got):#x} in synth"
    if expected == got:                 # (the byte loop below takes 20 ms a page)
        return ""
    at = next((i for i, (a, b) in enumerate(zip(expected, got)) if a != b), None)
    if at is None:
        return ""
    return (f"at {at:#x}: wasmtime {expected[at:at + 8].hex()} "
            f"synth {got[at:at + 8].hex()}")


def _ref_hosts(module, hosts):
    if not hosts:
        return None
    out = {}
    for imp in module.imports_of(ExternKind.FUNC):
        if imp.name in hosts:
            out[(imp.module, imp.name)] = hosts[imp.name]
    return out


def _emu_hosts(result, hosts):
    if not hosts:
        return None
    lay = result.compiled.layout
    out = {}
    for i, imp in enumerate(result.compiled.module.imports_of(ExternKind.FUNC)):
        if imp.name in hosts:
            out[lay.func_symbol(i)] = hosts[imp.name]
    return out


FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")


def opt_ir(source, export: str, **options):
    """The IR of `export` after the opt tier's passes (those that need no FPU)."""
    module = load_bytes(to_wasm(source), "t.wasm")
    layout = ModuleLayout(module, Options(**options))
    idx = next(e.index for e in module.exports if e.name == export)
    fn = lower_function(layout, idx, True, THUMB2)
    ctx = PassContext.for_layout(layout)
    for p in TIERS[0].passes:
        if not p.needs_fpu:
            p.run(fn, ctx)
    return fn


def fixture(name: str) -> str:
    with open(os.path.join(FIXTURES, name)) as f:
        return f.read()


__all__ = ["check_module", "fixture", "FIXTURES", "HostFunction", "to_wasm"]

"""Memories of 1-byte pages (the custom-page-sizes proposal) against wasmtime.

Every access width at offsets around the end of a 100-byte memory traps
exactly where wasmtime traps, with the memory compared after each call; with a
constant bound (nothing can grow the memory) and with the header's byte count
(memory.grow adds single bytes); loops and masked indexes whose range fits a
64 KiB page keep their checks; data segments end exactly at the end;
memory.grow stops at the reservation.  The official files are in
tests/wast/proposals/custom-page-sizes (tests/test_wast.py).
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from elftools.elf.elffile import ELFFile

from synth_toolchain.driver import build_executable, compile_file
from synth_toolchain.options import Options
from synth_toolchain.run.emulator import Emulator
from synth_toolchain.run.reference import InstantiationTrap, Reference
from synth_toolchain.tiers import TIER_NAMES
from synth_toolchain.traps import Trap
from synth_toolchain.wasm.module import ValType
from tests.difftest import check_module, to_wasm

SIZE = 100
LOADS = {"i32.load": 4, "i32.load8_s": 1, "i32.load8_u": 1, "i32.load16_s": 2,
         "i32.load16_u": 2, "i64.load": 8, "i64.load8_s": 1, "i64.load8_u": 1,
         "i64.load16_s": 2, "i64.load16_u": 2, "i64.load32_s": 4, "i64.load32_u": 4,
         "f32.load": 4, "f64.load": 8}
STORES = {"i32.store": 4, "i32.store8": 1, "i32.store16": 2, "i64.store": 8,
          "i64.store8": 1, "i64.store16": 2, "i64.store32": 4, "f32.store": 4, "f64.store": 8}
VALUE = {"i32": "(i32.const 0x5a5b5c5d)", "i64": "(i64.const 0x0102030405060708)",
         "f32": "(f32.const -1.5)", "f64": "(f64.const 3.25)"}
# bytes 1..100: a load shows which bytes it read, and the segment ends at the end
DATA = "".join(f"\\{b:02x}" for b in range(1, SIZE + 1))


def _accesses(offsets) -> tuple[str, list[tuple[str, int, int]]]:
    """The functions (one per access and offset) and (name, size, offset) of each."""
    funcs, names = [], []
    for op, size in {**LOADS, **STORES}.items():
        t = op[:3]
        for off in offsets:
            name = f"{op}@{off}"
            if op in LOADS:
                funcs.append(f'(func (export "{name}") (param i32) (result {t}) '
                             f'({op} offset={off} (local.get 0)))')
            else:
                funcs.append(f'(func (export "{name}") (param i32) '
                             f'({op} offset={off} (local.get 0) {VALUE[t]}))')
            names.append((name, size, off))
    return "\n".join(funcs), names


def _around_end(names, size_now: int) -> list[tuple[str, tuple[int]]]:
    """Calls at the last address that fits, one below, one above, and far beyond."""
    calls = []
    for name, size, off in names:
        first_out = size_now - size - off + 1
        for a in (first_out - 2, first_out - 1, first_out, 0x7FFFFFFF, 0xFFFFFFFF):
            if a >= 0:
                calls.append((name, (a & 0xFFFFFFFF,)))
    return calls


def _check_widths(offsets, growable: bool, tiers=TIER_NAMES):
    funcs, names = _accesses(offsets)
    if growable:        # the bound is the header's byte count, grown one byte at a time
        src = (f'(module (memory (export "memory") {SIZE} {SIZE + 2} (pagesize 1))\n'
               f'(data (i32.const 0) "{DATA}")\n'
               f'(func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))\n'
               f'(func (export "size") (result i32) (memory.size))\n{funcs})')
        calls = _around_end(names, SIZE) + [("grow", (1,)), ("size", ())]
        calls += _around_end(names, SIZE + 1) + [("grow", (2,)), ("grow", (1,)), ("size", ())]
        calls += _around_end(names, SIZE + 2)
    else:               # nothing can grow it: a constant bound
        src = (f'(module (memory (export "memory") {SIZE} (pagesize 1))\n'
               f'(data (i32.const 0) "{DATA}")\n{funcs})')
        calls = _around_end(names, SIZE)
    results = check_module(src, calls, tiers=tiers, reference_source=src)
    lay = next(iter(results.values())).compiled.layout
    assert (lay.static_memory_bound is None) == growable
    assert lay.memory_reserved == SIZE + 2 * growable      # to the byte, not a 64 KiB page


@pytest.mark.parametrize("growable", [False, True], ids=["constant-bound", "grown"])
def test_every_width_traps_where_wasmtime_does(growable):
    _check_widths((0, 3), growable)


@pytest.mark.slow
@pytest.mark.parametrize("growable", [False, True], ids=["constant-bound", "grown"])
def test_every_width_and_offset_traps_where_wasmtime_does(growable):
    _check_widths((0, 1, 2, 5, 7, 92, 97, 99, 100, 4096, 0x7FFFFFFF, 0xFFFFFFF8, 0xFFFFFFFF),
                  growable)


def test_range_analyses_keep_the_checks_a_small_memory_needs():
    """Loops, masks and memory.size, whose ranges fit a 64 KiB page but not 100
    bytes (or, for memory.size, not 70000 one-byte pages)."""
    loop = ('(func (export "{name}") (param $n i32) (result i32) (local $i i32) (local $s i32)'
            ' (loop $l (local.set $s (i32.add (local.get $s) ({load} (local.get $i))))'
            ' (local.set $i (i32.add (local.get $i) (i32.const {step})))'
            ' (br_if $l (i32.lt_u (local.get $i) ({bound})))) (local.get $s))')
    src = f"""(module (memory (export "memory") {SIZE} (pagesize 1))
      (data (i32.const 0) "{DATA}")
      {loop.format(name="sum8_const", load="i32.load8_u", step=1, bound="i32.const 100")}
      {loop.format(name="sum8_const_past", load="i32.load8_u", step=1, bound="i32.const 101")}
      {loop.format(name="sum32_const_past", load="i32.load", step=4, bound="i32.const 100")}
      {loop.format(name="sum8_param", load="i32.load8_u", step=1, bound="local.get $n")}
      {loop.format(name="sum32_param", load="i32.load", step=4, bound="local.get $n")}
      (func (export "masked") (param i32) (result i32)
        (i32.load8_u (i32.and (local.get 0) (i32.const 0xff))))
      (func (export "byte_index") (param i32) (result i32)
        (i32.load8_u (i32.load8_u (local.get 0))))
      (func (export "store_masked") (param i32)
        (i32.store16 (i32.and (local.get 0) (i32.const 0x7f)) (i32.const -1))))"""
    calls = [("sum8_const", (0,)), ("sum8_const_past", (0,)), ("sum32_const_past", (0,))]
    calls += [(f, (n,)) for f in ("sum8_param", "sum32_param") for n in (1, 96, 97, 99, 100, 101)]
    calls += [("masked", (a,)) for a in (0, 99, 100, 0xFF, 0x163)]
    calls += [("byte_index", (a,)) for a in (0, 98, 99)]      # reads 1, 99, 100
    calls += [("store_masked", (a,)) for a in (97, 98, 99, 0x7F, 0xE2)]
    check_module(src, calls, reference_source=src)
    big = """(module (memory (export "memory") 70000 (pagesize 1))
      (func (export "at_size") (result i32) (i32.load8_u (memory.size)))
      (func (export "half_size") (result i32)
        (i32.load8_u (i32.shr_u (memory.size) (i32.const 1)))))"""
    check_module(big, [("at_size", ()), ("half_size", ())], reference_source=big)


def _instantiate(src: str, tier: str, workdir, memory_size=None):
    """The emulator after `synth_init` (of the executable in `workdir`), the
    compile result, and init's result."""
    opts = Options(tier=tier, memory_size=memory_size, verify_allocation=True)
    result = compile_file("m.wasm", opts, data=to_wasm(src))
    workdir.mkdir()
    emu = Emulator(build_executable(result, str(workdir), opts), {}, cpu=opts.cpu)
    return emu, result, emu.call(result.compiled.layout.init_symbol, (), (), ())


@pytest.mark.parametrize("start", [SIZE - 4, SIZE - 3, SIZE, 0xFFFFFFFF])
def test_data_segment_at_the_end(start, tmp_path):
    """A 4-byte segment that ends at the 100th byte instantiates; one byte further
    traps at instantiation, as in wasmtime."""
    src = (f'(module (memory (export "memory") {SIZE} (pagesize 1)) '
           f'(data (i32.const {start - (1 << 32) if start >> 31 else start}) "abcd"))')
    try:
        expected = Reference(src).memory_bytes()
    except InstantiationTrap as e:
        assert e.code == Trap.OUT_OF_BOUNDS_MEMORY
        expected = None
    assert (expected is None) == (start + 4 > SIZE)
    for tier in TIER_NAMES:
        emu, result, init = _instantiate(src, tier, tmp_path / tier)
        if expected is None:
            assert init.trap == Trap.OUT_OF_BOUNDS_MEMORY, tier
        else:
            assert init.trap is None, tier
            assert emu.read_memory(result.compiled.layout.memory_symbol, SIZE) == expected


def test_grow_fails_when_the_reservation_is_exhausted(tmp_path):
    """--memory-size 16 for a 10-byte memory without a maximum: memory.grow adds
    single bytes up to 16, then returns -1 and the size stays."""
    src = """(module (memory 10 (pagesize 1))
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
      (func (export "size") (result i32) (memory.size))
      (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0))))"""
    I32 = ValType.I32
    for tier in TIER_NAMES:
        emu, result, init = _instantiate(src, tier, tmp_path / tier, memory_size=16)
        assert init.trap is None and result.compiled.layout.memory_reserved == 16
        lay = result.compiled.layout

        def call(name, *args):
            sym = lay.export_symbol(name)
            r = emu.call(sym, (I32,) * len(args), args, (I32,))
            return r.trap if r.trap is not None else r.values[0]

        assert call("grow", 1) == 10 and call("size") == 11
        assert call("load", 10) == 0 and call("load", 11) == Trap.OUT_OF_BOUNDS_MEMORY
        assert call("grow", 6) == 0xFFFFFFFF and call("size") == 11
        assert call("grow", 5) == 11 and call("size") == 16 and call("load", 15) == 0
        assert call("grow", 1) == 0xFFFFFFFF and call("grow", 0) == 16
        assert call("load", 16) == Trap.OUT_OF_BOUNDS_MEMORY


def test_header_and_object_reserve_the_bytes_declared(tmp_path):
    """A 100-byte memory is a 100-byte C array behind its 16-byte header, and the
    header says the page size (docs/abi.md)."""
    src = tmp_path / "m.wat"
    src.write_text('(module (memory (export "ram") 100 (pagesize 1)))')
    r = subprocess.run([sys.executable, "-m", "synth_toolchain.cli", "compile", str(src),
                        "-o", str(tmp_path / "m.o"), "--header", str(tmp_path / "m.h")],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    h = (tmp_path / "m.h").read_text()
    assert "extern uint8_t ram[100];" in h and "extern uint8_t synth_memory[100];" in h
    assert "100 bytes reserved; pages of 1 byte (memory.size counts them), 100 initially" in h
    with open(tmp_path / "m.o", "rb") as f:
        bss = ELFFile(f).get_section_by_name(".bss.synth_memory")
        assert bss["sh_size"] == 16 + SIZE

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
from tests.difftest import check_module, reference_memory_name, to_wasm

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


# Memory 0 of 64 KiB pages, memory 1 of 1-byte pages (multiple memories): {E0}
# {E1} export them to wasmtime only (then every byte of both is compared after
# each call); {GROW} adds memory.grow, so the bounds come from the headers.
P = 65536
TWO_PAGE_SIZES = """(module
  (memory $big {E0} 2 3)
  (memory $small {E1} 100 140000 (pagesize 1))
  (data (memory $small) (i32.const 96) "\\01\\02\\03\\04")
  (data (memory $big) (i32.const 131068) "\\aa\\bb\\cc\\dd")
  (func (export "ld_big") (param i32) (result i32) (i32.load $big (local.get 0)))
  (func (export "ld_small") (param i32) (result i32) (i32.load $small (local.get 0)))
  (func (export "ld8_small") (param i32) (result i32) (i32.load8_u $small (local.get 0)))
  (func (export "ld64_small") (param i32) (result i64) (i64.load $small offset=2 (local.get 0)))
  (func (export "st_small") (param i32 i64) (i64.store $small (local.get 0) (local.get 1)))
  (func (export "st16_big") (param i32 i32) (i32.store16 $big (local.get 0) (local.get 1)))
  (func (export "big_then_small") (param i32) (result i32)
    (i32.add (i32.load $big (local.get 0)) (i32.load8_u $small (local.get 0))))
  (func (export "small_then_big") (param i32) (result i32)
    (i32.add (i32.load8_u $small (local.get 0)) (i32.load $big offset=4 (local.get 0))))
  (func (export "const_small") (result i32) (i32.load $small offset=96 (i32.const 0)))
  (func (export "const_small_oob") (result i32) (i32.load $small offset=97 (i32.const 0)))
  ;; memory.size of memory 1 counts bytes: as an address on memory 0 (131072
  ;; bytes) it is no 64 KiB page count below 65536 (ir/ranges.py per memory)
  (func (export "big_at_small_size") (result i32) (i32.load8_u $big (memory.size $small)))
  (func (export "small_at_own_size") (param i32) (result i32)
    (i32.load8_u $small (i32.sub (memory.size $small) (local.get 0))))
  (func (export "copy_sb") (param i32 i32 i32)
    (memory.copy $small $big (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy_bs") (param i32 i32 i32)
    (memory.copy $big $small (local.get 0) (local.get 1) (local.get 2)))
  (func (export "fill_small") (param i32 i32 i32)
    (memory.fill $small (local.get 0) (local.get 1) (local.get 2)))
  (func (export "sizes") (result i32)
    (i32.add (i32.mul (memory.size $big) (i32.const 1000000)) (memory.size $small)))
  {GROW})"""
GROW_FUNCS = """(func (export "grow_big") (param i32) (result i32) (memory.grow $big (local.get 0)))
  (func (export "grow_small") (param i32) (result i32) (memory.grow $small (local.get 0)))"""


def _two_page_sizes(exported: bool, growable: bool) -> str:
    exports = {f"E{k}": f'(export "{reference_memory_name(k)}")' if exported else ""
               for k in range(2)}
    return TWO_PAGE_SIZES.format(GROW=GROW_FUNCS if growable else "", **exports)


def _at_both_ends(small: int, big: int) -> list[tuple[str, tuple]]:
    """Each memory's accesses at the last bytes that fit and the first that do not."""
    calls = [(f, (a,)) for f, width, end in (("ld_small", 4, small), ("ld8_small", 1, small),
                                             ("ld64_small", 10, small), ("ld_big", 4, big),
                                             ("big_then_small", 4, small),
                                             ("small_then_big", 8, big))
             for a in (end - width - 1, end - width, end - width + 1, 0xFFFFFFFF)]
    calls += [("st_small", (a, 0x0102030405060708)) for a in (small - 9, small - 8, small - 7)]
    calls += [("st16_big", (a, 0xBEEF)) for a in (big - 2, big - 1)]
    return calls + [("sizes", ()), ("big_at_small_size", ()), ("small_at_own_size", (1,)),
                    ("small_at_own_size", (0,))]


COPIES = ([("copy_sb", args) for args in ((96, 2 * P - 4, 4), (97, 2 * P - 4, 4), (0, 2 * P - 3, 4),
                                          (100, 2 * P, 0), (101, 0, 0), (0, 0, 100))]
          + [("copy_bs", args) for args in ((2 * P - 4, 96, 4), (2 * P - 3, 96, 4), (0, 97, 4),
                                            (2 * P, 100, 0), (0, 101, 0), (P, 0, 100))]
          + [("fill_small", args) for args in ((96, 0x5A, 4), (97, 0x5A, 4), (100, 1, 0))])


@pytest.mark.parametrize("growable", [False, True], ids=["constant-bounds", "grown"])
def test_two_page_sizes_side_by_side(growable):
    """A 100-byte memory 1 next to a 2-page memory 0: each traps at its own last
    byte as in wasmtime, a check of one proves nothing for the other, memory.copy
    and memory.fill between and on them check each end against its own memory,
    and memory.grow counts each memory's own pages (bytes for memory 1)."""
    calls = _at_both_ends(100, 2 * P) + [("const_small", ()), ("const_small_oob", ())] + COPIES
    if growable:
        calls += [("grow_small", (1,))] + _at_both_ends(101, 2 * P)
        calls += [("grow_small", (130999,))] + _at_both_ends(131100, 2 * P)   # past memory 0
        calls += [("grow_big", (1,)), ("grow_big", (1,))] + _at_both_ends(131100, 3 * P)
        calls += [("grow_small", (8900,)), ("grow_small", (1,)), ("grow_small", (0,))]
        calls += _at_both_ends(140000, 3 * P) + COPIES
    results = check_module(_two_page_sizes(False, growable), calls,
                           reference_source=_two_page_sizes(True, growable))
    for result in results.values():
        big, small = result.compiled.layout.memories
        assert (big.page_size, big.reserved, small.page_size, small.reserved) == \
            (P, 3 * P, 1, 140000)           # the declared maxima, to the byte
        assert (big.static_bound, small.static_bound) == ((None, None) if growable else (2 * P, 100))


def test_memory_size_flag_sizes_the_one_byte_page_memory():
    """--memory-size 1=150: memory 1 (1-byte pages, no maximum) grows to exactly
    150 bytes, memory 0 keeps its own reservation (wasmtime: a maximum of 150)."""
    src = _two_page_sizes(False, True).replace("100 140000 (pagesize 1)", "100 (pagesize 1)")
    ref = _two_page_sizes(True, True).replace("100 140000 (pagesize 1)", "100 150 (pagesize 1)")
    calls = [("grow_small", (50,)), ("grow_small", (1,)), ("sizes", ())] + _at_both_ends(150, 2 * P)
    results = check_module(src, calls, tiers=("opt",), options_extra={"memory_sizes": ((1, 150),)},
                           reference_source=ref)
    assert [mp.reserved for mp in results["opt"].compiled.layout.memories] == [3 * P, 150]

"""Multiple memories (wasm 3.0): each memory its own base, bounds and reservation.

Differential tests against wasmtime (the bytes of every memory compared after
each call, trapping calls included), with the memories of different sizes so
that a bounds fact of one memory applied to another shows as a missed or a
spurious trap: the same address vreg checked against memory 0 and then used on
memory 1, loops (ir/versioning.py, ir/loopranges.py) over both, constant
addresses, memory.copy between memories with overlapping and out-of-bounds
ranges, memory.fill/init/grow/size per memory.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
import wasmtime

from synth_toolchain.driver import compile_file
from synth_toolchain.errors import WasmValidationError
from synth_toolchain.options import Options, parse_memory_size
from synth_toolchain.wasm.loader import load_bytes

from .difftest import check_module, reference_memory_name

P = 65536

# memory 0: 2 pages, memory 1: 1 page, memory 2: 1 page growing to 3; {E0} {E1} {E2}
# become the exports that let wasmtime show every memory's bytes (synth compiles
# the module without them: an exported memory's bound is no compile-time constant)
MODULE = """
(module
  (memory $a {E0} 2)
  (memory $b {E1} 1 1)
  (memory $c {E2} 1 3)
  (data $d0 (memory $b) (i32.const 65530) "\\01\\02\\03\\04\\05\\06")
  (data $d1 (memory $a) (i32.const 8) "\\aa\\bb\\cc\\dd")
  (data $p "\\10\\11\\12\\13\\14\\15\\16\\17")
  (func (export "ld_a") (param i32) (result i32) (i32.load $a (local.get 0)))
  (func (export "ld_b") (param i32) (result i32) (i32.load $b (local.get 0)))
  (func (export "ld_c") (param i32) (result i32) (i32.load $c (local.get 0)))
  (func (export "ld8_b") (param i32) (result i32) (i32.load8_s $b offset=3 (local.get 0)))
  (func (export "ld64_b") (param i32) (result i64) (i64.load $b offset=2 (local.get 0)))
  (func (export "ldf_b") (param i32) (result f64) (f64.load $b (local.get 0)))
  (func (export "st_a") (param i32 i64) (i64.store $a (local.get 0) (local.get 1)))
  (func (export "st_b") (param i32 i64) (i64.store $b offset=1 (local.get 0) (local.get 1)))
  (func (export "st16_c") (param i32 i32) (i32.store16 $c (local.get 0) (local.get 1)))
  (func (export "const_b") (result i32) (i32.load $b offset=65532 (i32.const 0)))
  (func (export "const_b_oob") (result i32) (i32.load $b offset=65534 (i32.const 0)))
  ;; one address, two memories: memory 0's check proves nothing for memory 1
  (func (export "a_then_b") (param i32) (result i32)
    (i32.add (i32.load $a (local.get 0)) (i32.load $b (local.get 0))))
  (func (export "b_then_a") (param i32) (result i32)
    (i32.add (i32.load $b offset=4 (local.get 0)) (i32.load $a (local.get 0))))
  ;; in one block, memory 0's check must not take over memory 1's further end
  ;; (ir/checkmerge.py), nor memory 1's check memory 0's
  (func (export "a_then_b_far") (param i32) (result i32)
    (i32.add (i32.load $a (local.get 0)) (i32.load $b offset=8 (local.get 0))))
  (func (export "b_then_a_far") (param i32) (result i32)
    (i32.add (i32.load $b (local.get 0)) (i32.load $a offset=65536 (local.get 0))))
  (func (export "store_both") (param i32 i32)
    (i32.store $a (local.get 0) (local.get 1))
    (i32.store8 $b (local.get 0) (local.get 1))
    (i32.store $a offset=4 (local.get 0) (local.get 1)))
  ;; a loop copying memory 0 into memory 1 word by word: traps at the first
  ;; word beyond memory 1, after the stores before it
  (func (export "copy_loop") (param $base i32) (param $n i32) (local $i i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store $b (i32.add (local.get $base) (i32.shl (local.get $i) (i32.const 2)))
          (i32.load $a (i32.add (local.get $base) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l))))
  (func (export "sum_loop") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (i32.add (local.get $s)
          (i32.add (i32.load $a (i32.shl (local.get $i) (i32.const 2)))
                   (i32.load $c (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $s))
  (func (export "copy_ba") (param i32 i32 i32) (memory.copy $b $a (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy_ab") (param i32 i32 i32) (memory.copy $a $b (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy_bb") (param i32 i32 i32) (memory.copy $b $b (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy_ca") (param i32 i32 i32) (memory.copy $c $a (local.get 0) (local.get 1) (local.get 2)))
  (func (export "fill_b") (param i32 i32 i32) (memory.fill $b (local.get 0) (local.get 1) (local.get 2)))
  (func (export "fill_c") (param i32 i32 i32) (memory.fill $c (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init_b") (param i32 i32 i32) (memory.init $b $p (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init_c") (param i32 i32 i32) (memory.init $c $p (local.get 0) (local.get 1) (local.get 2)))
  (func (export "drop_p") (data.drop $p))
  (func (export "grow_c") (param i32) (result i32) (memory.grow $c (local.get 0)))
  (func (export "grow_b") (param i32) (result i32) (memory.grow $b (local.get 0)))
  (func (export "sizes") (result i32)
    (i32.add (i32.mul (memory.size $a) (i32.const 100))
      (i32.add (i32.mul (memory.size $b) (i32.const 10)) (memory.size $c)))))
"""


def _module(exported: bool) -> str:
    return MODULE.format(**{f"E{k}": f'(export "{reference_memory_name(k)}")' if exported else ""
                            for k in range(3)})


EDGES = [0, 4, P - 12, P - 9, P - 8, P - 5, P - 4, P - 3, P - 1, P, P + 4, 2 * P - 4, 2 * P - 3, 2 * P,
         3 * P - 2, 0xFFFFFFFC, 0xFFFFFFFF]
CALLS = (
    [(f, (a,)) for f in ("ld_a", "ld_b", "ld_c", "ld8_b", "ld64_b", "ldf_b", "a_then_b",
                         "b_then_a", "a_then_b_far", "b_then_a_far") for a in EDGES]
    + [("const_b", ()), ("const_b_oob", ()), ("sizes", ())]
    + [("st_a", (a, 0x1122334455667788)) for a in (P - 8, 2 * P - 8, 2 * P - 7)]
    + [("st_b", (a, 0x0102030405060708)) for a in (P - 9, P - 8, 0xFFFFFFFF)]
    + [("st16_c", (a, 0xBEEF)) for a in (P - 2, P - 1)]
    + [("store_both", (a, 0x7F6E5D4C)) for a in (P - 8, P - 4, P - 1, P, 2 * P - 8)]
    + [("copy_loop", (P - 64, 8)), ("copy_loop", (P - 16, 8)), ("copy_loop", (0, 16))]
    + [("sum_loop", (n,)) for n in (4, 16384, 16385)]
    # between memories: in bounds, each end out of bounds, n = 0 at the end
    + [("copy_ba", args) for args in ((0, 8, 16), (P - 4, 2 * P - 8, 4), (P - 3, 0, 4),
                                      (0, 2 * P - 3, 4), (P, 2 * P, 0), (P + 1, 0, 0))]
    + [("copy_ab", args) for args in ((2 * P - 16, P - 16, 16), (P, P - 6, 6), (0, P - 5, 6))]
    # within memory 1: overlapping both ways, out of bounds
    + [("copy_bb", args) for args in ((P - 12, P - 10, 8), (P - 10, P - 12, 8), (P - 4, 0, 8))]
    + [("fill_b", args) for args in ((P - 8, 0x5A, 8), (P - 8, 0x5A, 9), (P, 1, 0))]
    + [("init_b", args) for args in ((P - 8, 0, 8), (P - 7, 0, 8), (0, 2, 7))]
    + [("grow_b", (1,)), ("grow_c", (1,)), ("sizes", ()), ("ld_c", (2 * P - 4,)),
       ("st16_c", (2 * P - 2, 0x1234)), ("fill_c", (P, 0x33, P)), ("fill_c", (P, 0x33, P + 1)),
       ("copy_ca", (2 * P - 8, 2 * P - 8, 8)), ("grow_c", (2,)), ("grow_c", (1,)),
       ("sum_loop", (16385,)), ("ld_c", (2 * P,)), ("init_c", (2 * P - 8, 0, 8)),
       ("drop_p", ()), ("init_b", (0, 0, 1)), ("init_b", (0, 0, 0)), ("sizes", ())]
)


def test_three_memories_against_wasmtime():
    check_module(_module(False), CALLS, reference_source=_module(True))


def test_three_memories_sized_by_flag():
    """--memory-size 2=… reserves memory 2 alone: grow_c stops at its 2 pages."""
    calls = [("grow_c", (1,)), ("grow_c", (1,)), ("sizes", ()), ("ld_c", (2 * P - 4,)),
             ("ld_c", (2 * P - 3,))]
    results = check_module(_module(False), calls, tiers=("opt",),
                           options_extra={"memory_sizes": ((2, 2 * P),)},
                           reference_source=_module(False).replace("(memory $c  1 3)",
                                                                   "(memory $c 1 2)"))
    lay = results["opt"].compiled.layout
    assert [mp.reserved for mp in lay.memories] == [2 * P, P, 2 * P]


def test_imported_memories_are_separate(tmp_path):
    """Two imported memories and a defined one: each access goes to its own."""
    src = """(module
      (import "env" "m0" (memory 1))
      (import "env" "m1" (memory 1))
      (memory $own 1)
      (func (export "f") (result i32)
        (i32.store 1 (i32.const 0) (i32.const 7))
        (i32.store 2 (i32.const 0) (i32.const 9))
        (i32.add (i32.load 1 (i32.const 0)) (i32.load 2 (i32.const 0)))))"""
    lay = compile_file("t.wat", Options(), data=src.encode()).compiled.layout
    assert [(mp.symbol, mp.imported) for mp in lay.memories] == \
        [("m0", True), ("m1", True), ("synth_memory2", False)]


def test_two_memories_are_invalid_under_wasm_2_0():
    wasm = wasmtime.wat2wasm("(module (memory 1) (memory 1))")
    with pytest.raises(WasmValidationError, match="multiple memories"):
        load_bytes(wasm, "m.wasm", "2.0")
    assert len(load_bytes(wasm, "m.wasm").all_memories()) == 2


@pytest.mark.parametrize("text,want", [("64K", (0, 65536)), ("1=4K", (1, 4096)),
                                       ("12=65536", (12, 65536))])
def test_memory_size_syntax(text, want):
    assert parse_memory_size(text) == want


def test_cli_sizes_each_memory_and_declares_each_in_the_header(tmp_path):
    src = tmp_path / "m.wat"
    src.write_text(_module(False))
    out, hdr = tmp_path / "m.o", tmp_path / "m.h"
    r = subprocess.run([sys.executable, "-m", "synth_toolchain.cli", "compile", str(src), "-o",
                        str(out), "--header", str(hdr), "--memory-size", "128K",
                        "--memory-size", "1=64K", "--memory-size", "2=192K"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    text = hdr.read_text()
    for k, size in ((0, 2 * P), (1, P), (2, 3 * P)):
        name = "synth_memory" + (str(k) if k else "")
        assert f"/* Linear memory {k}: {size} bytes reserved; pages of 65536 bytes" in text
        assert f"extern uint8_t {name}[{size}];" in text
    bad = subprocess.run([sys.executable, "-m", "synth_toolchain.cli", "compile", str(src), "-o",
                          str(out), "--memory-size", "x=4K"], capture_output=True, text=True)
    assert bad.returncode != 0 and "invalid memory index 'x'" in bad.stderr
    (tmp_path / "two.wat").write_text("(module (memory 1) (memory 1))")
    two = subprocess.run([sys.executable, "-m", "synth_toolchain.cli", "compile",
                          str(tmp_path / "two.wat"), "-o", str(out), "--wasm", "2.0"],
                         capture_output=True, text=True)
    assert two.returncode != 0 and "multiple memories" in two.stderr
    assert len(two.stderr.strip().splitlines()) == 1


def _random_accesses(seed: int) -> str:
    """A function of random loads and stores on three memories of different
    sizes at p + small constants, in straight-line code and in a loop over p,
    so that checks of one address on several memories meet in one block."""
    import random
    rng = random.Random(seed)
    kinds = [("i32.load", "i32.store", 4), ("i32.load8_u", "i32.store8", 1),
             ("i32.load16_s", "i32.store16", 2)]

    def access(addr: str) -> str:
        load, store, _ = rng.choice(kinds)
        mem, off = rng.randrange(3), rng.choice([0, 1, 3, 4, 8, 64])
        if rng.random() < 0.4:
            return (f"(local.set $s (i32.add (local.get $s) ({load} {mem} offset={off} {addr})))")
        return f"({store} {mem} offset={off} {addr} (local.get $s))"

    straight = "\n    ".join(access("(local.get $p)") for _ in range(rng.randrange(3, 8)))
    looped = "\n        ".join(access("(i32.add (local.get $p) (local.get $i))")
                               for _ in range(rng.randrange(2, 5)))
    return f"""
(module
  (memory {{E0}} 2) (memory {{E1}} 1) (memory {{E2}} 1 1)
  (func (export "f") (param $p i32) (param $n i32) (result i32) (local $s i32) (local $i i32)
    (local.set $s (i32.const {rng.randrange(1 << 16)}))
    {straight}
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        {looped}
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $l)))
    (local.get $s)))"""


@pytest.mark.parametrize("seed", range(2))
def test_random_accesses_on_three_memories(seed):
    text = _random_accesses(seed)
    src = text.format(E0="", E1="", E2="")
    ref = text.format(**{f"E{k}": f'(export "{reference_memory_name(k)}")' for k in range(3)})
    calls = [("f", (p, n)) for p in (0, P - 80, P - 9, P - 4, P - 1, 2 * P - 80, 2 * P - 9)
             for n in (0, 8, 64)]
    check_module(src, calls, reference_source=ref)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(2, 40))
def test_random_accesses_on_three_memories_more(seed):
    test_random_accesses_on_three_memories(seed)


def test_synth_cc_passes_each_memory_size_on():
    """synth-cc's -msynth-memory-size= takes the same [INDEX=]SIZE; its -v
    command line repeats every one."""
    from synth_toolchain.cc.driver import synth_command
    from synth_toolchain.options import memory_size_options
    opts = Options(**memory_size_options([(0, 65536), (2, 4096), (1, 8192)]))
    assert (opts.memory_size, opts.memory_sizes) == (65536, ((1, 8192), (2, 4096)))
    cmd = synth_command("a.wasm", "a.o", opts)
    assert [c for c in cmd if c.startswith("--memory-size")] == \
        ["--memory-size=65536", "--memory-size=1=8192", "--memory-size=2=4096"]

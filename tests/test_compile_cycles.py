"""Compiling a module leaves no reference cycles per function.

compile.py's `_frozen_once_compiled` hides each compiled function's objects
from the cyclic collector until the module is done (its full passes walked
everything kept so far, again and again: docs/benchmarks.md, "Compiler
throughput").  That costs no memory only while a compile's garbage is freed
by reference counting, which these tests keep true: the collector finds as
much after compiling 24 functions as after 4 (the ELF writer's pyelftools
structures, once per object)."""

from __future__ import annotations

import gc
import weakref

import pytest

from synth_toolchain.compile import compile_module
from synth_toolchain.driver import compile_file
from synth_toolchain.options import Options
from synth_toolchain.wasm.loader import load_bytes
from tests.difftest import to_wasm


def _module(n: int) -> str:
    """n functions with a loop, a checked and a masked access, a call, i64 and a
    local: lowering, every opt pass (ranges, loop ranges, webs, splits) and emission."""
    funcs = []
    for i in range(n):
        call = f"(local.set 1 (i32.add (local.get 1) (call $f{i - 1} (local.get 0) (local.get 1))))" \
            if i else ""
        funcs.append(
            f"(func $f{i} (export \"f{i}\") (param i32 i32) (result i32) (local i32 i64)\n"
            f"  (local.set 2 (i32.and (local.get 1) (i32.const 15)))\n"
            f"  (block $done (loop $l (br_if $done (i32.eqz (local.get 2)))\n"
            f"    (local.set 3 (i64.mul (local.get 3) (i64.extend_i32_u (local.get 2))))\n"
            f"    (i32.store (i32.and (local.get 1) (i32.const 0xfffc)) (local.get 2))\n"
            f"    (local.set 1 (i32.add (local.get 1) (i32.load offset={4 * i} (local.get 0))))\n"
            f"    (local.set 2 (i32.sub (local.get 2) (i32.const 1))) (br $l)))\n"
            f"  {call}\n"
            f"  (i32.add (local.get 1) (i32.wrap_i64 (local.get 3))))")
    return "(module (memory 1)\n" + "\n".join(funcs) + ")"


def _cyclic_garbage(compile_once) -> int:
    """Objects the collector frees after `compile_once()` and dropping its result."""
    gc.collect()
    gc.disable()
    try:
        result = compile_once()
        del result
        return gc.collect()
    finally:
        gc.enable()


@pytest.mark.parametrize("tier", ["opt", "baseline"])
def test_compiling_more_functions_leaves_no_more_cycles(tier):
    opts = Options(tier=tier)
    wasm = {n: to_wasm(_module(n)) for n in (4, 24)}

    def run(n):
        r = compile_file("m.wasm", opts, data=wasm[n])
        r.report_yaml
        return r
    run(4)                                       # first-use caches and imports
    assert _cyclic_garbage(lambda: run(24)) == _cyclic_garbage(lambda: run(4))


def test_functions_are_frozen_only_while_the_module_compiles():
    """No object stays frozen, and a caller's own frozen objects stay frozen."""
    module = load_bytes(to_wasm(_module(3)), "m.wasm")
    compile_module(module, Options())
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        compile_module(module, Options())
        assert gc.get_freeze_count() >= frozen > 0
    finally:
        gc.unfreeze()


def test_a_callers_young_garbage_is_not_frozen_with_the_compile():
    """A cycle the caller dropped just before compiling is collected by the next
    young pass, as without the freeze: frozen and then unfrozen into the oldest
    generation it waited for a full pass (a test worker kept every emulator's
    unicorn memory that way, 3 MiB a call, until the kernel killed it)."""
    from synth_toolchain.compile import _frozen_once_compiled

    class Node:
        pass
    gc.collect()
    node = Node()
    node.self = node
    alive = weakref.ref(node)
    del node
    with _frozen_once_compiled(4) as keep:
        keep(None)
    gc.collect(1)
    assert alive() is None

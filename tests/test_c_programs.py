"""C compiled to wasm by clang, then by synth, differentially against wasmtime.

clang's output is what real users feed us: a __stack_pointer global, data in
linear memory, call_indirect through function pointers, i64 and float code.
"""

import os
import shutil

import pytest

from synth_toolchain.run import clang_wasm
from synth_toolchain.tiers import TIER_NAMES
from tests.difftest import FIXTURES, check_module

CLANG = shutil.which("clang")


@pytest.fixture(scope="module")
def prog_wasm(tmp_path_factory):
    if CLANG is None:
        pytest.skip("clang is not installed (./do installs it)")
    out = tmp_path_factory.mktemp("c") / "prog.wasm"
    clang_wasm.build([os.path.join(FIXTURES, "c", "prog.c")], out, ["-O2"],
                     ["--no-entry", "--export-dynamic"], clang=CLANG)
    return out.read_bytes()


CALLS = [("crc", (0,)), ("crc", (1000,)), ("sort_items", (1,)), ("sort_items", (0xDEADBEEF,)),
         ("mulmod", (12345678901234567, 98765432109876543, 1000000000000000003)),
         ("mulmod", (2**64 - 1, 2**64 - 2, 2**63 + 5)), ("mulmod", (5, 6, 0)),
         ("fsum", (100,)), ("fsum", (255,)), ("fsum", (0,))]


@pytest.mark.parametrize("tier", TIER_NAMES)
def test_clang_program(prog_wasm, tier):
    check_module(prog_wasm, CALLS, tiers=(tier,))

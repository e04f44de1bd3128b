"""fd_read and fd_write with iovecs a module may rewrite or size against the
shim (synth_toolchain/wasi/shim.c transfer): every buffer inside memory when
it is used, the count of one call below 2^31 (found in review)."""

import shutil
import struct

import pytest

from synth_toolchain.driver import build_executable, compile_file
from synth_toolchain.options import Options
from synth_toolchain.run.emulator import Emulator
from synth_toolchain.run.wasi_host import WasiHost
from tests.difftest import to_wasm
from tests.test_wasi import PAGE, Calls

pytestmark = pytest.mark.skipif(shutil.which("arm-none-eabi-gcc") is None,
                                reason="needs arm-none-eabi-gcc")


def test_fd_read_cannot_redirect_a_later_iovec_outside_memory(tmp_path):
    """fd_read checks every iovec, then re-loads each from linear memory when it
    uses it.  An iovec whose buffer covers a later iovec lets the input rewrite
    that iovec after the check: here to the 16 bytes below linear memory (the
    header: grow limit, pages, accessible bytes), which the shim then fills."""
    evil = struct.pack("<II", 0xFFFFFFF0, 16) + b"\xff" * 16
    calls = Calls(tmp_path, stdin=evil)
    base = calls.emu.symbol_address("t_synth_memory")
    # iovecs at 1000: {1008, 8} (the second iovec itself), {16, 4}
    calls.emu.write_memory(base + 1000, struct.pack("<IIII", 1008, 8, 16, 4))
    header = calls.emu.read_memory(base - 16, 16)
    calls("read", 0, 1000, 2, 200)
    assert calls.emu.read_memory(base - 16, 16) == header     # nothing outside memory written
    assert calls("load32", 200) <= 8 + 4                        # no more than the checked buffers


def test_fd_read_cannot_extend_a_later_iovec_past_the_end(tmp_path):
    """The same with a rewritten length: 4 checked bytes become 64 at the last
    page's end, so 48 bytes land beyond linear memory."""
    calls = Calls(tmp_path, stdin=struct.pack("<II", PAGE - 16, 64) + b"\xee" * 64)
    base = calls.emu.symbol_address("t_synth_memory")
    calls.emu.write_memory(base + 1000, struct.pack("<IIII", 1008, 8, PAGE - 16, 4))
    after = calls.emu.read_memory(base + PAGE, 48)
    calls("read", 0, 1000, 2, 200)
    assert calls.emu.read_memory(base + PAGE, 48) == after


WAT_MANY = """(module
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (memory 4)
  ;; fill memory with iovecs {0, 4 pages}: each one the whole memory
  (func (export "fill") (local i32)
    (loop
      (i32.store (local.get 0) (i32.const 0))
      (i32.store offset=4 (local.get 0) (i32.const 0x40000))
      (br_if 0 (i32.lt_u (local.tee 0 (i32.add (local.get 0) (i32.const 8)))
                         (i32.const 0x40000)))))
  (func (export "write") (param i32 i32 i32 i32) (result i32)
    (call $write (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "load32") (param i32) (result i32) (i32.load (local.get 0))))"""


class CountingHost(WasiHost):
    """A write hook that takes every byte without copying it (a fast UART)."""
    taken = 0

    def write(self, fd, buf, length):
        self.taken += length
        return length


def test_fd_write_total_does_not_wrap(tmp_path):
    """32768 iovecs of 256 KiB: the hook takes 2**33 bytes, and *nwritten
    (a 32-bit sum) wraps to 0.  wasi-libc's writev returns it as ssize_t, so
    any total above INT32_MAX is already wrong; the shim should stop before
    the count would pass INT32_MAX (Linux caps a writev at MAX_RW_COUNT)."""
    opts = Options(prefix="m_")
    res = compile_file("many.wat", opts, data=to_wasm(WAT_MANY))
    host = CountingHost(None, None, None)
    emu = Emulator(build_executable(res, str(tmp_path), opts), host.functions())
    host.emulator = emu
    lay = res.compiled.layout
    from synth_toolchain.wasm.module import ValType
    I32 = ValType.I32
    assert emu.call(lay.init_symbol, (), (), ()).trap is None
    assert emu.call(lay.export_symbol("fill"), (), (), ()).trap is None
    r = emu.call(lay.export_symbol("write"), (I32,) * 4, (1, 0, 0x8000, 0), (I32,))
    assert r.trap is None and r.values[0] == 0
    nwritten = emu.call(lay.export_symbol("load32"), (I32,), (0,), (I32,)).values[0]
    assert nwritten == host.taken and host.taken <= 0x7FFFFFFF

"""The WASI shim's hooks for `synth run`: the emulated program's console is ours.

`synth run` links the very shim firmware links (wasi/shim.c: bounds checks,
errno values, fd bookkeeping) and defines its five weak hooks as host
functions here, so the subset and its semantics are the same on the
emulator and on a board: fd 1/2 bytes go to our stdout/stderr, fd 0 reads
our stdin, clocks are the host's, random bytes come from os.urandom, and
proc_exit ends the run with its status (`WasiExit`).
"""

from __future__ import annotations

import os
import sys
import time
from typing import BinaryIO, Callable

from ..wasi import EBADF, EINVAL
from ..wasm.module import ValType
from .values import HostFunction

I32 = ValType.I32
_CLOCKS: dict[int, Callable[[], int]] = {
    0: time.time_ns, 1: time.monotonic_ns, 2: time.process_time_ns, 3: time.thread_time_ns}


class WasiExit(Exception):
    """proc_exit was called: the program ended with `code`."""

    def __init__(self, code: int):
        super().__init__(f"proc_exit({code})")
        self.code = code


class WasiHost:
    """Hook implementations on an emulator (set `emulator` before the first call)."""

    def __init__(self, stdin: BinaryIO | None = None, stdout: BinaryIO | None = None,
                 stderr: BinaryIO | None = None):
        self.emulator = None
        self._in = stdin if stdin is not None else sys.stdin.buffer
        self._out = {1: stdout if stdout is not None else sys.stdout.buffer,
                     2: stderr if stderr is not None else sys.stderr.buffer}

    def write(self, fd: int, buf: int, length: int) -> int:
        stream = self._out.get(fd)
        if stream is None:
            return -EBADF & 0xFFFFFFFF
        stream.write(self.emulator.read_memory(buf, length))
        stream.flush()
        return length

    def read(self, fd: int, buf: int, length: int) -> int:
        if fd != 0:
            return -EBADF & 0xFFFFFFFF
        data = self._in.read1(length) if hasattr(self._in, "read1") else self._in.read(length)
        self.emulator.write_memory(buf, data)
        return len(data)

    def clock(self, clock_id: int, ns_ptr: int) -> int:
        now = _CLOCKS.get(clock_id)
        if now is None:
            return EINVAL
        self.emulator.write_memory(ns_ptr, (now() & (2**64 - 1)).to_bytes(8, "little"))
        return 0

    def random(self, buf: int, length: int) -> int:
        self.emulator.write_memory(buf, os.urandom(length))
        return 0

    def exit(self, code: int) -> None:
        raise WasiExit(code)

    def functions(self) -> dict[str, HostFunction]:
        """The hooks by symbol, for Emulator(host_functions=…)."""
        return {
            "synth_wasi_hook_write": HostFunction((I32,) * 3, (I32,), self.write),
            "synth_wasi_hook_read": HostFunction((I32,) * 3, (I32,), self.read),
            "synth_wasi_hook_clock": HostFunction((I32, I32), (I32,), self.clock),
            "synth_wasi_hook_random": HostFunction((I32, I32), (I32,), self.random),
            "synth_wasi_hook_exit": HostFunction((I32,), (), self.exit),
        }

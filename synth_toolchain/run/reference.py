"""Reference semantics: run a module with wasmtime.

Values cross the boundary as canonical unsigned bit patterns.  Calls go
through wasmtime's C API (`wasmtime._ffi`) directly so that f32/f64 values,
including signalling NaNs and NaN payloads, are passed and returned
bit-exactly: the bits are written into / read from the integer members of
the value union and never pass through a Python float.
"""

from __future__ import annotations

import ctypes
from ctypes import POINTER, byref
from typing import Mapping, Sequence

import wasmtime
from wasmtime import _ffi as ffi

from ..traps import Trap
from ..wasm.module import ValType
from .values import (CallResult, HostFunction, HostTrap, ReferenceError_, host_results,
                     host_signature, mask)

__all__ = ["Reference", "ReferenceError_", "InstantiationTrap", "HostFunction", "HostTrap",
           "trap_from_wasmtime"]

DEFAULT_FUEL = 1_000_000_000


@ctypes.CFUNCTYPE(None, ctypes.c_void_p)
def _no_finalizer(_env):   # module-level: outlives every store
    return None


class InstantiationTrap(ReferenceError_):
    """Instantiation trapped (start function, out-of-bounds segment...)."""

    def __init__(self, message: str, code: int | None):
        super().__init__(message)
        self.code = code


_KIND = {ValType.I32: ffi.WASMTIME_I32.value, ValType.I64: ffi.WASMTIME_I64.value,
         ValType.F32: ffi.WASMTIME_F32.value, ValType.F64: ffi.WASMTIME_F64.value}
_FROM_KIND = {v: k for k, v in _KIND.items()}

_TRAP_CODES = {
    wasmtime.TrapCode.STACK_OVERFLOW: Trap.STACK_EXHAUSTED,
    wasmtime.TrapCode.MEMORY_OUT_OF_BOUNDS: Trap.OUT_OF_BOUNDS_MEMORY,
    wasmtime.TrapCode.HEAP_MISALIGNED: Trap.OUT_OF_BOUNDS_MEMORY,
    wasmtime.TrapCode.TABLE_OUT_OF_BOUNDS: Trap.OUT_OF_BOUNDS_TABLE,   # refined below
    wasmtime.TrapCode.INDIRECT_CALL_TO_NULL: Trap.UNINITIALIZED_ELEMENT,
    wasmtime.TrapCode.BAD_SIGNATURE: Trap.INDIRECT_CALL_TYPE_MISMATCH,
    wasmtime.TrapCode.INTEGER_OVERFLOW: Trap.INTEGER_OVERFLOW,
    wasmtime.TrapCode.INTEGER_DIVISION_BY_ZERO: Trap.INTEGER_DIVIDE_BY_ZERO,
    wasmtime.TrapCode.BAD_CONVERSION_TO_INTEGER: Trap.INVALID_CONVERSION,
    wasmtime.TrapCode.UNREACHABLE: Trap.UNREACHABLE,
}

_CALL_INDIRECT_OPCODES = (0x11, 0x13)     # call_indirect, return_call_indirect


def _message_trap(message: str) -> Trap | None:
    text = message.split("wasm trap:")[-1] if "wasm trap:" in message else message
    # "undefined element: out of bounds table access" contains two messages;
    # check the more specific ones first.
    for trap in (Trap.UNDEFINED_ELEMENT, Trap.UNINITIALIZED_ELEMENT,
                 Trap.INDIRECT_CALL_TYPE_MISMATCH, Trap.INTEGER_DIVIDE_BY_ZERO,
                 Trap.INTEGER_OVERFLOW, Trap.INVALID_CONVERSION, Trap.OUT_OF_BOUNDS_MEMORY,
                 Trap.OUT_OF_BOUNDS_TABLE, Trap.STACK_EXHAUSTED, Trap.UNREACHABLE):
        if trap.message in text:
            return trap
    if "indirect call type mismatch" in text or "signature mismatch" in text:
        return Trap.INDIRECT_CALL_TYPE_MISMATCH
    if "stack overflow" in text:
        return Trap.STACK_EXHAUSTED
    return None


def trap_from_wasmtime(trap: wasmtime.Trap, wasm: bytes | None = None) -> Trap | None:
    """Map a wasmtime trap onto a synth Trap code (None: not a wasm trap).

    wasmtime reports both `call_indirect` past the end of the table and
    table.get/set/... out of bounds as TABLE_OUT_OF_BOUNDS; the spec calls
    the former "undefined element".  The trapping instruction's opcode (from
    the innermost frame's module offset) tells them apart.
    """
    code = trap.trap_code
    mapped = _TRAP_CODES.get(code) if code is not None else None
    if mapped is None:
        if code in (wasmtime.TrapCode.OUT_OF_FUEL, wasmtime.TrapCode.INTERRUPT):
            return None
        return _message_trap(trap.message)
    if mapped is Trap.OUT_OF_BOUNDS_TABLE:
        op = None
        try:
            frames = trap.frames
            if frames and wasm is not None:
                off = frames[0].module_offset
                if 0 <= off < len(wasm):
                    op = wasm[off]
        except Exception:          # noqa: BLE001 - best effort
            op = None
        if op in _CALL_INDIRECT_OPCODES:
            return Trap.UNDEFINED_ELEMENT
        if op is None and "undefined element" in trap.message and wasm is None:
            return Trap.UNDEFINED_ELEMENT
    return mapped


def _wt_valtype(t: ValType) -> wasmtime.ValType:
    return {ValType.I32: wasmtime.ValType.i32(), ValType.I64: wasmtime.ValType.i64(),
            ValType.F32: wasmtime.ValType.f32(), ValType.F64: wasmtime.ValType.f64(),
            ValType.FUNCREF: wasmtime.ValType.funcref(),
            ValType.EXTERNREF: wasmtime.ValType.externref()}[t]


def _valtype_from_wt(t: wasmtime.ValType) -> ValType:
    for ours in (ValType.I32, ValType.I64, ValType.F32, ValType.F64):
        if t == _wt_valtype(ours):
            return ours
    raise ReferenceError_(f"value type {t} is not supported by the reference runner")


def _store_bits(slot, t: ValType, bits: int) -> None:
    slot.kind = _KIND[t]
    if t in (ValType.I32, ValType.F32):
        b = mask(bits, ValType.I32)
        slot.of.i32 = b - (1 << 32) if b >> 31 else b
    else:
        b = mask(bits, ValType.I64)
        slot.of.i64 = b - (1 << 64) if b >> 63 else b


def _load_bits(slot) -> int:
    t = _FROM_KIND.get(slot.kind)
    if t is None:
        raise ReferenceError_(f"unsupported wasmtime value kind {slot.kind}")
    if t in (ValType.I32, ValType.F32):
        return slot.of.i32 & 0xFFFFFFFF
    return slot.of.i64 & 0xFFFFFFFFFFFFFFFF


class Reference:
    """One instance of `wasm_bytes` (binary, or WAT text) in wasmtime.

    host_functions: maps an import to a HostFunction (or callable with
    `.params`/`.results`).  Keys may be `(module, name)`, `"module.name"` or
    just `"name"`.  A value may also be a wasmtime extern (Memory, Table,
    Global, Func) that is passed through unchanged.
    """

    def __init__(self, wasm_bytes: bytes | str, host_functions: Mapping | None = None, *,
                 fuel: int = DEFAULT_FUEL, max_wasm_stack: int | None = None):
        if isinstance(wasm_bytes, str) or not bytes(wasm_bytes[:4]) == b"\0asm":
            try:
                wasm_bytes = wasmtime.wat2wasm(wasm_bytes)
            except wasmtime.WasmtimeError as e:
                raise ReferenceError_(f"wat2wasm: {e}") from None
        self.wasm = bytes(wasm_bytes)
        self.fuel = fuel
        config = wasmtime.Config()
        config.consume_fuel = True
        config.wasm_tail_call = True      # return_call (wasm 3.0), whatever the default
        # Small reservations: explicit bounds checks instead of 4 GiB+guard
        # virtual reservations per memory (many instances per test run).
        config.memory_reservation = 0
        config.memory_guard_size = 0
        config.memory_reservation_for_growth = 1 << 20
        config.memory_init_cow = False
        config.parallel_compilation = False
        config.wasm_multi_memory = True         # wasm 3.0 (a default today: say so)
        config.wasm_custom_page_sizes = True     # memories of 1-byte pages (a proposal)
        if max_wasm_stack is not None:
            config.max_wasm_stack = max_wasm_stack
        # Attribute order matters for teardown: the store goes before the
        # callback thunks it refers to.
        self._store = wasmtime.Store(wasmtime.Engine(config))
        self._callbacks: list = []
        self._host_exc: BaseException | None = None
        self._host_trap: int | None = None
        self.last_trap_message: str | None = None
        try:
            self._module = wasmtime.Module(self._store.engine, self.wasm)
        except wasmtime.WasmtimeError as e:
            raise ReferenceError_(f"wasmtime rejected the module: {e}") from None

        hosts = dict(host_functions or {})
        externs = []
        for imp in self._module.imports:
            mod, name = imp.module, imp.name
            entry = None
            for key in ((mod, name), f"{mod}.{name}", name):
                if key in hosts:
                    entry = hosts[key]
                    break
            if entry is None:
                raise ReferenceError_(f"unresolved import {mod}.{name} ({imp.type})")
            if isinstance(entry, (wasmtime.Func, wasmtime.Memory, wasmtime.Table,
                                  wasmtime.Global)):
                externs.append(entry)
                continue
            if not isinstance(imp.type, wasmtime.FuncType):
                raise ReferenceError_(f"import {mod}.{name} is a {imp.type}, "
                                      "give a wasmtime extern for it")
            externs.append(self._make_host_func(f"{mod}.{name}", entry, imp.type))

        self._host_exc = None
        self._host_trap = None
        self._store.set_fuel(fuel)
        try:
            self._instance = wasmtime.Instance(self._store, self._module, externs)
        except wasmtime.Trap as t:
            self._reraise_host_exc()
            code = self._host_trap if self._host_trap is not None else trap_from_wasmtime(t, self.wasm)
            raise InstantiationTrap(f"instantiation trapped: {t.message}",
                                    None if code is None else int(code)) from None
        except wasmtime.WasmtimeError as e:
            self._reraise_host_exc()
            raise ReferenceError_(f"instantiation failed: {e}") from None
        self._exports = self._instance.exports(self._store)

    # ------------------------------------------------------------ host functions

    def _reraise_host_exc(self) -> None:
        if self._host_exc is not None:
            exc, self._host_exc = self._host_exc, None
            raise exc

    def _make_host_func(self, name: str, entry, wt_type: wasmtime.FuncType) -> wasmtime.Func:
        params, results = host_signature(entry)
        want_p = tuple(_valtype_from_wt(t) for t in wt_type.params)
        want_r = tuple(_valtype_from_wt(t) for t in wt_type.results)
        if (params, results) != (want_p, want_r):
            raise ReferenceError_(f"host function {name}: signature {params} -> {results} "
                                  f"does not match the import's {want_p} -> {want_r}")

        def trampoline(_env, _caller, args_ptr, nargs, results_ptr, nresults):
            try:
                args = [_load_bits(args_ptr[i]) for i in range(nargs)]
                try:
                    raw = entry(*args)
                except HostTrap as t:
                    self._host_trap = t.code
                    msg = Trap(t.code).message if t.code in Trap._value2member_map_ else "host trap"
                    return ctypes.cast(wasmtime.Trap(f"host trap {t.code}: {msg}")._consume(),
                                       ctypes.c_void_p).value or 0
                vals = host_results(raw, results, name)
                for i, (t, v) in enumerate(zip(results, vals)):
                    _store_bits(results_ptr[i], t, v)
                return 0
            except BaseException as e:      # noqa: BLE001 - re-raised from call()
                self._host_exc = e
                return ctypes.cast(wasmtime.Trap("python exception in host function")._consume(),
                                   ctypes.c_void_p).value or 0

        cb = ffi.wasmtime_func_callback_t(trampoline)
        self._callbacks.append(cb)
        func = ffi.wasmtime_func_t()
        ffi.wasmtime_func_new(self._store._context(), wt_type.ptr(), cb, None, _no_finalizer, byref(func))
        return wasmtime.Func._from_raw(func)

    # ------------------------------------------------------------ calls

    def export_type(self, export_name: str) -> tuple[tuple[ValType, ...], tuple[ValType, ...]]:
        func = self._func(export_name)
        ty = func.type(self._store)
        return (tuple(_valtype_from_wt(t) for t in ty.params),
                tuple(_valtype_from_wt(t) for t in ty.results))

    def _func(self, export_name: str) -> wasmtime.Func:
        ext = self._exports.get(export_name)
        if ext is None:
            raise ReferenceError_(f"no export named {export_name!r}")
        if not isinstance(ext, wasmtime.Func):
            raise ReferenceError_(f"export {export_name!r} is not a function")
        return ext

    def call(self, export_name: str, args: Sequence[int]) -> CallResult:
        func = self._func(export_name)
        params, results = self.export_type(export_name)
        if len(args) != len(params):
            raise ReferenceError_(f"{export_name}: {len(params)} argument(s) expected, "
                                  f"got {len(args)}")
        args_arr = (ffi.wasmtime_val_t * max(1, len(params)))()
        for i, (t, v) in enumerate(zip(params, args)):
            _store_bits(args_arr[i], t, int(v))
        res_arr = (ffi.wasmtime_val_t * max(1, len(results)))()
        trap_ptr = POINTER(ffi.wasm_trap_t)()
        self._host_exc = None
        self._host_trap = None
        self.last_trap_message = None
        self._store.set_fuel(self.fuel)
        error = ffi.wasmtime_func_call(self._store._context(), byref(func._func), args_arr,
                                       len(params), res_arr, len(results), byref(trap_ptr))
        self._reraise_host_exc()
        if error:
            err = wasmtime.WasmtimeError._from_ptr(error)
            self.last_trap_message = str(err)
            if self._host_trap is not None:        # host traps come back as errors
                return CallResult(None, self._host_trap)
            raise ReferenceError_(f"{export_name}: {err}")
        if trap_ptr:
            trap = wasmtime.Trap._from_ptr(trap_ptr)
            self.last_trap_message = trap.message
            if self._host_trap is not None:
                return CallResult(None, self._host_trap)
            if trap.trap_code == wasmtime.TrapCode.OUT_OF_FUEL:
                raise ReferenceError_(f"{export_name}: ran out of fuel ({self.fuel}): "
                                      "infinite loop?")
            code = trap_from_wasmtime(trap, self.wasm)
            if code is None:
                raise ReferenceError_(f"{export_name}: unexpected wasmtime trap: {trap.message}")
            return CallResult(None, int(code))
        return CallResult(tuple(_load_bits(res_arr[i]) for i in range(len(results))), None)

    # ------------------------------------------------------------ state

    def read_memory(self, offset: int, size: int, memory: str = "memory") -> bytes:
        mem = self._exports.get(memory)
        if not isinstance(mem, wasmtime.Memory):
            raise ReferenceError_(f"no exported memory {memory!r}")
        return bytes(mem.read(self._store, offset, offset + size))

    def memory_bytes(self, memory: str = "memory") -> bytes:
        """Every byte of an exported memory (its current size)."""
        mem = self._exports.get(memory)
        if not isinstance(mem, wasmtime.Memory):
            raise ReferenceError_(f"no exported memory {memory!r}")
        return self.read_memory(0, mem.data_len(self._store), memory)

    def global_value(self, name: str) -> int:
        """Bits of an exported numeric global (bit-exact for floats)."""
        g = self._exports.get(name)
        if not isinstance(g, wasmtime.Global):
            raise ReferenceError_(f"no exported global {name!r}")
        raw = ffi.wasmtime_val_t()
        ffi.wasmtime_global_get(self._store._context(), byref(g._global), byref(raw))
        return _load_bits(raw)

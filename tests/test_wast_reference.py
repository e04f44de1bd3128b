"""The project's own .wast scripts, run on wasmtime: their expected values are
checked against the reference implementation, not only against synth.

A small runner over wasmtime's Python API: modules (with the spectest host
module and registered instances as imports), register, invoke, get,
assert_return, assert_trap, assert_unlinkable and assert_uninstantiable.
NaN results only have to be NaN (Python floats do not carry f32 payloads);
commands with host references, and those marked `;; synth-specific` on the
line before (implementation-defined outcomes such as a memory.grow that
fails at synth's reservation), are skipped.
"""

import glob
import math
import os
import struct

import pytest
import wasmtime

from synth_toolchain.wast.runner import Skip, _const
from synth_toolchain.wasm.sexpr import List, Str, parse
from synth_toolchain.wasm.module import ValType
from synth_toolchain.wasm.wat import assemble

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPTS = sorted(glob.glob(os.path.join(ROOT, "tests", "wast", "*.wast")))

SPECTEST = """(module
  (func (export "print"))
  (func (export "print_i32") (param i32))
  (func (export "print_i64") (param i64))
  (func (export "print_f32") (param f32))
  (func (export "print_f64") (param f64))
  (func (export "print_i32_f32") (param i32 f32))
  (func (export "print_f64_f64") (param f64 f64))
  (global (export "global_i32") i32 (i32.const 666))
  (global (export "global_i64") i64 (i64.const 666))
  (global (export "global_f32") f32 (f32.const 666.6))
  (global (export "global_f64") f64 (f64.const 666.6))
  (table (export "table") 10 20 funcref)
  (memory (export "memory") 1 2))"""


def _to_py(t, bits):
    if t == ValType.I32:
        return bits - (1 << 32) if bits >> 31 else bits
    if t == ValType.I64:
        return bits - (1 << 64) if bits >> 63 else bits
    if t == ValType.F32:
        return struct.unpack("<f", struct.pack("<I", bits))[0]
    if t == ValType.F64:
        return struct.unpack("<d", struct.pack("<Q", bits))[0]
    if t == ValType.EXTERNREF:
        return bits or None             # the host object: the runner's word (N + 1)
    raise Skip("funcref argument")


def _bits(t, v) -> int | None:
    """Bit pattern of a result; None for a NaN (payloads are not kept)."""
    if t == ValType.I32:
        return v & 0xFFFFFFFF
    if t == ValType.I64:
        return v & 0xFFFFFFFFFFFFFFFF
    if t in (ValType.F32, ValType.F64):
        if math.isnan(v):
            return None
        fmt = ("<f", "<I") if t == ValType.F32 else ("<d", "<Q")
        return struct.unpack(fmt[1], struct.pack(fmt[0], v))[0]
    if t == ValType.EXTERNREF:
        return v or 0
    return 0 if v is None else 1


class Reference:
    def __init__(self, text: str):
        self.text = text
        config = wasmtime.Config()
        config.wasm_custom_page_sizes = True     # synth accepts the proposal by default
        self.store = wasmtime.Store(wasmtime.Engine(config))
        self.linker = wasmtime.Linker(self.store.engine)
        spec = wasmtime.Instance(self.store, wasmtime.Module(self.store.engine, SPECTEST), [])
        self.linker.define_instance(self.store, "spectest", spec)
        self.named: dict[str, wasmtime.Instance] = {}
        self.current = None
        self.checked = self.skipped = 0

    def module(self, node) -> wasmtime.Instance:
        body = [x for x in list(node)[1:] if not (hasattr(x, "text") and
                                                  str(x).startswith("$"))]
        if body and isinstance(body[0], Str) or any(str(x) in ("binary", "quote", "definition")
                                                     for x in list(node)[1:3]):
            raise Skip("binary/quote module forms")
        if len(node) > 1 and str(node[1]) == "instance":
            raise Skip("module instance")
        src = self.text[node.start:node.end]
        return self.linker.instantiate(self.store,
                                       wasmtime.Module(self.store.engine, assemble(src)))

    def instance(self, node, index):
        if len(node) > index and str(node[index]).startswith("$"):
            if str(node[index]) not in self.named:
                raise Skip(f"instance {node[index]} was not made")
            return self.named[str(node[index])], index + 1
        return self.current, index

    def action(self, node):
        inst, i = self.instance(node, 1)
        if inst is None:
            raise Skip("no usable module")
        name = node[i].value.decode()
        export = inst.exports(self.store)[name]
        if node.head() == "get":
            return [export.value(self.store)], None
        args = [_const(a, "argument") for a in list(node)[i + 1:]]
        ft = export.type(self.store)
        res = export(self.store, *[_to_py(t, v) for t, v in args])
        if len(ft.results) == 0:
            return [], None
        return (list(res) if isinstance(res, (list, tuple)) else [res]), None

    def run(self, node):
        head = node.head()
        if head == "module":
            inst = self.module(node)
            self.current = inst
            if len(node) > 1 and str(node[1]).startswith("$"):
                self.named[str(node[1])] = inst
        elif head == "register":
            inst, _ = self.instance(node, 2)
            self.linker.define_instance(self.store, node[1].value.decode(), inst)
        elif head in ("invoke", "get"):
            self.action(node)
        elif head == "assert_return":
            values, _ = self.action(node[1])
            expected = [_const(e, "result") for e in list(node)[2:]]
            assert len(values) == len(expected), node
            for v, (t, pattern) in zip(values, expected):
                bits = _bits(t, v)
                if isinstance(pattern, int):
                    assert bits == pattern, f"line {node.line}: wasmtime gives {v}"
                elif pattern == "non-null":
                    assert v is not None, f"line {node.line}"
                else:
                    assert bits is None, f"line {node.line}: wasmtime gives {v}, not a NaN"
            self.checked += 1
        elif head == "assert_trap":
            try:
                if node[1].head() == "module":
                    self.module(node[1])
                else:
                    self.action(node[1])
            except wasmtime.Trap:
                self.checked += 1
                return
            raise AssertionError(f"line {node.line}: wasmtime does not trap")
        elif head in ("assert_unlinkable", "assert_uninstantiable"):
            try:
                self.module(node[1])
            except (wasmtime.WasmtimeError, wasmtime.Trap):
                self.checked += 1
                return
            raise AssertionError(f"line {node.line}: wasmtime instantiates it")
        else:
            raise Skip(head)


@pytest.mark.parametrize("path", SCRIPTS, ids=os.path.basename)
def test_expectations_hold_on_wasmtime(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    ref = Reference(text)
    lines = text.splitlines()
    for node in parse(text):
        if not isinstance(node, List):
            continue
        if node.line >= 2 and "synth-specific" in lines[node.line - 2]:
            ref.skipped += 1
            continue
        try:
            ref.run(node)
        except Skip:
            ref.skipped += 1
    assert ref.checked > 0

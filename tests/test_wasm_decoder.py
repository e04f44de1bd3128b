"""Decoder tests: valid modules from WAT, hand-built malformed binaries."""

from __future__ import annotations

import struct

import pytest
import wasmtime

from synth_toolchain.errors import SynthError, UnsupportedError, WasmDecodeError
from synth_toolchain.wasm import opcodes as O
from synth_toolchain.wasm.decoder import decode
from synth_toolchain.wasm.loader import load_bytes, load_module
from synth_toolchain.wasm.module import (ExternKind, FuncType, Instr, Limits, MemArg,
                                         ValType)
from synth_toolchain.wasm.wat import wat_to_wasm

I32, I64, F32, F64 = ValType.I32, ValType.I64, ValType.F32, ValType.F64


# -- binary building helpers ------------------------------------------------------------
def uleb(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def sleb(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if (n == 0 and not b & 0x40) or (n == -1 and b & 0x40):
            out.append(b)
            return bytes(out)
        out.append(b | 0x80)


def sec(sid: int, payload: bytes) -> bytes:
    return bytes([sid]) + uleb(len(payload)) + payload


def vec(items) -> bytes:
    items = list(items)
    return uleb(len(items)) + b"".join(items)


def name(s: str) -> bytes:
    b = s.encode()
    return uleb(len(b)) + b


HDR = b"\0asm\x01\0\0\0"
TYPE_V_V = sec(1, vec([b"\x60\x00\x00"]))          # type 0: [] -> []
FUNC_1 = sec(3, vec([b"\x00"]))


def code(*bodies: bytes) -> bytes:
    return sec(10, vec([uleb(len(b)) + b for b in bodies]))


def module_with_body(body: bytes, extra_before_code: bytes = b"") -> bytes:
    """One function [] -> [] whose body (locals vec + instructions) is `body`."""
    return HDR + TYPE_V_V + FUNC_1 + extra_before_code + code(body)


def wat(text: str):
    data = wasmtime.wat2wasm(text)
    return decode(bytes(data), "t.wasm"), bytes(data)


def malformed(data: bytes) -> WasmDecodeError:
    with pytest.raises(WasmDecodeError) as ei:
        decode(data, "m.wasm")
    return ei.value


# -- valid modules ------------------------------------------------------------------------
def test_empty_module():
    m = decode(HDR, "e.wasm")
    assert m.types == [] and m.functions == [] and m.start is None


def test_sections_roundtrip():
    m, _ = wat("""(module $mod
      (type $t (func (param i32 i64) (result f32)))
      (import "env" "f" (func $f (type $t)))
      (import "env" "tab" (table 2 10 funcref))
      (import "env" "mem" (memory 1 3))
      (import "env" "g" (global $g (mut f64)))
      (table $t2 5 externref)
      (global $h i32 (i32.const 42))
      (func $main (export "main") (param $x i32) (param i64) (result f32)
        (local $l1 i32) (local f64 f64)
        f32.const 1)
      (export "mem" (memory 0))
      (export "g" (global $g))
      (start $s)
      (func $s)
      (elem (i32.const 0) $main)
      (data (i32.const 4) "abc")
      (data "passive"))""")
    assert m.types[0] == FuncType((I32, I64), (F32,))
    kinds = [i.kind for i in m.imports]
    assert kinds == [ExternKind.FUNC, ExternKind.TABLE, ExternKind.MEMORY, ExternKind.GLOBAL]
    assert m.imports[1].desc.limits == Limits(2, 10)
    assert m.imports[2].desc.limits == Limits(1, 3)
    assert m.imports[3].desc.mutable and m.imports[3].desc.valtype == F64
    assert m.tables[0].elem == ValType.EXTERNREF and m.tables[0].limits == Limits(5, None)
    assert m.globals[0].init == [Instr("i32.const", 42, m.globals[0].init[0].offset)]
    assert m.functions[0].locals == [I32, F64, F64]
    assert [(e.name, e.kind, e.index) for e in m.exports] == [
        ("main", ExternKind.FUNC, 1), ("mem", ExternKind.MEMORY, 0), ("g", ExternKind.GLOBAL, 0)]
    assert m.start == 2
    assert m.elements[0].mode == "active" and m.elements[0].init[0][0].op == "ref.func"
    assert m.elements[0].init[0][0].imm == 1
    assert m.datas[0].data == b"abc" and m.datas[0].mode == "active"
    assert m.datas[1].mode == "passive" and m.datas[1].offset_expr is None
    assert m.data_count in (None, 2)
    assert m.names.module == "mod"
    assert m.names.functions[1] == "main"
    assert m.names.locals[1][0] == "x" and m.names.locals[1][2] == "l1"
    assert m.func_type(1) == m.types[0]
    assert any(c[0] == "name" for c in m.customs)


def _sample_args(t: ValType) -> str:
    return {I32: "i32.const 1", I64: "i64.const 1", F32: "f32.const 1",
            F64: "f64.const 1"}[t]


def test_every_simple_opcode_decodes_with_table_name():
    """Every non-special operator of the table round-trips through wasmtime's text names."""
    funcs = []
    expected = []
    for info in O.OPS:
        if info.special or info.memory or info.imm != O.IMM_NONE:
            continue
        args = " ".join(_sample_args(t) for t in info.params)
        funcs.append(f"(func {args} {info.name} drop)")
        expected.append(info.name)
    m, _ = wat("(module " + "\n".join(funcs) + ")")
    got = [f.body[len(O.lookup(n).params)].op for f, n in zip(m.functions, expected)]
    assert got == expected
    assert len(expected) > 130


def test_memory_ops_and_memarg():
    names = [o.name for o in O.OPS if o.align is not None]
    body = []
    for n in names:
        info = O.lookup(n)
        if info.results:
            body.append(f"i32.const 0 {n} offset=7 drop")
        else:
            body.append(f"i32.const 0 {_sample_args(info.params[1])} {n} offset=7 align=1")
    m, data = wat("(module (memory 1) (func " + " ".join(body) + "))")
    mem_instrs = [i for i in m.functions[0].body if i.op in names]
    assert [i.op for i in mem_instrs] == names
    for i in mem_instrs:
        assert isinstance(i.imm, MemArg) and i.imm.offset == 7
        assert data[i.offset] == O.lookup(i.op).code
    loads = [i for i in mem_instrs if O.lookup(i.op).results]
    assert all(i.imm.align == O.lookup(i.op).align for i in loads)
    stores = [i for i in mem_instrs if not O.lookup(i.op).results]
    assert all(i.imm.align == 0 for i in stores)


def test_immediate_conventions():
    m, data = wat("""(module
      (type $bt (func (param i32) (result i32 i32)))
      (memory 1) (table $t0 2 funcref) (table $t1 2 funcref)
      (elem $e func $f)
      (data $d "xy")
      (func $f (param i32) (result i32)
        block nop end
        block (result i64) i64.const -9223372036854775808 end drop
        i32.const 5 block (type $bt) local.get 0 end drop drop
        block block br_table 0 1 1 end end
        i32.const -1 drop
        f32.const nan:0x200001 drop
        f64.const -0 drop
        i32.const 1 i32.const 2 i32.const 0 select (result i32) drop
        ref.null extern drop
        ref.null func drop
        i32.const 0 i32.const 0 call_indirect $t1 (type $bt) drop drop
        memory.size drop
        i32.const 0 memory.grow drop
        i32.const 0 i32.const 0 i32.const 0 memory.init $d
        data.drop $d
        i32.const 0 i32.const 0 i32.const 0 memory.copy
        i32.const 0 i32.const 0 i32.const 0 memory.fill
        i32.const 0 i32.const 0 i32.const 0 table.init $t1 $e
        elem.drop $e
        i32.const 0 i32.const 0 i32.const 0 table.copy $t1 $t0
        table.size $t1 drop
        ref.func $f drop
        i32.const 0 i32.trunc_sat_f32_s
        ))""")
    body = m.functions[0].body
    by_op: dict[str, list] = {}
    for ins in body:
        by_op.setdefault(ins.op, []).append(ins.imm)
        # every instruction offset points at its opcode (or prefix) byte
        info = O.BY_NAME[ins.op]
        code = info.code if isinstance(info.code, int) else info.code[0]
        if ins.op == "select" and ins.imm is not None:
            code = 0x1C
        assert data[ins.offset] == code, ins
    assert by_op["block"] == [None, I64, 0, None, None]
    assert by_op["br_table"] == [((0, 1), 1)]
    assert by_op["i64.const"] == [-(1 << 63)]
    assert -1 in by_op["i32.const"]
    assert by_op["f32.const"] == [0x7FA00001]
    assert by_op["f64.const"] == [1 << 63]
    assert by_op["select"] == [(I32,)]
    assert by_op["ref.null"] == [ValType.EXTERNREF, ValType.FUNCREF]
    assert by_op["call_indirect"] == [(0, 1)]
    assert by_op["memory.size"] == [0] and by_op["memory.grow"] == [0]
    assert by_op["memory.init"] == [(0, 0)]
    assert by_op["data.drop"] == [0]
    assert by_op["memory.copy"] == [(0, 0)]
    assert by_op["memory.fill"] == [0]
    assert by_op["table.init"] == [(0, 1)]
    assert by_op["elem.drop"] == [0]
    assert by_op["table.copy"] == [(1, 0)]
    assert by_op["table.size"] == [1]
    assert by_op["ref.func"] == [0]
    assert body[-1].op == "end" and "i32.trunc_sat_f32_s" in by_op


def test_function_offset_and_size():
    body = b"\x01\x01\x7f\x41\x05\x1a\x0b"     # 1 local i32; i32.const 5; drop; end
    data = module_with_body(body)
    m = decode(data, "x")
    f = m.functions[0]
    assert f.locals == [I32]
    assert f.size == len(body)
    assert data[f.offset:f.offset + f.size] == body
    assert [i.op for i in f.body] == ["i32.const", "drop", "end"]
    assert f.body[0].offset == f.offset + 3 and f.body[0].imm == 5


@pytest.mark.parametrize("flags,payload,mode,etype,n", [
    (0, b"\x41\x00\x0b" + vec([b"\x00"]), "active", ValType.FUNCREF, 1),
    (1, b"\x00" + vec([b"\x00", b"\x00"]), "passive", ValType.FUNCREF, 2),
    (2, b"\x00\x41\x00\x0b\x00" + vec([b"\x00"]), "active", ValType.FUNCREF, 1),
    (3, b"\x00" + vec([b"\x00"]), "declarative", ValType.FUNCREF, 1),
    (4, b"\x41\x00\x0b" + vec([b"\xd2\x00\x0b", b"\xd0\x70\x0b"]), "active", ValType.FUNCREF, 2),
    (5, b"\x6f" + vec([b"\xd0\x6f\x0b"]), "passive", ValType.EXTERNREF, 1),
    (6, b"\x00\x41\x00\x0b\x70" + vec([b"\xd2\x00\x0b"]), "active", ValType.FUNCREF, 1),
    (7, b"\x70" + vec([b"\xd2\x00\x0b"]), "declarative", ValType.FUNCREF, 1),
])
def test_element_encodings(flags, payload, mode, etype, n):
    table = sec(4, vec([b"\x70\x00\x01"]))
    elem = sec(9, vec([uleb(flags) + payload]))
    data = HDR + TYPE_V_V + FUNC_1 + table + elem + code(b"\x00\x0b")
    m = load_bytes(data, "e.wasm")           # decodes and validates
    seg = m.elements[0]
    assert seg.mode == mode and seg.elem_type == etype and len(seg.init) == n
    assert (seg.offset_expr is not None) == (mode == "active")
    assert all(isinstance(e, list) and e for e in seg.init)
    if flags in (0, 1, 2, 3):
        assert seg.init[0] == [Instr("ref.func", 0, seg.init[0][0].offset)]
        assert data[seg.init[0][0].offset] == 0


@pytest.mark.parametrize("seg,mode,mem", [
    (b"\x00\x41\x01\x0b" + vec([b"a"]), "active", 0),
    (b"\x01" + vec([b"a"]), "passive", 0),
    (b"\x02\x00\x41\x01\x0b" + vec([b"a"]), "active", 0),
])
def test_data_encodings(seg, mode, mem):
    data = HDR + sec(5, vec([b"\x00\x01"])) + sec(11, vec([seg]))
    m = load_bytes(data, "d.wasm")
    assert m.datas[0].mode == mode and m.datas[0].data == b"a" and m.datas[0].memory == mem


def test_custom_sections_anywhere_and_malformed_name_section_ignored():
    bad_names = sec(0, name("name") + b"\x01\x05\x01\x00\xff")   # truncated function names
    other = sec(0, name("meta") + b"payload")
    data = HDR + other + TYPE_V_V + other + FUNC_1 + bad_names + code(b"\x00\x0b") + other
    m = decode(data, "c.wasm")
    assert m.names.functions == {} and m.names.module is None
    assert [c[0] for c in m.customs] == ["meta", "meta", "name", "meta"]
    assert m.customs[0][1] == b"payload"


def test_name_section_hand_built():
    names = (b"\x00" + uleb(len(name("mm"))) + name("mm")
             + b"\x01" + uleb(len(vec([b"\x00" + name("fn")]))) + vec([b"\x00" + name("fn")])
             + b"\x02" + uleb(len(vec([b"\x00" + vec([b"\x00" + name("loc")])])))
             + vec([b"\x00" + vec([b"\x00" + name("loc")])]))
    data = module_with_body(b"\x01\x01\x7f\x0b") + sec(0, name("name") + names)
    m = decode(data, "n.wasm")
    assert m.names.module == "mm"
    assert m.function_name(0) == "fn"
    assert m.names.locals == {0: {0: "loc"}}


def test_leb_edge_cases_valid():
    # u32 in 5 bytes with zero padding, s32 max/min in 5 bytes
    body = (b"\x00\x41" + b"\xff\xff\xff\xff\x07" + b"\x1a" + b"\x41" + b"\x80\x80\x80\x80\x78"
            + b"\x1a" + b"\x42" + b"\x80" * 9 + b"\x7f" + b"\x1a" + b"\x0b")
    m = decode(module_with_body(body), "l")
    consts = [i.imm for i in m.functions[0].body if i.op.endswith("const")]
    assert consts == [2**31 - 1, -2**31, -(1 << 63)]
    padded = HDR + sec(1, b"\x81\x80\x80\x80\x00" + b"\x60\x00\x00")
    assert len(decode(padded, "p").types) == 1


def test_large_module_decodes():
    """A 900 KB module decodes completely (its speed is measured by
    tools/throughput.py, docs/benchmarks.md, not asserted here)."""
    body = b"\x00" + (b"\x20\x00\x41\xe8\x07\x6a\x21\x00" * 2000) + b"\x0b"
    n = 60
    data = (HDR + sec(1, vec([b"\x60\x01\x7f\x00"])) + sec(3, vec([b"\x00"] * n))
            + code(*([body] * n)))
    m = decode(data, "big")
    assert len(m.functions) == n and len(m.functions[0].body) == 8001
    assert len(data) > 900_000


# -- malformed binaries -------------------------------------------------------------------
@pytest.mark.parametrize("data,msg,offset", [
    (b"", "magic header not detected", 0),
    (b"\0as", "magic header not detected", 0),
    (b"\0asn\x01\0\0\0", "magic header not detected", 0),
    (b"\0asm", "unknown binary version", 4),
    (b"\0asm\x02\0\0\0", "unknown binary version", 4),
    (HDR + b"\x0e\x00", "invalid section id 14", 8),
    (HDR + b"\x01", "unexpected end", 9),
    (HDR + b"\x01\x05\x00", "length out of bounds", 10),
    (HDR + sec(1, b"\x00\x00"), "section size mismatch", 11),
    (HDR + sec(1, b"\x01\x60\x00"), "unexpected end of section or function", 13),
    (HDR + TYPE_V_V + TYPE_V_V, "unexpected content after last section", 14),
    (HDR + FUNC_1 + TYPE_V_V, "out of order", 12),
    (HDR + sec(1, b"\x81\x80\x80\x80\x80\x00"), "integer representation too long", 10),
    (HDR + sec(1, b"\x80\x80\x80\x80\x10"), "integer too large", 10),
    (HDR + sec(1, b"\x01\x61\x00\x00"), "malformed function type", 11),
    (HDR + sec(1, b"\x01\x60\x01\x55\x00"), "malformed value type", 13),
    (HDR + TYPE_V_V + FUNC_1, "function and code section have inconsistent lengths", 16),
    (HDR + TYPE_V_V + code(b"\x00\x0b"), "function and code section have inconsistent lengths", 16),
    (HDR + sec(2, vec([name("a") + name("b") + b"\x05"])), "malformed import kind", 15),
    (HDR + sec(2, vec([name("a") + b"\x02\xff\xfe" + b"\x00\x00"])), "malformed UTF-8", 14),
    (HDR + sec(0, b"\x02\xc0\x80"), "malformed UTF-8", 11),
    (HDR + sec(5, vec([b"\x10\x00"])), "integer too large", 11),
    (HDR + sec(5, vec([b"\x08\x00"])), "while reading memory page size", 13),
    (HDR + sec(5, vec([b"\x08\x00\x41"])), "invalid custom page size", 13),
    (HDR + sec(4, vec([b"\x70\x08\x00\x00"])), "malformed table limits flags 0x08", 12),
    (HDR + sec(5, vec([b"\x81\x00\x00"])), "integer representation too long", 11),
    (HDR + sec(4, vec([b"\x7f\x00\x00"])), "malformed reference type", 11),
    (HDR + sec(6, vec([b"\x7f\x02\x41\x00\x0b"])), "malformed mutability", 12),
    (HDR + sec(6, vec([b"\x7f"])), "unexpected end of section or function while reading global mutability", 12),
    (HDR + sec(9, vec([b"\x08"])), "malformed elements segment kind", 11),
    (HDR + sec(9, vec([b"\x01\x01\x00"])), "malformed element kind", 12),
    (HDR + sec(11, vec([b"\x03"])), "malformed data segment kind", 11),
    (HDR + sec(12, b"\x02") + sec(11, vec([b"\x01\x00"])), "data count and data section have inconsistent lengths", 13),
    (HDR + sec(12, b"\x01"), "data count and data section have inconsistent lengths", 11),
    (HDR + sec(7, vec([name("x") + b"\x05\x00"])), "malformed export kind", 13),
    (HDR + TYPE_V_V + FUNC_1 + b"\x0a\x04\x01\x02\x00\x0b" + b"\x00", "unexpected end", 25),
])
def test_malformed_module_level(data, msg, offset):
    e = malformed(data)
    assert msg in e.message
    assert e.offset == offset, (e.offset, e.message)
    assert e.format().startswith(f"m.wasm:0x{offset:x}: error: ")


BODY_OFF = len(module_with_body(b"")) - 0   # offset where the body bytes start


@pytest.mark.parametrize("body,msg,at", [
    (b"\x00\xff\x0b", "illegal opcode 0xff", 1),
    (b"\x00\x27\x0b", "illegal opcode 0x27", 1),
    (b"\x00\xfc\x12\x0b", "illegal opcode 0xfc 0x12", 1),
    (b"\x00\x01", "END opcode expected", 2),
    (b"\x00\x02\x40\x0b", "END opcode expected", 4),
    (b"\x00\x0b\x01", "section size mismatch", 2),
    (b"\x00\x41\x80\x80\x80\x80\x80\x00\x1a\x0b", "integer representation too long", 2),
    (b"\x00\x41\x80\x80\x80\x80\x70\x1a\x0b", "integer too large", 2),
    (b"\x00\x41\xff\xff\xff\xff\x0f\x1a\x0b", "integer too large", 2),
    (b"\x00\x42" + b"\x80" * 9 + b"\x02\x1a\x0b", "integer too large", 2),
    (b"\x00\x42" + b"\x80" * 10 + b"\x00\x1a\x0b", "integer representation too long", 2),
    (b"\x00\x02\x80\x80\x80\x80\x20\x0b\x0b", "integer too large", 2),
    (b"\x00\x02\x7b\x0b\x0b", None, 2),     # v128 block type: unsupported
    (b"\x00\x02\x7a\x0b\x0b", "malformed block type", 2),
    (b"\x00\x41\x00\x28\x20\x00\x1a\x0b", "malformed memop flags", 4),
    (b"\x00\xfc\x09\x00\x0b", "data count section required", 1),
    (b"\x00\x43\x00\x00", "unexpected end", 2),
    (b"\x02\xff\xff\xff\xff\x0f\x7f\xff\xff\xff\xff\x0f\x7f\x0b", "too many locals", 7),
    (b"\x01\x01\x7b\x0b", None, 2),         # v128 local: unsupported
    (b"\x00\xfd\x0c\x0b", None, 1),         # SIMD prefix: unsupported
])
def test_malformed_bodies(body, msg, at):
    data = module_with_body(body)
    start = len(data) - len(body)
    if msg is None:
        with pytest.raises(UnsupportedError) as ei:
            decode(data, "m.wasm")
        assert ei.value.offset == start + at
        assert "SIMD" in ei.value.message
        return
    e = malformed(data)
    assert msg in e.message
    assert e.offset == start + at, (hex(e.offset), hex(start + at), e.message)


@pytest.mark.parametrize("body,at", [
    (b"\x00\x3f\x01\x1a\x0b", 2),
    (b"\x00\x41\x00\x40\x80\x00\x1a\x0b", 4),
    (b"\x00\x41\x00\x41\x00\x41\x00\xfc\x0b\x01\x0b", 9),
])
def test_2_0_memory_index_is_a_zero_byte(body, at):
    data = module_with_body(body)
    with pytest.raises(WasmDecodeError) as ei:
        decode(data, "m.wasm", name_features=False)
    assert "zero byte expected" in ei.value.message
    assert ei.value.offset == len(data) - len(body) + at


def test_3_0_memory_indices():
    """3.0: memory.size/grow/fill/copy/init take a u32 memory index (any LEB
    length), a memarg with bit 6 of its flags one after the alignment."""
    body = (b"\x00\x3f\x01\x1a"                     # memory.size 1
            b"\x41\x00\x40\x80\x00\x1a"             # memory.grow 0 (two-byte LEB)
            b"\x41\x00\x41\x00\x41\x00\xfc\x0a\x02\x01"   # memory.copy 2 1
            b"\x41\x00\x28\x42\x03\x08\x1a"         # i32.load memory 3 align 2 offset 8
            b"\x0b")
    f = decode(module_with_body(body), "m.wasm").functions[0]
    imms = {i.op: i.imm for i in f.body}
    assert imms["memory.size"] == 1 and imms["memory.grow"] == 0
    assert imms["memory.copy"] == (2, 1)
    assert (imms["i32.load"].memory, imms["i32.load"].align, imms["i32.load"].offset) == (3, 2, 8)


def test_simd_message():
    with pytest.raises(UnsupportedError, match=r"SIMD \(v128, .*\): not supported \(opcode 0xfd 0xc\)"):
        decode(module_with_body(b"\x00\xfd\x0c" + b"\x00" * 16 + b"\x1a\x0b"), "s")


def test_opcode_table_consistency():
    assert O.BY_CODE[0x6A].name == "i32.add"
    assert O.BY_CODE[(0xFC, 7)].name == "i64.trunc_sat_f64_u"
    assert O.BY_NAME["i64.extend32_s"].code == 0xC4
    assert O.BY_NAME["memory.init"].code == (0xFC, 8)
    assert O.BY_NAME["table.fill"].code == (0xFC, 17)
    assert O.BY_NAME["i64.load32_u"].align == 2 and O.BY_NAME["i64.load32_u"].size == 4
    assert O.BY_NAME["f64.store"].params == (I32, F64)
    assert O.BY_NAME["select"].code == 0x1B and O.BY_CODE[0x1C].imm == O.IMM_SELECT_T
    assert O.BY_NAME["i32.eqz"].params == (I32,) and O.BY_NAME["i32.eqz"].results == (I32,)
    assert len({o.code for o in O.OPS}) == len(O.OPS)
    # every byte 0x00..0xD2 that the spec defines is present
    for b in list(range(0x45, 0xC5)) + [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x0B, 0x0C, 0x0D,
                                         0x0E, 0x0F, 0x10, 0x11, 0x1A, 0x1B, 0x1C, 0x20, 0x21,
                                         0x22, 0x23, 0x24, 0x25, 0x26, 0xD0, 0xD1, 0xD2]:
        assert b in O.BY_CODE, hex(b)


# -- text front end and loader ----------------------------------------------------------------
def test_wat_error_has_line_and_col():
    with pytest.raises(SynthError) as ei:
        wat_to_wasm("(module\n  (func (foo)))", "x.wat")
    e = ei.value
    assert e.line == 2 and e.col is not None
    s = e.format()
    assert s.startswith("x.wat:2:") and "\n" not in s and ": error: " in s


def test_loader_text_and_binary(tmp_path):
    p = tmp_path / "a.wat"
    p.write_text("(module (func (export \"f\") (result i32) i32.const 7))")
    m = load_module(str(p))
    assert m.exports[0].name == "f"
    b = tmp_path / "a.wasm"
    b.write_bytes(wasmtime.wat2wasm("(module (memory 1))"))
    assert len(load_module(str(b)).memories) == 1
    # text content without the .wat extension is still text
    t = tmp_path / "noext"
    t.write_text("(module)")
    assert load_module(str(t)).functions == []


def test_loader_missing_file(tmp_path):
    with pytest.raises(SynthError) as ei:
        load_module(str(tmp_path / "nope.wasm"))
    assert ei.value.path.endswith("nope.wasm")
    assert "error:" in ei.value.format()


def test_loader_reports_decode_error_with_offset():
    with pytest.raises(WasmDecodeError) as ei:
        load_bytes(HDR + b"\x0e\x00", "bad.wasm")
    assert ei.value.format() == "bad.wasm:0x8: error: invalid section id 14 (malformed section id)"


def test_f64_const_bits():
    m, _ = wat("(module (func f64.const nan:0x4000000000001 drop f32.const -inf drop))")
    body = m.functions[0].body
    assert body[0].imm == 0x7FF4000000000001
    assert body[2].imm == struct.unpack("<I", struct.pack("<f", float("-inf")))[0]

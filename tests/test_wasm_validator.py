"""Validator tests: valid modules covering every operator family, invalid ones."""

from __future__ import annotations

import pytest
import wasmtime

from synth_toolchain.errors import WasmValidationError
from synth_toolchain.wasm import opcodes as O
from synth_toolchain.wasm.decoder import decode
from synth_toolchain.wasm.module import Instr, ValType
from synth_toolchain.wasm.validator import validate


def build(text: str):
    data = bytes(wasmtime.wat2wasm(text))
    return decode(data, "v.wasm"), data


def ok(text: str):
    m, _ = build(text)
    validate(m, "v.wasm")
    return m


def invalid(text: str, msg: str) -> WasmValidationError:
    m, data = build(text)
    with pytest.raises(WasmValidationError) as ei:
        validate(m, "v.wasm")
    assert msg in ei.value.message, ei.value.message
    return ei.value


# -- valid modules -------------------------------------------------------------------------
def test_all_simple_operators_valid():
    sample = {ValType.I32: "i32.const 1", ValType.I64: "i64.const 1",
              ValType.F32: "f32.const 1", ValType.F64: "f64.const 1"}
    funcs = []
    for info in O.OPS:
        if info.special or info.imm != O.IMM_NONE:
            continue
        args = " ".join(sample[t] for t in info.params)
        drops = " drop" * len(info.results)
        funcs.append(f"(func {args} {info.name}{drops})")
    ok("(module (memory 1) " + "\n".join(funcs) + ")")


def test_memory_operators_valid():
    body = []
    for info in O.OPS:
        if info.align is None:
            continue
        if info.results:
            body.append(f"i32.const 0 {info.name} offset=3 align={1 << info.align} drop")
        else:
            v = {ValType.I32: "i32.const 1", ValType.I64: "i64.const 1",
                 ValType.F32: "f32.const 1", ValType.F64: "f64.const 1"}[info.params[1]]
            body.append(f"i32.const 0 {v} {info.name} align=1")
    body.append("memory.size i32.const 1 memory.grow i32.add drop")
    body.append("i32.const 0 i32.const 0 i32.const 0 memory.copy")
    body.append("i32.const 0 i32.const 0 i32.const 0 memory.fill")
    body.append("i32.const 0 i32.const 0 i32.const 0 memory.init 0 data.drop 0")
    ok("(module (memory 1) (data \"x\") (func " + " ".join(body) + "))")


def test_control_flow_valid():
    ok("""(module
      (type $pair (func (param i32) (result i32 i32)))
      (func $f (param i32) (result i32)
        block (result i32)
          loop (result i32)
            local.get 0
            local.get 0
            br_if 1
            drop
            i32.const 1
            if (result i32) i32.const 2 else i32.const 3 end
            br 0
          end
        end
        i32.const 0
        block (type $pair) local.get 0 end
        drop drop drop
        block block block
          local.get 0
          br_table 0 1 2
        end end end
        local.get 0
        if nop end
        local.get 0
        return)
      (func (result i32) (i32.const 1) (i32.const 2) (i32.const 3) (select))
      (func (result f64) unreachable)
      (func (result i64) unreachable i64.add)
      (func (result i32) unreachable select)
      (func unreachable br_table 0 0)
      (func (result i32) (block (result f32) (unreachable) (br_table 0 0 (i32.const 1))) drop (i32.const 0))
      (func (result i32 i64) i32.const 1 i64.const 2)
      (func (param i32) (result i32) local.get 0 (loop (param i32) (result i32) local.get 0 br_if 0))
    )""")


def test_calls_globals_tables_refs_valid():
    ok("""(module
      (type $t (func (param i32) (result i32)))
      (import "e" "f" (func $imp (type $t)))
      (import "e" "g" (global $ig i32))
      (global $g (mut i64) (i64.const 0))
      (global $c i32 (global.get $ig))
      (global $r funcref (ref.func $f))
      (table $tab 2 funcref)
      (table $ext 1 externref)
      (elem $e (i32.const 0) $f)
      (elem $pe funcref (ref.func $imp) (ref.null func))
      (elem declare func $h)
      (func $f (type $t) local.get 0 call $imp)
      (func $h (param externref) (result i32)
        i32.const 5 i32.const 0 call_indirect (type $t)
        drop
        i64.const 1 global.set $g global.get $g drop
        i32.const 0 table.get $tab drop
        i32.const 0 ref.func $h table.set $tab
        ref.null func i32.const 1 table.grow $tab drop
        i32.const 0 local.get 0 i32.const 1 table.fill $ext
        i32.const 0 i32.const 0 i32.const 1 table.copy $tab $tab
        i32.const 0 i32.const 0 i32.const 1 table.init $tab $pe
        elem.drop $pe
        table.size $ext drop
        local.get 0 ref.is_null drop
        ref.null extern ref.null extern i32.const 1 select (result externref) drop
        i32.const 1)
      (export "f" (func $f))
      (start $s)
      (func $s)
    )""")


def test_constant_expressions_valid():
    ok("""(module
      (import "m" "g" (global $g f32))
      (global f32 (global.get $g))
      (global f64 (f64.const 1.5))
      (global externref (ref.null extern))
      (memory 1)
      (data (i32.const 16) "hello")
      (table 1 funcref)
      (elem (i32.const 0) func))""")


def test_validator_accepts_limits_at_boundaries():
    ok("(module (memory 0 65536))")
    ok("(module (memory 0 65536 (pagesize 65536)))")
    ok("(module (memory 0xFFFFFFFF (pagesize 1)))")       # 2^32 - 1 one-byte pages
    ok("(module (table 0 4294967295 funcref))")


# -- invalid modules -------------------------------------------------------------------------
@pytest.mark.parametrize("text,msg", [
    ("(module (func (result i32) i64.const 1))", "type mismatch"),
    ("(module (func i32.const 1))", "type mismatch"),
    ("(module (func (result i32)))", "type mismatch"),
    ("(module (func i32.add drop))", "type mismatch"),
    ("(module (func i32.const 1 i64.const 2 i32.add drop))", "type mismatch"),
    ("(module (func (block (result i32) nop) drop))", "type mismatch"),
    ("(module (func i32.const 0 (if (result i32) (then i32.const 1)) drop))", "type mismatch"),
    ("(module (func i32.const 0 (if (then i32.const 1))))", "type mismatch"),
    ("(module (func br 1))", "unknown label"),
    ("(module (func (block (result i32) (block (br_table 0 1 (i32.const 0) (i32.const 0))))))",
     "type mismatch"),
    ("(module (func (result i32) (block (result f32) (unreachable) (br_table 0 1 (i32.const 1))) ))",
     "type mismatch"),
    ("(module (func (local i32) local.get 1 drop))", "unknown local"),
    ("(module (func global.get 0 drop))", "unknown global"),
    ("(module (global i32 (i32.const 0)) (func i32.const 1 global.set 0))", "global is immutable"),
    ("(module (func i32.const 0 i32.load drop))", "unknown memory"),
    ("(module (memory 1) (func i32.const 0 i32.load align=8 drop))", "alignment must not be larger than natural"),
    ("(module (memory 1) (func i32.const 0 i64.load8_u align=2 drop))", "alignment must not be larger than natural"),
    ("(module (func memory.size drop))", "unknown memory"),
    ("(module (func i32.const 0 i32.const 0 i32.const 0 memory.fill))", "unknown memory"),
    ("(module (memory 1) (func i32.const 0 i32.const 0 i32.const 0 memory.init 2))", "unknown data segment"),
    ("(module (func call 3))", "unknown function"),
    ("(module (type (func)) (func i32.const 0 call_indirect (type 0)))", "unknown table"),
    ("(module (table 1 externref) (type (func)) (func i32.const 0 call_indirect 0 (type 0)))", "type mismatch"),
    ("(module (table 1 funcref) (func i32.const 0 call_indirect (type 5)))", "unknown type"),
    ("(module (func ref.func 0 drop))", "undeclared function reference"),
    ("(module (func i32.const 0 ref.is_null drop))", "type mismatch"),
    ("(module (func ref.null func ref.null func i32.const 1 select drop))", "type mismatch"),
    ("(module (func i32.const 1 i64.const 1 i32.const 1 select drop))", "type mismatch"),
    ("(module (func i32.const 0 table.get 0 drop))", "unknown table"),
    ("(module (table 1 funcref) (func i32.const 0 ref.null extern table.set 0))", "type mismatch"),
    ("(module (table 1 funcref) (table 1 externref) (func i32.const 0 i32.const 0 i32.const 0 table.copy 0 1))", "type mismatch"),
    ("(module (table 1 funcref) (func i32.const 0 i32.const 0 i32.const 0 table.init 0 0))", "unknown elem segment"),
    ("(module (func elem.drop 0))", "unknown elem segment"),
    ("(module (table 1 externref) (elem (i32.const 0) func 0) (func))", "type mismatch"),
    ("(module (elem (i32.const 0) func))", "unknown table"),
    ("(module (data (i32.const 0) \"x\"))", "unknown memory"),
    ("(module (memory 1) (data (i64.const 0) \"x\"))", "type mismatch"),
    ("(module (global i32 (i32.const 0) (i32.const 1)))", "type mismatch"),
    ("(module (import \"a\" \"b\" (global (mut i32))) (global i32 (global.get 0)))", "constant expression required"),
    ("(module (memory 65537))", "memory size must be at most 65536 pages"),
    ("(module (memory 0 65537))", "memory size must be at most 65536 pages"),
    ("(module (memory 2 1))", "size minimum must not be greater than maximum"),
    ("(module (memory 65537 (pagesize 65536)))", "memory size must be at most 65536 pages"),
    ("(module (memory 2 1 (pagesize 1)))", "size minimum must not be greater than maximum"),
    ("(module (memory 0 (pagesize 2)))", "invalid custom page size"),
    ("(module (memory 0 (pagesize 32768)))", "invalid custom page size"),
    ("(module (memory 0 (pagesize 0x20000)))", "invalid custom page size"),
    ("(module (import \"a\" \"m\" (memory 0 (pagesize 4096))))", "invalid custom page size"),
    ("(module (table 2 1 funcref))", "size minimum must not be greater than maximum"),
    ("(module (func (param i32)) (start 0))", "start function"),
    ("(module (func) (export \"a\" (func 0)) (export \"a\" (func 0)))", "duplicate export name"),
    ("(module (export \"a\" (func 0)))", "unknown function"),
    ("(module (export \"a\" (global 0)))", "unknown global"),
])
def test_invalid(text, msg):
    invalid(text, msg)


@pytest.mark.parametrize("text", ["(module (memory 1) (memory 1))",
                                  "(module (import \"a\" \"m\" (memory 1)) (memory 1))"])
def test_multiple_memories_invalid_in_2_0_valid_in_3_0(text):
    m, _ = build(text)
    with pytest.raises(WasmValidationError, match="at most one memory"):
        validate(m, "v.wasm", "2.0")
    validate(m, "v.wasm")


def test_error_offset_points_at_instruction():
    m, data = build("(module (func (result i32) i32.const 1 i64.const 2 i32.add))")
    with pytest.raises(WasmValidationError) as ei:
        validate(m, "v.wasm")
    e = ei.value
    add = [i for i in m.functions[0].body if i.op == "i32.add"][0]
    assert e.offset == add.offset and data[e.offset] == 0x6A
    assert e.format().startswith(f"v.wasm:0x{add.offset:x}: error: type mismatch")


def test_error_mentions_function_name():
    e = invalid("(module (func $broken (local i32) local.get 9 drop))", "unknown local")
    assert "$broken" in e.message


def test_else_without_if_from_hand_built_body():
    m, data = build("(module (func))")
    f = m.functions[0]
    f.body = [Instr("block", None, 1), Instr("else", None, 2), Instr("end", None, 3),
              Instr("end", None, 4)]
    with pytest.raises(WasmValidationError, match="else without matching if"):
        validate(m, "v.wasm")


def test_typed_select_arity_hand_built():
    m, _ = build("(module (func))")
    m.functions[0].body = [Instr("i32.const", 1, 1), Instr("i32.const", 1, 2),
                           Instr("i32.const", 1, 3),
                           Instr("select", (ValType.I32, ValType.I32), 4), Instr("end", None, 5)]
    with pytest.raises(WasmValidationError, match="invalid result arity") as ei:
        validate(m, "v.wasm")
    assert ei.value.offset == 4


def test_unreachable_polymorphic_stack():
    ok("(module (func (result i32) unreachable i32.add))")
    ok("(module (func (result i32) i32.const 1 return i32.eqz))")
    ok("(module (func (result i32) (block (result i32) i32.const 0 br 0 i64.const 0 i32.wrap_i64)))")
    invalid("(module (func (result i32) unreachable i64.const 0 i32.add))", "type mismatch")
    invalid("(module (func unreachable i32.const 0))", "type mismatch")


@pytest.mark.parametrize("text", [
    "(module (global i32 (i32.add (i32.const 0) (i32.const 1))))",
    "(module (global i32 (i32.const 0)) (global i32 (global.get 0)))",
    "(module (global i64 (i64.mul (i64.sub (i64.const 3) (i64.const 1)) (i64.const 5))))",
    "(module (global $a i32 (i32.const 8)) (memory 1) (data (i32.add (global.get $a) (i32.const 1))))",
])
def test_extended_constant_expressions_are_valid(text):
    """Invalid in 2.0, valid in 3.0 (extended constant expressions)."""
    ok(text)


def test_page_size_is_part_of_the_memory_type():
    """custom-page-sizes: a memory's page size is on its type; default 64 KiB."""
    (defined,) = ok("(module (memory 3 7 (pagesize 1)))").all_memories()
    (imported,) = ok("(module (import \"a\" \"m\" (memory 1)))").all_memories()
    assert (defined.page_size, defined.page_shift, defined.max_pages) == (1, 0, (1 << 32) - 1)
    assert (imported.page_size, imported.page_shift, imported.max_pages) == (65536, 16, 65536)


def test_custom_page_sizes_are_not_in_2_0():
    m, _ = build("(module (memory 0 (pagesize 1)))")
    with pytest.raises(WasmValidationError, match="invalid custom page size 1: not in WebAssembly 2.0"):
        validate(m, "v.wasm", "2.0")

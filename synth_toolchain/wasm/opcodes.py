"""The WebAssembly 2.0 operator table (SIMD excluded).

One table drives both the decoder (opcode -> name + immediate kind) and the
validator (stack signature of the simple operators).  Operators whose typing
depends on the context (control, locals, globals, calls, select, drop,
tables, references, bulk memory) have `special=True` and are typed by the
validator explicitly.  Loads and stores carry a stack signature *and*
`align`/`size`; the validator checks memory presence and alignment first.
"""

from __future__ import annotations

from dataclasses import dataclass

from .module import ValType

I32, I64, F32, F64 = ValType.I32, ValType.I64, ValType.F32, ValType.F64
FUNCREF, EXTERNREF = ValType.FUNCREF, ValType.EXTERNREF

# Immediate kinds (strings so that messages and tests read naturally).
IMM_NONE = "none"
IMM_BLOCKTYPE = "blocktype"
IMM_LABEL = "labelidx"
IMM_BR_TABLE = "br_table"
IMM_FUNC = "funcidx"
IMM_CALL_INDIRECT = "call_indirect"
IMM_LOCAL = "localidx"
IMM_GLOBAL = "globalidx"
IMM_MEMARG = "memarg"
IMM_MEM_ZERO = "memidx0"          # reserved zero byte (memory.size/grow/fill)
IMM_I32 = "i32"
IMM_I64 = "i64"
IMM_F32 = "f32"
IMM_F64 = "f64"
IMM_SELECT_T = "select_t"
IMM_TABLE = "tableidx"
IMM_TABLE_COPY = "table_copy"
IMM_TABLE_INIT = "table_init"
IMM_ELEM = "elemidx"
IMM_DATA = "dataidx"
IMM_MEMORY_INIT = "memory_init"   # dataidx + zero byte
IMM_MEMORY_COPY = "memory_copy"   # two zero bytes
IMM_HEAPTYPE = "heaptype"


@dataclass(frozen=True, slots=True)
class OpInfo:
    name: str
    code: int | tuple[int, int]      # byte, or (0xFC, subop)
    imm: str
    params: tuple[ValType, ...] = ()
    results: tuple[ValType, ...] = ()
    special: bool = False            # typed explicitly by the validator
    align: int | None = None         # loads/stores: natural alignment (log2)
    size: int | None = None          # loads/stores: access size in bytes
    memory: bool = False             # needs a memory

    @property
    def is_load(self) -> bool:
        return self.align is not None and not self.results == ()

    @property
    def is_store(self) -> bool:
        return self.align is not None and self.results == ()


OPS: list[OpInfo] = []


def _op(code, name, imm=IMM_NONE, params=(), results=(), special=False,
        align=None, size=None, memory=False):
    OPS.append(OpInfo(name, code, imm, tuple(params), tuple(results),
                      special, align, size, memory))


def _sp(code, name, imm=IMM_NONE, memory=False):
    _op(code, name, imm, special=True, memory=memory)


# -- control ----------------------------------------------------------------
_sp(0x00, "unreachable")
_sp(0x01, "nop")
_sp(0x02, "block", IMM_BLOCKTYPE)
_sp(0x03, "loop", IMM_BLOCKTYPE)
_sp(0x04, "if", IMM_BLOCKTYPE)
_sp(0x05, "else")
_sp(0x0B, "end")
_sp(0x0C, "br", IMM_LABEL)
_sp(0x0D, "br_if", IMM_LABEL)
_sp(0x0E, "br_table", IMM_BR_TABLE)
_sp(0x0F, "return")
_sp(0x10, "call", IMM_FUNC)
_sp(0x11, "call_indirect", IMM_CALL_INDIRECT)
_sp(0x12, "return_call", IMM_FUNC)                      # wasm 3.0 (WASM_3_OPS)
_sp(0x13, "return_call_indirect", IMM_CALL_INDIRECT)    # wasm 3.0
# -- parametric ---------------------------------------------------------------
_sp(0x1A, "drop")
_sp(0x1B, "select")
_sp(0x1C, "select", IMM_SELECT_T)          # typed select (same text name)
# -- variables ------------------------------------------------------------------
_sp(0x20, "local.get", IMM_LOCAL)
_sp(0x21, "local.set", IMM_LOCAL)
_sp(0x22, "local.tee", IMM_LOCAL)
_sp(0x23, "global.get", IMM_GLOBAL)
_sp(0x24, "global.set", IMM_GLOBAL)
# -- tables ---------------------------------------------------------------------
_sp(0x25, "table.get", IMM_TABLE)
_sp(0x26, "table.set", IMM_TABLE)
# -- memory ---------------------------------------------------------------------
for _code, _name, _t, _al, _sz in [
        (0x28, "i32.load", I32, 2, 4), (0x29, "i64.load", I64, 3, 8),
        (0x2A, "f32.load", F32, 2, 4), (0x2B, "f64.load", F64, 3, 8),
        (0x2C, "i32.load8_s", I32, 0, 1), (0x2D, "i32.load8_u", I32, 0, 1),
        (0x2E, "i32.load16_s", I32, 1, 2), (0x2F, "i32.load16_u", I32, 1, 2),
        (0x30, "i64.load8_s", I64, 0, 1), (0x31, "i64.load8_u", I64, 0, 1),
        (0x32, "i64.load16_s", I64, 1, 2), (0x33, "i64.load16_u", I64, 1, 2),
        (0x34, "i64.load32_s", I64, 2, 4), (0x35, "i64.load32_u", I64, 2, 4)]:
    _op(_code, _name, IMM_MEMARG, (I32,), (_t,), align=_al, size=_sz, memory=True)
for _code, _name, _t, _al, _sz in [
        (0x36, "i32.store", I32, 2, 4), (0x37, "i64.store", I64, 3, 8),
        (0x38, "f32.store", F32, 2, 4), (0x39, "f64.store", F64, 3, 8),
        (0x3A, "i32.store8", I32, 0, 1), (0x3B, "i32.store16", I32, 1, 2),
        (0x3C, "i64.store8", I64, 0, 1), (0x3D, "i64.store16", I64, 1, 2),
        (0x3E, "i64.store32", I64, 2, 4)]:
    _op(_code, _name, IMM_MEMARG, (I32, _t), (), align=_al, size=_sz, memory=True)
_op(0x3F, "memory.size", IMM_MEM_ZERO, (), (I32,), memory=True)
_op(0x40, "memory.grow", IMM_MEM_ZERO, (I32,), (I32,), memory=True)
# -- constants ------------------------------------------------------------------
_op(0x41, "i32.const", IMM_I32, (), (I32,))
_op(0x42, "i64.const", IMM_I64, (), (I64,))
_op(0x43, "f32.const", IMM_F32, (), (F32,))
_op(0x44, "f64.const", IMM_F64, (), (F64,))


# -- numeric --------------------------------------------------------------------
def _family(start, prefix, names, params, results):
    for i, n in enumerate(names):
        _op(start + i, f"{prefix}.{n}", IMM_NONE, params, results)


_ICMP = ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"]
_FCMP = ["eq", "ne", "lt", "gt", "le", "ge"]
_IUN = ["clz", "ctz", "popcnt"]
_IBIN = ["add", "sub", "mul", "div_s", "div_u", "rem_s", "rem_u", "and", "or",
         "xor", "shl", "shr_s", "shr_u", "rotl", "rotr"]
_FUN = ["abs", "neg", "ceil", "floor", "trunc", "nearest", "sqrt"]
_FBIN = ["add", "sub", "mul", "div", "min", "max", "copysign"]

_op(0x45, "i32.eqz", IMM_NONE, (I32,), (I32,))
_family(0x46, "i32", _ICMP, (I32, I32), (I32,))
_op(0x50, "i64.eqz", IMM_NONE, (I64,), (I32,))
_family(0x51, "i64", _ICMP, (I64, I64), (I32,))
_family(0x5B, "f32", _FCMP, (F32, F32), (I32,))
_family(0x61, "f64", _FCMP, (F64, F64), (I32,))
_family(0x67, "i32", _IUN, (I32,), (I32,))
_family(0x6A, "i32", _IBIN, (I32, I32), (I32,))
_family(0x79, "i64", _IUN, (I64,), (I64,))
_family(0x7C, "i64", _IBIN, (I64, I64), (I64,))
_family(0x8B, "f32", _FUN, (F32,), (F32,))
_family(0x92, "f32", _FBIN, (F32, F32), (F32,))
_family(0x99, "f64", _FUN, (F64,), (F64,))
_family(0xA0, "f64", _FBIN, (F64, F64), (F64,))

for _code, _name, _p, _r in [
        (0xA7, "i32.wrap_i64", I64, I32),
        (0xA8, "i32.trunc_f32_s", F32, I32), (0xA9, "i32.trunc_f32_u", F32, I32),
        (0xAA, "i32.trunc_f64_s", F64, I32), (0xAB, "i32.trunc_f64_u", F64, I32),
        (0xAC, "i64.extend_i32_s", I32, I64), (0xAD, "i64.extend_i32_u", I32, I64),
        (0xAE, "i64.trunc_f32_s", F32, I64), (0xAF, "i64.trunc_f32_u", F32, I64),
        (0xB0, "i64.trunc_f64_s", F64, I64), (0xB1, "i64.trunc_f64_u", F64, I64),
        (0xB2, "f32.convert_i32_s", I32, F32), (0xB3, "f32.convert_i32_u", I32, F32),
        (0xB4, "f32.convert_i64_s", I64, F32), (0xB5, "f32.convert_i64_u", I64, F32),
        (0xB6, "f32.demote_f64", F64, F32),
        (0xB7, "f64.convert_i32_s", I32, F64), (0xB8, "f64.convert_i32_u", I32, F64),
        (0xB9, "f64.convert_i64_s", I64, F64), (0xBA, "f64.convert_i64_u", I64, F64),
        (0xBB, "f64.promote_f32", F32, F64),
        (0xBC, "i32.reinterpret_f32", F32, I32), (0xBD, "i64.reinterpret_f64", F64, I64),
        (0xBE, "f32.reinterpret_i32", I32, F32), (0xBF, "f64.reinterpret_i64", I64, F64),
        # sign extension
        (0xC0, "i32.extend8_s", I32, I32), (0xC1, "i32.extend16_s", I32, I32),
        (0xC2, "i64.extend8_s", I64, I64), (0xC3, "i64.extend16_s", I64, I64),
        (0xC4, "i64.extend32_s", I64, I64)]:
    _op(_code, _name, IMM_NONE, (_p,), (_r,))

# -- reference types ------------------------------------------------------------------
_sp(0xD0, "ref.null", IMM_HEAPTYPE)
_sp(0xD1, "ref.is_null")
_sp(0xD2, "ref.func", IMM_FUNC)

# -- 0xFC prefix: saturating truncation, bulk memory, tables ----------------------
for _sub, _name, _p, _r in [
        (0, "i32.trunc_sat_f32_s", F32, I32), (1, "i32.trunc_sat_f32_u", F32, I32),
        (2, "i32.trunc_sat_f64_s", F64, I32), (3, "i32.trunc_sat_f64_u", F64, I32),
        (4, "i64.trunc_sat_f32_s", F32, I64), (5, "i64.trunc_sat_f32_u", F32, I64),
        (6, "i64.trunc_sat_f64_s", F64, I64), (7, "i64.trunc_sat_f64_u", F64, I64)]:
    _op((0xFC, _sub), _name, IMM_NONE, (_p,), (_r,))
_sp((0xFC, 8), "memory.init", IMM_MEMORY_INIT, memory=True)
_sp((0xFC, 9), "data.drop", IMM_DATA)
_op((0xFC, 10), "memory.copy", IMM_MEMORY_COPY, (I32, I32, I32), (), memory=True)
_op((0xFC, 11), "memory.fill", IMM_MEM_ZERO, (I32, I32, I32), (), memory=True)
_sp((0xFC, 12), "table.init", IMM_TABLE_INIT)
_sp((0xFC, 13), "elem.drop", IMM_ELEM)
_sp((0xFC, 14), "table.copy", IMM_TABLE_COPY)
_sp((0xFC, 15), "table.grow", IMM_TABLE)
_sp((0xFC, 16), "table.size", IMM_TABLE)
_sp((0xFC, 17), "table.fill", IMM_TABLE)

#: the operators WebAssembly 3.0 added that synth implements: under `--wasm 2.0`
#: their bytes are illegal opcodes, as the 2.0 test suite says
WASM_3_OPS = frozenset({"return_call", "return_call_indirect"})

#: opcode (byte or (0xFC, subop)) -> OpInfo
BY_CODE: dict[int | tuple[int, int], OpInfo] = {o.code: o for o in OPS}
#: text name -> OpInfo (for "select" the untyped form 0x1B)
BY_NAME: dict[str, OpInfo] = {}
for _o in OPS:
    BY_NAME.setdefault(_o.name, _o)

#: single-byte opcodes indexed by byte (None = illegal / prefix)
BYTE_TABLE: list[OpInfo | None] = [None] * 256
for _o in OPS:
    if isinstance(_o.code, int):
        BYTE_TABLE[_o.code] = _o
#: 0xFC sub-opcodes indexed by subop
FC_TABLE: dict[int, OpInfo] = {o.code[1]: o for o in OPS if isinstance(o.code, tuple)}

PREFIX_MISC = 0xFC
PREFIX_SIMD = 0xFD


def lookup(name: str) -> OpInfo:
    """The operator named `name` (KeyError if unknown)."""
    return BY_NAME[name]

"""Thumb-2 encodings (ARMv7-M / ARMv8-M Mainline, ARMv8.1-M's loop instructions),
one table row per form.

Each row of `TABLE` is ``name: pattern``.  A pattern lists the bits of the
instruction from the most significant bit down: runs of ``0``/``1`` are fixed
bits, ``Name:width`` is a named field.  A 16-bit pattern has 16 bits, a 32-bit
pattern 32 bits (the first halfword listed is the one stored first in memory).
Spaces and ``|`` (the halfword boundary, for readability) are ignored.

`encode(name, **fields)` packs one instruction and returns its bytes in memory
order (32-bit instructions as two little-endian halfwords, high halfword
first).  Every field is range-checked; a value that does not fit raises
`EncodingError`.  Fields that the row does not mention are an error too.

The other helpers split architecture-level operands (a 12-bit "modified
immediate", branch offsets, the i:imm3:imm8 split of imm12/imm16) into the
named fields the rows use.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import EncodingError

# --- the table ---------------------------------------------------------------
# Names: <mnemonic>_<architecture-manual encoding id>.  Conventions for fields:
# Rd/Rn/Rm/Rt are 4-bit register numbers (3-bit in most 16-bit rows), `S`
# the set-flags bit, `cond` a condition code.
TABLE: dict[str, str] = {
    # 16-bit: shift (immediate), add, subtract, move, compare
    "lsl_imm_t1":   "00000 imm5:5 Rm:3 Rd:3",
    "lsr_imm_t1":   "00001 imm5:5 Rm:3 Rd:3",
    "asr_imm_t1":   "00010 imm5:5 Rm:3 Rd:3",
    "add_reg_t1":   "0001100 Rm:3 Rn:3 Rd:3",
    "sub_reg_t1":   "0001101 Rm:3 Rn:3 Rd:3",
    "add_imm_t1":   "0001110 imm3:3 Rn:3 Rd:3",
    "sub_imm_t1":   "0001111 imm3:3 Rn:3 Rd:3",
    "mov_imm_t1":   "00100 Rd:3 imm8:8",
    "cmp_imm_t1":   "00101 Rn:3 imm8:8",
    "add_imm_t2":   "00110 Rdn:3 imm8:8",
    "sub_imm_t2":   "00111 Rdn:3 imm8:8",
    # 16-bit: data processing (register), Rdn = Rdn op Rm
    "and_reg_t1":   "0100000000 Rm:3 Rdn:3",
    "eor_reg_t1":   "0100000001 Rm:3 Rdn:3",
    "lsl_reg_t1":   "0100000010 Rm:3 Rdn:3",
    "lsr_reg_t1":   "0100000011 Rm:3 Rdn:3",
    "asr_reg_t1":   "0100000100 Rm:3 Rdn:3",
    "adc_reg_t1":   "0100000101 Rm:3 Rdn:3",
    "sbc_reg_t1":   "0100000110 Rm:3 Rdn:3",
    "ror_reg_t1":   "0100000111 Rm:3 Rdn:3",
    "tst_reg_t1":   "0100001000 Rm:3 Rn:3",
    "rsb_imm_t1":   "0100001001 Rn:3 Rd:3",          # rsbs rd, rn, #0
    "cmp_reg_t1":   "0100001010 Rm:3 Rn:3",
    "cmn_reg_t1":   "0100001011 Rm:3 Rn:3",
    "orr_reg_t1":   "0100001100 Rm:3 Rdn:3",
    "mul_t1":       "0100001101 Rn:3 Rdm:3",
    "bic_reg_t1":   "0100001110 Rm:3 Rdn:3",
    "mvn_reg_t1":   "0100001111 Rm:3 Rd:3",
    # 16-bit: special data processing, branch and exchange
    "add_reg_t2":   "01000100 DN:1 Rm:4 Rdn:3",
    "cmp_reg_t2":   "01000101 N:1 Rm:4 Rn:3",
    "mov_reg_t1":   "01000110 D:1 Rm:4 Rd:3",
    "bx_t1":        "010001110 Rm:4 000",
    "blx_reg_t1":   "010001111 Rm:4 000",
    # 16-bit: load/store
    "str_reg_t1":   "0101000 Rm:3 Rn:3 Rt:3",
    "strh_reg_t1":  "0101001 Rm:3 Rn:3 Rt:3",
    "strb_reg_t1":  "0101010 Rm:3 Rn:3 Rt:3",
    "ldrsb_reg_t1": "0101011 Rm:3 Rn:3 Rt:3",
    "ldr_reg_t1":   "0101100 Rm:3 Rn:3 Rt:3",
    "ldrh_reg_t1":  "0101101 Rm:3 Rn:3 Rt:3",
    "ldrb_reg_t1":  "0101110 Rm:3 Rn:3 Rt:3",
    "ldrsh_reg_t1": "0101111 Rm:3 Rn:3 Rt:3",
    "str_imm_t1":   "01100 imm5:5 Rn:3 Rt:3",        # offset imm5*4
    "ldr_imm_t1":   "01101 imm5:5 Rn:3 Rt:3",
    "strb_imm_t1":  "01110 imm5:5 Rn:3 Rt:3",
    "ldrb_imm_t1":  "01111 imm5:5 Rn:3 Rt:3",
    "strh_imm_t1":  "10000 imm5:5 Rn:3 Rt:3",        # offset imm5*2
    "ldrh_imm_t1":  "10001 imm5:5 Rn:3 Rt:3",
    "str_imm_t2":   "10010 Rt:3 imm8:8",             # [sp, #imm8*4]
    "ldr_imm_t2":   "10011 Rt:3 imm8:8",
    "ldr_lit_t1":   "01001 Rt:3 imm8:8",             # [pc, #imm8*4]
    # 16-bit: miscellaneous
    "add_sp_t1":    "10101 Rd:3 imm8:8",             # add rd, sp, #imm8*4
    "add_sp_t2":    "101100000 imm7:7",              # add sp, sp, #imm7*4
    "sub_sp_t1":    "101100001 imm7:7",
    "cbz_t1":       "1011 op:1 0 i:1 1 imm5:5 Rn:3",
    "sxth_t1":      "1011001000 Rm:3 Rd:3",
    "sxtb_t1":      "1011001001 Rm:3 Rd:3",
    "uxth_t1":      "1011001010 Rm:3 Rd:3",
    "uxtb_t1":      "1011001011 Rm:3 Rd:3",
    "push_t1":      "1011010 M:1 reglist:8",
    "pop_t1":       "1011110 P:1 reglist:8",
    "rev_t1":       "1011101000 Rm:3 Rd:3",
    "rev16_t1":     "1011101001 Rm:3 Rd:3",
    "revsh_t1":     "1011101011 Rm:3 Rd:3",
    "bkpt_t1":      "10111110 imm8:8",
    "it_t1":        "10111111 firstcond:4 mask:4",
    "nop_t1":       "1011111100000000",
    "udf_t1":       "11011110 imm8:8",
    "mrs_t1":       "1111001111101111 | 1000 Rd:4 SYSm:8",          # mrs rd, apsr (SYSm 0)
    "msr_t1":       "111100111000 Rn:4 | 10001000 SYSm:8",          # msr apsr_nzcvq, rn
    "b_t1":         "1101 cond:4 imm8:8",
    "b_t2":         "11100 imm11:11",

    # 32-bit: data processing (modified immediate)
    "dp_modimm":    "11110 i:1 0 op:4 S:1 Rn:4 | 0 imm3:3 Rd:4 imm8:8",
    # 32-bit: data processing (plain binary immediate)
    "addw_t4":      "11110 i:1 100000 Rn:4 | 0 imm3:3 Rd:4 imm8:8",
    "subw_t4":      "11110 i:1 101010 Rn:4 | 0 imm3:3 Rd:4 imm8:8",
    "movw_t3":      "11110 i:1 100100 imm4:4 | 0 imm3:3 Rd:4 imm8:8",
    "movt_t1":      "11110 i:1 101100 imm4:4 | 0 imm3:3 Rd:4 imm8:8",
    "sbfx_t1":      "111100110100 Rn:4 | 0 imm3:3 Rd:4 imm2:2 0 widthm1:5",
    "bfi_t1":       "111100110110 Rn:4 | 0 imm3:3 Rd:4 imm2:2 0 msb:5",
    "ubfx_t1":      "111100111100 Rn:4 | 0 imm3:3 Rd:4 imm2:2 0 widthm1:5",
    # 32-bit: data processing (shifted register)
    "dp_shreg":     "1110101 op:4 S:1 Rn:4 | 0 imm3:3 Rd:4 imm2:2 type:2 Rm:4",
    # 32-bit: data processing (register)
    "shift_reg_t2": "111110100 type:2 S:1 Rn:4 | 1111 Rd:4 0000 Rm:4",
    "sxth_t2":      "1111101000001111 | 1111 Rd:4 10 rot:2 Rm:4",
    "uxth_t2":      "1111101000011111 | 1111 Rd:4 10 rot:2 Rm:4",
    "sxtb_t2":      "1111101001001111 | 1111 Rd:4 10 rot:2 Rm:4",
    "uxtb_t2":      "1111101001011111 | 1111 Rd:4 10 rot:2 Rm:4",
    "rev_t2":       "111110101001 Rm2:4 | 1111 Rd:4 1000 Rm:4",
    "rev16_t2":     "111110101001 Rm2:4 | 1111 Rd:4 1001 Rm:4",
    "rbit_t1":      "111110101001 Rm2:4 | 1111 Rd:4 1010 Rm:4",
    "revsh_t2":     "111110101001 Rm2:4 | 1111 Rd:4 1011 Rm:4",
    "clz_t1":       "111110101011 Rm2:4 | 1111 Rd:4 1000 Rm:4",
    # 32-bit: multiply, multiply accumulate, divide
    "mul_t2":       "111110110000 Rn:4 | 1111 Rd:4 0000 Rm:4",
    "mla_t1":       "111110110000 Rn:4 | Ra:4 Rd:4 0000 Rm:4",
    "mls_t1":       "111110110000 Rn:4 | Ra:4 Rd:4 0001 Rm:4",
    "smulbb_t1":    "111110110001 Rn:4 | 1111 Rd:4 0000 Rm:4",       # DSP extension
    "smlabb_t1":    "111110110001 Rn:4 | Ra:4 Rd:4 0000 Rm:4",
    "smull_t1":     "111110111000 Rn:4 | RdLo:4 RdHi:4 0000 Rm:4",
    "sdiv_t1":      "111110111001 Rn:4 | 1111 Rd:4 1111 Rm:4",
    "umull_t1":     "111110111010 Rn:4 | RdLo:4 RdHi:4 0000 Rm:4",
    "udiv_t1":      "111110111011 Rn:4 | 1111 Rd:4 1111 Rm:4",
    "smlal_t1":     "111110111100 Rn:4 | RdLo:4 RdHi:4 0000 Rm:4",
    "umlal_t1":     "111110111110 Rn:4 | RdLo:4 RdHi:4 0000 Rm:4",
    # 32-bit: load/store single (size/sign in `op`, see LS_OP)
    "ls_imm12":     "1111100 sgn:1 1 op:2 L:1 Rn:4 | Rt:4 imm12:12",
    "ldr_lit_t2":   "11111000 U:1 1011111 | Rt:4 imm12:12",     # ldr.w rt, [pc, #±imm12]
    "ls_imm8":      "1111100 sgn:1 0 op:2 L:1 Rn:4 | Rt:4 1 P:1 U:1 W:1 imm8:8",
    "ls_reg":       "1111100 sgn:1 0 op:2 L:1 Rn:4 | Rt:4 000000 imm2:2 Rm:4",
    # 32-bit: load/store dual, multiple, table branch
    "ldrd_imm_t1":  "1110100 P:1 U:1 1 W:1 1 Rn:4 | Rt:4 Rt2:4 imm8:8",
    "strd_imm_t1":  "1110100 P:1 U:1 1 W:1 0 Rn:4 | Rt:4 Rt2:4 imm8:8",
    "stmdb_t1":     "1110100100 W:1 0 Rn:4 | 0 M:1 0 reglist:13",
    "ldmia_t2":     "1110100010 W:1 1 Rn:4 | P:1 M:1 0 reglist:13",
    "tbb_t1":       "111010001101 Rn:4 | 11110000000 H:1 Rm:4",
    # 32-bit: branches
    "b_t3":         "11110 S:1 cond:4 imm6:6 | 10 J1:1 0 J2:1 imm11:11",
    "b_t4":         "11110 S:1 imm10:10 | 10 J1:1 1 J2:1 imm11:11",
    "bl_t1":        "11110 S:1 imm10:10 | 11 J1:1 1 J2:1 imm11:11",
    # ARMv8.1-M low-overhead loops (issue 16): the count in lr; `le` branches back
    # by immh:imml:'0' (0-4094) while lr > 1, decrementing it; `wls` forward
    "dls_t1":       "111100000100 Rn:4 | 1110000000000001",
    "wls_t1":       "111100000100 Rn:4 | 1100 imml:1 immh:10 1",
    "le_t1":        "1111000000001111 | 1100 imml:1 immh:10 1",

    # 32-bit: floating point (FPv4/FPv5).  S registers are Vd:D / Vn:N / Vm:M,
    # D registers D:Vd / N:Vn / M:Vm (see `vfp_fields`); sz=1 selects f64.
    # Three-operand arithmetic, selected by o1/o2/o3 (VFP3_OP).
    "vfp_3op":      "11101110 o1:1 D:1 o2:2 Vn:4 | Vd:4 101 sz:1 N:1 o3:1 M:1 0 Vm:4",
    # Two-operand "other" data processing: o4 (the Vn position) and o3 pick
    # the operation (VFP2_OP): moves, abs/neg/sqrt, compares, conversions.
    "vfp_2op":      "111011101 D:1 11 o4:4 | Vd:4 101 sz:1 o3:1 1 M:1 0 Vm:4",
    "vrint_v8":     "111111101 D:1 1110 RM:2 | Vd:4 101 sz:1 0 1 M:1 0 Vm:4",
    "vmov_imm":     "111011101 D:1 11 imm4H:4 | Vd:4 101 sz:1 0000 imm4L:4",
    "vmov_core_s":  "11101110000 op:1 Vn:4 | Rt:4 1010 N:1 0010000",
    "vmov_core_d":  "11101100010 op:1 Rt2:4 | Rt:4 1011 00 M:1 1 Vm:4",
    "vldr_vstr":    "11101101 U:1 D:1 0 L:1 Rn:4 | Vd:4 101 sz:1 imm8:8",
    "vmrs_nzcv":    "11101110111100011111101000010000",
    "vpush_s":      "111011010 D:1 101101 | Vd:4 1010 imm8:8",   # vpush {s<d>-s<d+imm8-1>}
    "vpop_s":       "111011001 D:1 111101 | Vd:4 1010 imm8:8",
}

# (o1, o2, o3) of the vfp_3op row
VFP3_OP = {"vadd": (0, 0b11, 0), "vsub": (0, 0b11, 1), "vmul": (0, 0b10, 0),
           "vdiv": (1, 0b00, 0)}
# (o4, o3) of the vfp_2op row; the vcvt names read destination.source
VFP2_OP = {"vmov": (0b0000, 0), "vabs": (0b0000, 1), "vneg": (0b0001, 0),
           "vsqrt": (0b0001, 1), "vcmp": (0b0100, 0), "vrintz": (0b0110, 1),
           "vcvt_fd": (0b0111, 1),                         # between f32 and f64
           "vcvt_f_u32": (0b1000, 0), "vcvt_f_s32": (0b1000, 1),
           "vcvt_u32_f": (0b1100, 1), "vcvt_s32_f": (0b1101, 1)}   # round toward zero
# RM of vrint_v8
VRINT_RM = {"vrinta": 0b00, "vrintn": 0b01, "vrintp": 0b10, "vrintm": 0b11}

# `op` values of the data-processing rows (modified immediate / shifted register)
DP_OP = {"and": 0b0000, "bic": 0b0001, "orr": 0b0010, "orn": 0b0011, "eor": 0b0100,
         "add": 0b1000, "adc": 0b1010, "sbc": 0b1011, "sub": 0b1101, "rsb": 0b1110}
# load/store single rows: kind -> (sgn, op)
LS_OP = {"b": (0, 0b00), "h": (0, 0b01), "w": (0, 0b10), "sb": (1, 0b00), "sh": (1, 0b01)}
SHIFT_TYPE = {"lsl": 0, "lsr": 1, "asr": 2, "ror": 3}


@dataclass(frozen=True)
class Form:
    name: str
    size: int                                   # 2 or 4 bytes
    fixed: int                                  # fixed bits (as one 16/32-bit word)
    fields: dict[str, tuple[int, int]]          # name -> (lsb position, width)


def _parse(name: str, pattern: str) -> Form:
    fixed = 0
    fields: dict[str, tuple[int, int]] = {}
    parts: list[tuple[str | None, int, str]] = []   # (field or None, width, bits)
    for tok in pattern.replace("|", " ").split():
        if ":" in tok:
            fname, w = tok.split(":")
            parts.append((fname, int(w), ""))
        else:
            if set(tok) - {"0", "1"}:
                raise ValueError(f"{name}: bad token {tok!r}")
            parts.append((None, len(tok), tok))
    total = sum(w for _, w, _ in parts)
    if total not in (16, 32):
        raise ValueError(f"{name}: pattern has {total} bits")
    pos = total
    for fname, w, bits in parts:
        pos -= w
        if fname is None:
            fixed |= int(bits, 2) << pos
        else:
            if fname in fields:
                raise ValueError(f"{name}: duplicate field {fname}")
            fields[fname] = (pos, w)
    return Form(name, total // 8, fixed, fields)


FORMS: dict[str, Form] = {n: _parse(n, p) for n, p in TABLE.items()}


def encode_word(name: str, **fields: int) -> tuple[int, int]:
    """Pack `fields` into the row `name`; returns (instruction word, size in bytes)."""
    form = FORMS[name]
    word = form.fixed
    for fname, value in fields.items():
        try:
            pos, width = form.fields[fname]
        except KeyError:
            raise EncodingError(f"{name}: no field {fname}") from None
        if not isinstance(value, int) or value < 0 or value >= (1 << width):
            raise EncodingError(f"{name}: {fname}={value} does not fit in {width} bits")
        word |= value << pos
    if len(fields) != len(form.fields):         # each given field is one of the form's
        missing = set(form.fields) - set(fields)
        raise EncodingError(f"{name}: missing fields {sorted(missing)}")
    return word, form.size


def to_bytes(word: int, size: int) -> bytes:
    if size == 2:
        return word.to_bytes(2, "little")
    return (word >> 16).to_bytes(2, "little") + (word & 0xFFFF).to_bytes(2, "little")


_ENCODED: dict[tuple, bytes] = {}      # encode's memo: (name, *fields) → bytes
_ENCODED_MAX = 1 << 16


def encode(name: str, **fields: int) -> bytes:
    """Bytes (memory order) of the instruction `name` with `fields`.  Memoised:
    a module repeats the same instructions (form selection also encodes the
    candidates it drops), and packing fields is pure."""
    key = (name, *fields.items())
    data = _ENCODED.get(key)
    if data is None:
        data = to_bytes(*encode_word(name, **fields))
        if len(_ENCODED) < _ENCODED_MAX:
            _ENCODED[key] = data
    return data


# --- operand helpers ---------------------------------------------------------

def thumb_expand_imm(value: int) -> int | None:
    """The 12-bit `i:imm3:imm8` encoding of a 32-bit constant, or None.

    `value` is taken modulo 2**32.  Forms: 0x000000XY, 0x00XY00XY, 0xXY00XY00,
    0xXYXYXYXY, and an 8-bit value with its top bit set rotated right by 8..31.
    """
    v = value & 0xFFFFFFFF
    b = v & 0xFF
    if v == b:
        return b
    if v == b * 0x00010001:
        return 0x100 | b
    b1 = (v >> 8) & 0xFF
    if v == b1 * 0x01000100:
        return 0x200 | b1
    if v == b * 0x01010101:
        return 0x300 | b
    # v == ROR(0b1xxxxxxx, rot) with rot in 8..31, i.e. an 8-bit value whose top
    # bit is set, shifted left by 32 - rot (1..24); such values never wrap around.
    shift = v.bit_length() - 8
    if 1 <= shift <= 24 and not v & ((1 << shift) - 1):
        return ((32 - shift) << 7) | ((v >> shift) & 0x7F)
    return None


def encodable_modimm(value: int) -> bool:
    return thumb_expand_imm(value) is not None


def limit_compare(limit: int) -> tuple[str, int, str] | None:
    """The one instruction that tests `x > limit` (unsigned, 0 <= limit < 2^32)
    for a bounds check against a compile-time limit: (mnemonic, immediate, IR
    condition meaning "beyond the limit"); None when the limit needs a register.

    Lowering leaves the check to the access exactly when this is not None (it
    compares with a register limit otherwise) and the emitter emits what it
    says, so the two cannot disagree."""
    if limit < 256 or encodable_modimm(limit):
        return "cmp", limit, "gt_u"
    if encodable_modimm(limit + 1):
        return "cmp", limit + 1, "ge_u"         # addr > limit: addr >= limit + 1
    if encodable_modimm(-limit & 0xFFFFFFFF):
        return "cmn", -limit & 0xFFFFFFFF, "gt_u"
    return None


def expand_imm12(imm12: int) -> int:
    """Inverse of `thumb_expand_imm` (ThumbExpandImm of the manual)."""
    b = imm12 & 0xFF
    if imm12 >> 10 == 0:
        return (b, b * 0x00010001, b * 0x01000100, b * 0x01010101)[(imm12 >> 8) & 3]
    unrot = 0x80 | (imm12 & 0x7F)
    rot = imm12 >> 7
    return ((unrot >> rot) | (unrot << (32 - rot))) & 0xFFFFFFFF


def split12(imm12: int) -> dict[str, int]:
    """i:imm3:imm8 fields of a 12-bit immediate."""
    if not 0 <= imm12 < 4096:
        raise EncodingError(f"immediate {imm12} does not fit in 12 bits")
    return {"i": imm12 >> 11, "imm3": (imm12 >> 8) & 7, "imm8": imm12 & 0xFF}


def split16(imm16: int) -> dict[str, int]:
    """imm4:i:imm3:imm8 fields of a 16-bit immediate (movw/movt)."""
    if not 0 <= imm16 < 65536:
        raise EncodingError(f"immediate {imm16} does not fit in 16 bits")
    return {"imm4": imm16 >> 12, **split12(imm16 & 0xFFF)}


def split_shift(amount: int) -> dict[str, int]:
    """imm3:imm2 of a shift amount 0..31 in the 32-bit shifted-register rows."""
    if not 0 <= amount < 32:
        raise EncodingError(f"shift amount {amount} out of range")
    return {"imm3": amount >> 2, "imm2": amount & 3}


def _check_branch(offset: int, bits: int, what: str) -> None:
    if offset & 1 or not -(1 << bits) <= offset < (1 << bits):
        raise EncodingError(f"{what}: branch offset {offset} out of range")


def b_cond16(cond: int, offset: int) -> bytes:
    """b<cond> with `offset` = target - (address + 4); range -256..254."""
    _check_branch(offset, 8, "b<cond>.n")
    return encode("b_t1", cond=cond, imm8=(offset >> 1) & 0xFF)


def b16(offset: int) -> bytes:
    _check_branch(offset, 11, "b.n")
    return encode("b_t2", imm11=(offset >> 1) & 0x7FF)


def b_cond32(cond: int, offset: int) -> bytes:
    _check_branch(offset, 20, "b<cond>.w")
    v = offset & 0x1FFFFF
    return encode("b_t3", S=v >> 20, J2=(v >> 19) & 1, J1=(v >> 18) & 1,
                  cond=cond, imm6=(v >> 12) & 0x3F, imm11=(v >> 1) & 0x7FF)


def _bl_fields(offset: int, what: str) -> dict[str, int]:
    _check_branch(offset, 24, what)
    v = offset & 0x1FFFFFF
    s = v >> 24
    i1, i2 = (v >> 23) & 1, (v >> 22) & 1
    return {"S": s, "J1": (1 - (i1 ^ s)), "J2": (1 - (i2 ^ s)),
            "imm10": (v >> 12) & 0x3FF, "imm11": (v >> 1) & 0x7FF}


def b32(offset: int) -> bytes:
    return encode("b_t4", **_bl_fields(offset, "b.w"))


def bl32(offset: int) -> bytes:
    return encode("bl_t1", **_bl_fields(offset, "bl"))


def _loop_offset_fields(distance: int, what: str) -> dict[str, int]:
    """immh:imml of a low-overhead-loop branch `distance` bytes away (0..4094, even)."""
    if distance & 1 or not 0 <= distance <= 4094:
        raise EncodingError(f"{what}: offset {distance} out of range")
    return {"immh": distance >> 2, "imml": (distance >> 1) & 1}


def le32(offset: int) -> bytes:
    """`le lr, label`, `offset` from the instruction's pc (address + 4): backwards only."""
    return encode("le_t1", **_loop_offset_fields(-offset, "le"))


def wls32(rn: int, offset: int) -> bytes:
    """`wls lr, rn, label`, forwards only."""
    return encode("wls_t1", Rn=rn, **_loop_offset_fields(offset, "wls"))


def decode_low_overhead(data: bytes) -> tuple[str, str, int | None] | None:
    """(mnemonic, operands, branch offset from pc) of a dls/wls/le at the start of
    `data`, else None: capstone 5 does not decode ARMv8.1-M's loop instructions."""
    if len(data) < 4:
        return None
    hw1, hw2 = int.from_bytes(data[0:2], "little"), int.from_bytes(data[2:4], "little")
    distance = ((hw2 >> 1) & 0x3FF) << 2 | ((hw2 >> 11) & 1) << 1
    if hw1 & 0xFFF0 == 0xF040 and hw2 == 0xE001:
        return "dls", f"lr, {_REG_NAMES[hw1 & 15]}", None
    if hw1 & 0xFFF0 == 0xF040 and hw2 & 0xF001 == 0xC001:
        return "wls", f"lr, {_REG_NAMES[hw1 & 15]}", distance
    if hw1 == 0xF00F and hw2 & 0xF001 == 0xC001:
        return "le", "lr", -distance
    return None


_REG_NAMES = [f"r{k}" for k in range(13)] + ["sp", "lr", "pc"]


def cbz16(nonzero: bool, rn: int, offset: int) -> bytes:
    if offset & 1 or not 0 <= offset <= 126:
        raise EncodingError(f"cbz: offset {offset} out of range")
    return encode("cbz_t1", op=int(nonzero), i=offset >> 6, imm5=(offset >> 1) & 0x1F, Rn=rn)


def vfp_fields(reg: int, double: bool, hi: str, lo: str) -> dict[str, int]:
    """Split a VFP register number into the 4-bit field `lo` and the 1-bit `hi`.

    Single registers S0-S31 are Vx:X (the extra bit low); double registers
    D0-D15 (D16-D31 do not exist on M-profile FPUs) are X:Vx.
    """
    if not 0 <= reg < (16 if double else 32):
        raise EncodingError(f"no VFP register {'d' if double else 's'}{reg}")
    if double:
        return {hi: reg >> 4, lo: reg & 15}
    return {hi: reg & 1, lo: reg >> 1}


def it_mask(cond: int, pattern: str) -> int:
    """The 4-bit IT mask for `it<pattern>` with first condition `cond`."""
    if len(pattern) > 3 or set(pattern) - {"t", "e"}:
        raise EncodingError(f"bad IT pattern {pattern!r}")
    if cond == 14 and "e" in pattern:
        raise EncodingError("IT AL block cannot have else slots")
    c0 = cond & 1
    mask = 0
    for k, ch in enumerate(pattern):
        bit = c0 if ch == "t" else 1 - c0
        mask |= bit << (3 - k)
    mask |= 1 << (3 - len(pattern))
    return mask

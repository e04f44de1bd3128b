"""Value and result types shared by the emulator and the wasmtime reference.

Canonical value representation: the unsigned bit pattern of the value.

* i32 -> 0 .. 2**32-1, i64 -> 0 .. 2**64-1 (two's complement)
* f32 / f64 -> the raw IEEE-754 bits as an unsigned int (NaN payloads and
  the signalling bit are preserved exactly; no Python float ever carries a
  value across a boundary where it could be quieted)
"""

from __future__ import annotations

import math
import re
import struct
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable, Sequence

from ..errors import SynthError
from ..traps import Trap
from ..wasm.module import ValType

__all__ = [
    "CallResult", "HostFunction", "HostTrap", "RunError", "EmulatorError",
    "ReferenceError_", "WIDTH", "mask", "to_signed", "parse_value",
    "format_value", "format_result", "f32_bits", "f64_bits",
    "f32_from_bits", "f64_from_bits", "is_nan", "host_signature",
]


# ---------------------------------------------------------------- results

@dataclass(frozen=True)
class CallResult:
    """Outcome of one call: either result values or a synth trap code."""

    values: tuple[int, ...] | None
    trap: int | None

    @classmethod
    def ok(cls, values: Sequence[int] = ()) -> "CallResult":
        return cls(tuple(values), None)

    @classmethod
    def trapped(cls, code: int) -> "CallResult":
        return cls(None, int(code))

    @property
    def trapped_with(self) -> Trap | None:
        if self.trap is None:
            return None
        try:
            return Trap(self.trap)
        except ValueError:
            return None


class RunError(SynthError):
    """Running code failed for a reason that is not a WebAssembly trap."""


class EmulatorError(RunError):
    """The emulated CPU faulted, ran away, or the harness was misused."""

    def __init__(self, message: str, *, pc: int | None = None):
        super().__init__(message)
        self.pc = pc


class ReferenceError_(RunError):
    """The wasmtime reference failed for a reason other than a wasm trap
    (fuel exhausted, bad imports, instantiation failure...)."""


class HostTrap(Exception):
    """Raised by a host function to make the current call trap with `code`."""

    def __init__(self, code: int):
        super().__init__(f"host trap {int(code)}")
        self.code = int(code)


@dataclass(frozen=True)
class HostFunction:
    """A function implemented in Python, used for wasm imports.

    `fn(*args)` receives the arguments as canonical bit patterns and returns
    None (no results), one int (one result) or a sequence of ints (several
    results).  It may raise `HostTrap(code)`.
    """

    params: tuple[ValType, ...]
    results: tuple[ValType, ...]
    fn: Callable

    def __call__(self, *args):
        return self.fn(*args)


def host_signature(obj) -> tuple[tuple[ValType, ...], tuple[ValType, ...]]:
    """(params, results) of a HostFunction or of a callable with such attributes."""
    try:
        return tuple(obj.params), tuple(obj.results)
    except AttributeError:
        raise RunError(
            f"host function {obj!r} has no signature: use HostFunction(params, results, fn) "
            "or give the callable .params/.results attributes") from None


def host_results(raw, results: Sequence[ValType], name: str) -> tuple[int, ...]:
    """Normalise a host function's return value into a tuple of bit patterns."""
    if len(results) == 0:
        if raw is not None and raw != () and raw != []:
            raise RunError(f"host function {name} returned a value but has no results")
        return ()
    if len(results) == 1 and not isinstance(raw, (tuple, list)):
        raw = (raw,)
    if raw is None or len(raw) != len(results):
        raise RunError(f"host function {name} must return {len(results)} value(s), got {raw!r}")
    return tuple(_coerce(v, t) for v, t in zip(raw, results))


def _coerce(v, t: ValType) -> int:
    if isinstance(v, float):
        return f32_bits(v) if t is ValType.F32 else f64_bits(v) if t is ValType.F64 else mask(int(v), t)
    return mask(int(v), t)


# ---------------------------------------------------------------- bit helpers

# references are one word (docs/abi.md): 0 is null
WIDTH = {ValType.I32: 32, ValType.I64: 64, ValType.F32: 32, ValType.F64: 64,
         ValType.FUNCREF: 32, ValType.EXTERNREF: 32}


def width(t: ValType) -> int:
    try:
        return WIDTH[t]
    except KeyError:
        raise RunError(f"value type {t.text} is not supported by the runner") from None


def mask(value: int, t: ValType) -> int:
    return value & ((1 << width(t)) - 1)


def to_signed(bits: int, t: ValType) -> int:
    w = width(t)
    bits &= (1 << w) - 1
    return bits - (1 << w) if bits >> (w - 1) else bits


def f32_bits(x: float) -> int:
    """Bits of a Python float rounded (correctly, ties to even) to f32."""
    if x != x or x in (float("inf"), float("-inf")):
        d = f64_bits(x)                   # keep sign and top payload bits
        return ((d >> 32) & 0x80000000) | 0x7F800000 | ((d >> 29) & 0x7FFFFF) | (
            0x400000 if x != x and not (d >> 29) & 0x7FFFFF else 0)
    bits = _round_to_float(Fraction(x), ValType.F32)
    return bits | (0x80000000 if math.copysign(1.0, x) < 0 else 0)


def f64_bits(x: float) -> int:
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def f32_from_bits(b: int) -> float:
    """Lossy for signalling NaNs (Python widens to double); use only for display."""
    return struct.unpack("<f", struct.pack("<I", b & 0xFFFFFFFF))[0]


def f64_from_bits(b: int) -> float:
    return struct.unpack("<d", struct.pack("<Q", b & 0xFFFFFFFFFFFFFFFF))[0]


_FMT = {ValType.F32: (8, 23), ValType.F64: (11, 52)}


def is_nan(bits: int, t: ValType) -> bool:
    e, m = _FMT[t]
    exp = (bits >> m) & ((1 << e) - 1)
    return exp == (1 << e) - 1 and (bits & ((1 << m) - 1)) != 0


def _round_to_float(value: Fraction, t: ValType) -> int:
    """Correctly rounded (ties to even) conversion of an exact rational."""
    ebits, mbits = _FMT[t]
    sign = 1 if value < 0 else 0
    a = -value if sign else value
    bias = (1 << (ebits - 1)) - 1
    emax_field = (1 << ebits) - 1
    if a == 0:
        return sign << (ebits + mbits)
    # exponent e with 2**e <= a < 2**(e+1)
    e = a.numerator.bit_length() - a.denominator.bit_length()
    if Fraction(2) ** e > a:
        e -= 1
    e = max(e, 1 - bias)                       # subnormal range uses emin
    scaled = a / (Fraction(2) ** (e - mbits))  # in [2**mbits, 2**(mbits+1)) unless subnormal
    q, r = divmod(scaled.numerator, scaled.denominator)
    twice = 2 * r
    if twice > scaled.denominator or (twice == scaled.denominator and q & 1):
        q += 1
    if q >= 1 << (mbits + 1):                  # rounding carried into next binade
        q >>= 1
        e += 1
    if q < 1 << mbits:                         # subnormal
        field = 0
    else:
        field = e + bias
        q -= 1 << mbits
    if field >= emax_field:
        return (sign << (ebits + mbits)) | (emax_field << mbits)   # overflow -> inf
    return (sign << (ebits + mbits)) | (field << mbits) | q


# ---------------------------------------------------------------- parsing

_INT_RE = re.compile(r"^[+-]?(0x[0-9a-f]+|[0-9]+)$")
_HEX_BITS_RE = re.compile(r"^0x[0-9a-f]+$")


def parse_value(text: str, t: ValType) -> int:
    """Parse a command-line / test value into its canonical bit pattern.

    Integers: decimal (signed or unsigned) or hex `0x...` (optionally signed).
    Floats: decimal (`1.5`, `-0`, `1e10`), `inf`/`-inf`, `nan`/`-nan`,
    `nan:0xPAYLOAD`, a hex float with `.` or `p` (`0x1.8p1`), or a plain hex
    integer `0x7fc00001`, which is taken as the raw bit pattern.
    Underscores between digits are ignored (WAT style).
    """
    s = text.strip().lower().replace("_", "")
    w = width(t)
    if t in (ValType.I32, ValType.I64):
        if not _INT_RE.match(s):
            raise SynthError(f"invalid {t.text} value {text!r}")
        v = int(s, 0)
        if not -(1 << (w - 1)) <= v < (1 << w):
            raise SynthError(f"{t.text} value {text!r} out of range")
        return mask(v, t)

    ebits, mbits = _FMT[t]
    sign = 0
    body = s
    if body[:1] in "+-" and body:
        sign = 1 if body[0] == "-" else 0
        body = body[1:]
    signbit = sign << (ebits + mbits)
    all_exp = ((1 << ebits) - 1) << mbits
    if body in ("inf", "infinity"):
        return signbit | all_exp
    if body == "nan":
        return signbit | all_exp | (1 << (mbits - 1))
    if body.startswith("nan:0x"):
        try:
            payload = int(body[4:], 16)
        except ValueError:
            raise SynthError(f"invalid {t.text} value {text!r}") from None
        if not 0 < payload < (1 << mbits):
            raise SynthError(f"NaN payload out of range in {text!r}")
        return signbit | all_exp | payload
    if _HEX_BITS_RE.match(body):
        if sign:
            raise SynthError(f"a raw {t.text} bit pattern cannot be signed: {text!r}")
        v = int(body, 16)
        if v >= 1 << w:
            raise SynthError(f"{t.text} bit pattern {text!r} out of range")
        return v
    try:
        if body.startswith("0x"):
            exact = _parse_hexfloat(body)
        else:
            exact = Fraction(body)
    except (ValueError, ZeroDivisionError, OverflowError):
        raise SynthError(f"invalid {t.text} value {text!r}") from None
    return _round_to_float(-exact if sign else exact, t) | (signbit if exact == 0 else 0)


def _parse_hexfloat(body: str) -> Fraction:
    m = re.match(r"^0x([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?[0-9]+))?$", body)
    if not m or not (m.group(1) or m.group(2)):
        raise ValueError(body)
    ip, fp, ex = m.group(1) or "", m.group(2) or "", int(m.group(3) or 0)
    mant = int((ip + fp) or "0", 16)
    return Fraction(mant) * Fraction(2) ** (ex - 4 * len(fp))


# ---------------------------------------------------------------- formatting

def _float_text(bits: int, t: ValType) -> str:
    ebits, mbits = _FMT[t]
    sign = "-" if bits >> (ebits + mbits) & 1 else ""
    exp = (bits >> mbits) & ((1 << ebits) - 1)
    frac = bits & ((1 << mbits) - 1)
    if exp == (1 << ebits) - 1:
        if frac == 0:
            return f"{sign}inf"
        if frac == 1 << (mbits - 1):
            return f"{sign}nan"
        return f"{sign}nan:0x{frac:x}"
    if t is ValType.F64:
        return repr(f64_from_bits(bits))
    x = abs(f32_from_bits(bits))
    for prec in range(1, 18):          # shortest text that round-trips to f32
        s = f"{x:.{prec}g}"
        if _round_to_float(Fraction(s), t) == bits & 0x7FFFFFFF:
            return sign + s
    return sign + repr(x)


def format_value(bits: int, t: ValType) -> str:
    """`i32:-1 (0xffffffff)`, `f32:1.5 (0x3fc00000)`, `f64:nan (0x7ff8000000000000)`."""
    w = width(t)
    bits &= (1 << w) - 1
    hexs = f"0x{bits:0{w // 4}x}"
    if t in (ValType.I32, ValType.I64):
        return f"{t.text}:{to_signed(bits, t)} ({hexs})"
    if t in (ValType.FUNCREF, ValType.EXTERNREF):
        return f"{t.text}:{'null' if bits == 0 else hexs}"
    return f"{t.text}:{_float_text(bits, t)} ({hexs})"


def format_result(result: CallResult, types: Sequence[ValType]) -> str:
    if result.trap is not None:
        tr = result.trapped_with
        return f"trap {result.trap}: {tr.message}" if tr else f"trap {result.trap}"
    assert result.values is not None
    if not result.values:
        return "()"
    return ", ".join(format_value(v, t) for v, t in zip(result.values, types))

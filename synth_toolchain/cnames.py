"""Names from a wasm module on their way into C, assembly and messages.

Wasm names are arbitrary Unicode; the generated header, the `-S` listing and
one-line diagnostics are not.  Symbols are made identifiers (`c_identifier`),
identifiers the header cannot declare are declared under an alias there
(`header_reserved`; the symbol itself stays the wasm name), and a
name shown in a comment or message is reduced to characters that cannot end
a comment, splice a line or form a trigraph (`printable`).
"""

from __future__ import annotations

import re

# Keywords of C (C89 to C23), of C++ (the header is `extern "C"` for C++) and
# GNU C's extended spellings: none can name a function or object in the header.
C_KEYWORDS = frozenset("""
auto break case char const continue default do double else enum extern float for goto if
inline int long register restrict return short signed sizeof static struct switch typedef
union unsigned void volatile while _Alignas _Alignof _Atomic _Bool _Complex _Generic
_Imaginary _Noreturn _Static_assert _Thread_local alignas alignof bool constexpr false
nullptr static_assert thread_local true typeof typeof_unqual _BitInt _Decimal32 _Decimal64
_Decimal128
asm __asm __asm__ __attribute __attribute__ __extension__ __inline __inline__ __restrict
__restrict__ __typeof __typeof__ __volatile __volatile__ __const __const__ __signed
__signed__ __alignof __alignof__ __label__ __real __real__ __imag __imag__ __complex
__complex__ __auto_type __thread __int128 __builtin_va_list __builtin_va_arg
__builtin_offsetof __builtin_types_compatible_p __builtin_choose_expr
and and_eq bitand bitor catch char8_t char16_t char32_t class compl concept consteval
constinit const_cast co_await co_return co_yield decltype delete dynamic_cast explicit
export friend mutable namespace new noexcept not not_eq operator or or_eq private
protected public reinterpret_cast requires static_cast template this throw try typeid
typename using virtual wchar_t xor xor_eq
""".split())

# Macros (and typedefs not ending in _t) of the standard headers a firmware
# source includes before ours (<stddef.h>, <stdio.h>, <stdlib.h>, <errno.h>,
# <assert.h>, <stdarg.h>, <math.h>, <setjmp.h>, <time.h>, <complex.h>):
# `void NULL(void);` or `void offsetof(void);`
# does not survive them.  Their functions are C library symbols, refused
# earlier (reserved_names.py); these names are macros, not symbols.
STD_MACROS = frozenset("""
NULL offsetof assert static_assert errno EOF BUFSIZ FILENAME_MAX FOPEN_MAX L_tmpnam
TMP_MAX TMP_MAX_S L_tmpnam_s SEEK_SET SEEK_CUR SEEK_END stdin stdout stderr _IOFBF
_IOLBF _IONBF EXIT_SUCCESS EXIT_FAILURE MB_CUR_MAX CHAR_BIT HUGE_VAL HUGE_VALF HUGE_VALL
INFINITY NAN MATH_ERRNO MATH_ERREXCEPT math_errhandling isnan isinf isfinite isnormal
signbit fpclassify isgreater isgreaterequal isless islessequal islessgreater
isunordered va_start va_arg va_end va_copy setjmp CLOCKS_PER_SEC TIME_UTC DECIMAL_DIG
alignas alignof noreturn complex imaginary I FILE va_list jmp_buf
DOMAIN SING OVERFLOW UNDERFLOW TLOSS PLOSS HUGE MAXFLOAT
""".split())

# Names the standard headers declare or reserve for macros and types (C11 7.31,
# future library directions; POSIX reserves every name ending in _t): typedefs
# int…_t and any …_t; limits and <stdint.h>/<float.h> macros (…_MAX, …_MIN,
# …_WIDTH, INT…_C, FLT_…/DBL_…/LDBL_…); errno's E<digit or capital>…; <signal.h>'s
# SIG…; <math.h>'s FP_…; <locale.h>'s LC_…; <fenv.h>'s FE_…; <inttypes.h>'s
# PRI…/SCN…; newlib <math.h>'s M_… constants; and the header's own macros
# (SYNTH_TRAP_…; the guard is made unique).
_HEADER_NAMESPACE = re.compile(
    r"\w*_t|[A-Z]\w*_(MAX|MIN|WIDTH)|U?INT\w*_C|(FLT|DBL|LDBL|FP|LC|FE)_\w*"
    r"|E[0-9A-Z]\w*|SIG_?[A-Z]\w*|(PRI|SCN)[a-zX]\w*|M_\w+|SYNTH_TRAP_\w*")

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def c_identifier(name: str) -> str:
    """Make a wasm name usable as a C/ELF symbol (non-identifier chars → '_')."""
    s = re.sub(r"[^A-Za-z0-9_]", "_", name)
    return s if s and not s[0].isdigit() else "_" + s


def is_identifier(text: str) -> bool:
    return _IDENTIFIER.fullmatch(text) is not None


def header_reserved(ident: str) -> bool:
    """Whether the identifier cannot be declared by the generated header: a
    keyword, a name of the standard headers (macro or type), or one of the
    header's own macros."""
    return (ident in C_KEYWORDS or ident in STD_MACROS
            or _HEADER_NAMESPACE.fullmatch(ident) is not None)


def implementation_reserved(ident: str) -> bool:
    """Identifiers C reserves for the compiler, C library and linker (C11 7.1.3):
    a leading `__`, or `_` and an uppercase letter."""
    return ident.startswith("__") or re.match(r"_[A-Z]", ident) is not None


_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                  " _-+.,:;=<>!~^%&|#$@()[]{}'\"/`")


def printable(name: str) -> str:
    """The name in printable ASCII for a C comment or a one-line message:
    `*`, `\\`, `?`, control and non-ASCII characters become `\\xNN` (per UTF-8
    byte), so no `*/`, `/*`, line splice, trigraph or newline can appear."""
    out = []
    for ch in name:
        if ch in _SAFE:
            out.append(ch)
        else:
            out.extend(f"\\x{b:02x}" for b in ch.encode("utf-8", "surrogatepass"))
    return "".join(out)

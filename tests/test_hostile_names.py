"""Names from the module cannot inject C or assembly.

Import module/field names and export names of every kind are attacker-chosen
text: comment terminators, newlines, line splices (`\\` and the trigraph
`??/`), Unicode, C and C++ keywords, <stdint.h> names, names that sanitise to
one identifier.  The generated header must compile cleanly as C (with
trigraphs) and C++, declare exactly the object's symbols and nothing else
(no injected constructor), and the -S listing must assemble back to the
same symbols.
"""

import re
import subprocess

import pytest

from synth_toolchain.cnames import implementation_reserved
from synth_toolchain.cli import main as synth_main
from synth_toolchain.driver import compile_file
from synth_toolchain.listing import make_listing
from synth_toolchain.options import Options

GCC = "arm-none-eabi-gcc"
ARCH = ["-mcpu=cortex-m4", "-mthumb"]

PWN = 'f*/ static int __attribute__((constructor)) pwn(void){return 0;} /*'
# (wat string literal, what it is)
HOSTILE = [
    (PWN, "comment terminator and a constructor"),
    ("g\\n*/ int pwn_nl; /*", "newline"),
    ("t*\\\\\\n/ int pwn_splice; /*", "backslash-newline splice of */"),
    ("u*??/\\n/ int pwn_tri; /*", "trigraph ??/ splice of */"),
    ("m\\u{202e}\u03c0*/", "Unicode"),
    ('q\\"*/ \\"', "quotes"),
    ("n\\00ul*/", "NUL"),
]
KEYWORDS = ["int", "switch", "class", "_Bool", "__attribute__", "int32_t", "INT32_MAX",
            "SYNTH_TRAP_UNREACHABLE", "M_H"]
# exports may not define names C reserves for the implementation (_Bool, __x) without --prefix
EXPORT_KEYWORDS = [k for k in KEYWORDS if not implementation_reserved(k)]

# Imports of every kind with hostile module and field names.
IMPORTER = f'''
(module
  (import "{HOSTILE[1][0]}" "{HOSTILE[0][0]}" (func $f (param i32) (result i32)))
  (import "e??/" "{HOSTILE[1][0]}" (global $g (mut i32)))
  (import "e\\\\" "{HOSTILE[2][0]}" (table 2 funcref))
  (import "{HOSTILE[5][0]}" "{HOSTILE[4][0]}" (memory 1))
  (import "env" "{HOSTILE[3][0]}" (func $h (result i32 i64)))
  {"".join(f'(import "env" "{k}" (func $k{i} (result i32)))' for i, k in enumerate(KEYWORDS))}
  (func (export "use_all") {"".join(f'(drop (call $k{i}))' for i in range(len(KEYWORDS)))})
  (func (export "{HOSTILE[3][0]}") (param i32) (result i32)
    (call $f (i32.add (local.get 0) (global.get $g))))
  (func (export "call_h") (result i32 i64) (call $h))
  (func (export "sp") (result i32) (i32.load (i32.const 0)))
  (func (export "tsize") (result i32) (table.size 0))
)
'''

# Definitions of every kind exported under hostile names.
EXPORTER = f'''
(module
  (memory (export "{HOSTILE[0][0]}") 1)
  (table (export "{HOSTILE[2][0]}") 1 funcref)
  (global (export "{HOSTILE[1][0]}") (mut i32) (i32.const 5))
  (global (export "{HOSTILE[5][0]}") i64 (i64.const 5))
  (func (export "{HOSTILE[3][0]}") (result i32 i32) (i32.const 1) (i32.const 2))
  (func (export "{HOSTILE[4][0]}") (result i32) (i32.const 1))
  (func (export "u_________int_pwn_tri____result") (result i32) (i32.const 1))
  (func (export "a-b") (result i32) (i32.const 2))
  (func (export "a.b") (result i32) (i32.const 3))
  (func (export "") (result i32) (i32.const 4))
  (func (export "r0") (result i32) (i32.const 6))
  (func (export "{HOSTILE[6][0]}") (result i32) (i32.const 8))
  {"".join(f'(func (export "{k}") (result i32) (i32.const 7))' for k in EXPORT_KEYWORDS)}
)
'''


def _run(*cmd, **kw):
    r = subprocess.run(list(cmd), capture_output=True, text=True, **kw)
    assert r.returncode == 0, r.stderr
    assert "warning" not in r.stderr, r.stderr
    return r.stdout


def _symbols(path) -> dict[str, str]:
    """Global (and weak) symbol → nm type letter."""
    out = _run("arm-none-eabi-nm", "-g", str(path))
    return {line.split()[-1]: line.split()[-2] for line in out.splitlines() if line.strip()}


def _declared(header_path) -> set[str]:
    """The functions and objects the header declares (after preprocessing)."""
    text = _run(GCC, *ARCH, "-E", "-P", "-x", "c", str(header_path))
    names = set()
    for line in text.splitlines():
        line = line.strip()
        if not line.endswith(";") or line.startswith(("typedef", "extern \"C\"")):
            continue
        label = re.search(r'__asm__\("(\w+)"\)', line)   # declared under an alias
        m = label or re.search(r"(\w+)\s*(\(|\[|;)", line)
        names.add(m.group(1))
    return names


@pytest.fixture(params=["importer", "exporter"])
def compiled(request, tmp_path):
    src = tmp_path / "m.wat"
    src.write_text(IMPORTER if request.param == "importer" else EXPORTER)
    res = compile_file(str(src), Options())
    (tmp_path / "m.o").write_bytes(res.elf)
    (tmp_path / "m.h").write_text(res.header("m.h"))
    return tmp_path, res


@pytest.mark.parametrize("dialect", [["-x", "c", "-std=c99", "-pedantic", "-trigraphs"],
                                     ["-x", "c", "-std=gnu11"],
                                     ["-x", "c++", "-std=c++17", "-trigraphs"]])
def test_header_compiles_cleanly(compiled, dialect):
    tmp, _ = compiled
    _run(GCC, *ARCH, "-fsyntax-only", "-Wall", "-Wextra", "-Werror", "-Wtrigraphs",
         *dialect, str(tmp / "m.h"))


def test_header_injects_nothing_and_declares_exactly_the_objects_symbols(compiled):
    tmp, res = compiled
    (tmp / "use.c").write_text('#include "m.h"\nint32_t unrelated(void) { return 1; }\n')
    _run(GCC, *ARCH, "-O2", "-Wall", "-Werror", "-c", str(tmp / "use.c"), "-o",
         str(tmp / "use.o"), "-I", str(tmp))
    assert set(_symbols(tmp / "use.o")) == {"unrelated"}
    sections = _run("arm-none-eabi-objdump", "-h", str(tmp / "use.o"))
    assert ".init_array" not in sections and ".ctors" not in sections
    header = (tmp / "m.h").read_text()
    code = re.sub(r"/\*.*?\*/", "", header, flags=re.S)
    assert not re.search(r"\bpwn", code) and "((constructor))" not in code
    obj = _symbols(tmp / "m.o")
    linked = {s for s, kind in obj.items()
              if not s.startswith(("synth_sig_", "__aeabi_"))}
    assert _declared(tmp / "m.h") == linked
    assert all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", s) for s in obj)


def test_elf_symbols_and_listing_carry_no_hostile_text(compiled):
    tmp, res = compiled
    sections = _run("arm-none-eabi-readelf", "-SW", str(tmp / "m.o"))
    symtab = _run("arm-none-eabi-readelf", "-sW", str(tmp / "m.o"))
    assert "pwn(" not in sections + symtab and "*/" not in sections + symtab
    listing = make_listing(res.compiled.obj, Options())
    assert "pwn(" not in listing and "*/" not in listing
    (tmp / "m.s").write_text(listing)
    _run(GCC, *ARCH, "-c", str(tmp / "m.s"), "-o", str(tmp / "from_s.o"))
    assert _symbols(tmp / "from_s.o") == _symbols(tmp / "m.o")


@pytest.mark.parametrize("name", ["INT32_MAX", "synth_trap_codes.h", "1st.h", "f_result.h"])
def test_include_guard_is_a_fresh_macro(tmp_path, name):
    (tmp_path / "m.wat").write_text('(module (func (export "F_RESULT_H") (result i32 i32) '
                                    '(i32.const 1) (i32.const 2)))')
    (tmp_path / "h.h").write_text(compile_file(str(tmp_path / "m.wat"), Options()).header(name))
    (tmp_path / "use.c").write_text('#include "h.h"\n#include "h.h"\n')
    _run(GCC, *ARCH, "-fsyntax-only", "-Wall", "-Werror", str(tmp_path / "use.c"),
         "-I", str(tmp_path))


def test_keywords_and_header_names_keep_their_symbols(tmp_path):
    """The symbol is the wasm name whatever C thinks of it (a startup file's weak
    `EXTI0_IRQHandler` must be replaced by the export of that name); only the
    header declares such a symbol under an alias with an __asm__ label."""
    src = tmp_path / "m.wat"
    src.write_text(EXPORTER)
    res = compile_file(str(src), Options())
    header = res.header("m.h")
    for k in EXPORT_KEYWORDS:
        assert res.compiled.layout.export_symbol(k) == k
        if k != "M_H":                  # the guard moves out of the way instead
            assert re.search(rf'\bwasm_{k}\(void\) __asm__\("{k}"\);', header), k
    src.write_text(IMPORTER)
    res = compile_file(str(src), Options())
    assert {"int", "class", "__attribute__", "int32_t"} <= set(res.compiled.layout._import_syms)
    assert 'wasm_int(void) __asm__("int");' in res.header("m.h")


def test_vendor_names_reach_the_object_unchanged(tmp_path):
    """Interrupt handlers, peripheral helpers and _t/_MAX names are plain symbols."""
    names = ["EXTI0_IRQHandler", "EEPROM_write", "LED_MAX", "handler_t", "SIGNAL", "new",
             "M_PI", "NULL"]
    src = tmp_path / "m.wat"
    src.write_text("(module " + "".join(f'(func (export "{n}"))' for n in names) + ")")
    res = compile_file(str(src), Options())
    (tmp_path / "m.o").write_bytes(res.elf)
    assert set(names) <= set(_symbols(tmp_path / "m.o"))


def _error_line(tmp_path, capsys, data: bytes | str) -> str:
    src = tmp_path / ("m.wasm" if isinstance(data, bytes) else "m.wat")
    (src.write_bytes if isinstance(data, bytes) else src.write_text)(data)
    assert synth_main(["compile", str(src), "-o", str(tmp_path / "m.o")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.endswith("\n"), err
    return err


def test_names_sanitising_to_one_symbol_are_one_line_errors(tmp_path, capsys):
    err = _error_line(tmp_path, capsys, '(module (import "a\\nb" "p\\nq" (func)) '
                      '(import "a" "p q" (func (param i32))))')
    assert "a\\x0ab.p\\x0aq and a.p q" in err and "symbol p_q" in err


def test_non_utf8_names_are_rejected(tmp_path, capsys):
    name = b"\xff\xfe*/"
    section = bytes([1]) + bytes([1]) + b"e" + bytes([len(name)]) + name + bytes([2, 0, 1])
    wasm = (b"\0asm\1\0\0\0" + bytes([1, 4, 1, 0x60, 0, 0])        # type: [] -> []
            + bytes([2, len(section)]) + section)
    assert "malformed UTF-8" in _error_line(tmp_path, capsys, wasm)


def test_prefix_must_be_an_identifier(tmp_path, capsys):
    (tmp_path / "m.wat").write_text('(module (func (export "f")))')
    assert synth_main(["compile", str(tmp_path / "m.wat"), "-o", str(tmp_path / "m.o"),
                       "--prefix", "x\n.global evil\n"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "must be the start of a C identifier" in err
    assert not (tmp_path / "m.o").exists()


# Names the standard headers define as macros or types, not C library symbols:
# a header declaring `void NULL(void);` breaks every file that includes <stddef.h> first.
STD_NAMES = ["NULL", "offsetof", "EOF", "stdin", "assert", "va_start", "INFINITY",
             "CHAR_BIT", "INT_MAX", "FLT_EPSILON", "EDOM", "SIGINT", "SIG_DFL", "FP_NAN",
             "size_t", "FILE", "va_list", "jmp_buf", "PRIu32", "EXIT_SUCCESS", "I", "M_PI",
             "DOMAIN", "MAXFLOAT", "HUGE", "_REENT", "__arm__"]
STD_HEADERS = ["stddef.h", "stdio.h", "stdlib.h", "errno.h", "assert.h", "stdarg.h",
               "math.h", "limits.h", "float.h", "setjmp.h", "signal.h", "inttypes.h",
               "complex.h", "string.h", "ctype.h"]


@pytest.mark.parametrize("lang", [["-x", "c", "-std=gnu11"], ["-x", "c++", "-std=c++17"]])
def test_header_survives_the_standard_headers(tmp_path, lang):
    imports = "".join(f'(import "env" "{n}" (func $i{k} (result i32)))'
                      for k, n in enumerate(STD_NAMES))
    exports = "".join(f'(func (export "{n}") (result i32) (call $i{k}))'
                      for k, n in enumerate(STD_NAMES) if not implementation_reserved(n))
    exports += ('(func (export "use_std") '
                + "".join(f"(drop (call $i{k}))" for k in range(len(STD_NAMES))) + ")")
    src = tmp_path / "m.wat"
    src.write_text(f"(module {imports} {exports})")
    res = compile_file(str(src), Options())
    (tmp_path / "m.o").write_bytes(res.elf)
    (tmp_path / "m.h").write_text(res.header("m.h"))
    includes = "".join(f"#include <{h}>\n" for h in STD_HEADERS)
    (tmp_path / "use.c").write_text(includes + '#include "m.h"\n')
    _run(GCC, *ARCH, "-fsyntax-only", "-Wall", "-Werror", *lang, str(tmp_path / "use.c"),
         "-I", str(tmp_path))
    linked = {s for s in _symbols(tmp_path / "m.o") if not s.startswith("synth_sig_")}
    assert _declared(tmp_path / "m.h") == linked

"""Imports and exports that would bind to the C library, libgcc or crt files.

clang's `-Wl,--allow-undefined` turns memset/memcpy/memmove into imports
`env.memset`…; the object defines them on its own linear memory, so the
firmware's newlib (linked in here) is never called with wasm offsets.  Any
other import or export that would be a C library, libgcc or crt symbol is an
error naming a remedy that works (checked here too).
"""

import shutil
import subprocess

import pytest
import wasmtime

from synth_toolchain.cli import main as synth_main
from synth_toolchain.driver import compile_file
from synth_toolchain.options import Options
from synth_toolchain.run import clang_wasm
from synth_toolchain.run.emulator import Emulator
from synth_toolchain.run.link import link_executable
from synth_toolchain.run.reference import Reference
from synth_toolchain.traps import Trap
from synth_toolchain.wasm.module import ExternKind, ValType

CLANG = shutil.which("clang")

PROGRAM_C = r'''
#include <stddef.h>
void *memset(void *, int, size_t);
void *memcpy(void *, const void *, size_t);
void *memmove(void *, const void *, size_t);
#define EXPORT(name) __attribute__((export_name(#name)))
static unsigned char buf[256];
EXPORT(base) int base(void) { return (int)buf; }
EXPORT(memsize) int memsize(void) { return (int)__builtin_wasm_memory_size(0) * 65536; }
EXPORT(set) int set(int d, int c, int n) { memset((void *)d, c, (size_t)n); return d; }
EXPORT(cpy) int cpy(int d, int s, int n) { memcpy((void *)d, (const void *)s, (size_t)n); return d; }
EXPORT(mov) int mov(int d, int s, int n) { memmove((void *)d, (const void *)s, (size_t)n); return d; }
EXPORT(pattern) void pattern(int p, int n) {
    for (int i = 0; i < n; i++) ((volatile unsigned char *)p)[i] = (unsigned char)(i * 7 + 1);
}
EXPORT(sum) unsigned sum(int p, int n) {
    unsigned h = 0;
    for (int i = 0; i < n; i++) h = h * 31 + ((unsigned char *)p)[i];
    return h;
}
'''

# The reference's own definitions: wasm's memory.fill / memory.copy (clang emits
# those for the builtins with bulk memory), so wasmtime decides the traps.
REFERENCE_LIBC_C = r'''
#include <stddef.h>
void *memset(void *d, int c, size_t n) { return __builtin_memset(d, c, n); }
void *memcpy(void *d, const void *s, size_t n) { return __builtin_memmove(d, s, n); }
void *memmove(void *d, const void *s, size_t n) { return __builtin_memmove(d, s, n); }
'''

# Firmware C using newlib's memset on native memory.
MAIN_C = r'''
#include <string.h>
#include <stdint.h>
static char native[32];
int32_t native_check(void) {
    memset(native, 'x', sizeof native);
    return native[31] == 'x' ? 0 : 1;
}
'''


def _clang(tmp_path, out, *sources, cflags=(), ldflags=()):
    """C to wasm as the tests build it everywhere (run/clang_wasm.py: clang -c, then
    wasm-ld, so no wasm-opt runs); undefined functions become `env` imports."""
    if CLANG is None:
        pytest.skip("clang is not installed (./do installs it)")
    try:
        clang_wasm.build(sources, out, cflags=["-O2", *cflags],
                         ldflags=["--no-entry", "--allow-undefined", *ldflags])
    except clang_wasm.ClangWasmError as err:
        pytest.fail(str(err))
    return out


def _undefined(obj: str) -> set[str]:
    out = subprocess.run(["arm-none-eabi-nm", "-u", obj], capture_output=True, text=True,
                         check=True).stdout
    return {line.split()[-1] for line in out.splitlines() if line.strip()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("libc")
    (tmp / "prog.c").write_text(PROGRAM_C)
    (tmp / "libc.c").write_text(REFERENCE_LIBC_C)
    prog = _clang(tmp, tmp / "prog.wasm", tmp / "prog.c")
    ref = _clang(tmp, tmp / "ref.wasm", tmp / "prog.c", tmp / "libc.c", cflags=["-mbulk-memory"])
    return tmp, prog, ref


def test_clang_memory_functions_become_provided_imports(built):
    tmp, prog, _ = built
    imports = {(i.module, i.name) for i in
               wasmtime.Module(wasmtime.Engine(), prog.read_bytes()).imports}
    assert {("env", "memset"), ("env", "memcpy"), ("env", "memmove")} <= imports
    res = compile_file(str(prog), Options())
    (tmp / "prog.o").write_bytes(res.elf)
    assert not _undefined(str(tmp / "prog.o")) & {"memset", "memcpy", "memmove"}
    header = res.header("prog.h")
    assert "memset(" not in header and "memcpy(" not in header and "memmove(" not in header
    assert "env.memset" in header                     # named as provided by the object
    (tmp / "prog.h").write_text(header)
    (tmp / "both.c").write_text('#include <string.h>\n#include "prog.h"\n')
    subprocess.run(["arm-none-eabi-gcc", "-mcpu=cortex-m4", "-mthumb", "-Wall", "-Wextra",
                    "-Werror", "-fsyntax-only", str(tmp / "both.c"), "-I", str(tmp)], check=True)


def test_clang_memory_functions_match_wasmtime_with_newlib_linked(built):
    """Linked with newlib (whose memset would take wasm offsets as native
    pointers): values, memory contents and out-of-bounds traps as in wasmtime."""
    tmp, prog, ref_wasm = built
    res = compile_file(str(prog), Options())
    (tmp / "run.o").write_bytes(res.elf)
    (tmp / "main.c").write_text(MAIN_C)
    subprocess.run(["arm-none-eabi-gcc", "-mcpu=cortex-m4", "-mthumb", "-O2", "-Wall", "-Wextra",
                    "-Werror", "-c", str(tmp / "main.c"), "-o", str(tmp / "main.o")], check=True)
    exe = link_executable([str(tmp / "run.o"), str(tmp / "main.o")], str(tmp / "fw.elf"),
                          libs=("c", "gcc"))
    emu = Emulator(exe)
    assert emu.call("synth_init", (), (), ()).trap is None
    assert emu.call("native_check", (), (), (ValType.I32,)).values == (0,)
    ref = Reference(ref_wasm.read_bytes())
    m = res.compiled.module
    b = ref.call("base", ()).values[0]
    size = ref.call("memsize", ()).values[0]
    calls = [("pattern", (b, 256)), ("sum", (b, 256)),
             ("set", (b + 3, 0x1AB, 29)), ("sum", (b, 256)),
             ("cpy", (b + 100, b + 1, 50)), ("sum", (b, 256)),
             ("mov", (b + 10, b + 5, 77)), ("sum", (b, 256)),
             ("mov", (b + 5, b + 10, 77)), ("sum", (b, 256)),
             ("set", (size - 1, 7, 1)), ("set", (size, 7, 0)), ("sum", (size - 1, 1)),
             ("set", (size - 4, 7, 5)), ("set", (size + 1, 7, 0)),
             ("set", (0xFFFFFFFF, 7, 2)), ("cpy", (size - 8, b, 9)),
             ("cpy", (b, size - 8, 9)), ("mov", (b, 0xFFFFFFF0, 0x20)),
             ("cpy", (size, b, 0)), ("mov", (b, size, 0)), ("sum", (b, 256))]
    traps = 0
    for name, args in calls:
        expected = ref.call(name, args)
        e = next(x for x in m.exports if x.name == name and x.kind == ExternKind.FUNC)
        ft = m.func_type(e.index)
        got = emu.call(res.compiled.layout.export_symbol(name), ft.params, args, ft.results)
        assert (got.values, got.trap) == (expected.values, expected.trap), (name, args)
        traps += expected.trap is not None
    assert traps == 6
    assert expected.trap is None


# The import's result is the destination, as C's: a module that returns it.
RETURNS_WAT = '''
(module
  {libc}
  (memory 1)
  (func (export "set") (param i32 i32 i32) (result i32)
    (call $memset (local.get 0) (local.get 1) (local.get 2)))
  (func (export "cpy") (param i32 i32 i32) (result i32)
    (call $memcpy (local.get 0) (local.get 1) (local.get 2)))
  (func (export "mov") (param i32 i32 i32) (result i32)
    (call $memmove (local.get 0) (local.get 1) (local.get 2)))
  (func (export "get") (param i32) (result i32) (i32.load (local.get 0)))
  (export "fill" (func $memset))
  (type $t3 (func (param i32 i32 i32) (result i32)))
  (table funcref (elem $memcpy))
  (func (export "indirect") (param i32 i32 i32) (result i32)
    (call_indirect (type $t3) (local.get 0) (local.get 1) (local.get 2) (i32.const 0))))
'''
IMPORTED = "\n".join(f'(import "env" "{n}" (func ${n} (param i32 i32 i32) (result i32)))'
                     for n in ("memset", "memcpy", "memmove"))
DEFINED = ('(func $memset (param i32 i32 i32) (result i32) (memory.fill (local.get 0) '
           '(local.get 1) (local.get 2)) (local.get 0))'
           + "".join(f'(func ${n} (param i32 i32 i32) (result i32) (memory.copy (local.get 0) '
                     f'(local.get 1) (local.get 2)) (local.get 0))' for n in ("memcpy", "memmove")))


@pytest.mark.parametrize("tier", ["opt", "baseline"])
def test_provided_functions_return_the_destination(tmp_path, tier):
    src = tmp_path / "m.wat"
    src.write_text(RETURNS_WAT.format(libc=IMPORTED))
    res = compile_file(str(src), Options(tier=tier))
    (tmp_path / "m.o").write_bytes(res.elf)
    emu = Emulator(link_executable([str(tmp_path / "m.o")], str(tmp_path / "m.elf"),
                                   libs=("c", "gcc")))
    assert emu.call("synth_init", (), (), ()).trap is None
    ref = Reference(RETURNS_WAT.format(libc=DEFINED))
    i32 = ValType.I32
    for name, args in [("set", (8, 0x55, 8)), ("get", (12,)), ("cpy", (100, 8, 4)),
                       ("get", (100,)), ("mov", (9, 8, 7)), ("get", (12,)),
                       ("set", (65535, 1, 1)), ("set", (65535, 1, 2)), ("cpy", (0, 65534, 3)),
                       ("mov", (65536, 0, 0)), ("mov", (0xFFFFFFFC, 0, 8)),
                       ("fill", (200, 0xAB, 3)), ("get", (200,)), ("indirect", (300, 199, 5)),
                       ("get", (300,)), ("indirect", (65530, 0, 7))]:
        want = ref.call(name, args)
        got = emu.call(name, (i32,) * len(args), args, (i32,))
        assert (got.values, got.trap) == (want.values, want.trap), (name, args)


def _compile_error(tmp_path, capsys, wat_or_wasm, *flags) -> str:
    src = tmp_path / ("m.wasm" if isinstance(wat_or_wasm, bytes) else "m.wat")
    (src.write_bytes if isinstance(wat_or_wasm, bytes) else src.write_text)(wat_or_wasm)
    status = synth_main(["compile", str(src), "-o", str(tmp_path / "m.o"), *flags])
    err = capsys.readouterr().err
    if status == 0:
        return ""
    assert status == 1 and err.count("\n") == 1, err
    assert not (tmp_path / "m.o").exists()
    return err


@pytest.mark.parametrize("imp, ty", [
    ("strlen", "(func (param i32) (result i32))"),
    ("__aeabi_idiv", "(func (param i32 i32) (result i32))"),
    ("log", "(func (param f64) (result f64))"),
    ("errno", "(global (mut i32))"),
    ("main", "(func (result i32))"),
])
def test_import_of_a_c_library_symbol_is_an_error(tmp_path, capsys, imp, ty):
    err = _compile_error(tmp_path, capsys, f'(module (import "env" "{imp}" {ty}))')
    owner = "the C program's" if imp == "main" else "the C library's or libgcc's"
    assert f"import env.{imp} would bind to {owner} '{imp}'" in err
    assert "import_name" in err and "--rename-import" in err and ": error: " in err


def test_mistyped_memory_function_import_is_an_error(tmp_path, capsys):
    err = _compile_error(tmp_path, capsys,
                         '(module (import "env" "memset" (func (param i32))) (memory 1))')
    assert "env.memset has the type [i32] -> []" in err
    err = _compile_error(tmp_path, capsys, '(module (import "env" "memcpy" (func '
                         '(param i32 i32 i32) (result i32))))')
    assert "the module has none" in err


STRLEN_C = r'''
#include <stddef.h>
__attribute__((import_module("env"), import_name("host_strlen"))) size_t strlen(const char *);
static const char *volatile greeting = "hello, world";
__attribute__((export_name("len"))) int len(void) { return (int)strlen(greeting); }
'''

HOST_C = r'''
#include <stdint.h>
#include <string.h>
#include "m.h"
/* the renamed import: a string at a wasm offset in the module's memory */
int32_t host_strlen(int32_t p) { return (int32_t)strlen((const char *)synth_memory + p); }
int32_t test_main(void) { synth_init(); return len(); }
'''


def _run_with_c(tmp_path, main_c: str) -> int:
    """Link m.o (and its header m.h) with `main_c` and newlib; test_main's result."""
    (tmp_path / "main.c").write_text(main_c)
    subprocess.run(["arm-none-eabi-gcc", "-mcpu=cortex-m4", "-mthumb", "-O2", "-Wall", "-Werror",
                    "-c", str(tmp_path / "main.c"), "-o", str(tmp_path / "main.o"),
                    "-I", str(tmp_path)], check=True)
    exe = link_executable([str(tmp_path / "m.o"), str(tmp_path / "main.o")],
                          str(tmp_path / "fw.elf"), libs=("c", "gcc"))
    return Emulator(exe).call("test_main", (), (), (ValType.I32,)).values[0]


def test_renaming_a_colliding_import_as_the_error_says_works(tmp_path, capsys):
    """The remedy of the error: clang's import_name gives the import another
    field; the firmware defines that name (and uses newlib's strlen itself)."""
    (tmp_path / "s.c").write_text(STRLEN_C.replace("host_strlen", "strlen"))
    bad = _clang(tmp_path, tmp_path / "bad.wasm", tmp_path / "s.c")
    assert "import_name" in _compile_error(tmp_path, capsys, bad.read_bytes())
    (tmp_path / "s.c").write_text(STRLEN_C)
    good = _clang(tmp_path, tmp_path / "good.wasm", tmp_path / "s.c")
    res = compile_file(str(good), Options())
    (tmp_path / "m.o").write_bytes(res.elf)
    (tmp_path / "m.h").write_text(res.header("m.h"))
    assert _run_with_c(tmp_path, HOST_C) == 12


def test_export_all_clashes_with_crt_symbols_unless_prefixed(tmp_path, capsys):
    """clang's --export-all exports __dso_handle (crtbegin.o's), __heap_base, …"""
    (tmp_path / "e.c").write_text("int answer(void) { return 42; }\n")
    wasm = _clang(tmp_path, tmp_path / "e.wasm", tmp_path / "e.c",
                  ldflags=["--export-all"]).read_bytes()
    err = _compile_error(tmp_path, capsys, wasm)
    assert "would define the symbol __" in err and "--prefix" in err
    assert _compile_error(tmp_path, capsys, wasm, "--prefix", "app_") == ""
    syms = subprocess.run(["arm-none-eabi-nm", "--defined-only", str(tmp_path / "m.o")],
                          capture_output=True, text=True, check=True).stdout
    assert " app___dso_handle" in syms and " app_answer" in syms


@pytest.mark.parametrize("name", ["div", "printf", "_start", "end", "__heap_base"])
def test_export_of_a_reserved_symbol_is_an_error(tmp_path, capsys, name):
    wat = f'(module (func (export "{name}")))'
    err = _compile_error(tmp_path, capsys, wat)
    assert f'export "{name}" would define the symbol {name}' in err and "--prefix" in err
    assert _compile_error(tmp_path, capsys, wat, "--prefix", "m_") == ""


def test_provided_import_in_the_run_command(tmp_path, capsys):
    """`synth run` links no stub for a provided import."""
    src = tmp_path / "m.wat"
    src.write_text(RETURNS_WAT.format(libc=IMPORTED))
    assert synth_main(["run", str(src), "--invoke", "set", "4", "1", "4"]) == 0
    assert capsys.readouterr().out.strip().startswith("i32:4 ")
    assert synth_main(["run", str(src), "--invoke", "mov", "65535", "0", "2"]) == 3
    assert Trap.OUT_OF_BOUNDS_MEMORY.message in capsys.readouterr().out


ABORT_WAT = '''(module
  (import "env" "abort" (func $abort (param i32 i32 i32 i32)))
  (import "env" "memset" (func $memset (param i32 i32 i32) (result i32)))
  (memory 1)
  (func (export "check") (param i32) (result i32)
    (if (i32.eqz (local.get 0)) (then (call $abort (i32.const 1) (i32.const 2)
                                                   (i32.const 3) (i32.const 4))))
    (call $memset (i32.const 16) (local.get 0) (i32.const 4))))
'''

ABORT_HOST_C = r'''
#include <stdint.h>
#include "m.h"
static int32_t aborted;
void as_abort(int32_t msg, int32_t file, int32_t line, int32_t col)
{ aborted = msg + file + line + col; }
int32_t my_memset(int32_t d, int32_t v, int32_t n) { return d + v + n + 1000; }
int32_t test_main(void) { synth_init(); return check(0) + aborted; }
'''


def test_rename_import_binds_a_prebuilt_modules_import(tmp_path, capsys):
    """AssemblyScript's env.abort(msg, file, line, col) is not libc's abort: a
    prebuilt module cannot be recompiled with import_name, so --rename-import
    binds it to a symbol of the firmware's choosing.  A renamed env.memset is a
    true import too (the object then provides none)."""
    err = _compile_error(tmp_path, capsys, ABORT_WAT)
    assert "--rename-import env.abort=my_abort" in err
    renames = ["--rename-import", "env.abort=as_abort", "--rename-import", "env.memset=my_memset"]
    assert _compile_error(tmp_path, capsys, ABORT_WAT, *renames) == ""
    assert synth_main(["compile", str(tmp_path / "m.wat"), "-o", str(tmp_path / "m.o"),
                       "--header", str(tmp_path / "m.h"), *renames]) == 0
    undefined = subprocess.run(["arm-none-eabi-nm", "-u", str(tmp_path / "m.o")],
                               capture_output=True, text=True, check=True).stdout.split()
    assert "as_abort" in undefined and "my_memset" in undefined and "abort" not in undefined
    # my_memset(16, 0, 4) = 1020, plus 1+2+3+4 from as_abort
    assert _run_with_c(tmp_path, ABORT_HOST_C) == 1030


@pytest.mark.parametrize("bad", ["env.abort", "abort=x", "env.abort=1x", "env.abort=a-b"])
def test_rename_import_syntax_errors_are_one_line(tmp_path, capsys, bad):
    (tmp_path / "m.wat").write_text("(module)")
    assert synth_main(["compile", str(tmp_path / "m.wat"), "--rename-import", bad]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "invalid import rename" in err


def test_synth_cc_rename_import(tmp_path, capsys):
    from synth_toolchain.cc.driver import main as synth_cc_main
    (tmp_path / "m.wat").write_text(ABORT_WAT)
    base = ["-mcpu=cortex-m4", "-mthumb", "-c", str(tmp_path / "m.wat"),
            "-o", str(tmp_path / "m.o")]
    assert synth_cc_main(base) == 1
    assert "-msynth-rename-import=" in capsys.readouterr().err
    assert synth_cc_main(base + ["-msynth-rename-import=env.abort=as_abort"]) == 0
    undefined = subprocess.run(["arm-none-eabi-nm", "-u", str(tmp_path / "m.o")],
                               capture_output=True, text=True, check=True).stdout.split()
    assert "as_abort" in undefined

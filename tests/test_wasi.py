"""WASI preview1 on a microcontroller (issue 15, item 3; docs/abi.md, "WASI").

wasi-libc programs (tests/wasi/*.c, clang --target=wasm32-wasi through
run/clang_wasm.py: no wasm-opt) run in `synth run` and, through synth-cc with
the shim and its semihosting hooks, in qemu-system-arm (mps2-an385); their
output and exit status are those of the same C compiled natively by clang,
and of the module in wasmtime's WASI.
The shim's refusals (ENOSYS, EFAULT, EBADF) are checked call by call on the
emulator with a hand-written module.
"""

import os
import shutil
import subprocess

import pytest

from synth_toolchain import wasi
from synth_toolchain.cli import main
from synth_toolchain.driver import build_executable, compile_file
from synth_toolchain.options import Options
from synth_toolchain.run import clang_wasm
from synth_toolchain.run.emulator import Emulator
from synth_toolchain.run.wasi_host import WasiExit, WasiHost
from synth_toolchain.wasm.loader import load_module
from synth_toolchain.wasm.module import ExternKind, ValType
from tests.difftest import to_wasm

pytestmark = pytest.mark.xdist_group("wasi")     # one worker builds the programs once

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAMS = os.path.join(ROOT, "tests", "wasi")
QEMU_DIR = os.path.join(ROOT, "tests", "qemu")
I32, I64 = ValType.I32, ValType.I64
MEMORY_SIZE = "1M"        # the heap grows the memory beyond its initial two pages


def _have_wasi_libc():
    if shutil.which("clang") is None or shutil.which("wasm-ld") is None:
        return False
    try:
        clang_wasm.wasi_link_inputs()
    except clang_wasm.ClangWasmError:
        return False
    return True


needs_wasi_libc = pytest.mark.skipif(not _have_wasi_libc(),
                                     reason="needs clang, wasm-ld, wasi-libc, compiler-rt wasm32")
needs_arm_gcc = pytest.mark.skipif(shutil.which("arm-none-eabi-gcc") is None,
                                   reason="needs arm-none-eabi-gcc")


@pytest.fixture(scope="module")
def programs(tmp_path_factory):
    """Each tests/wasi/*.c built once as a WASI command."""
    out = tmp_path_factory.mktemp("wasi")
    built = {}
    for name in ("hello", "heap", "sort", "clock", "errors"):
        wasm = out / f"{name}.wasm"
        clang_wasm.build([os.path.join(PROGRAMS, f"{name}.c")], wasm, ["-O2"], wasi=True)
        built[name] = wasm
    return built


@pytest.fixture(scope="module")
def native(tmp_path_factory):
    """The same programs compiled for the host by clang: (stdout, stderr, status)."""
    out = tmp_path_factory.mktemp("native")

    def run(name):
        exe = out / name
        p = subprocess.run(["clang", "-O2", "-w", os.path.join(PROGRAMS, f"{name}.c"),
                            "-o", str(exe)], capture_output=True, text=True)
        if p.returncode != 0:
            pytest.skip(f"clang cannot build for the host: {p.stderr.strip()}")
        r = subprocess.run([str(exe)], capture_output=True, text=True)
        return r.stdout, r.stderr, r.returncode
    return run


# ---- symbols --------------------------------------------------------------

def test_table_matches_wasi_libc(tmp_path):
    """Every function wasi-libc imports is in the table with the type it imports."""
    if not _have_wasi_libc():
        pytest.skip("needs wasi-libc")
    names = [line.strip().removeprefix("__imported_wasi_snapshot_preview1_") for line in
             open(os.path.join(os.path.dirname(clang_wasm.wasi_link_inputs()[0][1]),
                               "libc.imports")) if line.strip()]
    (tmp_path / "none.c").write_text("int main(void) { return 0; }\n")
    out = tmp_path / "all.wasm"
    clang_wasm.build([tmp_path / "none.c"], out, ["-O2"], wasi=True,
                     ldflags=[f"--export=__wasi_{n}" for n in names])
    m = load_module(str(out))
    imported = {imp.name: m.types[imp.desc] for imp in m.imports if imp.module == wasi.MODULE}
    assert sorted(imported) == sorted(names) and len(names) >= 45
    for name, ft in imported.items():
        assert wasi.FUNCTIONS[name] == (ft.params, ft.results), name


WAT_SYMBOLS = """(module
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "not_in_preview1" (func (param i64) (result i32)))
  (import "env" "fd_write" (func (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "nor_this" (func (param f32 i32) (result i32)))
  (memory 1))"""


@pytest.mark.parametrize("prefix", ["", "app_"])
def test_wasi_imports_get_symbols_in_synths_namespace(prefix):
    res = compile_file("w.wat", Options(prefix=prefix), data=WAT_SYMBOLS.encode())
    lay = res.compiled.layout
    syms = [lay.import_symbol(ExternKind.FUNC, i) for i in range(5)]
    assert syms == [f"{prefix}synth_wasi_fd_write", f"{prefix}synth_wasi_path_open",
                    f"{prefix}synth_wasi_enosys", "fd_write", f"{prefix}synth_wasi_enosys"]


@needs_arm_gcc
def test_header_leaves_the_shims_functions_to_it(tmp_path):
    """Two unknown imports share the ENOSYS stub with different types: the
    header names the WASI imports in a comment and declares only the others."""
    res = compile_file("w.wat", Options(prefix="app_"), data=WAT_SYMBOLS.encode())
    header = res.header("w.h")
    assert "app_synth_wasi" not in header and "int32_t fd_write(int32_t p0);" in header
    assert ("Imports the WASI shim defines (docs/abi.md#wasi): fd_write, path_open, "
            "not_in_preview1, nor_this.") in header
    (tmp_path / "w.h").write_text(header)
    (tmp_path / "use.c").write_text('#include "w.h"\n')
    subprocess.run(["arm-none-eabi-gcc", "-Wall", "-Werror", "-c", str(tmp_path / "use.c"),
                    "-o", str(tmp_path / "use.o")], check=True)


@pytest.mark.parametrize("wat, message", [
    ('(import "wasi_snapshot_preview1" "fd_write" (func (param i32) (result i32))) (memory 1)',
     "has the type [i32] -> [i32], but WASI preview1's fd_write is [i32 i32 i32 i32] -> [i32]"),
    ('(import "wasi_snapshot_preview1" "bogus" (func (param i32))) (memory 1)',
     "is no WASI preview1 function, and with the type [i32] -> [] it cannot return ENOSYS"),
    ('(import "wasi_snapshot_preview1" "sched_yield" (func (result i32)))',
     "works on the module's linear memory, but the module has none"),
    ('(import "env" "memory" (memory 1))'
     '(import "wasi_snapshot_preview1" "sched_yield" (func (result i32)))',
     "works on the module's linear memory, but the module imports its memory"),
    ('(import "wasi_snapshot_preview1" "g" (global i32)) (memory 1)',
     "WASI preview1 provides only functions"),
    ('(import "env" "synth_wasi_fd_write" (func (result i32))) (memory 1)',
     "which is synth's own"),
])
def test_unbindable_wasi_imports_are_errors(tmp_path, capsys, wat, message):
    src = tmp_path / "w.wat"
    src.write_text(f"(module {wat})")
    assert main(["compile", str(src), "-o", str(tmp_path / "w.o")]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and message in err, err
    assert not (tmp_path / "w.o").exists()


@needs_arm_gcc
def test_shim_defines_every_preview1_function_and_hook(tmp_path):
    """The shim defines exactly the table's functions (weak), enosys and the hooks."""
    from elftools.elf.elffile import ELFFile
    from synth_toolchain.wasi.shim import compile_shim
    obj = compile_shim("arm-none-eabi-gcc", ["-mcpu=cortex-m3", "-mthumb"], "p_", str(tmp_path))
    with open(obj, "rb") as f:
        syms = {s.name: s for s in ELFFile(f).get_section_by_name(".symtab").iter_symbols()}
        defined = {n for n, s in syms.items()
                   if s["st_shndx"] != "SHN_UNDEF" and s["st_info"]["bind"] == "STB_WEAK"}
        undefined = {n for n, s in syms.items() if n and s["st_shndx"] == "SHN_UNDEF"}
    expected = {f"p_synth_wasi_{n}" for n in [*wasi.FUNCTIONS, wasi.ENOSYS_FUNCTION]}
    assert defined == expected | set(wasi.HOOKS)
    assert undefined == {"p_synth_memory"}       # no C library, no libgcc
    assert wasi.IMPLEMENTED <= set(wasi.FUNCTIONS)


# ---- the shim's checks, call by call on the emulator -----------------------

WAT_CALLS = """(module
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_seek" (func $seek (param i32 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_get" (func $fdstat (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_get" (func $prestat (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $env (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "sched_yield" (func $yield (result i32)))
  (import "wasi_snapshot_preview1" "sock_accept" (func $accept (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_pwrite" (func $pwrite (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "future_thing" (func $future (param i64 f64) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory 1)
  (data (i32.const 16) "hello, ") (data (i32.const 32) "wasi\\n")
  ;; iovecs at 64: {16, 7} {32, 5}
  (data (i32.const 64) "\\10\\00\\00\\00\\07\\00\\00\\00\\20\\00\\00\\00\\05\\00\\00\\00")
  (func (export "write") (param i32 i32 i32 i32) (result i32)
    (call $write (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "read") (param i32 i32 i32 i32) (result i32)
    (call $read (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "close") (param i32) (result i32) (call $close (local.get 0)))
  (func (export "seek") (param i32 i32) (result i32)
    (call $seek (local.get 0) (i64.const 0) (i32.const 0) (local.get 1)))
  (func (export "fdstat") (param i32 i32) (result i32) (call $fdstat (local.get 0) (local.get 1)))
  (func (export "prestat") (param i32) (result i32) (call $prestat (local.get 0) (i32.const 128)))
  (func (export "clock") (param i32 i32) (result i32)
    (call $clock (local.get 0) (i64.const 1) (local.get 1)))
  (func (export "random") (param i32 i32) (result i32) (call $random (local.get 0) (local.get 1)))
  (func (export "sizes") (param i32 i32) (result i32)
    (i32.or (call $args (local.get 0) (local.get 1))
            (i32.shl (call $env (local.get 0) (local.get 1)) (i32.const 8))))
  (func (export "yield") (result i32) (call $yield))
  (func (export "enosys") (result i32)
    (i32.or (i32.or (call $accept (i32.const 3) (i32.const 0) (i32.const 0))
                    (i32.shl (call $pwrite (i32.const 1) (i32.const 64) (i32.const 2)
                                           (i64.const 0) (i32.const 0)) (i32.const 8)))
            (i32.shl (call $future (i64.const -1) (f64.const 1)) (i32.const 16))))
  (func (export "exit") (param i32) (call $exit (local.get 0)))
  (func (export "load32") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "load64") (param i32) (result i64) (i64.load (local.get 0))))"""
PAGE = 65536
EFAULT, EBADF, EINVAL, ENOSYS, ESPIPE = wasi.EFAULT, wasi.EBADF, wasi.EINVAL, wasi.ENOSYS, wasi.ESPIPE


class Calls:
    """The module above on the emulator with the shim and in-memory consoles."""

    def __init__(self, tmp_path, stdin=b"", host=WasiHost):
        import io
        opts = Options(prefix="t_")
        res = compile_file("calls.wat", opts, data=to_wasm(WAT_CALLS))
        self.out, self.err = io.BytesIO(), io.BytesIO()
        self.host = host(io.BufferedReader(io.BytesIO(stdin)), self.out, self.err)
        self.emu = Emulator(build_executable(res, str(tmp_path), opts), self.host.functions())
        self.host.emulator = self.emu
        self.layout = res.compiled.layout
        assert self.emu.call(self.layout.init_symbol, (), (), ()).trap is None
        self.types = {e.name: res.compiled.module.func_type(e.index)
                      for e in res.compiled.module.exports}

    def __call__(self, name, *args):
        ft = self.types[name]
        r = self.emu.call(self.layout.export_symbol(name), ft.params, args, ft.results)
        assert r.trap is None, r
        return r.values[0] if r.values else None


@pytest.fixture
def calls(tmp_path):
    if shutil.which("arm-none-eabi-gcc") is None:
        pytest.skip("needs arm-none-eabi-gcc")
    return Calls(tmp_path)


def test_fd_write_gathers_iovecs_and_reports_nwritten(calls):
    assert calls("write", 1, 64, 2, 200) == 0
    assert calls.out.getvalue() == b"hello, wasi\n"
    assert calls("load32", 200) == 12
    assert calls("write", 2, 72, 1, 200) == 0 and calls.err.getvalue() == b"wasi\n"


@pytest.mark.parametrize("iovs, n, nwritten", [
    (PAGE - 4, 1, 200),            # the iovec array runs off the end
    (PAGE + 8, 0, 200),            # an empty array beyond the end
    (64, 0x20000000, 200),         # n * 8 wraps around 32 bits
    (64, 2, PAGE - 3),             # nwritten is not wholly inside
    (64, 2, 0xFFFFFFFF),
])
def test_fd_write_outside_memory_is_efault_and_writes_nothing(calls, iovs, n, nwritten):
    assert calls("write", 1, iovs, n, nwritten) == EFAULT
    assert calls.out.getvalue() == b""


def test_fd_write_of_a_buffer_outside_memory_is_efault(calls):
    calls.emu.write_memory(calls.emu.symbol_address("t_synth_memory") + 96,
                           (PAGE - 2).to_bytes(4, "little") + (3).to_bytes(4, "little"))
    assert calls("write", 1, 64, 1, 200) == 0          # the first iovec alone is fine
    assert calls("write", 1, 88, 2, 200) == EFAULT     # {32, 5} then {PAGE-2, 3}
    assert calls.out.getvalue() == b"hello, "


def test_descriptors(calls):
    assert calls("write", 0, 64, 2, 200) == EBADF      # stdin is not writable
    assert calls("write", 3, 64, 2, 200) == EBADF
    assert calls("write", 0xFFFFFFFF, 64, 2, 200) == EBADF
    assert calls("read", 1, 64, 2, 200) == EBADF
    assert calls("seek", 1, 200) == ESPIPE and calls("seek", 9, 200) == EBADF
    assert calls("prestat", 3) == EBADF                 # no preopened directories
    assert calls("fdstat", 1, 256) == 0
    assert calls("load32", 256) & 0xFF == 2              # a character device
    rights = calls("load64", 264)
    assert rights & (1 << 6) and not rights & ((1 << 2) | (1 << 5))   # write, no seek/tell
    assert calls("fdstat", 1, PAGE - 23) == EFAULT
    assert calls("close", 1) == 0 and calls("close", 1) == EBADF
    assert calls("write", 1, 64, 2, 200) == EBADF and calls("fdstat", 1, 256) == EBADF
    assert calls.out.getvalue() == b""


def test_fd_read_fills_iovecs_until_input_ends(tmp_path):
    if shutil.which("arm-none-eabi-gcc") is None:
        pytest.skip("needs arm-none-eabi-gcc")
    calls = Calls(tmp_path, stdin=b"abcdefghij")
    assert calls("read", 0, 64, 2, 200) == 0            # 7 bytes at 16, then 3 at 32
    assert calls("load32", 200) == 10
    assert calls.emu.read_memory(calls.emu.symbol_address("t_synth_memory") + 16, 7) == b"abcdefg"
    assert calls("read", 0, 64, 2, 200) == 0 and calls("load32", 200) == 0   # end of input
    assert calls("read", 0, 64, 2, PAGE) == EFAULT


class BoastfulHost(WasiHost):
    """A write hook that claims more bytes than it was given, then fails."""

    def write(self, fd, buf, length):
        super().write(fd, buf, length)
        self.calls = getattr(self, "calls", 0) + 1
        return length + 100 if self.calls == 1 else -EBADF & 0xFFFFFFFF


def test_fd_write_counts_no_more_than_it_gave_and_stops_at_an_error(tmp_path):
    if shutil.which("arm-none-eabi-gcc") is None:
        pytest.skip("needs arm-none-eabi-gcc")
    calls = Calls(tmp_path, host=BoastfulHost)
    assert calls("write", 1, 64, 2, 200) == 0 and calls("load32", 200) == 7
    assert calls.out.getvalue() == b"hello, wasi\n"       # the second buffer was offered
    assert calls("write", 1, 64, 2, 200) == EBADF         # an error before any byte


def test_clock_random_args_and_yield(calls):
    import time
    before = time.time_ns()
    assert calls("clock", 0, 300) == 0 and before <= calls("load64", 300) <= time.time_ns()
    assert calls("clock", 1, 300) == 0
    assert calls("clock", 4, 300) == EINVAL
    assert calls("clock", 1, PAGE - 7) == EFAULT
    assert calls("random", 400, 64) == 0
    assert calls("random", PAGE - 10, 11) == EFAULT
    calls.emu.write_memory(calls.emu.symbol_address("t_synth_memory") + 500, b"\xff" * 8)
    assert calls("sizes", 500, 504) == 0 and calls("load64", 500) == 0
    assert calls("sizes", PAGE - 2, 504) == EFAULT | (EFAULT << 8)
    assert calls("yield") == 0


def test_other_functions_return_enosys(calls):
    """Unimplemented preview1 functions and a name unknown to preview1."""
    assert calls("enosys") == ENOSYS | ENOSYS << 8 | ENOSYS << 16
    assert calls.out.getvalue() == b""


@needs_arm_gcc
@pytest.mark.parametrize("code, status", [(0, 0), (255, 255), (256, 1), (-1, 1)])
def test_synth_run_exit_status_is_proc_exits_code(tmp_path, capfd, code, status):
    """As it is where a process status can hold it; otherwise 1, never a false 0."""
    src = tmp_path / "calls.wat"
    src.write_text(WAT_CALLS)
    assert main(["run", str(src), "--invoke", "exit", str(code)]) == status
    assert capfd.readouterr() == ("", "")


def test_proc_exit_ends_the_call_with_its_code(calls):
    with pytest.raises(WasiExit) as done:
        calls("exit", 42)
    assert done.value.code == 42


# ---- wasi-libc programs: synth run ----------------------------------------

def _synth_run(capfd, wasm, *flags):
    code = main(["run", str(wasm), "--memory-size", MEMORY_SIZE, *flags])
    out, err = capfd.readouterr()
    return out, err, code


def wasmtime_run(wasm, tmp_path):
    """The command in wasmtime's WASI: (stdout, stderr, exit status)."""
    import wasmtime
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    config = wasmtime.WasiConfig()
    config.stdout_file, config.stderr_file = str(tmp_path / "out"), str(tmp_path / "err")
    store.set_wasi(config)
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    instance = linker.instantiate(store, wasmtime.Module.from_file(engine, str(wasm)))
    try:
        instance.exports(store)["_start"](store)
        code = 0
    except wasmtime.ExitTrap as done:
        code = done.code
    return (tmp_path / "out").read_text(), (tmp_path / "err").read_text(), code


@needs_wasi_libc
@needs_arm_gcc
@pytest.mark.parametrize("name", ["hello", "heap", "sort", "clock"])
def test_synth_run_matches_wasmtime_and_the_native_program(programs, native, capfd, tmp_path,
                                                           name):
    expected = native(name)
    assert wasmtime_run(programs[name], tmp_path) == expected
    assert _synth_run(capfd, programs[name]) == expected


@needs_wasi_libc
@needs_arm_gcc
def test_synth_run_refusals(programs, capfd):
    out, err, code = _synth_run(capfd, programs["errors"])
    assert out == ("fsync: -1 Function not implemented\n"
                   "write outside memory: -1 Bad address\n"
                   "write to fd 5: -1 Bad file descriptor\n"
                   "read from stdout: -1 Bad file descriptor\n"
                   "close stderr: 0 ok\n"
                   "write to closed stderr: -1 Bad file descriptor\n")
    assert (err, code) == ("", 7)


TINY_COMMAND = """(module
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 8) "hi\\n") (data (i32.const 16) "\\08\\00\\00\\00\\03\\00\\00\\00")
  (func (export "_start")
    (drop (call $write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 32)))
    (call $exit (i32.add (i32.const 2) (i32.load (i32.const 32)))))
  (func (export "twice") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2))))"""


@needs_arm_gcc
@pytest.mark.parametrize("flags, out, code", [
    ((), "hi\n", 5),                                   # _start by default, nothing after
    (("--invoke", "_start"), "hi\n", 5),
    (("--count",), "hi\ninstructions: ", 5),
    (("--invoke", "twice", "21"), "i32:42 ", 0),        # other exports as before
    (("--prefix", "app_"), "hi\n", 5),
])
def test_synth_run_of_a_command(tmp_path, capfd, flags, out, code):
    src = tmp_path / "tiny.wat"
    src.write_text(TINY_COMMAND)
    assert main(["run", str(src), *flags]) == code
    got, err = capfd.readouterr()
    assert got.startswith(out) and err == ""
    if "--count" in flags:
        assert int(got.split()[-1]) > 10


def test_synth_run_without_invoke_needs_start(tmp_path, capfd):
    src = tmp_path / "m.wat"
    src.write_text('(module (func (export "f")))')
    assert main(["run", str(src)]) == 1
    out, err = capfd.readouterr()
    assert out == "" and err == (f"{src}: error: no --invoke given, and the module exports "
                                 "no _start (a WASI command's entry point)\n")


# ---- wasi-libc programs: QEMU through synth-cc ------------------------------

MAIN_C = """
void prog_synth_init(void);
void prog__start(void);
int main(void) { prog_synth_init(); prog__start(); return 0; }
"""


ARCH = ["-mcpu=cortex-m3", "-mthumb"]


def synth_cc(*args, cwd=None):
    """synth-cc in this process (its start-up is most of a small run)."""
    from synth_toolchain.cc.driver import main as cc_main
    old = os.getcwd()
    try:
        os.chdir(cwd or old)
        assert cc_main([str(a) for a in args]) == 0
    finally:
        os.chdir(old)


@pytest.fixture(scope="module")
def objects(programs, tmp_path_factory):
    """Each program compiled once (on first use) by `synth-cc -c`: the object
    carries its shim."""
    out = tmp_path_factory.mktemp("objects")

    class Objects(dict):
        def __missing__(self, name):
            self[name] = out / f"{name}.o"
            synth_cc(*ARCH, "-msynth-prefix=prog_", f"-msynth-memory-size={MEMORY_SIZE}", "-c",
                     programs[name], "-o", self[name])
            return self[name]
    return Objects()


def _qemu_image(tmp_path, obj, extra=()):
    """An mps2-an385 image of tests/qemu's start-up code, main calling the
    command's _start, and the object, linked by plain arm-none-eabi-gcc."""
    for f in ("startup.c", "mps2.ld"):
        shutil.copy(os.path.join(QEMU_DIR, f), tmp_path / f)
    (tmp_path / "main.c").write_text(MAIN_C)
    elf = tmp_path / "fw.elf"
    subprocess.run(["arm-none-eabi-gcc", *ARCH, "-O2", "-nostartfiles", "-T", "mps2.ld",
                    "startup.c", "main.c", *extra, str(obj), "-o", str(elf)],
                   cwd=tmp_path, check=True)
    return elf


def _qemu(elf, machine="mps2-an385"):
    p = subprocess.run(["qemu-system-arm", "-M", machine, "-nographic", "-monitor", "none",
                        "-serial", "null", "-semihosting-config", "enable=on,target=native",
                        "-kernel", str(elf)], capture_output=True, text=True, timeout=60)
    return p.stdout, p.stderr, p.returncode


needs_qemu = pytest.mark.skipif(shutil.which("qemu-system-arm") is None,
                                reason="needs qemu-system-arm")


@needs_wasi_libc
@needs_arm_gcc
@needs_qemu
@pytest.mark.parametrize("name", ["hello", "sort", pytest.param("heap", marks=pytest.mark.slow),
                                  pytest.param("clock", marks=pytest.mark.slow)])
def test_qemu_matches_the_native_program(objects, native, tmp_path, name):
    assert _qemu(_qemu_image(tmp_path, objects[name])) == native(name)


@needs_wasi_libc
@needs_arm_gcc
@needs_qemu
def test_qemu_refusals(objects, tmp_path):
    out, _err, code = _qemu(_qemu_image(tmp_path, objects["errors"]))
    assert out.splitlines()[:2] == ["fsync: -1 Function not implemented",
                                    "write outside memory: -1 Bad address"]
    assert code == 7


HOOKS_C = """
#include <stdint.h>
#include <string.h>
static char seen[64];           /* what the program wrote to stdout (fd 2 dropped) */
static unsigned used;
int32_t synth_wasi_hook_write(int32_t fd, const uint8_t *buf, uint32_t len)
{
    if (fd == 1 && used + len < sizeof seen) { memcpy(seen + used, buf, len); used += len; }
    return (int32_t)len;
}
void synth_wasi_hook_exit(uint32_t code)
{
    register uint32_t r0 __asm__("r0") = 0x04;          /* SYS_WRITE0 */
    register const char *r1 __asm__("r1") = seen;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    uint32_t block[2] = {0x20026, code + 100};
    r0 = 0x20, r1 = (const char *)block;                 /* SYS_EXIT_EXTENDED */
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    for (;;) {}
}
"""


@needs_wasi_libc
@needs_arm_gcc
@needs_qemu
def test_firmware_hooks_replace_the_defaults(objects, tmp_path):
    """Strong hooks in the firmware take the program's bytes and its exit."""
    (tmp_path / "hooks.c").write_text(HOOKS_C)
    out, err, code = _qemu(_qemu_image(tmp_path, objects["hello"], extra=["hooks.c"]))
    shown = out + err               # QEMU's SYS_WRITE0 goes to one or the other
    assert shown.startswith("hello 45\n") and "to stderr" not in shown and code == 103


def _symbols(obj):
    from elftools.elf.elffile import ELFFile
    with open(obj, "rb") as f:
        return {s.name: s["st_shndx"] for s in
                ELFFile(f).get_section_by_name(".symtab").iter_symbols()}


@needs_arm_gcc
def test_synth_cc_c_object_carries_the_shim(tmp_path):
    """`synth-cc -c` joins the shim to the object (for SCons, CMake, plain gcc links);
    a second module with another prefix gets its own, bound to its own memory."""
    src = tmp_path / "tiny.wat"
    src.write_text(TINY_COMMAND)
    objs = []
    for prefix in ("a_", "b_"):
        obj = tmp_path / f"{prefix}.o"
        synth_cc(*ARCH, f"-msynth-prefix={prefix}", "-c", src, "-o", obj)
        syms = _symbols(obj)
        assert syms[f"{prefix}synth_wasi_fd_write"] != "SHN_UNDEF"
        assert syms["synth_wasi_hook_write"] != "SHN_UNDEF"
        assert f"{'b_' if prefix == 'a_' else 'a_'}synth_memory" not in syms
        objs.append(str(obj))
    (tmp_path / "main.c").write_text(
        "void a_synth_init(void); void b_synth_init(void);\n"
        "int main(void) { a_synth_init(); b_synth_init(); return 0; }\n")
    subprocess.run(["arm-none-eabi-gcc", *ARCH, "--specs=nosys.specs", str(tmp_path / "main.c"),
                    *objs, "-o", str(tmp_path / "two.elf")], check=True)


@needs_arm_gcc
def test_synth_cc_listing_and_plain_compile_leave_the_imports_undefined(tmp_path):
    """`-S` lists the module alone and `synth compile` writes it alone: there the
    shim is the firmware's to link (`synth --wasi-shim`)."""
    src = tmp_path / "tiny.wat"
    src.write_text(TINY_COMMAND)
    assert main(["compile", str(src), "--prefix", "p_", "-o", str(tmp_path / "p.o")]) == 0
    assert _symbols(tmp_path / "p.o")["p_synth_wasi_fd_write"] == "SHN_UNDEF"
    synth_cc(*ARCH, "-msynth-prefix=p_", "-S", src, "-o", tmp_path / "p.s")
    assert "synth_wasi_hook" not in (tmp_path / "p.s").read_text()


@needs_wasi_libc
@needs_arm_gcc
@needs_qemu
def test_synth_cc_links_the_shim_of_a_wasm_input(programs, tmp_path):
    """synth-cc as the linker: the module compiled on the way has its shim too."""
    for f in ("startup.c", "mps2.ld"):
        shutil.copy(os.path.join(QEMU_DIR, f), tmp_path / f)
    (tmp_path / "main.c").write_text(MAIN_C)
    synth_cc(*ARCH, "-O2", "-msynth-prefix=prog_", "-nostartfiles", "-T", "mps2.ld",
             "startup.c", "main.c", programs["hello"], "-o", "fw.elf", cwd=tmp_path)
    out, err, code = _qemu(tmp_path / "fw.elf")
    assert out.startswith("hello 45\n") and code == 3


def test_synth_wasi_shim_prints_the_installed_source(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--wasi-shim"])
    out, _ = capsys.readouterr()
    assert done.value.code == 0 and out == f"{wasi.SHIM_SOURCE}\n"
    assert os.path.isfile(out.strip())


# ---- build systems: the object synth-cc -c makes links as it is ------------

SCONSTRUCT = """\
env = Environment(tools=['gcc', 'gnulink', 'synth'], toolpath=[{toolpath!r}],
                  CC='arm-none-eabi-gcc', LINK='arm-none-eabi-gcc', CCFLAGS={arch!r},
                  LINKFLAGS={arch!r} + ['-nostartfiles', '-T', 'mps2.ld'], PROGSUFFIX='.elf')
tiny = env.Object('tiny.wat', SYNTHCCFLAGS='-msynth-prefix=prog_')
env.Program('fw', ['startup.c', 'main.c', tiny])
"""
CMAKELISTS = """\
cmake_minimum_required(VERSION 3.20)
project(t C)
find_package(synth CONFIG REQUIRED)
add_executable(fw.elf startup.c main.c)
target_link_options(fw.elf PRIVATE -nostartfiles -T ${CMAKE_SOURCE_DIR}/mps2.ld)
synth_add_wasm_object(fw.elf tiny.wat PREFIX prog_)
"""


@needs_arm_gcc
@needs_qemu
@pytest.mark.parametrize("tool", ["scons", "cmake"])
def test_build_systems_link_a_wasi_module(tmp_path, tool):
    """SCons and CMake compile the module with `synth-cc -c` and link with gcc:
    the shim comes with the object, and the image prints and exits through it."""
    from synth_toolchain import buildsys
    from tests import test_buildsys as bs
    if shutil.which(tool) is None or not os.path.exists(bs.SYNTH_CC):
        pytest.skip(f"needs {tool} and an installed synth-cc")
    for f in ("startup.c", "mps2.ld"):
        shutil.copy(os.path.join(QEMU_DIR, f), tmp_path / f)
    (tmp_path / "main.c").write_text(MAIN_C)
    (tmp_path / "tiny.wat").write_text(TINY_COMMAND)
    if tool == "scons":
        (tmp_path / "SConstruct").write_text(SCONSTRUCT.format(toolpath=buildsys.scons_dir(),
                                                               arch=bs.ARCH))
        bs.run(["scons", "-Q"], tmp_path, bs.minimal_env())
        elf = tmp_path / "fw.elf"
    else:
        (tmp_path / "CMakeLists.txt").write_text(CMAKELISTS)
        bs.cmake_configure(tmp_path, "ninja")
        bs.cmake_build(tmp_path)
        elf = tmp_path / "build" / "fw.elf"
    out, err, code = _qemu(elf, "mps2-an386")
    assert (out, code) == ("hi\n", 5)


@needs_arm_gcc
def test_synth_cc_v_shows_how_the_shim_is_built(tmp_path, capfd):
    src = tmp_path / "tiny.wat"
    src.write_text(TINY_COMMAND)
    synth_cc(*ARCH, "-v", "-msynth-prefix=p_", "-c", src, "-o", tmp_path / "p.o")
    err = capfd.readouterr().err.splitlines()
    assert any('"-DSYNTH_WASI_PREFIX=p_" -c synth_wasi.c' in line for line in err), err
    assert any(" -r module.o synth_wasi.o " in line for line in err), err

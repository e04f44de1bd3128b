"""High-level entry points shared by the CLI, synth-cc and the tests."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, replace
from functools import cached_property

from .cnames import printable
from .compile import CompiledModule, compile_module
from .elf.writer import write_elf
from .errors import SynthError
from .header import generate_header
from .options import Options
from .report import build_report, dump_report
from .tiers import LADDER, Ladder
from . import wasi
from .wasm.loader import load_bytes, load_module
from .wasm.module import ExternKind


@dataclass
class CompileResult:
    """An object and what goes with it.  The report (its stack bounds walk
    the call graph and scan the runtime's code) is built on first use, so
    `--no-report`, `synth wast` and `synth run` do not pay for it."""
    compiled: CompiledModule
    elf: bytes
    options: Options
    path: str

    @cached_property
    def report(self) -> dict:
        return build_report(self.compiled, self.options, self.path)

    @cached_property
    def report_yaml(self) -> str:
        return dump_report(self.report)

    def header(self, name: str) -> str:
        return generate_header(self.compiled.layout, name)


def _with_path(err: SynthError, path: str) -> SynthError:
    if err.path is None:
        err.path = path
    return err


def compile_file(path: str, options: Options, data: bytes | None = None,
                 ladder: Ladder = LADDER, adjust=None) -> CompileResult:
    """`adjust(module, options)`: the options to compile the loaded module with."""
    module = None
    try:
        module = load_bytes(data, path, options.wasm) if data is not None \
            else load_module(path, options.wasm)
        if adjust is not None:
            options = adjust(module, options)
        compiled = compile_module(module, options, ladder)
        if options.debug:
            from .debuginfo import add_debug_info
            add_debug_info(compiled, path)
        elf = write_elf(compiled.obj)
    except SynthError as err:
        if module is not None and module.text_map is not None:
            module.text_map.relocate(err)       # text input: LINE:COL, not a byte offset
        raise _with_path(err, path)
    return CompileResult(compiled, elf, options, path)


def import_symbols(compiled: CompiledModule) -> list[str]:
    """The symbols of the imported functions something outside the object defines."""
    lay = compiled.layout
    return [lay.func_symbol(i) for i in lay.external_function_imports()]


def wasi_imports(compiled: CompiledModule) -> list[str]:
    """The import symbols the WASI shim defines (wasi/shim.c)."""
    return [s for s in import_symbols(compiled) if s.startswith(compiled.layout.wasi_stem)]


def build_executable(result: CompileResult, workdir: str, options: Options,
                     extra_objects: tuple[str, ...] = ()) -> str:
    """Link the object with the emulator harness; imports get stubs, except
    WASI's: the shim defines those, and its hooks get the stubs."""
    from .run.link import GCC, link_executable
    from .wasi.shim import arch_flags, compile_shim
    obj = os.path.join(workdir, "module.o")
    with open(obj, "wb") as f:
        f.write(result.elf)
    exe = os.path.join(workdir, "module.elf")
    fpu = options.hw_fpu
    stubs = import_symbols(result.compiled)
    shimmed = set(wasi_imports(result.compiled))
    if shimmed:
        shim = compile_shim(GCC, arch_flags(options), result.compiled.layout.prefix, workdir)
        extra_objects = (*extra_objects, shim)
        stubs = [s for s in stubs if s not in shimmed] + list(wasi.HOOKS)
    link_executable([obj, *extra_objects], exe, cpu=options.cpu,
                    imports=stubs, float_abi=options.float_abi,
                    fpu=fpu.name if fpu else None)
    return exe


WASI_RUN_PREFIX = "wasi_"


def _run_options(module, options: Options) -> Options:
    """A WASI command exports `_start`, a symbol of the C library's crt0: without
    --prefix, `synth run` compiles a module that imports WASI with `wasi_`."""
    if options.prefix or not any(imp.module == wasi.MODULE for imp in module.imports):
        return options
    return replace(options, prefix=WASI_RUN_PREFIX)


@dataclass
class RunOutcome:
    """What `synth run` prints (None: nothing) and its exit status: 0, the trap
    status, or the status the program gave proc_exit."""
    text: str | None
    status: int


def exit_status(code: int) -> int:
    """proc_exit's code as a process status: 0-255 as it is, anything else 1 (so
    a failure never reads as success after truncation to 8 bits)."""
    return code if 0 <= code <= 255 else 1


def run_export(path: str, options: Options, name: str | None, args: list[str],
               count: bool = False, data: bytes | None = None) -> RunOutcome:
    """Compile, link and run export `name` (None: a WASI command's `_start`);
    `data`: the module's bytes when they do not come from `path` (stdin)."""
    from .errors import TRAP_STATUS
    from .run.emulator import Emulator
    from .run.values import EmulatorError, HostFunction, format_value, parse_value
    from .run.wasi_host import WasiExit, WasiHost
    from .traps import Trap
    result = compile_file(path, options, data, adjust=_run_options)
    options = result.options
    m = result.compiled.module
    if name is None:
        if not any(e.name == "_start" and e.kind == ExternKind.FUNC for e in m.exports):
            raise SynthError("no --invoke given, and the module exports no _start "
                             "(a WASI command's entry point)", path=path)
        name = "_start"
    exp = [e for e in m.exports if e.name == name and e.kind == ExternKind.FUNC]
    if not exp:
        raise SynthError(f"no exported function named '{printable(name)}'", path=path)
    ft = m.func_type(exp[0].index)
    if len(args) != len(ft.params):
        raise SynthError(f"'{name}' takes {len(ft.params)} argument(s), {len(args)} given",
                         path=path)
    try:
        values = [parse_value(a, t) for a, t in zip(args, ft.params)]
    except ValueError as err:
        raise SynthError(f"bad argument: {err}", path=path)
    lines: list[str] = []
    hosts = {}
    shimmed = set(wasi_imports(result.compiled))
    for i in result.compiled.layout.external_function_imports():
        imp = m.imports_of(ExternKind.FUNC)[i]
        it = m.types[imp.desc]
        if result.compiled.layout.func_symbol(i) in shimmed:
            continue

        def host(*a, _imp=imp, _t=it):
            shown = ", ".join(format_value(v, t) for v, t in zip(a, _t.params))
            lines.append(f"import {printable(_imp.module)}.{printable(_imp.name)}({shown})")
            return [0] * len(_t.results)
        hosts[result.compiled.layout.func_symbol(i)] = HostFunction(it.params, it.results, host)
    wasi_host = WasiHost() if shimmed else None
    if wasi_host is not None:
        hosts.update(wasi_host.functions())
    quiet = not ft.results and wasi_host is not None    # a WASI program prints its own
    with tempfile.TemporaryDirectory(prefix="synth-run-") as tmp:
        try:
            exe = build_executable(result, tmp, options)
        except SynthError as err:
            raise _with_path(err, path)
        emu = Emulator(exe, hosts, cpu=options.cpu, count_instructions=count,
                       float_abi=options.float_abi)
        if wasi_host is not None:
            wasi_host.emulator = emu
        try:                        # a fault (e.g. stack overflow) is about this input
            init = emu.call(result.compiled.layout.init_symbol, (), (), ())
            if init.trap is not None:
                lines.append(f"trap during init: {Trap(init.trap).message}")
                return RunOutcome("\n".join(lines), TRAP_STATUS)
            sym = result.compiled.layout.export_symbols(exp[0].index)[0]
            res = emu.call(sym, ft.params, values, ft.results)
        except WasiExit as done:
            if count:
                lines.append(f"instructions: {emu.instructions_executed}")
            return RunOutcome("\n".join(lines) if lines else None, exit_status(done.code))
        except EmulatorError as err:
            raise _with_path(err, path) from None
    if res.trap is not None:
        lines.append(f"trap: {Trap(res.trap).message}")
    else:
        lines.extend(format_value(v, t) for v, t in zip(res.values, ft.results))
    if count:
        lines.append(f"instructions: {emu.instructions_executed}")
    return RunOutcome(None if quiet and not lines else "\n".join(lines),
                      TRAP_STATUS if res.trap is not None else 0)

"""High-level entry points shared by the CLI, synth-cc and the tests."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from functools import cached_property

from .cnames import printable
from .compile import CompiledModule, compile_module
from .elf.writer import write_elf
from .errors import SynthError
from .header import generate_header
from .options import Options
from .report import build_report, dump_report
from .tiers import LADDER, Ladder
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
                 ladder: Ladder = LADDER) -> CompileResult:
    module = None
    try:
        module = load_bytes(data, path) if data is not None else load_module(path)
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
    lay = compiled.layout
    return [lay.func_symbol(i) for i in lay.external_function_imports()]


def build_executable(result: CompileResult, workdir: str, options: Options,
                     extra_objects: tuple[str, ...] = ()) -> str:
    """Link the object with the emulator harness; imports get stubs."""
    from .run.link import link_executable
    obj = os.path.join(workdir, "module.o")
    with open(obj, "wb") as f:
        f.write(result.elf)
    exe = os.path.join(workdir, "module.elf")
    fpu = options.hw_fpu
    link_executable([obj, *extra_objects], exe, cpu=options.cpu,
                    imports=import_symbols(result.compiled), float_abi=options.float_abi,
                    fpu=fpu.name if fpu else None)
    return exe


def run_export(path: str, options: Options, name: str, args: list[str],
               count: bool = False, data: bytes | None = None) -> tuple[str, bool]:
    """(what `synth run` prints, whether the init or the export trapped); `data`:
    the module's bytes when they do not come from `path` (stdin)."""
    from .run.emulator import Emulator
    from .run.values import EmulatorError, HostFunction, format_value, parse_value
    from .traps import Trap
    result = compile_file(path, options, data)
    m = result.compiled.module
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
    for i in result.compiled.layout.external_function_imports():
        imp = m.imports_of(ExternKind.FUNC)[i]
        it = m.types[imp.desc]

        def host(*a, _imp=imp, _t=it):
            shown = ", ".join(format_value(v, t) for v, t in zip(a, _t.params))
            lines.append(f"import {printable(_imp.module)}.{printable(_imp.name)}({shown})")
            return [0] * len(_t.results)
        hosts[result.compiled.layout.func_symbol(i)] = HostFunction(it.params, it.results, host)
    with tempfile.TemporaryDirectory(prefix="synth-run-") as tmp:
        try:
            exe = build_executable(result, tmp, options)
        except SynthError as err:
            raise _with_path(err, path)
        emu = Emulator(exe, hosts, cpu=options.cpu, count_instructions=count,
                       float_abi=options.float_abi)
        try:                        # a fault (e.g. stack overflow) is about this input
            init = emu.call(result.compiled.layout.init_symbol, (), (), ())
            if init.trap is not None:
                lines.append(f"trap during init: {Trap(init.trap).message}")
                return "\n".join(lines), True
            sym = result.compiled.layout.export_symbols(exp[0].index)[0]
            res = emu.call(sym, ft.params, values, ft.results)
        except EmulatorError as err:
            raise _with_path(err, path) from None
    if res.trap is not None:
        lines.append(f"trap: {Trap(res.trap).message}")
    else:
        lines.extend(format_value(v, t) for v, t in zip(res.values, ft.results))
    if count:
        lines.append(f"instructions: {emu.instructions_executed}")
    return "\n".join(lines), res.trap is not None

"""Command line: `synth compile`, `synth run`.

Every user error is one line `file:0xOFFSET: error: …` on stderr and exit
status 1; the outputs of a run are written as a group (outputs.py), so a
failed compile leaves none of them behind.  The console script enters
through entry.py (SIGINT and a closed stdout at any moment).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import replace

from . import __version__
from .errors import ICE_STATUS, SynthError, internal_error_line
from .guard import StdoutError
from . import options
from .options import Options
from .outputs import (STDIO, OutputError, check_distinct, default_report_path, names_a_file,
                      read_input, write_group)
from .stackbound import format_bound, read_budget, su_path, su_text
from .target import DEFAULT_TARGET, FPUS, TARGETS
from .tiers import LADDER, STEP_NAMES, TIER_NAMES, Ladder, Observer
from .wasm.validator import DEFAULT_WASM_VERSION, WASM_VERSIONS


def _import_rename(text: str) -> tuple[str, str]:
    try:
        return options.parse_import_rename(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _stack_budget(path: str) -> tuple[tuple[str, int], ...]:
    try:
        return read_budget(path)
    except OSError as err:
        raise argparse.ArgumentTypeError(f"cannot read '{path}': {err.strerror}") from None
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def parse_memory_size(text: str) -> tuple[int, int]:
    try:
        return options.parse_memory_size(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


# --dump values: ir (the final IR), ir:all (after lowering and every pass), asm (the
# code beside the IR behind each instruction) and
# ir:after=PASS (after the step of that name: tiers.STEP_NAMES)
_DUMPS = ("ir", "ir:all", "asm")
_AFTER = "ir:after="


def _dump_request(text: str) -> str:
    if text in _DUMPS:
        return text
    if not text.startswith(_AFTER):
        raise argparse.ArgumentTypeError(f"invalid dump '{text}' (choose from "
                                         f"{', '.join(_DUMPS)}, {_AFTER}PASS)")
    step = text[len(_AFTER):]
    if step not in STEP_NAMES:
        raise argparse.ArgumentTypeError(f"unknown pass '{step}' (choose from "
                                         f"{', '.join(STEP_NAMES)})")
    return text


def _ir_printer(dump: str | None) -> Observer | None:
    """The ladder's observer for `--dump ir:all` / `ir:after=PASS`: prints the IR
    after the chosen steps as each function is compiled (None for other dumps)."""
    if dump == "ir:all":
        steps = STEP_NAMES
    elif dump is not None and dump.startswith(_AFTER):
        steps = (dump[len(_AFTER):],)
    else:
        return None
    from .ir.printer import format_function

    def observe(tier, step, fn):
        if step in steps:
            print(f"; function {fn.name}, tier {tier}, after {step}")
            print(format_function(fn))
    return observe


class UsageError(Exception):
    """A bad command line; the message is the one line to print."""


class _Parser(argparse.ArgumentParser):
    """argparse with the README's error convention: one line, exit status 1 (gcc's
    status for a bad option), and help/version writes that report a failure."""

    def error(self, message):
        raise UsageError(f"{self.prog}: error: {message} (see '{self.prog} --help')")

    def _print_message(self, message, file=None):
        if message:                     # argparse would swallow an OSError here
            (file or sys.stderr).write(message)


def _compile_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", help=".wasm or .wat module (- reads standard input)")
    p.add_argument("--cpu", "-mcpu", default=DEFAULT_TARGET, choices=sorted(TARGETS),
                   help=f"target core (default {DEFAULT_TARGET})")
    p.add_argument("--float-abi", "-mfloat-abi", choices=("soft", "softfp", "hard"),
                   default="soft", help="as gcc: soft (no FPU, libgcc helpers), softfp "
                   "(FPU, floats passed in core registers) or hard (in s0-s15/d0-d7)")
    p.add_argument("--fpu", "-mfpu", choices=sorted(FPUS),
                   help="FPU for softfp/hard (default: the core's, as gcc's -mfpu=auto)")
    p.add_argument("--tier", choices=TIER_NAMES,
                   help="force one tier of the ladder instead of trying them in order")
    p.add_argument("--no-local-promote", action="store_true",
                   help="skip tiers that keep wasm locals in registers "
                        "(also: SYNTH_NO_LOCAL_PROMOTE=1)")
    p.add_argument("--bounds", choices=("checked", "none"), default="checked",
                   help="linear-memory bounds checks (default: checked, wasm semantics)")
    p.add_argument("--wasm", choices=tuple(WASM_VERSIONS), default=DEFAULT_WASM_VERSION,
                   help="the WebAssembly version modules are validated against (default "
                        f"{DEFAULT_WASM_VERSION}; 2.0 refuses what 3.0 added, as its test "
                        "suite expects)")
    p.add_argument("--opt-level", choices=tuple(options.OPT_LEVELS),
                   default=options.DEFAULT_OPT_LEVEL,
                   help="2: fast code (default; 0 and 1 are the same as 2); s, z: "
                        "smaller code (the same choices at both; README, Command line)")
    p.add_argument("--memory-size", type=parse_memory_size, metavar="[INDEX=]BYTES",
                   action="append", default=[],
                   help="bytes of RAM reserved for linear memory 0, or with INDEX= for "
                        "memory INDEX (repeat it for several: --memory-size 64K "
                        "--memory-size 1=4K; default: the memory's initial size, or its "
                        "declared maximum up to 1 MiB); memory.grow fails beyond it")
    p.add_argument("--table-size", type=int, metavar="ENTRIES",
                   help="entries reserved for each table that can grow (default: its "
                        "declared maximum up to 1024, else its initial size); table.grow "
                        "fails beyond it")
    p.add_argument("--prefix", default="", help="prefix for every global symbol the object defines")
    p.add_argument("--rename-import", action="append", type=_import_rename, default=[],
                   metavar="MODULE.FIELD=SYMBOL",
                   help="bind that import to SYMBOL instead of its field name (repeatable)")
    p.add_argument("--stack-check", action="store_true",
                   help="check sp against synth_stack_limit in every prologue (trap 9)")
    p.add_argument("-g", "--debug", action="store_true",
                   help="write DWARF: source lines (the module's own DWARF, else its text "
                        "or byte offsets), call frames, a subprogram per function")
    p.add_argument("--verify-alloc", action="store_true",
                   help="check every register allocation against liveness (for debugging)")
    p.add_argument("--stack-budget", type=_stack_budget, default=(), metavar="FILE",
                   help="stack bytes of functions outside the object (imports, libgcc), "
                        "for the stack bounds: gcc .su lines or 'NAME BYTES' lines")


class _PrintDir(argparse.Action):
    """--scons-dir / --cmake-dir / --wasi-shim: print where the installed
    integration lives."""

    def __init__(self, option_strings, dest, **kw):
        super().__init__(option_strings, dest, nargs=0, **kw)

    def __call__(self, parser, namespace, values, option_string=None):
        from . import buildsys, wasi
        paths = {"--scons-dir": buildsys.scons_dir, "--cmake-dir": buildsys.cmake_dir,
                 "--wasi-shim": lambda: str(wasi.SHIM_SOURCE)}
        print(paths[option_string]())
        parser.exit(0)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="synth", description="WebAssembly to Cortex-M compiler")
    p.add_argument("--version", action="version", version=f"synth {__version__}")
    p.add_argument("--scons-dir", action=_PrintDir, help="print the SCons tool directory "
                   "(for toolpath=) and exit")
    p.add_argument("--cmake-dir", action=_PrintDir, help="print the CMake package directory "
                   "(for -Dsynth_DIR=) and exit")
    p.add_argument("--wasi-shim", action=_PrintDir, help="print the path of the WASI shim's "
                   "C source (synth-cc links it itself) and exit")
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("compile", help="compile a module to an ELF relocatable object")
    _compile_args(c)
    c.add_argument("-o", "--output", help="object file (default: input with .o; "
                   "- writes it to standard output)")
    c.add_argument("--report", help="YAML report path (default: <output stem>.synth.yaml; "
                   "none with -o -)")
    c.add_argument("--no-report", action="store_true", help="do not write the report")
    c.add_argument("--report-html", metavar="FILE",
                   help="also write the report as a static HTML page: sortable function "
                        "table, worst stack path per export, each function's disassembly")
    c.add_argument("--header", help="also write a C header for the module")
    c.add_argument("--stack-usage", action="store_true",
                   help="also write gcc's stack-usage file beside the object (x.o -> x.su)")
    c.add_argument("--dump", type=_dump_request, metavar="ir|ir:all|ir:after=PASS|asm",
                   help="print to stdout every function's IR (the final IR, after every "
                        "step, or after the named pass), or its code beside the IR "
                        "instruction behind each instruction (asm)")
    r = sub.add_parser("run", help="compile, link and run an export on an emulated Cortex-M")
    _compile_args(r)
    r.add_argument("--invoke", nargs="+", metavar=("NAME", "ARG"),
                   help="export to call and its arguments (decimal, 0x hex, floats); "
                        "negative values as they are (-5, -inf) or after --; "
                        "default: _start, a WASI command's entry (its proc_exit "
                        "status is synth run's)")
    r.add_argument("--count", action="store_true", help="print executed instructions")
    s = sub.add_parser("stack", help="print the worst-case stack path of every export")
    _compile_args(s)
    w = sub.add_parser("wast", help="run WebAssembly script (.wast) files against compiled code")
    w.add_argument("files", nargs="+", metavar="FILE", help=".wast script files")
    _compile_flags(w)
    w.add_argument("-v", "--verbose", action="store_true",
                   help="also list every skipped command with its line and reason "
                        "(failures are always listed)")
    return p


def _compile_flags(p: argparse.ArgumentParser) -> None:
    """The compile options of `_compile_args` without the input (for `wast`)."""
    tmp = argparse.ArgumentParser(add_help=False)
    _compile_args(tmp)
    for action in tmp._actions:
        if action.dest in ("input", "prefix", "rename_import", "stack_budget"):
            continue
        kwargs = {"dest": action.dest, "default": action.default, "help": action.help}
        if action.nargs == 0:
            kwargs["action"] = "store_true"
        elif isinstance(action, argparse._AppendAction):
            kwargs.update(action="append", type=action.type, metavar=action.metavar)
        else:
            kwargs.update(type=action.type, choices=action.choices, metavar=action.metavar)
        p.add_argument(*action.option_strings, **kwargs)
    p.set_defaults(prefix="", rename_import=[], stack_budget=())


def options_from(args: argparse.Namespace) -> Options:
    no_promote = args.no_local_promote or os.environ.get("SYNTH_NO_LOCAL_PROMOTE") == "1"
    return Options(cpu=args.cpu, tier=args.tier, local_promote=not no_promote,
                   bounds=args.bounds, **options.memory_size_options(args.memory_size),
                   table_size=args.table_size, prefix=args.prefix, float_abi=args.float_abi,
                   fpu=args.fpu, stack_check=args.stack_check,
                   verify_allocation=args.verify_alloc,
                   import_symbols=tuple(args.rename_import),
                   stack_budget=args.stack_budget, opt_level=args.opt_level,
                   wasm=args.wasm, debug=args.debug)


def cmd_compile(args: argparse.Namespace, ladder: Ladder = LADDER) -> int:
    from .driver import compile_file
    opts = options_from(args)
    observe = _ir_printer(args.dump)
    if observe is not None:
        ladder = replace(ladder, observe=observe)
    for flag, name in (("-o", args.output), ("--report", args.report),
                       ("--report-html", args.report_html), ("--header", args.header)):
        if name == "":                  # not "unset": nothing could be written there
            raise OutputError(f"empty file name for {flag}")
    if args.input == STDIO and not args.output:
        raise OutputError("reading standard input needs -o FILE (or -o - for standard output)")
    out = args.output or os.path.splitext(args.input)[0] + ".o"
    named = [(out, "object")]
    if not args.no_report and (args.report or names_a_file(out)):
        named.append((args.report or default_report_path(out), "report"))
    if args.report_html:
        named.append((args.report_html, "HTML report"))
    if args.header:
        named.append((args.header, "header"))
    if args.stack_usage and names_a_file(out):
        named.append((su_path(out), "stack usage"))
    check_distinct([args.input], named)
    data = read_input(args.input)
    src = "<stdin>" if data is not None else args.input
    result = compile_file(src, opts, data, ladder)
    for w in result.compiled.warnings:
        print(f"{src}: warning: {w}", file=sys.stderr)
    if args.dump == "ir":
        from .ir.printer import format_function
        for r in result.compiled.functions:
            print(f"; tier {r.tier}")
            print(format_function(r.ir))
    if args.dump == "asm":
        _dump_asm(result.compiled)
    blobs = {"object": result.elf}
    if any(what == "report" for _, what in named):
        blobs["report"] = result.report_yaml.encode()
    if args.report_html:
        from .reporthtml import report_html
        blobs["HTML report"] = report_html(result.report, result.compiled.functions)
    if args.stack_usage:
        blobs["stack usage"] = su_text(result.compiled, src).encode()
    if args.header:
        name = os.path.basename(args.header if args.header != STDIO
                                else os.path.splitext(out if out != STDIO else "module")[0] + ".h")
        blobs["header"] = result.header(name).encode()
    write_group([(path, blobs[what]) for path, what in named])
    return 0


def _dump_asm(compiled) -> None:
    """--dump asm: each function's final code, each instruction with its IR origin."""
    from .asmdump import format_code
    for r in compiled.functions:
        print(format_code(r))


def cmd_stack(args: argparse.Namespace) -> int:
    """`synth stack`: the worst path of every export, printed from the report's
    stack_bounds, so the two cannot disagree."""
    from .driver import compile_file
    opts = options_from(args)
    data = read_input(args.input)
    result = compile_file("<stdin>" if data is not None else args.input, opts, data)
    for rec in result.report["stack_bounds"]:
        print(format_bound(rec))
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from .driver import run_export
    opts = options_from(args)
    data = read_input(args.input)
    invoke = args.invoke or [None]
    outcome = run_export("<stdin>" if data is not None else args.input, opts,
                         invoke[0], invoke[1:], count=args.count, data=data)
    if outcome.text is not None:
        print(outcome.text)
    return outcome.status


def cmd_wast(args: argparse.Namespace) -> int:
    from .wast import run_file
    opts = options_from(args)
    total = {"pass": 0, "fail": 0, "skip": 0}
    for path in args.files:
        rep = run_file(path, opts, memory_size_given=bool(args.memory_size))
        if rep.error is not None:       # unreadable: one error line, one failure
            sys.stdout.flush()
            print(rep.error.format(), file=sys.stderr, flush=True)
        else:
            line = f"{path}: {rep.passed} passed, {rep.failed} failed, {rep.skipped} skipped"
            print(line, flush=True)
        for o in rep.outcomes:          # failures always, skips with -v
            if o.status == "fail" or (o.status == "skip" and args.verbose):
                print(f"  {path}:{o.line}: {o.status.upper()} {o.command}: {o.reason}",
                      flush=True)
        total["pass"] += rep.passed
        total["fail"] += rep.failed
        total["skip"] += rep.skipped
    summary = f"{total['pass']} passed, {total['fail']} failed"
    if total["skip"]:
        summary += f", {total['skip']} skipped"
    print(summary)
    return 1 if total["fail"] else 0


# a value after `--invoke NAME` that argparse would take for an option: -0x10, -inf, -nan:0x1
_NEGATIVE_VALUE = re.compile(r"^-(\d|\.\d|inf|nan)", re.IGNORECASE)


def _split_invoke_values(argv: list[str]) -> tuple[list[str], list[str]]:
    """(argv for argparse, the `synth run --invoke` arguments taken out of it).

    argparse reads `-inf` or `-0x10` as an unknown option and refuses `--`
    after an option's values, so the values following `--invoke NAME` (up to
    the next option) and everything after `--` are collected here instead.
    """
    command = next((k for k, a in enumerate(argv) if not a.startswith("-")), None)
    if command is None or argv[command] != "run":   # top-level options take no values
        return argv, []
    cut = command + 1
    head, tail, rest = argv[:cut], argv[cut:], []
    if "--" in tail:
        k = tail.index("--")
        tail, rest = tail[:k], tail[k + 1:]
    out, values, k = [], [], 0
    while k < len(tail):
        tok = tail[k]
        out.append(tok)
        k += 1
        if tok == "--invoke" and k < len(tail):
            out.append(tail[k])                     # the export name
            k += 1
        if tok == "--invoke" or tok.startswith("--invoke="):
            while k < len(tail) and (not tail[k].startswith("-")
                                     or _NEGATIVE_VALUE.match(tail[k])):
                values.append(tail[k])
                k += 1
    return head + out, values + rest


def _parsers(p: argparse.ArgumentParser) -> dict:
    """{command or None: its parser} for `p` and its subcommands."""
    found = {None: p}
    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.update(action.choices)
    return found


def _reject_unknown(parser: argparse.ArgumentParser, argv: list[str]) -> None:
    """Name an unknown option before anything missing, as gcc does: a first parse
    with nothing required (argparse checks what is required first)."""
    actions = [a for p in _parsers(parser).values() for a in p._actions if a.required]
    for a in actions:
        a.required = False
    try:
        ns, extras = parser.parse_known_args(argv)
    finally:
        for a in actions:
            a.required = True
    if extras:
        _parsers(parser)[getattr(ns, "command", None)].error(
            f"unrecognized arguments: {' '.join(extras)}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """build_parser().parse_args, with `synth run --invoke f -- -5` and `--invoke f -inf`;
    a bad command line raises UsageError."""
    argv = list(sys.argv[1:] if argv is None else argv)
    argv, values = _split_invoke_values(argv)
    parser = build_parser()
    _reject_unknown(parser, argv)
    args = parser.parse_args(argv)
    if args.command == "run" and (args.invoke or values):
        args.invoke = (args.invoke or []) + values
    return args


def main(argv: list[str] | None = None, ladder: Ladder = LADDER) -> int:
    """`ladder`: how `synth compile` compiles functions (tests give a broken one)."""
    try:
        args = parse_args(argv)
    except UsageError as err:
        print(err, file=sys.stderr)
        return 1
    try:
        if args.command == "compile":
            return cmd_compile(args, ladder)
        if args.command == "wast":
            return cmd_wast(args)
        if args.command == "stack":
            return cmd_stack(args)
        return cmd_run(args)
    except SynthError as err:
        print(err.format(), file=sys.stderr)
        return 1
    except OutputError as err:
        print(f"synth: error: {err.message}", file=sys.stderr)
        return 1
    except (BrokenPipeError, StdoutError):  # a closed or full stdout: guard.py says so
        raise
    except OSError as err:
        where = f": {err.filename}" if err.filename is not None else ""
        print(f"synth: error: {err.strerror or err}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as err:            # a compiler defect: one line, gcc's status
        print(internal_error_line("synth", err), file=sys.stderr)
        return ICE_STATUS


if __name__ == "__main__":
    from .guard import run_guarded
    run_guarded(lambda: main, "synth")

"""`synth-cc`: a gcc-compatible driver around synth and arm-none-eabi-gcc.

`.wasm`/`.wat` inputs are compiled by synth in-process; every other input
(`.c`, `.cpp`, `.s`, `.S`, `.o`, `.a`, `-l…`), linking and the queries
(`-print-*`, `-dump*`, `--help`) go to the wrapped gcc unchanged, and its
exit status is ours.  The gcc is `--synth-gcc=PATH`, else `$SYNTH_CC_GCC`,
else `arm-none-eabi-gcc`.

Modes (`Mode`): `-E` preprocess-only, `-S` assembly listing, `-c` compile,
otherwise link; `--version`, `-print-*`, `-dump*`, `--help` and a bare `-v`
are queries.  In link mode every WebAssembly input is compiled to a
temporary object, then gcc runs with the original command line in the
original order, each WebAssembly input replaced by its object.

Choices where gcc has no analogue (documented here, tested in
tests/test_synth_cc.py):

* Options are checked as gcc checks them, before anything is compiled: a
  word in synth's namespace (`-msynth-*`, `-fsynth-*`, `-fno-synth-*`,
  `--synth-*`) that is not one of synth's options is "unrecognized" with a
  "did you mean" hint; every other option synth does not know is judged by
  the wrapped gcc, also when only wasm inputs are given (judge.py).
* `-w` silences synth's compile warnings and `-Werror` makes them errors
  (`[-Werror]`, no outputs, status 1), as cc1 does for C.  synth-cc's own
  notes about options are driver diagnostics, which neither affects (as
  gcc's "linker input file unused").
* Options that would change a wasm object but cannot yet (flags.NO_EFFECT_YET:
  `-O0`, `-Og`) are each named once per run in a warning; `-g*` other than
  `-g0` is synth's `-g` (debuginfo/), except for `-S`.  `-Os`/`-Oz` are synth's `--opt-level s`/`z` (smaller
  code), every other level is `--opt-level 2`; each runs the full tier
  ladder, which picks the best tier that succeeds; `-msynth-tier=baseline`
  forces the simplest code.  `-fdiagnostics-color=` is accepted silently: synth does not colour.
* `-mcpu=` must name a synth target (cortex-m0/m0plus/m1/m23/m3/m4/m7/m33/m55/m85) when WebAssembly
  inputs are present; default cortex-m4 (gcc's own default, arm7tdmi, is no
  Cortex-M).  `-marm` is refused for WebAssembly input, like gcc refuses it
  for M-profile cores.  `-mfloat-abi=soft|softfp|hard` and `-mfpu=` act as
  in gcc: the FPU defaults to the core's (`-mfpu=auto`), is ignored with
  soft float, and a core without FPU refuses softfp/hard.
* synth's own options: `-msynth-tier=NAME`, `-msynth-bounds=checked|none`,
  `-msynth-memory-size=[I=]N[K|M]`, `-msynth-table-size=N`, `-msynth-prefix=P`,
  `-msynth-stack-check`, `-msynth-stack-budget=FILE` (stack bytes of callees
  outside the object, for the report's stack bounds), `-msynth-verify-alloc`,
  `-f[no-]synth-local-promote`,
  `-fsynth-cache-dir=DIR` (a result cache, cache.py: ccache refuses wasm).  An explicit
  `-fsynth-local-promote`/`-fno-…` wins over `SYNTH_NO_LOCAL_PROMOTE=1`,
  which otherwise disables promotion as in `synth compile`.  They are never
  passed to gcc.
* Outputs next to each object `x.o`: `x.synth.yaml` (the report), with
  `-fsave-optimization-record` also `x.opt.yaml` (LLVM remarks, see
  remarks.py), with `-fstack-usage` `x.su` (gcc's format, stackbound.py),
  with `-fsynth-report-html` `x.synth.html` (the report as a page,
  reporthtml.py), with `-MD`/`-MMD` `x.d` (gcc's names, `-MF`/`-MT`/`-MQ`/`-MP`
  honoured; the only dependency is the module itself).  In link mode the
  object is temporary and these files get gcc's auxiliary-file names,
  `<output stem>-<input stem>.*` (e.g. `fw-ctrl.synth.yaml`); `-MD` is
  left to gcc there and no `.d` is written for WebAssembly inputs.
* `-S` writes a GNU-as listing (listing.py: `.section`, `.global`, `.type`,
  `.thumb_func`, labels, mnemonics from capstone, `bl sym`,
  `movw rN, #:lower16:sym`, `.word sym`).  Each section is assembled back
  with the wrapped gcc and compared byte for byte (outside relocated
  fields); a section that does not reproduce is written as `.inst.n`/
  `.inst.w` words with `.reloc` directives and the disassembly in comments.
* `-x cpp-output` ("already preprocessed") leaves `.wasm`/`.wat` inputs
  WebAssembly, so ccache, which caches only languages it knows, can sit in
  front: `ccache synth-cc -x cpp-output -c m.wasm` hashes the module itself.
  Any other `-x` language makes them inputs for gcc, as in gcc.
* `-E` on a WebAssembly input: warned about and unused (as gcc does for
  object files).  `-M`/`-MM` print its make rule (the module is its only
  dependency) where gcc prints a C file's: stdout, the `-o` file, or with
  `-MD`/`-MF` the dependency file; nothing is compiled.
* `--help` prints synth's options (from flags.OPTION_TABLE) before gcc's help.
* `-v` prints our version and, for each WebAssembly input, the equivalent
  `synth compile` command; `-###` prints the same without running it, gcc
  quoting.  Both are also given to gcc.

* A module that imports `wasi_snapshot_preview1` gets the WASI shim
  (wasi/shim.c) compiled for its prefix and target options and joined to its
  object with `ld -r`, in `-c` and link mode alike, so any link of the object
  has it (`-v` shows the two commands); the `-S` listing is the module alone.

* `-o -` with `-c`/`-S` writes the object or listing to standard output;
  files that would be named after the output (report, remarks, `.d`) are
  then not written, only a dependency file named by `-MF`.

The outputs of one WebAssembly input are written as a group (outputs.py):
all appear or none does, with the umask's mode; an output that is the same
file as the input, or as another output, is refused before compiling, with
gcc's "input file 'X' is the same as output file".
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace

from .. import __version__
from ..errors import ICE_STATUS, SynthError, internal_error_line
from ..guard import StdoutError
from ..listing import DEFAULT_GCC, make_listing
from ..options import DEFAULT_OPT_LEVEL, Options, memory_size_options
from ..reporthtml import html_path, report_html
from ..stackbound import read_budget, su_path, su_text
from ..outputs import (STDIO, OutputError, check_distinct, default_report_path, names_a_file,
                       write_group)
from ..target import DEFAULT_TARGET, FPUS, TARGETS
from .flags import (CcError, Flags, Mode, ParseErrors, help_text, make_quote, object_name,
                    parse)
from .judge import gcc_verdict

PROG = "synth-cc"

__all__ = ["Mode", "main", "run"]


class _Exit(Exception):
    def __init__(self, code: int):
        self.code = code


class _WarningsAsErrors(Exception):
    """-Werror and a wasm input warned: reported, no outputs, status 1."""


# ---------------------------------------------------------------------------
# diagnostics

def _diag(kind: str, message: str) -> None:
    print(f"{PROG}: {kind}: {message}", file=sys.stderr)


def _report_error(err: CcError) -> None:
    _diag("fatal error" if err.fatal else "error", err.message)
    for note in err.notes:
        _diag("note", note)
    if err.fatal:
        print("compilation terminated.", file=sys.stderr)


def gcc_quote(arg: str) -> str:
    """An argument as gcc's `-###` prints it."""
    if arg and all(c.isalnum() or c in "_/-." for c in arg):
        return arg
    return '"' + "".join("\\" + c if c in '"\\$' else c for c in arg) + '"'


def _print_command(cmd: list[str]) -> None:
    print("".join(" " + gcc_quote(a) for a in cmd), file=sys.stderr)


# ---------------------------------------------------------------------------
# phase: options

def gcc_path(fl: Flags) -> str:
    return fl.gcc or os.environ.get("SYNTH_CC_GCC") or DEFAULT_GCC


def synth_options(fl: Flags) -> Options:
    """The synth `Options` for the WebAssembly inputs (errors as gcc words them)."""
    cpu = fl.cpu or DEFAULT_TARGET
    if cpu not in TARGETS:
        raise CcError(f"unrecognized -mcpu target: {cpu}",
                      notes=("valid arguments for WebAssembly input are: "
                             + " ".join(TARGETS),))
    if fl.arm_mode:
        raise CcError("target CPU does not support ARM mode")
    float_abi = fl.float_abi or "soft"
    fpu = None if fl.fpu in (None, "auto") else fl.fpu
    if float_abi != "soft":
        if TARGETS[cpu].fpu is None:
            raise CcError(f"'-mfloat-abi={float_abi}': selected architecture lacks an FPU")
        if fpu is not None and fpu not in FPUS:
            raise CcError(f"-mfpu={fpu} is not supported for WebAssembly input",
                          notes=("supported: auto " + " ".join(sorted(FPUS)),))
    budget: tuple[tuple[str, int], ...] = ()
    if fl.stack_budget is not None:
        try:
            budget = read_budget(fl.stack_budget)
        except OSError as err:
            raise CcError(f"{fl.stack_budget}: {err.strerror}", fatal=True) from None
        except ValueError as err:
            raise CcError(f"{err} in option '-msynth-stack-budget='") from None
    promote = fl.local_promote
    if promote is None:
        promote = os.environ.get("SYNTH_NO_LOCAL_PROMOTE") != "1"
    return Options(cpu=cpu, tier=fl.tier, local_promote=promote, bounds=fl.bounds,
                   **memory_size_options(fl.memory_sizes), table_size=fl.table_size, prefix=fl.prefix, float_abi=float_abi,
                   fpu=fpu if float_abi != "soft" else None,
                   stack_check=fl.stack_check, verify_allocation=fl.verify_alloc,
                   import_symbols=tuple(fl.import_symbols), stack_budget=budget,
                   opt_level=fl.synth_opt_level, debug=fl.debug_option is not None)


def synth_command(src: str, out: str, opts: Options, listing: bool = False) -> list[str]:
    """The `synth compile` command equivalent to what we do in-process (for -v/-###)."""
    cmd = ["synth", "compile", src, "-o", out, f"--cpu={opts.cpu}"]
    if opts.tier:
        cmd.append(f"--tier={opts.tier}")
    if not opts.local_promote:
        cmd.append("--no-local-promote")
    if opts.bounds != "checked":
        cmd.append(f"--bounds={opts.bounds}")
    if opts.opt_level != DEFAULT_OPT_LEVEL:
        cmd.append(f"--opt-level={opts.opt_level}")
    if opts.memory_size is not None:
        cmd.append(f"--memory-size={opts.memory_size}")
    cmd += [f"--memory-size={k}={size}" for k, size in opts.memory_sizes]
    if opts.table_size is not None:
        cmd.append(f"--table-size={opts.table_size}")
    if opts.prefix:
        cmd.append(f"--prefix={opts.prefix}")
    cmd += [f"--rename-import={key}={sym}" for key, sym in opts.import_symbols]
    if opts.float_abi != "soft":
        cmd.append(f"--float-abi={opts.float_abi}")
        if opts.fpu:
            cmd.append(f"--fpu={opts.fpu}")
    if opts.stack_check:
        cmd.append("--stack-check")
    if opts.verify_allocation:
        cmd.append("--verify-alloc")
    if opts.debug and not listing:
        cmd.append("-g")
    if listing:     # -S: the object stays in memory and is written out as a listing
        cmd[cmd.index("-o") + 1] = os.path.splitext(out)[0] + ".o"
    return cmd


# ---------------------------------------------------------------------------
# phase: compile one WebAssembly input

def dependency_text(targets: list[str], deps: list[str], phony: bool) -> str:
    """A make rule as libcpp writes it (72-column wrapping, -MP phony targets)."""
    colmax = 72
    out: list[str] = []
    col = 0

    def put(name: str, col: int) -> int:
        if col:
            if col + len(name) > colmax:
                out.append(" \\\n")
                col = 0
            col += 1
            out.append(" ")
        out.append(name)
        return col + len(name)

    for t in targets:
        col = put(t, col)
    out.append(":")
    col += 1
    for d in deps:
        col = put(make_quote(d), col)
    out.append("\n")
    if phony:
        for d in deps[1:]:
            out.append(f"{make_quote(d)}:\n")
    return "".join(out)


def _dep_outputs(fl: Flags, src: str, out: str, explicit_output: bool) -> list[tuple[str, bytes]]:
    if not fl.deps or (out == STDIO and not fl.dep_file):
        return []
    if fl.dep_file:
        path = fl.dep_file
    elif explicit_output:
        path = os.path.splitext(out)[0] + ".d"
    else:
        path = object_name(src, ".d")
    targets = fl.dep_targets or [make_quote(out)]
    return [(path, dependency_text(targets, [src], fl.dep_phony).encode())]


def compile_wasm(fl: Flags, src: str, out: str, opts: Options, *, listing: bool,
                 aux_base: str | None = None, explicit_output: bool = False,
                 gcc: str = DEFAULT_GCC) -> None:
    """Compile `src`; write the object (or listing), report, remarks, dependencies.

    Everything is computed first and then written as one group, so an error
    leaves no output at all."""
    from ..driver import compile_file
    from ..wasi import shim as wasi_shim
    from . import cache
    from .remarks import build_remarks
    if listing:     # a listing carries no debug information (docs/abi.md, "Debug information")
        opts = replace(opts, debug=False)
    base = aux_base if aux_base is not None else os.path.splitext(out)[0]
    named = [(out, "listing" if listing else "object")]
    if names_a_file(out) or aux_base is not None:
        named.append((default_report_path(base + ".o"), "report"))
        if fl.save_opt_record:
            named.append((base + ".opt.yaml", "optimization record"))
        if fl.stack_usage:
            named.append((su_path(base + ".o"), "stack usage"))
        if fl.report_html:
            named.append((html_path(base + ".o"), "HTML report"))
    deps = _dep_outputs(fl, src, out, explicit_output) if aux_base is None else []
    named += [(path, "dependency file") for path, _ in deps]
    _check_outputs([src], named)
    hit = k = corrupt = source = None
    if fl.cache_dir and not (fl.save_opt_record or fl.stack_usage or fl.report_html):
        try:
            from ..wasm.loader import read_capped
            with open(src, "rb") as f:
                source = read_capped(f, src)    # compiled as hashed, even if src changes
            k = cache.key(source, opts, listing,
                          (src, os.getcwd()) if opts.debug else ())
        except (OSError, SynthError):
            k = None                        # compile_file reports the error
        if k is not None:
            try:
                hit = cache.lookup(fl.cache_dir, k, src)
            except cache.CorruptEntry as bad:     # a miss, repaired below
                corrupt = bad
    if hit is not None:
        data, report = hit
        if fl.verbose:
            _diag("note", f"{src}: result from the cache {fl.cache_dir}")
    else:
        result = compile_file(src, opts, data=source)
        _compile_warnings(fl, src, result.compiled.warnings)
        data = make_listing(result.compiled.obj, opts, gcc).encode() if listing else result.elf
        report = result.report_yaml.encode()
        if k is not None and not result.compiled.warnings:
            failed = cache.store(fl.cache_dir, k, data, result.report_yaml)
            if failed and fl.verbose:
                _diag("note", f"cannot write to the cache {fl.cache_dir} ({failed}); "
                      "compiled without caching")
        elif corrupt is not None:
            cache.discard(corrupt.path)
        if corrupt is not None and fl.verbose:
            _diag("note", f"cache entry {corrupt.path} is corrupt ({corrupt.reason}); recompiled")
    if not listing and wasi_shim.imports_wasi(data, opts.prefix):
        data = wasi_shim.with_shim(data, gcc, wasi_shim.arch_flags(opts), opts.prefix,
                                   echo=_print_command if fl.verbose else None)
    blobs = {"listing": data, "object": data, "report": report}
    if fl.save_opt_record:
        blobs["optimization record"] = build_remarks(result.compiled).encode()
    if fl.stack_usage:
        blobs["stack usage"] = su_text(result.compiled, src).encode()
    if fl.report_html:
        blobs["HTML report"] = report_html(result.report, result.compiled.functions)
    blobs.update({"dependency file": blob for _, blob in deps})
    try:
        write_group([(path, blobs[what]) for path, what in named])
    except OutputError as err:
        raise CcError(err.message, fatal=True) from None


def _check_outputs(inputs: list[str], named: list[tuple[str, str]]) -> None:
    try:
        check_distinct(inputs, named)
    except OutputError as err:
        raise CcError(err.message, fatal=True) from None


def _compile_warnings(fl: Flags, src: str, warnings: list[str]) -> None:
    """synth's warnings for one input, as cc1's: silenced by -w, errors under -Werror."""
    if fl.no_warnings or not warnings:
        return
    for w in warnings:
        if fl.werror:
            print(f"{src}: error: {w} [-Werror]", file=sys.stderr)
        else:
            print(f"{src}: warning: {w}", file=sys.stderr)
    if fl.werror:
        print(f"{PROG}: all warnings being treated as errors", file=sys.stderr)
        raise _WarningsAsErrors()


def _check_options(fl: Flags) -> None:
    """Before any wasm input is compiled: gcc judges the options synth does not
    know (judge.py), then each option without effect on wasm yet is named once."""
    if not fl.synth_inputs:
        return
    verdict = gcc_verdict(fl, gcc_path(fl), PROG)
    if verdict is not None:
        sys.stderr.write(verdict)
        raise _Exit(1)
    if fl.mode in (Mode.COMPILE, Mode.ASSEMBLE_LISTING, Mode.LINK) and not fl.dry_run:
        for option, why in fl.no_effect:
            _diag("warning", f"'{option}' has no effect on WebAssembly inputs yet ({why})")


# ---------------------------------------------------------------------------
# phase: dependency rules only (-M, -MM)

def _md_file(fl: Flags, src: str, output: str | None) -> str:
    """gcc's name for the -MD file under -M: the output's stem, else the input's
    (-c/-S/-E), else an auxiliary name of a.out's ("a-<stem>.d"; "a.d" for a.c alone)."""
    if output is not None:
        return os.path.splitext(output)[0] + ".d"
    if fl.mode_flags & {"c", "S", "E"}:
        return object_name(src, ".d")
    stem = os.path.splitext(os.path.basename(src))[0]
    return ("a" if stem == "a" and len(fl.inputs) == 1 else f"a-{stem}") + ".d"


def do_dependencies(fl: Flags) -> int:
    """-M/-MM: the make rule of each wasm input, written where gcc writes it for
    a C file (stdout, the -o file, or with -MD/-MF the dependency file, the -o
    file then empty as gcc leaves it); nothing is compiled."""
    files: dict[str, str] = {}
    stdout: list[str] = []
    status = 0
    for src in fl.synth_inputs:
        try:
            with open(src, "rb"):
                pass
        except OSError as err:
            print(f"{src}: error: cannot read input file: {err.strerror}", file=sys.stderr)
            status = 1
            continue
        targets = fl.dep_targets or [make_quote(object_name(src))]
        rule = dependency_text(targets, [src], fl.dep_phony)
        output = fl.output if fl.output != "-" else None
        dep_file = fl.dep_file
        if dep_file is None and fl.deps:
            dep_file = _md_file(fl, src, output)
        if dep_file is not None:
            if output is not None:
                files[output] = ""          # the preprocessed output -M suppresses
            if dep_file == "-":
                stdout.append(rule)
            else:
                files[dep_file] = rule
        elif output is not None:
            files[output] = rule            # as gcc: the last input's rule stays
        else:
            stdout.append(rule)
    if status:
        return status
    sys.stdout.write("".join(stdout))
    sys.stdout.flush()
    try:
        write_group([(path, text.encode()) for path, text in files.items()])
    except OutputError as err:
        _diag("error", err.message)
        return 1
    if any(not a.synth_input for a in fl.inputs):
        return run_gcc(fl, gcc_args(fl, drop_synth_inputs=True))
    return 0


# ---------------------------------------------------------------------------
# phase: gcc

def gcc_args(fl: Flags, replace_inputs: dict[int, str] | None = None,
             drop_synth_inputs: bool = False) -> list[str]:
    """The command line for gcc in the original order, synth-only flags removed."""
    out: list[str] = []
    for i, a in enumerate(fl.args):
        if a.kind == "synth":
            continue
        if a.synth_input:
            if drop_synth_inputs:
                continue
            if replace_inputs is not None and i in replace_inputs:
                if a.language in (None, "none"):
                    out.append(replace_inputs[i])
                else:       # the object must not be read as `-x cpp-output`
                    out.extend(["-x", "none", replace_inputs[i], "-x", a.language])
                continue
        out.extend(a.words)
    return out


def run_gcc(fl: Flags, args: list[str]) -> int:
    gcc = gcc_path(fl)
    try:
        rc = subprocess.run([gcc, *args]).returncode
        return rc if rc >= 0 else 128 - rc     # killed by a signal (SIGPIPE): as a shell says
    except OSError as err:
        raise CcError(f"cannot execute '{gcc}': execvp: {err.strerror}", fatal=True)


# ---------------------------------------------------------------------------
# the modes

def do_query(fl: Flags) -> int:
    gcc = gcc_path(fl)
    if fl.help:
        sys.stdout.write(help_text(PROG, os.path.basename(gcc)))
        sys.stdout.flush()
    if fl.version:
        try:
            p = subprocess.run([gcc, "--version"], capture_output=True, text=True)
            line = p.stdout.splitlines()[0] if p.returncode == 0 and p.stdout else None
        except OSError:
            line = None
        # one write once everything is known, as gcc does: `| head -1` then reads a
        # whole answer and the pipe closes on a finished writer, with status 0
        sys.stdout.write(f"{PROG} (synth) {__version__}\n"
                         + (f"wrapping: {line}\n" if line else f"wrapping: {gcc} (not found)\n"))
        return 0
    if fl.verbose:
        print(f"{PROG} (synth) {__version__}", file=sys.stderr)
    return run_gcc(fl, gcc_args(fl))


def do_compile(fl: Flags, listing: bool) -> int:
    inputs = fl.inputs
    synth = [(i, a.words[0]) for i, a in enumerate(fl.args) if a.synth_input]
    others = [a for a in inputs if not a.synth_input]
    status = 0
    if synth:
        opts = synth_options(fl)
        gcc = gcc_path(fl)
        for _, src in synth:
            out = fl.output or object_name(src, ".s" if listing else ".o")
            cmd = synth_command(src, out, opts, listing)
            cmd += ["--stack-usage"] if fl.stack_usage and not listing else []
            cmd += ([f"--report-html={html_path(os.path.splitext(out)[0] + '.o')}"]
                    if fl.report_html and names_a_file(out) else [])
            cmd += [f"--stack-budget={fl.stack_budget}"] if fl.stack_budget else []
            if fl.verbose or fl.dry_run:
                _print_command(cmd)
            if fl.dry_run:
                continue
            try:
                compile_wasm(fl, src, out, opts, listing=listing,
                             explicit_output=fl.output is not None, gcc=gcc)
            except SynthError as err:
                print(err.format(), file=sys.stderr)
                status = 1
            except _WarningsAsErrors:
                status = 1
            except (BrokenPipeError, StdoutError):  # `-o -` failed: guard.py says so
                raise
            except OSError as err:
                where = f"{err.filename}: " if err.filename is not None else ""
                _diag("error", f"{where}{err.strerror or err}")
                status = 1
    if others:
        rc = run_gcc(fl, gcc_args(fl, drop_synth_inputs=True))
        status = status or rc
    return status


def do_preprocess(fl: Flags) -> int:
    for src in fl.synth_inputs:
        _diag("warning", f"{src}: WebAssembly input file unused because preprocessing only")
    if any(not a.synth_input for a in fl.inputs):
        return run_gcc(fl, gcc_args(fl, drop_synth_inputs=True))
    return 0


def do_link(fl: Flags) -> int:
    synth = [(i, a.words[0]) for i, a in enumerate(fl.args) if a.synth_input]
    opts = synth_options(fl) if synth else None
    _check_outputs([src for _, src in synth], [(fl.output or "a.out", "output")])
    out_stem = os.path.splitext(fl.output or "a.out")[0]
    tmp = tempfile.mkdtemp(prefix="synth-cc-")
    try:
        objects: dict[int, str] = {}
        failed = False
        for n, (i, src) in enumerate(synth):
            stem = os.path.splitext(os.path.basename(src))[0]
            obj = os.path.join(tmp, f"{n}-{stem}.o")
            objects[i] = obj
            if fl.verbose or fl.dry_run:
                _print_command(synth_command(src, obj, opts))
            if fl.dry_run:
                continue
            try:
                compile_wasm(fl, src, obj, opts, listing=False, aux_base=f"{out_stem}-{stem}")
            except SynthError as err:
                print(err.format(), file=sys.stderr)
                failed = True
            except _WarningsAsErrors:
                failed = True
        if failed:
            return 1
        return run_gcc(fl, gcc_args(fl, replace_inputs=objects))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(argv: list[str]) -> int:
    try:
        fl = parse(argv)
    except ParseErrors as errs:
        for e in errs.errors:
            _report_error(e)
        if not errs.flags.inputs and errs.flags.mode != Mode.QUERY:
            _report_error(CcError("no input files", fatal=True))    # gcc goes on to say so
        return 1
    except CcError as err:
        _report_error(err)
        return 1
    mode = fl.mode
    try:
        if mode == Mode.QUERY:
            return do_query(fl)
        if fl.verbose:
            print(f"{PROG} (synth) {__version__}", file=sys.stderr)
        if not fl.inputs:           # gcc would first reject the options it does not know
            sys.stderr.write(gcc_verdict(fl, gcc_path(fl), PROG) or "")
            raise CcError("no input files", fatal=True)
        if fl.output is not None and len(fl.inputs) > 1 and mode in (
                Mode.COMPILE, Mode.ASSEMBLE_LISTING, Mode.PREPROCESS):
            raise CcError("cannot specify '-o' with '-c', '-S' or '-E' with multiple files",
                          fatal=True)
        if fl.synth_inputs and mode in (Mode.COMPILE, Mode.ASSEMBLE_LISTING, Mode.LINK):
            synth_options(fl)           # synth judges its targets before gcc judges the rest
        _check_options(fl)
        if mode == Mode.DEPEND:
            return do_dependencies(fl)
        if mode == Mode.PREPROCESS:
            return do_preprocess(fl)
        if mode in (Mode.COMPILE, Mode.ASSEMBLE_LISTING):
            return do_compile(fl, mode == Mode.ASSEMBLE_LISTING)
        return do_link(fl)
    except CcError as err:
        _report_error(err)
        return 1
    except _Exit as done:
        return done.code


def main(argv: list[str] | None = None) -> int:
    try:
        code = run(sys.argv[1:] if argv is None else argv)
    except KeyboardInterrupt:
        code = 130
    except (BrokenPipeError, StdoutError):  # a closed or full stdout: guard.py says so
        raise
    except Exception as err:            # a compiler defect: one line, gcc's status
        print(internal_error_line("synth-cc", err), file=sys.stderr)
        code = ICE_STATUS
    if argv is None:
        sys.exit(code)
    return code


if __name__ == "__main__":
    from ..guard import run_guarded
    run_guarded(lambda: lambda: main(sys.argv[1:]), "synth-cc")

"""Codegen filetests: an input, a header saying what to print for which configurations,
and the expected output at the end of the same file, rewritten in place by --bless.

The shape of Cranelift's `precise-output` and WABT's text tests: a change to code generation
shows up as a readable diff, and re-blessing it is a reviewable edit (tests/filetests/README.md).
A `.wat` file prints the object's code (`asm`) or the IR after a step (`ir:after=STEP`); an
`.ir` file is IR text that named passes run over (`run PASS...`), so a test can start after
lowering, as QBE's `.ssa` and Cranelift's `.clif` tests do.
"""

from __future__ import annotations

import argparse
import fcntl
import re
import shlex
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from synth_toolchain.cli import UsageError, options_from, parse_args
from synth_toolchain.driver import compile_file
from synth_toolchain.errors import IRParseError
from synth_toolchain.ir.parser import parse_functions
from synth_toolchain.ir.pipeline import Pass, PassContext
from synth_toolchain.ir.printer import format_function
from synth_toolchain.listing import data_lines, label, text_lines
from synth_toolchain.options import Options
from synth_toolchain.tiers import LADDER, PASSES

# input kinds (by suffix): the comment leader the header and the expected blocks live behind
COMMENT = {".wat": ";;", ".ir": ";"}
AFTER = "ir:after="                     # the `ir` output of a .wat test, as `--dump` spells it


class FiletestError(Exception):
    """A malformed filetest: the message names the file and what is wrong."""


@dataclass(frozen=True)
class Config:
    spec: str           # as written after `test:`, e.g. "asm --tier=opt --float-abi=hard"
    output: str         # what to print (a key of OUTPUTS)
    options: Options | None = None      # .wat: the `synth compile` flags
    step: str | None = None             # ir:after=STEP: the step whose IR is printed
    passes: tuple[Pass, ...] = ()       # .ir `run`: the passes, in order
    context: PassContext | None = None  # .ir `run`: what the passes are told


@dataclass(frozen=True)
class Filetest:
    path: Path
    source: str                 # everything above the expected blocks
    input: Path                 # what to compile: the file itself or its `input:` line
    configs: tuple[Config, ...]
    expected: dict[str, str]    # spec -> expected output


def _config(path: Path, spec: str) -> Config:
    output, *flags = shlex.split(spec)
    kind = "ir" if output.startswith(AFTER) else output
    if kind not in OUTPUTS or path.suffix not in OUTPUTS[kind].inputs:
        choices = [k if k != "ir" else AFTER + "STEP" for k, o in OUTPUTS.items()
                   if path.suffix in o.inputs]
        raise FiletestError(f"{path}: unknown output '{output}' in `test: {spec}` "
                            f"(a {path.suffix} file takes {', '.join(choices)})")
    try:
        return OUTPUTS[kind].config(path, spec, output, flags)
    except (UsageError, FiletestError) as err:
        raise FiletestError(f"{path}: `test: {spec}`: {err}") from None


def _compile_config(path: Path, spec: str, output: str, flags: list[str]) -> Config:
    """asm / ir:after=STEP: `synth compile` flags (and its --dump's check of the step)."""
    dump = ["--dump", output] if output.startswith(AFTER) else []
    args = parse_args(["compile", str(path), *dump, *flags])
    step = args.dump[len(AFTER):] if dump else None
    return Config(spec, "ir" if step else output, options_from(args), step=step)


def integer(text: str) -> int:
    return int(text, 0)


class _HeaderParser(argparse.ArgumentParser):
    def error(self, message):
        raise FiletestError(message)


_RUN = _HeaderParser(prog="run", add_help=False)
_RUN.add_argument("passes", nargs="+", choices=list(PASSES), metavar="PASS")
for _field, _help in (("max_opt_work", "liveness budget"),
                      ("static_memory_bound", "ModuleLayout.static_memory_bound"),
                      ("memory_min_bytes", "bytes linear memory always has")):
    _RUN.add_argument("--" + _field.replace("_", "-"), type=integer, help=_help)
_RUN.add_argument("--dsp", action="store_true", default=None, help="a core with DSP multiplies")


def _run_config(path: Path, spec: str, output: str, flags: list[str]) -> Config:
    """run PASS... [--max-opt-work=N] [--static-memory-bound=N] [--memory-min-bytes=N] [--dsp]:
    the passes to run over the file's IR, and the PassContext fields they see."""
    args = _RUN.parse_args(flags)
    facts = {k: v for k, v in vars(args).items() if k != "passes" and v is not None}
    return Config(spec, output, passes=tuple(PASSES[n] for n in args.passes),
                  context=PassContext(**facts))


def parse(path: Path, text: str | None = None) -> Filetest:
    leader = COMMENT[path.suffix]
    marker = re.compile(rf"^{re.escape(leader)} ==== (.+) ====$")
    header = re.compile(rf"^{re.escape(leader)} (test|input): (.+)$")
    lines = (path.read_text() if text is None else text).split("\n")
    first = next((i for i, line in enumerate(lines) if marker.match(line)), len(lines))
    specs: list[str] = []
    input_path = path
    for line in lines[:first]:
        m = header.match(line)
        if m and m.group(1) == "test":
            specs.append(" ".join(m.group(2).split()))
        elif m:
            input_path = (path.parent / m.group(2).strip()).resolve()
    if not specs:
        example = next(k for k, o in OUTPUTS.items() if path.suffix in o.inputs)
        raise FiletestError(f"{path}: no `{leader} test: {example} ...` line")
    if len(set(specs)) != len(specs):
        raise FiletestError(f"{path}: a `test:` line is repeated")
    expected: dict[str, str] = {}
    spec = None
    for line in lines[first:]:
        m = marker.match(line)
        if m:
            spec = m.group(1)
            expected[spec] = []
        elif line.startswith(leader):
            expected[spec].append(line[len(leader) + 1:])
        elif line.strip():
            raise FiletestError(f"{path}: `{line}` below the expected output is not a comment")
    return Filetest(path, "\n".join(lines[:first]).rstrip("\n") + "\n", input_path,
                    tuple(_config(path, s) for s in specs),
                    {s: "\n".join(body).rstrip("\n") for s, body in expected.items()})


def render(ft: Filetest, outputs: dict[str, str]) -> str:
    """The file with `outputs` (spec -> text) as its expected blocks, in header order;
    a block whose `test:` line is gone is dropped."""
    leader = COMMENT[ft.path.suffix]
    text = ft.source
    for config in ft.configs:
        if config.spec not in outputs:
            continue
        text += f"\n{leader} ==== {config.spec} ====\n"
        text += "".join(f"{leader} {line}".rstrip() + "\n"
                        for line in outputs[config.spec].split("\n"))
    return text


def actual(ft: Filetest, config: Config) -> str:
    return OUTPUTS[config.output].print(ft, config).rstrip("\n")


def bless(path: Path, spec: str, output: str) -> bool:
    """Rewrite the expected block of `spec` in place; whether the file changed. Locked, as
    pytest-xdist workers bless the configurations of one file at the same time."""
    with open(path, "r+") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        old = f.read()
        ft = parse(path, old)
        outputs = dict(ft.expected)
        outputs[spec] = output
        new = render(ft, outputs)
        if new != old:
            f.seek(0)
            f.write(new)
            f.truncate()
        return new != old


# ---------------------------------------------------------------------------
# output: asm

def asm_output(ft: Filetest, config: Config) -> str:
    return asm_listing(compile_file(str(ft.input), config.options))


def asm_listing(result) -> str:
    """Every section of the object: a line with its size, its symbols, then its code
    (capstone, symbolic relocations, branch labels numbered per function) or its data."""
    obj = result.compiled.obj
    syms: dict[str, list] = {}
    for sym in obj.symbols:
        if sym.section is not None:
            syms.setdefault(sym.section, []).append(sym)
    out: list[str] = []
    for si, sec in enumerate(obj.sections):
        out.append(f"{sec.name}  ({sec.byte_size} bytes, align {sec.align})")
        out += [_symbol_line(s) for s in sorted(syms.get(sec.name, []), key=lambda s: s.value)]
        if sec.kind == "text":
            body, labels = text_lines(sec, si, False)
            body = _number_labels(body, [label(si, off) for off in sorted(labels)])
        else:
            body = data_lines(sec, [])
        out += [_tidy(line) for text in body for line in text.split("\n")]
        out.append("")
    return "\n".join(out)


def _symbol_line(sym) -> str:
    where = f", at +0x{sym.value:x}" if sym.value else ""
    hidden = ", hidden" if sym.visibility == "hidden" else ""
    return f"{sym.name}:  {sym.binding} {sym.kind}{hidden}{where}, {sym.size} bytes"


def _number_labels(lines: list[str], names: list[str]) -> list[str]:
    """.L0, .L1, ... in code order, so one inserted instruction renames no label."""
    if not names:
        return lines
    number = {name: f".L{k}" for k, name in enumerate(names)}
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                         + r"\b")
    return [pattern.sub(lambda m: number[m.group()], line) for line in lines]


def _tidy(line: str) -> str:
    """`\\tmnemonic\\toperands` as `    mnemonic operands`, columns aligned, no tabs."""
    if not line.startswith("\t"):
        return line
    mnemonic, _, rest = line[1:].partition("\t")
    return f"    {mnemonic:<7} {rest.replace(chr(9), '  ')}".rstrip()


# ---------------------------------------------------------------------------
# output: ir:after=STEP (a .wat file) and run (an .ir file)

def ir_after(ft: Filetest, config: Config) -> str:
    """Every function's IR after `config.step`, in each tier the ladder tries, as
    `synth compile --dump ir:after=STEP` prints it."""
    out: list[str] = []

    def observe(tier, step, fn):
        if step == config.step:
            out.append(f"; function {fn.name}, tier {tier}, after {step}\n"
                       f"{format_function(fn)}\n")
    compile_file(str(ft.input), config.options, ladder=replace(LADDER, observe=observe))
    if not out:
        raise FiletestError(f"{ft.path}: no function ran `{config.step}` with "
                            f"`{config.spec}` (vfp-class runs only with an FPU)")
    return "".join(out)


def run_passes(ft: Filetest, config: Config) -> str:
    """The IR of the file (or its `input:`) after running `config.passes` over it."""
    text = ft.source if ft.input == ft.path else ft.input.read_text()
    try:
        fns = parse_functions(text)
    except IRParseError as err:
        err.path = str(ft.input)
        raise FiletestError(err.format()) from None
    if not fns:
        raise FiletestError(f"{ft.input}: no `function` to run the passes on")
    for fn in fns:
        _check_vregs(ft.input, fn)
        for p in config.passes:
            p.run(fn, config.context)
    return "\n\n".join(map(format_function, fns))


def _check_vregs(path: Path, fn) -> None:
    """A pass that makes a vreg numbers it `num_vregs`: a smaller one written by hand
    would hand out a vreg already in use."""
    seen = [*fn.params, *([fn.sret] if fn.sret is not None else [])]
    seen += [v for b in fn.blocks for ins in (*b.insts, b.term) if ins is not None
             for v in (*ins.defs, *ins.uses)]
    top = max(seen, default=-1)
    if top >= fn.num_vregs:
        raise FiletestError(f"{path}: function {fn.name} uses v{top}: "
                            f"write `num_vregs {top + 1}` (or more) below its header")


@dataclass(frozen=True)
class Output:
    inputs: tuple[str, ...]             # the input suffixes it applies to
    config: Callable[[Path, str, str, list[str]], Config]   # (path, spec, output, flags)
    print: Callable[[Filetest, Config], str]                # the text to compare


OUTPUTS = {
    "asm": Output((".wat",), _compile_config, asm_output),
    "ir": Output((".wat",), _compile_config, ir_after),     # written ir:after=STEP
    "run": Output((".ir",), _run_config, run_passes),
}

"""Codegen filetests: an input, a header saying what to print for which configurations,
and the expected output at the end of the same file, rewritten in place by --bless.

The shape of Cranelift's `precise-output` and WABT's text tests: a change to code generation
shows up as a readable diff, and re-blessing it is a reviewable edit (tests/filetests/README.md).
"""

from __future__ import annotations

import fcntl
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from synth_toolchain.listing import data_lines, label, text_lines
from synth_toolchain.cli import UsageError, options_from, parse_args
from synth_toolchain.driver import compile_file
from synth_toolchain.options import Options

# input kinds (by suffix): the comment leader the header and the expected blocks live behind
COMMENT = {".wat": ";;"}


class FiletestError(Exception):
    """A malformed filetest: the message names the file and what is wrong."""


@dataclass(frozen=True)
class Config:
    spec: str           # as written after `test:`, e.g. "asm --tier=opt --float-abi=hard"
    output: str         # what to print (a key of OUTPUTS)
    options: Options


@dataclass(frozen=True)
class Filetest:
    path: Path
    source: str                 # everything above the expected blocks
    input: Path                 # what to compile: the file itself or its `input:` line
    configs: tuple[Config, ...]
    expected: dict[str, str]    # spec -> expected output


def _config(path: Path, spec: str) -> Config:
    output, *flags = shlex.split(spec)
    if output not in OUTPUTS:
        raise FiletestError(f"{path}: unknown output '{output}' in `test: {spec}` "
                            f"(choose from {', '.join(OUTPUTS)})")
    try:
        args = parse_args(["compile", str(path), *flags])
    except UsageError as err:
        raise FiletestError(f"{path}: `test: {spec}`: {err}") from None
    return Config(spec, output, options_from(args))


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
        raise FiletestError(f"{path}: no `{leader} test: asm ...` line")
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
    result = compile_file(str(ft.input), config.options)
    return OUTPUTS[config.output](result).rstrip("\n")


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


OUTPUTS = {"asm": asm_listing}

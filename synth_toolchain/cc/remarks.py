"""LLVM-style optimization records (`-fsave-optimization-record`).

One YAML document per remark, in the format of LLVM's `OptimizationRemark`
serialisation, so tools that read clang's `*.opt.yaml` (opt-viewer,
llvm-remarkutil-style scripts) can read which tier each function got:

    --- !Missed
    Pass:            synth-tier
    Name:            TierFailed
    Function:        fib
    Args:
      - String:          'tier '
      - Tier:            opt
      - String:          ' failed: '
      - Reason:          'out of registers'
    ...
    --- !Passed
    Pass:            synth-tier
    Name:            TierSelected
    Function:        fib
    Args:
      - String:          'compiled by tier '
      - Tier:            opt
    ...
    --- !Analysis
    Pass:            synth-tier
    Name:            FunctionStats
    Function:        fib
    Args: [code bytes, spills, frame bytes, promoted locals]

Per function: its failed attempts (`!Missed`) in ladder order, then the tier
that compiled it (`!Passed`), then the statistics (`!Analysis`).  Functions
in module order; the output is a pure function of the compile result.  No
`DebugLoc` (optional in LLVM's schema): a wasm function has no source line.
"""

from __future__ import annotations

import re

PASS_NAME = "synth-tier"
_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.$-]*$")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _RESERVED:
        return text
    return "'" + text.replace("'", "''") + "'"


def _remark(kind: str, name: str, function: str, args: list[tuple[str, object]]) -> str:
    lines = [f"--- !{kind}",
             f"Pass:            {PASS_NAME}",
             f"Name:            {name}",
             f"Function:        {_scalar(function)}",
             "Args:"]
    for key, value in args:
        pad = " " * max(1, 16 - len(key) - 1)
        lines.append(f"  - {key}:{pad}{_scalar(value) if key != 'String' else _quoted(value)}")
    lines.append("...")
    return "\n".join(lines) + "\n"


def _quoted(text) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def build_remarks(compiled) -> str:
    """The optimization record for a `CompiledModule`."""
    out: list[str] = []
    for r in compiled.functions:
        for tier, reason in r.attempts:
            out.append(_remark("Missed", "TierFailed", r.symbol, [
                ("String", "tier "), ("Tier", tier),
                ("String", " failed: "), ("Reason", reason)]))
        out.append(_remark("Passed", "TierSelected", r.symbol, [
            ("String", "compiled by tier "), ("Tier", r.tier)]))
        for offset in r.calls_for_tail_calls:
            out.append(_remark("Missed", "TailCallAsCall", r.symbol, [
                ("String", "tail call at wasm offset "), ("Offset", offset),
                ("String", " made a call and a return: its callee takes more stack "
                           "arguments than this function was given (not constant stack)")]))
        out.append(_remark("Analysis", "FunctionStats", r.symbol, [
            ("String", "code size "), ("CodeBytes", len(r.code.data)),
            ("String", " bytes, spills "), ("Spills", r.spills),
            ("String", ", frame "), ("FrameBytes", r.frame_bytes),
            ("String", " bytes, promoted locals "), ("PromotedLocals", len(r.promoted))]))
    return "".join(out)


def register_yaml_tags(loader) -> None:
    """Make `yaml.load_all(..., Loader=loader)` accept `!Passed`/`!Missed`/`!Analysis`.

    Each document loads as a dict with an extra key `Kind`."""
    for kind in ("Passed", "Missed", "Analysis", "Failure", "AnalysisFPCommute",
                 "AnalysisAliasing"):
        def construct(ld, node, _kind=kind):
            d = ld.construct_mapping(node, deep=True)
            d["Kind"] = _kind
            return d
        loader.add_constructor(f"!{kind}", construct)

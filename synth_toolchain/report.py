"""The per-function YAML report (schema: docs/report.md)."""

from __future__ import annotations

from collections import Counter

from . import __version__, blockyaml
from .compile import CompiledModule
from .options import Options
from .stackbound import bound_record, export_bounds
from .tiers import TIER_NAMES
from .wasm.module import ExternKind

SCHEMA_VERSION = 1


def build_report(cm: CompiledModule, options: Options, input_path: str) -> dict:
    m = cm.module
    lay = cm.layout
    funcs = []
    exports = m.exports_by_target()
    for r in cm.functions:
        funcs.append({
            "index": r.funcidx,
            "name": m.function_name(r.funcidx) or r.symbol,
            "symbol": r.symbol,
            "exports": list(exports.get((ExternKind.FUNC, r.funcidx), ())),
            "tier": r.tier,
            "attempts": [{"tier": t, "reason": reason} for t, reason in r.attempts],
            "promoted_locals": list(r.promoted),
            "spills": r.spills,
            "frame_bytes": r.frame_bytes,
            "code_bytes": len(r.code.data),
            "tail_calls_as_calls": list(r.calls_for_tail_calls),
        })
    by_tier = Counter(r.tier for r in cm.functions)
    return {
        "version": SCHEMA_VERSION,
        "tool": f"synth {__version__}",
        "input": input_path,
        "target": options.cpu,
        "options": {
            "bounds": options.bounds,
            "opt_level": options.opt_level,
            "tier": options.tier,
            "local_promote": options.local_promote,
            "memory_size": lay.memory_reserved if lay.has_memory else 0,
            **({"memory_sizes": [mp.reserved for mp in lay.memories]}
               if len(lay.memories) > 1 else {}),
            "prefix": options.prefix,
        },
        "summary": {
            "functions": len(cm.functions),
            "by_tier": {t: by_tier.get(t, 0) for t in TIER_NAMES},
            "fell_through": sum(1 for r in cm.functions if r.attempts),
            "code_bytes": sum(len(r.code.data) for r in cm.functions),
            "spills": sum(r.spills for r in cm.functions),
        },
        "warnings": list(cm.warnings),
        "functions": funcs,
        "stack_bounds": _stack_bounds(cm, options),
    }


def _stack_bounds(cm: CompiledModule, options: Options) -> list[dict]:
    """Per exported function, its worst-case stack bound (stackbound.py)."""
    found = export_bounds(cm, dict(options.stack_budget))
    funcs = [(e.name, cm.layout.export_symbol(e.name)) for e in cm.module.exports
             if e.kind == ExternKind.FUNC]
    exported: dict[str, str] = {}           # the node an export enters → its first name
    for name, sym in funcs:
        exported.setdefault(found[sym].symbols[0] if found[sym].symbols else sym, name)
    return [{"export": name, "symbol": sym, **bound_record(found[sym], exported)}
            for name, sym in funcs]


def dump_report(report: dict) -> str:
    """The YAML text; blockyaml writes what PyYAML would in about a tenth of
    its time (0.04 s against 0.45 s for a 2000-function module's report)."""
    return blockyaml.dump(report)

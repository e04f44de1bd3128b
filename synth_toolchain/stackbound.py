"""Worst-case stack bounds through the call graph of one compiled object.

What is sound about it (docs/abi.md, "Stack usage"):

* Every function of the object is a node: the module's functions, and the
  runtime synth adds (soft-float routines, bulk-memory and table helpers,
  the provided memset/memcpy/memmove, `synth_init`, export stubs).  A node's
  own bytes are what it pushes and reserves below its entry sp: the
  emitter's `frame_bytes` for compiled functions (checked against the
  prologue's bytes by a test), `arm/stackscan.py` on the code of the others.
* Direct edges are the code's call and tail-branch relocations (`bl`,
  `b.w` to a symbol), so every call the code makes is an edge, also the
  ones no IR `call` shows (64-bit division's `__aeabi_ldivmod`, trap stubs).
  A tail branch (a wasm `return_call`, an export stub's jump) leaves the
  frame first: its callee's bound counts without the caller's own bytes,
  and a cycle of tail calls alone is bounded (constant stack).
* `call_indirect` on table T with type X may reach every function of the
  module whose signature is X's and that T can hold: the functions of T's
  active element segments (and of passive ones when `table.init` fills T),
  or, when T is imported or exported, written by `table.set`/`table.grow`/
  `table.fill`/`table.copy`, or initialised from an imported global, every
  function of the module of that signature.
* A callee outside the object (an import, a libgcc or C library routine)
  costs what the user's budget says; without a budget line it is named as
  unknown and the bound is a lower bound.  `synth_trap` is charged at its
  default's cost (0) unless the budget names it (a firmware override).
* A cycle of calls (at least one edge of it a call, not a tail call) makes
  the bound unbounded, with the cycle named.

Not covered: functions of other modules stored into an imported or
exported table from outside (only this module's are assumed), interrupt
handlers running on the same stack, and what a budget line claims.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from .compile import CompiledModule
from .traps import TRAP_HANDLER
from .wasm.module import ExternKind

CALL_RELOCS = ("R_ARM_THM_CALL", "R_ARM_THM_JUMP24")
TAIL_RELOC = "R_ARM_THM_JUMP24"               # `b.w` to a symbol: the frame is gone
# ops that can store a funcref the module did not put in an element segment
_TABLE_WRITES = ("table.set", "table.grow", "table.fill")


@dataclass(frozen=True, slots=True)
class Node:
    """One function of the object: its name for people, own bytes, callees (symbols);
    `tail_calls` are the callees it jumps to after its frame is gone (`b.w`, `bx`):
    they run at its entry sp, its own bytes not below them."""
    name: str
    bytes: int
    calls: tuple[str, ...]
    tail_calls: tuple[str, ...] = ()

    @property
    def edges(self) -> tuple[str, ...]:
        return self.calls + self.tail_calls


@dataclass(slots=True)
class Bound:
    """The worst case from one entry symbol.  `bytes` counts the path's frames
    (and budgeted external callees); None when a cycle makes it unbounded."""
    root: str
    bytes: int | None
    path: list[tuple[str, int]]                 # (name, own bytes) from the entry down
    unknown: list[str] = field(default_factory=list)     # external callees without budget
    cycle: list[str] = field(default_factory=list)       # names around a reachable cycle
    symbols: list[str] = field(default_factory=list)     # the symbol of each path frame
    tail: set[int] = field(default_factory=set)          # path frames gone by a tail call (0 bytes)

    @property
    def kind(self) -> str:
        if self.bytes is None:
            return "unbounded"
        return "lower" if self.unknown else "exact"


def _sccs(graph: dict[str, Node]) -> list[list[str]]:
    """Strongly connected components, callees before callers (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(graph[start].edges))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            v, it = work[-1]
            for w in it:
                if w not in graph:
                    continue
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(graph[w].edges)))
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    out.append(sorted(comp))
    return out


def _cycle_in(comp: set[str], start: str, graph: dict[str, Node]) -> list[str]:
    """A shortest cycle from `start` back to it inside its component (breadth first)."""
    parent: dict[str, str | None] = {start: None}
    queue = [start]
    for v in queue:
        for w in graph[v].edges:
            if w == start:
                path = [v]
                while parent[path[-1]] is not None:
                    path.append(parent[path[-1]])
                return path[::-1] + [start]
            if w in comp and w not in parent:
                parent[w] = v
                queue.append(w)
    raise AssertionError(f"{start} is on no cycle")


def bounds(graph: dict[str, Node], roots: list[str], budget: dict[str, int],
           stop: frozenset[str] = frozenset()) -> dict[str, Bound]:
    """The worst-case bound from each root (a symbol of `graph`); `budget` charges
    callees outside the graph (and overrides `synth_trap`, see the module doc).
    A path ends at its first callee in `stop`, whose own bound goes on from there:
    n roots calling each other in a chain then cost n frames, not n²/2."""
    graph = dict(graph)
    if TRAP_HANDLER in budget and TRAP_HANDLER in graph:
        del graph[TRAP_HANDLER]                 # the firmware's handler replaces the default
    # own + deepest callee (or the deepest tail callee), via which, whether by a tail call
    worst: dict[str, tuple[int | None, str | None, bool]] = {}
    unknown: dict[str, set[str]] = {}
    cyclic: dict[str, list[str]] = {}           # node → a cycle it reaches
    for comp in _sccs(graph):
        members = set(comp)
        # a cycle of tail calls only runs in constant stack: unbounded only through a call
        loops = any(w in members for v in comp for w in graph[v].calls)
        local: dict[str, tuple[int | None, str | None, bool]] = {}
        for v in comp:
            node = graph[v]
            unknown[v] = set()
            best: list = [(0, None), (None, None)]          # deepest callee, tail callee
            for tail, callees in ((False, node.calls), (True, node.tail_calls)):
                for w in callees:
                    if w in graph and w not in members:
                        unknown[v] |= unknown[w]
                        if w in cyclic and v not in cyclic:
                            cyclic[v] = cyclic[w]
                        sub = worst[w][0]
                    elif w in graph:
                        continue
                    elif w in budget:
                        sub = budget[w]
                    else:
                        unknown[v].add(w)
                        continue
                    if sub is not None and (best[tail][0] is None or sub > best[tail][0]):
                        best[tail] = (sub, w)
            if loops and v not in cyclic:
                cyclic[v] = _cycle_in(members, v, graph)
            (called, via), (tailed, tail_via) = best
            local[v] = ((tailed, tail_via, True) if tailed is not None and
                        tailed > node.bytes + called else (node.bytes + called, via, False))
        if len(comp) > 1 or comp[0] in graph[comp[0]].tail_calls:
            # tail calls join every member: each may end up in the deepest one
            top = max(comp, key=lambda v: local[v][0])
            for v in comp:
                if local[v][0] < local[top][0]:
                    local[v] = (local[top][0], top, True)
        for v in comp:
            worst[v] = (None, None, False) if v in cyclic else local[v]
        if len(comp) > 1 or comp[0] in graph[comp[0]].edges:
            shared: set[str] = set().union(*(unknown[v] for v in comp))
            for v in comp:
                unknown[v] = shared
    out = {}
    for root in roots:
        if root in cyclic:
            out[root] = Bound(root, None, [], sorted(unknown[root]),
                              [graph[s].name for s in cyclic[root]])
            continue
        path, symbols, tail, v = [], [], set(), root
        while v is not None:
            symbols.append(v)
            if v in graph:
                _, via, by_tail = worst[v]
                if by_tail:
                    tail.add(len(path))
                path.append((graph[v].name, 0 if by_tail else graph[v].bytes))
                v = via if len(path) == 1 or v not in stop else None
            else:
                path.append((v, budget[v]))
                v = None
        out[root] = Bound(root, worst[root][0], path, sorted(unknown[root]), [], symbols, tail)
    return out


# -- the graph of a compiled object -----------------------------------------

def _table_contents(cm: CompiledModule) -> dict[int, set[int] | None]:
    """Functions each table can hold; None: any function of the module (see module doc)."""
    m = cm.module
    ntables = len(m.imports_of(ExternKind.TABLE)) + len(m.tables)
    held: dict[int, set[int] | None] = {t: set() for t in range(ntables)}
    for t in range(len(m.imports_of(ExternKind.TABLE))):
        held[t] = None
    for e in m.exports:
        if e.kind == ExternKind.TABLE:
            held[e.index] = None
    ops = [ins for f in m.functions for ins in f.body]
    for ins in ops:
        if ins.op in _TABLE_WRITES:
            held[ins.imm] = None
        elif ins.op == "table.copy":
            held[ins.imm[0]] = None
    initialised = {ins.imm[1] for ins in ops if ins.op == "table.init"}
    for seg in m.elements:
        if seg.mode == "declarative" or (seg.mode == "passive" and not initialised):
            continue
        targets = [seg.table] if seg.mode == "active" else sorted(initialised)
        for expr in seg.init:
            for t in targets:
                if held[t] is None:
                    continue
                if expr and expr[0].op == "ref.func":
                    held[t].add(expr[0].imm)
                elif expr and expr[0].op == "global.get":
                    held[t] = None
    return held


def _indirect_callees(cm: CompiledModule) -> dict[tuple[str, bool], set[str]]:
    """(symbol of each module function, by tail call?) → the symbols its
    call_indirects, or its return_call_indirects, may reach (one lowered to a
    call and a return, r.calls_for_tail_calls, counts as a call)."""
    m, lay = cm.module, cm.layout
    held = _table_contents(cm)
    every = range(lay.nimported + len(m.functions))
    out: dict[tuple[str, bool], set[str]] = {}
    for r in cm.functions:
        body = m.functions[r.funcidx - lay.nimported].body
        for ins in body:
            if ins.op not in ("call_indirect", "return_call_indirect"):
                continue
            tail = ins.op == "return_call_indirect" and ins.offset not in r.calls_for_tail_calls
            typeidx, table = ins.imm
            sig = lay.sig_symbol(typeidx)
            pool = every if held[table] is None else sorted(held[table])
            out.setdefault((r.symbol, tail), set()).update(
                lay.func_symbol(f) for f in pool if lay.func_sig_symbol(f) == sig)
    return out


def _code_symbols(obj) -> tuple[dict[str, str], dict[str, str]]:
    """(section → its first function symbol, any function symbol → that first
    symbol of its section): a graph node is a section of code, named by its
    first symbol; an export alias or a second name of the same code is not."""
    primary: dict[str, str] = {}
    alias: dict[str, str] = {}
    for s in obj.symbols:
        if s.kind == "func":
            primary.setdefault(s.section, s.name)
            alias[s.name] = primary[s.section]
    return primary, alias


def call_graph(cm: CompiledModule) -> dict[str, Node]:
    """Every function of the object as a Node, keyed by its symbol."""
    # imported here, not at the top: the scan needs capstone, about 50 ms that
    # every `synth` start-up would pay although only a report or `synth stack` uses it
    from .arm.stackscan import stack_depth
    obj = cm.obj
    compiled = {r.symbol: r for r in [*cm.functions, *cm.runtime_functions]}
    names = {r.symbol: cm.module.function_name(r.funcidx) or r.symbol for r in cm.functions}
    primary, alias = _code_symbols(obj)
    indirect = _indirect_callees(cm)
    graph: dict[str, Node] = {}
    for sec in obj.sections:
        sym = primary.get(sec.name)
        if sym is None or sec.kind != "text":
            continue
        own = (compiled[sym].frame_bytes if sym in compiled
               else stack_depth(sec.data, sec.mapping))
        edges = {}
        for tail in (False, True):
            found = [alias.get(r.symbol, r.symbol) for r in sec.relocs
                     if r.type in CALL_RELOCS and (r.type == TAIL_RELOC) == tail]
            edges[tail] = tuple(dict.fromkeys(found + sorted(indirect.get((sym, tail), ()))))
        graph[sym] = Node(names.get(sym, sym), own, edges[False], edges[True])
    return graph


def export_roots(cm: CompiledModule) -> dict[str, str]:
    """Export symbol → the graph node of the code it enters: its function's
    section (a second export name is an alias of the same code), or for a
    re-exported import its stub."""
    lay = cm.layout
    _, alias = _code_symbols(cm.obj)
    exported = [sym for r in cm.functions for sym in lay.export_symbols(r.funcidx)]
    exported += [lay.export_symbol(name) for name, kind, _ in lay.reexported_imports()
                 if kind == ExternKind.FUNC]
    return {sym: alias.get(sym, sym) for sym in exported}


def export_bounds(cm: CompiledModule, budget: dict[str, int]) -> dict[str, Bound]:
    """The bound of every exported function, by export symbol; its path ends at
    the first exported callee (the report's `then:`)."""
    graph = call_graph(cm)
    roots = export_roots(cm)
    entries = frozenset(roots.values())
    # the report stops a path at the first exported callee (bound_record)
    found = bounds(graph, sorted(entries), budget, stop=entries)
    return {sym: found[root] for sym, root in sorted(roots.items())}


def bound_record(b: Bound, exported: dict[str, str] | None = None) -> dict:
    """A bound as the report writes it (docs/report.md).  `exported` maps the
    node of each exported function to an export name: the path stops at the
    first such callee with `then: NAME`, whose own record goes on, so a
    module of n exports calling each other in a chain has a report of size n,
    not n²."""
    exported = exported or {}
    frames = []
    then = None
    for k, (name, size) in enumerate(b.path):
        sym = b.symbols[k] if k < len(b.symbols) else None
        if k and sym in exported:
            then = exported[sym]
            break
        frames.append({"function": name, "bytes": size, **({"tail_call": True}
                                                            if k in b.tail else {})})
    rec: dict = {"bytes": b.bytes, "kind": b.kind, "path": frames}
    if then is not None:
        rec["then"] = then
    if b.unknown:
        rec["unknown"] = list(b.unknown)
    if b.cycle:
        rec["cycle"] = list(b.cycle)
    return rec


# -- gcc's .su files and budgets ----------------------------------------------

def su_path(obj_path: str) -> str:
    """gcc's name for the stack-usage file: x.o -> x.su."""
    return os.path.splitext(obj_path)[0] + ".su"


def su_text(cm: CompiledModule, input_path: str) -> str:
    """gcc's `-fstack-usage` lines, one per function of the object:
    `FILE:LINE:COL:NAME<TAB>BYTES<TAB>static`.  For a binary module LINE:COL
    is 1:OFFSET, OFFSET the byte offset of the function's body in the file
    (the convention of wasm source maps: one line, columns are bytes); for
    text, the line and column of the function's code; 0:0 for synth's
    runtime.  NAME is the ELF symbol, which the tools match against the object."""
    m = cm.module
    where = {}
    for r in cm.functions:
        off = m.functions[r.funcidx - cm.layout.nimported].offset
        line, col = m.text_map.locate(off) if m.text_map is not None else (1, off)
        where[r.symbol] = f"{line}:{col}"
    return "".join(f"{input_path}:{where.get(sym, '0:0')}:{sym}\t{node.bytes}\tstatic\n"
                   for sym, node in call_graph(cm).items())


_SU_LINE = re.compile(r"^.*:(?P<name>[^:\t]+)\t(?P<bytes>\d+)\t(?P<qual>[a-z,]+)\s*$")
_PAIR_LINE = re.compile(r"^(?P<name>\S+)\s+(?P<bytes>\d+)\s*$")


def parse_budget(text: str, path: str = "<budget>") -> tuple[tuple[str, int], ...]:
    """A budget file: gcc `.su` lines or `NAME BYTES` lines (blank lines and `#`
    comments skipped).  A name given twice keeps its largest figure.
    ValueError names the first line that is neither."""
    found: dict[str, int] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _SU_LINE.match(line) or _PAIR_LINE.match(line)
        if m is None:
            raise ValueError(f"{path}:{n}: not a .su line or 'NAME BYTES': {line.strip()}")
        found[m["name"]] = max(found.get(m["name"], 0), int(m["bytes"]))
    return tuple(sorted(found.items()))


def read_budget(path: str) -> tuple[tuple[str, int], ...]:
    """`parse_budget` of a file; OSError if unreadable, ValueError if malformed."""
    with open(path, encoding="utf-8", errors="replace") as f:
        return parse_budget(f.read(), path)


def format_bound(rec: dict) -> str:
    """`synth stack`'s view of one export's report record: its worst path, frame by frame."""
    name = rec["export"]
    if rec["kind"] == "unbounded":
        lines = [f"{name}: unbounded (recursion: {' -> '.join(rec['cycle'])})"]
    else:
        what = "at least " if rec["kind"] == "lower" else ""
        lines = [f"{name}: {what}{rec['bytes']} bytes"]
        lines += [f"  {p['bytes']:6d}  {p['function']}" + (" (tail call)" if p.get("tail_call")
                                                           else "") for p in rec["path"]]
        if "then" in rec:
            lines.append(f"          then as export {rec['then']} (below)")
    if rec.get("unknown"):
        lines.append(f"  unknown: {', '.join(rec['unknown'])} (give their cost with "
                     "--stack-budget)")
    return "\n".join(lines)

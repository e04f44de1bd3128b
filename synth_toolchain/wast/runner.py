"""Run WebAssembly script (.wast) files against code compiled by synth.

Every `module` of a script is compiled by our compiler (with a distinct
symbol prefix), linked with the emulator harness and run on the emulated
Cortex-M.  One linked image is kept per instance and reused for every
following command, so state persists as in a real instance.  Function
imports are resolved against the `spectest` host module (Python host
functions) or against modules made available with `register`: the
exporting module's object is linked into the importer's image and the
import symbol becomes a branch to the export's symbol.  The exporting
instance then moves into the new image (its memory and globals are copied
over), so both sides keep sharing its state.

Outcome of each command: pass, fail (a wrong result, a fault, or a compile
error on a valid module) or skip (with a reason: features the compiler
rejects with `UnsupportedError`, unsupported script forms, missing stack
limit checks).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field, replace

import wasmtime

from ..cnames import c_identifier
from ..driver import CompileResult, compile_file
from ..errors import SynthError, UnsupportedError
from ..layout import LIBC_MEMORY_IMPORTS, MEM_PAGES, PAGE
from ..options import Options, memory_size_options
from ..run.emulator import Emulator
from ..run.link import link_executable
from ..run.values import CallResult, EmulatorError, HostFunction, format_value, parse_value
from ..traps import Trap
from ..wasm.decoder import MAGIC, decode
from ..wasm.loader import decode_text, read_capped
from ..wasm.module import ExternKind, FuncType, Module, ValType
from ..wasm.wat import assemble
from ..wasm.validator import WASM_VERSIONS, validate
from ..wasm.sexpr import Atom, List, ParseError, Str, parse
from .state import move_state

__all__ = ["Outcome", "FileReport", "ScriptRunner", "run_file"]

# RAM reserved for a memory that can grow (the emulator has 64 MiB of RAM; the
# spec tests grow one memory to 803 pages).
GROW_RESERVE_PAGES = 832
EXPORT_GROW_PAGES = 16          # an exported memory not grown by its module
GROW_RESERVE_ENTRIES = 1024     # table entries for a table that grows
MAX_INSTRUCTIONS = 50_000_000

_T = {"i32": ValType.I32, "i64": ValType.I64, "f32": ValType.F32, "f64": ValType.F64}
I32, I64, F32, F64 = ValType.I32, ValType.I64, ValType.F32, ValType.F64

SPECTEST_FUNCS = {
    "print": FuncType((), ()),
    "print_i32": FuncType((I32,), ()),
    "print_i64": FuncType((I64,), ()),
    "print_f32": FuncType((F32,), ()),
    "print_f64": FuncType((F64,), ()),
    "print_i32_f32": FuncType((I32, F32), ()),
    "print_f64_f64": FuncType((F64, F64), ()),
}
# The non-function exports of the spectest host module, compiled like any module.
SPECTEST_MODULE = """
  (global (export "global_i32") i32 (i32.const 666))
  (global (export "global_i64") i64 (i64.const 666))
  (global (export "global_f32") f32 (f32.const 666.6))
  (global (export "global_f64") f64 (f64.const 666.6))
  (table (export "table") 10 20 funcref)
  (memory (export "memory") 1 2)"""


# ---------------------------------------------------------------- outcomes

@dataclass
class Outcome:
    status: str               # "pass" | "fail" | "skip"
    line: int
    command: str
    reason: str = ""
    expected: str | None = None   # for a wrong result: what the script asked for
    got: str | None = None        # ... and what the compiled code did


@dataclass
class FileReport:
    path: str
    outcomes: list[Outcome] = field(default_factory=list)
    error: SynthError | None = None     # the script could not be read: one failure

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def passed(self) -> int:
        return self.count("pass")

    @property
    def failed(self) -> int:
        return self.count("fail") + (self.error is not None)

    @property
    def skipped(self) -> int:
        return self.count("skip")


class Skip(Exception):
    """The command cannot be checked; the message is the reason."""


class Fail(Exception):
    """The command failed; the message says how."""


class Mismatch(Fail):
    """The command ran but did something else than the script expects."""

    def __init__(self, expected: str, got: str):
        super().__init__(f"expected {expected}, got {got}")
        self.expected = expected
        self.got = got


class Unlinkable(Exception):
    pass


# ---------------------------------------------------------------- instances

@dataclass
class Image:
    emu: Emulator
    exe: str
    members: list = field(default_factory=list)     # the instances linked into it


@dataclass
class Instance:
    name: str | None
    line: int
    prefix: str = ""
    result: CompileResult | None = None
    unsupported: str | None = None     # reason every command on it is skipped
    failed: str | None = None          # compile/link/instantiation failure
    image: Image | None = None
    obj: str | None = None
    init_trap: str | None = None
    # per imported function: ("host", name, type) or ("sym", instance, symbol)
    resolved: list = field(default_factory=list)
    # per imported global/table/memory (kind, index): (defining instance, its index, symbol)
    data_links: dict = field(default_factory=dict)

    @property
    def module(self) -> Module:
        return self.result.compiled.module

    def unusable(self) -> None:
        if self.unsupported:
            raise Skip(self.unsupported)
        if self.failed:
            raise Fail(f"module of line {self.line} is unusable: {self.failed}")


# ---------------------------------------------------------------- values

def _const(node, what: str):
    """(type, pattern) of a `(t.const v)` node; pattern is an int or a NaN class."""
    if not isinstance(node, List) or not node.head():
        raise Fail(f"malformed {what}")
    head = node.head()
    if head in _REF_FORMS:
        return _ref_const(node, what)
    if head in ("ref.host", "ref.any", "ref.eq", "ref.i31", "ref.struct", "ref.array",
                "ref.data", "ref.exn", "ref.null_exn"):
        raise Skip(f"{head} values are not supported by the runner")
    if head == "v128.const":
        raise Skip("SIMD values are not supported by the runner")
    if head == "either":
        raise Skip("`either` results are not supported by the runner")
    if not head.endswith(".const") or head[:-6] not in _T or len(node) != 2:
        raise Fail(f"malformed {what}: {head}")
    t = _T[head[:-6]]
    text = str(node[1])
    if text in ("nan:canonical", "nan:arithmetic"):
        if t in (I32, I64):
            raise Fail(f"malformed {what}: {text} for {head}")
        return t, text
    if t in (F32, F64) and re.match(r"^[+-]?0x[0-9a-fA-F_]+$", text):
        text += "p0"          # a hex float without fraction, not a raw bit pattern
    try:
        return t, parse_value(text, t)
    except SynthError as e:
        raise Fail(f"bad {what} {text}: {e.message}") from None


class _AnyRef:
    """The type of the result pattern `(ref.null)`: whichever reference type."""
    text = "ref"


ANY_REF = _AnyRef()
_REF_FORMS = ("ref.null", "ref.extern", "ref.func")
_HEAP = {"func": ValType.FUNCREF, "extern": ValType.EXTERNREF,
         "funcref": ValType.FUNCREF, "externref": ValType.EXTERNREF}
VALUE_TYPES = (I32, I64, F32, F64, ValType.FUNCREF, ValType.EXTERNREF)


def _ref_const(node, what: str):
    """A reference value: null is 0, host reference N is the word N + 1 (the runner's
    choice: an externref is any word the host passes, docs/abi.md, and 0 is null);
    `(ref.func)` and `(ref.extern)` without a number match any non-null reference."""
    head = node.head()
    if head == "ref.null" and len(node) == 1:     # 3.0's result pattern: a null of any type
        return ANY_REF, "null"
    if head == "ref.null":
        t = _HEAP.get(str(node[1])) if len(node) == 2 else None
        if t is None:
            raise Skip(f"reference type of {node} is not supported by the runner")
        return t, 0
    t = ValType.FUNCREF if head == "ref.func" else ValType.EXTERNREF
    if len(node) == 1 or head == "ref.func":
        return t, "non-null"
    try:
        n = int(str(node[1]).replace("_", ""), 0)
    except ValueError:
        raise Fail(f"malformed {what}: {node}") from None
    if not 0 <= n < M32:
        raise Skip(f"host reference {n} has no 32-bit representation")
    return t, n + 1


M32 = 0xFFFFFFFF
MODULE_FIELDS = frozenset(("type", "import", "func", "table", "memory", "global", "export",
                           "start", "elem", "data"))
_NANBITS = {F32: (23, 8), F64: (52, 11)}


def _matches(pattern, bits: int, t: ValType) -> bool:
    if isinstance(pattern, int):
        return pattern == bits
    if pattern == "non-null":
        return bits != 0
    if pattern == "null":
        return bits == 0
    mbits, ebits = _NANBITS[t]
    exp_all = ((1 << ebits) - 1) << mbits
    quiet = 1 << (mbits - 1)
    body = bits & ((1 << (mbits + ebits)) - 1)
    if pattern == "nan:canonical":
        return body == exp_all | quiet
    return (body & exp_all) == exp_all and body & quiet != 0     # nan:arithmetic


def _show(bits: int, t: ValType) -> str:
    return format_value(bits, t)


def _trap_matches(code: int, expected: str) -> tuple[bool, str]:
    try:
        msg = Trap(code).message
    except ValueError:
        return False, f"unknown trap code {code}"
    return (msg.startswith(expected) or expected.startswith(msg)), msg


# ---------------------------------------------------------------- the runner

class ScriptRunner:
    def __init__(self, options: Options, *, memory_size_given: bool = False):
        self.options = options
        self.memory_size_given = memory_size_given
        self.tmp = tempfile.mkdtemp(prefix="synth-wast-")
        self.counter = 0

    def close(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    # -- per file ------------------------------------------------------------
    def run(self, path: str) -> FileReport:
        report = FileReport(path)
        self.path = path
        self.instances: dict[str, Instance] = {}
        self.current: Instance | None = None
        self.registry: dict[str, Instance] = {}
        self.spectest: Instance | None = None
        self.definitions: dict[str, tuple[bytes, int]] = {}
        try:
            with open(path, "rb") as f:
                self.text = decode_text(read_capped(f, path), path)
        except OSError as e:
            reason = "is a directory" if isinstance(e, IsADirectoryError) else e.strerror or e
            report.error = SynthError(f"cannot read: {reason}", path=path)
            return report
        except SynthError as e:
            report.error = e
            return report
        try:
            nodes = parse(self.text)
            if nodes and all(isinstance(n, List) and n.head() in MODULE_FIELDS for n in nodes):
                # a script of bare module fields is one module (inline-module.wast)
                self.text = "(module " + self.text + "\n)"
                nodes = parse(self.text)
        except ParseError as e:
            report.outcomes.append(Outcome("fail", e.line, "file", f"syntax error: {e.message}"))
            return report
        for node in nodes:
            line = getattr(node, "line", 0)
            cmd = node.head() if isinstance(node, List) else None
            if cmd is None:
                report.outcomes.append(Outcome("fail", line, "?", "expected a command"))
                continue
            expected = got = None
            try:
                self.command(node)
                status, reason = "pass", ""
            except Mismatch as e:
                status, reason, expected, got = "fail", str(e), e.expected, e.got
            except Skip as e:
                status, reason = "skip", str(e)
            except Fail as e:
                status, reason = "fail", str(e)
            except EmulatorError as e:
                status, reason = "fail", f"emulator: {e.message}"
            except SynthError as e:
                status, reason = "fail", e.format()
            except Exception as e:           # a bug in the runner or the compiler
                import traceback
                tb = traceback.extract_tb(e.__traceback__)[-1]
                status, reason = "fail", (f"internal error: {type(e).__name__}: {e} "
                                          f"({os.path.basename(tb.filename)}:{tb.lineno})")
            report.outcomes.append(Outcome(status, line, cmd, reason, expected, got))
        return report

    # -- commands ------------------------------------------------------------
    def command(self, node: List) -> None:
        cmd = node.head()
        if cmd == "module":
            self.define_module(node)
        elif cmd == "register":
            self.register(node)
        elif cmd in ("invoke", "get"):
            self.action(node)
        elif cmd == "assert_return":
            self.assert_return(node)
        elif cmd == "assert_trap":
            self.assert_trap(node)
        elif cmd == "assert_exhaustion":
            self.assert_exhaustion(node)
        elif cmd in ("assert_invalid", "assert_malformed"):
            self.assert_rejected(node, cmd)
        elif cmd == "assert_unlinkable":
            self.assert_unlinkable(node)
        elif cmd == "assert_uninstantiable":
            self.assert_uninstantiable(node)
        elif cmd in ("assert_exception", "assert_suspension"):
            raise Skip(f"{cmd} is not supported (no exception handling / stack switching)")
        elif cmd in ("thread", "wait", "script", "input", "output", "either"):
            raise Skip(f"script command {cmd} is not supported")
        else:
            raise Fail(f"unknown script command {cmd}")

    # -- modules -------------------------------------------------------------
    def module_source(self, node: List) -> tuple[str | None, str, object]:
        """(name, kind, payload) of a module form: kind 'text' (source text),
        'binary' (bytes), 'quote' (source text), 'definition'/'instance'."""
        items = list(node.items[1:])
        kind_def = None
        if items and isinstance(items[0], Atom) and items[0].text in ("definition", "instance"):
            kind_def = items.pop(0).text
        name = None
        if items and isinstance(items[0], Atom) and items[0].text.startswith("$"):
            name = items.pop(0).text
        if kind_def == "instance":
            ref = items[0].text if items and isinstance(items[0], Atom) else None
            return name, "instance", ref
        if items and isinstance(items[0], Atom) and items[0].text in ("binary", "quote"):
            form = items.pop(0).text
            if not all(isinstance(x, Str) for x in items):
                raise Fail(f"module {form}: expected strings")
            if form == "binary":
                return name, "binary", b"".join(x.value for x in items)
            return name, "quote", " ".join(x.value.decode("utf-8", "replace") for x in items)
        fields = [x for x in items if isinstance(x, List)]
        if len(fields) != len(items):
            raise Fail("module: unexpected token")
        body = self.text[fields[0].start:fields[-1].end] if fields else ""
        return name, ("definition" if kind_def else "text"), body

    def module_bytes(self, node: List) -> tuple[str | None, bytes]:
        """Name and binary of a module form (definition forms included)."""
        name, kind, payload = self.module_source(node)
        if kind == "binary":
            return name, payload
        if kind == "instance":
            if payload not in self.definitions:
                raise Fail(f"module instance: unknown module definition {payload}")
            return name, self.definitions[payload][0]
        try:
            return name, assemble("(module " + payload + ")")
        except wasmtime.WasmtimeError as e:
            raise Fail(f"text module rejected by wat2wasm: {_first_line(e)}") from None

    def define_module(self, node: List) -> None:
        name, kind, payload = self.module_source(node)
        if kind == "definition":
            _n, wasm = self.module_bytes(node)
            if name:
                self.definitions[name] = (wasm, node.line)
            return
        try:
            name, wasm = self.module_bytes(node)
        except Fail as e:
            inst = Instance(name, node.line, failed=str(e))
        else:
            inst = self.instantiate(wasm, name, node.line)
        self.current = inst
        if name:
            self.instances[name] = inst
        inst.unusable()

    def decode(self, wasm: bytes, line: int) -> Module:
        where = f"{self.path}:{line}"
        if not wasm.startswith(MAGIC):
            raise WasmRejected(f"{where}: missing \\0asm magic")
        m = decode(wasm, where, self.options.wasm != "2.0")
        validate(m, where, self.options.wasm)
        return m

    def options_for(self, module: Module, prefix: str) -> Options:
        opts = replace(self.options, prefix=prefix)
        if "env" in self.registry:
            # a registered "env" module defines env.memset & co. for the script: bind
            # them as true imports instead of the object's own (layout.LIBC_MEMORY_IMPORTS)
            bound = [(f"env.{imp.name}", f"{prefix}import_{imp.name}")
                     for imp in module.imports_of(ExternKind.FUNC)
                     if imp.module == "env" and imp.name in LIBC_MEMORY_IMPORTS]
            opts = replace(opts, import_symbols=opts.import_symbols + tuple(bound))
        # each imported global, table and memory its own symbol: instances in one
        # image may import one field name from different exporters
        own = [(f"{imp.module}.{imp.name}", f"{prefix}dimport{k}_{c_identifier(imp.name)}")
               for k, imp in enumerate(module.imports) if imp.kind != ExternKind.FUNC]
        opts = replace(opts, import_symbols=opts.import_symbols + tuple(own))
        if not self.memory_size_given:
            opts = replace(opts, **memory_size_options(_memory_reserves(module)))
        if self.options.table_size is None:
            # scripts grow tables without declaring a maximum; room as for memory
            opts = replace(opts, table_size=GROW_RESERVE_ENTRIES)
        return opts

    def compile(self, wasm: bytes, name: str | None, line: int) -> Instance:
        """Decode, resolve imports and compile; raises Unlinkable / SynthError."""
        self.counter += 1
        inst = Instance(name, line, prefix=f"w{self.counter}_")
        where = f"{self.path}:{line}"
        module = self.decode(wasm, line)
        try:
            inst.resolved, inst.data_links = self.resolve_imports(module)
        except Skip as e:
            inst.unsupported = str(e)
            return inst
        try:
            inst.result = compile_file(where, self.options_for(module, inst.prefix), data=wasm)
        except UnsupportedError as e:
            inst.unsupported = e.message
            self.taint(module, line, e.message)
            return inst
        except SynthError:
            raise
        except Exception as e:
            import traceback
            tb = traceback.extract_tb(e.__traceback__)[-1]
            raise SynthError(f"compiler crashed: {type(e).__name__}: {e} "
                             f"({os.path.basename(tb.filename)}:{tb.lineno})") from None
        inst.obj = os.path.join(self.tmp, f"w{self.counter}.o")
        with open(inst.obj, "wb") as f:
            f.write(inst.result.elf)
        return inst

    def instantiate(self, wasm: bytes, name: str | None, line: int,
                    expect_trap: bool = False) -> Instance:
        try:
            inst = self.compile(wasm, name, line)
        except WasmRejected as e:
            return Instance(name, line, failed=f"valid module rejected: {e}")
        except Unlinkable as e:
            return Instance(name, line, failed=f"module does not link: {e}")
        except UnsupportedError as e:       # from the decoder (SIMD...)
            return Instance(name, line, unsupported=e.message)
        except SynthError as e:
            inst = Instance(name, line, failed=f"compile error: {e.format()}")
            if wasm_valid(wasm):
                inst.failed = f"compiler error on a valid module: {e.format()}"
            return inst
        if inst.unsupported:
            return inst
        try:
            trap = self.link(inst)
        except _LinkSkip as e:
            inst.unsupported = str(e)
            return inst
        except (SynthError, EmulatorError) as e:
            inst.failed = f"link/init: {e.message}"
            return inst
        if trap is not None and not expect_trap:
            inst.failed = f"instantiation trapped: {trap}"
        inst.init_trap = trap
        return inst

    def taint(self, module: Module, line: int, reason: str) -> None:
        """A skipped module that imports a table, memory or global of another
        instance would have changed that instance's state: stop checking it."""
        for imp in module.imports:
            src = self.registry.get(imp.module)
            if imp.kind != ExternKind.FUNC and src is not None and not src.unsupported:
                src.unsupported = (f"state shared with the skipped module of line {line} "
                                   f"({reason})")

    def resolve_imports(self, module: Module) -> tuple[list, dict]:
        """Function imports (list) and global/table/memory imports (dict by kind, index)."""
        funcs, datas, count = [], {}, {}
        for imp in module.imports:
            if imp.kind == ExternKind.FUNC:
                ft = module.types[imp.desc]
                funcs.append(self.resolve_func(imp.module, imp.name, ft))
                continue
            k = count[imp.kind] = count.get(imp.kind, -1) + 1
            datas[(imp.kind, k)] = self.resolve_data(imp)
        return funcs, datas

    def spectest_instance(self) -> Instance:
        if self.spectest is None:
            wasm = bytes(wasmtime.wat2wasm("(module " + SPECTEST_MODULE + ")"))
            self.spectest = self.instantiate(wasm, None, 0)
        return self.spectest

    def resolve_data(self, imp):
        """(defining instance, index there, symbol) of an imported global, table or memory."""
        src = self.spectest_instance() if imp.module == "spectest" else \
            self.registry.get(imp.module)
        if src is None:
            raise Unlinkable(f"unknown import {imp.module}.{imp.name}")
        if src.result is None:
            raise Skip(src.unsupported or src.failed or "import from unusable module")
        exp = [e for e in src.module.exports if e.name == imp.name]
        if not exp:
            raise Unlinkable(f"unknown import {imp.module}.{imp.name}")
        if exp[0].kind != imp.kind:
            raise Unlinkable(f"incompatible import type for {imp.module}.{imp.name}")
        owner, idx, sym = src.data_links.get((imp.kind, exp[0].index)) or (
            src, exp[0].index, src.result.compiled.layout.export_aliases(imp.kind,
                                                                         exp[0].index)[0])
        if not _import_matches(imp, owner, idx, sym):
            raise Unlinkable(f"incompatible import type for {imp.module}.{imp.name}")
        return owner, idx, sym

    def resolve_func(self, modname: str, name: str, ft: FuncType):
        if modname == "spectest":
            want = SPECTEST_FUNCS.get(name)
            if want is None:
                raise Unlinkable(f"unknown import spectest.{name}")
            if want != ft:
                raise Unlinkable(f"incompatible import type for spectest.{name}")
            return ("host", name, ft)
        src = self.registry.get(modname)
        if src is None:
            raise Unlinkable(f"unknown import {modname}.{name}")
        if src.result is None:
            raise Skip(src.unsupported or src.failed or "import from unusable module")
        exp = [e for e in src.module.exports if e.name == name]
        if not exp or exp[0].kind != ExternKind.FUNC:
            raise Unlinkable(f"unknown import {modname}.{name}")
        idx = exp[0].index
        if src.module.func_type(idx) != ft:
            raise Unlinkable(f"incompatible import type for {modname}.{name}")
        return self.resolve_index(src, idx)

    def resolve_index(self, src: Instance, idx: int):
        lay = src.result.compiled.layout
        if idx < lay.nimported:
            return src.resolved[idx]            # a re-exported import
        return ("sym", src, self.defined_symbol(src, idx))

    @staticmethod
    def defined_symbol(src: Instance, idx: int) -> str:
        return src.result.compiled.layout.export_symbols(idx)[0]

    # -- linking -------------------------------------------------------------
    def link(self, inst: Instance):
        """Link inst with every instance sharing anything with it (their images
        merge, state/move_state); run inst's init.  Returns its trap message or None."""
        deps = [r[1] for r in inst.resolved if r[0] == "sym"]
        deps += [owner for owner, _, _ in inst.data_links.values()]
        members: list[Instance] = []
        for d in deps:
            for m in (d.image.members if d.image else [d]):
                if m not in members:
                    members.append(m)
        members.append(inst)

        stubs: dict[str, tuple] = {}
        for i in members:
            lay = i.result.compiled.layout
            links = [(lay.func_symbol(k), r[:2] if r[0] == "host" else ("sym", r[2]))
                     for k, r in enumerate(i.resolved)]
            links += [(lay.import_symbol(*key), ("data", sym))
                      for key, (_, _, sym) in i.data_links.items()]
            for sym, key in links:
                if stubs.setdefault(sym, key) != key:
                    raise _LinkSkip(f"two imports need the same symbol {sym} resolved differently")
        hosts, host_syms, lines, defsyms = {}, [], [], []
        for sym, key in stubs.items():
            if key[0] == "host":
                ft = SPECTEST_FUNCS[key[1]]
                hosts[sym] = HostFunction(ft.params, ft.results, lambda *a: None)
                host_syms.append(sym)
            elif key[0] == "data":
                defsyms.append(f"-Wl,--defsym={sym}={key[1]}")
            else:
                q = '"' + sym + '"'
                lines += ["  .section .text.synth_wast." + c_identifier(sym) + ',"ax",%progbits',
                          "  .align 2", f"  .global {q}", f"  .type {q}, %function",
                          "  .thumb_func", f"{q}:", *_tail_branch(f'"{key[1]}"', self.options)]
        self.counter += 1
        d = os.path.join(self.tmp, f"img{self.counter}")
        os.makedirs(d)
        extra = []
        if lines:
            src = os.path.join(d, "links.S")
            with open(src, "w") as f:
                f.write("  .syntax unified\n  .thumb\n" + "\n".join(lines) + "\n")
            extra.append(src)
        exe = link_executable([i.obj for i in members], os.path.join(d, "image.elf"),
                              cpu=self.options.cpu, imports=host_syms, extra_sources=extra,
                              float_abi=self.options.float_abi, extra_flags=defsyms,
                              fpu=self.options.hw_fpu.name if self.options.hw_fpu else None)
        emu = Emulator(exe, hosts, cpu=self.options.cpu,
                       float_abi=self.options.float_abi)
        image = Image(emu, exe, members)     # the harness sets synth_stack_limit
        for old in {id(i.image): i.image for i in members if i.image is not None}.values():
            move_state(old.members, old.emu, emu)
        for i in members:
            i.image = image
        res = emu.call(inst.result.compiled.layout.init_symbol, (), (), (),
                       max_instructions=MAX_INSTRUCTIONS)
        return _trap_text(res.trap) if res.trap is not None else None

    # -- actions -------------------------------------------------------------
    def target(self, ref) -> Instance:
        if ref is not None:
            inst = self.instances.get(ref)
            if inst is None:
                raise Fail(f"unknown module {ref}")
            return inst
        if self.current is None:
            raise Fail("no module defined")
        return self.current

    def register(self, node: List) -> None:
        if len(node) < 2 or not isinstance(node[1], Str):
            raise Fail("register: expected a name")
        ref = node[2].text if len(node) > 2 and isinstance(node[2], Atom) else None
        inst = self.target(ref)
        self.registry[node[1].text] = inst
        inst.unusable()

    def action(self, node: List, *, max_instructions=MAX_INSTRUCTIONS):
        """Run an invoke/get; returns (CallResult, result types)."""
        kind = node.head()
        items = list(node.items[1:])
        ref = None
        if items and isinstance(items[0], Atom) and items[0].text.startswith("$"):
            ref = items.pop(0).text
        if not items or not isinstance(items[0], Str):
            raise Fail(f"{kind}: expected an export name")
        name = items.pop(0).text
        inst = self.target(ref)
        inst.unusable()
        m = inst.module
        lay = inst.result.compiled.layout
        emu = inst.image.emu
        if kind == "get":
            exp = [e for e in m.exports if e.name == name and e.kind == ExternKind.GLOBAL]
            if not exp:
                raise Fail(f"get: no exported global {name!r}")
            gt = m.global_type(exp[0].index)
            if gt.valtype not in VALUE_TYPES:
                raise Skip(f"globals of type {gt.valtype.text} are not supported by the runner")
            sym, off, words = lay.global_place(exp[0].index)
            raw = emu.read_memory(emu.symbol_address(sym) + off, 4 * words)
            return CallResult.ok((int.from_bytes(raw, "little"),)), (gt.valtype,)
        exp = [e for e in m.exports if e.name == name and e.kind == ExternKind.FUNC]
        if not exp:
            raise Fail(f"invoke: no exported function {name!r}")
        idx = exp[0].index
        ft = m.func_type(idx)
        for t in (*ft.params, *ft.results):
            if t not in VALUE_TYPES:
                raise Skip(f"values of type {t.text} are not supported by the runner")
        args = []
        for a in items:
            t, v = _const(a, "argument")
            if isinstance(v, str):
                raise Fail(f"argument {v} is not a value")
            args.append((t, v))
        if tuple(t for t, _ in args) != ft.params:
            raise Fail(f"invoke {name}: arguments do not match the type {ft}")
        if idx < lay.nimported:
            sym = lay.func_symbol(idx)
        else:
            sym = lay.export_symbol(name)
        res = emu.call(sym, ft.params, [v for _, v in args], ft.results,
                       max_instructions=max_instructions)
        return res, ft.results

    def assert_return(self, node: List) -> None:
        if len(node) < 2 or not isinstance(node[1], List):
            raise Fail("assert_return: expected an action")
        expected = [_const(x, "result") for x in node.items[2:]]
        res, types = self.action(node[1])
        want = self._show_expected(expected)
        if res.trap is not None:
            raise Mismatch(want, f"trap '{_trap_text(res.trap)}'")
        got = ", ".join(_show(x, tt) for x, tt in zip(res.values, types)) or "()"
        if len(res.values) != len(expected):
            raise Mismatch(f"{len(expected)} result(s): {want}",
                           f"{len(res.values)}: {got}")
        for (t, pat), v, rt in zip(expected, res.values, types):
            if t != rt and not (t is ANY_REF and rt in (ValType.FUNCREF, ValType.EXTERNREF)):
                raise Mismatch(f"{want} (type {t.text})", f"{got} (type {rt.text})")
            if not _matches(pat, v, t):
                raise Mismatch(want, got)

    @staticmethod
    def _show_expected(expected) -> str:
        return ", ".join(f"{t.text}:{p}" if isinstance(p, str) else _show(p, t)
                         for t, p in expected) or "()"

    def assert_trap(self, node: List) -> None:
        if len(node) < 3 or not isinstance(node[1], List) or not isinstance(node[2], Str):
            raise Fail("assert_trap: expected an action or module and a message")
        msg = node[2].text
        if node[1].head() == "module":
            name, wasm = self.module_bytes(node[1])
            inst = self.instantiate(wasm, name, node[1].line, expect_trap=True)
            inst.unusable()
            trap = getattr(inst, "init_trap", None)
            if trap is None:
                raise Mismatch(f"instantiation trap '{msg}'", "module instantiated")
            if not (trap.startswith(msg) or msg.startswith(trap)):
                raise Mismatch(f"trap '{msg}'", f"trap '{trap}'")
            return
        res, types = self.action(node[1])
        if res.trap is None:
            got = ", ".join(_show(v, t) for v, t in zip(res.values, types)) or "()"
            raise Mismatch(f"trap '{msg}'", got)
        ok, text = _trap_matches(res.trap, msg)
        if not ok:
            raise Mismatch(f"trap '{msg}'", f"trap '{text}'")

    def assert_exhaustion(self, node: List) -> None:
        if len(node) < 2 or not isinstance(node[1], List):
            raise Fail("assert_exhaustion: expected an action")
        msg = node[2].text if len(node) > 2 and isinstance(node[2], Str) else ""
        act = node[1]
        ref = act[1].text if len(act) > 1 and isinstance(act[1], Atom) else None
        inst = self.target(ref)
        inst.unusable()
        # the stack grows towards unmapped memory (run/emu.ld): an overflow
        # without --stack-check faults instead of reaching instance state
        reason = ("compiled without stack-limit checks (run with --stack-check)"
                  if not self.options.stack_check else "no stack-exhaustion trap")
        try:
            res, _types = self.action(act, max_instructions=MAX_INSTRUCTIONS)
        except EmulatorError as e:
            raise Skip(f"{reason} ({e.message})") from None
        if res.trap == Trap.STACK_EXHAUSTED:
            ok, text = _trap_matches(res.trap, msg)
            if not ok:
                raise Mismatch(f"trap '{msg}'", f"trap '{text}'")
            return
        if res.trap is not None:
            if self.options.stack_check:
                raise Mismatch("stack exhaustion", f"trap '{_trap_text(res.trap)}'")
            raise Skip(f"{reason} (trap '{_trap_text(res.trap)}')")
        raise Skip(f"{reason} (the call returned normally)")

    def assert_rejected(self, node: List, cmd: str) -> None:
        if len(node) < 2 or not isinstance(node[1], List) or node[1].head() != "module":
            raise Fail(f"{cmd}: expected a module")
        msg = node[2].text if len(node) > 2 and isinstance(node[2], Str) else ""
        try:
            _name, kind, payload = self.module_source(node[1])
        except Fail:
            return                               # not even a module form: rejected
        if kind in ("text", "quote", "definition"):
            try:
                wasm = assemble("(module " + payload + ")")
            except wasmtime.WasmtimeError:
                return                           # the text front end rejects it
        elif kind == "binary":
            wasm = payload
        else:
            raise Fail(f"{cmd}: unexpected module instance")
        try:
            self.decode(wasm, node.line)
        except UnsupportedError as e:
            raise Skip(f"rejected as unsupported, not as {cmd[7:]}: {e.message}") from None
        except (SynthError, WasmRejected):
            return
        except Exception as e:                   # a crash of the front end is a bug
            raise Fail(f"front end crashed: {type(e).__name__}: {e}") from None
        older = self.invalid_before(wasm, node.line)
        if older is not None:
            raise Skip(f"valid since wasm {self.options.wasm}, {cmd[7:]} in wasm {older[0]} as "
                       f"this script expects ({older[1]}; run with --wasm {older[0]})")
        raise Mismatch(f"{cmd[7:]} module rejected ('{msg}')", "module accepted")

    def invalid_before(self, wasm: bytes, line: int) -> tuple[str, str] | None:
        """(version, its error) when an earlier version of the standard than the
        one validated against rejects the module: an assertion of an older
        test suite (2.0's global.wast calls `global.get` of a defined global
        invalid, and binary.wast a memory index byte other than 0 malformed;
        3.0 made them valid)."""
        for version in WASM_VERSIONS:
            if version == self.options.wasm:
                return None
            try:
                validate(decode(wasm, "x", version != "2.0"), "x", version)
            except SynthError as e:
                return version, e.message
        return None

    def assert_unlinkable(self, node: List) -> None:
        if len(node) < 2 or not isinstance(node[1], List):
            raise Fail("assert_unlinkable: expected a module")
        msg = node[2].text if len(node) > 2 and isinstance(node[2], Str) else ""
        _name, wasm = self.module_bytes(node[1])
        try:
            module = self.decode(wasm, node.line)
        except (SynthError, WasmRejected) as e:
            raise Fail(f"module rejected by the front end: {e}") from None
        try:
            self.resolve_imports(module)
        except Unlinkable:
            return
        raise Skip(f"imports resolve, but the expected link error '{msg}' concerns "
                   "import kinds or types the runner does not check")

    def assert_uninstantiable(self, node: List) -> None:
        if len(node) < 2 or not isinstance(node[1], List):
            raise Fail("assert_uninstantiable: expected a module")
        msg = node[2].text if len(node) > 2 and isinstance(node[2], Str) else ""
        name, wasm = self.module_bytes(node[1])
        inst = self.instantiate(wasm, name, node[1].line, expect_trap=True)
        inst.unusable()
        if getattr(inst, "init_trap", None) is None:
            raise Mismatch(f"instantiation to fail with '{msg}'", "module instantiated")


class WasmRejected(Exception):
    pass


def _tail_branch(target: str, options) -> list[str]:
    """Assembly of a jump to `target` from a link stub: b.w, or on ARMv6-M (no
    b.w, ±2 KiB b) through ip, which is free at a call boundary (AAPCS)."""
    if options.target.isa.thumb2:
        return [f"  b.w {target}"]
    return ["  push {r0}", f"  ldr r0, ={target}", "  mov ip, r0", "  pop {r0}", "  bx ip",
            "  .ltorg"]


class _LinkSkip(Exception):
    pass


def _first_line(e: Exception) -> str:
    return str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__


def _trap_text(code: int) -> str:
    try:
        return Trap(code).message
    except ValueError:
        return f"trap code {code}"


def wasm_valid(wasm: bytes) -> bool:
    try:
        wasmtime.Module.validate(wasmtime.Engine(), wasm)
        return True
    except Exception:
        return False


def _memory_reserves(module: Module) -> list[tuple[int, int]]:
    """(memory index, bytes) to reserve for the memories that can grow: those
    grown here share GROW_RESERVE_PAGES of 64 KiB; an exported one without a
    maximum (an importer may grow it) gets EXPORT_GROW_PAGES.  In bytes, each
    memory's pages its own size (custom page sizes: no rounding to 64 KiB)."""
    grown = {ins.imm for f in module.functions for ins in f.body if ins.op == "memory.grow"}
    share = GROW_RESERVE_PAGES // max(1, len(grown)) * PAGE
    out = []
    for k, mt in enumerate(module.all_memories()):
        lim, initial = mt.limits, mt.limits.min * mt.page_size
        if k in grown:
            top = lim.max * mt.page_size if lim.max is not None else share
            out.append((k, max(initial, min(top, share))))
        elif lim.max is None and module.exports_of(ExternKind.MEMORY, k):
            out.append((k, max(initial, EXPORT_GROW_PAGES * PAGE)))
    return out


def _import_matches(imp, owner: Instance, idx: int, sym: str) -> bool:
    """Import subtyping (spec 2.0): equal global types; a table or memory whose
    current size and maximum lie within the import's limits (and a memory of
    the same page size: custom-page-sizes has no subtyping between them)."""
    m = owner.module
    if imp.kind == ExternKind.GLOBAL:
        return m.global_type(idx) == imp.desc
    if imp.kind == ExternKind.TABLE:
        tt = m.table_type(idx)
        if tt.elem != imp.desc.elem:
            return False
        have, want = tt.limits, imp.desc.limits
        size_at = 0
    else:
        if m.memory_type(idx).page_size != imp.desc.page_size:
            return False
        have, want = m.memory_type(idx).limits, imp.desc.limits
        size_at = MEM_PAGES
    emu = owner.image.emu if owner.image else None
    current = have.min
    if emu is not None and sym in emu.symbols:
        current = int.from_bytes(emu.read_memory(emu.symbols[sym] + size_at, 4), "little")
    if current < want.min:
        return False
    return want.max is None or (have.max is not None and have.max <= want.max)


def run_file(path: str, options: Options, *, memory_size_given: bool = False) -> FileReport:
    runner = ScriptRunner(options, memory_size_given=memory_size_given)
    try:
        return runner.run(path)
    finally:
        runner.close()

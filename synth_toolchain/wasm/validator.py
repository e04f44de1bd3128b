"""WebAssembly 2.0 validation of a decoded `Module`.

Follows the algorithm of the specification's validation appendix: an operand
stack of value types (`None` = the unknown type of the polymorphic stack) and
a control stack of frames.  Every error is a `WasmValidationError` carrying
the offset of the offending instruction or module field.
"""

from __future__ import annotations

from ..cnames import printable
from ..errors import WasmValidationError
from . import features
from . import opcodes as O
from .module import DEFAULT_PAGE_SIZE, ExternKind, FuncType, Instr, Limits, MemType, Module, ValType

I32, I64, F32, F64 = ValType.I32, ValType.I64, ValType.F32, ValType.F64
FUNCREF, EXTERNREF = ValType.FUNCREF, ValType.EXTERNREF
_REF = (FUNCREF, EXTERNREF)
_NUM = (I32, I64, F32, F64, ValType.V128)

_CONST_OPS = {"i32.const": I32, "i64.const": I64, "f32.const": F32, "f64.const": F64}


# The proposals each version of the standard adds that synth implements: a
# module is validated against one version (`--wasm`, default the newest), so
# the 2.0 test suite, which still calls these forms invalid, passes under 2.0.
# custom-page-sizes is a proposal not in 3.0, accepted with it: a page size of 1
# byte is what lets a module on a small MCU declare exactly the RAM it needs, and
# its flag bit means nothing else in 3.0 (under 2.0 the flag stays malformed).
WASM_VERSIONS: dict[str, frozenset[str]] = {
    "2.0": frozenset(),
    "3.0": frozenset({"extended-const", "multi-memory", "custom-page-sizes"}),
}
PAGE_SIZES = (DEFAULT_PAGE_SIZE, 1)     # custom-page-sizes allows these two
DEFAULT_WASM_VERSION = "3.0"


def validate(module: Module, path: str, version: str = DEFAULT_WASM_VERSION) -> None:
    """Raise `WasmValidationError` unless `module` is valid in that version."""
    _ModuleValidator(module, path, WASM_VERSIONS[version]).run()


def _tname(t) -> str:
    return "unknown" if t is None else t.text


def _tlist(ts) -> str:
    return "[" + " ".join(_tname(t) for t in ts) + "]"


def _offsets(known: list[int], n: int) -> list[int]:
    """`known` padded with 0 to n entries (modules built in code carry no offsets)."""
    return list(known[:n]) + [0] * (n - len(known))


class _ModuleValidator:
    def __init__(self, module: Module, path: str, enabled: frozenset[str]):
        self.m = module
        self.path = path
        self.extended_const = "extended-const" in enabled
        self.multi_memory = "multi-memory" in enabled
        self.page_sizes = PAGE_SIZES if "custom-page-sizes" in enabled else PAGE_SIZES[:1]

    def err(self, msg: str, offset: int | None):
        raise WasmValidationError(msg, path=self.path, offset=offset)

    # -- module level --------------------------------------------------------------------
    def run(self) -> None:
        m = self.m
        ntypes = len(m.types)
        self.func_types: list[FuncType] = []
        for imp in m.imports:
            if imp.kind == ExternKind.FUNC:
                if imp.desc >= ntypes:
                    self.err(f"unknown type {imp.desc} in function import", imp.offset)
                self.func_types.append(m.types[imp.desc])
            elif imp.kind == ExternKind.TABLE:
                self.limits(imp.desc.limits, 1 << 32, "table", imp.offset)
            elif imp.kind == ExternKind.MEMORY:
                self.memtype(imp.desc, imp.offset)
        for f in m.functions:
            if f.type_index >= ntypes:
                self.err(f"unknown type {f.type_index} for function", f.offset)
            self.func_types.append(m.types[f.type_index])
        self.tables = m.all_tables()
        self.mems = m.all_memories()
        self.globals = m.all_globals()
        self.num_imported_globals = len(m.imports_of(ExternKind.GLOBAL))
        for t, off in zip(m.tables, _offsets(m.table_offsets, len(m.tables))):
            self.limits(t.limits, 1 << 32, "table", off)
            if t.init is not None:      # the table section precedes the globals
                self.const_expr(t.init, t.elem, off, "table initializer",
                                visible=self.num_imported_globals)
        mem_offsets = [i.offset for i in m.imports_of(ExternKind.MEMORY)] + \
            _offsets(m.memory_offsets, len(m.memories))
        for mt, off in zip(m.memories, mem_offsets[len(self.mems) - len(m.memories):]):
            self.memtype(mt, off)
        if len(self.mems) > 1 and not self.multi_memory:
            self.err(f"multiple memories ({len(self.mems)}): at most one memory is allowed",
                     mem_offsets[1])

        # C.refs: functions referenced outside function bodies
        refs: set[int] = set()
        exprs = [g.init for g in m.globals] + [t.init for t in m.tables if t.init]
        for e in m.elements:
            exprs.extend(e.init)
            if e.offset_expr:
                exprs.append(e.offset_expr)
        for d in m.datas:
            if d.offset_expr:
                exprs.append(d.offset_expr)
        for ex in exprs:
            for ins in ex:
                if ins.op == "ref.func":
                    refs.add(ins.imm)
        for ex in m.exports:
            if ex.kind == ExternKind.FUNC:
                refs.add(ex.index)
        self.refs = refs

        for i, g in enumerate(m.globals):
            # an initialiser reads imported globals, and (3.0) the ones defined before it
            self.const_expr(g.init, g.type.valtype, g.offset, "global initializer",
                            visible=self.num_imported_globals + i * self.extended_const)

        names: set[str] = set()
        counts = {ExternKind.FUNC: len(self.func_types), ExternKind.TABLE: len(self.tables),
                  ExternKind.MEMORY: len(self.mems), ExternKind.GLOBAL: len(self.globals)}
        for ex in m.exports:
            if ex.index >= counts[ex.kind]:
                kname = "function" if ex.kind == ExternKind.FUNC else ex.kind.name.lower()
                self.err(f"unknown {kname} {ex.index} in export \"{printable(ex.name)}\"",
                         ex.offset)
            if ex.name in names:
                self.err(f"duplicate export name \"{printable(ex.name)}\"", ex.offset)
            names.add(ex.name)

        if m.start is not None:
            if m.start >= len(self.func_types):
                self.err(f"unknown function {m.start} as start function", m.start_offset or 0)
            ft = self.func_types[m.start]
            if ft.params or ft.results:
                self.err(f"start function must have type [] -> [], got {ft}",
                         m.start_offset or 0)

        for e in m.elements:
            for init in e.init:
                self.const_expr(init, e.elem_type, e.offset, "element initializer")
            if e.mode == "active":
                if e.table >= len(self.tables):
                    self.err(f"unknown table {e.table} in element segment", e.offset)
                tt = self.tables[e.table]
                if tt.elem != e.elem_type:
                    self.err(f"type mismatch: element segment of {e.elem_type.text} "
                             f"for table of {tt.elem.text}", e.offset)
                self.const_expr(e.offset_expr or [], I32, e.offset, "element offset")

        for d in m.datas:
            if d.mode == "active":
                if d.memory >= len(self.mems):
                    self.err(f"unknown memory {d.memory} in data segment", d.offset)
                self.const_expr(d.offset_expr or [], I32, d.offset, "data offset")

        nimp = m.num_imported_funcs
        for i, f in enumerate(m.functions):
            _FuncValidator(self, nimp + i, f).run()

    def memtype(self, mt: MemType, offset) -> None:
        if mt.page_size not in self.page_sizes:
            self.err(f"invalid custom page size {mt.page_size}: a memory's pages are 1 or "
                     f"65536 bytes" if len(self.page_sizes) > 1 else
                     f"invalid custom page size {mt.page_size}: not in WebAssembly 2.0", offset)
        self.limits(mt.limits, mt.max_pages, "memory", offset)

    def limits(self, lim: Limits, bound: int, what: str, offset):
        if what == "memory":
            if lim.min > bound:
                self.err(f"memory size must be at most {bound} pages (4GiB)", offset)
            if lim.max is not None and lim.max > bound:
                self.err(f"memory size must be at most {bound} pages (4GiB)", offset)
        if lim.max is not None and lim.min > lim.max:
            self.err(f"size minimum must not be greater than maximum ({what} limits "
                     f"{lim.min} > {lim.max})", offset)

    def const_expr(self, expr: list[Instr], expected: ValType, offset, what: str,
                   visible: int | None = None) -> None:
        """A constant expression of type `expected`; global.get reads an immutable
        global among the first `visible` (default: the imported ones in 2.0, all
        in 3.0, whose extended constant expressions add integer add, sub, mul)."""
        if visible is None:
            visible = len(self.globals) if self.extended_const else self.num_imported_globals
        stack: list[ValType] = []
        for ins in expr:
            op = ins.op
            off = ins.offset or offset
            t = _CONST_OPS.get(op)
            if t is not None:
                stack.append(t)
            elif op == "ref.null":
                stack.append(ins.imm)
            elif op == "ref.func":
                if ins.imm >= len(self.func_types):
                    self.err(f"unknown function {ins.imm} in {what}", off)
                stack.append(FUNCREF)
            elif op == "global.get":
                if ins.imm >= visible:
                    self.err(f"unknown global {ins.imm} in {what}", off)
                gt = self.globals[ins.imm]
                if gt.mutable:
                    self.err(f"constant expression required: global {ins.imm} is mutable "
                             f"({what})", off)
                stack.append(gt.valtype)
            elif op in _EXTENDED_CONST and self.extended_const:
                t = _EXTENDED_CONST[op]
                if stack[-2:] != [t, t]:
                    self.err(f"type mismatch in {op}: expected [{t.text} {t.text}], got "
                             f"{_tlist(stack[-2:])} ({what})", off)
                stack[-2:] = [t]
            else:
                self.err(f"constant expression required: {op} is not allowed in {what}", off)
        if len(stack) != 1 or stack[0] != expected:
            self.err(f"type mismatch in {what}: expected [{expected.text}], got {_tlist(stack)}",
                     offset)


# wasm 3.0's extended constant expressions
_EXTENDED_CONST = {f"{t.text}.{op}": t for t in (I32, I64) for op in ("add", "sub", "mul")}


class _Frame:
    __slots__ = ("op", "params", "results", "height", "unreachable", "offset")

    def __init__(self, op, params, results, height, offset):
        self.op = op
        self.params = params
        self.results = results
        self.height = height
        self.unreachable = False
        self.offset = offset

    @property
    def label_types(self):
        return self.params if self.op == "loop" else self.results


class _FuncValidator:
    def __init__(self, mv: _ModuleValidator, funcidx: int, func):
        self.mv = mv
        self.m = mv.m
        self.funcidx = funcidx
        self.func = func
        self.ft = mv.func_types[funcidx]
        self.locals = list(self.ft.params) + list(func.locals)
        self.vals: list = []
        self.ctrls: list[_Frame] = []
        self.offset = func.offset

    def err(self, msg: str, offset=None):
        name = self.m.function_name(self.funcidx)
        where = f"function {self.funcidx}" + (f" (${printable(name)})" if name else "")
        raise WasmValidationError(f"{msg} [in {where}]", path=self.mv.path,
                                  offset=self.offset if offset is None else offset)

    # -- operand stack ---------------------------------------------------------------------
    def pop(self, expect=None, what=""):
        vals = self.vals
        frame = self.ctrls[-1]
        if len(vals) == frame.height:
            if frame.unreachable:
                return None
            self.err(f"type mismatch in {what}: expected "
                     f"{'a value' if expect is None else expect.text}, but the stack is empty")
        actual = vals.pop()
        if expect is not None and actual is not None and actual != expect:
            self.err(f"type mismatch in {what}: expected {expect.text}, got {actual.text}")
        return actual

    def pop_vals(self, types, what):
        for t in reversed(types):
            self.pop(t, what)

    def push_ctrl(self, op, params, results, offset):
        self.ctrls.append(_Frame(op, params, results, len(self.vals), offset))
        self.vals.extend(params)

    def pop_ctrl(self, what):
        frame = self.ctrls[-1]
        self.pop_vals(frame.results, what)
        if len(self.vals) != frame.height:
            extra = self.vals[frame.height:]
            self.err(f"type mismatch in {what}: {len(extra)} value(s) {_tlist(extra)} left on "
                     f"the stack at the end of the block, expected {_tlist(frame.results)}")
        self.ctrls.pop()
        return frame

    def set_unreachable(self):
        frame = self.ctrls[-1]
        del self.vals[frame.height:]
        frame.unreachable = True

    def label(self, depth, what):
        if depth >= len(self.ctrls):
            self.err(f"unknown label {depth} in {what}")
        return self.ctrls[-1 - depth]

    def block_type(self, bt, what):
        if isinstance(bt, int) and not isinstance(bt, bool):
            if bt >= len(self.m.types):
                self.err(f"unknown type {bt} in {what} block type")
            return self.m.types[bt]
        return self.m.block_type(bt)

    def check_memory(self, idx, what):
        if idx >= len(self.mv.mems):
            self.err(f"unknown memory {idx} in {what}")

    def check_table(self, idx, what):
        if idx >= len(self.mv.tables):
            self.err(f"unknown table {idx} in {what}")
        return self.mv.tables[idx].elem

    def indirect_callee(self, imm, what):
        """The type a call_indirect or return_call_indirect calls through its
        funcref table, after popping its i32 table index."""
        ti, tab = imm
        et = self.check_table(tab, what)
        if et != FUNCREF:
            self.err(f"type mismatch: {what} through table {tab} of "
                     f"{et.text} (funcref required)")
        if ti >= len(self.m.types):
            self.err(f"unknown type {ti}")
        self.pop(I32, f"{what} index")
        return self.m.types[ti]

    def check_elem(self, idx, what):
        if idx >= len(self.m.elements):
            self.err(f"unknown elem segment {idx} in {what}")
        return self.m.elements[idx].elem_type

    def check_data(self, idx, what):
        n = self.m.data_count if self.m.data_count is not None else len(self.m.datas)
        if idx >= n:
            self.err(f"unknown data segment {idx} in {what}")

    # -- body ----------------------------------------------------------------------------
    def run(self) -> None:
        by_name = O.BY_NAME
        vals = self.vals
        ctrls = self.ctrls
        locals_ = self.locals
        nlocals = len(locals_)
        mv = self.mv
        self.push_ctrl("func", (), self.ft.results, self.func.offset)
        self.vals.clear()   # function frame starts with an empty stack
        body = self.func.body
        for ins in body:
            op = ins.op
            self.offset = ins.offset
            if not ctrls:
                self.err(f"{op} after the end of the function")
            info = by_name.get(op)
            if info is None:
                self.err(f"unknown instruction {op}")
            if not info.special:
                if info.memory:
                    imm = ins.imm
                    if info.align is not None:
                        self.check_memory(imm.memory, op)
                        if imm.align > info.align:
                            self.err(f"alignment must not be larger than natural "
                                     f"({1 << imm.align} > {info.size}) in {op}")
                    else:
                        mems = imm if isinstance(imm, tuple) else (imm or 0,)
                        for mi in mems:
                            self.check_memory(mi, op)
                frame = ctrls[-1]
                h = frame.height
                for t in reversed(info.params):
                    if len(vals) > h:
                        a = vals.pop()
                        if a is not t and a is not None:
                            self.err(f"type mismatch in {op}: expected {t.text}, got {a.text}")
                    elif not frame.unreachable:
                        self.err(f"type mismatch in {op}: expected {t.text}, "
                                 "but the stack is empty")
                vals.extend(info.results)
                continue
            imm = ins.imm
            if op == "local.get":
                if imm >= nlocals:
                    self.err(f"unknown local {imm}")
                vals.append(locals_[imm])
            elif op == "local.set":
                if imm >= nlocals:
                    self.err(f"unknown local {imm}")
                self.pop(locals_[imm], op)
            elif op == "local.tee":
                if imm >= nlocals:
                    self.err(f"unknown local {imm}")
                self.pop(locals_[imm], op)
                vals.append(locals_[imm])
            elif op == "global.get":
                if imm >= len(mv.globals):
                    self.err(f"unknown global {imm}")
                vals.append(mv.globals[imm].valtype)
            elif op == "global.set":
                if imm >= len(mv.globals):
                    self.err(f"unknown global {imm}")
                gt = mv.globals[imm]
                if not gt.mutable:
                    self.err(f"global is immutable: global.set {imm}")
                self.pop(gt.valtype, op)
            elif op == "end":
                frame = self.pop_ctrl(op)
                if frame.op == "if" and frame.params != frame.results:
                    self.err(f"type mismatch: if without else must have matching parameter "
                             f"and result types ({_tlist(frame.params)} vs "
                             f"{_tlist(frame.results)})")
                vals.extend(frame.results)
            elif op == "block" or op == "loop" or op == "if":
                ft = self.block_type(imm, op)
                if op == "if":
                    self.pop(I32, "if condition")
                self.pop_vals(ft.params, op)
                self.push_ctrl(op, ft.params, ft.results, ins.offset)
            elif op == "else":
                if ctrls[-1].op != "if":
                    self.err("else without matching if")
                frame = self.pop_ctrl(op)
                self.push_ctrl("else", frame.params, frame.results, ins.offset)
            elif op == "br":
                self.pop_vals(self.label(imm, op).label_types, op)
                self.set_unreachable()
            elif op == "br_if":
                lt = self.label(imm, op).label_types
                self.pop(I32, "br_if condition")
                self.pop_vals(lt, op)
                vals.extend(lt)
            elif op == "br_table":
                targets, default = imm
                self.pop(I32, "br_table index")
                dt = self.label(default, op).label_types
                arity = len(dt)
                for depth in targets:
                    lt = self.label(depth, op).label_types
                    if len(lt) != arity:
                        self.err(f"type mismatch: br_table targets have inconsistent arity "
                                 f"(label {depth} has {len(lt)}, default {default} has {arity})")
                    # check the current stack against each label type
                    popped = [self.pop(t, op) for t in reversed(lt)]
                    vals.extend(reversed(popped))
                self.pop_vals(dt, op)
                self.set_unreachable()
            elif op == "return":
                self.pop_vals(self.ft.results, op)
                self.set_unreachable()
            elif op == "unreachable":
                self.set_unreachable()
            elif op == "nop":
                pass
            elif op == "call":
                if imm >= len(mv.func_types):
                    self.err(f"unknown function {imm}")
                ft = mv.func_types[imm]
                self.pop_vals(ft.params, op)
                vals.extend(ft.results)
            elif op == "call_indirect":
                ft = self.indirect_callee(imm, op)
                self.pop_vals(ft.params, op)
                vals.extend(ft.results)
            elif op == "return_call" or op == "return_call_indirect":
                if op == "return_call":
                    if imm >= len(mv.func_types):
                        self.err(f"unknown function {imm}")
                    ft = mv.func_types[imm]
                else:
                    ft = self.indirect_callee(imm, op)
                if ft.results != self.ft.results:
                    self.err(f"type mismatch: {op} callee results {_tlist(ft.results)} "
                             f"are not the function's {_tlist(self.ft.results)}")
                self.pop_vals(ft.params, op)
                self.set_unreachable()
            elif op == "drop":
                self.pop(None, op)
            elif op == "select":
                if imm is not None and len(imm) != 1:
                    self.err(f"invalid result arity {len(imm)} for typed select")
                self.pop(I32, "select condition")
                if imm is None:
                    t1 = self.pop(None, op)
                    t2 = self.pop(None, op)
                    if t1 in _REF or t2 in _REF:
                        self.err("type mismatch: untyped select needs numeric operands "
                                 "(use a typed select for references)")
                    if t1 is not None and t2 is not None and t1 != t2:
                        self.err(f"type mismatch in select: operands {t2.text} and {t1.text}")
                    vals.append(t2 if t1 is None else t1)
                else:
                    t = imm[0]
                    self.pop(t, op)
                    self.pop(t, op)
                    vals.append(t)
            elif op == "ref.null":
                vals.append(imm)
            elif op == "ref.is_null":
                t = self.pop(None, op)
                if t is not None and t not in _REF:
                    self.err(f"type mismatch in ref.is_null: expected a reference, got {t.text}")
                vals.append(I32)
            elif op == "ref.func":
                if imm >= len(mv.func_types):
                    self.err(f"unknown function {imm}")
                if imm not in mv.refs:
                    self.err(f"undeclared function reference {imm} (ref.func needs the "
                             "function in an element segment, export or global)")
                vals.append(FUNCREF)
            elif op == "table.get":
                t = self.check_table(imm, op)
                self.pop(I32, op)
                vals.append(t)
            elif op == "table.set":
                t = self.check_table(imm, op)
                self.pop(t, op)
                self.pop(I32, op)
            elif op == "table.size":
                self.check_table(imm, op)
                vals.append(I32)
            elif op == "table.grow":
                t = self.check_table(imm, op)
                self.pop(I32, op)
                self.pop(t, op)
                vals.append(I32)
            elif op == "table.fill":
                t = self.check_table(imm, op)
                self.pop(I32, op)
                self.pop(t, op)
                self.pop(I32, op)
            elif op == "table.copy":
                dst, src = imm
                td = self.check_table(dst, op)
                ts = self.check_table(src, op)
                if td != ts:
                    self.err(f"type mismatch in table.copy: {ts.text} table into {td.text} table")
                self.pop_vals((I32, I32, I32), op)
            elif op == "table.init":
                ei, ti = imm
                tt = self.check_table(ti, op)
                et = self.check_elem(ei, op)
                if tt != et:
                    self.err(f"type mismatch in table.init: {et.text} segment into "
                             f"{tt.text} table")
                self.pop_vals((I32, I32, I32), op)
            elif op == "elem.drop":
                self.check_elem(imm, op)
            elif op == "memory.init":
                di, mi = imm
                self.check_memory(mi, op)
                self.check_data(di, op)
                self.pop_vals((I32, I32, I32), op)
            elif op == "data.drop":
                self.check_data(imm, op)
            else:  # pragma: no cover - table is exhaustive
                self.err(f"unhandled instruction {op}")
        if ctrls:
            self.err("END opcode expected: function body is not terminated")

"""Random valid WebAssembly programs for differential testing.

The integer subset by default; `floats=True` adds f32/f64 values everywhere
(parameters, locals, results, memory) with every float operator and the
conversions between all four types.

Programs are built as typed expression trees, so every module validates by
construction: deep right-leaning expression stacks, many live locals, nested
blocks/loops/ifs with results, br_if/br_table to outer labels, bounded loops,
direct calls (to lower-numbered functions only, so no unbounded recursion),
call_indirect through a table (some indices trap), with `tail_calls` also
return_call and return_call_indirect in their place, loads/stores of every
width at random offsets (some out of bounds), globals, memory.size/grow.

    python -m tests.progen SEED [--floats] [--tail-calls]   # print the module for a seed
"""

from __future__ import annotations

import random
import sys

I32, I64, F32, F64 = "i32", "i64", "f32", "f64"
FLOATS = (F32, F64)
FBIN = ["add", "sub", "mul", "div", "min", "max", "copysign"]
FUN = ["abs", "neg", "sqrt", "ceil", "floor", "trunc", "nearest"]
FCMP = ["eq", "ne", "lt", "gt", "le", "ge"]
FCONSTS = ["0", "-0", "1", "-1", "0.5", "-1.5", "2.5", "3.75", "1e10", "-1e-10", "inf", "-inf",
           "nan", "-nan", "nan:0x200000", "0x1p-149", "0x1.fffffep127", "2147483648",
           "-2147483649", "4294967296", "123.456"]
# conversions: (source, destination) → operators
CONVERT = {
    (I32, F32): ["f32.convert_i32_s", "f32.convert_i32_u", "f32.reinterpret_i32"],
    (I64, F32): ["f32.convert_i64_s", "f32.convert_i64_u"],
    (F64, F32): ["f32.demote_f64"],
    (I32, F64): ["f64.convert_i32_s", "f64.convert_i32_u"],
    (I64, F64): ["f64.convert_i64_s", "f64.convert_i64_u", "f64.reinterpret_i64"],
    (F32, F64): ["f64.promote_f32"],
    (F32, I32): ["i32.trunc_sat_f32_s", "i32.trunc_sat_f32_u", "i32.reinterpret_f32",
                 "i32.trunc_f32_s"],
    (F64, I32): ["i32.trunc_sat_f64_s", "i32.trunc_sat_f64_u", "i32.trunc_f64_u"],
    (F32, I64): ["i64.trunc_sat_f32_s", "i64.trunc_sat_f32_u", "i64.trunc_f32_s"],
    (F64, I64): ["i64.trunc_sat_f64_s", "i64.trunc_sat_f64_u", "i64.reinterpret_f64",
                 "i64.trunc_f64_u"],
    (I32, I64): ["i64.extend_i32_s", "i64.extend_i32_u"],
    (I64, I32): ["i32.wrap_i64"],
}
BIN = {I32: ["add", "sub", "mul", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "rotr",
             "div_s", "div_u", "rem_s", "rem_u"]}
BIN[I64] = BIN[I32]
UN = {I32: ["clz", "ctz", "popcnt", "extend8_s", "extend16_s"],
      I64: ["clz", "ctz", "popcnt", "extend8_s", "extend16_s", "extend32_s"]}
CMP = ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"]
LOADS = {F32: ["f32.load"], F64: ["f64.load"],
         I32: ["i32.load", "i32.load8_s", "i32.load8_u", "i32.load16_s", "i32.load16_u"],
         I64: ["i64.load", "i64.load8_s", "i64.load8_u", "i64.load16_s", "i64.load16_u",
               "i64.load32_s", "i64.load32_u"]}
STORES = {F32: ["f32.store"], F64: ["f64.store"],
          I32: ["i32.store", "i32.store8", "i32.store16"],
          I64: ["i64.store", "i64.store8", "i64.store16", "i64.store32"]}
TABLE_FUNCS = 3     # table entries are f0..f2; only f3+ use call_indirect (no cycles)
CONSTS = [0, 1, -1, 2, 7, 31, 32, 63, 64, 255, 0x7FFF, 0x8000, -0x80000000, 0x7FFFFFFF, 123456789]


class Gen:
    def __init__(self, rng: random.Random, nfuncs: int = 5, max_depth: int = 6,
                 floats: bool = False, tail_calls: bool = False):
        self.rng = rng
        self.tail_calls = tail_calls
        self.nfuncs = nfuncs
        self.max_depth = max_depth
        self.types = [I32, I32, I64] + ([F32, F64, F32] if floats else [])
        self.sigs = []
        for _ in range(nfuncs):
            params = [rng.choice(self.types) for _ in range(rng.randint(0, 4 if floats else 3))]
            self.sigs.append((params, rng.choice(self.types)))

    # -- expressions --------------------------------------------------------------
    def const(self, t: str) -> str:
        r = self.rng
        if t in FLOATS:
            return f"({t}.const {r.choice(FCONSTS)})"
        v = r.choice(CONSTS) if r.random() < 0.7 else r.getrandbits(32 if t == I32 else 64)
        if t == I32:
            v = (v + 2**31) % 2**32 - 2**31
        else:
            v = (v + 2**63) % 2**64 - 2**63
        return f"({t}.const {v})"

    def float_expr(self, t: str, d: int) -> str | None:
        """A float-specific expression of type t, or None to use a generic one."""
        r = self.rng
        k = r.random()
        if t in FLOATS:
            if k < 0.35:
                return f"({t}.{r.choice(FBIN)} {self.expr(t, d)} {self.expr(t, d)})"
            if k < 0.50:
                return f"({t}.{r.choice(FUN)} {self.expr(t, d)})"
            if k < 0.65:
                src = r.choice([u for u in (I32, I64, F32, F64) if (u, t) in CONVERT])
                return self.convert(self.expr(src, d), src, t)
            return None
        if k < 0.12:
            u = r.choice(FLOATS)
            cmp = f"({u}.{r.choice(FCMP)} {self.expr(u, d)} {self.expr(u, d)})"
            return cmp if t == I32 else self.convert(cmp, I32, t)
        if k < 0.2:
            u = r.choice(FLOATS)
            return self.convert(self.expr(u, d), u, t)
        return None

    def expr(self, t: str, depth: int) -> str:
        r = self.rng
        if depth >= self.max_depth or r.random() < 0.15:
            return self.leaf(t)
        d = depth + 1
        if F32 in self.types:
            e = self.float_expr(t, d)
            if e is not None:
                return e
        k = r.random()
        if t in FLOATS and k < 0.46:         # integer-only operator families
            k = 0.52 + k / 10
        if k < 0.30:
            return f"({t}.{r.choice(BIN[t])} {self.expr(t, d)} {self.expr(t, d)})"
        if k < 0.38:
            return f"({t}.{r.choice(UN[t])} {self.expr(t, d)})"
        if k < 0.46:
            if t == I32:
                u = r.choice([I32, I64])
                return f"({u}.{r.choice(CMP)} {self.expr(u, d)} {self.expr(u, d)})"
            return f"(i64.extend_i32_{r.choice('su')} {self.expr(I32, d)})"
        if k < 0.52:
            if t == I32:
                return f"(i32.wrap_i64 {self.expr(I64, d)})"
            return self.leaf(t)
        if k < 0.58 and t in FLOATS:
            return f"(select {self.expr(t, d)} {self.expr(t, d)} {self.expr(I32, d)})"
        if k < 0.58:
            return f"(select {self.expr(t, d)} {self.expr(t, d)} {self.expr(I32, d)})"
        if k < 0.64:
            return f"({r.choice(LOADS[t])} offset={r.choice([0, 1, 4, 100, 65530])} {self.addr(d)})"
        if k < 0.70 and self.callable():
            f = r.choice(self.callable())
            params, res = self.sigs[f]
            args = " ".join(self.expr(p, d) for p in params)
            call = f"(call $f{f} {args})"
            return call if res == t else self.convert(call, res, t)
        if k < 0.74 and self.current >= TABLE_FUNCS:  # the table holds only lower functions
            f = r.randrange(self.nfuncs)
            params, res = self.sigs[f]
            args = " ".join(self.expr(p, d) for p in params)
            idx = f"(i32.and {self.expr(I32, d)} (i32.const 7))"
            call = f"(call_indirect (type $t{f}) {args} {idx})"
            return call if res == t else self.convert(call, res, t)
        if k < 0.82:
            return self.block_expr(t, d)
        if k < 0.88:
            return (f"(if (result {t}) {self.expr(I32, d)} (then {self.expr(t, d)}) "
                    f"(else {self.expr(t, d)}))")
        if k < 0.92:
            name = self.label()
            return (f"(block ${name} (result {t}) (drop (br_if ${name} {self.expr(t, d)} "
                    f"{self.expr(I32, d)})) {self.expr(t, d)})")
        if k < 0.95 and t == I32:
            return "(memory.size)" if r.random() < 0.5 else \
                f"(memory.grow (i32.and {self.expr(I32, d)} (i32.const 1)))"
        # a long right-leaning chain: every partial operand stays live
        op = r.choice(["add", "mul", "sub"] + ([] if t in FLOATS else ["xor"]))
        chain = self.leaf(t)
        for _ in range(r.randint(4, 12)):
            chain = f"({t}.{op} {self.leaf(t)} {chain})"
        return chain

    def convert(self, e: str, src: str, dst: str) -> str:
        if src == dst:
            return e
        if (src, dst) not in CONVERT:            # through i32 (i64 ↔ f32 reinterpret)
            return self.convert(self.convert(e, src, I32), I32, dst)
        return f"({self.rng.choice(CONVERT[src, dst])} {e})"

    def addr(self, d: int) -> str:
        if self.rng.random() < 0.85:
            return f"(i32.and {self.expr(I32, d)} (i32.const 0xfff8))"
        return self.expr(I32, d)

    def leaf(self, t: str) -> str:
        r = self.rng
        cands = [i for i, lt in enumerate(self.local_types) if lt == t]
        k = r.random()
        if cands and k < 0.6:
            return f"(local.get {r.choice(cands)})"
        if k < 0.75 and t not in FLOATS:
            return f"(global.get ${'g32' if t == I32 else 'g64'})"
        return self.const(t)

    def tail_call(self, d: int) -> str | None:
        """A return_call of a lower function with this one's result type, or a
        return_call_indirect through the table (some indices trap), or None."""
        r = self.rng
        same = [f for f in self.callable() if self.sigs[f][1] == self.result]
        if same and r.random() < 0.6:
            f = r.choice(same)
            args = " ".join(self.expr(p, d) for p in self.sigs[f][0])
            return f"(return_call $f{f} {args})"
        if self.current >= TABLE_FUNCS:
            f = r.choice([g for g in range(self.nfuncs) if self.sigs[g][1] == self.result])
            args = " ".join(self.expr(p, d) for p in self.sigs[f][0])
            idx = f"(i32.and {self.expr(I32, d)} (i32.const 7))"
            return f"(return_call_indirect (type $t{f}) {args} {idx})"
        return None

    def callable(self) -> list[int]:
        return list(range(self.current))

    def label(self) -> str:
        self.nlabels += 1
        return f"L{self.nlabels}"

    def block_expr(self, t: str, d: int) -> str:
        r = self.rng
        outer = self.label()
        inner = self.label()
        stmts = " ".join(self.stmt(d) for _ in range(r.randint(0, 2)))
        # br_table out of an inner block to either block with a value of type t
        return (f"(block ${outer} (result {t}) (block ${inner} (result {t}) {stmts} "
                f"(br_table ${inner} ${outer} ${inner} {self.expr(t, d)} "
                f"(i32.and {self.expr(I32, d)} (i32.const 3)))) (drop) {self.expr(t, d)})")

    # -- statements ------------------------------------------------------------------
    def stmt(self, depth: int) -> str:
        r = self.rng
        d = depth + 1
        k = r.random()
        writable = [i for i in range(len(self.local_types)) if i not in self.counters]
        if k < 0.35 and writable:
            i = r.choice(writable)
            op = "local.set" if r.random() < 0.8 else "local.tee"
            e = f"({op} {i} {self.expr(self.local_types[i], d)})"
            return e if op == "local.set" else f"(drop {e})"
        if k < 0.45:
            t = r.choice([I32, I64])
            return f"(global.set ${'g32' if t == I32 else 'g64'} {self.expr(t, d)})"
        if k < 0.6:
            t = r.choice(self.types)
            return (f"({r.choice(STORES[t])} offset={r.choice([0, 2, 8, 65534])} {self.addr(d)} "
                    f"{self.expr(t, d)})")
        if k < 0.75 and depth < 3:
            counter = len(self.local_types)
            self.counters.add(counter)
            self.local_types.append(I32)
            self.extra_locals.append(I32)
            lab, brk = self.label(), self.label()
            body = " ".join(self.stmt(d) for _ in range(r.randint(1, 3)))
            return (f"(local.set {counter} (i32.const {r.randint(1, 5)})) "
                    f"(block ${brk} (loop ${lab} {body} "
                    f"(local.set {counter} (i32.sub (local.get {counter}) (i32.const 1))) "
                    f"(br_if ${lab} (i32.gt_s (local.get {counter}) (i32.const 0)))))")
        if k < 0.85:
            return f"(if {self.expr(I32, d)} (then {self.stmt(d)}) (else {self.stmt(d)}))"
        if k < 0.9:
            cond = self.expr(I32, d)
            exit_ = (self.tail_call(d) if self.tail_calls else None) or \
                f"(return {self.expr(self.result, d)})"
            return f"(if {cond} (then {exit_}))"
        return f"(drop {self.expr(r.choice(self.types), d)})"

    # -- module --------------------------------------------------------------------------
    def function(self, i: int) -> str:
        r = self.rng
        params, result = self.sigs[i]
        self.current = i
        self.nlabels = 0
        self.result = result
        nlocals = r.randint(0, 20)
        declared = [r.choice(self.types) for _ in range(nlocals)]
        self.local_types = list(params) + declared
        self.extra_locals = []
        self.counters: set[int] = set()
        body = " ".join(self.stmt(0) for _ in range(r.randint(1, 6)))
        tail = (self.tail_call(0) if self.tail_calls and r.random() < 0.5 else None) or \
            self.expr(result, 0)
        locals_ = " ".join(declared + self.extra_locals)
        p = " ".join(params)
        return (f"(func $f{i} (export \"f{i}\") (type $t{i}) "
                + (f"(param {p}) " if p else "")
                + f"(result {result}) " + (f"(local {locals_}) " if locals_ else "")
                + f"{body} {tail})")

    def module(self) -> str:
        types = []
        for i, (params, result) in enumerate(self.sigs):
            p = f"(param {' '.join(params)}) " if params else ""
            types.append(f"(type $t{i} (func {p}(result {result})))")
        funcs = [self.function(i) for i in range(self.nfuncs)]
        elems = " ".join(f"$f{self.rng.randrange(min(TABLE_FUNCS, self.nfuncs))}"
                         for _ in range(6))
        return ("(module\n  " + "\n  ".join(types) + "\n  (memory 1 2)\n"
                "  (global $g32 (mut i32) (i32.const 12345))\n"
                "  (global $g64 (mut i64) (i64.const -987654321))\n"
                f"  (table 8 funcref)\n  (elem (i32.const 1) {elems})\n  "
                + "\n  ".join(funcs) + ")\n")


def generate(seed: int, nfuncs: int = 5, max_depth: int = 6, floats: bool = False,
             tail_calls: bool = False) -> str:
    return Gen(random.Random(seed), nfuncs, max_depth, floats, tail_calls).module()


if __name__ == "__main__":
    print(generate(int(sys.argv[1]), floats="--floats" in sys.argv,
                   tail_calls="--tail-calls" in sys.argv))

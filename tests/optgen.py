"""Random wasm functions aimed at the optimisations that move or drop bounds
checks and rewrite arithmetic (loop ranges, upper bounds, merge-checks,
combine's shifted/rotated/multiply-accumulate forms, split webs and loops).

tests/progen.py builds arbitrary expression trees; the shapes these passes
look for (a counter stepping by a constant to a compared bound, `base + (i << k)`,
several accesses of one address with nothing observable between) are rare
there.  Here a function is a few statements from templates of those shapes:

- counted loops: up or down, strides 1/2/4/8/-1/-4, exits on `!=`, `<`, `<=`
  (signed and unsigned) against a constant or a parameter, nested, with a
  call or an i64 accumulation inside; the exits are built so every loop
  ends (`!=` bounds are start + n*stride), else a fuel counter ends it;
- addresses `base + (i << k)`, `x >> k`, `x & mask`, rotates, `a*b + c`,
  sums of shifted values, with offsets near the memory's end;
- runs of loads and stores of every width on one address (a store between
  two loads must stay before the second one's trap);
- memory.grow, and i64 values live across loops (register pressure);
- a base set before a loop plus the counter shifted (ir/versioning.py's shape).

Parameters take boundary values (`ARGS`); the module's memory is 1 page
(fixed or growable), or 2.  `python -m tests.optgen SEED` prints a module;
`python -m tests.optgen SEED i64` one of `I64Gen`'s (i64 multiply-accumulate
and selects on i64 compares, tests/test_i64_fuzz.py).
"""

from __future__ import annotations

import random
import sys

PAGE = 0x10000
LOADS32 = ["i32.load", "i32.load8_s", "i32.load8_u", "i32.load16_s", "i32.load16_u"]
LOADS64 = ["i64.load", "i64.load8_s", "i64.load8_u", "i64.load16_s", "i64.load16_u",
           "i64.load32_s", "i64.load32_u"]
STORES32 = ["i32.store", "i32.store8", "i32.store16"]
STORES64 = ["i64.store", "i64.store8", "i64.store16", "i64.store32"]
WIDTH = {"8": 1, "16": 2, "32": 4}
OFFSETS = [0] * 8 + [1, 2, 3, 4, 7, 8, 12, 16, 100, 0xFFF0, 0xFFF8, 0xFFFC, 0xFFFF, 0x10000]
STRIDES = [1, 1, 2, 4, 8, -1, -4, 3]
MASKS = [0xFF, 0xFFF, 0xFFFC, 0xFFFF, 0xFFF8, 0x1FFFF, 0x7FFF, 0xFFFE]
EXITS = ["ne", "lt_u", "lt_s", "le_u", "le_s"]
FUEL = (300, 20, 8)          # iterations at most, by loop depth


def _edges(size: int) -> list[int]:
    return [size - k for k in range(0, 9)] + [size + 1, size + 4]


ARGS = sorted({0, 1, 2, 4, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000,
               0xFFFFFFFF, 0xFFFFFFFC, 0x3FFF, 0x4000, 0x1FFF, 0x2000, 0xFFF0,
               *_edges(PAGE), *_edges(2 * PAGE), *(k & 0xFFFFFFFF for k in _edges(0))})


def access_width(op: str) -> int:
    tail = op.split(".")[1]
    for k, w in WIDTH.items():
        if k in tail:
            return w
    return 8 if op.startswith("i64") else 4


class OptGen:
    def __init__(self, rng: random.Random, nfuncs: int = 3):
        self.rng = rng
        self.nfuncs = nfuncs
        self.pages = rng.choice([1, 1, 1, 2])
        # a declared maximum: without one wasmtime grows where synth's reservation
        # (the initial size, or --memory-size) refuses; at most 3 pages (CONFIGS)
        self.max_pages = rng.choice([self.pages, self.pages, self.pages + 1])

    # -- values ----------------------------------------------------------------
    def param(self) -> str:
        return f"(local.get {self.rng.randrange(3)})"

    def small(self) -> str:
        """An i32 with a bounded range: what loop ranges and upper bounds prove things of."""
        r = self.rng
        k = r.random()
        p = self.param()
        if k < 0.3:
            return f"(i32.and {p} (i32.const {r.choice(MASKS)}))"
        if k < 0.5:
            return f"(i32.shr_u {p} (i32.const {r.choice([16, 17, 20, 24, 28])}))"
        if k < 0.6:
            return f"(i32.rem_u {p} (i32.const {r.choice([100, 4096, 0x10000])}))"
        if k < 0.7:
            return f"(i32.const {r.choice([0, 1, 4, 0xFFF0, 0xFFFC, 0xFFFF, 0x10000])})"
        return p

    def address(self, i: str | None = None) -> str:
        """An i32 address, from loop counter `i` when given."""
        r = self.rng
        x = i or self.small()
        y = self.small() if r.random() < 0.6 else self.param()
        k, j = r.randrange(4), r.randrange(1, 32)
        forms = [
            f"(i32.add {y} (i32.shl {x} (i32.const {k})))",
            f"(i32.add (i32.shl {x} (i32.const {k})) (i32.const {r.choice([0, 4, 0xFF00, 0xFFF0])}))",
            f"(i32.shr_u {x} (i32.const {j}))",
            f"(i32.shr_s {x} (i32.const {j}))",
            f"(i32.and {x} (i32.const {r.choice(MASKS)}))",
            f"(i32.add (i32.and {y} (i32.const {r.choice(MASKS)})) (i32.shl {x} (i32.const {k})))",
            f"(i32.rotl {x} (i32.const {j}))",
            f"(i32.rotr (i32.and {x} (i32.const 0xffff)) (i32.const {j}))",
            f"(i32.add (i32.mul {x} (i32.const {r.choice([3, 4, 12, 0x100])})) {y})",
            f"(i32.add (i32.shl {x} (i32.const {k})) (i32.shr_u {y} (i32.const {j})))",
            f"(i32.sub (i32.const {r.choice([0xFFFC, 0x10000, 0x1FFF8])}) (i32.shl {x} (i32.const {k})))",
            f"(i32.or (i32.shl {x} (i32.const {k})) (i32.and {y} (i32.const 3)))",
            f"(i32.xor {x} (i32.shr_u {y} (i32.const {j})))",
            x,
        ]
        return r.choice(forms)

    def i64_expr(self, v: str) -> str:
        """i64 arithmetic on an i32 `v`: 64-bit multiplies and shifts."""
        r = self.rng
        a = f"(i64.extend_i32_{r.choice('su')} {v})"
        return r.choice([
            f"(i64.mul {a} (i64.const {r.choice([3, -1, 0x100000001, 0x7FFFFFFF])}))",
            f"(i64.add (i64.shl {a} (i64.const {r.randrange(64)})) (local.get 3))",
            f"(i64.mul {a} (i64.extend_i32_u {self.param()}))",
            f"(i64.rotl {a} (i64.const {r.randrange(64)}))",
            f"(i64.sub (local.get 3) (i64.shr_s {a} (i64.const {r.randrange(64)})))",
            a,
        ])

    def arith(self, v: str) -> str:
        """An i32 combine rewrites: shifted/rotated operands, mla/mls, bic, tst."""
        r = self.rng
        p, k = self.param(), r.randrange(1, 32)
        return r.choice([
            f"(i32.add {p} (i32.shl {v} (i32.const {k})))",
            f"(i32.sub {p} (i32.shr_u {v} (i32.const {k})))",
            f"(i32.sub (i32.shr_s {v} (i32.const {k})) {p})",
            f"(i32.and {p} (i32.rotr {v} (i32.const {k})))",
            f"(i32.or {p} (i32.xor {v} (i32.const -1)))",
            f"(i32.and {p} (i32.xor (i32.shl {v} (i32.const {k})) (i32.const -1)))",
            f"(i32.xor {p} (i32.shl {v} (i32.const {k})))",
            f"(i32.add (i32.mul {v} {p}) (local.get {r.randrange(3)}))",
            f"(i32.sub {p} (i32.mul {v} {self.param()}))",
            f"(i32.add (i32.mul (i32.extend16_s {v}) (i32.extend16_s {p})) {self.param()})",
            f"(i32.mul (i32.extend16_s {v}) (i32.shr_s (i32.shl {p} (i32.const 16)) (i32.const 16)))",
            f"(i32.eqz (i32.and {v} (i32.const {r.choice(MASKS + [1, 0x80000000])})))",
            f"(select {p} {v} (i32.and (i32.shr_u {v} (i32.const {k})) (i32.const 1)))",
        ])

    # -- statements ------------------------------------------------------------
    def access(self, addr: str) -> str:
        """A load into the accumulators, or a store of a value derived from them."""
        r = self.rng
        off = r.choice(OFFSETS)
        if r.random() < 0.5:
            op = r.choice(LOADS32 + LOADS64)
            load = f"({op} offset={off} {addr})"
            if op.startswith("i64"):
                return f"(local.set 3 (i64.add (local.get 3) {load}))"
            return f"(local.set 4 (i32.add (local.get 4) {load}))"
        op = r.choice(STORES32 + STORES64)
        value = "(local.get 3)" if op.startswith("i64") else self.arith("(local.get 4)")
        return f"({op} offset={off} {addr} {value})"

    def run_on_one_address(self, addr: str) -> str:
        """Several accesses of one address vreg in a block (what merge-checks merges)."""
        r = self.rng
        tmp = self.new_local("i32")
        body = [f"(local.set {tmp} {addr})"]
        for _ in range(r.randint(2, 6)):
            if r.random() < 0.2:
                body.append(r.choice([f"(local.set 4 (i32.div_u (local.get 4) {self.param()}))",
                                      "(drop (memory.grow (i32.const 0)))",
                                      "(global.set $g (local.get 4))",
                                      f"(local.set 4 (i32.add (local.get 4) (call $h {self.param()})))"]))
            body.append(self.access(f"(local.get {tmp})"))
        return " ".join(body)

    def loop(self, depth: int) -> str:
        r = self.rng
        i = self.new_local("i32")
        stride = r.choice(STRIDES)
        exit_ = r.choice(EXITS)
        trips = r.choice([0, 1, 2, 3, 4, 7, 16, 64, 100] if depth == 0 else [0, 1, 2, 5, 8])
        start = r.choice(["(i32.const 0)", "(i32.const 0)", "(i32.const 1)", self.small(),
                          self.param(), f"(i32.const {r.choice([0xFFF0, 0xFFFC, 0x7FFFFFF0])})"])
        lab, out = f"$L{i}", f"$B{i}"
        form = r.choice(["tee", "while", "while", "do", "do"])   # where the exit test is
        fuel = None
        if exit_ == "ne":
            trips = max(trips, form != "while")     # a do-while runs its body once
            # i runs start, start+s, ... and stops at start + trips*s: always ends
            end = self.new_local("i32")
            setup = (f"(local.set {i} {start}) (local.set {end} (i32.add (local.get {i}) "
                     f"(i32.const {trips * stride})))")
            cond = f"(i32.ne (local.get {i}) (local.get {end}))"
            if r.random() < 0.3:
                fuel = self.new_local("i32")
        else:
            bound = r.choice([f"(i32.const {trips * abs(stride)})", self.small(),
                              f"(i32.const {r.choice([0x10000, 0xFFFF, 0x4000])})"])
            setup = f"(local.set {i} {start})"
            if stride < 0:      # count down: i > bound, swapped
                cond = f"(i32.{exit_.replace('lt', 'gt').replace('le', 'ge')} (local.get {i}) {bound})"
            else:
                cond = f"(i32.{exit_} (local.get {i}) {bound})"
            fuel = self.new_local("i32")
        skip = r.random() < 0.2     # a `continue` that skips the step: two back edges
        if skip and fuel is None:
            fuel = self.new_local("i32")
        if fuel is not None:
            setup += f" (local.set {fuel} (i32.const {FUEL[depth]}))"
        counters, guard = [f"(local.get {i})"], ""
        if r.random() < 0.4:        # a second vreg stepping with i (loop ranges' trip pins)
            j = self.new_local("i32")
            setup += f" (local.set {j} {r.choice([self.small(), '(i32.const 0)', self.param()])})"
            guard = f"(local.set {j} (i32.add (local.get {j}) (i32.const {r.choice(STRIDES)}))) "
            counters.append(f"(local.get {j})")
        base = None
        if r.random() < 0.4:        # a base set before the loop (loop versioning's shape)
            base = self.new_local("i32")
            setup += f" (local.set {base} {r.choice([self.param(), self.small()])})"
        body = []
        for _ in range(r.randint(1, 3)):
            k = r.random()
            if base is not None and k < 0.3:
                body.append(self.access(f"(i32.add (local.get {base}) (i32.shl "
                                        f"{r.choice(counters)} (i32.const {r.randrange(4)})))"))
            elif k < 0.5:
                body.append(self.access(self.address(r.choice(counters))))
            elif k < 0.6:
                body.append(self.run_on_one_address(self.address(r.choice(counters))))
            elif k < 0.7:
                body.append(f"(local.set 3 (i64.add (local.get 3) {self.i64_expr(f'(local.get {i})')}))")
            elif k < 0.8:
                body.append(f"(local.set 4 {self.arith(f'(local.get {i})')})")
            elif k < 0.88:
                body.append(f"(local.set 4 (i32.add (local.get 4) (call $h (local.get {i}))))")
            elif depth < 2:
                body.append(self.loop(depth + 1))
            else:
                body.append(self.pressure())
        if fuel is not None:
            burn = (f"(local.set {fuel} (i32.sub (local.get {fuel}) (i32.const 1))) "
                    f"(br_if {out} (i32.eqz (local.get {fuel}))) ")
            if skip:            # the fuel burns before any continue
                body.insert(r.randint(0, len(body)),
                            f"(br_if {lab} (i32.and {r.choice(counters)} "
                            f"(i32.const {r.choice([1, 2, 4, 16])})))")
                body.insert(0, burn)
            else:
                guard += burn
        step = f"(local.set {i} (i32.add (local.get {i}) (i32.const {stride})))"
        if form == "tee":           # clang's do-while: the step teed into the exit test
            tee = f"(local.tee {i} (i32.add (local.get {i}) (i32.const {stride})))"
            return (f"{setup} (block {out} (loop {lab} {' '.join(body)} {guard}"
                    f"(br_if {lab} {cond.replace(f'(local.get {i})', tee, 1)})))")
        if form == "while":
            return (f"{setup} (block {out} (loop {lab} (br_if {out} (i32.eqz {cond})) "
                    f"{' '.join(body)} {guard}{step} (br {lab})))")
        return (f"{setup} (block {out} (loop {lab} {' '.join(body)} {guard}{step} "
                f"(br_if {lab} {cond})))")

    def pressure(self) -> str:
        """Many i64 values live at once (the allocator splits and spills)."""
        r = self.rng
        names = [self.new_local("i64") for _ in range(r.randint(4, 9))]
        sets = [f"(local.set {v} {self.i64_expr(self.param())})" for v in names]
        total = "(local.get 3)"
        for v in names:
            total = f"(i64.{r.choice(['add', 'xor', 'mul', 'sub'])} {total} (local.get {v}))"
        return " ".join(sets) + f" (local.set 3 {total})"

    def live_across(self) -> str:
        """i64 values made before a loop and read only after it: what split-loops
        moves out of a loop that needs every register."""
        r = self.rng
        names = [self.new_local("i64") for _ in range(r.randint(3, 7))]
        sets = [f"(local.set {v} {self.i64_expr(self.param())})" for v in names]
        total = "(local.get 3)"
        for v in names:
            total = f"(i64.{r.choice(['add', 'xor', 'sub'])} {total} (local.get {v}))"
        return f"{' '.join(sets)} {self.loop(0)} (local.set 3 {total})"

    def stmt(self) -> str:
        r = self.rng
        k = r.random()
        if k < 0.1:
            return self.live_across()
        if k < 0.45:
            return self.loop(0)
        if k < 0.65:
            return self.run_on_one_address(self.address())
        if k < 0.8:
            return self.access(self.address())
        if k < 0.85:
            return f"(local.set 4 (i32.add (local.get 4) (memory.grow {r.choice(['(i32.const 1)', self.small()])})))"
        if k < 0.92:
            return self.pressure()
        return f"(local.set 4 {self.arith(self.param())})"

    def new_local(self, t: str) -> int:
        self.locals.append(t)
        return 4 + len(self.locals)

    # -- module ----------------------------------------------------------------
    def function(self, n: int) -> str:
        self.locals = []
        body = " ".join(self.stmt() for _ in range(self.rng.randint(1, 4)))
        locs = " ".join(self.locals)
        return (f"(func $f{n} (export \"f{n}\") (param i32 i32 i32) (result i64) "
                f"(local i64 i32{' ' + locs if locs else ''}) {body} "
                "(i64.add (local.get 3) (i64.extend_i32_u (local.get 4))))")

    def helper(self) -> str:
        """$h: what a call in a loop does (a store, a global, a value)."""
        return ("(func $h (param i32) (result i32) "
                "(global.set $g (i32.add (global.get $g) (local.get 0))) "
                f"(i32.store offset={self.rng.choice([0, 0xFFF0])} "
                "(i32.and (local.get 0) (i32.const 0xfffc)) (global.get $g)) "
                "(i32.shl (local.get 0) (i32.const 1)))")

    def module(self, export_memory: bool = False) -> str:
        funcs = [self.function(n) for n in range(self.nfuncs)]
        limits = f"{self.pages} {self.max_pages}"
        export = ' (export "memory")' if export_memory else ""
        memory = f"(memory{export} {limits})"
        data = '(data (i32.const 0xfff0) "\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10")'
        return ("(module\n  " + memory + "\n  " + data +
                "\n  (global $g (mut i32) (i32.const 7))\n  " + self.helper() + "\n  "
                + "\n  ".join(funcs) + ")\n")


I64_CONDS = ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"]


class I64Gen(OptGen):
    """Statements aimed at the i64 selections: an i64 add of a widening 32x32
    product (umlal/smlal: factors zero- or sign-extended, directly or through a
    local, accumulators in locals that loops carry, several at once under
    register pressure, the accumulator also a factor's source) and selects on
    i64 compares (each condition, i64 and i32 results, words swapped)."""

    def factor(self) -> tuple[str, str]:
        """(extension, an i32) of a widening product's factor."""
        r = self.rng
        v = r.choice([self.param(), f"(i32.load {self.address()})", "(local.get 4)",
                      "(i32.wrap_i64 (local.get 3))", f"(i32.const {r.choice(ARGS)})"])
        return r.choice("su"), v

    def product(self) -> str:
        r = self.rng
        ext, a = self.factor()
        _, b = self.factor()
        b = a if r.random() < 0.2 else b                  # a square
        x = f"(i64.extend_i32_{ext} {a})"
        if r.random() < 0.3:                              # the extension kept in a local
            t = self.new_local("i64")
            return f"(local.tee {t} {x})", f"(i64.extend_i32_{ext} {b})"
        return x, f"(i64.extend_i32_{ext} {b})"

    def mac(self, acc: int) -> str:
        x, y = self.product()
        prod = f"(i64.mul {x} {y})"
        r = self.rng
        if r.random() < 0.5:
            return f"(local.set {acc} (i64.add (local.get {acc}) {prod}))"
        return f"(local.set {acc} (i64.add {prod} (local.get {acc})))"

    def select64(self, a: int, b: int) -> str:
        r = self.rng
        cond = f"(i64.{r.choice(I64_CONDS)} (local.get {a}) (local.get {b}))"
        if r.random() < 0.3:
            cond = f"(i32.eqz {cond})"
        k = r.random()
        if k < 0.5:                                       # a running max/min
            return f"(local.set {b} (select (local.get {a}) (local.get {b}) {cond}))"
        if k < 0.75:                                      # the words swapped
            return (f"(local.set {b} (select (i64.rotl (local.get {a}) (i64.const 32)) "
                    f"(local.get {b}) {cond}))")
        return (f"(local.set 4 (i32.add (local.get 4) (select (local.get 4) "
                f"{self.param()} {cond})))")

    def stmt(self) -> str:
        r = self.rng
        accs = [3] + [self.new_local("i64") for _ in range(r.randint(0, 5))]
        body = []
        for _ in range(r.randint(1, 4)):
            if r.random() < 0.6:
                body.append(self.mac(r.choice(accs)))
            else:
                body.append(self.select64(r.choice(accs), r.choice(accs)))
        i = self.new_local("i32")
        init = " ".join(f"(local.set {a} (i64.extend_i32_s {self.param()}))" for a in accs[1:])
        fold = " ".join(f"(local.set 3 (i64.xor (local.get 3) (local.get {a})))" for a in accs[1:])
        if r.random() < 0.3:
            return f"{init} {' '.join(body)} {fold}"
        n = r.choice([1, 2, 5, 17])
        return (f"{init} (local.set {i} (i32.const {n})) (loop $l{i} {' '.join(body)} "
                f"(br_if $l{i} (local.tee {i} (i32.sub (local.get {i}) (i32.const 1))))) {fold}")


def generate_i64(seed: int, nfuncs: int = 3, export_memory: bool = False) -> str:
    """An `I64Gen` module for `seed`."""
    return I64Gen(random.Random(seed), nfuncs).module(export_memory)


def generate(seed: int, nfuncs: int = 3, export_memory: bool = False) -> str:
    """The module for `seed`; with `export_memory` the same module exports its memory."""
    return OptGen(random.Random(seed), nfuncs).module(export_memory)


def calls(seed: int, nfuncs: int = 3, per_func: int = 10) -> list[tuple[str, tuple]]:
    """Boundary arguments for each export: mostly from ARGS, some random."""
    rng = random.Random(seed ^ 0x5EED)
    out = []
    for n in range(nfuncs):
        for _ in range(per_func):
            out.append((f"f{n}", tuple(rng.choice(ARGS) if rng.random() < 0.8
                                       else rng.getrandbits(32) for _ in range(3))))
    return out


if __name__ == "__main__":
    gen = generate_i64 if sys.argv[2:] == ["i64"] else generate
    print(gen(int(sys.argv[1])))

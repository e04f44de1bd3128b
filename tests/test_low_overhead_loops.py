"""ARMv8.1-M low-overhead loops (arm/lowoverhead.py): the encodings against GNU
as, the pass's rules, the fallback when lr is taken inside the loop, `le`
relaxation beyond its reach, and the loops differentially against wasmtime:
on unicorn's M33 model with dls/le carried out in software (run/lowoverhead.py)
at every tier, and on QEMU's Cortex-M55 (mps3-an547), which implements them.
"""

from __future__ import annotations

import shutil

import pytest
from capstone import CS_ARCH_ARM, CS_MODE_MCLASS, CS_MODE_THUMB, Cs

from synth_toolchain.arm import encoding as E
from synth_toolchain.arm.asm import Assembler
from synth_toolchain.arm.lowoverhead import disasm_lite
from synth_toolchain.arm.stackscan import stack_depth
from synth_toolchain.driver import compile_file
from synth_toolchain.options import Options
from synth_toolchain.run.emulator import Emulator
from synth_toolchain.run.link import link_executable
from synth_toolchain.tiers import TIER_NAMES
from synth_toolchain.wasm.module import ValType
from tests.difftest import check_module, to_wasm
from tests.test_arm_encoding import gnu_assemble, needs_as

# (the guard, the loop body, the back edge) of a counted loop over words at $p
COUNTED = """
  (func (export "sum") (param $p i32) (param $n i32) (result i32) (local $s i32)
    (block $exit
      (br_if $exit {guard})
      (loop $l
        (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
    (local.get $s))
"""
DATA = '(data (i32.const 0) "\\01\\00\\00\\00\\02\\00\\00\\00\\03\\00\\00\\00\\04\\00\\00\\00")'


def module(guard: str = "(i32.eqz (local.get $n))", extra: str = "") -> str:
    return f"(module (memory 1) {DATA} {COUNTED.format(guard=guard)} {extra})"


# 12 accumulators and the counter live through the loop: operands spill, and the
# emitter reloads the second of two spilled operands into lr
CROWDED = "(module (memory 1) (func (export \"crowd\") (param $p i32) (param $n i32) (result i32) " \
    + " ".join(f"(local $a{k} i32)" for k in range(12)) \
    + " (block $exit (br_if $exit (i32.eqz (local.get $n))) (loop $l " \
    + " ".join(f"(local.set $a{k} (i32.add (local.get $a{k}) (i32.mul (local.get $a{(k + 1) % 12}) "
               f"(i32.load offset={4 * k} (local.get $p)))))" for k in range(12)) \
    + " (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))" \
    + " " + " ".join(f"(local.get $a{k}) " for k in range(12)) + " " \
    + " ".join("i32.add" for _ in range(11)) + "))"


# an index from a constant to a constant: the trip count is known, the index stays
STEPPED = """
  (func (export "stepped{n}") (param $p i32) (result i32) (local $i i32) (local $s i32)
    (local.set $i (i32.const {start}))
    (loop $l
      (local.set $s (i32.add (i32.mul (local.get $s) (i32.const 3))
                             (i32.load8_u (i32.add (local.get $p) (local.get $i)))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const {step})))
                        (i32.const {end}))))
    (i32.add (local.get $s) (i32.mul (local.get $i) (i32.const 1000))))
"""
# (start, step, end, converted): trip counts 1, 2, 384 (a negative start counting up
# to 0), 25 (counting down), and steps that never land on the bound exactly
STEPS = [(0, 1, 1, True), (5, -1, 3, True), (-3072, 8, 0, True), (100, -4, 0, True),
         (0, 3, 8, False), (7, 2, 7, False)]


def stepped_module() -> str:
    return "(module (memory 1) " + "".join(
        STEPPED.format(n=n, start=a, step=s, end=e) for n, (a, s, e, _) in enumerate(STEPS)) + ")"


def _text(source: str, cpu: str = "cortex-m55", **kw) -> bytes:
    res = compile_file("m.wasm", Options(cpu=cpu, **kw), data=to_wasm(source))
    return b"".join(f.code.data for f in res.compiled.functions)


def _mnemonics(code: bytes) -> list[str]:
    cs = Cs(CS_ARCH_ARM, CS_MODE_THUMB | CS_MODE_MCLASS)
    cs.skipdata = True
    return [m for _, _, m, _ in disasm_lite(cs, code, 0, len(code))]


# --------------------------------------------------------------------------
# encodings

@needs_as
def test_encodings_match_gnu_as():
    forms = [("dls lr, r0", E.encode("dls_t1", Rn=0)), ("dls lr, r7", E.encode("dls_t1", Rn=7)),
             ("dls lr, r12", E.encode("dls_t1", Rn=12))]
    got = gnu_assemble([".arch armv8.1-m.main\n" + text for text, _ in forms])
    assert [g["data"] for g in got] == [data for _, data in forms]
    # branches: le back over 2, 4, 4090 bytes of nops and wls forward over them (GNU as
    # refuses a wls to the next instruction)
    snippets, ours = [], []
    for nops in (1, 2, 2045):
        snippets.append(".arch armv8.1-m.main\n1:\n" + "nop\n" * nops + "le lr, 1b")
        ours.append(bytes.fromhex("00bf") * nops + E.le32(-(2 * nops + 4)))
        snippets.append(".arch armv8.1-m.main\nwls lr, r3, 1f\n" + "nop\n" * nops + "1:")
        ours.append(E.wls32(3, 2 * nops) + bytes.fromhex("00bf") * nops)
    assert [g["data"] for g in gnu_assemble(snippets)] == ours


def test_encodings_decode_back_and_out_of_range():
    assert E.decode_low_overhead(E.encode("dls_t1", Rn=5)) == ("dls", "lr, r5", None)
    assert E.decode_low_overhead(E.le32(-4094)) == ("le", "lr", -4094)
    assert E.decode_low_overhead(E.wls32(12, 4094)) == ("wls", "lr, r12", 4094)
    assert E.decode_low_overhead(E.b32(-4)) is None
    for bad in (2, -4096, -3):
        with pytest.raises(Exception):
            E.le32(bad)


def test_capstone_cannot_and_the_helpers_can_read_them():
    """capstone 5 reads dls/le as data: --dump asm, the listing and the stack scan
    decode them themselves."""
    code = E.encode("dls_t1", Rn=1) + bytes.fromhex("00bf") + E.le32(-6)
    cs = Cs(CS_ARCH_ARM, CS_MODE_THUMB | CS_MODE_MCLASS)
    assert list(cs.disasm_lite(code, 0)) == []
    assert [(m, o) for _, _, m, o in disasm_lite(cs, code, 0, len(code))] == \
        [("dls", "lr, r1"), ("nop", ""), ("le", "lr, #0x4")]
    prologue = bytes.fromhex("2db5")           # push {r0, r2, r3, r5, lr}: 20 bytes
    assert stack_depth(code + prologue, [(0, "t")]) == 20


def test_le_relaxes_beyond_its_reach():
    """A loop longer than le's 4094 bytes ends `subs lr, lr, #1; bne.w`."""
    for nops, relaxed in ((2045, False), (2046, True)):
        a = Assembler()
        top = a.new_label()
        a.dls(2)
        a.bind(top)
        for _ in range(nops):
            a.nop()
        a.le(top)
        data = a.finish().data
        tail = data[4 + 2 * nops:]
        if relaxed:
            assert tail[:4] == E.encode("dp_modimm", op=E.DP_OP["sub"], S=1, Rn=14, Rd=14,
                                        **E.split12(1))          # subs.w lr, lr, #1
            assert tail[4:] == E.b_cond32(1, -(2 * nops + 8))
        else:
            assert tail == E.le32(-(2 * nops + 4))


# --------------------------------------------------------------------------
# which loops

def test_counted_loop_uses_dls_le_on_v81m_only():
    assert {"dls", "le"} <= set(_mnemonics(_text(module())))
    assert {"dls", "le"} <= set(_mnemonics(_text(module(), cpu="cortex-m85")))
    for cpu, level in (("cortex-m33", "2"), ("cortex-m55", "s"), ("cortex-m55", "z")):
        assert not {"dls", "le"} & set(_mnemonics(_text(module(), cpu=cpu, opt_level=level)))


@pytest.mark.parametrize("guard,converted", [
    ("(i32.eqz (local.get $n))", True),
    ("(i32.lt_s (local.get $n) (i32.const 1))", True),         # n >= 1 into the loop
    ("(i32.le_u (local.get $n) (i32.const 3))", True),         # n > 3
    ("(i32.lt_s (local.get $n) (i32.const 0))", False),        # n = 0 enters the loop
    ("(i32.gt_u (local.get $n) (i32.const 5))", False),        # n = 0 enters the loop
    ("(i32.const 0)", False),                                  # no test of n at all
])
def test_entry_count_must_be_nonzero(guard, converted):
    assert ("dls" in _mnemonics(_text(module(guard)))) == converted


def test_constant_trip_count_keeps_the_index():
    res = compile_file("m.wasm", Options(cpu="cortex-m55", tier="opt"), data=to_wasm(stepped_module()))
    for f, (_, _, _, converted) in zip(res.compiled.functions, STEPS):
        names = _mnemonics(f.code.data)
        assert ("le" in names) == converted, f.symbol
        if converted:
            assert "cmp" not in names or names.index("cmp") < names.index("dls")


def test_lr_taken_in_the_loop_falls_back():
    """The crowded loop spills, a handler takes lr: compiled again without dls/le."""
    names = _mnemonics(_text(CROWDED))
    assert "dls" not in names and "le" not in names
    res = compile_file("m.wasm", Options(cpu="cortex-m55", tier="opt"), data=to_wasm(CROWDED))
    assert res.compiled.functions[0].spills > 0


# --------------------------------------------------------------------------
# differential: unicorn (software dls/le) at every tier, QEMU's Cortex-M55

BOUNDARY_CALLS = [("sum", (0, 1)), ("sum", (0, 2)), ("sum", (0, 4)), ("sum", (4, 3)),
                  ("sum", (0, 0)), ("sum", (0, 16384)), ("sum", (0, 16385)),
                  ("sum", (65532, 1)), ("sum", (65532, 2)), ("sum", (8, 0xFFFFFFFF))]
GUARDS = ["(i32.eqz (local.get $n))", "(i32.lt_s (local.get $n) (i32.const 1))",
          "(i32.le_u (local.get $n) (i32.const 3))"]


@pytest.mark.parametrize("guard", GUARDS)
def test_differential_every_tier(guard):
    check_module(module(guard), BOUNDARY_CALLS, cpu="cortex-m55", tiers=TIER_NAMES)


def test_differential_constant_trip_counts():
    calls = [(f"stepped{n}", (p,)) for n in range(len(STEPS)) for p in (0, 100, 65149, 65535, 65536)]
    check_module(stepped_module(), calls, cpu="cortex-m55", tiers=TIER_NAMES)


def test_differential_fallback_and_m85():
    check_module(CROWDED, [("crowd", (0, n)) for n in (0, 1, 2, 7)] + [("crowd", (65500, 3))],
                 cpu="cortex-m55")
    check_module(module(), BOUNDARY_CALLS[:6], cpu="cortex-m85", tiers=("opt",),
                 options_extra={"float_abi": "hard"})


def test_emulator_executes_them_in_software(tmp_path):
    res = compile_file("m.wasm", Options(cpu="cortex-m55"), data=to_wasm(module()))
    (tmp_path / "m.o").write_bytes(res.elf)
    exe = link_executable([str(tmp_path / "m.o")], str(tmp_path / "m.elf"), cpu="cortex-m55")
    emu = Emulator(exe, cpu="cortex-m55")
    emu.call("synth_init", (), (), ())
    r = emu.call("sum", (ValType.I32, ValType.I32), (0, 4), (ValType.I32,))
    assert r.values == (10,)
    assert emu._lob.executed == 1 + 4                # dls, then le once per iteration


@pytest.mark.skipif(not (shutil.which("arm-none-eabi-gcc") and shutil.which("qemu-system-arm")),
                    reason="needs arm-none-eabi-gcc and qemu-system-arm")
@pytest.mark.parametrize("float_abi", ["hard", "softfp"])
def test_qemu_cortex_m55(tmp_path, float_abi):
    """QEMU's mps3-an547 runs dls/le in its Cortex-M55 model (LE as the
    architecture defines it, not our software copy): the same calls, wasmtime's results."""
    from tests.test_fpu_qemu import run_in_qemu
    calls = [c for c in BOUNDARY_CALLS if c[1][1] != 16385] + [("crowd", (0, 5))] + \
        [(f"stepped{n}", (p,)) for n in range(4) for p in (0, 65535)]
    source = module(extra=CROWDED[len("(module (memory 1) "):-1]
                    + stepped_module()[len("(module (memory 1) "):-1])
    result = run_in_qemu(source, float_abi, "opt", tmp_path, calls=calls, cpu="cortex-m55",
                         machine="mps3-an547")
    assert "dls" in _mnemonics(result.compiled.functions[0].code.data)



def test_stack_and_frame_scans_read_past_the_loop():
    """The scans' capstone walk (arm/lowoverhead.instructions, used by stackscan.py
    and debuginfo/frames.py) steps over dls/le to the end of the function."""
    from synth_toolchain.arm.lowoverhead import instructions
    res = compile_file("m.wasm", Options(cpu="cortex-m55"), data=to_wasm(module()))
    data = res.compiled.functions[0].code.data
    cs = Cs(CS_ARCH_ARM, CS_MODE_THUMB | CS_MODE_MCLASS)
    cs.detail = True
    seen = list(instructions(cs, data, 0, len(data)))
    assert sum(i.size for i in seen) + 8 == len(data)          # all but dls and le
    assert seen[-1].address + seen[-1].size == len(data)


# --------------------------------------------------------------------------
# random counted loops: the fuzzers (optgen, progen) do not make loops of
# these shapes, so a generator of their own, qualifying or nearly so

A_GUARDS = GUARDS + ["(i32.lt_s (local.get $n) (i32.const 0))", "(i32.const 0)",
                     "(i32.ge_u (local.get $n) (i32.const 2))"]


def random_loops(seed: int) -> tuple[str, list]:
    """A module of four loops (counting down to 0 from $n, or stepping an index
    between constants), and boundary calls; loads of p + index trap a loop that
    runs away."""
    import random
    rng = random.Random(seed)
    funcs, calls = [], []
    for k in range(4):
        op = rng.choice(["i32.add", "i32.xor", "i32.sub"])
        if rng.random() < 0.5:
            guard = rng.choice(A_GUARDS)
            step = rng.choice([1, 1, 1, 2])
            reads_n = rng.random() < 0.25
            after = "(local.get $n)" if rng.random() < 0.25 else "(local.get $s)"
            body = (f"(local.set $s ({op} (local.get $s) (i32.load8_u (local.get $p))))"
                    f"(local.set $p (i32.add (local.get $p) (i32.const {rng.choice([1, 4])})))"
                    + ("(local.set $s (i32.add (local.get $s) (local.get $n)))" if reads_n else ""))
            funcs.append(f"""(func (export "f{k}") (param $p i32) (param $n i32) (result i32)
                (local $s i32)
                (block $exit (br_if $exit {guard}) (loop $l {body}
                  (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const {step}))))))
                {after})""")
            calls += [(f"f{k}", (p, n)) for p in (0, 65530) for n in (0, 1, 2, 3, 9, 0xFFFFFFFF)]
        else:
            start = rng.choice([0, 1, -7, 100, 0xFFFFF000 - (1 << 32)])
            step = rng.choice([1, 2, 4, -1, -4, 3])
            trips = rng.choice([1, 2, 5, 17])
            end = (start + step * trips + (rng.random() < 0.2)) & 0xFFFFFFFF
            funcs.append(f"""(func (export "f{k}") (param $p i32) (result i32)
                (local $i i32) (local $s i32)
                (local.set $i (i32.const {start}))
                (loop $l
                  (local.set $s ({op} (local.get $s)
                                      (i32.load8_u (i32.add (local.get $p) (local.get $i)))))
                  (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const {step})))
                                    (i32.const {end}))))
                (i32.add (local.get $s) (local.get $i)))""")
            calls += [(f"f{k}", (p,)) for p in (0, 200, 4096, 65535, 0xFFFFF000)]
    return "(module (memory 1) " + DATA + " ".join(funcs) + ")", calls


@pytest.mark.parametrize("seed", range(6))
def test_random_counted_loops(seed):
    source, calls = random_loops(seed)
    check_module(source, calls, cpu="cortex-m55", tiers=("opt",))


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(6, 206))
def test_random_counted_loops_exhaustive(seed):
    source, calls = random_loops(seed)
    check_module(source, calls, cpu="cortex-m55")

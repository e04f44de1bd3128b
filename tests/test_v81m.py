"""ARMv8.1-M Mainline (cortex-m55, cortex-m85; issue 16): build attributes equal
to gcc's for each float ABI and FPU, objects that link with gcc's C objects
without a warning, the option spellings of synth, synth-cc and the run harness.

gcc 12.2 knows cortex-m55 but not cortex-m85 (nor does GNU as 2.40).  The M85's
attributes are derived from gcc's own output: gcc 13's arm-cpus.in defines the
M85 as the M55's architecture plus PACBTI (`armv8.1-m.main+pacbti+mve.fp+fp.dp`,
both with `isa quirk_no_asmcpu`, so gcc writes `.arch` directives and the core's
name as `.eabi_attribute 5`).  The reference for an M85 object is therefore
gcc's `-mcpu=cortex-m55` assembly with the name replaced and `.arch_extension
pacbti` added, assembled by GNU as: PACBTI, unused, writes no attribute of its
own, so only Tag_CPU_name differs from the M55 (the test shows it).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from synth_toolchain.driver import compile_file
from synth_toolchain.options import Options
from synth_toolchain.target import TARGETS, gcc_cpu_option

GCC = shutil.which("arm-none-eabi-gcc")
needs_gcc = pytest.mark.skipif(GCC is None, reason="arm-none-eabi toolchain not installed")

# Tags our attributes omit on purpose (C-only facts; see elf/attributes.py).
OMITTED_TAGS = ("Tag_ABI_PCS_wchar_t", "Tag_ABI_enum_size", "Tag_ABI_optimization_goals")

# float ABI x FPU: the core's default (None, gcc's -mfpu=auto), FPv5 single+double
# spelled out, and the single-precision-only configuration of the scalar FPU
FLOAT_CONFIGS = [("soft", None), ("softfp", None), ("hard", None), ("softfp", "fpv5-d16"),
                 ("hard", "fpv5-d16"), ("hard", "fpv5-sp-d16"), ("softfp", "fpv5-sp-d16")]
CORES = ["cortex-m55", "cortex-m85"]
CONFIGS = [(cpu, abi, fpu) for cpu in CORES for abi, fpu in FLOAT_CONFIGS]

MODULE = """(module
  (memory 1)
  (func (export "scale") (param f64 f32 i32) (result f64)
    (f64.mul (local.get 0) (f64.promote_f32 (f32.add (local.get 1)
      (f32.convert_i32_s (local.get 2))))))
  (func (export "sum") (param i32) (result i32) (local i32)
    (loop $l
      (local.set 1 (i32.add (local.get 1) (i32.load (local.get 0))))
      (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 4)))))
    (local.get 1)))
"""

MAIN_C = """
extern double scale(double, float, int);
extern int sum(int);
void synth_init(void);
int main(void) { synth_init(); return (int)scale(1.5, 2.0f, 3) + sum(64); }
"""


def _run(args: list[str], check: bool = True) -> subprocess.CompletedProcess:
    p = subprocess.run(args, capture_output=True, text=True)
    if check and p.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed:\n{p.stdout}\n{p.stderr}")
    return p


def _float_flags(float_abi: str, fpu: str | None) -> list[str]:
    return ["-mthumb", f"-mfloat-abi={float_abi}"] + ([f"-mfpu={fpu}"] if fpu else [])


def _attrs(path) -> list[str]:
    out = _run(["arm-none-eabi-readelf", "-A", str(path)]).stdout
    return [line.strip() for line in out.splitlines()
            if line.strip() and not line.strip().startswith(OMITTED_TAGS)]


def _gcc_reference(tmp_path, cpu: str, float_abi: str, fpu: str | None):
    """gcc's object for an empty C file; for the M85 through the M55 (module docstring)."""
    c = tmp_path / "ref.c"
    c.write_text("int ref_var;\n")
    s = tmp_path / "ref.s"
    _run([GCC, "-mcpu=cortex-m55", *_float_flags(float_abi, fpu), "-S", str(c), "-o", str(s)])
    text = s.read_text()
    if cpu == "cortex-m85":
        assert '.eabi_attribute 5, "cortex-m55"' in text
        text = text.replace('"cortex-m55"', '"cortex-m85"').replace(
            ".arch armv8.1-m.main\n", ".arch armv8.1-m.main\n\t.arch_extension pacbti\n")
        s.write_text(text)
    o = tmp_path / "ref.o"
    _run([GCC, "-c", str(s), "-o", str(o)])
    return o


def _ours(tmp_path, cpu: str, float_abi: str, fpu: str | None):
    src = tmp_path / "m.wat"
    src.write_text(MODULE)
    res = compile_file(str(src), Options(cpu=cpu, float_abi=float_abi, fpu=fpu))
    o = tmp_path / "m.o"
    o.write_bytes(res.elf)
    return o


@needs_gcc
@pytest.mark.parametrize("cpu,float_abi,fpu", CONFIGS)
def test_attributes_match_gcc(tmp_path, cpu, float_abi, fpu):
    assert _attrs(_ours(tmp_path, cpu, float_abi, fpu)) == \
        _attrs(_gcc_reference(tmp_path, cpu, float_abi, fpu))


@needs_gcc
def test_m85_differs_from_m55_only_in_name(tmp_path):
    for abi, fpu in FLOAT_CONFIGS:
        m55 = _attrs(_gcc_reference(tmp_path, "cortex-m55", abi, fpu))
        m85 = _attrs(_gcc_reference(tmp_path, "cortex-m85", abi, fpu))
        assert [a.replace("cortex-m85", "cortex-m55") for a in m85] == m55
        assert 'Tag_CPU_name: "cortex-m85"' in m85


@needs_gcc
@pytest.mark.parametrize("cpu,float_abi,fpu", CONFIGS)
def test_links_with_gcc_without_warnings(tmp_path, cpu, float_abi, fpu):
    ours = _ours(tmp_path, cpu, float_abi, fpu)
    c = tmp_path / "main.c"
    c.write_text(MAIN_C)
    flags = [gcc_cpu_option(cpu), *_float_flags(float_abi, fpu)]
    exe = tmp_path / "a.elf"
    p = _run([GCC, *flags, "-O2", "-nostartfiles", "-Wl,-e,main", "-Wl,--fatal-warnings",
              str(c), str(ours), "-lgcc", "-o", str(exe)])
    assert p.stderr == ""
    assert "uses VFP register arguments" not in p.stderr


@needs_gcc
def test_m55_object_links_with_m55_c_under_mcpu(tmp_path):
    """The plain gcc spelling: `arm-none-eabi-gcc -mcpu=cortex-m55` links it silently,
    and a cortex-m85 object links beside cortex-m55 C code the same way."""
    c = tmp_path / "main.c"
    c.write_text(MAIN_C)
    for cpu in CORES:
        ours = _ours(tmp_path, cpu, "hard", None)
        p = _run([GCC, "-mcpu=cortex-m55", "-mthumb", "-mfloat-abi=hard", "-O2",
                  "-nostartfiles", "-Wl,-e,main", "-Wl,--fatal-warnings", str(c), str(ours),
                  "-o", str(tmp_path / f"{cpu}.elf")])
        assert p.stderr == ""


def test_targets_table():
    for cpu in CORES:
        t = TARGETS[cpu]
        assert (t.arch, t.cpu_arch, t.fpu, t.dsp) == ("v8.1-M.main", 21, "fpv5-d16", True)
    assert gcc_cpu_option("cortex-m55") == "-mcpu=cortex-m55"
    assert gcc_cpu_option("cortex-m85") == "-march=armv8.1-m.main+mve.fp+fp.dp"
    assert gcc_cpu_option("cortex-m4") == "-mcpu=cortex-m4"


def test_options_hw_fpu_is_double():
    for cpu in CORES:
        assert Options(cpu=cpu, float_abi="hard").hw_fpu.double
        assert not Options(cpu=cpu, float_abi="hard", fpu="fpv5-sp-d16").hw_fpu.double
        assert Options(cpu=cpu).hw_fpu is None


@needs_gcc
@pytest.mark.parametrize("cpu", CORES)
def test_synth_cc_object_link_and_listing(tmp_path, cpu):
    """synth-cc `-mcpu=` takes the gcc spelling (gcc 12 is handed the -march= of
    the M85); `-S` assembles back to the object's attributes, without `.inst`."""
    import sys
    (tmp_path / "m.wat").write_text(MODULE)
    (tmp_path / "main.c").write_text(MAIN_C)
    cc = [sys.executable, "-m", "synth_toolchain.cc.driver", f"-mcpu={cpu}", "-mthumb",
          "-mfloat-abi=hard", "-O2"]
    _run([*cc, "-c", str(tmp_path / "m.wat"), "-o", str(tmp_path / "m.o")])
    p = _run([*cc, str(tmp_path / "main.c"), str(tmp_path / "m.o"), "-nostartfiles",
              "-Wl,-e,main", "-Wl,--fatal-warnings", "-o", str(tmp_path / "a.elf")])
    assert p.stderr == ""
    _run([*cc, "-S", str(tmp_path / "m.wat"), "-o", str(tmp_path / "m.s")])
    listing = (tmp_path / "m.s").read_text()
    assert ".inst" not in listing and ".arch\tarmv8.1-m.main" in listing
    _run([GCC, "-c", str(tmp_path / "m.s"), "-o", str(tmp_path / "s.o")])
    assert _attrs(tmp_path / "s.o") == _attrs(tmp_path / "m.o")

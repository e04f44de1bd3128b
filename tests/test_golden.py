"""Golden hashes of compiled objects: an accidental codegen change shows up here.

After an intended change, re-bless with:

    .venv/bin/python -m pytest tests/test_golden.py --bless
"""

import hashlib
import json
import os

import pytest

from synth_toolchain.driver import compile_file
from synth_toolchain.options import Options
from synth_toolchain.tiers import TIER_NAMES
from tests.difftest import FIXTURES

GOLDEN = os.path.join(os.path.dirname(__file__), "golden", "objects.json")
CASES = [(name, tier, "") for name in sorted(os.listdir(FIXTURES)) if name.endswith(".wat")
         for tier in TIER_NAMES]
# hardware float code: (cpu, float ABI, FPU) per float fixture
FLOAT_CONFIGS = {"m4-hard": ("cortex-m4", "hard", None), "m7-softfp": ("cortex-m7", "softfp", None)}
CASES += [(name, tier, cfg) for name in ("f32_ops.wat", "f64_ops.wat", "float_more.wat")
          for tier in TIER_NAMES for cfg in sorted(FLOAT_CONFIGS)]


def _hash(name: str, tier: str, cfg: str) -> str:
    path = os.path.join(FIXTURES, name)
    cpu, abi, fpu = FLOAT_CONFIGS.get(cfg, ("cortex-m4", "soft", None))
    result = compile_file(path, Options(cpu=cpu, float_abi=abi, fpu=fpu, tier=tier))
    return hashlib.sha256(result.elf).hexdigest()


def test_golden_hashes(bless):
    actual = {":".join(filter(None, (name, tier, cfg))): _hash(name, tier, cfg)
              for name, tier, cfg in CASES}
    if bless:
        with open(GOLDEN, "w") as f:
            json.dump(actual, f, indent=1, sort_keys=True)
            f.write("\n")
        pytest.skip("golden hashes re-blessed")
    with open(GOLDEN) as f:
        expected = json.load(f)
    changed = sorted(k for k in actual if expected.get(k) != actual[k])
    assert not changed, (f"code generation changed for {changed}; if intended, re-bless with "
                         "`python -m pytest tests/test_golden.py --bless`")
    assert set(expected) == set(actual)

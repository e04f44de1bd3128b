"""Build caches shared between machines and builds.

* ccache with a remote storage (its `file:` backend, standing in for
  http/redis): a clean build of examples/firmware on "machine A" fills it;
  a clean build in a SECOND directory on "machine B" (its own empty local
  cache) is served entirely from the remote storage, with the same object
  bytes and the same image.  What makes it hit there: `base_dir` and
  `hash_dir = false` (another directory), `compiler_check = %compiler%
  --version` (another machine: the wrapper's mtime differs, its version
  does not), and `make CCACHE=ccache`, which marks the wasm inputs
  `-x cpp-output` so ccache caches them at all.
* synth-cc's own cache (`-fsynth-cache-dir`) on one directory shared by
  concurrent builds writing and reading the same and different entries:
  every output is right and every entry intact afterwards.

ccache is configured only through CCACHE_DIR/CCACHE_CONFIGPATH of the test's
own subprocesses (a private config file); nothing of the user's is read.
"""

import os
import re
import shutil
import subprocess
import sys

import pytest

from synth_toolchain.cc import cache
from tests.test_firmware import QEMU, check_run, copy_example

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SYNTH_CC = os.path.join(os.path.dirname(sys.executable), "synth-cc")
GCC = "arm-none-eabi-gcc"
ARCH = ["-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=soft"]

needs_cc = pytest.mark.skipif(shutil.which(GCC) is None or not os.path.exists(SYNTH_CC),
                              reason="needs arm-none-eabi-gcc and an installed synth-cc")


def ccache_version():
    if shutil.which("ccache") is None:
        return None
    out = subprocess.run(["ccache", "--version"], capture_output=True, text=True).stdout
    m = re.search(r"ccache version (\d+)\.(\d+)", out)
    return (int(m.group(1)), int(m.group(2))) if m else None


def remote_option(version):
    """ccache 4.4-4.6 call it secondary storage, 4.7 and later remote storage."""
    return "remote_storage" if version >= (4, 7) else "secondary_storage"


def ccache_env(tmp_path, machine, config):
    """The environment of one "machine": its own local cache, the shared config."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCACHE_")}
    env["CCACHE_DIR"] = str(tmp_path / f"local-{machine}")
    env["CCACHE_CONFIGPATH"] = str(config)
    return env


def ccache_stats(env, cwd):
    out = subprocess.run(["ccache", "--print-stats"], env=env, cwd=cwd, capture_output=True,
                         text=True, check=True).stdout
    return {k: int(v) for k, v in (ln.split("\t", 1) for ln in out.splitlines()
                                    if "\t" in ln and ln.split("\t")[1].isdigit())}


def make_firmware(src, env):
    cmd = ["make", "-j2", "MACHINE=an386", "WASM_FROM=prebuilt", "CCACHE=ccache",
           f"SYNTH_CC={SYNTH_CC}"]
    r = subprocess.run(cmd, cwd=src, env=env, capture_output=True, text=True,
                       stdin=subprocess.DEVNULL, timeout=300)
    assert r.returncode == 0, f"{cmd} failed:\n{r.stdout}\n{r.stderr}"
    return r


OBJECTS = ("startup.o", "semihost.o", "main.o", "ctrl.o", "filter.o")


@needs_cc
@pytest.mark.skipif(shutil.which("make") is None or shutil.which(QEMU) is None,
                    reason="needs make and qemu-system-arm")
def test_ccache_remote_storage_serves_firmware_in_another_directory(tmp_path):
    version = ccache_version()
    if version is None or version < (4, 4):
        pytest.skip("needs ccache 4.4 or later (remote storage)")
    remote = tmp_path / "remote"
    config = tmp_path / "ccache.conf"
    config.write_text(f"base_dir = {tmp_path}\n"
                      "hash_dir = false\n"
                      "compiler_check = %compiler% --version\n"
                      f"{remote_option(version)} = file:{remote}\n")
    kind = remote_option(version).split("_")[0]         # stats: remote_… or secondary_…
    builds = {}
    for machine in ("a", "b"):
        src = copy_example(tmp_path / machine / "firmware")
        env = ccache_env(tmp_path, machine, config)
        make_firmware(src, env)
        builds[machine] = src / "build" / "an386"
        s = ccache_stats(env, src)
        if machine == "a":      # everything compiled, and stored remotely
            assert s["cache_miss"] == len(OBJECTS), s
            assert s[f"{kind}_storage_write"] >= len(OBJECTS), s
        else:                   # an empty local cache: every compile a remote hit
            assert s["cache_miss"] == 0, s
            assert s[f"{kind}_storage_hit"] == len(OBJECTS), s
            assert s["local_storage_hit"] == 0, s
    a, b = builds["a"], builds["b"]
    for obj in OBJECTS:
        assert (b / obj).read_bytes() == (a / obj).read_bytes(), obj
    assert (b / "fw.elf").read_bytes() == (a / "fw.elf").read_bytes()
    assert (b / "ctrl.d").read_text() == "build/an386/ctrl.o: build/an386/ctrl.wasm\n"
    check_run(b / "fw.elf", "an386")


# ------------------------------------------------ synth-cc's cache, shared

MODULE = ('(module (memory 1) (data (i32.const 16) "{name}")\n'
          '  (func (export "{name}") (param i32) (result i32)\n'
          '    (i32.add (i32.load8_u (i32.const 16)) (i32.mul (local.get 0) (i32.const {k})))))\n')


def modules(n):
    return {f"m{k}.wat": MODULE.format(name=f"m{k}", k=k + 3) for k in range(n)}


def concurrent_builds(tmp_path, procs, rounds, nmods):
    """`procs` synth-cc processes at a time, each compiling every module (in its
    own order, in its own directory) against one shared cache directory."""
    mods = modules(nmods)
    ref = tmp_path / "ref"
    ref.mkdir()
    for name, text in mods.items():
        (ref / name).write_text(text)
    subprocess.run([SYNTH_CC, *ARCH, "-c", *mods], cwd=ref, check=True)
    want = {name: (ref / name.replace(".wat", ".o")).read_bytes() for name in mods}
    shared = tmp_path / "shared-cache"
    names = sorted(mods)
    for r in range(rounds):
        running = []
        for p in range(procs):
            d = tmp_path / f"r{r}p{p}"
            d.mkdir()
            for name, text in mods.items():
                (d / name).write_text(text)
            order = names[p % len(names):] + names[:p % len(names)]
            if p % 2:
                order.reverse()
            running.append((d, subprocess.Popen(
                [SYNTH_CC, *ARCH, f"-fsynth-cache-dir={shared}", "-v", "-c", *order],
                cwd=d, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)))
        for d, proc in running:
            out, err = proc.communicate(timeout=300)
            assert proc.returncode == 0, err
            assert "corrupt" not in err, err
            for name in mods:
                assert (d / name.replace(".wat", ".o")).read_bytes() == want[name], (d, name)
            if r:                                   # the cache is warm after round 0
                assert err.count("result from the cache") == len(mods), err
    files = [p for p in shared.rglob("*") if p.is_file()]
    assert len(files) == len(mods), files         # one entry per module, no temporaries
    for f in files:
        data, _ = cache.decode(f.stem, f.read_bytes())
        assert data in want.values()


@needs_cc
def test_synth_cc_cache_shared_by_concurrent_builds(tmp_path):
    concurrent_builds(tmp_path, procs=4, rounds=2, nmods=3)


@needs_cc
@pytest.mark.slow
def test_synth_cc_cache_shared_by_concurrent_builds_many(tmp_path):
    concurrent_builds(tmp_path, procs=8, rounds=5, nmods=12)

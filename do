#!/usr/bin/env bash
# The two commands of the README, with everything they need installed on the way.
#
#   ./do example        compile examples/hello.wat, link it, run it on an emulated Cortex-M4
#   ./do test           the test suite (CI slice); ./do test --all adds the slow exhaustive variants
#   ./do bench          kernel benchmark against native gcc and wasm2c (docs/benchmarks.md);
#                       ./do bench --quick, ./do bench path/to/kernel, ./do bench --help;
#                       ./do bench --cpu cortex-m0plus for the Cortex-M0+ figures
#
# Installs Debian packages (as root, or through sudo) and a Python virtual
# environment in .venv on first use; later runs only check.
set -euo pipefail
cd "$(dirname "$0")"

# the GNU Arm toolchain links and assembles; qemu runs the example firmware; clang/lld
# build wasm from C (with wasi-libc and its compiler-rt for WASI programs); scons, cmake,
# ninja, make and ccache are the build systems we integrate with; chromium and its
# driver load the HTML report in the tests (through selenium); gdb-multiarch and
# llvm-14's llvm-dwarfdump-14 check the debug information (-g)
APT_PACKAGES=(gcc-arm-none-eabi binutils-arm-none-eabi libnewlib-arm-none-eabi
              qemu-system-arm clang lld scons cmake ninja-build make ccache
              wasi-libc libclang-rt-14-dev-wasm32 chromium chromium-driver
              gdb-multiarch llvm-14)

log() { printf '[do] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root to run: $*"; exit 1; fi
}

ensure_system() {
  local missing=()
  command -v python3 >/dev/null || missing+=(python3)
  python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing system packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

ensure_venv() {
  local stamp=.venv/.synth-installed
  if [ ! -x .venv/bin/python ]; then
    log "creating .venv"
    python3 -m venv .venv
  fi
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    log "installing synth and its Python dependencies into .venv"
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null
    .venv/bin/python -m pip install -q -e '.[test]'
    touch "$stamp"
  fi
}

cmd=${1:-}
shift || true
case "$cmd" in
  example)
    ensure_system; ensure_venv
    mkdir -p out
    log "synth compile examples/hello.wat -o out/hello.o"
    .venv/bin/synth compile examples/hello.wat -o out/hello.o --header out/hello.h
    log "report: out/hello.synth.yaml"
    log "synth run examples/hello.wat --invoke fib 20"
    .venv/bin/synth run examples/hello.wat --invoke fib 20
    log "synth run examples/hello.wat --invoke checksum 100"
    .venv/bin/synth run examples/hello.wat --invoke checksum 100
    ;;
  test)
    ensure_system; ensure_venv
    args=(-n 2 --dist loadgroup -q)   # loadgroup: a module marked xdist_group runs on one worker
    if [ "${1:-}" = "--all" ]; then shift; args+=(-m "slow or not slow"); fi
    exec .venv/bin/python -m pytest "${args[@]}" "$@"
    ;;
  bench)
    # wasm2c (wabt) is the second point of comparison; GNU time measures compile peak memory
    APT_PACKAGES+=(wabt time)
    ensure_system; ensure_venv
    if ! .venv/bin/python -c 'import matplotlib' 2>/dev/null; then
      log "installing the bench extras (matplotlib) into .venv"
      .venv/bin/python -m pip install -q -e '.[bench]'
    fi
    exec .venv/bin/python -m bench.run "$@"
    ;;
  *)
    echo "usage: ./do example | ./do test [--all] [pytest args…] | ./do bench [--quick] [kernel…]" >&2
    exit 2
    ;;
esac

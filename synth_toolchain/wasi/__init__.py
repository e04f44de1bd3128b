"""WASI preview1 for microcontrollers: the import table, its symbols, the C shim.

A module's `wasi_snapshot_preview1` imports are bound to symbols in synth's
own namespace, `P##synth_wasi_<function>` (P = --prefix), which no C program
or library defines by accident; a field that is no preview1 function but
returns an errno (`[...] -> [i32]`) is bound to `P##synth_wasi_enosys`.  The
C runtime `shim.c` defines all of them on the module's own linear memory
(`P##synth_memory`) and passes bytes, time, randomness and exit to weak hooks
(docs/abi.md, "WASI").  `shim.py` compiles it; `synth run` links the same
shim with Python hooks (run/wasi_host.py).
"""

from __future__ import annotations

from pathlib import Path

from ..wasm.module import FuncType, ValType

MODULE = "wasi_snapshot_preview1"
SHIM_SOURCE = Path(__file__).resolve().parent / "shim.c"
SYMBOL_STEM = "synth_wasi_"
ENOSYS_FUNCTION = "enosys"

# errno values of WASI preview1 (witx `errno`)
ESUCCESS, EBADF, EFAULT, EINVAL, ENOSYS, ESPIPE = 0, 8, 21, 28, 52, 70

# Every preview1 function: (parameter letters, result letters), i = i32, l = i64
# (pointers and lengths are i32).  The imports of wasi-libc, checked against it
# by tests/test_wasi.py.
_FUNCTIONS = {
    "args_get": ("ii", "i"), "args_sizes_get": ("ii", "i"),
    "environ_get": ("ii", "i"), "environ_sizes_get": ("ii", "i"),
    "clock_res_get": ("ii", "i"), "clock_time_get": ("ili", "i"),
    "fd_advise": ("illi", "i"), "fd_allocate": ("ill", "i"), "fd_close": ("i", "i"),
    "fd_datasync": ("i", "i"), "fd_fdstat_get": ("ii", "i"),
    "fd_fdstat_set_flags": ("ii", "i"), "fd_fdstat_set_rights": ("ill", "i"),
    "fd_filestat_get": ("ii", "i"), "fd_filestat_set_size": ("il", "i"),
    "fd_filestat_set_times": ("illi", "i"), "fd_pread": ("iiili", "i"),
    "fd_prestat_get": ("ii", "i"), "fd_prestat_dir_name": ("iii", "i"),
    "fd_pwrite": ("iiili", "i"), "fd_read": ("iiii", "i"), "fd_readdir": ("iiili", "i"),
    "fd_renumber": ("ii", "i"), "fd_seek": ("ilii", "i"), "fd_sync": ("i", "i"),
    "fd_tell": ("ii", "i"), "fd_write": ("iiii", "i"),
    "path_create_directory": ("iii", "i"), "path_filestat_get": ("iiiii", "i"),
    "path_filestat_set_times": ("iiiilli", "i"), "path_link": ("iiiiiii", "i"),
    "path_open": ("iiiiillii", "i"), "path_readlink": ("iiiiii", "i"),
    "path_remove_directory": ("iii", "i"), "path_rename": ("iiiiii", "i"),
    "path_symlink": ("iiiii", "i"), "path_unlink_file": ("iii", "i"),
    "poll_oneoff": ("iiii", "i"), "proc_exit": ("i", ""), "proc_raise": ("i", "i"),
    "sched_yield": ("", "i"), "random_get": ("ii", "i"), "sock_accept": ("iii", "i"),
    "sock_recv": ("iiiiii", "i"), "sock_send": ("iiiii", "i"), "sock_shutdown": ("ii", "i"),
}
_LETTER = {"i": ValType.I32, "l": ValType.I64}
FUNCTIONS: dict[str, tuple[tuple[ValType, ...], tuple[ValType, ...]]] = {
    name: (tuple(_LETTER[c] for c in p), tuple(_LETTER[c] for c in r))
    for name, (p, r) in _FUNCTIONS.items()}

# what shim.c does more than return ENOSYS (the rest of FUNCTIONS does just that)
IMPLEMENTED = frozenset("""
fd_write fd_read fd_close fd_seek fd_fdstat_get fd_prestat_get fd_prestat_dir_name
proc_exit clock_time_get random_get args_sizes_get args_get environ_sizes_get
environ_get sched_yield
""".split())

# the weak hooks of shim.c, which the firmware (or synth run) defines
HOOKS = ("synth_wasi_hook_write", "synth_wasi_hook_read", "synth_wasi_hook_clock",
         "synth_wasi_hook_random", "synth_wasi_hook_exit")


class WasiImportError(ValueError):
    """The import cannot be bound to the shim (the message says why)."""


def import_symbol(prefix: str, name: str, params: tuple, results: tuple) -> str:
    """The symbol of function import wasi_snapshot_preview1.`name` of that type."""
    known = FUNCTIONS.get(name)
    if known is not None:
        if known != (tuple(params), tuple(results)):
            raise WasiImportError(f"has the type {_shown(params, results)}, but WASI preview1's "
                                  f"{name} is {_shown(*known)}")
        return f"{prefix}{SYMBOL_STEM}{name}"
    if tuple(results) != (ValType.I32,):
        raise WasiImportError(f"is no WASI preview1 function, and with the type "
                              f"{_shown(params, results)} it cannot return ENOSYS")
    return f"{prefix}{SYMBOL_STEM}{ENOSYS_FUNCTION}"


def _shown(params, results) -> str:
    return str(FuncType(tuple(params), tuple(results)))

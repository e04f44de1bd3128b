"""Run a linked executable on an emulated Cortex-M (unicorn).

Calls follow the AAPCS base (soft-float) procedure call standard exactly as
a C caller would make them; see `Emulator.call`.  The executable must have
been linked with `link.link_executable` (it provides `synth_trap`,
`__synth_halt` and the import stubs).
"""

from __future__ import annotations

import struct
from typing import Callable, Mapping, Sequence

from capstone import CS_ARCH_ARM, CS_MODE_MCLASS, CS_MODE_THUMB, Cs, CsError
from elftools.elf.elffile import ELFFile
from elftools.elf.sections import SymbolTableSection
from unicorn import (UC_ARCH_ARM, UC_HOOK_MEM_READ, UC_HOOK_MEM_WRITE, UC_MEM_WRITE, UC_ERR_FETCH_UNMAPPED, UC_HOOK_BLOCK, UC_HOOK_CODE,
                     UC_HOOK_INSN_INVALID, UC_HOOK_INTR, UC_HOOK_MEM_INVALID, UC_MEM_FETCH_PROT,
                     UC_MEM_FETCH_UNMAPPED, UC_MEM_READ_PROT, UC_MEM_READ_UNMAPPED,
                     UC_MEM_WRITE_PROT, UC_MEM_WRITE_UNMAPPED, UC_MODE_MCLASS,
                     UC_MODE_THUMB, UC_PROT_ALL, UC_PROT_EXEC, UC_PROT_READ, Uc, UcError)
from unicorn import arm_const as A

from ..target import TARGETS
from ..traps import TRAP_HANDLER
from ..wasm.module import ValType
from .link import FLASH_BASE, FLASH_SIZE, RAM_BASE, RAM_SIZE
from .lowoverhead import LowOverheadLoops
from .vfpdp import DoubleFPU
from .values import (CallResult, EmulatorError, HostFunction, HostTrap,
                     host_results, host_signature, mask, width)

__all__ = ["Emulator", "EmulatorError", "HostFunction", "HostTrap", "CallResult",
           "marshal_arguments", "struct_layout"]

HALT_SYMBOL = "__synth_halt"
STACK_TOP = RAM_BASE + RAM_SIZE        # for images linked without emu.ld's stack symbols
# a push or frame store reaches at most this far below sp
STACK_REACH = 4096

_CPU_MODELS = {
    "cortex-m0": "UC_CPU_ARM_CORTEX_M0",
    "cortex-m0plus": "UC_CPU_ARM_CORTEX_M0",
    "cortex-m1": "UC_CPU_ARM_CORTEX_M0",
    "cortex-m3": "UC_CPU_ARM_CORTEX_M3",
    "cortex-m4": "UC_CPU_ARM_CORTEX_M4",
    "cortex-m7": "UC_CPU_ARM_CORTEX_M7",
    "cortex-m33": "UC_CPU_ARM_CORTEX_M33",
    "cortex-m23": "UC_CPU_ARM_CORTEX_M33",    # no M23 model: its code is a subset
    # no v8.1-M model: v8.1-M code without low-overhead loops runs on the M33 (its
    # f64 instructions on the software double FPU, as for the M7)
    "cortex-m55": "UC_CPU_ARM_CORTEX_M33",
    "cortex-m85": "UC_CPU_ARM_CORTEX_M33",
}

# cores that may carry a double-precision FPU (FPv5-D16)
_DOUBLE_FPU_CPUS = frozenset({"cortex-m7", "cortex-m55", "cortex-m85"})
# v8.1-M cores: their dls/wls/le in software on the M33 model (run/lowoverhead.py)
_LOW_OVERHEAD_CPUS = frozenset({"cortex-m55", "cortex-m85"})

_R = [A.UC_ARM_REG_R0, A.UC_ARM_REG_R1, A.UC_ARM_REG_R2, A.UC_ARM_REG_R3]
_S = [getattr(A, f"UC_ARM_REG_S{k}") for k in range(32)]

_ACCESS = {
    UC_MEM_READ_UNMAPPED: "read from unmapped address",
    UC_MEM_WRITE_UNMAPPED: "write to unmapped address",
    UC_MEM_FETCH_UNMAPPED: "instruction fetch from unmapped address",
    UC_MEM_READ_PROT: "read from protected address",
    UC_MEM_WRITE_PROT: "write to read-only address",
    UC_MEM_FETCH_PROT: "instruction fetch from non-executable address",
}

# ARMv7-M exception numbers as reported by qemu (EXCP_*) for UC_HOOK_INTR.
_EXCP_NAMES = {1: "undefined instruction", 2: "SVC", 3: "prefetch abort",
               4: "data abort", 5: "IRQ", 6: "FIQ", 7: "BKPT",
               8: "exception exit", 9: "kernel trap", 11: "HVC", 12: "HYP trap",
               13: "SMC", 14: "virtual IRQ", 15: "virtual FIQ", 16: "semihosting",
               17: "NOCP (coprocessor disabled)", 18: "INVSTATE (invalid state)",
               19: "stack check", 20: "lazy FP state preservation fault",
               21: "lazy FP state save error", 22: "divide by zero (UsageFault)",
               23: "v7M pending exception"}


def _is64(t: ValType) -> bool:
    return width(t) == 64


def struct_layout(types: Sequence[ValType]) -> tuple[list[int], int]:
    """Field offsets and total size of the C struct returned for multi-value
    results: fields in order, each naturally aligned, size a multiple of the
    largest alignment."""
    offsets, off, align = [], 0, 4
    for t in types:
        a = 8 if _is64(t) else 4
        align = max(align, a)
        off = (off + a - 1) & -a
        offsets.append(off)
        off += a
    return offsets, (off + align - 1) & -align


def _is_float(t: ValType) -> bool:
    return t in (ValType.F32, ValType.F64)


def marshal_arguments(params: Sequence[ValType], hidden_pointer: bool, vfp: bool = False
                      ) -> tuple[list[tuple[str, int, int]], int]:
    """AAPCS placement of each parameter (AAPCS-VFP with vfp=True: float ABI hard).

    Returns (locations, stack_bytes) where each location is ("reg",
    first_register, nwords), ("vfp", first_s_register, nwords) or ("stack",
    byte_offset, nwords).  Written independently of the compiler's own
    arm/frame.py so each checks the other.
    """
    ncrn = 1 if hidden_pointer else 0
    nsaa = 0
    s_free = [True] * 16
    vfp_exhausted = False
    locs: list[tuple[str, int, int]] = []
    for t in params:
        nwords = 2 if _is64(t) else 1
        if vfp and _is_float(t):
            first = None
            if not vfp_exhausted:      # C.1.vfp: first aligned block of free s registers
                first = next((f for f in range(0, 16, nwords)
                              if all(s_free[f:f + nwords])), None)
            if first is not None:
                s_free[first:first + nwords] = [False] * nwords
                locs.append(("vfp", first, nwords))
                continue
            vfp_exhausted = True        # C.2.vfp: no back-filling once one spilled
        else:
            if nwords == 2 and ncrn < 4 and ncrn % 2:
                ncrn += 1               # C.3: round NCRN up to even
            if ncrn + nwords <= 4:
                locs.append(("reg", ncrn, nwords))
                ncrn += nwords
                continue
            ncrn = 4                    # C.4/C.5: nothing more in core registers
        nsaa = (nsaa + 4 * nwords - 1) & -(4 * nwords)   # natural alignment
        locs.append(("stack", nsaa, nwords))
        nsaa += 4 * nwords
    return locs, nsaa


def returns_in_vfp(results: Sequence[ValType], vfp: bool) -> bool:
    """AAPCS-VFP returns a float, or a struct of 2-4 floats of one type, in s/d registers."""
    if not vfp or not results or not all(_is_float(t) for t in results):
        return False
    return len(results) == 1 or (len(results) <= 4 and len(set(results)) == 1)



# r4-r11 before a call, as a C caller keeps values there (checked after it)
_CALLEE_SAVED = {getattr(A, f"UC_ARM_REG_R{n}"): 0xC0DE0000 | n for n in range(4, 12)}

class _Stop(Exception):
    pass


class Emulator:
    """A loaded executable on an emulated Cortex-M.

    host_functions maps import-stub symbol names to `HostFunction`s (or
    callables with `.params`/`.results`).  Memory persists across calls; SP
    is reset to the top of RAM for each call.
    """

    def __init__(self, elf_path: str, host_functions: Mapping[str, Callable] | None = None,
                 cpu: str = "cortex-m4", *, count_instructions: bool = False,
                 float_abi: str = "soft"):
        self.elf_path = elf_path
        self.vfp = float_abi == "hard"          # AAPCS-VFP calls
        self.cpu = cpu
        self.count_instructions = count_instructions
        self.instructions_executed: int | None = None
        self.symbols: dict[str, int] = {}
        self._sym_types: dict[str, str] = {}
        with open(elf_path, "rb") as f:
            elf = ELFFile(f)
            if elf["e_machine"] != "EM_ARM" or elf["e_type"] != "ET_EXEC":
                raise EmulatorError(f"{elf_path}: not an ARM executable")
            segments = [(seg["p_vaddr"], seg.data(), seg["p_memsz"])
                        for seg in elf.iter_segments() if seg["p_type"] == "PT_LOAD"]
            for sec in elf.iter_sections():
                if isinstance(sec, SymbolTableSection):
                    for sym in sec.iter_symbols():
                        if sym.name and sym["st_shndx"] != "SHN_UNDEF" and \
                                sym["st_info"]["bind"] != "STB_LOCAL":
                            self.symbols[sym.name] = sym["st_value"]
                            self._sym_types[sym.name] = sym["st_info"]["type"]
                    for sym in sec.iter_symbols():   # locals only where no global
                        if sym.name and sym["st_shndx"] != "SHN_UNDEF" and \
                                sym.name not in self.symbols and sym["st_info"]["type"] in (
                                    "STT_FUNC", "STT_OBJECT", "STT_NOTYPE") and not sym.name.startswith("$"):
                            self.symbols[sym.name] = sym["st_value"]
                            self._sym_types[sym.name] = sym["st_info"]["type"]

        model = _CPU_MODELS.get(cpu)
        if model is None:
            raise EmulatorError(f"unsupported CPU for emulation: {cpu} "
                                f"(known: {', '.join(sorted(_CPU_MODELS))})")
        uc = Uc(UC_ARCH_ARM, UC_MODE_THUMB | UC_MODE_MCLASS)
        if hasattr(A, model):
            uc.ctl_set_cpu_model(getattr(A, model))
        uc.mem_map(FLASH_BASE, FLASH_SIZE, UC_PROT_READ | UC_PROT_EXEC)
        uc.mem_map(RAM_BASE, RAM_SIZE, UC_PROT_ALL)
        for vaddr, data, memsz in segments:
            if not (FLASH_BASE <= vaddr and vaddr + memsz <= FLASH_BASE + FLASH_SIZE) and \
                    not (RAM_BASE <= vaddr and vaddr + memsz <= RAM_BASE + RAM_SIZE):
                raise EmulatorError(f"{elf_path}: segment at 0x{vaddr:08x} (+{memsz:#x}) "
                                    "is outside flash/RAM")
            uc.mem_write(vaddr, data)       # RAM/flash are zero-filled: .bss needs nothing
        self.uc = uc
        self._cs = Cs(CS_ARCH_ARM, CS_MODE_THUMB | CS_MODE_MCLASS)

        for need in (HALT_SYMBOL, TRAP_HANDLER):
            if need not in self.symbols:
                raise EmulatorError(f"{elf_path}: no symbol {need} (not linked with the harness?)")
        self._halt = self.symbols[HALT_SYMBOL] & ~1
        self._trap_addr = self.symbols[TRAP_HANDLER] & ~1
        # emu.ld puts the stack at the start of RAM, growing towards unmapped memory
        self.stack_top = self.symbols.get("__synth_stack_top", STACK_TOP)
        self.stack_bottom = self.symbols.get("__synth_stack_bottom")

        # per-call state
        self._trap_code: int | None = None
        self._pending_exc: BaseException | None = None
        self._fault: str | None = None
        self._count = 0
        self._block_cache: dict[tuple[int, int], int] = {}

        uc.hook_add(UC_HOOK_CODE, self._on_trap, begin=self._trap_addr, end=self._trap_addr)
        uc.hook_add(UC_HOOK_MEM_INVALID, self._on_mem_invalid)
        uc.hook_add(UC_HOOK_INTR, self._on_intr)
        if cpu in TARGETS and not TARGETS[cpu].isa.unaligned:
            # ARMv6-M faults on an unaligned ldr/ldrh/str/strh; unicorn's M0
            # model does not, so the fault is raised here
            uc.hook_add(UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE, self._on_unaligned)
        # unicorn's M7 has a single-precision FPU; FPv5-D16's f64 instructions
        # are carried out in software (run/vfpdp.py)
        self._dfpu = DoubleFPU() if cpu in _DOUBLE_FPU_CPUS else None
        self._lob = LowOverheadLoops() if cpu in _LOW_OVERHEAD_CPUS else None
        software = [h for h in (self._dfpu, self._lob) if h is not None]
        if software:
            uc.hook_add(UC_HOOK_INSN_INVALID, lambda uc, user: any(h(uc, user) for h in software))
        if self._dfpu is not None:
            self._dfpu.activate_fp_context(uc, self.stack_top - 16)
        self._host: dict[int, tuple[str, Callable, tuple, tuple]] = {}
        for name, fn in (host_functions or {}).items():
            if name not in self.symbols:
                raise EmulatorError(f"host function {name}: no such symbol in {elf_path} "
                                    "(pass it in link_executable(imports=...))")
            params, results = host_signature(fn)
            addr = self.symbols[name] & ~1
            self._host[addr] = (name, fn, params, results)
            uc.hook_add(UC_HOOK_CODE, self._on_host, begin=addr, end=addr)
        self._count_hook = None

    # ------------------------------------------------------------ memory / symbols

    def symbol_address(self, name: str) -> int:
        """The symbol's ELF value (functions keep the Thumb bit set)."""
        try:
            return self.symbols[name]
        except KeyError:
            raise EmulatorError(f"no symbol {name!r} in {self.elf_path}") from None

    def _addr(self, symbol_or_addr: str | int) -> int:
        if isinstance(symbol_or_addr, str):
            a = self.symbol_address(symbol_or_addr)
            return a & ~1 if self._sym_types.get(symbol_or_addr) == "STT_FUNC" else a
        return int(symbol_or_addr)

    def read_memory(self, symbol_or_addr: str | int, size: int) -> bytes:
        addr = self._addr(symbol_or_addr)
        try:
            return bytes(self.uc.mem_read(addr, size))
        except UcError as e:
            raise EmulatorError(f"cannot read {size} bytes at 0x{addr:08x}: {e}") from None

    def write_memory(self, symbol_or_addr: str | int, data: bytes) -> None:
        addr = self._addr(symbol_or_addr)
        try:
            self.uc.mem_write(addr, bytes(data))
        except UcError as e:
            raise EmulatorError(f"cannot write {len(data)} bytes at 0x{addr:08x}: {e}") from None

    def read_u32(self, addr: int) -> int:
        return struct.unpack("<I", self.read_memory(addr, 4))[0]

    def disassemble(self, addr: int) -> str:
        try:
            code = bytes(self.uc.mem_read(addr & ~1, 4))
        except UcError:
            return "<unmapped>"
        try:
            for insn in self._cs.disasm(code, addr & ~1, 1):
                return f"{insn.mnemonic} {insn.op_str}".strip()
        except CsError:
            pass
        return "<undecodable: " + code.hex() + ">"

    def symbolize(self, addr: int) -> str:
        best, best_name = -1, None
        for name, v in self.symbols.items():
            if self._sym_types.get(name) != "STT_FUNC":
                continue
            v &= ~1
            if best < v <= addr:
                best, best_name = v, name
        return f"{best_name}+0x{addr - best:x}" if best_name else f"0x{addr:08x}"

    # ------------------------------------------------------------ hooks

    def _on_trap(self, uc, address, size, _):
        self._trap_code = uc.reg_read(A.UC_ARM_REG_R0)
        uc.emu_stop()

    def _on_mem_invalid(self, uc, access, address, size, value, _):
        what = _ACCESS.get(access, f"invalid memory access (type {access})")
        self._fault = f"{what} 0x{address:08x} ({size} bytes)"
        bottom, sp = self.stack_bottom, uc.reg_read(A.UC_ARM_REG_SP)
        if bottom is not None and address < bottom and (sp < bottom or
                                                         sp - address <= STACK_REACH):
            self._fault = (f"stack overflow: {self._fault}, below the bottom of the stack "
                           f"(0x{bottom:08x}; --stack-check traps before it)")
        return False

    def _on_unaligned(self, uc, access, address, size, value, _):
        if size > 1 and address % size:
            self._fault = (f"HardFault: unaligned {size}-byte "
                           f"{'write' if access == UC_MEM_WRITE else 'read'} at 0x{address:08x}")
            uc.emu_stop()

    def _on_intr(self, uc, intno, _):
        self._fault = f"CPU exception {intno}: {_EXCP_NAMES.get(intno, 'unknown')}"
        uc.emu_stop()

    def _on_block(self, uc, address, size, _):
        if address == self._trap_addr:      # the handler is not part of the program
            return
        key = (address, size)
        n = self._block_cache.get(key)
        if n is None:
            try:
                code = bytes(uc.mem_read(address, size))
                n = sum(1 for _i in self._cs.disasm_lite(code, address))
            except (UcError, CsError):
                n = 0
            n = n or max(1, size // 2)
            self._block_cache[key] = n
        self._count += n

    def _on_host(self, uc, address, size, _):
        name, fn, params, results = self._host[address]
        try:
            in_vfp = returns_in_vfp(results, self.vfp)
            multi = len(results) > 1 and not in_vfp
            sp = uc.reg_read(A.UC_ARM_REG_SP)
            locs, _n = marshal_arguments(params, multi, self.vfp)
            regs = [uc.reg_read(r) for r in _R]
            args = []
            for t, (kind, where, nwords) in zip(params, locs):
                if kind == "reg":
                    words = regs[where:where + nwords]
                elif kind == "vfp":
                    words = [uc.reg_read(_S[where + k]) for k in range(nwords)]
                else:
                    words = struct.unpack(f"<{nwords}I", bytes(uc.mem_read(sp + where, 4 * nwords)))
                v = words[0] | (words[1] << 32 if nwords == 2 else 0)
                args.append(mask(v, t))
            try:
                raw = fn(*args)
            except HostTrap as t:
                self._trap_code = t.code
                uc.emu_stop()
                return
            vals = host_results(raw, results, name)
            if in_vfp:
                self._write_vfp_words(results, vals)
            elif multi:
                self._write_struct(regs[0], results, vals)
            elif results:
                v = vals[0]
                uc.reg_write(A.UC_ARM_REG_R0, v & 0xFFFFFFFF)
                if _is64(results[0]):
                    uc.reg_write(A.UC_ARM_REG_R1, v >> 32)
            # the stub's own `bx lr` returns to the caller
        except BaseException as e:          # re-raised from call()
            self._pending_exc = e
            uc.emu_stop()

    def _write_vfp_words(self, types: Sequence[ValType], vals: Sequence[int]) -> None:
        k = 0
        for t, v in zip(types, vals):
            for w in range(2 if _is64(t) else 1):
                self.uc.reg_write(_S[k], (v >> (32 * w)) & 0xFFFFFFFF)
                k += 1

    def _read_vfp_words(self, types: Sequence[ValType]) -> tuple[int, ...]:
        vals, k = [], 0
        for t in types:
            n = 2 if _is64(t) else 1
            vals.append(sum(self.uc.reg_read(_S[k + w]) << (32 * w) for w in range(n)))
            k += n
        return tuple(vals)

    def _write_struct(self, addr: int, types: Sequence[ValType], vals: Sequence[int]) -> None:
        offsets, size = struct_layout(types)
        buf = bytearray(size)
        for t, off, v in zip(types, offsets, vals):
            buf[off:off + width(t) // 8] = v.to_bytes(width(t) // 8, "little")
        self.uc.mem_write(addr, bytes(buf))

    # ------------------------------------------------------------ calls

    def call(self, symbol: str, params: Sequence[ValType], args: Sequence[int],
             results: Sequence[ValType], *, max_instructions: int | None = 50_000_000
             ) -> CallResult:
        """Call `symbol` like a C caller would (AAPCS, or AAPCS-VFP for float ABI hard).

        args are canonical bit patterns; results come back the same way.
        Multiple results are returned through a caller-allocated struct whose
        address is passed as a hidden first argument in r0.
        max_instructions=None (or 0) means no limit.
        """
        params, results = tuple(params), tuple(results)
        if len(args) != len(params):
            raise EmulatorError(f"{symbol}: {len(params)} argument(s) expected, got {len(args)}")
        entry = self.symbol_address(symbol)
        uc = self.uc
        in_vfp = returns_in_vfp(results, self.vfp)
        multi = len(results) > 1 and not in_vfp
        locs, stack_bytes = marshal_arguments(params, multi, self.vfp)

        top = self.stack_top - 64                 # a little red zone above the frame
        ret_buf = 0
        if multi:
            _offs, size = struct_layout(results)
            ret_buf = (top - size) & -8
            uc.mem_write(ret_buf, b"\xAA" * size)  # garbage, like an uninitialised local
            top = ret_buf
        sp = (top - stack_bytes) & -8
        regs = [0, 0, 0, 0]
        if multi:
            regs[0] = ret_buf
        stack = bytearray(stack_bytes)
        for t, v, (kind, where, nwords) in zip(params, args, locs):
            v = mask(int(v), t)
            words = [v & 0xFFFFFFFF, v >> 32][:nwords]
            if kind == "reg":
                regs[where:where + nwords] = words
            elif kind == "vfp":
                for k, w in enumerate(words):
                    uc.reg_write(_S[where + k], w)
            else:
                stack[where:where + 4 * nwords] = struct.pack(f"<{nwords}I", *words)
        if stack:
            uc.mem_write(sp, bytes(stack))
        for r, v in zip(_R, regs):
            uc.reg_write(r, v)
        # the callee-saved registers hold values the callee must give back (AAPCS)
        for r, v in _CALLEE_SAVED.items():
            uc.reg_write(r, v)
        uc.reg_write(A.UC_ARM_REG_R12, 0)
        uc.reg_write(A.UC_ARM_REG_SP, sp)
        uc.reg_write(A.UC_ARM_REG_LR, self._halt | 1)
        uc.reg_write(A.UC_ARM_REG_XPSR, 0x01000000)   # Thumb, flags and IT state clear

        self._trap_code = None
        self._pending_exc = None
        self._fault = None
        self._count = 0
        software = [h for h in (self._dfpu, self._lob) if h is not None]
        executed_before = sum(h.executed for h in software)
        hook = None
        if self.count_instructions:
            hook = uc.hook_add(UC_HOOK_BLOCK, self._on_block)
        err: UcError | None = None
        try:
            uc.emu_start(entry | 1, self._halt, count=max(0, max_instructions or 0))
        except UcError as e:
            err = e
        finally:
            if hook is not None:
                uc.hook_del(hook)
        # instructions carried out in software end their blocks: counted here
        self._count += sum(h.executed for h in software) - executed_before
        self.instructions_executed = self._count if self.count_instructions else None

        if self._pending_exc is not None:
            exc, self._pending_exc = self._pending_exc, None
            raise exc
        pc = uc.reg_read(A.UC_ARM_REG_PC)
        if self._trap_code is not None:
            return CallResult(None, self._trap_code)
        if err is not None or self._fault is not None:
            reason = self._fault or str(err)
            if err is not None and err.errno == UC_ERR_FETCH_UNMAPPED:
                where = f"pc=0x{pc:08x}"
            else:
                where = f"pc=0x{pc:08x} <{self.symbolize(pc)}>: {self.disassemble(pc)}"
            raise EmulatorError(f"{symbol}: {reason} at {where}", pc=pc)
        if pc != self._halt:
            raise EmulatorError(
                f"{symbol}: exceeded max_instructions={max_instructions} (infinite loop?) "
                f"at pc=0x{pc:08x} <{self.symbolize(pc)}>: {self.disassemble(pc)}", pc=pc)
        sp_after = uc.reg_read(A.UC_ARM_REG_SP)
        if sp_after != sp:
            raise EmulatorError(f"{symbol}: stack pointer not restored "
                                f"(0x{sp:08x} before, 0x{sp_after:08x} after)", pc=pc)
        lost = [f"r{k + 4}" for k, (r, v) in enumerate(_CALLEE_SAVED.items())
                if uc.reg_read(r) != v]
        if lost:
            raise EmulatorError(f"{symbol}: callee-saved {', '.join(lost)} not preserved", pc=pc)

        if not results:
            return CallResult((), None)
        if in_vfp:
            return CallResult(self._read_vfp_words(results), None)
        if multi:
            offsets, _size = struct_layout(results)
            vals = []
            for t, off in zip(results, offsets):
                n = width(t) // 8
                vals.append(int.from_bytes(self.read_memory(ret_buf + off, n), "little"))
            return CallResult(tuple(vals), None)
        r0 = uc.reg_read(A.UC_ARM_REG_R0)
        if _is64(results[0]):
            return CallResult(((uc.reg_read(A.UC_ARM_REG_R1) << 32) | r0,), None)
        return CallResult((r0,), None)

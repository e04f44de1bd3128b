"""ARMv8.1-M's low-overhead-loop instructions in software, for unicorn's Cortex-M33.

unicorn has no v8.1-M core; synth's Cortex-M55/M85 code runs on its M33
model, which stops at `dls`/`wls`/`le` with an invalid-instruction fault.
`LowOverheadLoops` is the emulator's UC_HOOK_INSN_INVALID handler for them
(beside run/vfpdp.py's double FPU): it carries each out as QEMU's v8.1-M
model does (target/arm translate.c: DLS sets lr; WLS branches forward when
the count is 0, else sets lr; LE falls through when lr <= 1, else decrements
lr and branches back) and resumes.  tests/test_v81m_qemu.py runs the same
code on QEMU's Cortex-M55 (mps3-an547).
"""

from __future__ import annotations

from unicorn import arm_const as A

from ..arm.encoding import decode_low_overhead

_R = [getattr(A, f"UC_ARM_REG_R{k}") for k in range(13)] + [A.UC_ARM_REG_SP, A.UC_ARM_REG_LR,
                                                            A.UC_ARM_REG_PC]


class LowOverheadLoops:
    def __init__(self) -> None:
        self.executed = 0

    def __call__(self, uc, _user) -> bool:
        pc = uc.reg_read(A.UC_ARM_REG_PC) & ~1
        data = bytes(uc.mem_read(pc, 4))
        lob = decode_low_overhead(data)
        if lob is None or uc.reg_read(A.UC_ARM_REG_XPSR) & (0xFC << 8 | 3 << 25):
            return False                  # not ours, or inside an IT block (UNPREDICTABLE)
        mnemonic, _, offset = lob
        lr = uc.reg_read(A.UC_ARM_REG_LR)
        nxt = pc + 4
        if mnemonic == "le":
            if lr > 1:
                uc.reg_write(A.UC_ARM_REG_LR, lr - 1)
                nxt += offset
        else:
            count = uc.reg_read(_R[data[0] & 15])
            if mnemonic == "wls" and count == 0:
                nxt += offset
            else:
                uc.reg_write(A.UC_ARM_REG_LR, count)
        uc.reg_write(A.UC_ARM_REG_PC, nxt | 1)
        self.executed += 1
        return True

"""Adversarial loops for the bounds-check rules that reason about loops:
ir/loopranges.py's `_ne_exit_pins` and `_Stops`, ir/intervals.py's
`_rounded_down`, and loop versioning (ir/versioning.py): wrapping counters
and bases, bounds from selects, loads and calls, conditional and inner-loop
steps, several latches and exits, stores and calls a trap must not overtake.
Each function runs at every tier against wasmtime with the memory compared
after every call (traps included).  Written in an independent review; a
pin one step too loose (`max(n) - s` → `max(n) - 2s`) fails here."""

from __future__ import annotations

import pytest

from tests.difftest import check_module


def _m(body: str) -> str:
    return '(module (memory (export "memory") 1 1)\n' + body + "\n)"

L = "(local $c i32) (local $n i32) (local $s i32) (local $t i32)"
C, N, P, X, Y = "(local.get $c)", "(local.get $n)", "(local.get $p)", "(local.get $x)", "(local.get $y)"
T = "(local.get $t)"

CASES = {
 # n in 1..256, c = 0 stepping 1 while c != n: store p[c]
 "ne_param": (f"(func (export \"f\") (param $p i32) (param $x i32) {L}"
   f"(local.set $n (i32.add (i32.and {X} (i32.const 255)) (i32.const 1)))"
   f"(loop $l (i32.store8 (i32.add {P} {C}) {C}) (local.set $c (i32.add {C} (i32.const 1)))"
   f"(br_if $l (i32.ne {C} {N}))))",
   [(p, x) for p in (0, 65280, 65281, 65535, 65536, 0xFFFFFF00, 0xFFFFFFFF) for x in (0, 1, 254, 255, 256)]),
 # n compared first operand, step 4, words
 "ne_step4": (f"(func (export \"f\") (param $p i32) (param $x i32) {L}"
   f"(local.set $n (i32.add (i32.and {X} (i32.const 0x3fc)) (i32.const 4)))"
   f"(loop $l (i32.store (i32.add {P} {C}) {C}) (local.set $c (i32.add {C} (i32.const 4)))"
   f"(br_if $l (i32.ne {N} {C}))))",
   [(p, x) for p in (0, 64508, 64509, 64512, 65532, 0xFFFFFFFC) for x in (0, 3, 4, 0x3fc, 0x3ff)]),
 # downward: c = 256, n = x & 255, c -= 1 while c != n: store p[c]
 "ne_neg": (f"(func (export \"f\") (param $p i32) (param $x i32) {L}"
   f"(local.set $n (i32.and {X} (i32.const 255))) (local.set $c (i32.const 256))"
   f"(loop $l (i32.store8 (i32.add {P} {C}) {C}) (local.set $c (i32.sub {C} (i32.const 1)))"
   f"(br_if $l (i32.ne {C} {N}))))",
   [(p, x) for p in (0, 65279, 65280, 65535) for x in (0, 1, 255)]),
 # c0 near 2^32: c = -16 counting up to n in -8..-1; store p[c + 16]
 "ne_wrap_c0": (f"(func (export \"f\") (param $p i32) (param $x i32) {L}"
   f"(local.set $n (i32.add (i32.and {X} (i32.const 7)) (i32.const -8))) (local.set $c (i32.const -16))"
   f"(loop $l (i32.store8 (i32.add {P} (i32.add {C} (i32.const 16))) {C})"
   f" (local.set $c (i32.add {C} (i32.const 1)))"
   f"(br_if $l (i32.ne {C} {N}))))",
   [(p, x) for p in (0, 65521, 65522, 65535) for x in (0, 7)]),
 # n may be 0 below c0 = 1: c wraps; the stores run off the end and trap
 "ne_n_zero": (f"(func (export \"f\") (param $p i32) (param $x i32) {L}"
   f"(local.set $n (i32.and {X} (i32.const 255))) (local.set $c (i32.const 1))"
   f"(loop $l (i32.store8 (i32.add {P} {C}) {C}) (local.set $c (i32.add {C} (i32.const 1)))"
   f"(br_if $l (i32.ne {C} {N}))))",
   [(p, x) for p in (65000, 65534) for x in (0, 2)]),
 # n by select, stride 16
 "ne_select": (f"(func (export \"f\") (param $p i32) (param $x i32) (param $y i32) {L}"
   f"(local.set $n (select (i32.add (i32.and {X} (i32.const 0xf0)) (i32.const 16)) (i32.const 64) {Y}))"
   f"(loop $l (i32.store8 (i32.add {P} {C}) {C}) (local.set $c (i32.add {C} (i32.const 1)))"
   f"(br_if $l (i32.ne {C} {N}))))",
   [(p, x, y) for p in (65280, 65281, 65472, 65473) for x in (0, 0xf0) for y in (0, 1)]),
 # n loaded from memory that the loop overwrites
 "ne_load": (f"(func (export \"f\") (param $p i32) (param $x i32) {L}"
   f"(i32.store8 (i32.const 0) {X}) (local.set $n (i32.add (i32.load8_u (i32.const 0)) (i32.const 1)))"
   f"(loop $l (i32.store8 (i32.add {P} {C}) (i32.const 0)) (local.set $c (i32.add {C} (i32.const 1)))"
   f"(br_if $l (i32.ne {C} {N}))))",
   [(p, x) for p in (0, 65280, 65281) for x in (0, 255)]),
 # step only on some trips (conditional)
 "cond_step": (f"(func (export \"f\") (param $p i32) (param $x i32) {L}"
   f"(local.set $n (i32.add (i32.and {X} (i32.const 255)) (i32.const 1)))"
   f"(loop $l (i32.store8 (i32.add {P} {C}) {C}) (local.set $t (i32.add {T} (i32.const 1)))"
   f"(if (i32.and {T} (i32.const 1)) (then (local.set $c (i32.add {C} (i32.const 1)))))"
   f"(br_if $l (i32.ne {C} {N}))))",
   [(p, x) for p in (65280, 65281) for x in (0, 255)]),
 # the step in an inner loop: c may jump past n (c += 2 per outer trip), the outer test misses it
 "inner_step": (f"(func (export \"f\") (param $p i32) (param $x i32) {L}"
   f"(local.set $n (i32.add (i32.and {X} (i32.const 255)) (i32.const 1)))"
   f"(loop $l (local.set $t (i32.const 0))"
   f" (loop $m (i32.store8 (i32.add {P} {C}) {C}) (local.set $c (i32.add {C} (i32.const 1)))"
   f"  (local.set $t (i32.add (local.get $t) (i32.const 1))) (br_if $m (i32.lt_u (local.get $t) (i32.const 2))))"
   f" (i32.store8 (i32.add {P} {C}) (i32.const 7))"
   f"(br_if $l (i32.ne {C} {N}))))",
   [(p, x) for p in (0, 65000, 65279, 65280) for x in (0, 1, 2, 254)]),
 # a continue edge: two back edges
 "two_latches": (f"(func (export \"f\") (param $p i32) (param $x i32) {L}"
   f"(local.set $n (i32.add (i32.and {X} (i32.const 255)) (i32.const 1)))"
   f"(loop $l (local.set $c (i32.add {C} (i32.const 1))) (i32.store8 (i32.add {P} {C}) {C})"
   f" (br_if $l (i32.eq (i32.and {C} (i32.const 7)) (i32.const 3)))"
   f"(br_if $l (i32.ne {C} {N}))))",
   [(p, x) for p in (0, 65279, 65280) for x in (0, 2, 3, 255)]),
 # compared before its step
 "cmp_before": (f"(func (export \"f\") (param $p i32) (param $x i32) {L}"
   f"(local.set $n (i32.add (i32.and {X} (i32.const 255)) (i32.const 1)))"
   f"(loop $l (i32.store8 (i32.add {P} {C}) {C}) (local.set $t {C}) (local.set $c (i32.add {C} (i32.const 1)))"
   f"(br_if $l (i32.ne (local.get $t) {N}))))",
   [(p, x) for p in (0, 65279, 65280) for x in (0, 255)]),
 # signed compare from a negative start
 "lt_s": (f"(func (export \"f\") (param $p i32) (param $x i32) {L}"
   f"(local.set $n (i32.and {X} (i32.const 255))) (local.set $c (i32.const -8))"
   f"(loop $l (i32.store8 (i32.add {P} (i32.add {C} (i32.const 8))) {C}) (local.set $c (i32.add {C} (i32.const 1)))"
   f"(br_if $l (i32.lt_s {C} {N}))))",
   [(p, x) for p in (0, 65272, 65273, 65280, 65535) for x in (0, 1, 255)]),
 # n rounded down to 8 (andi ~7), step 8, 8-byte stores
 "round_down": (f"(func (export \"f\") (param $p i32) (param $x i32) {L}"
   f"(local.set $n (i32.and (i32.add (i32.and {X} (i32.const 255)) (i32.const 8)) (i32.const -8)))"
   f"(loop $l (i64.store (i32.add {P} {C}) (i64.const -1)) (local.set $c (i32.add {C} (i32.const 8)))"
   f"(br_if $l (i32.ne {C} {N}))))",
   [(p, x) for p in (0, 65272, 65273, 65280, 65528, 65529) for x in (0, 7, 8, 248, 255)]),
 # rounding an input that wraps (x + 7) & ~7 from x near 2^32, as an address
 "round_wrap": (f"(func (export \"f\") (param $p i32) (param $x i32) (result i32) {L}"
   f"(local.set $n (i32.and (i32.add {X} (i32.const 7)) (i32.const -8)))"
   f"(i32.load (local.get $n)))",
   [(0, x) for x in (0, 1, 65528, 65529, 65532, 0xFFFFFFF9, 0xFFFFFFF8, 0xFFFFFFFF)]),
 # round down to 2^31
 "round_half": (f"(func (export \"f\") (param $p i32) (param $x i32) (result i32) {L}"
   f"(i32.load8_u (i32.add (i32.and {X} (i32.const 0x80000000)) {P})))",
   [(p, x) for p in (0, 65535, 65536) for x in (0, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF)]),
 # versioning: the invariant base itself with a big memarg offset, plus p + i
 "v_base_itself": (f"(func (export \"f\") (param $p i32) (param $x i32) (result i32) {L}"
   f"(loop $l (local.set $s (i32.add (local.get $s) (i32.load8_u offset=65000 {P})))"
   f" (i32.store8 (i32.add {P} {C}) {C}) (local.set $c (i32.add {C} (i32.const 1)))"
   f"(br_if $l (i32.lt_u {C} (i32.const 16)))) (local.get $s))",
   [(p, 0) for p in (0, 535, 536, 537, 65520, 65521)]),
 # versioning: shifted counter from a ne-pinned n; a call that stores between accesses
 "v_shift_call": (f"(func $g (param i32) (i32.store8 (i32.const 100) (local.get 0)))"
   f"(func (export \"f\") (param $p i32) (param $x i32) {L}"
   f"(local.set $n (i32.add (i32.and {X} (i32.const 0x3fff)) (i32.const 1)))"
   f"(loop $l (call $g {C}) (i32.store (i32.add {P} (i32.shl {C} (i32.const 2))) {C})"
   f" (local.set $c (i32.add {C} (i32.const 1)))"
   f"(br_if $l (i32.ne {C} {N}))))",
   [(p, x) for p in (0, 1, 4, 0xFFFFFFFC, 64000) for x in (0, 1, 16, 0x3fff)]),
 # versioning: base + (c + 0xFFFFFFF0) where c in 16..31 (offset wraps to 0..15)
 "v_wrap_off": (f"(func (export \"f\") (param $p i32) {L}"
   f"(local.set $c (i32.const 16))"
   f"(loop $l (i32.store8 (i32.add {P} (i32.add {C} (i32.const -16))) {C})"
   f" (local.set $c (i32.add {C} (i32.const 1)))"
   f"(br_if $l (i32.lt_u {C} (i32.const 32)))))",
   [(p,) for p in (0, 65520, 65521, 16, 0xFFFFFFF0, 0xFFFFFFFF)]),
 # versioning: (p - 16) computed in the loop, + c in 16..31
 "v_sub_base": (f"(func (export \"f\") (param $p i32) {L}"
   f"(local.set $c (i32.const 16))"
   f"(loop $l (i32.store8 (i32.add (i32.add {P} (i32.const -16)) {C}) {C})"
   f" (local.set $c (i32.add {C} (i32.const 1)))"
   f"(br_if $l (i32.lt_u {C} (i32.const 32)))))",
   [(p,) for p in (0, 15, 16, 65520, 65521, 0xFFFFFFF0)]),
 # versioning: several exits, a store before the exit test, base loaded from memory
 "v_exits": (f"(func (export \"f\") (param $p i32) (param $x i32) (result i32) {L}"
   f"(i32.store (i32.const 8) {P}) (local.set $t (i32.load (i32.const 8)))"
   f"(block $out (loop $l (i32.store8 (i32.add (local.get $t) {C}) {C})"
   f" (br_if $out (i32.eq {C} {X}))"
   f" (local.set $s (i32.add (local.get $s) (i32.load16_u offset=2 (i32.add (local.get $t) {C}))))"
   f" (local.set $c (i32.add {C} (i32.const 2)))"
   f"(br_if $l (i32.lt_u {C} (i32.const 40))))) (local.get $s))",
   [(p, x) for p in (0, 65494, 65495, 65496, 65534) for x in (4, 38, 100)]),
 # versioning: two bases, one the other's shift; signed counter
 "v_two": (f"(func (export \"f\") (param $p i32) (param $q i32) {L}"
   f"(local.set $c (i32.const -4))"
   f"(loop $l (i32.store16 (i32.add {P} (i32.add {C} (i32.const 4))) (i32.load8_u (i32.add (local.get $q) (i32.add {C} (i32.const 4)))))"
   f" (local.set $c (i32.add {C} (i32.const 1)))"
   f"(br_if $l (i32.lt_s {C} (i32.const 12)))))",
   [(p, q) for p in (0, 65518, 65519) for q in (0, 65520, 65521)]),
 # nested: inner bound from the outer counter, ne exit
 "v_nest": (f"(func (export \"f\") (param $p i32) (param $x i32) {L}"
   f"(local.set $n (i32.add (i32.and {X} (i32.const 15)) (i32.const 1)))"
   f"(loop $o (local.set $t (i32.const 0))"
   f" (loop $i (i32.store8 (i32.add (i32.add {P} (i32.shl {C} (i32.const 4))) (local.get $t)) (local.get $t))"
   f"  (local.set $t (i32.add (local.get $t) (i32.const 1))) (br_if $i (i32.ne (local.get $t) {N})))"
   f" (local.set $c (i32.add {C} (i32.const 1)))"
   f"(br_if $o (i32.ne {C} {N}))))",
   [(p, x) for p in (0, 65280, 65281, 65296) for x in (0, 14, 15)]),
}


L64 = "(local $c i64) (local $n i64) (local $t i32)"
C64, N64 = "(local.get $c)", "(local.get $n)"
CASES.update({
 # i64 counter: the low half meets n's low half first when the high halves differ
 "i64_ne": (f"(func (export \"f\") (param $p i32) (param $x i64) {L64}"
   f"(local.set $n (i64.and (local.get $x) (i64.const 0x1000000ff)))"
   f"(if (i64.eqz {N64}) (then (return)))"
   f"(loop $l (i32.store8 (i32.add {P} (i32.wrap_i64 {C64})) (i32.const 1))"
   f" (local.set $c (i64.add {C64} (i64.const 1)))"
   f"(br_if $l (i64.ne {C64} {N64}))))",
   [(p, x) for p in (0, 65280, 65281) for x in (1, 255, 0x100000000, 0x100000005)]),
 # i64 counter, n small, c0 = 2^32 - 4 (the low half wraps, the high half steps)
 "i64_wrap": (f"(func (export \"f\") (param $p i32) (param $x i64) {L64}"
   f"(local.set $n (i64.add (i64.and (local.get $x) (i64.const 0xff)) (i64.const 0x100000000)))"
   f"(local.set $c (i64.const 0xfffffffc))"
   f"(loop $l (i32.store8 (i32.add {P} (i32.wrap_i64 {C64})) (i32.const 1))"
   f" (local.set $c (i64.add {C64} (i64.const 1)))"
   f"(br_if $l (i64.ne {C64} {N64}))))",
   [(p, x) for p in (0, 4, 65280, 65281) for x in (0, 1, 255)]),
 # rotated clang loop: if (n > 0 signed) do {...} while (++i != n), n any param
 "guarded_ne": (f"(func (export \"f\") (param $p i32) (param $x i32) {L}"
   f"(local.set $n {X}) (if (i32.le_s {N} (i32.const 0)) (then (return)))"
   f"(loop $l (i32.store8 (i32.add {P} {C}) {C}) (local.set $c (i32.add {C} (i32.const 1)))"
   f"(br_if $l (i32.ne {C} {N}))))",
   [(p, x) for p in (0, 65530) for x in (1, 6, 7, 65536, 65537)]),
 # n from a call before the loop, masked; the callee stores
 "ne_call_n": (f"(func $g (param i32) (result i32) (i32.store8 (i32.const 3) (local.get 0)) (local.get 0))"
   f"(func (export \"f\") (param $p i32) (param $x i32) {L}"
   f"(local.set $n (i32.add (i32.and (call $g {X}) (i32.const 255)) (i32.const 1)))"
   f"(loop $l (i32.store8 (i32.add {P} {C}) {C}) (drop (call $g {C})) (local.set $c (i32.add {C} (i32.const 1)))"
   f"(br_if $l (i32.ne {C} {N}))))",
   [(p, x) for p in (0, 65280, 65281) for x in (0, 255)]),
 # the loop reentered from an outer loop with a c0 that grows: second entry c0 == n
 "reenter": (f"(func (export \"f\") (param $p i32) (param $x i32) {L}"
   f"(local.set $n (i32.add (i32.and {X} (i32.const 15)) (i32.const 1)))"
   f"(loop $o (local.set $c (local.get $t))"
   f" (loop $l (i32.store8 (i32.add {P} {C}) {C}) (local.set $c (i32.add {C} (i32.const 1)))"
   f"  (br_if $l (i32.ne {C} {N})))"
   f" (local.set $t (i32.add (local.get $t) (i32.const 1)))"
   f"(br_if $o (i32.lt_u (local.get $t) (i32.const 3)))))",
   [(p, x) for p in (0, 65520, 65521, 65535) for x in (0, 1, 15)]),
 # step by -3 with n below, congruent only for some n
 "ne_neg3": (f"(func (export \"f\") (param $p i32) (param $x i32) {L}"
   f"(local.set $n (i32.mul (i32.and {X} (i32.const 7)) (i32.const 3))) (local.set $c (i32.const 30))"
   f"(loop $l (i32.store8 (i32.add {P} {C}) {C}) (local.set $c (i32.add {C} (i32.const -3)))"
   f"(br_if $l (i32.ne {C} {N}))))",
   [(p, x) for p in (0, 65505, 65506, 65535) for x in (0, 5, 7)]),
 # step 2^31
 "ne_half": (f"(func (export \"f\") (param $p i32) (param $x i32) {L}"
   f"(local.set $n (i32.or (i32.and {X} (i32.const 0)) (i32.const 0x80000000)))"
   f"(loop $l (i32.store8 (i32.add {P} (i32.shr_u {C} (i32.const 20))) (i32.const 9)) (local.set $c (i32.add {C} (i32.const 0x80000000)))"
   f"(br_if $l (i32.ne {C} {N}))))",
   [(p, 0) for p in (0, 63487, 63488, 65535)]),
 # versioning with the counter also the trip bound of a store-then-trap-in-call
 "v_call_trap": (f"(func $g (param i32) (i32.store8 (local.get 0) (i32.const 5)))"
   f"(func (export \"f\") (param $p i32) (param $q i32) {L}"
   f"(loop $l (i32.store8 (i32.add {P} {C}) {C}) (call $g (i32.add (local.get $q) {C}))"
   f" (i32.store8 offset=1 (i32.add {P} {C}) (i32.const 3)) (local.set $c (i32.add {C} (i32.const 1)))"
   f"(br_if $l (i32.lt_u {C} (i32.const 8)))))",
   [(p, q) for p in (0, 65527, 65528) for q in (0, 65530, 65528)]),
})


CASES.update({
 # the base a global that a call in the loop moves
 "v_global_base": ("(global $g (mut i32) (i32.const 0))"
   "(func $bump (global.set $g (i32.add (global.get $g) (i32.const 16000))))"
   f"(func (export \"f\") (param $p i32) (param $x i32) {L}"
   "(global.set $g (local.get $p))"
   f"(loop $l (i32.store8 (i32.add (global.get $g) {C}) {C}) (call $bump) (local.set $c (i32.add {C} (i32.const 1)))"
   f"(br_if $l (i32.lt_u {C} (i32.const 8)))))",
   [(p, 0) for p in (0, 1000, 9000, 65000)]),
 # inner ne loop whose n the outer loop changes; the inner loop entered through a br_table
 "ne_outer_n": (f"(func (export \"f\") (param $p i32) (param $x i32) {L}"
   f"(loop $o (local.set $n (i32.add (i32.and (i32.add {X} (local.get $t)) (i32.const 63)) (i32.const 1)))"
   f" (local.set $c (i32.const 0))"
   f" (block $a (block $b (br_table $a $b $a (i32.and (local.get $t) (i32.const 3)))) (local.set $c (i32.const 0)))"
   f" (loop $l (i32.store8 (i32.add {P} {C}) (local.get $t)) (local.set $c (i32.add {C} (i32.const 1)))"
   f"  (br_if $l (i32.ne {C} {N})))"
   f" (local.set $t (i32.add (local.get $t) (i32.const 1)))"
   f"(br_if $o (i32.lt_u (local.get $t) (i32.const 5)))))",
   [(p, x) for p in (0, 65472, 65473, 65500) for x in (0, 59, 62, 63)]),
})


@pytest.mark.parametrize("name", sorted(CASES))
def test_review(name):
    body, calls = CASES[name]
    src = _m(body)
    check_module(src, [("f", a) for a in calls], reference_source=src)

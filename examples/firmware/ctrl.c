/* ctrl.c — a fixed-point PI controller, compiled to WebAssembly with clang:
 *
 *   clang --target=wasm32 -O2 -fno-builtin -c -o ctrl.o ctrl.c
 *   wasm-ld --no-entry --strip-all --stack-first -z stack-size=4096 \
 *           --initial-memory=65536 -o ctrl.wasm ctrl.o
 *
 * (wasm-ld directly: linking through clang would also run binaryen's wasm-opt
 * whenever it is installed, and the bytes would depend on that.)
 *
 * No libc: everything it needs from the board comes through three imports
 * (module "env"), which the firmware implements in C (main.c).  The exports
 * are named without a prefix; the firmware links the module with the prefix
 * `ctrl_`, so `step` becomes the C function `ctrl_step`.
 *
 * The stack goes first (--stack-first, 4 KiB) and the data after it, so all
 * of the module's memory lies in the first few KiB of its one 64 KiB page:
 * the firmware reserves only 16 KiB of RAM for it (-msynth-memory-size=16K).
 */
#include <stdint.h>

#define IMPORT(name) __attribute__((import_module("env"), import_name(#name)))
#define EXPORT(name) __attribute__((export_name(#name)))

IMPORT(sensor_read) int32_t sensor_read(int32_t channel);
IMPORT(actuator_write) void actuator_write(int32_t channel, int32_t value);
IMPORT(ctrl_log) void ctrl_log(int32_t event, int32_t value);

enum { EV_CONFIGURED = 1, EV_SATURATED = 2, EV_SETTLED = 3 };
enum { HISTORY = 16 };

static struct {
    int32_t setpoint;
    int32_t kp, ki;          /* Q8 gains */
    int32_t integral;        /* Q8 */
    int32_t out_min, out_max;
    uint32_t steps;
    int32_t history[HISTORY];
    int64_t energy;          /* sum of squared outputs */
    int settled;
} st;

EXPORT(configure) void configure(int32_t setpoint, int32_t kp, int32_t ki)
{
    st.setpoint = setpoint;
    st.kp = kp;
    st.ki = ki;
    st.integral = 0;
    st.out_min = 0;
    st.out_max = 4095;       /* a 12-bit DAC */
    st.steps = 0;
    st.energy = 0;
    st.settled = 0;
    for (int i = 0; i < HISTORY; i++)
        st.history[i] = 0;
    ctrl_log(EV_CONFIGURED, setpoint);
}

/* One control period: read the sensor, drive the actuator, return the drive. */
EXPORT(step) int32_t step(void)
{
    int32_t measured = sensor_read(0);
    int32_t error = st.setpoint - measured;
    int32_t integral = st.integral + st.ki * error;
    int32_t out = (st.kp * error + integral) >> 8;

    if (out > st.out_max || out < st.out_min) {
        out = out > st.out_max ? st.out_max : st.out_min;
        ctrl_log(EV_SATURATED, out);       /* anti-windup: keep the old integral */
    } else {
        st.integral = integral;
    }
    actuator_write(0, out);

    st.history[st.steps % HISTORY] = measured;
    st.steps++;
    st.energy += (int64_t)out * out;

    if (!st.settled && error < 8 && error > -8) {
        st.settled = 1;
        ctrl_log(EV_SETTLED, (int32_t)st.steps);
    }
    return out;
}

/* Mean of the last (up to) 16 measurements. */
EXPORT(average) int32_t average(void)
{
    uint32_t n = st.steps < HISTORY ? st.steps : HISTORY;
    int32_t sum = 0;
    for (uint32_t i = 0; i < n; i++)
        sum += st.history[i];
    return sum / (int32_t)n;         /* traps (divide by zero) before the first step */
}

EXPORT(energy) int64_t energy(void) { return st.energy; }

/* Measurement per unit of drive, in percent: the firmware calls it with a
   zero drive on purpose to show a wasm trap reaching its handler. */
EXPORT(gain_percent) int32_t gain_percent(int32_t measured, int32_t drive)
{
    return measured * 100 / drive;
}

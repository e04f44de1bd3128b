/* main.c — firmware that drives two WebAssembly modules compiled by synth.
 *
 *   ctrl.wasm   (C, compiled by clang)  a PI controller: reads a sensor,
 *                                       writes an actuator, logs events
 *   filter.wat  (hand-written)          a Q15 FIR filter with its
 *                                       coefficients in a data segment
 *
 * The imports of both modules are the C functions below; a simulated
 * first-order plant stands in for the hardware.  At the end the firmware
 * provokes a wasm trap on purpose (a division by zero inside ctrl.wasm);
 * synth_trap() reports it and ends the run.
 *
 * Exit status: 0 when every check passed and the deliberate divide-by-zero
 * trap arrived; 1 when a check failed or the trap did not come; 64 + code for
 * a trap at any other time; 120/121 for a fault or an unexpected exception
 * (startup.c).  So `make run` and the other run targets succeed exactly when
 * the firmware passes.
 */
#include <stdint.h>
#include "modules.h"
#include "semihost.h"

#define FILTER_MEMORY_SIZE sizeof flt_synth_memory

/* ---- the simulated plant behind the sensor and the actuator ---- */

static int32_t plant_level;     /* what the sensor measures, 0..4095 */
static int32_t plant_drive;     /* what the actuator was last told */
static unsigned actuator_writes;

int32_t sensor_read(int32_t channel)
{
    return channel == 0 ? plant_level : -1;
}

void actuator_write(int32_t channel, int32_t value)
{
    if (channel != 0)
        return;
    plant_drive = value;
    actuator_writes++;
    /* the plant settles an eighth of the way towards the drive per period,
       minus a constant loss */
    plant_level += (plant_drive - plant_level) / 8 - 4;
    if (plant_level < 0)
        plant_level = 0;
}

void ctrl_log(int32_t event, int32_t value)
{
    static const char *const names[] = {"?", "configured, setpoint", "saturated at",
                                        "settled after steps"};
    const char *name = event > 0 && event < 4 ? names[event] : names[0];
    sh_printf("ctrl: %s %d\n", name, value);
}

/* filter.wat hands us an address in its linear memory: check it like wasm would */
void filter_log(int32_t ptr, int32_t len)
{
    char text[64];
    if (ptr < 0 || len < 0 || (uint32_t)len >= sizeof text ||
        (uint32_t)ptr + (uint32_t)len > FILTER_MEMORY_SIZE) {
        sh_printf("filter_log: bad range %d+%d\n", ptr, len);
        return;
    }
    for (int32_t i = 0; i < len; i++)
        text[i] = (char)flt_synth_memory[ptr + i];
    text[len] = 0;
    sh_printf("%s\n", text);
}

/* ---- traps ---- */

static volatile int expecting_trap;
static int failures;

void synth_trap(uint32_t code)
{
    static const char *const names[] = {
        "?", "unreachable", "integer overflow", "integer divide by zero",
        "invalid conversion to integer", "out of bounds memory access",
        "undefined element", "uninitialized element", "indirect call type mismatch",
        "call stack exhausted", "out of bounds table access"};
    sh_printf("synth_trap: code %u (%s)\n", (unsigned)code, code <= 10 ? names[code] : "?");
    if (expecting_trap && code == 3 && failures == 0) {
        sh_printf("fw: done, exit status 0\n");
        sh_exit(0);
    }
    sh_exit(64 + (int)code);
}

/* ---- checks ---- */

static void check(int ok, const char *what)
{
    if (!ok) {
        failures++;
        sh_printf("FAIL: %s\n", what);
    }
}

/* The same filter in C, for comparison. */
static int32_t ref_filter(const int32_t *x, int n)
{
    static const int16_t coeff[8] = {2048, 3072, 5120, 6144, 6144, 5120, 3072, 2048};
    int64_t acc = 0;
    for (int k = 0; k < 8; k++)
        acc += (int64_t)coeff[k] * (n - k >= 0 ? x[n - k] : 0);
    acc = (acc + 16384) >> 15;
    return acc > 32767 ? 32767 : acc < -32768 ? -32768 : (int32_t)acc;
}

static const char *core_name(void)
{
    uint32_t cpuid = *(volatile uint32_t *)0xE000ED00;
    switch ((cpuid >> 4) & 0xfff) {
    case 0xc20: return "cortex-m0";
    case 0xc60: return "cortex-m0plus";
    case 0xc23: return "cortex-m3";
    case 0xc24: return "cortex-m4";
    case 0xc27: return "cortex-m7";
    case 0xd21: return "cortex-m33";
    case 0xd22: return "cortex-m55";
    default: return "unknown core";
    }
}

static void run_filter(void)
{
    enum { N = 12 };
    int32_t in[N], out[N];
    for (int n = 0; n < N; n++)
        in[n] = n < 2 ? 0 : 1000;          /* a step at n = 2 */

    flt_reset();
    sh_printf("filter: step response");
    int same = 1;
    for (int n = 0; n < N; n++) {
        out[n] = flt_push(in[n]);
        same &= out[n] == ref_filter(in, n);
        sh_printf(" %d", out[n]);
    }
    sh_printf("\n");
    check(same, "filter matches the C reference");
    check(flt_position() == N % 8, "filter ring position");

    int32_t big = 0;
    for (int n = 0; n < 8; n++)
        big = flt_push(40000);              /* clips: logged once */
    big = flt_push(40000);
    sh_printf("filter: saturated output %d\n", big);
    check(big == 32767, "filter saturates");
    sh_printf("filter: %s\n", same ? "matches C reference" : "MISMATCH");
}

#if defined(__ARM_FP) && (__ARM_FP & 8)
/* rms.wat, in the hard-float image only: nine doubles in d0-d7 and on the stack,
   arithmetic on the FPU; C computes the mean square exactly. */
static void run_rms(void)
{
    static const int32_t samples[8] = {1000, -2500, 30000, 7, -32768, 123, 4096, -1};
    double x[8], mean_square = 0;
    for (int n = 0; n < 8; n++) {
        x[n] = samples[n];
        mean_square += x[n] * x[n];
    }
    mean_square /= 8;
    double r = rms_rms8(0.5, x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7]) * 2;
    double err = r * r - mean_square;
    check((err < 0 ? -err : err) <= mean_square * 1e-15, "rms of 8 samples");
    int milli = (int)((r - (int)r) * 1000);     /* sh_printf has no %f or %03d */
    sh_printf("rms: of 8 samples on the FPU %d.%s%d\n", (int)r,
              milli < 10 ? "00" : milli < 100 ? "0" : "", milli);
}
#endif

static void run_controller(void)
{
    enum { STEPS = 40 };
    plant_level = 0;
    ctrl_configure(2000, 640, 128);         /* kp = 2.5, ki = 0.5 (Q8) */
    int32_t drive = 0;
    for (int i = 1; i <= STEPS; i++) {
        drive = ctrl_step();
        check(drive == plant_drive, "step returns what it wrote");
        if (i % 8 == 0)
            sh_printf("ctrl: step %d drive %d level %d\n", i, drive, plant_level);
    }
    check(actuator_writes == STEPS, "one actuator write per step");
    int32_t avg = ctrl_average();
    int64_t energy = ctrl_energy();
    sh_printf("ctrl: average of last 16 readings %d, drive energy %lld\n", avg, energy);
    check(avg > 1900 && avg < 2100, "controller holds the setpoint");
}

int main(void)
{
    sh_printf("fw: synth firmware on %s\n", core_name());
    flt_synth_init();
    ctrl_synth_init();

    run_filter();
#if defined(__ARM_FP) && (__ARM_FP & 8)
    run_rms();
#endif
    run_controller();

    if (failures) {
        sh_printf("fw: %d check(s) failed\n", failures);
        return 1;
    }
    sh_printf("fw: all checks passed; dividing by zero inside wasm on purpose\n");
    expecting_trap = 1;
    int32_t r = ctrl_gain_percent(plant_level, 0);
    sh_printf("fw: no trap, got %d\n", r);
    return 1;
}

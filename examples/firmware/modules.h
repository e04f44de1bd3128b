/* modules.h — the C interface of the two WebAssembly modules, as linked with
 * `-msynth-prefix=ctrl_` (ctrl.wasm, from ctrl.c) and `-msynth-prefix=flt_`
 * (filter.wat).  `synth compile X --prefix P --header X.h` writes the same
 * declarations; tests/test_firmware.py checks that they agree.
 */
#ifndef MODULES_H
#define MODULES_H

#include <stdint.h>

/* Shared by both modules (no prefix): every wasm trap lands here. */
void synth_trap(uint32_t code) __attribute__((noreturn));

/* ctrl.wasm: a PI controller (ctrl.c compiled by clang). */
void ctrl_synth_init(void);
extern uint8_t ctrl_synth_memory[16384];
extern uint8_t ctrl_memory[16384];        /* the same memory, by its export name */
void ctrl_configure(int32_t setpoint, int32_t kp, int32_t ki);
int32_t ctrl_step(void);
int32_t ctrl_average(void);
int64_t ctrl_energy(void);
int32_t ctrl_gain_percent(int32_t measured, int32_t drive);
/* its imports */
int32_t sensor_read(int32_t channel);
void actuator_write(int32_t channel, int32_t value);
void ctrl_log(int32_t event, int32_t value);

/* filter.wat: an 8-tap Q15 FIR low-pass filter. */
void flt_synth_init(void);
extern uint8_t flt_synth_memory[4096];
void flt_reset(void);
int32_t flt_push(int32_t sample);
int32_t flt_position(void);
/* its import: prints len bytes of the filter's memory at ptr */
void filter_log(int32_t ptr, int32_t len);

/* rms.wat: f64 on the FPU, linked into the hard-float (Cortex-M55) image only. */
void rms_synth_init(void);
double rms_rms8(double scale, double a, double b, double c, double d, double e, double f,
                double g, double h);

#endif

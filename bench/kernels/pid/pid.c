/* A fixed-point PID speed controller closing the loop around a simulated
 * DC motor (first-order plant, Q16.16), with output clamping, integrator
 * anti-windup, a derivative filter and set-point steps. */
#include "bench.h"

typedef struct {
    int32_t kp, ki, kd;          /* Q16.16 gains */
    int32_t integ, prev_err, dfilt;
    int32_t out_min, out_max;
} pid_t_;

static int32_t qmul(int32_t a, int32_t b) {
    return (int32_t)(((int64_t)a * b) >> 16);
}

static int32_t pid_step(pid_t_ *c, int32_t setpoint, int32_t measured) {
    int32_t err = setpoint - measured;
    int32_t deriv = err - c->prev_err;
    c->prev_err = err;
    c->dfilt += (deriv - c->dfilt) >> 3;            /* one-pole low-pass */
    int32_t p = qmul(c->kp, err);
    int32_t d = qmul(c->kd, c->dfilt);
    int32_t integ = c->integ + qmul(c->ki, err);
    int32_t out = p + integ + d;
    if (out > c->out_max) {
        out = c->out_max;
        if (err < 0) c->integ = integ;              /* only unwind */
    } else if (out < c->out_min) {
        out = c->out_min;
        if (err > 0) c->integ = integ;
    } else {
        c->integ = integ;
    }
    return out;
}

uint32_t benchmark(void) {
    uint32_t s = bench_seed;
    pid_t_ c = {0x18000, 0x0800, 0x4000, 0, 0, 0, -(100 << 16), 100 << 16};
    int32_t speed = 0, setpoint = 0;
    uint32_t h = 0;
    for (int t = 0; t < 12000; t++) {
        if (t % 1500 == 0)
            setpoint = (int32_t)((lcg(&s) >> 16) % 3000) << 12;
        int32_t load = (int32_t)(lcg(&s) >> 24) - 128;       /* disturbance */
        int32_t u = pid_step(&c, setpoint, speed);
        /* plant: speed += (gain*u - speed - load) / tau */
        speed += (qmul(u, 0x30000) - speed - (load << 10)) >> 5;
        h = mix(h, (uint32_t)u);
    }
    return mix(h, (uint32_t)speed);
}

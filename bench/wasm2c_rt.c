/* A minimal wasm2c runtime for bare-metal Cortex-M (the wasm-rt.h interface).
 *
 * wabt's wasm-rt-impl.c assumes an OS (mmap, signals, malloc); this one is
 * what a firmware needs instead: linear memory and tables come from static
 * pools in .bss, traps go to the harness's synth_trap with code 100 + the
 * wasm_rt_trap_t value, so the emulator reports them like synth traps.
 *
 * Bounds checks stay as wasm2c generates them for 32-bit hosts (explicit
 * compare against the memory size on every access) unless the build defines
 * WASM_RT_MEMCHECK_SIGNAL_HANDLER=1 with WASM_RT_SKIP_SIGNAL_RECOVERY=1,
 * which removes them (the unchecked variant).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "wasm-rt.h"

#ifndef RT_MEMORY_BYTES
#define RT_MEMORY_BYTES (4u * 65536u)     /* pool for all linear memories */
#endif
#ifndef RT_TABLE_SLOTS
#define RT_TABLE_SLOTS 256u               /* pool for all table elements */
#endif
#define RT_MAX_FUNC_TYPES 64u
#define RT_MAX_ARITY 16u
#define RT_TRAP_BASE 100u
#define PAGE 65536u

extern void synth_trap(uint32_t code) __attribute__((noreturn));   /* harness.S */

#if WASM_RT_USE_STACK_DEPTH_COUNT
uint32_t wasm_rt_call_stack_depth;
#endif

static bool initialized;

void wasm_rt_init(void) { initialized = true; }
bool wasm_rt_is_initialized(void) { return initialized; }
void wasm_rt_free(void) { initialized = false; }

void wasm_rt_trap(wasm_rt_trap_t code) { synth_trap(RT_TRAP_BASE + (uint32_t)code); }

/* ------------------------------------------------------------ function types */

typedef struct {
    uint32_t params, results;
    uint8_t types[RT_MAX_ARITY];
} func_type;

static func_type func_types[RT_MAX_FUNC_TYPES];
static uint32_t nfunc_types;

/* Equal signatures get equal indices, which call_indirect compares. */
uint32_t wasm_rt_register_func_type(uint32_t params, uint32_t results, ...) {
    uint32_t n = params + results;
    if (n > RT_MAX_ARITY) wasm_rt_trap(WASM_RT_TRAP_EXHAUSTION);
    func_type t = {params, results, {0}};
    va_list ap;
    va_start(ap, results);
    for (uint32_t i = 0; i < n; i++) t.types[i] = (uint8_t)va_arg(ap, int);
    va_end(ap);
    for (uint32_t k = 0; k < nfunc_types; k++) {
        func_type *u = &func_types[k];
        bool same = u->params == params && u->results == results;
        for (uint32_t i = 0; same && i < n; i++) same = u->types[i] == t.types[i];
        if (same) return k + 1;                 /* 0 never matches a null funcref */
    }
    if (nfunc_types == RT_MAX_FUNC_TYPES) wasm_rt_trap(WASM_RT_TRAP_EXHAUSTION);
    func_types[nfunc_types] = t;
    return ++nfunc_types;
}

/* ------------------------------------------------------------ linear memory */

static uint8_t memory_pool[RT_MEMORY_BYTES] __attribute__((aligned(8)));
static uint32_t memory_used;

/* The whole reservation up to max_pages (or the pool's end) is claimed at
 * once, so memory.grow never moves a memory; .bss is zero, as wasm needs. */
void wasm_rt_allocate_memory(wasm_rt_memory_t *mem, uint32_t initial_pages, uint32_t max_pages) {
    uint32_t room = (RT_MEMORY_BYTES - memory_used) / PAGE;
    if (initial_pages > room) wasm_rt_trap(WASM_RT_TRAP_OOB);
    uint32_t reserve = max_pages < room ? max_pages : room;
    mem->data = memory_pool + memory_used;
    mem->pages = initial_pages;
    mem->max_pages = reserve;
    mem->size = initial_pages * PAGE;
    memory_used += reserve * PAGE;
}

uint32_t wasm_rt_grow_memory(wasm_rt_memory_t *mem, uint32_t delta) {
    uint32_t old = mem->pages;
    if (delta > mem->max_pages - old) return UINT32_MAX;
    mem->pages = old + delta;
    mem->size = mem->pages * PAGE;
    return old;
}

void wasm_rt_free_memory(wasm_rt_memory_t *mem) { mem->size = 0; mem->pages = 0; }

/* ------------------------------------------------------------ tables */

static wasm_rt_funcref_t funcref_pool[RT_TABLE_SLOTS];
static wasm_rt_externref_t externref_pool[RT_TABLE_SLOTS];
static uint32_t funcref_used, externref_used;

static uint32_t claim(uint32_t *used, uint32_t elements, uint32_t max_elements) {
    uint32_t room = RT_TABLE_SLOTS - *used;
    if (elements > room) wasm_rt_trap(WASM_RT_TRAP_EXHAUSTION);
    uint32_t reserve = max_elements < room ? max_elements : room;
    uint32_t first = *used;
    *used += reserve;
    return first;
}

/* The two table kinds differ only in their element type. */
#define DEFINE_TABLE(kind, table_t, elem_t, pool, used, null_value)                       \
    void wasm_rt_allocate_##kind##_table(table_t *t, uint32_t elements,                  \
                                         uint32_t max_elements) {                        \
        uint32_t first = claim(&used, elements, max_elements);                           \
        t->data = pool + first;                                                          \
        t->size = elements;                                                              \
        t->max_size = used - first;                                                      \
        for (uint32_t i = 0; i < t->max_size; i++) t->data[i] = null_value;              \
    }                                                                                    \
    void wasm_rt_free_##kind##_table(table_t *t) { t->size = 0; }                        \
    uint32_t wasm_rt_grow_##kind##_table(table_t *t, uint32_t delta, elem_t init) {      \
        uint32_t old = t->size;                                                          \
        if (delta > t->max_size - old) return UINT32_MAX;                                \
        for (uint32_t i = old; i < old + delta; i++) t->data[i] = init;                  \
        t->size = old + delta;                                                           \
        return old;                                                                      \
    }

DEFINE_TABLE(funcref, wasm_rt_funcref_table_t, wasm_rt_funcref_t, funcref_pool, funcref_used,
             wasm_rt_funcref_null_value)
DEFINE_TABLE(externref, wasm_rt_externref_table_t, wasm_rt_externref_t, externref_pool,
             externref_used, wasm_rt_externref_null_value)

/* WASI preview1 for a synth object on a microcontroller (docs/abi.md, "WASI").
 *
 * synth binds each import wasi_snapshot_preview1.F of a module compiled with
 * --prefix P to the symbol P##synth_wasi_F (an unknown F returning an errno
 * to P##synth_wasi_enosys).  This file defines all of them for one module:
 * compile it with -DSYNTH_WASI_PREFIX=P (nothing for no prefix).  synth-cc
 * does so and links it into every object of a module that imports WASI.
 *
 * Pointers are offsets into the module's own linear memory, P##synth_memory,
 * whose accessible size is the word just below it.  A range that is not
 * wholly inside it makes the call return EFAULT (21) before anything is read
 * or written.  Bytes, time, randomness and exit go to the weak hooks below,
 * which the firmware overrides; the defaults use ARM semihosting (compile
 * with -DSYNTH_WASI_SEMIHOSTING=0 for none: output discarded, input at end
 * of file, no clock, exit stops in bkpt #0).  Every other preview1
 * function returns ENOSYS (52).  All definitions are weak: the firmware may
 * replace any of them.
 *
 * Freestanding C: no C library, no libgcc calls.
 */
#include <stdint.h>

#ifndef SYNTH_WASI_PREFIX
#define SYNTH_WASI_PREFIX
#endif
#ifndef SYNTH_WASI_SEMIHOSTING
#define SYNTH_WASI_SEMIHOSTING 1
#endif

#define SW_CAT2(a, b) a##b
#define SW_CAT(a, b) SW_CAT2(a, b)
#define WASI(name) SW_CAT(SYNTH_WASI_PREFIX, synth_wasi_##name)
#define MEMORY SW_CAT(SYNTH_WASI_PREFIX, synth_memory)
#define WEAK __attribute__((weak))

enum {
    ESUCCESS = 0, EBADF = 8, EFAULT = 21, EINVAL = 28, EIO = 29, ENOSYS = 52, ESPIPE = 70,
    ERRNO_LAST = 76,            /* ENOTCAPABLE, the witx enum's last value */
};

/* ---- hooks: what the firmware provides ---------------------------------- */

/* Write `len` bytes to stdout (fd 1) or stderr (fd 2): the bytes taken
 * (0..len; fewer ends this fd_write), or a negative WASI errno. */
int32_t synth_wasi_hook_write(int32_t fd, const uint8_t *buf, uint32_t len);
/* Read up to `len` bytes of stdin (fd 0): the bytes read, 0 at end of
 * input, or a negative WASI errno. */
int32_t synth_wasi_hook_read(int32_t fd, uint8_t *buf, uint32_t len);
/* The time of clock `id` (0 realtime, 1 monotonic, 2 process, 3 thread) in
 * nanoseconds: 0 and *ns set, or a WASI errno. */
int32_t synth_wasi_hook_clock(uint32_t id, uint64_t *ns);
/* `len` random bytes: 0, or a WASI errno (the default has no entropy source). */
int32_t synth_wasi_hook_random(uint8_t *buf, uint32_t len);
/* proc_exit: the program is done with status `code`. */
void synth_wasi_hook_exit(uint32_t code) __attribute__((noreturn));

/* ---- default hooks -------------------------------------------------------- */

#if SYNTH_WASI_SEMIHOSTING
enum {
    SYS_OPEN = 0x01, SYS_WRITE = 0x05, SYS_READ = 0x06, SYS_CLOCK = 0x10, SYS_TIME = 0x11,
    SYS_EXIT = 0x18, SYS_EXIT_EXTENDED = 0x20, ADP_Stopped_ApplicationExit = 0x20026,
};

static int32_t semihost(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return (int32_t)r0;
}

/* ":tt" opened with mode 0 is stdin, 4 stdout, 8 stderr */
static int32_t console(int32_t fd)
{
    static int32_t handles[3] = {-1, -1, -1};
    if (handles[fd] < 0) {
        uint32_t block[3] = {(uint32_t)(uintptr_t)":tt", (uint32_t)fd * 4, 3};
        handles[fd] = semihost(SYS_OPEN, block);
    }
    return handles[fd];
}

WEAK int32_t synth_wasi_hook_write(int32_t fd, const uint8_t *buf, uint32_t len)
{
    uint32_t block[3] = {(uint32_t)console(fd), (uint32_t)(uintptr_t)buf, len};
    int32_t left = semihost(SYS_WRITE, block);     /* bytes not written */
    return left < 0 || (uint32_t)left > len ? -EBADF : (int32_t)(len - (uint32_t)left);
}

WEAK int32_t synth_wasi_hook_read(int32_t fd, uint8_t *buf, uint32_t len)
{
    uint32_t block[3] = {(uint32_t)console(fd), (uint32_t)(uintptr_t)buf, len};
    int32_t left = semihost(SYS_READ, block);      /* bytes not read */
    return left < 0 || (uint32_t)left > len ? -EBADF : (int32_t)(len - (uint32_t)left);
}

WEAK int32_t synth_wasi_hook_clock(uint32_t id, uint64_t *ns)
{
    int32_t t = semihost(id == 0 ? SYS_TIME : SYS_CLOCK, 0);  /* seconds / centiseconds */
    if (t == -1)
        return ENOSYS;
    *ns = (uint64_t)(uint32_t)t * (id == 0 ? 1000000000u : 10000000u);
    return ESUCCESS;
}

WEAK void synth_wasi_hook_exit(uint32_t code)
{
    uint32_t block[2] = {ADP_Stopped_ApplicationExit, code};
    semihost(SYS_EXIT_EXTENDED, block);
    semihost(SYS_EXIT, (const void *)(uintptr_t)ADP_Stopped_ApplicationExit);
    for (;;)
        __asm__ volatile("bkpt #0");
}
#else
WEAK int32_t synth_wasi_hook_write(int32_t fd, const uint8_t *buf, uint32_t len)
{
    (void)fd, (void)buf;
    return (int32_t)len;
}

WEAK int32_t synth_wasi_hook_read(int32_t fd, uint8_t *buf, uint32_t len)
{
    (void)fd, (void)buf, (void)len;
    return 0;
}

WEAK int32_t synth_wasi_hook_clock(uint32_t id, uint64_t *ns)
{
    (void)id, (void)ns;
    return ENOSYS;
}

WEAK void synth_wasi_hook_exit(uint32_t code)
{
    (void)code;
    for (;;)
        __asm__ volatile("bkpt #0");
}
#endif

WEAK int32_t synth_wasi_hook_random(uint8_t *buf, uint32_t len)
{
    (void)buf, (void)len;
    return ENOSYS;
}

/* ---- the module's linear memory ------------------------------------------ */

extern uint8_t MEMORY[];

static uint32_t memory_bytes(void)
{
    return *(volatile const uint32_t *)((uintptr_t)MEMORY - 4);
}

/* whether [p, p + n) lies inside linear memory (no wrap-around) */
static int in_memory(uint32_t p, uint32_t n)
{
    uint32_t size = memory_bytes();
    return p <= size && n <= size - p;
}

static uint32_t load32(uint32_t p)
{
    const uint8_t *b = MEMORY + p;
    return b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static void store32(uint32_t p, uint32_t v)
{
    uint8_t *b = MEMORY + p;
    b[0] = (uint8_t)v, b[1] = (uint8_t)(v >> 8), b[2] = (uint8_t)(v >> 16), b[3] = (uint8_t)(v >> 24);
}

static void store64(uint32_t p, uint64_t v)
{
    store32(p, (uint32_t)v);
    store32(p + 4, (uint32_t)(v >> 32));
}

static void zero(uint32_t p, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        MEMORY[p + i] = 0;
}

/* an iovec array of n {buf, len} pairs at p, every buffer inside memory */
static int iovecs_in_memory(uint32_t p, uint32_t n)
{
    if (n > memory_bytes() / 8 || !in_memory(p, n * 8))
        return 0;
    for (uint32_t i = 0; i < n; i++)
        if (!in_memory(load32(p + 8 * i), load32(p + 8 * i + 4)))
            return 0;
    return 1;
}

/* ---- file descriptors: 0 stdin, 1 stdout, 2 stderr, until closed --------- */

static uint8_t closed;          /* bit fd: fd_close was called */

static int is_open(int32_t fd)
{
    return fd >= 0 && fd <= 2 && !(closed & (1u << fd));
}

typedef int32_t (*transfer_fn)(int32_t fd, uint8_t *buf, uint32_t len);

/* The most one call moves: wasi-libc hands the count back as a 32-bit ssize_t. */
#define TRANSFER_MAX 0x7FFFFFFFu

/* fd_write / fd_read: one hook call per buffer until one falls short.  Every
 * iovec is checked before the first call (a refused call has no effect), and
 * again where it is used: bytes read into an earlier buffer may have rewritten
 * it, and a buffer is handed to a hook only if it is inside memory then. */
static int32_t transfer(int32_t fd, uint32_t iovs, uint32_t n, uint32_t done_p, transfer_fn hook)
{
    if (!iovecs_in_memory(iovs, n) || !in_memory(done_p, 4))
        return EFAULT;
    uint32_t total = 0;
    for (uint32_t i = 0; i < n && total < TRANSFER_MAX; i++) {
        uint32_t buf = load32(iovs + 8 * i), len = load32(iovs + 8 * i + 4);
        if (!in_memory(buf, len)) {
            if (total == 0)
                return EFAULT;
            break;
        }
        if (len > TRANSFER_MAX - total)
            len = TRANSFER_MAX - total;
        if (len == 0)
            continue;
        int32_t r = hook(fd, MEMORY + buf, len);
        if (r < 0) {
            if (total == 0)
                return r < -ERRNO_LAST ? EIO : -r;     /* not a WASI errno: EIO */
            break;
        }
        if ((uint32_t)r > len)          /* a hook cannot take more than it was given */
            r = (int32_t)len;
        total += (uint32_t)r;
        if ((uint32_t)r < len)
            break;
    }
    store32(done_p, total);
    return ESUCCESS;
}

static int32_t write_hook(int32_t fd, uint8_t *buf, uint32_t len)
{
    return synth_wasi_hook_write(fd, buf, len);
}

WEAK int32_t WASI(fd_write)(int32_t fd, uint32_t iovs, uint32_t n, uint32_t nwritten)
{
    if (!is_open(fd) || fd == 0)
        return EBADF;
    return transfer(fd, iovs, n, nwritten, write_hook);
}

WEAK int32_t WASI(fd_read)(int32_t fd, uint32_t iovs, uint32_t n, uint32_t nread)
{
    if (!is_open(fd) || fd != 0)
        return EBADF;
    return transfer(fd, iovs, n, nread, synth_wasi_hook_read);
}

WEAK int32_t WASI(fd_close)(int32_t fd)
{
    if (!is_open(fd))
        return EBADF;
    closed |= (uint8_t)(1u << fd);
    return ESUCCESS;
}

WEAK int32_t WASI(fd_seek)(int32_t fd, int64_t offset, uint32_t whence, uint32_t newoffset)
{
    (void)offset, (void)whence, (void)newoffset;
    return is_open(fd) ? ESPIPE : EBADF;       /* consoles cannot seek */
}

/* fdstat: u8 filetype, u16 flags at 2, u64 rights at 8, u64 inherited rights at 16 */
WEAK int32_t WASI(fd_fdstat_get)(int32_t fd, uint32_t stat)
{
    enum { CHARACTER_DEVICE = 2, RIGHT_FD_READ = 1u << 1, RIGHT_FD_WRITE = 1u << 6,
           RIGHT_POLL_FD_READWRITE = 1u << 27 };
    if (!is_open(fd))
        return EBADF;
    if (!in_memory(stat, 24))
        return EFAULT;
    zero(stat, 24);
    MEMORY[stat] = CHARACTER_DEVICE;
    store64(stat + 8, (fd == 0 ? RIGHT_FD_READ : RIGHT_FD_WRITE) | RIGHT_POLL_FD_READWRITE);
    return ESUCCESS;
}

/* no preopened directories: wasi-libc's start-up asks from fd 3 until EBADF */
WEAK int32_t WASI(fd_prestat_get)(int32_t fd, uint32_t prestat)
{
    (void)fd, (void)prestat;
    return EBADF;
}

WEAK int32_t WASI(fd_prestat_dir_name)(int32_t fd, uint32_t path, uint32_t len)
{
    (void)fd, (void)path, (void)len;
    return EBADF;
}

WEAK void WASI(proc_exit)(uint32_t code)
{
    synth_wasi_hook_exit(code);
}

WEAK int32_t WASI(clock_time_get)(uint32_t id, uint64_t precision, uint32_t time)
{
    (void)precision;
    if (id > 3)
        return EINVAL;
    if (!in_memory(time, 8))
        return EFAULT;
    uint64_t ns = 0;
    int32_t err = synth_wasi_hook_clock(id, &ns);
    if (err == ESUCCESS)
        store64(time, ns);
    return err;
}

WEAK int32_t WASI(random_get)(uint32_t buf, uint32_t len)
{
    if (!in_memory(buf, len))
        return EFAULT;
    return synth_wasi_hook_random(MEMORY + buf, len);
}

/* no arguments, no environment: zero counts, nothing to copy */
static int32_t no_strings(uint32_t count, uint32_t bytes)
{
    if (!in_memory(count, 4) || !in_memory(bytes, 4))
        return EFAULT;
    store32(count, 0);
    store32(bytes, 0);
    return ESUCCESS;
}

WEAK int32_t WASI(args_sizes_get)(uint32_t argc, uint32_t argv_bytes)
{
    return no_strings(argc, argv_bytes);
}

WEAK int32_t WASI(environ_sizes_get)(uint32_t count, uint32_t bytes)
{
    return no_strings(count, bytes);
}

WEAK int32_t WASI(args_get)(uint32_t argv, uint32_t argv_buf)
{
    (void)argv, (void)argv_buf;
    return ESUCCESS;
}

WEAK int32_t WASI(environ_get)(uint32_t environ, uint32_t environ_buf)
{
    (void)environ, (void)environ_buf;
    return ESUCCESS;
}

WEAK int32_t WASI(sched_yield)(void)
{
    return ESUCCESS;
}

/* Everything else: ENOSYS whatever the arguments (each returns one i32, so one
 * definition serves every signature under the AAPCS). */
WEAK int32_t WASI(enosys)(void)
{
    return ENOSYS;
}

#define NOT_IMPLEMENTED(name) \
    int32_t WASI(name)(void) __attribute__((weak, alias(SW_STR(WASI(enosys)))));
#define SW_STR2(x) #x
#define SW_STR(x) SW_STR2(x)
NOT_IMPLEMENTED(clock_res_get)
NOT_IMPLEMENTED(fd_advise)
NOT_IMPLEMENTED(fd_allocate)
NOT_IMPLEMENTED(fd_datasync)
NOT_IMPLEMENTED(fd_fdstat_set_flags)
NOT_IMPLEMENTED(fd_fdstat_set_rights)
NOT_IMPLEMENTED(fd_filestat_get)
NOT_IMPLEMENTED(fd_filestat_set_size)
NOT_IMPLEMENTED(fd_filestat_set_times)
NOT_IMPLEMENTED(fd_pread)
NOT_IMPLEMENTED(fd_pwrite)
NOT_IMPLEMENTED(fd_readdir)
NOT_IMPLEMENTED(fd_renumber)
NOT_IMPLEMENTED(fd_sync)
NOT_IMPLEMENTED(fd_tell)
NOT_IMPLEMENTED(path_create_directory)
NOT_IMPLEMENTED(path_filestat_get)
NOT_IMPLEMENTED(path_filestat_set_times)
NOT_IMPLEMENTED(path_link)
NOT_IMPLEMENTED(path_open)
NOT_IMPLEMENTED(path_readlink)
NOT_IMPLEMENTED(path_remove_directory)
NOT_IMPLEMENTED(path_rename)
NOT_IMPLEMENTED(path_symlink)
NOT_IMPLEMENTED(path_unlink_file)
NOT_IMPLEMENTED(poll_oneoff)
NOT_IMPLEMENTED(proc_raise)
NOT_IMPLEMENTED(sock_accept)
NOT_IMPLEMENTED(sock_recv)
NOT_IMPLEMENTED(sock_send)
NOT_IMPLEMENTED(sock_shutdown)

/* What the shim refuses: an unimplemented function (fsync: ENOSYS), a
 * buffer outside linear memory (EFAULT), a file descriptor that is not a
 * console (EBADF), a closed one; then exit(7) from a nested call. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void report(const char *what, int r)
{
    printf("%s: %d %s\n", what, r, r < 0 ? strerror(errno) : "ok");
}

static void finish(int code)
{
    fflush(stdout);
    exit(code);
}

int main(void)
{
    report("fsync", fsync(1));
    report("write outside memory", (int)write(1, (const void *)0x7ffffff0, 8));
    report("write to fd 5", (int)write(5, "x", 1));
    report("read from stdout", (int)read(1, (char[4]){0}, 4));
    report("close stderr", close(2));
    report("write to closed stderr", (int)write(2, "x", 1));
    finish(7);
    return 0;
}

/* time() and clock_gettime(): a plausible wall clock, a monotonic clock
 * that does not go back.  Prints only verdicts, so any host agrees. */
#include <stdio.h>
#include <time.h>

int main(void)
{
    time_t now = time(NULL);
    struct timespec a, b;
    int ok_a = clock_gettime(CLOCK_MONOTONIC, &a) == 0;
    volatile unsigned spin = 0;
    for (unsigned i = 0; i < 100000; i++)
        spin += i;
    int ok_b = clock_gettime(CLOCK_MONOTONIC, &b) == 0;
    int forward = b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec);
    printf("wall clock after 2020: %d\n", now > 1577836800);
    printf("monotonic: %d %d, not backwards: %d\n", ok_a, ok_b, forward);
    struct tm tm;
    time_t t = 86400 * 365;
    gmtime_r(&t, &tm);
    printf("gmtime: %04d-%02d-%02d\n", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return 0;
}

/* printf and proc_exit: stdout, stderr and the exit status. */
#include <stdio.h>

int main(void)
{
    printf("hello %d\n", 45);
    printf("%s|%5.2f|%-4x|%c|%lld\n", "fmt", 3.14159, 255u, 'w', -1234567890123LL);
    fprintf(stderr, "to stderr %u\n", 7u);
    return 3;
}

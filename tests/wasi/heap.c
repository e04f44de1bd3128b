/* malloc/free/realloc: blocks of many sizes, freed in an interleaved order,
 * their contents checked; one allocation larger than the initial memory
 * (memory.grow within --memory-size). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    unsigned sum = 0;
    for (int round = 0; round < 3; round++) {
        unsigned char *blocks[64];
        for (int i = 0; i < 64; i++) {
            size_t n = 16 + 37 * (size_t)i + (size_t)round;
            blocks[i] = malloc(n);
            if (!blocks[i])
                return 10;
            memset(blocks[i], i + round, n);
        }
        for (int i = 0; i < 64; i += 2)
            free(blocks[i]);
        for (int i = 1; i < 64; i += 2) {
            blocks[i] = realloc(blocks[i], 40 * (size_t)i + 8);
            sum = sum * 31 + blocks[i][36 * i] + blocks[i][0];
            free(blocks[i]);
        }
    }
    char *big = malloc(300000);
    if (!big)
        return 11;
    memset(big, 'x', 300000);
    big[299999] = 0;
    printf("sum %u, big %zu\n", sum, strlen(big));
    free(big);
    return 0;
}

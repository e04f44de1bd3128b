/* qsort of integers and strings, bsearch, a checksum of the order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_value(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(void)
{
    int v[300];
    unsigned s = 12345;
    for (int i = 0; i < 300; i++) {
        s = s * 1103515245u + 12345u;
        v[i] = (int)((s >> 8) % 2001) - 1000;
    }
    qsort(v, 300, sizeof v[0], by_value);
    unsigned check = 0;
    for (int i = 0; i < 300; i++) {
        if (i && v[i - 1] > v[i])
            return 10;
        check = check * 33 + (unsigned)v[i];
    }
    int key = v[123];
    int *hit = bsearch(&key, v, 300, sizeof v[0], by_value);
    const char *words[] = {"pear", "apple", "fig", "kiwi", "banana", "cherry", "date", "apricot"};
    qsort(words, 8, sizeof words[0], by_string);
    printf("min %d max %d check %u found %d\n", v[0], v[299], check, hit && *hit == key);
    for (int i = 0; i < 8; i++)
        printf("%s%c", words[i], i == 7 ? '\n' : ' ');
    return 0;
}

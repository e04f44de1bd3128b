/* Sorting 2048 keys: recursive quicksort (median of three, insertion sort
 * below 16) on int32 and a heapsort of a second copy; both must agree. */
#include "bench.h"

#define N 2048
static int32_t a[N], b[N];

static void insertion(int32_t *v, int lo, int hi) {
    for (int i = lo + 1; i <= hi; i++) {
        int32_t t = v[i];
        int j = i - 1;
        while (j >= lo && v[j] > t) { v[j + 1] = v[j]; j--; }
        v[j + 1] = t;
    }
}

static void swap(int32_t *v, int i, int j) { int32_t t = v[i]; v[i] = v[j]; v[j] = t; }

static void quicksort(int32_t *v, int lo, int hi) {
    while (hi - lo >= 16) {
        int mid = lo + (hi - lo) / 2;
        if (v[mid] < v[lo]) swap(v, mid, lo);
        if (v[hi] < v[lo]) swap(v, hi, lo);
        if (v[hi] < v[mid]) swap(v, hi, mid);
        int32_t pivot = v[mid];
        int i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot) i++;
            while (v[j] > pivot) j--;
            if (i <= j) { swap(v, i, j); i++; j--; }
        }
        if (j - lo < hi - i) { quicksort(v, lo, j); lo = i; }   /* recurse on the smaller side */
        else { quicksort(v, i, hi); hi = j; }
    }
    insertion(v, lo, hi);
}

static void sift(int32_t *v, int root, int n) {
    for (;;) {
        int c = 2 * root + 1;
        if (c >= n) return;
        if (c + 1 < n && v[c + 1] > v[c]) c++;
        if (v[root] >= v[c]) return;
        swap(v, root, c);
        root = c;
    }
}

static void heapsort(int32_t *v, int n) {
    for (int i = n / 2 - 1; i >= 0; i--) sift(v, i, n);
    for (int i = n - 1; i > 0; i--) { swap(v, 0, i); sift(v, 0, i); }
}

uint32_t benchmark(void) {
    uint32_t s = bench_seed;
    for (int i = 0; i < N; i++) a[i] = b[i] = (int32_t)lcg(&s) >> 8;
    quicksort(a, 0, N - 1);
    heapsort(b, N);
    uint32_t h = 0;
    for (int i = 0; i < N; i++) {
        if (a[i] != b[i] || (i && a[i - 1] > a[i])) return 0xBAD00000u | (uint32_t)i;
        h = mix(h, (uint32_t)a[i]);
    }
    return h;
}

/*
 * Main-memory bandwidth, STREAM style: three kernels over arrays far larger than the caches, on all
 * cores (OpenMP), each repeated and the best repetition kept (STREAM's convention: the best time is
 * the one least disturbed by the rest of the machine).
 *
 *   read   s += a[i]               8 bytes moved per element (what LLM decoding does with weights)
 *   copy   c[i] = a[i]            16 bytes
 *   triad  a[i] = b[i] + q * c[i] 24 bytes
 *
 * Usage: membw [MiB per array] [repetitions]      (default 256 MiB, 10)
 * Prints one JSON object: bandwidths in GB/s (10^9 bytes per second).
 *
 * Build: gcc -O3 -march=native -fopenmp membw.c -o membw
 */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

static double best(double current, double candidate) { return candidate < current ? candidate : current; }

int main(int argc, char **argv) {
    size_t mib = argc > 1 ? strtoul(argv[1], NULL, 10) : 256;
    int reps = argc > 2 ? atoi(argv[2]) : 10;
    size_t n = mib * 1024 * 1024 / sizeof(double);
    double *a = aligned_alloc(64, n * sizeof(double));
    double *b = aligned_alloc(64, n * sizeof(double));
    double *c = aligned_alloc(64, n * sizeof(double));
    if (!a || !b || !c) {
        fprintf(stderr, "membw: cannot allocate 3 x %zu MiB\n", mib);
        return 1;
    }
    /* First touch in parallel, so each thread's pages are where that thread runs. */
#pragma omp parallel for schedule(static)
    for (size_t i = 0; i < n; i++) {
        a[i] = 1.0;
        b[i] = 2.0;
        c[i] = 0.0;
    }

    double t_read = 1e30, t_copy = 1e30, t_triad = 1e30, sink = 0.0;
    const double q = 3.0;
    for (int r = 0; r < reps; r++) {
        double t0 = omp_get_wtime();
        double s = 0.0;
#pragma omp parallel for simd schedule(static) reduction(+ : s)
        for (size_t i = 0; i < n; i++) s += a[i];
        t_read = best(t_read, omp_get_wtime() - t0);
        sink += s;

        t0 = omp_get_wtime();
#pragma omp parallel for simd schedule(static)
        for (size_t i = 0; i < n; i++) c[i] = a[i];
        t_copy = best(t_copy, omp_get_wtime() - t0);

        t0 = omp_get_wtime();
#pragma omp parallel for simd schedule(static)
        for (size_t i = 0; i < n; i++) a[i] = b[i] + q * c[i];
        t_triad = best(t_triad, omp_get_wtime() - t0);
    }
    double bytes = (double)n * sizeof(double);
    printf("{\"threads\": %d, \"mib_per_array\": %zu, \"repetitions\": %d, "
           "\"read_gbs\": %.3f, \"copy_gbs\": %.3f, \"triad_gbs\": %.3f, \"check\": %.1f}\n",
           omp_get_max_threads(), mib, reps, bytes / t_read / 1e9, 2 * bytes / t_copy / 1e9,
           3 * bytes / t_triad / 1e9, sink + c[n / 2] + a[n - 1]);
    free(a);
    free(b);
    free(c);
    return 0;
}

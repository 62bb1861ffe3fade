/* The paper's network loop (net.m, Izhikevich 2003) in C, for network.bench.ts: the same recipe, generator (xoshiro128**
 * seeded by splitmix32, uniforms x/2^32, Marsaglia polar normals) and draw order as src/engine/network (build.ts,
 * paper.ts), Float64 state and weights, dense or sparse (fixed inputs per neuron). Forward Euler, 1 ms steps.
 * Usage: network_loop Ne Ni duration_ms seed K(0 = dense) reps -> per rep "build_ms run_ms cpu_ms spikes checksum"
 * (wall times of drawing the network and of the run, CPU time of both; checksum = sum of t·(cell + 1)). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct { uint32_t s[4]; double spare; int has_spare; } rng_t;

static uint32_t splitmix32(uint32_t *a) {
  *a += 0x9E3779B9u;
  uint32_t z = *a;
  z = (z ^ (z >> 16)) * 0x21F0AAADu;
  z = (z ^ (z >> 15)) * 0x735A2D97u;
  return z ^ (z >> 15);
}
static void rng_init(rng_t *r, uint32_t seed, uint32_t stream) {
  uint32_t a = seed ^ (stream * 0x85EBCA6Bu);
  for (int i = 0; i < 4; i++) r->s[i] = splitmix32(&a);
  if (!(r->s[0] | r->s[1] | r->s[2] | r->s[3])) r->s[0] = 1;
  r->has_spare = 0;
}
static inline uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
static inline uint32_t u32(rng_t *r) {
  uint32_t *s = r->s;
  uint32_t res = rotl(s[1] * 5, 7) * 9, t = s[1] << 9;
  s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 11);
  return res;
}
static inline double uniform(rng_t *r) { return u32(r) * (1.0 / 4294967296.0); }
static inline double normal(rng_t *r) {
  if (r->has_spare) { r->has_spare = 0; return r->spare; }
  double x, y, s;
  do { x = 2 * uniform(r) - 1; y = 2 * uniform(r) - 1; s = x * x + y * y; } while (!(s < 1 && s > 0));
  double f = sqrt(-2 * log(s) / s);
  r->spare = y * f; r->has_spare = 1;
  return x * f;
}

static double now_ms(void) {
  struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec * 1e-6;
}

int main(int argc, char **argv) {
  if (argc < 7) { fprintf(stderr, "usage: %s Ne Ni duration seed K reps\n", argv[0]); return 2; }
  int ne = atoi(argv[1]), ni = atoi(argv[2]), T = atoi(argv[3]), K = atoi(argv[5]), reps = atoi(argv[6]);
  uint32_t seed = (uint32_t)strtoul(argv[4], 0, 10);
  int n = ne + ni;
  double *a = malloc(n * sizeof(double)), *b = malloc(n * sizeof(double)), *c = malloc(n * sizeof(double));
  double *d = malloc(n * sizeof(double)), *sig = malloc(n * sizeof(double)), *v = malloc(n * sizeof(double));
  double *u = malloc(n * sizeof(double)), *syn = calloc(n, sizeof(double)), *noise = malloc(n * sizeof(double));
  int *fired = malloc(n * sizeof(int));
  for (int rep = 0; rep < reps; rep++) {
    double t0 = now_ms();
    clock_t c0 = clock();
    rng_t net, nz;
    rng_init(&net, seed, 0);
    rng_init(&nz, seed, 1);
    double *r = malloc(n * sizeof(double));
    for (int i = 0; i < n; i++) r[i] = uniform(&net);
    for (int i = 0; i < n; i++) {
      double x = r[i];
      if (i < ne) { a[i] = 0.02; b[i] = 0.2; c[i] = -65 + 15 * (x * x); d[i] = 8 + -6 * (x * x); sig[i] = 5; }
      else { a[i] = 0.02 + 0.08 * x; b[i] = 0.25 + -0.05 * x; c[i] = -65; d[i] = 2; sig[i] = 2; }
    }
    free(r);
    double *W = 0; int *start = 0, *target = 0;
    if (K == 0) {
      W = malloc((size_t)n * n * sizeof(double));
      for (int j = 0; j < n; j++) { double sc = j < ne ? 0.5 : -1.0; for (int i = 0; i < n; i++) W[(size_t)j * n + i] = sc * uniform(&net); }
    } else {
      int *perm = malloc(n * sizeof(int)), *swaps = malloc(K * sizeof(int)), *fill = calloc(n, sizeof(int));
      start = calloc(n + 1, sizeof(int));
      rng_t replay = net;
      for (int pass = 0; pass < 2; pass++) {
        rng_t *g = pass ? &replay : &net;
        for (int i = 0; i < n; i++) perm[i] = i;
        for (int post = 0; post < n; post++) {
          for (int q = 0; q < K; q++) {
            int pick = q + (int)floor(uniform(g) * (n - q));
            swaps[q] = pick;
            int pre = perm[pick]; perm[pick] = perm[q]; perm[q] = pre;
            double w = (pre < ne ? 0.5 : -1.0) * uniform(g);
            if (!pass) start[pre + 1]++;
            else { int at = start[pre] + fill[pre]++; target[at] = post; W[at] = w; }
          }
          for (int q = K - 1; q >= 0; q--) { int pick = swaps[q]; int x = perm[pick]; perm[pick] = perm[q]; perm[q] = x; }
        }
        if (!pass) {
          for (int j = 0; j < n; j++) start[j + 1] += start[j];
          target = malloc((size_t)start[n] * sizeof(int));
          W = malloc((size_t)start[n] * sizeof(double));
        }
      }
      free(perm); free(swaps); free(fill);
    }
    for (int i = 0; i < n; i++) { v[i] = -65; u[i] = b[i] * v[i]; }
    double t1 = now_ms();
    long spikes = 0; double checksum = 0;
    for (int t = 1; t <= T; t++) {
      int nf = 0;
      for (int i = 0; i < n; i++) if (v[i] >= 30) { fired[nf++] = i; v[i] = c[i]; u[i] += d[i]; }
      for (int k = 0; k < nf; k++) { spikes++; checksum += (double)t * (fired[k] + 1); }
      if (K == 0) {
        for (int k = 0; k < nf; k++) { const double *col = W + (size_t)fired[k] * n; for (int i = 0; i < n; i++) syn[i] += col[i]; }
      } else {
        for (int k = 0; k < nf; k++) { int j = fired[k]; for (int p = start[j]; p < start[j + 1]; p++) syn[target[p]] += W[p]; }
      }
      for (int i = 0; i < n; i++) noise[i] = sig[i] * normal(&nz);
      for (int i = 0; i < n; i++) {
        double I = noise[i] + syn[i]; syn[i] = 0;
        double ui = u[i], vi = v[i];
        vi = vi + 0.5 * (0.04 * (vi * vi) + 5 * vi + 140 - ui + I);
        vi = vi + 0.5 * (0.04 * (vi * vi) + 5 * vi + 140 - ui + I);
        v[i] = vi; u[i] = ui + a[i] * (b[i] * vi - ui);
      }
    }
    double t2 = now_ms();
    double cpu = (double)(clock() - c0) * 1000.0 / CLOCKS_PER_SEC;
    printf("%.3f %.3f %.3f %ld %.17g\n", t1 - t0, t2 - t1, cpu, spikes, checksum);
    free(W); free(start); free(target);
  }
  return 0;
}

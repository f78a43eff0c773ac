// W1 join throughput: W1L ⋈ W1R inner on "key" (int64 uniform in [0, N), float64 payloads),
// result fully materialised (key, v_x, v_y). Tables are generated outside the timed region.
// Usage: join_bench [--rows N] [--threads T] [--reps R]
// Prints: bench=deeprc op=join rows=N threads=T seconds=S rows_per_s=R out_rows=M cpu_s=C
// (median wall seconds; cpu_s = median process CPU seconds of the join, all threads)
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "compute/join.h"
#include "gen/workloads.h"

using namespace deeprc;

namespace {

// Process CPU seconds (all threads, user + system): on a shared, loaded machine this is steadier
// than wall time and shows what the kernel itself costs.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int64_t rows = 1'000'000;
  int threads = 1;
  int reps = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--rows") == 0) rows = std::atoll(argv[i + 1]);
    else if (std::strcmp(argv[i], "--threads") == 0) threads = std::atoi(argv[i + 1]);
    else if (std::strcmp(argv[i], "--reps") == 0) reps = std::atoi(argv[i + 1]);
    else {
      std::fprintf(stderr, "usage: %s [--rows N] [--threads T] [--reps R]\n", argv[0]);
      return 2;
    }
  }
  reps = std::max(reps, 1);
  try {
    const Table l = gen::workload("W1L", rows, 0, rows);
    const Table r = gen::workload("W1R", rows, 0, rows);
    compute::JoinOptions o;
    o.left_on = {"key"};
    o.num_threads = threads;
    std::vector<double> times, cpu;
    int64_t out_rows = 0;
    for (int k = 0; k < reps; ++k) {
      const auto t0 = std::chrono::steady_clock::now();
      const double c0 = cpu_seconds();
      {
        const Table out = compute::join(l, r, o);
        out_rows = out.num_rows();
        times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        cpu.push_back(cpu_seconds() - c0);
      }  // the result is freed outside the timed region
    }
    const double s = median(times);
    std::printf("bench=deeprc op=join rows=%lld threads=%d seconds=%.6f rows_per_s=%.0f out_rows=%lld cpu_s=%.6f\n",
                static_cast<long long>(rows), threads, s, static_cast<double>(rows) / s,
                static_cast<long long>(out_rows), median(cpu));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "join_bench failed: %s\n", e.what());
    return 1;
  }
  return 0;
}

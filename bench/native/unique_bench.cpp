// unique on workload W5 (key int64 uniform in [0, N/2), v float64).
// Usage: unique_bench [--rows N] [--threads T] [--reps R]
// Prints (median of reps, result fully materialised):
//   bench=deeprc op=unique ...           distinct values of the key column (SELECT DISTINCT key)
//   bench=deeprc op=drop_duplicates ...  whole rows deduplicated on key, keeping the first
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "compute/unique.h"
#include "gen/workloads.h"

using namespace deeprc;

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

template <typename F>
double seconds_of(F&& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// CPU seconds (user + system) of the process so far: robust against other load on the machine.
double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + 1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

long peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

void print(const char* op, int64_t rows, int threads, double s, double cpu, int64_t out_rows) {
  std::printf("bench=deeprc op=%s rows=%lld threads=%d seconds=%.6f rows_per_s=%.0f out_rows=%lld cpu_s=%.3f peak_rss_mb=%ld\n", op,
              static_cast<long long>(rows), threads, s, static_cast<double>(rows) / s, static_cast<long long>(out_rows), cpu,
              peak_rss_mb());
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  int64_t rows = 1'000'000;
  int threads = 1;
  int reps = 3;
  const char* only = nullptr;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--rows") == 0) rows = std::atoll(argv[i + 1]);
    else if (std::strcmp(argv[i], "--threads") == 0) threads = std::atoi(argv[i + 1]);
    else if (std::strcmp(argv[i], "--reps") == 0) reps = std::atoi(argv[i + 1]);
    else if (std::strcmp(argv[i], "--op") == 0) only = argv[i + 1];
    else {
      std::fprintf(stderr, "usage: %s [--rows N] [--threads T] [--reps R] [--op unique|drop_duplicates]\n", argv[0]);
      return 2;
    }
  }
  reps = std::max(reps, 1);
  try {
    const Table t = gen::workload("W5", rows, 0, rows);
    std::printf("# input peak_rss_mb=%ld\n", peak_rss_mb());
    if (!only || std::strcmp(only, "unique") == 0) {
      std::vector<double> times, cpu;
      Array out;
      for (int r = 0; r < reps; ++r) {
        out = Array();  // free the previous result outside the timed region
        const double c0 = cpu_seconds();
        times.push_back(seconds_of([&] { out = compute::distinct_values(t.column("key"), threads); }));
        cpu.push_back(cpu_seconds() - c0);
      }
      print("unique", rows, threads, median(times), median(cpu), out.length());
    }
    if (!only || std::strcmp(only, "drop_duplicates") == 0) {
      std::vector<double> times, cpu;
      Table out;
      for (int r = 0; r < reps; ++r) {
        out = Table();
        const double c0 = cpu_seconds();
        times.push_back(seconds_of([&] { out = compute::unique(t, {"key"}, compute::Keep::First, threads); }));
        cpu.push_back(cpu_seconds() - c0);
      }
      print("drop_duplicates", rows, threads, median(times), median(cpu), out.num_rows());
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "unique_bench failed: %s\n", e.what());
    return 1;
  }
  return 0;
}

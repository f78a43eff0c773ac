// Sort throughput on workload W2 (key int64 uniform over [0, 2^63), v float64), sorted by key with
// the full table materialised.
// Usage: sort_bench [--rows N] [--threads T] [--reps R] [--key COL] [--desc]
// Prints: bench=deeprc op=sort rows=N threads=T seconds=S rows_per_s=R out_rows=N
//         (plus op=sort_indices for the index computation alone) and peak RSS in MiB.
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "compute/sort.h"
#include "gen/workloads.h"

using namespace deeprc;

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double process_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Wall and process CPU seconds: on a shared, loaded machine the CPU time (user+sys of all our
// threads) is the steadier figure; on an idle machine with one thread the two agree.
template <typename F>
std::pair<double, double> seconds_of(F&& f) {
  const double c0 = process_cpu_seconds();
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), process_cpu_seconds() - c0};
}

void print(const char* op, int64_t rows, int threads, const std::vector<std::pair<double, double>>& runs,
           int64_t out_rows) {
  std::vector<double> wall, cpu;
  for (const auto& [w, c] : runs) {
    wall.push_back(w);
    cpu.push_back(c);
  }
  const double s = median(wall);
  std::printf("bench=deeprc op=%s rows=%lld threads=%d seconds=%.6f rows_per_s=%.0f out_rows=%lld cpu_seconds=%.6f\n",
              op, static_cast<long long>(rows), threads, s, static_cast<double>(rows) / s,
              static_cast<long long>(out_rows), median(cpu));
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  int64_t rows = 1'000'000;
  int threads = 1;
  int reps = 3;
  std::string key = "key";
  bool desc = false;
  for (int i = 1; i < argc; ++i) {
    const bool has_value = i + 1 < argc;
    if (std::strcmp(argv[i], "--desc") == 0) desc = true;
    else if (has_value && std::strcmp(argv[i], "--rows") == 0) rows = std::atoll(argv[++i]);
    else if (has_value && std::strcmp(argv[i], "--threads") == 0) threads = std::atoi(argv[++i]);
    else if (has_value && std::strcmp(argv[i], "--reps") == 0) reps = std::atoi(argv[++i]);
    else if (has_value && std::strcmp(argv[i], "--key") == 0) key = argv[++i];
    else {
      std::fprintf(stderr, "usage: %s [--rows N] [--threads T] [--reps R] [--key COL] [--desc]\n", argv[0]);
      return 2;
    }
  }
  reps = std::max(reps, 1);
  try {
    const Table t = gen::workload("W2", rows, 0, rows);
    const std::vector<compute::SortKey> keys{{key, desc, false}};
    std::vector<std::pair<double, double>> it;
    for (int r = 0; r < reps; ++r) {
      Array idx;
      it.push_back(seconds_of([&] { idx = compute::sort_indices(t, keys, threads); }));
    }
    print("sort_indices", rows, threads, it, rows);
    std::vector<std::pair<double, double>> st;
    Table out;
    for (int r = 0; r < reps; ++r) {
      out = Table();  // free the previous result outside the timed region
      st.push_back(seconds_of([&] { out = compute::sort(t, keys, threads); }));
    }
    print("sort", rows, threads, st, out.num_rows());
    if (!compute::is_sorted(out, keys)) std::fprintf(stderr, "WARNING: result is not sorted\n");
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    std::printf("bench=deeprc op=sort peak_rss_mib=%.1f input_mib=%.1f\n", static_cast<double>(ru.ru_maxrss) / 1024.0,
                static_cast<double>(rows) * 16.0 / (1024.0 * 1024.0));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sort_bench failed: %s\n", e.what());
    return 1;
  }
  return 0;
}

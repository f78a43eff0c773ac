// CSV read/write throughput on workload W4 (a int64, b float64, c int64, d 8-char hex text).
// Usage: csv_bench [--rows N] [--threads T] [--reps R]
// Prints one line per operation:
//   bench=deeprc op=csv_read rows=N threads=T seconds=S rows_per_s=R out_rows=N
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "gen/workloads.h"
#include "io/csv_reader.h"
#include "io/csv_writer.h"

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

void print(const char* op, int64_t rows, int threads, double s, int64_t out_rows) {
  std::printf("bench=deeprc op=%s rows=%lld threads=%d seconds=%.6f rows_per_s=%.0f out_rows=%lld\n", op,
              static_cast<long long>(rows), threads, s, static_cast<double>(rows) / s, static_cast<long long>(out_rows));
  std::fflush(stdout);
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
    const Table t = gen::workload("W4", rows, 0, rows);
    const auto dir = std::filesystem::temp_directory_path() / ("deeprc_csv_bench_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "w4.csv").string();

    io::CsvWriteOptions wo;
    wo.num_threads = threads;
    std::vector<double> wt;
    for (int r = 0; r < reps; ++r) wt.push_back(seconds_of([&] { io::write_csv(t, path, wo); }));
    print("csv_write", rows, threads, median(wt), t.num_rows());

    io::CsvReadOptions ro;
    ro.num_threads = threads;
    std::vector<double> rt;
    Table back;
    for (int r = 0; r < reps; ++r) {
      back = Table();  // free the previous result outside the timed region
      rt.push_back(seconds_of([&] { back = io::read_csv(path, ro); }));
    }
    print("csv_read", rows, threads, median(rt), back.num_rows());
    if (!back.equals(t)) std::fprintf(stderr, "WARNING: read(write(W4)) differs from W4\n");
    std::filesystem::remove_all(dir);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "csv_bench failed: %s\n", e.what());
    return 1;
  }
  return 0;
}

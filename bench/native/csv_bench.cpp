// CSV read/write throughput on workload W4 (a int64, b float64, c int64, d 8-char hex text).
// Usage: csv_bench [--rows N] [--threads T] [--reps R]
// Prints one line per operation:
//   bench=deeprc op=csv_read rows=N threads=T seconds=S rows_per_s=R out_rows=N
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "bench_util.h"
#include "gen/workloads.h"
#include "io/csv_reader.h"
#include "io/csv_writer.h"

using namespace deeprc;

int main(int argc, char** argv) {
  const bench::Args args = bench::parse_args(argc, argv);
  const int64_t rows = args.rows;
  const int threads = args.threads;
  try {
    const Table t = gen::workload("W4", rows, 0, rows);
    const auto dir = std::filesystem::temp_directory_path() / ("deeprc_csv_bench_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "w4.csv").string();

    io::CsvWriteOptions wo;
    wo.num_threads = threads;
    bench::Samples wt;
    for (int r = 0; r < args.reps; ++r) wt.add(bench::time_it([&] { io::write_csv(t, path, wo); }));
    bench::print_result("csv_write", rows, threads, wt.wall_median(), t.num_rows());

    io::CsvReadOptions ro;
    ro.num_threads = threads;
    bench::Samples rt;
    Table back;
    for (int r = 0; r < args.reps; ++r) {
      back = Table();  // free the previous result outside the timed region
      rt.add(bench::time_it([&] { back = io::read_csv(path, ro); }));
    }
    bench::print_result("csv_read", rows, threads, rt.wall_median(), back.num_rows());
    if (!back.equals(t)) std::fprintf(stderr, "WARNING: read(write(W4)) differs from W4\n");
    std::filesystem::remove_all(dir);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "csv_bench failed: %s\n", e.what());
    return 1;
  }
  return 0;
}

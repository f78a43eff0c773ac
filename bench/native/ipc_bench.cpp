// Arrow IPC file write/read throughput on workload W4 (int64, float64, int64, utf8).
//   ipc_bench [--rows N] [--reps R] [--dir PATH]   (--threads is accepted and ignored)
// Prints, per operation, the median over reps:
//   bench=deeprc op=ipc_write rows=N seconds=S rows_per_s=R gb_per_s=G
//   bench=deeprc op=ipc_read ...       (open + validate; columns are zero-copy views of the map)
//   bench=deeprc op=ipc_read_scan ...  (read + one pass over every byte, i.e. paging data in)
// GB/s = table bytes (all column buffers) / seconds.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <utility>

#include "arrow/bitmap.h"
#include "bench_util.h"
#include "gen/workloads.h"
#include "io/ipc_reader.h"
#include "io/ipc_writer.h"

using namespace deeprc;
namespace fs = std::filesystem;

namespace {

int64_t table_bytes(const Table& t) {
  int64_t n = 0;
  for (const Array& c : t.columns()) {
    const ArrayData& a = c.data();
    if (a.validity) n += bits::bytes_for(a.length);
    if (is_string(a.type.id)) {
      const int64_t w = a.type.id == TypeId::LargeUtf8 ? 8 : 4;
      n += (a.length + 1) * w;
      int64_t b, e, b2, e2;
      c.string_bounds(0, &b, &e);
      c.string_bounds(a.length - 1, &b2, &e2);
      n += a.length ? e2 - b : 0;
    } else if (a.type.id == TypeId::Bool) {
      n += bits::bytes_for(a.length);
    } else {
      n += a.length * byte_width(a.type.id);
    }
  }
  return n;
}

// Touches every 64th byte of every buffer so the measured time includes paging the data in.
uint64_t scan(const Table& t) {
  uint64_t sum = 0;
  for (const Array& c : t.columns()) {
    for (const BufferPtr* b : {&c.data().validity, &c.data().values, &c.data().data}) {
      if (!*b) continue;
      const uint8_t* p = (*b)->data();
      for (int64_t i = 0; i < (*b)->size(); i += 64) sum += p[i];
    }
  }
  return sum;
}

}  // namespace

int main(int argc, char** argv) {
  const bench::Args args = bench::parse_args(argc, argv, {1'000'000, 1, 5}, {{"--dir", "PATH"}});
  const int64_t rows = args.rows;
  const std::string dir = args.has("--dir") ? args.get("--dir") : fs::temp_directory_path().string();
  try {
    const Table t = gen::workload("W4", rows, 0, rows);
    const int64_t bytes = table_bytes(t);
    const std::string path = (fs::path(dir) / ("deeprc_ipc_bench_" + std::to_string(::getpid()) + ".arrow")).string();
    bench::Samples w, r, rs;
    uint64_t sink = 0;
    for (int k = 0; k < args.reps; ++k) {
      w.add(bench::time_it([&] { io::write_ipc(t, path); }));
      {
        Table back;
        r.add(bench::time_it([&] { back = io::read_ipc(path); }));
        sink += static_cast<uint64_t>(back.num_rows());
      }
      {
        Table back;  // freed outside the timed region
        rs.add(bench::time_it([&] {
          back = io::read_ipc(path);
          sink += scan(back);
        }));
      }
    }
    fs::remove(path);
    std::fprintf(stderr, "table_bytes=%lld file_bytes_path=%s checksum=%llu\n", static_cast<long long>(bytes), dir.c_str(),
                 static_cast<unsigned long long>(sink));
    // No threads/out_rows keys: this benchmark is single-threaded and writes/reads the input as is.
    const std::pair<const char*, const bench::Samples*> ops[] = {{"ipc_write", &w}, {"ipc_read", &r}, {"ipc_read_scan", &rs}};
    for (const auto& [op, samples] : ops) {
      const double s = samples->wall_median();
      bench::print_result(op, rows, bench::kOmit, s, bench::kOmit, {{"gb_per_s", static_cast<double>(bytes) / s / 1e9, 3}});
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ipc_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}

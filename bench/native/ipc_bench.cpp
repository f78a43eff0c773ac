// Arrow IPC file write/read throughput on workload W4 (int64, float64, int64, utf8).
//   ipc_bench --rows N --reps R [--dir PATH]
// Prints, per operation, the median over reps:
//   bench=deeprc op=ipc_write rows=N seconds=S rows_per_s=R gb_per_s=G
//   bench=deeprc op=ipc_read ...       (open + validate; columns are zero-copy views of the map)
//   bench=deeprc op=ipc_read_scan ...  (read + one pass over every byte, i.e. paging data in)
// GB/s = table bytes (all column buffers) / seconds.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "arrow/bitmap.h"
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

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

void report(const char* op, int64_t rows, int64_t bytes, double s) {
  std::printf("bench=deeprc op=%s rows=%lld seconds=%.6f rows_per_s=%.0f gb_per_s=%.3f\n", op,
              static_cast<long long>(rows), s, static_cast<double>(rows) / s, static_cast<double>(bytes) / s / 1e9);
}

}  // namespace

int main(int argc, char** argv) {
  int64_t rows = 1'000'000;
  int reps = 5;
  std::string dir = fs::temp_directory_path().string();
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--rows")) rows = std::stoll(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--reps")) reps = std::max(1, std::stoi(argv[i + 1]));
    else if (!std::strcmp(argv[i], "--dir")) dir = argv[i + 1];
    else {
      std::fprintf(stderr, "usage: %s --rows N --reps R [--dir PATH]\n", argv[0]);
      return 2;
    }
  }
  try {
    const Table t = gen::workload("W4", rows, 0, rows);
    const int64_t bytes = table_bytes(t);
    const std::string path = (fs::path(dir) / ("deeprc_ipc_bench_" + std::to_string(::getpid()) + ".arrow")).string();
    using clock = std::chrono::steady_clock;
    auto secs = [](clock::time_point a) { return std::chrono::duration<double>(clock::now() - a).count(); };
    std::vector<double> w, r, rs;
    uint64_t sink = 0;
    for (int k = 0; k < reps; ++k) {
      auto t0 = clock::now();
      io::write_ipc(t, path);
      w.push_back(secs(t0));
      t0 = clock::now();
      {
        const Table back = io::read_ipc(path);
        r.push_back(secs(t0));
        sink += static_cast<uint64_t>(back.num_rows());
      }
      t0 = clock::now();
      {
        const Table back = io::read_ipc(path);
        sink += scan(back);
        rs.push_back(secs(t0));
      }
    }
    fs::remove(path);
    std::fprintf(stderr, "table_bytes=%lld file_bytes_path=%s checksum=%llu\n", static_cast<long long>(bytes), dir.c_str(),
                 static_cast<unsigned long long>(sink));
    report("ipc_write", rows, bytes, median(w));
    report("ipc_read", rows, bytes, median(r));
    report("ipc_read_scan", rows, bytes, median(rs));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ipc_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}

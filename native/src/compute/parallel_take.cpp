#include "compute/parallel_take.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <vector>

#include "arrow/bitmap.h"
#include "arrow/selection.h"
#include "core/thread_pool.h"

namespace deeprc::compute {
namespace {

// Rows per task; a multiple of 8 so that tasks never share a validity byte.
constexpr int64_t kChunkRows = 1 << 18;

template <typename T>
void gather(const uint8_t* src_bytes, uint8_t* dst_bytes, const int64_t* idx, int64_t b, int64_t e) {
  const T* src = reinterpret_cast<const T*>(src_bytes);
  T* dst = reinterpret_cast<T*>(dst_bytes);
  for (int64_t i = b; i < e; ++i) dst[i] = src[idx[i]];
}

struct FixedColumn {
  const Array* src;
  BufferPtr values;
  BufferPtr validity;
  std::atomic<int64_t> nulls{0};
};

}  // namespace

Table parallel_take(const Table& table, const int64_t* idx, int64_t n, int threads) {
  const int nc = table.num_columns();
  std::vector<Array> out(static_cast<size_t>(nc));
  std::vector<std::unique_ptr<FixedColumn>> fixed(static_cast<size_t>(nc));
  std::vector<std::function<void()>> tasks;
  const int64_t chunks = (n + kChunkRows - 1) / kChunkRows;
  for (int c = 0; c < nc; ++c) {
    const Array& col = table.column(c);
    const TypeId id = col.type_id();
    if (!is_fixed_width(id)) {
      tasks.emplace_back([&out, &col, idx, n, c] { out[static_cast<size_t>(c)] = take(col, idx, n); });
      continue;
    }
    auto f = std::make_unique<FixedColumn>();
    f->src = &col;
    const int w = byte_width(id);
    f->values = Buffer::allocate(n * w);
    if (col.null_count() > 0) f->validity = Buffer::allocate(bits::bytes_for(n), true);
    FixedColumn* fp = f.get();
    for (int64_t ch = 0; ch < chunks; ++ch) {
      tasks.emplace_back([fp, idx, n, ch, w] {
        const int64_t b = ch * kChunkRows, e = std::min(n, b + kChunkRows);
        const Array& s = *fp->src;
        const uint8_t* src = s.data().values->data() + s.offset() * w;
        uint8_t* dst = fp->values->mutable_data();
        switch (w) {
          case 1: gather<uint8_t>(src, dst, idx, b, e); break;
          case 2: gather<uint16_t>(src, dst, idx, b, e); break;
          case 4: gather<uint32_t>(src, dst, idx, b, e); break;
          default: gather<uint64_t>(src, dst, idx, b, e); break;
        }
        if (fp->validity) {
          uint8_t* bm = fp->validity->mutable_data();
          int64_t nulls = 0;
          for (int64_t i = b; i < e; ++i) {
            if (s.is_valid(idx[i])) bits::set(bm, i);
            else ++nulls;
          }
          fp->nulls += nulls;
        }
      });
    }
    fixed[static_cast<size_t>(c)] = std::move(f);
  }
  parallel_for(static_cast<int64_t>(tasks.size()), threads, [&](int64_t t) { tasks[static_cast<size_t>(t)](); });
  for (int c = 0; c < nc; ++c) {
    auto& f = fixed[static_cast<size_t>(c)];
    if (!f) continue;
    ArrayData d;
    d.type = f->src->type();
    d.length = n;
    d.null_count = f->nulls.load();
    d.values = f->values;
    if (d.null_count > 0) d.validity = f->validity;
    out[static_cast<size_t>(c)] = Array(std::make_shared<const ArrayData>(std::move(d)));
  }
  return Table(table.schema(), std::move(out), n);
}

}  // namespace deeprc::compute

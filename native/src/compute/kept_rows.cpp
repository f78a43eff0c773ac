#include "compute/kept_rows.h"

#include <algorithm>

#include "arrow/selection.h"
#include "core/thread_pool.h"

namespace deeprc::compute {

void count_kept(KeptRows& rows, int threads) {
  const int64_t n = rows.num_rows, chunks = (n + rows.chunk - 1) / rows.chunk;
  rows.start.assign(static_cast<size_t>(chunks + 1), 0);
  parallel_for(chunks, threads, [&](int64_t c) {
    const int64_t b = c * rows.chunk, e = std::min(n, b + rows.chunk);
    int64_t k = 0;
    for (int64_t i = b; i < e; ++i) k += rows.keep[static_cast<size_t>(i)];
    rows.start[static_cast<size_t>(c + 1)] = k;
  });
  for (int64_t c = 0; c < chunks; ++c) rows.start[static_cast<size_t>(c + 1)] += rows.start[static_cast<size_t>(c)];
}

namespace {
// Calls fn(b, e, pos, count) for every chunk overlapping [lo, hi): rows [b, e) of the mask, where
// pos is the number of kept rows in [lo, b) and count the number in [b, e).
template <typename F>
void for_chunks(const KeptRows& rows, int64_t lo, int64_t hi, int threads, F&& fn) {
  if (hi <= lo) return;
  const int64_t c0 = lo / rows.chunk, c1 = (hi - 1) / rows.chunk + 1;
  int64_t before_lo = rows.start[static_cast<size_t>(c0)];
  for (int64_t i = c0 * rows.chunk; i < lo; ++i) before_lo += rows.keep[static_cast<size_t>(i)];
  parallel_for(c1 - c0, threads, [&](int64_t k) {
    const int64_t c = c0 + k;
    const int64_t b = std::max(lo, c * rows.chunk), e = std::min(hi, (c + 1) * rows.chunk);
    int64_t pos = rows.start[static_cast<size_t>(c)] - before_lo;
    if (c == c0) pos = 0;
    int64_t count = 0;
    if (b == c * rows.chunk && e == (c + 1) * rows.chunk) {
      count = rows.start[static_cast<size_t>(c + 1)] - rows.start[static_cast<size_t>(c)];
    } else {
      for (int64_t i = b; i < e; ++i) count += rows.keep[static_cast<size_t>(i)];
    }
    fn(b, e, pos, count);
  });
}

int64_t kept_in(const KeptRows& rows, int64_t lo, int64_t hi) {
  int64_t k = 0;
  const int64_t c0 = lo / rows.chunk, c1 = hi / rows.chunk;
  if (c0 == c1) {
    for (int64_t i = lo; i < hi; ++i) k += rows.keep[static_cast<size_t>(i)];
    return k;
  }
  k = rows.start[static_cast<size_t>(c1)] - rows.start[static_cast<size_t>(c0 + 1)];
  for (int64_t i = lo; i < (c0 + 1) * rows.chunk; ++i) k += rows.keep[static_cast<size_t>(i)];
  for (int64_t i = c1 * rows.chunk; i < hi; ++i) k += rows.keep[static_cast<size_t>(i)];
  return k;
}

template <typename T>
Array gather_fixed(const Array& values, const KeptRows& rows, int64_t lo, int threads) {
  const int64_t hi = lo + values.length();
  const int64_t n = kept_in(rows, lo, hi);
  auto buf = Buffer::allocate(n * static_cast<int64_t>(sizeof(T)));
  T* out = buf->mutable_as<T>();
  const T* src = values.values<T>() - lo;
  for_chunks(rows, lo, hi, threads, [&](int64_t b, int64_t e, int64_t pos, int64_t count) {
    T* o = out + pos;
    T* const end = o + count;
    // Branch-free: the slot is overwritten by the next kept row unless row i is kept; stopping
    // once the chunk's kept rows are written keeps every write inside the chunk's range.
    for (int64_t i = b; i < e && o < end; ++i) {
      *o = src[i];
      o += rows.keep[static_cast<size_t>(i)];
    }
  });
  ArrayData d;
  d.type = values.type();
  d.length = n;
  d.values = buf;
  return Array::make(std::move(d));
}
}  // namespace

std::vector<int64_t> kept_indices(const KeptRows& rows, int64_t lo, int64_t hi, int threads) {
  std::vector<int64_t> out(static_cast<size_t>(kept_in(rows, lo, hi)));
  for_chunks(rows, lo, hi, threads, [&](int64_t b, int64_t e, int64_t pos, int64_t count) {
    int64_t* o = out.data() + pos;
    int64_t* const end = o + count;
    for (int64_t i = b; i < e && o < end; ++i) {  // branch-free as in gather_fixed
      *o = i - lo;
      o += rows.keep[static_cast<size_t>(i)];
    }
  });
  return out;
}

Array gather_kept(const Array& values, const KeptRows& rows, int64_t lo, int threads) {
  if (values.null_count() == 0) {
    switch (byte_width(values.type_id())) {
      case 1: return gather_fixed<uint8_t>(values, rows, lo, threads);
      case 2: return gather_fixed<uint16_t>(values, rows, lo, threads);
      case 4: return gather_fixed<uint32_t>(values, rows, lo, threads);
      case 8: return gather_fixed<uint64_t>(values, rows, lo, threads);
      default: break;  // bool and strings
    }
  }
  const auto idx = kept_indices(rows, lo, lo + values.length(), threads);
  return take(values, idx.data(), static_cast<int64_t>(idx.size()));
}

Table gather_kept(const Table& table, const KeptRows& rows, int64_t lo, int threads, const Schema* schema) {
  std::vector<Array> cols(static_cast<size_t>(table.num_columns()));
  // Columns one after another: each gather is parallel over chunks already.
  for (int c = 0; c < table.num_columns(); ++c) cols[static_cast<size_t>(c)] = gather_kept(table.column(c), rows, lo, threads);
  return Table(schema ? *schema : table.schema(), std::move(cols), kept_in(rows, lo, lo + table.num_rows()));
}

}  // namespace deeprc::compute

// Inputs for the distributed sort/slice/aggregate/io tests: a deterministic partition per source
// rank (string keys, a hot key holding about half the rows, nulls, NaN, -0.0), with the sizes
// chosen by a layout: uneven with an empty rank, or one rank holding every row.
#pragma once
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "arrow/builder.h"
#include "arrow/selection.h"
#include "arrow/table.h"

namespace deeprc::disttest {

enum class Layout { Uneven, AllOnLast };

inline int64_t rows_of(int rank, int size, Layout layout) {
  if (layout == Layout::AllOnLast) return rank == size - 1 ? 600 : 0;
  return rank == 1 ? 0 : 90 + 130 * rank;
}

// Columns: k (utf8, hot key "hot" ~half the rows, some nulls), g (int32 small range, nulls),
// v (float64 with nulls, NaN, -0.0, +-inf), w (int64 no nulls), id (int64: source rank * 1e6 + row).
inline Table partition(int rank, int size, Layout layout = Layout::Uneven) {
  const int64_t n = rows_of(rank, size, layout);
  std::mt19937_64 rng(1234 + static_cast<uint64_t>(rank) * 7919 + static_cast<uint64_t>(layout));
  StringBuilder k(DataType(TypeId::Utf8));
  PrimitiveBuilder<int32_t> g(DataType(TypeId::Int32));
  PrimitiveBuilder<double> v(DataType(TypeId::Float64));
  PrimitiveBuilder<int64_t> w(DataType(TypeId::Int64)), id(DataType(TypeId::Int64));
  static const char* words[] = {"alpha", "beta", "Müller", "", "zeta", "日本", "b"};
  for (int64_t i = 0; i < n; ++i) {
    const uint64_t x = rng();
    if (x % 2 == 0) k.append("hot");
    else if (x % 13 == 1) k.append_null();
    else k.append(words[(x >> 8) % 7]);
    if ((x >> 16) % 11 == 0) g.append_null();
    else g.append(static_cast<int32_t>((x >> 20) % 5) - 2);
    const uint64_t y = (x >> 24) % 40;
    if (y == 0) v.append_null();
    else if (y == 1) v.append(std::nan(""));
    else if (y == 2) v.append(-0.0);
    else if (y == 3) v.append(0.0);
    else if (y == 4 && layout == Layout::Uneven) v.append(INFINITY);
    else v.append(static_cast<double>(static_cast<int64_t>((x >> 32) % 2001) - 1000) / 8.0);
    w.append(static_cast<int64_t>((x >> 40) % 1000) - 300);
    id.append(rank * 1000000LL + i);
  }
  std::vector<Field> fields = {{"k", DataType(TypeId::Utf8), true},
                               {"g", DataType(TypeId::Int32), true},
                               {"v", DataType(TypeId::Float64), true},
                               {"w", DataType(TypeId::Int64), true},
                               {"id", DataType(TypeId::Int64), true}};
  std::vector<Array> cols = {k.finish(), g.finish(), v.finish(), w.finish(), id.finish()};
  return Table(Schema(std::move(fields)), std::move(cols), n);
}

// The concatenation of every source's partition: the reference input.
inline Table everything(int size, Layout layout = Layout::Uneven) {
  std::vector<Table> all;
  for (int r = 0; r < size; ++r) all.push_back(partition(r, size, layout));
  return concat(all);
}

}  // namespace deeprc::disttest

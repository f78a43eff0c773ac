// Builds result arrays straight from per-group state vectors (no per-element builder calls).
#pragma once
#include <cstdint>
#include <cstring>
#include <vector>

#include "arrow/array.h"
#include "arrow/bitmap.h"
#include "arrow/buffer.h"

namespace deeprc::compute {

// values[i] is output i; valid (optional, one byte per value) marks nulls with 0.
template <typename T>
Array array_from_values(const DataType& type, const std::vector<T>& values, const std::vector<uint8_t>* valid = nullptr) {
  const auto n = static_cast<int64_t>(values.size());
  ArrayData d;
  d.type = type;
  d.length = n;
  d.values = Buffer::copy_of(values.data(), n * static_cast<int64_t>(sizeof(T)));
  if (valid != nullptr) {
    int64_t nulls = 0;
    for (int64_t i = 0; i < n; ++i) nulls += (*valid)[static_cast<size_t>(i)] ? 0 : 1;
    if (nulls > 0) {
      auto bm = Buffer::allocate(bits::bytes_for(n), true);
      uint8_t* b = bm->mutable_data();
      for (int64_t i = 0; i < n; ++i)
        if ((*valid)[static_cast<size_t>(i)]) bits::set(b, i);
      d.validity = std::move(bm);
      d.null_count = nulls;
    }
  }
  return Array::make(std::move(d));
}

}  // namespace deeprc::compute

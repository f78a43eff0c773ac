// Column type inference. Each column keeps the set of types that every non-null value seen so
// far parses as; the result is the first remaining one in the order
//   int64 → float64 → bool → date32 → timestamp[us] (timestamp[us, tz=UTC] when every value has a
//   zone; [ns] when some value has more than 6 fractional digits) → utf8.
// A column without any non-null value is utf8. Integers that overflow int64 are utf8, not float64,
// so that no digits are silently lost.
#pragma once
#include <cstdint>
#include <string_view>

#include "arrow/type.h"
#include "io/csv_tokenizer.h"
#include "io/csv_values.h"

namespace deeprc::io {

class ColumnInference {
 public:
  void observe(std::string_view value);
  // Observes every non-null field of column `c` in the batch.
  void observe_batch(const char* base, const RowBatch& batch, int c, const NullMatcher& nulls);
  void merge(const ColumnInference& o);
  bool seen_values() const noexcept { return seen_; }
  DataType result() const;

 private:
  static constexpr uint32_t kInt = 1, kFloat = 2, kBool = 4, kDate = 8, kTsNaive = 16, kTsZoned = 32;
  static constexpr uint32_t kAll = 63;
  uint32_t candidates_ = kAll;
  bool seen_ = false;
  bool nanos_ = false;
};

}  // namespace deeprc::io

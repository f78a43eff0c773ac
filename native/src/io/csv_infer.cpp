#include "io/csv_infer.h"

namespace deeprc::io {

void ColumnInference::observe(std::string_view v) {
  seen_ = true;
  uint32_t ok = 0;
  if (candidates_ & (kInt | kFloat)) {
    int64_t i;
    const ParseStatus st = parse_number(v, i);
    if (st == ParseStatus::Ok) {
      ok |= kInt | kFloat;
    } else if (st == ParseStatus::Invalid && (candidates_ & kFloat)) {
      double d;
      if (parse_number(v, d) == ParseStatus::Ok) ok |= kFloat;
    }
    // OutOfRange: an integer too large for int64 stays text rather than losing digits in a double.
  }
  if (candidates_ & kBool) {
    bool b;
    if (parse_bool(v, false, b) == ParseStatus::Ok) ok |= kBool;
  }
  if (candidates_ & kDate) {
    int32_t d;
    if (parse_date(v, d) == ParseStatus::Ok) ok |= kDate;
  }
  if (candidates_ & (kTsNaive | kTsZoned)) {
    int64_t t;
    if (parse_timestamp_value(v, TimeUnit::Micro, t) == ParseStatus::Ok) {
      ok |= timestamp_has_zone(v) ? kTsZoned : kTsNaive;
      if (timestamp_fraction_digits(v) > 6) nanos_ = true;
    }
  }
  candidates_ &= ok;
}

void ColumnInference::observe_batch(const char* base, const RowBatch& batch, int c, const NullMatcher& nulls) {
  const FieldSpan* f = batch.column(c);
  for (int64_t r = 0; r < batch.num_rows(); ++r) {
    const char* s = base + f[r].begin;
    if (nulls.is_null(s, f[r].length)) continue;
    observe(std::string_view(s, f[r].length));
    if (candidates_ == 0) return;  // utf8 already; nothing can change that
  }
}

void ColumnInference::merge(const ColumnInference& o) {
  if (!o.seen_) return;
  if (!seen_) {
    *this = o;
    return;
  }
  candidates_ &= o.candidates_;
  nanos_ = nanos_ || o.nanos_;
}

DataType ColumnInference::result() const {
  if (!seen_) return DataType(TypeId::Utf8);
  if (candidates_ & kInt) return DataType(TypeId::Int64);
  if (candidates_ & kFloat) return DataType(TypeId::Float64);
  if (candidates_ & kBool) return DataType(TypeId::Bool);
  if (candidates_ & kDate) return DataType(TypeId::Date32);
  const TimeUnit unit = nanos_ ? TimeUnit::Nano : TimeUnit::Micro;
  if (candidates_ & kTsNaive) return DataType::timestamp(unit);
  if (candidates_ & kTsZoned) return DataType::timestamp(unit, "UTC");
  return DataType(TypeId::Utf8);
}

}  // namespace deeprc::io

// Test helpers shared by the C Data and C Stream tests: a table of every type, and a wrapper
// that counts how often a producer's release callback runs.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "arrow/builder.h"
#include "arrow/table.h"
#include "deeprc/deeprc.h"

namespace cdata_test {

using namespace deeprc;

template <typename T>
Array prim(DataType type, int64_t n, T (*gen)(int64_t), int null_every) {
  PrimitiveBuilder<T> b(std::move(type));
  for (int64_t i = 0; i < n; ++i) (null_every > 0 && i % null_every == 1) ? b.append_null() : b.append(gen(i));
  return b.finish();
}

// Every supported type, with nulls in most columns at different periods.
inline Table all_types_table(int64_t n) {
  std::vector<Field> fields;
  std::vector<Array> cols;
  auto add = [&](const std::string& name, Array a, bool nullable = true) {
    fields.push_back(Field{name, a.type(), nullable});
    cols.push_back(std::move(a));
  };
  BoolBuilder bb;
  for (int64_t i = 0; i < n; ++i) (i % 5 == 2) ? bb.append_null() : bb.append(i % 3 == 0);
  add("b", bb.finish());
  add("i8", prim<int8_t>(TypeId::Int8, n, [](int64_t i) { return static_cast<int8_t>(i * 7); }, 3));
  add("u8", prim<uint8_t>(TypeId::UInt8, n, [](int64_t i) { return static_cast<uint8_t>(i * 5); }, 4));
  add("i16", prim<int16_t>(TypeId::Int16, n, [](int64_t i) { return static_cast<int16_t>(-i * 300); }, 3));
  add("u16", prim<uint16_t>(TypeId::UInt16, n, [](int64_t i) { return static_cast<uint16_t>(i * 301); }, 0));
  add("i32", prim<int32_t>(TypeId::Int32, n, [](int64_t i) { return static_cast<int32_t>(i * 100003); }, 2), false);
  add("u32", prim<uint32_t>(TypeId::UInt32, n, [](int64_t i) { return static_cast<uint32_t>(i * 77); }, 6));
  add("i64", prim<int64_t>(TypeId::Int64, n, [](int64_t i) { return -i * 1000000007; }, 3));
  add("u64", prim<uint64_t>(TypeId::UInt64, n, [](int64_t i) { return static_cast<uint64_t>(i) << 40; }, 5));
  add("f32", prim<float>(TypeId::Float32, n, [](int64_t i) { return static_cast<float>(i) * 0.5f; }, 3));
  add("f64", prim<double>(TypeId::Float64, n, [](int64_t i) { return static_cast<double>(i) / 3.0; }, 7));
  StringBuilder sb{DataType(TypeId::Utf8)};
  StringBuilder lb{DataType(TypeId::LargeUtf8)};
  for (int64_t i = 0; i < n; ++i) {
    (i % 4 == 3) ? sb.append_null() : sb.append(std::string(static_cast<size_t>(i % 6), 'a' + static_cast<char>(i % 26)));
    (i % 3 == 1) ? lb.append_null() : lb.append("éx" + std::to_string(i));
  }
  add("s", sb.finish());
  add("ls", lb.finish());
  add("d", prim<int32_t>(TypeId::Date32, n, [](int64_t i) { return static_cast<int32_t>(18000 + i); }, 3));
  add("ts_s", prim<int64_t>(DataType::timestamp(TimeUnit::Second), n, [](int64_t i) { return i * 3600; }, 4));
  add("ts_ms", prim<int64_t>(DataType::timestamp(TimeUnit::Milli, "UTC"), n, [](int64_t i) { return i * 1000; }, 3));
  add("ts_us", prim<int64_t>(DataType::timestamp(TimeUnit::Micro, "Europe/Paris"), n, [](int64_t i) { return i; }, 0));
  add("ts_ns", prim<int64_t>(DataType::timestamp(TimeUnit::Nano), n, [](int64_t i) { return i * 999; }, 2));
  return Table(Schema(std::move(fields)), std::move(cols), n);
}

// Replaces a struct's release with one that counts calls, then forwards to the original.
// The buffers and children pointers keep pointing into the original producer's private data.
template <typename S>
struct Counted {
  S inner;
  int* count;
};

template <typename S>
void counted_release(S* s) {
  std::unique_ptr<Counted<S>> c(static_cast<Counted<S>*>(s->private_data));
  ++*c->count;
  c->inner.release(&c->inner);
  s->private_data = nullptr;
  s->release = nullptr;
}

template <typename S>
void count_releases(S* s, int* count) {
  auto c = std::make_unique<Counted<S>>(Counted<S>{*s, count});
  s->private_data = c.release();
  s->release = &counted_release<S>;
}

}  // namespace cdata_test

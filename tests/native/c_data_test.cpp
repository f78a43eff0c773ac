// Arrow C Data Interface: round trips, zero-copy, ownership and malformed input.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "arrow/c_data.h"
#include "c_data_test_util.h"
#include "capi/capi_util.h"
#include "core/error.h"

using namespace deeprc;
using namespace deeprc::cdata;
using namespace cdata_test;
using deeprc::capi::make_handle;

namespace {

Table round_trip(const Table& t) {
  ArrowSchema s{};
  ArrowArray a{};
  export_schema(t.schema(), &s);
  export_table(t, &a);
  Table back = import_table(OwnedSchema(&s), OwnedArray(&a));
  EXPECT_EQ(s.release, nullptr);  // moved
  EXPECT_EQ(a.release, nullptr);
  return back;
}

// ---- An independent, hand-written producer: a struct array {x: int32, s: utf8} built from
// plain C buffers, with a struct offset and children that have their own offsets. It counts
// how many times each release callback runs. ----
struct HandProducer {
  // x = [_, 10, null, 30, 40, 50]  (child offset 1 skips the leading junk element)
  int32_t x_values[6] = {-1, 10, 0, 30, 40, 50};
  uint8_t x_validity[1] = {0b111011};  // bit 2 (element 2 = row 1 after the offset) is null
  // s = ["zz", "a", "bb", "", "ccc"] (child offset 0)
  int32_t s_offsets[6] = {0, 2, 3, 5, 5, 8};
  char s_data[8] = {'z', 'z', 'a', 'b', 'b', 'c', 'c', 'c'};
  const void* x_buffers[2] = {x_validity, x_values};
  const void* s_buffers[3] = {nullptr, s_offsets, s_data};
  const void* top_buffers[1] = {nullptr};
  ArrowArray x{}, s{};
  ArrowArray* child_ptrs[2] = {&x, &s};
  ArrowArray top{};
  int array_releases = 0;

  ArrowSchema sx{}, ss{};
  ArrowSchema* schema_child_ptrs[2] = {&sx, &ss};
  ArrowSchema schema{};
  int schema_releases = 0;

  static void release_child(ArrowArray* a) { a->release = nullptr; }
  static void release_top(ArrowArray* a) {
    auto* self = static_cast<HandProducer*>(a->private_data);
    for (auto* c : self->child_ptrs)
      if (c->release) c->release(c);
    ++self->array_releases;
    a->release = nullptr;
  }
  static void release_schema_child(ArrowSchema* s) { s->release = nullptr; }
  static void release_schema(ArrowSchema* s) {
    auto* self = static_cast<HandProducer*>(s->private_data);
    for (auto* c : self->schema_child_ptrs)
      if (c->release) c->release(c);
    ++self->schema_releases;
    s->release = nullptr;
  }

  // Struct offset 1, length 4: rows are x[2..5] = [null, 30, 40, 50], s[1..4] = [a, bb, "", ccc].
  HandProducer() {
    x = ArrowArray{6, -1, 0, 2, 0, x_buffers, nullptr, nullptr, &release_child, nullptr};
    x.length = 5;
    x.offset = 1;  // child x: elements 1..5 of the raw buffer
    s = ArrowArray{5, 0, 0, 3, 0, s_buffers, nullptr, nullptr, &release_child, nullptr};
    top = ArrowArray{4, 0, 1, 1, 2, top_buffers, child_ptrs, nullptr, &release_top, this};
    sx = ArrowSchema{"i", "x", nullptr, ARROW_FLAG_NULLABLE, 0, nullptr, nullptr, &release_schema_child, nullptr};
    ss = ArrowSchema{"u", "s", nullptr, 0, 0, nullptr, nullptr, &release_schema_child, nullptr};
    schema = ArrowSchema{"+s", "", nullptr, 0, 2, schema_child_ptrs, nullptr, &release_schema, this};
  }
};

// Imports a (possibly corrupted) HandProducer and expects a failure whose message contains
// `needle`; both structs must be released exactly once and marked moved.
void expect_import_fails(HandProducer& p, ErrorCode code, const std::string& needle) {
  drc_table* t = nullptr;
  drc_status* st = drc_table_import(&p.schema, &p.top, &t);
  ASSERT_NE(st, nullptr) << "expected failure mentioning: " << needle;
  EXPECT_EQ(drc_status_code(st), static_cast<int32_t>(code)) << drc_status_message(st);
  EXPECT_NE(std::string(drc_status_message(st)).find(needle), std::string::npos) << drc_status_message(st);
  drc_status_free(st);
  EXPECT_EQ(t, nullptr);
  EXPECT_EQ(p.top.release, nullptr);
  EXPECT_EQ(p.schema.release, nullptr);
  EXPECT_EQ(p.array_releases, 1);
  EXPECT_EQ(p.schema_releases, 1);
}

}  // namespace

TEST(CData, FormatStrings) {
  const Table t = all_types_table(1);
  for (const auto& f : t.schema().fields()) EXPECT_EQ(parse_format(format_of(f.type).c_str(), f.name), f.type);
  EXPECT_EQ(format_of(DataType::timestamp(TimeUnit::Micro, "UTC")), "tsu:UTC");
  EXPECT_EQ(format_of(DataType::timestamp(TimeUnit::Nano)), "tsn:");
  EXPECT_EQ(format_of(TypeId::Date32), "tdD");
  EXPECT_EQ(format_of(TypeId::LargeUtf8), "U");
  for (const char* bad : {"+l", "z", "tss", "tsx:", "+s", "", "ll", "tdm"}) {
    try {
      parse_format(bad, "col");
      ADD_FAILURE() << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::Unsupported);
      EXPECT_EQ(std::string(e.what()), std::string("unsupported Arrow type format '") + bad + "' in field 'col'");
    }
  }
}

TEST(CData, TableRoundTripEveryTypeWithNullsAndSlices) {
  const int64_t before = bytes_allocated();
  {
    const Table t = all_types_table(100);
    for (auto [off, len] : std::vector<std::pair<int64_t, int64_t>>{{0, 100}, {0, 0}, {1, 98}, {13, 50}, {99, 1}, {100, 0}}) {
      const Table s = t.slice(off, len);
      const Table back = round_trip(s);
      EXPECT_TRUE(back.equals(s)) << "slice " << off << "+" << len;
      EXPECT_EQ(back.schema(), s.schema());  // names, types, timezones and nullability
    }
  }
  EXPECT_EQ(bytes_allocated(), before);
}

TEST(CData, ExportKeepsOffsetAndSharesBuffersBothWays) {
  const Table t = all_types_table(64).slice(9, 40);
  ArrowArray a{};
  export_table(t, &a);
  ASSERT_EQ(a.n_children, t.num_columns());
  EXPECT_EQ(a.length, 40);
  EXPECT_EQ(a.n_buffers, 1);
  EXPECT_EQ(a.buffers[0], nullptr);
  for (int c = 0; c < t.num_columns(); ++c) {
    const ArrayData& d = t.column(c).data();
    const ArrowArray* ch = a.children[c];
    EXPECT_EQ(ch->offset, 9) << "our element offset is passed through, not copied";
    EXPECT_EQ(ch->null_count, d.null_count);
    EXPECT_EQ(ch->buffers[0], d.validity ? d.validity->data() : nullptr);
    EXPECT_EQ(ch->buffers[1], d.values->data());
    EXPECT_EQ(ch->n_buffers, is_string(d.type.id) ? 3 : 2);
    if (is_string(d.type.id)) {
      EXPECT_EQ(ch->buffers[2], d.data->data());
    }
  }
  ArrowSchema s{};
  export_schema(t.schema(), &s);
  const Table back = import_table(OwnedSchema(&s), OwnedArray(&a));
  ASSERT_TRUE(back.equals(t));
  for (int c = 0; c < t.num_columns(); ++c) {
    // Import wraps the very same memory: no copy in either direction.
    EXPECT_EQ(back.column(c).data().values->data(), t.column(c).data().values->data());
    EXPECT_EQ(back.column(c).offset(), 9);
    if (is_string(t.column(c).type_id())) {
      EXPECT_EQ(back.column(c).data().data->data(), t.column(c).data().data->data());
    }
  }
}

TEST(CData, SchemaExportFieldsAndFlags) {
  const Table t = all_types_table(1);
  ArrowSchema s{};
  export_schema(t.schema(), &s);
  EXPECT_STREQ(s.format, "+s");
  EXPECT_EQ(s.metadata, nullptr);
  EXPECT_EQ(s.dictionary, nullptr);
  ASSERT_EQ(s.n_children, t.num_columns());
  for (int i = 0; i < t.num_columns(); ++i) {
    const Field& f = t.schema().field(i);
    EXPECT_STREQ(s.children[i]->name, f.name.c_str());
    EXPECT_STREQ(s.children[i]->format, format_of(f.type).c_str());
    EXPECT_EQ(s.children[i]->flags, f.nullable ? ARROW_FLAG_NULLABLE : 0);
    EXPECT_EQ(s.children[i]->metadata, nullptr);
  }
  EXPECT_EQ(import_schema(OwnedSchema(&s)), t.schema());
  EXPECT_EQ(s.release, nullptr);
}

TEST(CData, ImportedTableOutlivesExporterAndReleasesOnce) {
  const int64_t before = bytes_allocated();
  int array_releases = 0, schema_releases = 0;
  std::optional<Table> imported;
  {
    drc_table* h = make_handle<drc_table>(all_types_table(50));
    const Table expected = h->table;
    ArrowSchema s{};
    ArrowArray a{};
    ASSERT_EQ(drc_table_export(h, &s, &a), nullptr);
    drc_table_free(h);  // the exporter's handle is gone; the ArrowArray keeps the buffers
    count_releases(&a, &array_releases);
    count_releases(&s, &schema_releases);
    drc_table* back = nullptr;
    ASSERT_EQ(drc_table_import(&s, &a, &back), nullptr);
    EXPECT_EQ(a.release, nullptr);
    EXPECT_EQ(s.release, nullptr);
    EXPECT_EQ(schema_releases, 1);  // schema import copies what it needs, then releases
    EXPECT_EQ(array_releases, 0);   // buffers still in use
    imported = back->table;
    drc_table_free(back);
    EXPECT_TRUE(imported->equals(expected));
  }
  EXPECT_EQ(array_releases, 0);
  EXPECT_GT(bytes_allocated(), before);
  imported.reset();  // the last buffer dies: the producer's release runs, exactly once
  EXPECT_EQ(array_releases, 1);
  EXPECT_EQ(bytes_allocated(), before);
}

TEST(CData, ArrayRoundTripThroughCApi) {
  const int64_t before = bytes_allocated();
  {
    const Table t = all_types_table(30);
    for (int c = 0; c < t.num_columns(); ++c) {
      drc_array* h = make_handle<drc_array>(t.column(c).slice(3, 20));
      ArrowSchema s{};
      ArrowArray a{};
      ASSERT_EQ(drc_array_export(h, &s, &a), nullptr);
      EXPECT_EQ(s.flags, ARROW_FLAG_NULLABLE);
      EXPECT_EQ(a.offset, 3);
      drc_array* back = nullptr;
      ASSERT_EQ(drc_array_import(&s, &a, &back), nullptr);
      int32_t eq = 0;
      ASSERT_EQ(drc_array_equals(h, back, &eq), nullptr);
      EXPECT_EQ(eq, 1) << t.schema().field(c).name;
      drc_array_info i1{}, i2{};
      ASSERT_EQ(drc_array_info_get(h, &i1), nullptr);
      ASSERT_EQ(drc_array_info_get(back, &i2), nullptr);
      EXPECT_EQ(i1.values, i2.values);
      drc_array_free(h);
      drc_array_free(back);
    }
  }
  EXPECT_EQ(bytes_allocated(), before);
}

TEST(CData, SchemaRoundTripThroughCApi) {
  const Table t = all_types_table(1);
  drc_schema* h = make_handle<drc_schema>(t.schema());
  ArrowSchema s{};
  ASSERT_EQ(drc_schema_export(h, &s), nullptr);
  drc_schema* back = nullptr;
  ASSERT_EQ(drc_schema_import(&s, &back), nullptr);
  EXPECT_EQ(s.release, nullptr);
  EXPECT_EQ(back->schema, t.schema());
  drc_schema_free(h);
  drc_schema_free(back);
}

TEST(CData, HandWrittenProducerStructOffsetAndChildOffsets) {
  HandProducer p;
  drc_table* t = nullptr;
  ASSERT_EQ(drc_table_import(&p.schema, &p.top, &t), nullptr);
  EXPECT_EQ(p.top.release, nullptr);
  EXPECT_EQ(p.schema.release, nullptr);
  EXPECT_EQ(p.schema_releases, 1);
  EXPECT_EQ(p.array_releases, 0);
  const Table& tab = t->table;
  ASSERT_EQ(tab.num_rows(), 4);
  EXPECT_EQ(tab.schema().field(0), (Field{"x", TypeId::Int32, true}));
  EXPECT_EQ(tab.schema().field(1), (Field{"s", TypeId::Utf8, false}));
  const Array& x = tab.column(0);
  EXPECT_EQ(x.null_count(), 1);  // computed from the bitmap (producer said -1)
  EXPECT_TRUE(x.is_null(0));
  EXPECT_EQ(x.values<int32_t>()[1], 30);
  EXPECT_EQ(x.values<int32_t>()[3], 50);
  EXPECT_EQ(&x.values<int32_t>()[1], &p.x_values[3]);  // zero-copy
  const Array& s = tab.column(1);
  EXPECT_EQ(s.string_value(0), "a");
  EXPECT_EQ(s.string_value(1), "bb");
  EXPECT_EQ(s.string_value(2), "");
  EXPECT_EQ(s.string_value(3), "ccc");
  drc_table_free(t);
  EXPECT_EQ(p.array_releases, 1);
}

TEST(CData, MalformedInputsAreRejectedAndStillReleased) {
  {
    HandProducer p;
    p.x.n_buffers = 3;
    expect_import_fails(p, ErrorCode::Invalid, "invalid ArrowArray for field 'x': has 3 buffers but format 'i' needs 2");
  }
  {
    HandProducer p;
    p.s.length = -4;
    expect_import_fails(p, ErrorCode::Invalid, "field 's': negative length -4");
  }
  {
    HandProducer p;
    p.top.length = -1;
    expect_import_fails(p, ErrorCode::Invalid, "negative length -1");
  }
  {
    HandProducer p;
    p.sx.format = "+l";
    expect_import_fails(p, ErrorCode::Unsupported, "unsupported Arrow type format '+l' in field 'x'");
  }
  {
    HandProducer p;
    p.ss.format = "z";
    expect_import_fails(p, ErrorCode::Unsupported, "unsupported Arrow type format 'z' in field 's'");
  }
  {
    HandProducer p;
    p.schema.format = "i";
    expect_import_fails(p, ErrorCode::Invalid, "must be a struct");
  }
  {  // a struct-level validity bitmap with a null row inside [offset, offset+length)
    HandProducer p;
    static const uint8_t top_validity[1] = {0b11011};
    p.top_buffers[0] = top_validity;
    p.top.null_count = -1;
    expect_import_fails(p, ErrorCode::Invalid, "null rows at the top level");
  }
  {
    HandProducer p;
    p.x.null_count = 2;  // the bitmap says 1
    expect_import_fails(p, ErrorCode::Invalid, "does not match bitmap");
  }
  {
    HandProducer p;
    p.x_buffers[0] = nullptr;
    p.x.null_count = 1;
    expect_import_fails(p, ErrorCode::Invalid, "validity buffer is NULL");
  }
  {
    HandProducer p;
    p.s_buffers[1] = nullptr;
    expect_import_fails(p, ErrorCode::Invalid, "offsets buffer is NULL");
  }
  {
    HandProducer p;
    p.s_offsets[3] = 1;  // not monotonic
    expect_import_fails(p, ErrorCode::Invalid, "not monotonic");
  }
  {
    HandProducer p;
    p.s.length = 3;  // shorter than struct offset 1 + length 4
    expect_import_fails(p, ErrorCode::Invalid, "child has 3 rows but the struct needs 5");
  }
  {
    HandProducer p;
    p.top.n_children = 1;
    expect_import_fails(p, ErrorCode::Invalid, "has 1 children but format '+s' needs 2");
  }
  {
    HandProducer p;
    p.ss.name = "x";
    expect_import_fails(p, ErrorCode::Invalid, "duplicate");
  }
}

TEST(CData, CApiRejectsNullArgumentsButStillTakesOwnership) {
  drc_status* st = drc_table_export(nullptr, nullptr, nullptr);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_INVALID);
  drc_status_free(st);

  HandProducer p;
  st = drc_table_import(&p.schema, &p.top, nullptr);  // no out-parameter
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_INVALID);
  EXPECT_STREQ(drc_status_message(st), "argument 'out' must not be NULL");
  drc_status_free(st);
  EXPECT_EQ(p.array_releases, 1);
  EXPECT_EQ(p.schema_releases, 1);

  // Importing an already released struct is an error, not a crash.
  ArrowSchema dead_s{};
  ArrowArray dead_a{};
  drc_array* out = nullptr;
  st = drc_array_import(&dead_s, &dead_a, &out);
  ASSERT_NE(st, nullptr);
  EXPECT_NE(std::string(drc_status_message(st)).find("already released"), std::string::npos);
  drc_status_free(st);
  EXPECT_EQ(out, nullptr);
}

TEST(CData, ConsumerMayMoveAChildOut) {
  const int64_t before = bytes_allocated();
  {
    const Table t = all_types_table(20);
    ArrowArray a{};
    export_table(t, &a);
    ArrowArray child{};
    const int idx = t.schema().index_of("s");
    // Spec: a child may be moved out if the parent is released right away.
    child = *a.children[idx];
    a.children[idx]->release = nullptr;
    a.release(&a);
    EXPECT_EQ(a.release, nullptr);
    ArrowSchema cs{};
    export_field(t.schema().field(idx), &cs);
    const Array col = import_array(OwnedSchema(&cs), OwnedArray(&child));
    EXPECT_TRUE(col.equals(t.column(idx)));
  }
  EXPECT_EQ(bytes_allocated(), before);
}

TEST(CData, EmptyArraysHaveValidOffsetsPointers) {
  StringBuilder sb{DataType(TypeId::Utf8)};
  const Array empty = sb.finish();
  ArrowArray a{};
  export_array(empty, &a);
  EXPECT_EQ(a.length, 0);
  EXPECT_NE(a.buffers[1], nullptr);
  EXPECT_NE(a.buffers[2], nullptr);
  EXPECT_EQ(static_cast<const int32_t*>(a.buffers[1])[0], 0);
  a.release(&a);
  EXPECT_EQ(a.release, nullptr);

  // And import accepts NULL buffers for an empty array from a foreign producer.
  HandProducer p;
  p.top.length = 0;
  p.top.offset = 0;
  p.x.length = 0;
  p.s.length = 0;
  p.x_buffers[1] = nullptr;
  p.s_buffers[1] = nullptr;
  drc_table* t = nullptr;
  ASSERT_EQ(drc_table_import(&p.schema, &p.top, &t), nullptr);
  EXPECT_EQ(drc_table_num_rows(t), 0);
  drc_table_free(t);
  EXPECT_EQ(p.array_releases, 1);
}

TEST(CData, MisalignedForeignBufferIsCopiedNotMisread) {
  alignas(8) uint8_t raw[8 * 4 + 1] = {};
  const int64_t vals[4] = {1, -2, 3, -4};
  std::memcpy(raw + 1, vals, sizeof vals);
  int releases = 0;
  struct Ctx {
    int* releases;
  } ctx{&releases};
  const void* bufs[2] = {nullptr, raw + 1};
  ArrowArray a{4, 0, 0, 2, 0, bufs, nullptr, nullptr,
               [](ArrowArray* x) {
                 ++*static_cast<Ctx*>(x->private_data)->releases;
                 x->release = nullptr;
               },
               &ctx};
  ArrowSchema s{"l", "v", nullptr, 0, 0, nullptr, nullptr, [](ArrowSchema* x) { x->release = nullptr; }, nullptr};
  {
    const Array arr = import_array(OwnedSchema(&s), OwnedArray(&a));
    ASSERT_EQ(arr.length(), 4);
    EXPECT_EQ(arr.values<int64_t>()[1], -2);
    EXPECT_EQ(arr.values<int64_t>()[3], -4);
  }
  EXPECT_EQ(releases, 1);
}

TEST(CData, ColumnsWithDifferentOffsetsRoundTrip) {
  const Table t = all_types_table(40);
  // Every column keeps its own element offset: nothing forces a table's columns to be aligned.
  std::vector<Array> cols;
  for (int c = 0; c < t.num_columns(); ++c) cols.push_back(t.column(c).slice(c, 20));
  const Table mixed(t.schema(), std::move(cols), 20);
  ArrowArray a{};
  export_table(mixed, &a);
  for (int c = 0; c < mixed.num_columns(); ++c) EXPECT_EQ(a.children[c]->offset, c);
  ArrowSchema s{};
  export_schema(mixed.schema(), &s);
  const Table back = import_table(OwnedSchema(&s), OwnedArray(&a));
  EXPECT_TRUE(back.equals(mixed));
}

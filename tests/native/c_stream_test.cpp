// Arrow C Stream Interface: batching, round trips, producer errors and ownership.
#include <gtest/gtest.h>

#include <cerrno>
#include <string>

#include "arrow/c_data.h"
#include "arrow/c_stream.h"
#include "c_data_test_util.h"
#include "capi/capi_util.h"

using namespace deeprc;
using namespace deeprc::cdata;
using namespace cdata_test;
using deeprc::capi::make_handle;

namespace {

// A foreign producer wrapping one of our streams: forwards to it, but can fail get_schema or
// the get_next of a given batch, and counts its own release calls.
struct FaultyStream {
  ArrowArrayStream inner{};
  int fail_batch = -1;  // -1: never
  bool fail_schema = false;
  int batches = 0;
  int* releases = nullptr;
  std::string error;

  static FaultyStream* self(ArrowArrayStream* s) { return static_cast<FaultyStream*>(s->private_data); }
  static int get_schema(ArrowArrayStream* s, ArrowSchema* out) {
    FaultyStream* f = self(s);
    if (f->fail_schema) {
      f->error = "schema service unavailable";
      return ENOSYS;
    }
    return f->inner.get_schema(&f->inner, out);
  }
  static int get_next(ArrowArrayStream* s, ArrowArray* out) {
    FaultyStream* f = self(s);
    if (f->batches++ == f->fail_batch) {
      f->error = "disk on fire";
      return EIO;
    }
    return f->inner.get_next(&f->inner, out);
  }
  static const char* last_error(ArrowArrayStream* s) { return self(s)->error.c_str(); }
  static void release(ArrowArrayStream* s) {
    std::unique_ptr<FaultyStream> f(self(s));
    f->inner.release(&f->inner);
    ++*f->releases;
    s->release = nullptr;
  }

  // Wraps a stream of `table` into *out.
  static void make(const Table& table, int64_t batch_rows, int fail_batch, bool fail_schema, int* releases,
                   ArrowArrayStream* out) {
    auto f = std::make_unique<FaultyStream>();
    export_stream(table, batch_rows, &f->inner);
    f->fail_batch = fail_batch;
    f->fail_schema = fail_schema;
    f->releases = releases;
    *out = ArrowArrayStream{&get_schema, &get_next, &last_error, &release, f.release()};
  }
};

}  // namespace

TEST(CStream, ManyBatchesAreZeroCopySlices) {
  const int64_t before = bytes_allocated();
  {
    const Table t = all_types_table(1000);
    ArrowArrayStream s{};
    export_stream(t, 7, &s);
    ArrowSchema schema{};
    ASSERT_EQ(s.get_schema(&s, &schema), 0);
    EXPECT_STREQ(schema.format, "+s");
    EXPECT_EQ(schema.n_children, t.num_columns());
    schema.release(&schema);
    int64_t rows = 0, batches = 0;
    for (;;) {
      ArrowArray a{};
      ASSERT_EQ(s.get_next(&s, &a), 0);
      if (a.release == nullptr) break;  // end of stream
      EXPECT_EQ(a.length, std::min<int64_t>(7, 1000 - rows));
      // Each batch points into the table's own buffers, at its row offset.
      EXPECT_EQ(a.children[0]->offset, rows);
      EXPECT_EQ(a.children[1]->buffers[1], t.column(1).data().values->data());
      rows += a.length;
      ++batches;
      a.release(&a);
    }
    EXPECT_EQ(rows, 1000);
    EXPECT_EQ(batches, 143);
    ArrowArray after{};
    EXPECT_EQ(s.get_next(&s, &after), 0);  // stays at the end
    EXPECT_EQ(after.release, nullptr);
    s.release(&s);
    EXPECT_EQ(s.release, nullptr);
  }
  EXPECT_EQ(bytes_allocated(), before);
}

TEST(CStream, RoundTripWithBatchSizes) {
  const int64_t before = bytes_allocated();
  {
    const Table t = all_types_table(257).slice(3, 250);
    for (int64_t batch : {0, 1, 7, 64, 250, 1000}) {
      ArrowArrayStream s{};
      export_stream(t, batch, &s);
      const Table back = import_stream(&s);
      EXPECT_EQ(s.release, nullptr);
      EXPECT_TRUE(back.equals(t)) << "batch " << batch;
      if (batch == 0 || batch >= 250) {  // one batch: imported without any copy
        EXPECT_EQ(back.column(0).data().values->data(), t.column(0).data().values->data());
      }
    }
  }
  EXPECT_EQ(bytes_allocated(), before);
}

TEST(CStream, EmptyTableYieldsNoBatchAndImportsItsSchema) {
  const Table t = all_types_table(0);
  ArrowArrayStream s{};
  export_stream(t, 10, &s);
  const Table back = import_stream(&s);
  EXPECT_EQ(back.num_rows(), 0);
  EXPECT_EQ(back.schema(), t.schema());
}

TEST(CStream, StreamOutlivesTheTableHandle) {
  const int64_t before = bytes_allocated();
  {
    drc_table* h = make_handle<drc_table>(all_types_table(100));
    const Table expected = h->table.slice(0, 100);
    ArrowArrayStream s{};
    ASSERT_EQ(drc_table_export_stream(h, 9, &s), nullptr);
    drc_table_free(h);
    drc_table* back = nullptr;
    ASSERT_EQ(drc_table_import_stream(&s, &back), nullptr);
    EXPECT_EQ(s.release, nullptr);
    int32_t eq = 0;
    drc_table* exp_h = make_handle<drc_table>(expected);
    ASSERT_EQ(drc_table_equals(back, exp_h, &eq), nullptr);
    EXPECT_EQ(eq, 1);
    drc_table_free(exp_h);
    drc_table_free(back);
  }
  EXPECT_EQ(bytes_allocated(), before);
}

TEST(CStream, ProducerErrorMidStreamIsReportedAndStreamReleased) {
  const int64_t before = bytes_allocated();
  {
    int releases = 0;
    ArrowArrayStream s{};
    FaultyStream::make(all_types_table(100), 10, /*fail_batch=*/3, false, &releases, &s);
    drc_table* out = nullptr;
    drc_status* st = drc_table_import_stream(&s, &out);
    ASSERT_NE(st, nullptr);
    EXPECT_EQ(drc_status_code(st), DRC_STATUS_IO);
    const std::string msg = drc_status_message(st);
    EXPECT_NE(msg.find("get_next (batch 3)"), std::string::npos) << msg;
    EXPECT_NE(msg.find("disk on fire"), std::string::npos) << msg;
    EXPECT_NE(msg.find("errno " + std::to_string(EIO)), std::string::npos) << msg;
    drc_status_free(st);
    EXPECT_EQ(out, nullptr);
    EXPECT_EQ(s.release, nullptr);
    EXPECT_EQ(releases, 1);
  }
  EXPECT_EQ(bytes_allocated(), before);
}

TEST(CStream, ProducerSchemaErrorIsReported) {
  int releases = 0;
  ArrowArrayStream s{};
  FaultyStream::make(all_types_table(5), 2, -1, /*fail_schema=*/true, &releases, &s);
  drc_table* out = nullptr;
  drc_status* st = drc_table_import_stream(&s, &out);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_UNSUPPORTED);
  EXPECT_NE(std::string(drc_status_message(st)).find("get_schema: schema service unavailable"), std::string::npos)
      << drc_status_message(st);
  drc_status_free(st);
  EXPECT_EQ(releases, 1);
}

TEST(CStream, ForeignProducerWithoutFaultsRoundTrips) {
  int releases = 0;
  const Table t = all_types_table(33);
  ArrowArrayStream s{};
  FaultyStream::make(t, 4, -1, false, &releases, &s);
  const Table back = import_stream(&s);
  EXPECT_TRUE(back.equals(t));
  EXPECT_EQ(releases, 1);
}

TEST(CStream, CallbacksReturnErrnoAndNeverThrow) {
  ArrowArrayStream s{};
  export_stream(all_types_table(3), 1, &s);
  EXPECT_EQ(s.get_last_error(&s), nullptr);
  EXPECT_EQ(s.get_next(&s, nullptr), EINVAL);
  ASSERT_NE(s.get_last_error(&s), nullptr);
  EXPECT_STREQ(s.get_last_error(&s), "get_next: out is NULL");
  EXPECT_EQ(s.get_schema(&s, nullptr), EINVAL);
  s.release(&s);
  EXPECT_EQ(s.release, nullptr);

  drc_table* h = make_handle<drc_table>(all_types_table(3));
  drc_status* st = drc_table_export_stream(h, -1, &s);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_INVALID);
  drc_status_free(st);
  drc_table_free(h);

  // NULL and released streams are clear errors.
  st = drc_table_import_stream(nullptr, nullptr);
  ASSERT_NE(st, nullptr);
  drc_status_free(st);
  ArrowArrayStream dead{};
  drc_table* out = nullptr;
  st = drc_table_import_stream(&dead, &out);
  ASSERT_NE(st, nullptr);
  EXPECT_NE(std::string(drc_status_message(st)).find("already released"), std::string::npos);
  drc_status_free(st);
}

TEST(CStream, ImportReleasesTheStreamWhenOutIsNull) {
  int releases = 0;
  ArrowArrayStream s{};
  FaultyStream::make(all_types_table(3), 1, -1, false, &releases, &s);
  drc_status* st = drc_table_import_stream(&s, nullptr);
  ASSERT_NE(st, nullptr);
  drc_status_free(st);
  EXPECT_EQ(releases, 1);
  EXPECT_EQ(s.release, nullptr);
}

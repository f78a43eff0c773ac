// read_csv(write_csv(t)) == t for random tables of every type, several seeds, thread counts and
// block sizes (small blocks force many blocks and quoted newlines across block boundaries).
#include <gtest/gtest.h>

#include "csv_test_util.h"
#include "arrow/temporal.h"
#include "gen/workloads.h"
#include "io/csv_reader.h"
#include "io/csv_writer.h"

using namespace deeprc;
using namespace deeprc::io;
using deeprc::csvtest::random_table;
using deeprc::csvtest::TempDir;

namespace {

void expect_same(const Table& expected, const Table& actual, const std::string& what) {
  ASSERT_EQ(expected.schema().to_string(), actual.schema().to_string()) << what;
  ASSERT_EQ(expected.num_rows(), actual.num_rows()) << what;
  for (int c = 0; c < expected.num_columns(); ++c) {
    const Array& a = expected.column(c);
    const Array& b = actual.column(c);
    if (a.equals(b)) continue;
    for (int64_t i = 0; i < a.length(); ++i)
      ASSERT_EQ(a.format_value(i), b.format_value(i))
          << what << ": column " << expected.schema().field(c).name << " row " << i;
    FAIL() << what << ": column " << expected.schema().field(c).name << " differs";
  }
  EXPECT_TRUE(expected.equals(actual)) << what;
}

}  // namespace

TEST(CsvRoundTrip, RandomTablesAllTypesExplicitSchema) {
  TempDir dir;
  for (const uint64_t seed : {1u, 2u, 3u}) {
    const Table t = random_table(seed, 300);
    const std::string path = dir.file("t" + std::to_string(seed) + ".csv");
    write_csv(t, path);
    for (const int threads : {1, 2, 4, 7}) {
      for (const int64_t block : {int64_t{0}, int64_t{64}, int64_t{1000}}) {
        CsvReadOptions o;
        o.schema = t.schema();
        o.num_threads = threads;
        o.block_size = block;
        expect_same(t, read_csv(path, o),
                     "seed " + std::to_string(seed) + " threads " + std::to_string(threads) + " block " +
                         std::to_string(block));
      }
    }
  }
}

TEST(CsvRoundTrip, InferredTypesReadBackExactly) {
  // Only the types inference produces, with values that cannot be mistaken for a narrower type.
  const int64_t n = 500;
  std::mt19937_64 rng(7);
  PrimitiveBuilder<int64_t> i64(DataType(TypeId::Int64));
  PrimitiveBuilder<double> f64(DataType(TypeId::Float64));
  BoolBuilder flag;
  StringBuilder text;
  PrimitiveBuilder<int32_t> day(DataType(TypeId::Date32));
  PrimitiveBuilder<int64_t> ts(DataType::timestamp(TimeUnit::Micro));
  PrimitiveBuilder<int64_t> tsz(DataType::timestamp(TimeUnit::Micro, "UTC"));
  for (int64_t i = 0; i < n; ++i) {
    const bool null = rng() % 8 == 0;
    null ? i64.append_null() : i64.append(static_cast<int64_t>(rng()));
    null ? f64.append_null() : f64.append(static_cast<double>(rng() % 100000) / 7.0 + 0.5);
    null ? flag.append_null() : flag.append(rng() & 1);
    const auto& aw = csvtest::awkward_strings();
    null ? text.append_null() : text.append(aw[rng() % aw.size()] + "s");
    null ? day.append_null() : day.append(static_cast<int32_t>(rng() % 40000));
    null ? ts.append_null() : ts.append(static_cast<int64_t>(rng() % 4000000000000000ull));
    null ? tsz.append_null() : tsz.append(static_cast<int64_t>(rng() % 4000000000000000ull));
  }
  const Table t(Schema({{"i", DataType(TypeId::Int64), true},
                        {"f", DataType(TypeId::Float64), true},
                        {"b", DataType(TypeId::Bool), true},
                        {"s", DataType(TypeId::Utf8), true},
                        {"d", DataType(TypeId::Date32), true},
                        {"t", DataType::timestamp(TimeUnit::Micro), true},
                        {"tz", DataType::timestamp(TimeUnit::Micro, "UTC"), true}}),
                {i64.finish(), f64.finish(), flag.finish(), text.finish(), day.finish(), ts.finish(), tsz.finish()});
  const std::string csv = write_csv_string(t);
  Table first;
  for (const int threads : {1, 2, 4, 7}) {
    for (const int64_t block : {int64_t{0}, int64_t{100}}) {
      CsvReadOptions o;
      o.num_threads = threads;
      o.block_size = block;
      o.infer_rows = 20;  // later rows still decide nothing new: all values agree with the sample
      const Table back = read_csv_bytes(csv.data(), static_cast<int64_t>(csv.size()), "mem.csv", o);
      expect_same(t, back, "threads " + std::to_string(threads));
    }
  }
}

TEST(CsvRoundTrip, W4AndWriterOptions) {
  const Table t = gen::workload("W4", 20000, 0, 20000);
  for (const char delim : {',', ';', '\t', '|'}) {
    CsvWriteOptions w;
    w.delimiter = delim;
    w.num_threads = 3;
    w.block_rows = 777;
    const std::string csv = write_csv_string(t, w);
    CsvReadOptions r;
    r.delimiter = delim;
    r.num_threads = 2;
    r.block_size = 4096;
    expect_same(t, read_csv_bytes(csv.data(), static_cast<int64_t>(csv.size()), "w4.csv", r), "delimiter");
  }
}

TEST(CsvRoundTrip, NullValueTokenAndNoHeader) {
  const Table t = random_table(11, 200);
  CsvWriteOptions w;
  w.null_value = "NULL";
  w.include_header = false;
  const std::string csv = write_csv_string(t, w);
  CsvReadOptions r;
  r.has_header = false;
  r.schema = t.schema();
  r.null_values = {"NULL"};
  expect_same(t, read_csv_bytes(csv.data(), static_cast<int64_t>(csv.size()), "x.csv", r), "null token");
}

TEST(CsvRoundTrip, SingleStringColumnKeepsNullsAndEmptyStrings) {
  StringBuilder b;
  b.append("");
  b.append_null();
  b.append("a");
  b.append_null();
  b.append("");
  const Table t(Schema({{"s", DataType(TypeId::Utf8), true}}), {b.finish()});
  const std::string csv = write_csv_string(t);
  EXPECT_EQ(csv, "s\n\"\"\n\na\n\n\"\"\n");
  expect_same(t, read_csv_bytes(csv.data(), static_cast<int64_t>(csv.size()), "one.csv"), "one column");
}

TEST(CsvRoundTrip, SingleColumnWithoutHeaderStartingWithNulls) {
  PrimitiveBuilder<int64_t> b(DataType(TypeId::Int64));
  b.append_null();
  b.append_null();
  b.append(5);
  b.append_null();
  const Table t(Schema({{"f0", DataType(TypeId::Int64), true}}), {b.finish()});
  CsvWriteOptions w;
  w.include_header = false;
  const std::string csv = write_csv_string(t, w);
  EXPECT_EQ(csv, "\n\n5\n\n");
  CsvReadOptions r;
  r.has_header = false;
  expect_same(t, read_csv_bytes(csv.data(), static_cast<int64_t>(csv.size()), "n.csv", r), "inferred");
  r.schema = t.schema();
  expect_same(t, read_csv_bytes(csv.data(), static_cast<int64_t>(csv.size()), "n.csv", r), "schema");
}

TEST(CsvRoundTrip, EmptyTableWritesHeaderOnly) {
  const Table t = random_table(5, 0);
  TempDir dir;
  const std::string path = dir.file("empty.csv");
  write_csv(t, path);
  CsvReadOptions o;
  o.schema = t.schema();
  expect_same(t, read_csv(path, o), "empty");
}

TEST(CsvRoundTrip, WriterFailureLeavesNoFile) {
  TempDir dir;
  const Table t = random_table(5, 10);
  CsvWriteOptions bad;
  bad.null_value = "a,b";  // would be ambiguous
  const std::string path = dir.file("never.csv");
  EXPECT_THROW(write_csv(t, path, bad), Error);
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_THROW(write_csv(t, dir.file("missing_dir/x.csv")), Error);
  size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.file(""))) ++files;
  EXPECT_EQ(files, 0u);  // no temporary file left behind either
}

TEST(CsvWrite, TimestampAndDateTextMatchesTemporalFormatters) {
  const Table t = random_table(21, 200);
  const std::string csv = write_csv_string(t);
  CsvReadOptions o;
  std::vector<Field> as_text;
  for (const auto& f : t.schema().fields()) as_text.push_back(Field{f.name, DataType(TypeId::Utf8), true});
  o.schema = Schema(as_text);
  const Table text = read_csv_bytes(csv.data(), static_cast<int64_t>(csv.size()), "t.csv", o);
  for (int c = 0; c < t.num_columns(); ++c) {
    const Array& a = t.column(c);
    if (a.type_id() != TypeId::Timestamp && a.type_id() != TypeId::Date32) continue;
    for (int64_t r = 0; r < a.length(); ++r) {
      if (a.is_null(r)) continue;
      const std::string want = a.type_id() == TypeId::Date32
                                   ? format_date32(a.values<int32_t>()[r])
                                   : format_timestamp(a.values<int64_t>()[r], a.type().unit, !a.type().timezone.empty());
      ASSERT_EQ(text.column(c).string_value(r), want) << t.schema().field(c).name << " row " << r;
    }
  }
}

TEST(CsvRoundTrip, EveryGeneratedWorkload) {
  for (const auto& name : gen::workload_names()) {
    const Table t = gen::workload(name, 3000, 0, 3000);
    const std::string csv = write_csv_string(t);
    for (const int threads : {1, 3}) {
      CsvReadOptions o;
      o.schema = t.schema();
      o.num_threads = threads;
      o.block_size = 2048;
      expect_same(t, read_csv_bytes(csv.data(), static_cast<int64_t>(csv.size()), name + ".csv", o), name);
    }
  }
}

// CSV reader behaviour: inference, explicit schemas, nulls, dialects, real data files, C ABI.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "csv_test_util.h"
#include "deeprc/deeprc.h"
#include "io/csv_reader.h"
#include "io/csv_writer.h"

using namespace deeprc;
using namespace deeprc::io;
using deeprc::csvtest::TempDir;

namespace {

Table read_text(const std::string& text, CsvReadOptions o = {}) {
  return read_csv_bytes(text.data(), static_cast<int64_t>(text.size()), "mem.csv", o);
}

std::string type_of(const Table& t, const std::string& name) { return t.column(name).type().to_string(); }

}  // namespace

TEST(CsvInfer, BasicTypes) {
  const Table t = read_text(
      "i,f,b,d,t,tz,s\n"
      "1,1.5,true,2020-01-02,2020-01-02T03:04:05,2020-01-02T03:04:05Z,x\n"
      "-7,2,FALSE,1999-12-31,2020-01-02 03:04:05.123456,2020-01-02T05:04:05+02:00,y\n");
  EXPECT_EQ(type_of(t, "i"), "int64");
  EXPECT_EQ(type_of(t, "f"), "float64");
  EXPECT_EQ(type_of(t, "b"), "bool");
  EXPECT_EQ(type_of(t, "d"), "date32");
  EXPECT_EQ(type_of(t, "t"), DataType::timestamp(TimeUnit::Micro).to_string());
  EXPECT_EQ(type_of(t, "tz"), DataType::timestamp(TimeUnit::Micro, "UTC").to_string());
  EXPECT_EQ(type_of(t, "s"), "utf8");
  EXPECT_EQ(t.column("i").values<int64_t>()[1], -7);
  EXPECT_EQ(t.column("f").values<double>()[1], 2.0);
  EXPECT_FALSE(t.column("b").bool_value(1));
  // Both zoned values denote the same instant.
  EXPECT_EQ(t.column("tz").values<int64_t>()[0], t.column("tz").values<int64_t>()[1]);
  EXPECT_EQ(t.column("t").values<int64_t>()[1] - t.column("t").values<int64_t>()[0], 123456);
}

TEST(CsvInfer, IntColumnWithLaterFloatIsWidenedWithoutLoss) {
  std::string csv = "a,b\n";
  for (int i = 0; i < 5000; ++i) csv += std::to_string(i) + ",k\n";
  csv += "0.25,k\n";
  for (const int threads : {1, 2, 4, 7}) {
    CsvReadOptions o;
    o.infer_rows = 100;
    o.num_threads = threads;
    o.block_size = 512;
    const Table t = read_text(csv, o);
    ASSERT_EQ(type_of(t, "a"), "float64");
    ASSERT_EQ(t.num_rows(), 5001);
    EXPECT_EQ(t.column("a").values<double>()[4999], 4999.0);
    EXPECT_EQ(t.column("a").values<double>()[5000], 0.25);
  }
}

TEST(CsvInfer, WideningAcrossTypesAndHugeIntegers) {
  CsvReadOptions o;
  o.infer_rows = 1;
  Table t = read_text("a,b,c\n1,1,2020-01-01\n2,x,2020-01-01T10:00\n99999999999999999999,3,2020-01-02\n", o);
  EXPECT_EQ(type_of(t, "a"), "utf8");  // never a lossy double
  EXPECT_EQ(t.column("a").string_value(2), "99999999999999999999");
  EXPECT_EQ(type_of(t, "b"), "utf8");
  EXPECT_EQ(t.column("b").string_value(0), "1");
  EXPECT_EQ(type_of(t, "c"), DataType::timestamp(TimeUnit::Micro).to_string());
  t = read_text("ns\n2020-01-01T00:00:00.123456789\n");
  EXPECT_EQ(type_of(t, "ns"), DataType::timestamp(TimeUnit::Nano).to_string());
  EXPECT_EQ(t.column("ns").values<int64_t>()[0] % 1000000000, 123456789);
}

TEST(CsvInfer, NullsAndUndeterminedColumns) {
  std::string csv = "a,b,c\n";
  for (int i = 0; i < 50; ++i) csv += ",NA," + std::to_string(i) + "\n";
  csv += "5,,N/A\n";
  CsvReadOptions o;
  o.infer_rows = 10;
  o.block_size = 64;
  o.num_threads = 3;
  const Table t = read_text(csv, o);
  EXPECT_EQ(type_of(t, "a"), "int64");  // only nulls in the sample: decided over the whole file
  EXPECT_EQ(t.column("a").null_count(), 50);
  EXPECT_EQ(t.column("a").values<int64_t>()[50], 5);
  EXPECT_EQ(type_of(t, "b"), "utf8");  // only nulls anywhere
  EXPECT_EQ(t.column("b").null_count(), 51);
  EXPECT_EQ(type_of(t, "c"), "int64");
  EXPECT_TRUE(t.column("c").is_null(50));
}

TEST(CsvInfer, NaNIsAFloatNotANull) {
  const Table t = read_text("x\n1.5\nNaN\ninf\n-inf\n\n");
  ASSERT_EQ(type_of(t, "x"), "float64");
  ASSERT_EQ(t.num_rows(), 5);  // one column: the blank line is a null
  EXPECT_TRUE(std::isnan(t.column("x").values<double>()[1]));
  EXPECT_EQ(t.column("x").values<double>()[2], INFINITY);
  EXPECT_EQ(t.column("x").values<double>()[3], -INFINITY);
  EXPECT_TRUE(t.column("x").is_null(4));
}

TEST(CsvRead, QuotingNullsAndEmptyStrings) {
  const Table t = read_text("s,n\n\"\",1\n,2\n\"NA\",3\nNA,4\n\"a,\"\"b\"\"\nc\",5\n");
  ASSERT_EQ(t.num_rows(), 5);
  const Array& s = t.column("s");
  EXPECT_TRUE(s.is_valid(0));
  EXPECT_EQ(s.string_value(0), "");
  EXPECT_TRUE(s.is_null(1));
  EXPECT_EQ(s.string_value(2), "NA");
  EXPECT_TRUE(s.is_null(3));
  EXPECT_EQ(s.string_value(4), "a,\"b\"\nc");
}

TEST(CsvRead, LineEndingsBomBlankLinesAndNoHeader) {
  Table t = read_text("\xEF\xBB\xBF" "a,b\r\n1,x\r\n\r\n2,\"y\r\nz\"\r\n3,w");
  ASSERT_EQ(t.num_rows(), 3);
  EXPECT_EQ(t.schema().field(0).name, "a");
  EXPECT_EQ(t.column("b").string_value(0), "x");
  EXPECT_EQ(t.column("b").string_value(1), "y\r\nz");
  EXPECT_EQ(t.column("b").string_value(2), "w");
  CsvReadOptions o;
  o.has_header = false;
  o.delimiter = '\t';
  t = read_text("1\tx\n2\ty\n", o);
  EXPECT_EQ(t.schema().field(0).name, "f0");
  EXPECT_EQ(t.schema().field(1).name, "f1");
  EXPECT_EQ(t.num_rows(), 2);
}

TEST(CsvRead, HeaderOnly) {
  Table t = read_text("a,b\n");
  EXPECT_EQ(t.num_rows(), 0);
  EXPECT_EQ(type_of(t, "a"), "utf8");
  CsvReadOptions o;
  o.schema = Schema({{"a", DataType(TypeId::Int32), true}, {"b", DataType(TypeId::Date32), true}});
  t = read_text("a,b", o);
  EXPECT_EQ(t.num_rows(), 0);
  EXPECT_EQ(type_of(t, "b"), "date32");
}

TEST(CsvSchema, AllDeclaredTypes) {
  CsvReadOptions o;
  o.schema = Schema({{"i8", DataType(TypeId::Int8), true},
                     {"u64", DataType(TypeId::UInt64), true},
                     {"f32", DataType(TypeId::Float32), true},
                     {"b", DataType(TypeId::Bool), true},
                     {"s", DataType(TypeId::LargeUtf8), true},
                     {"d", DataType(TypeId::Date32), true},
                     {"t", DataType::timestamp(TimeUnit::Milli, "UTC"), true}});
  const Table t = read_text(
      "i8,u64,f32,b,s,d,t\n"
      "-128,18446744073709551615,nan,1,42,2000-02-29,2020-01-01T00:00:00.5Z\n"
      " 127 ,+0,-inf,False,,1970-01-01,2020-01-01T01:00:00.250+01:00\n",
      o);
  EXPECT_EQ(t.column("i8").values<int8_t>()[0], -128);
  EXPECT_EQ(t.column("i8").values<int8_t>()[1], 127);
  EXPECT_EQ(t.column("u64").values<uint64_t>()[0], UINT64_MAX);
  EXPECT_TRUE(std::isnan(t.column("f32").values<float>()[0]));
  EXPECT_EQ(t.column("f32").values<float>()[1], -INFINITY);
  EXPECT_TRUE(t.column("b").bool_value(0));
  EXPECT_EQ(t.column("s").string_value(0), "42");
  EXPECT_TRUE(t.column("s").is_null(1));
  EXPECT_EQ(t.column("d").values<int32_t>()[0], 11016);
  EXPECT_EQ(t.column("t").values<int64_t>()[0], 1577836800500);
  EXPECT_EQ(t.column("t").values<int64_t>()[1], 1577836800250);
  EXPECT_EQ(type_of(t, "t"), "timestamp[ms, tz=UTC]");
}

TEST(CsvSchema, WithoutHeaderUsesSchemaNames) {
  CsvReadOptions o;
  o.has_header = false;
  o.schema = Schema({{"x", DataType(TypeId::Int16), true}, {"y", DataType(TypeId::Utf8), true}});
  const Table t = read_text("1,a\n2,b\n", o);
  EXPECT_EQ(t.num_rows(), 2);
  EXPECT_EQ(t.column("x").values<int16_t>()[1], 2);
}

// ---- real data ------------------------------------------------------------------------------

namespace {

std::vector<std::vector<std::string>> split_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> fields;
    std::stringstream ss(line);
    std::string f;
    while (std::getline(ss, f, ',')) fields.push_back(f);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    rows.push_back(fields);
  }
  return rows;
}

std::string data_file(const char* name) { return std::string(DRC_SHARED_DATA_DIR) + "/" + name; }

// Checks every numeric value of `col` against the text of the file, parsed independently.
void check_numeric_column(const Table& t, const std::vector<std::vector<std::string>>& lines, int col) {
  const Array& a = t.column(col);
  for (int64_t r = 0; r < t.num_rows(); ++r) {
    const std::string& text = lines[static_cast<size_t>(r + 1)][static_cast<size_t>(col)];
    if (text.empty()) {
      ASSERT_TRUE(a.is_null(r)) << "row " << r;
      continue;
    }
    ASSERT_TRUE(a.is_valid(r));
    if (a.type_id() == TypeId::Float64) ASSERT_EQ(a.values<double>()[r], std::strtod(text.c_str(), nullptr)) << r;
    else ASSERT_EQ(a.values<int64_t>()[r], std::strtoll(text.c_str(), nullptr, 10)) << r;
  }
}

}  // namespace

TEST(CsvRealData, WeatherStocksCo2Seattle) {
  struct Case {
    const char* file;
    std::vector<std::string> types;
  };
  const std::vector<Case> cases = {
      {"weather.csv", {"utf8", "date32", "float64", "float64", "float64", "float64", "utf8"}},
      {"stocks.csv", {"utf8", "utf8", "float64"}},
      {"co2.csv", {"int64", "float64"}},
      {"seattle-weather-hourly-normals.csv", {"timestamp[us]", "float64", "float64", "float64"}}};
  for (const auto& c : cases) {
    const auto lines = split_lines(data_file(c.file));
    for (const int threads : {1, 4}) {
      CsvReadOptions o;
      o.num_threads = threads;
      o.block_size = threads == 1 ? 0 : 4096;
      const Table t = read_csv(data_file(c.file), o);
      ASSERT_EQ(t.num_rows(), static_cast<int64_t>(lines.size()) - 1) << c.file;
      ASSERT_EQ(t.num_columns(), static_cast<int>(c.types.size()));
      for (int k = 0; k < t.num_columns(); ++k) {
        EXPECT_EQ(t.schema().field(k).name, lines[0][static_cast<size_t>(k)]);
        EXPECT_EQ(t.column(k).type().to_string(), c.types[static_cast<size_t>(k)]) << c.file << " column " << k;
        if (t.column(k).type_id() == TypeId::Float64 || t.column(k).type_id() == TypeId::Int64)
          check_numeric_column(t, lines, k);
        if (t.column(k).type_id() == TypeId::Utf8) {
          for (int64_t r = 0; r < t.num_rows(); ++r)
            ASSERT_EQ(t.column(k).string_value(r), lines[static_cast<size_t>(r + 1)][static_cast<size_t>(k)]);
        }
      }
    }
  }
  // `wc -l` minus the header; stocks.csv has no final newline, so there it is `wc -l` itself.
  EXPECT_EQ(read_csv(data_file("weather.csv")).num_rows(), 2923 - 1);
  EXPECT_EQ(read_csv(data_file("co2.csv")).num_rows(), 2285 - 1);
  EXPECT_EQ(read_csv(data_file("seattle-weather-hourly-normals.csv")).num_rows(), 8760 - 1);
  EXPECT_EQ(read_csv(data_file("stocks.csv")).num_rows(), 560);
  const Table w = read_csv(data_file("weather.csv"));
  EXPECT_EQ(w.column("date").format_value(0), "2012-01-01");
  EXPECT_EQ(w.column("weather").string_value(1), "rain");
  const Table co2 = read_csv(data_file("co2.csv"));
  EXPECT_GT(co2.column("co2").null_count(), 0);  // the gaps are nulls
}

// ---- C ABI ----------------------------------------------------------------------------------

TEST(CsvCApi, OptionsInitWriteReadAndErrors) {
  drc_csv_read_options ro;
  drc_csv_read_options_init(&ro);
  EXPECT_EQ(ro.delimiter, ',');
  EXPECT_EQ(ro.quote, '"');
  EXPECT_EQ(ro.has_header, 1);
  EXPECT_EQ(ro.num_threads, 0);
  EXPECT_EQ(ro.null_values, nullptr);
  EXPECT_EQ(ro.schema, nullptr);
  drc_csv_write_options wo;
  drc_csv_write_options_init(&wo);
  EXPECT_EQ(wo.delimiter, ',');
  EXPECT_EQ(wo.include_header, 1);
  EXPECT_EQ(wo.null_value, nullptr);

  TempDir dir;
  drc_table* t = nullptr;
  ASSERT_EQ(drc_gen_workload("W4", 1000, 0, -1, 42, &t), nullptr);
  const std::string path = dir.file("w4.csv");
  ASSERT_EQ(drc_csv_write(t, path.c_str(), &wo), nullptr);
  drc_table* back = nullptr;
  ro.num_threads = 2;
  ASSERT_EQ(drc_csv_read(path.c_str(), &ro, &back), nullptr);
  int32_t eq = 0;
  ASSERT_EQ(drc_table_equals(t, back, &eq), nullptr);
  EXPECT_EQ(eq, 1);
  drc_table_free(back);
  back = nullptr;
  ASSERT_EQ(drc_csv_read(path.c_str(), nullptr, &back), nullptr);  // NULL options = defaults
  EXPECT_EQ(drc_table_num_rows(back), 1000);
  drc_table_free(back);

  // Custom null tokens: none at all, so "NA" is text.
  const std::string p2 = dir.write("nulls.csv", "a\nNA\n");
  const char* none[] = {"zzz"};
  ro.null_values = none;
  ro.num_null_values = 0;
  back = nullptr;
  ASSERT_EQ(drc_csv_read(p2.c_str(), &ro, &back), nullptr);
  drc_array* col = nullptr;
  ASSERT_EQ(drc_table_column(back, 0, &col), nullptr);
  drc_array_info info;
  ASSERT_EQ(drc_array_info_get(col, &info), nullptr);
  EXPECT_EQ(info.null_count, 0);
  drc_array_free(col);
  drc_table_free(back);

  const std::string bad = dir.write("bad.csv", "a,b\n1,2\n3\n");
  back = nullptr;
  drc_status* st = drc_csv_read(bad.c_str(), nullptr, &back);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(back, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_PARSE);
  const std::string msg = drc_status_message(st);
  EXPECT_NE(msg.find("bad.csv"), std::string::npos) << msg;
  EXPECT_NE(msg.find("line 3"), std::string::npos) << msg;
  drc_status_free(st);

  st = drc_csv_read(dir.file("missing.csv").c_str(), nullptr, &back);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_IO);
  EXPECT_NE(std::string(drc_status_message(st)).find("missing.csv"), std::string::npos);
  drc_status_free(st);

  st = drc_csv_read(nullptr, nullptr, &back);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_INVALID);
  drc_status_free(st);
  st = drc_csv_write(t, dir.file("no_dir/x.csv").c_str(), nullptr);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_IO);
  drc_status_free(st);

  // Writer options through the ABI: delimiter and null token.
  {
    drc_csv_write_options w;
    drc_csv_write_options_init(&w);
    w.delimiter = ';';
    w.null_value = "NA";
    const std::string p4 = dir.file("semi.csv");
    ASSERT_EQ(drc_csv_write(t, p4.c_str(), &w), nullptr);
    std::ifstream in(p4);
    std::string header;
    std::getline(in, header);
    EXPECT_EQ(header, "a;b;c;d");
    drc_csv_read_options r;
    drc_csv_read_options_init(&r);
    r.delimiter = ';';
    drc_table* semi = nullptr;
    ASSERT_EQ(drc_csv_read(p4.c_str(), &r, &semi), nullptr);
    int32_t same = 0;
    ASSERT_EQ(drc_table_equals(t, semi, &same), nullptr);
    EXPECT_EQ(same, 1);
    drc_table_free(semi);
  }

  // Explicit schema through the ABI.
  drc_field_info fields[2] = {{"a", {DRC_TYPE_INT8, 0, nullptr}, 1}, {"b", {DRC_TYPE_UTF8, 0, nullptr}, 1}};
  drc_schema* schema = nullptr;
  ASSERT_EQ(drc_schema_create(fields, 2, &schema), nullptr);
  drc_csv_read_options_init(&ro);
  ro.schema = schema;
  const std::string p3 = dir.write("i8.csv", "a,b\n1,x\n300,y\n");
  st = drc_csv_read(p3.c_str(), &ro, &back);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_PARSE);
  EXPECT_NE(std::string(drc_status_message(st)).find("column 'a'"), std::string::npos);
  drc_status_free(st);
  drc_schema_free(schema);
  drc_table_free(t);
}

TEST(CsvRead, QuotingDisabledAndOddEndings) {
  CsvReadOptions o;
  o.quote = '\0';
  Table t = read_text("a,b\n\"x,y\"\n", o);
  EXPECT_EQ(t.column("a").string_value(0), "\"x");
  EXPECT_EQ(t.column("b").string_value(0), "y\"");
  t = read_text("a\n\"x\"\r");  // a quoted field followed by a lone CR at the end of the file
  EXPECT_EQ(t.column("a").string_value(0), "x");
  t = read_text("a,b\n1,\n");  // trailing delimiter: the last field is empty (null)
  EXPECT_TRUE(t.column("b").is_null(0));
  t = read_text("a,b\n1,");  // ... also without a final newline
  EXPECT_EQ(t.num_rows(), 1);
  EXPECT_TRUE(t.column("b").is_null(0));
}

TEST(CsvRead, ResultsIdenticalForAllThreadCountsOnRealisticData) {
  // Quoted newlines, CRLF, nulls and widening together; every split must give the same table.
  std::string csv = "id,when,score,note\r\n";
  for (int i = 0; i < 3000; ++i) {
    csv += std::to_string(i) + ",2021-03-" + std::to_string(10 + i % 18) + "T12:00:00Z,";
    csv += i == 2500 ? "1e3" : (i % 11 == 0 ? "" : std::to_string(i * 3));
    csv += i % 7 == 0 ? ",\"multi\r\nline, \"\"quoted\"\"\"\r\n" : ",plain\r\n";
  }
  Table first;
  for (const int threads : {1, 2, 4, 7}) {
    for (const int64_t block : {int64_t{0}, int64_t{50}, int64_t{999}}) {
      CsvReadOptions o;
      o.num_threads = threads;
      o.block_size = block;
      o.infer_rows = 100;
      const Table t = read_text(csv, o);
      ASSERT_EQ(t.num_rows(), 3000);
      EXPECT_EQ(type_of(t, "score"), "float64");
      EXPECT_EQ(type_of(t, "when"), "timestamp[us, tz=UTC]");
      EXPECT_EQ(t.column("note").string_value(7), "multi\r\nline, \"quoted\"");
      if (!first.num_columns()) first = t;
      EXPECT_TRUE(t.equals(first)) << threads << " threads, block " << block;
    }
  }
}

// Bad CSV input: every case is a deeprc::Error whose message names the file, the 1-based line
// and the column, and the same error is reported whatever the thread count.
#include <gtest/gtest.h>

#include "csv_test_util.h"
#include "io/csv_reader.h"

using namespace deeprc;
using namespace deeprc::io;
using deeprc::csvtest::TempDir;

namespace {

// Reads `text` from a real file and returns the error (or fails the test when there is none).
Error read_error(const std::string& text, CsvReadOptions o = {}, const std::string& name = "bad.csv") {
  TempDir dir;
  const std::string path = dir.write(name, text);
  try {
    read_csv(path, o);
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error for: " << text;
  return Error(ErrorCode::Internal, "");
}

void expect_parse_error(const std::string& text, const std::string& line, const std::string& column,
                        const std::string& detail, CsvReadOptions o = {}) {
  const Error e = read_error(text, o);
  const std::string msg = e.what();
  EXPECT_EQ(e.code(), ErrorCode::Parse) << msg;
  EXPECT_NE(msg.find("bad.csv"), std::string::npos) << msg;
  EXPECT_NE(msg.find(line), std::string::npos) << msg;
  if (!column.empty()) {
    EXPECT_NE(msg.find("column '" + column + "'"), std::string::npos) << msg;
  }
  EXPECT_NE(msg.find(detail), std::string::npos) << msg;
}

CsvReadOptions with_schema(std::vector<Field> fields) {
  CsvReadOptions o;
  o.schema = Schema(std::move(fields));
  return o;
}

}  // namespace

TEST(CsvErrors, RaggedRows) {
  expect_parse_error("a,b,c\n1,2,3\n4,5,6,7\n", "line 3", "", "too many fields");
  expect_parse_error("a,b,c\n1,2,3\n4,5\n", "line 3", "c", "too few fields");
  // A record spanning lines: the error is at the line where the bad record starts.
  expect_parse_error("a,b\n1,\"x\ny\"\n2\n", "line 4", "b", "expected 2 fields, found 1");
}

TEST(CsvErrors, Quoting) {
  expect_parse_error("a,b\n1,2\n3,\"abc\n4,5\n", "line 3", "b", "unterminated quoted field");
  expect_parse_error("a,b\n1,ab\"c\n", "line 2", "b", "quote character inside an unquoted field");
  expect_parse_error("a,b\n1,\"ab\"c\n", "line 2", "b", "after a closing quote");
}

TEST(CsvErrors, InvalidUtf8) {
  expect_parse_error("a,s\n1,ok\n2,bad\xFF\n", "line 3", "s", "invalid UTF-8");
  expect_parse_error("a,s\n1,ok\n2,\xC0\xAF\n", "line 3", "s", "invalid UTF-8");       // overlong
  expect_parse_error("a,s\n1,ok\n2,\xED\xA0\x80\n", "line 3", "s", "invalid UTF-8");   // surrogate
  expect_parse_error("a,b\xFE\n1,2\n", "line 1", "", "invalid UTF-8 in the header");
  // Inferred int64 from the sample, widened to text later: the text must still be valid UTF-8.
  CsvReadOptions o;
  o.infer_rows = 1;
  expect_parse_error("a,b\n1,2\n\xFF,3\n", "line 3", "a", "invalid UTF-8", o);
}

TEST(CsvErrors, ValuesThatDoNotParse) {
  expect_parse_error("a,b\n1,2\nx,3\n", "line 3", "a", "cannot parse \"x\" as int64",
                     with_schema({{"a", DataType(TypeId::Int64), true}, {"b", DataType(TypeId::Int64), true}}));
  expect_parse_error("a\n1\n300\n", "line 3", "a", "\"300\" is out of range for int8",
                     with_schema({{"a", DataType(TypeId::Int8), true}}));
  expect_parse_error("a\n-1\n", "line 2", "a", "out of range for uint8", with_schema({{"a", DataType(TypeId::UInt8), true}}));
  expect_parse_error("a\n1e39\n", "line 2", "a", "out of range for float32",
                     with_schema({{"a", DataType(TypeId::Float32), true}}));
  expect_parse_error("a\n2020-02-30\n", "line 2", "a", "as date32", with_schema({{"a", DataType(TypeId::Date32), true}}));
  expect_parse_error("a\nyes\n", "line 2", "a", "as bool", with_schema({{"a", DataType(TypeId::Bool), true}}));
  expect_parse_error("a\n2020-01-01T25:00\n", "line 2", "a", "as timestamp",
                     with_schema({{"a", DataType::timestamp(TimeUnit::Second), true}}));
  expect_parse_error("a\n3000-01-01\n", "line 2", "a", "out of range",
                     with_schema({{"a", DataType::timestamp(TimeUnit::Nano), true}}));
  expect_parse_error("a,b\n1,2\n1,\n", "line 3", "b", "non-nullable",
                     with_schema({{"a", DataType(TypeId::Int64), true}, {"b", DataType(TypeId::Int64), false}}));
}

TEST(CsvErrors, HeaderProblems) {
  expect_parse_error("", "", "", "empty");
  expect_parse_error("\n\n", "", "", "empty");
  expect_parse_error("a,b,a\n1,2,3\n", "line 1", "a", "duplicate column name");
  expect_parse_error("a,c\n1,2\n", "line 1", "", "does not match the schema",
                     with_schema({{"a", DataType(TypeId::Int64), true}, {"b", DataType(TypeId::Int64), true}}));
}

TEST(CsvErrors, MissingFileIsAnIOError) {
  TempDir dir;
  try {
    read_csv(dir.file("nope.csv"));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::IO);
    EXPECT_NE(std::string(e.what()).find("nope.csv"), std::string::npos);
  }
  try {
    read_csv(dir.file(""));  // a directory
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::IO);
  }
}

TEST(CsvErrors, BadOptionsAreInvalid) {
  CsvReadOptions o;
  o.quote = ',';
  EXPECT_EQ(read_error("a\n1\n", o).code(), ErrorCode::Invalid);
  o = {};
  o.delimiter = '\n';
  EXPECT_EQ(read_error("a\n1\n", o).code(), ErrorCode::Invalid);
}

TEST(CsvErrors, EarliestErrorWhateverTheThreadCount) {
  // Many problems of different kinds in a long file; the first one (line 1203) must win.
  std::string csv = "a,b,s\n";
  for (int i = 0; i < 3000; ++i) {
    const int line = i + 2;
    if (line == 1203) csv += "7,x,t\n";                     // "x" in the float column b
    else if (line == 1500) csv += "1,2\n";                  // too few fields
    else if (line == 2000) csv += "1,2,\"unterminated\n";   // quote opened here...
    else if (line == 2500) csv += "1,2,\xFF\n";
    else csv += std::to_string(i) + "," + std::to_string(i) + ".5,\"q\nq\"\n";  // quoted newline
  }
  // Every normal record spans two lines; count actual lines for the expectation.
  std::string expected;
  {
    int64_t line = 1;
    for (size_t p = 0; p < csv.size(); ++p) {
      if (csv.compare(p, 6, "7,x,t\n") == 0) break;
      if (csv[p] == '\n') ++line;
    }
    expected = "line " + std::to_string(line) + ", column 'b'";
  }
  std::string first;
  for (const int threads : {1, 2, 4, 7}) {
    for (const int64_t block : {int64_t{37}, int64_t{256}, int64_t{0}}) {
      CsvReadOptions o = with_schema(
          {{"a", DataType(TypeId::Int64), true}, {"b", DataType(TypeId::Float64), true}, {"s", DataType(TypeId::Utf8), true}});
      o.num_threads = threads;
      o.block_size = block;
      std::string msg = read_error(csv, o).what();
      EXPECT_NE(msg.find(expected), std::string::npos) << msg;
      msg = msg.substr(msg.find("bad.csv"));  // the temporary directory differs per read
      if (first.empty()) first = msg;
      EXPECT_EQ(msg, first);
    }
  }
  // Inferred types: b is widened to text at the "x", so the first error is the ragged row.
  for (const int threads : {1, 2, 7}) {
    CsvReadOptions o;
    o.num_threads = threads;
    o.block_size = 100;
    o.infer_rows = 5;
    const std::string msg = read_error(csv, o).what();
    EXPECT_NE(msg.find("too few fields"), std::string::npos) << msg;
  }
}

TEST(CsvErrors, StrayQuoteMisalignsNoLaterBlockReport) {
  // A stray quote flips the quote parity the block splitter relies on; blocks after it start in
  // the wrong place, yet the reported error must be the stray quote itself, for every split.
  std::string csv = "a,b\n";
  for (int i = 0; i < 2000; ++i) {
    if (i == 700) csv += "1,x\"y\n";
    else if (i % 3 == 0) csv += std::to_string(i) + ",\"p,\nq\"\n";
    else csv += std::to_string(i) + ",plain\n";
  }
  int64_t line = 1;
  for (size_t p = 0; p < csv.size() && csv.compare(p, 6, "1,x\"y\n") != 0; ++p) line += csv[p] == '\n';
  for (const int threads : {1, 2, 4, 7}) {
    for (const int64_t block : {int64_t{16}, int64_t{333}, int64_t{0}}) {
      CsvReadOptions o;
      o.num_threads = threads;
      o.block_size = block;
      const std::string msg = read_error(csv, o).what();
      EXPECT_NE(msg.find("line " + std::to_string(line) + ", column 'b': quote character inside an unquoted field"),
                std::string::npos)
          << msg;
    }
  }
}

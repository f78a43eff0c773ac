// Mutated CSV text must never crash or hang, and every thread count and block split must give the
// same outcome: the same table, or the same error message.
#include <gtest/gtest.h>

#include "csv_test_util.h"
#include "io/csv_reader.h"
#include "io/csv_writer.h"

using namespace deeprc;
using namespace deeprc::io;

namespace {

// "ok" plus the table text, or "error <code>: <message>".
std::string outcome(const std::string& text, int threads, int64_t block, bool with_schema, const Schema& schema) {
  CsvReadOptions o;
  o.num_threads = threads;
  o.block_size = block;
  o.infer_rows = 3;
  if (with_schema) o.schema = schema;
  try {
    const Table t = read_csv_bytes(text.data(), static_cast<int64_t>(text.size()), "fuzz.csv", o);
    std::string out = "ok ";
    out += t.schema().to_string();
    out += '\n';
    out += t.to_string(-1);
    return out;
  } catch (const Error& e) {
    std::string out = "error ";
    out += std::to_string(static_cast<int>(e.code()));
    out += ": ";
    out += e.what();
    return out;
  }
}

}  // namespace

TEST(CsvFuzz, MutationsAreDeterministicAndSafe) {
  const Table base = deeprc::csvtest::random_table(99, 40).select({0, 3, 9, 11, 12, 13, 14});
  const std::string clean = write_csv_string(base);
  const char alphabet[] = {',', '"', '\n', '\r', 'x', '1', '.', '-', '\xff', '\xc3', ' '};
  std::mt19937_64 rng(2024);
  int errors = 0;
  for (int iter = 0; iter < 150; ++iter) {
    std::string text = clean;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      const size_t at = rng() % text.size();
      const char c = alphabet[rng() % sizeof alphabet];
      switch (rng() % 3) {
        case 0: text[at] = c; break;
        case 1: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c); break;
        default: text.erase(at, 1); break;
      }
    }
    for (const bool with_schema : {false, true}) {
      const std::string expected = outcome(text, 1, 0, with_schema, base.schema());
      errors += expected.rfind("error", 0) == 0;
      for (const int threads : {2, 4}) {
        for (const int64_t block : {int64_t{7}, int64_t{100}}) {
          ASSERT_EQ(outcome(text, threads, block, with_schema, base.schema()), expected)
              << "iteration " << iter << " threads " << threads << " block " << block;
        }
      }
    }
  }
  EXPECT_GT(errors, 0);  // the mutations do produce bad input
}

// The workload generator must match the anchors' reference checksums exactly
// (shared/anchors/README.md and gen.py), so our benchmark figures compare row for row.
#include <gtest/gtest.h>

#include "core/error.h"
#include "gen/splitmix.h"
#include "gen/workloads.h"

using namespace deeprc;

TEST(Gen, W1LMatchesReferenceChecksums) {
  const int64_t n = 10'000'000;
  auto t = gen::workload("W1L", n, 0, n);
  const int64_t* k = t.column("key").values<int64_t>();
  int64_t sum = 0;
  for (int64_t i = 0; i < n; ++i) sum += k[i] % 1000000007;
  EXPECT_EQ(sum, 50001228721463);
  EXPECT_EQ(k[0], 9543480);
  EXPECT_EQ(k[n - 1], 5951301);
}

TEST(Gen, RankSharesConcatenateToTheWhole) {
  for (const auto& name : gen::workload_names()) {
    auto whole = gen::workload(name, 1000, 0, 1000);
    auto a = gen::workload(name, 1000, 0, 333);
    auto b = gen::workload(name, 1000, 333, 667);
    for (int c = 0; c < whole.num_columns(); ++c) {
      for (int64_t i = 0; i < 333; ++i) ASSERT_EQ(whole.column(c).format_value(i), a.column(c).format_value(i)) << name;
      for (int64_t i = 0; i < 667; ++i)
        ASSERT_EQ(whole.column(c).format_value(333 + i), b.column(c).format_value(i)) << name;
    }
  }
}

TEST(Gen, W4Columns) {
  auto t = gen::workload("W4", 100, 0, 100);
  ASSERT_EQ(t.num_columns(), 4);
  for (int64_t i = 0; i < 100; ++i) {
    EXPECT_EQ(t.column("d").string_value(i).size(), 8u);
    const int64_t c = t.column("c").values<int64_t>()[i];
    EXPECT_GE(c, -1000000000);
    EXPECT_LE(c, 1000000000);
    const double b = t.column("b").values<double>()[i];
    EXPECT_GE(b, 0.0);
    EXPECT_LT(b, 1.0);
  }
}

TEST(Gen, RejectsBadArguments) {
  EXPECT_THROW(gen::workload("W9", 10, 0, 10), Error);
  EXPECT_THROW(gen::workload("W1L", 10, 5, 10), Error);
}

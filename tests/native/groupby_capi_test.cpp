// C ABI of groupby and scalar aggregates: results, statuses, and argument checks.
#include <gtest/gtest.h>

#include <string>

#include "deeprc/deeprc.h"

namespace {

struct Status {
  drc_status* s;
  ~Status() { drc_status_free(s); }
  int32_t code() const { return s ? drc_status_code(s) : DRC_STATUS_OK; }
  std::string message() const { return s ? drc_status_message(s) : ""; }
};

drc_table* w3(int64_t rows) {
  drc_table* t = nullptr;
  Status st{drc_gen_workload("W3", rows, 0, -1, 42, &t)};
  EXPECT_EQ(st.code(), DRC_STATUS_OK) << st.message();
  return t;
}

drc_aggregate agg(const char* column, int32_t func, double q = 0.5, const char* alias = nullptr) {
  drc_aggregate a{};
  a.column = column;
  a.func = func;
  a.q = q;
  a.alias = alias;
  return a;
}

}  // namespace

TEST(GroupByCApi, GroupsW3) {
  drc_table* t = w3(1000);
  const char* keys[] = {"key"};
  const drc_aggregate aggs[] = {agg("v", DRC_AGG_SUM), agg("v", DRC_AGG_MEAN), agg("v", DRC_AGG_COUNT),
                                agg("v", DRC_AGG_QUANTILE, 0.9, "p90"), agg(nullptr, DRC_AGG_COUNT_ALL)};
  drc_table* out = nullptr;
  Status st{drc_table_groupby(t, keys, 1, aggs, 5, 2, &out)};
  ASSERT_EQ(st.code(), DRC_STATUS_OK) << st.message();
  EXPECT_EQ(drc_table_num_columns(out), 6);
  EXPECT_GT(drc_table_num_rows(out), 0);
  EXPECT_LE(drc_table_num_rows(out), 100);
  drc_schema* schema = nullptr;
  ASSERT_EQ(Status{drc_table_schema(out, &schema)}.code(), DRC_STATUS_OK);
  EXPECT_EQ(drc_schema_index_of(schema, "v_sum"), 1);
  EXPECT_EQ(drc_schema_index_of(schema, "v_mean"), 2);
  EXPECT_EQ(drc_schema_index_of(schema, "v_count"), 3);
  EXPECT_EQ(drc_schema_index_of(schema, "p90"), 4);
  EXPECT_EQ(drc_schema_index_of(schema, "count_all"), 5);
  drc_schema_free(schema);

  // Row counts add up to the input.
  drc_array* counts = nullptr;
  ASSERT_EQ(Status{drc_table_column_by_name(out, "count_all", &counts)}.code(), DRC_STATUS_OK);
  drc_array* total = nullptr;
  ASSERT_EQ(Status{drc_array_aggregate(counts, DRC_AGG_SUM, 0, &total)}.code(), DRC_STATUS_OK);
  drc_array_info info{};
  ASSERT_EQ(Status{drc_array_info_get(total, &info)}.code(), DRC_STATUS_OK);
  EXPECT_EQ(info.type.id, DRC_TYPE_INT64);
  EXPECT_EQ(info.length, 1);
  EXPECT_EQ(reinterpret_cast<const int64_t*>(info.values)[info.offset], 1000);
  drc_array_free(total);
  drc_array_free(counts);
  drc_table_free(out);
  drc_table_free(t);
}

TEST(GroupByCApi, ErrorStatuses) {
  drc_table* t = w3(100);
  drc_table* out = nullptr;
  const char* keys[] = {"key"};
  const char* bad_keys[] = {"nope"};
  const drc_aggregate sum = agg("v", DRC_AGG_SUM);
  {
    Status st{drc_table_groupby(t, bad_keys, 1, &sum, 1, 1, &out)};
    EXPECT_EQ(st.code(), DRC_STATUS_NOT_FOUND);
    EXPECT_NE(st.message().find("nope"), std::string::npos) << st.message();
  }
  {
    const drc_aggregate a = agg("missing", DRC_AGG_MEAN);
    Status st{drc_table_groupby(t, keys, 1, &a, 1, 1, &out)};
    EXPECT_EQ(st.code(), DRC_STATUS_NOT_FOUND);
    EXPECT_NE(st.message().find("missing"), std::string::npos) << st.message();
  }
  {
    const drc_aggregate a = agg("v", 99);
    EXPECT_EQ(Status{drc_table_groupby(t, keys, 1, &a, 1, 1, &out)}.code(), DRC_STATUS_INVALID);
  }
  {
    drc_aggregate a = agg("v", DRC_AGG_SUM);
    a.reserved = 1;
    EXPECT_EQ(Status{drc_table_groupby(t, keys, 1, &a, 1, 1, &out)}.code(), DRC_STATUS_INVALID);
  }
  {
    const drc_aggregate a = agg("v", DRC_AGG_QUANTILE, 1.5);
    EXPECT_EQ(Status{drc_table_groupby(t, keys, 1, &a, 1, 1, &out)}.code(), DRC_STATUS_INVALID);
  }
  {
    const drc_aggregate two[] = {agg("v", DRC_AGG_SUM), agg("v", DRC_AGG_MEAN, 0, "v_sum")};
    Status st{drc_table_groupby(t, keys, 1, two, 2, 1, &out)};
    EXPECT_EQ(st.code(), DRC_STATUS_INVALID);
    EXPECT_NE(st.message().find("duplicate"), std::string::npos) << st.message();
  }
  EXPECT_EQ(Status{drc_table_groupby(nullptr, keys, 1, &sum, 1, 1, &out)}.code(), DRC_STATUS_INVALID);
  EXPECT_EQ(Status{drc_table_groupby(t, nullptr, 1, &sum, 1, 1, &out)}.code(), DRC_STATUS_INVALID);
  EXPECT_EQ(Status{drc_table_groupby(t, keys, 1, nullptr, 1, 1, &out)}.code(), DRC_STATUS_INVALID);
  EXPECT_EQ(Status{drc_table_groupby(t, keys, 1, &sum, 1, 1, nullptr)}.code(), DRC_STATUS_INVALID);
  EXPECT_EQ(Status{drc_table_groupby(t, keys, 0, &sum, 1, 1, &out)}.code(), DRC_STATUS_INVALID);
  EXPECT_EQ(out, nullptr);  // untouched on failure

  drc_array* key = nullptr;
  ASSERT_EQ(Status{drc_table_column(t, 0, &key)}.code(), DRC_STATUS_OK);
  drc_array* r = nullptr;
  EXPECT_EQ(Status{drc_array_aggregate(key, -1, 0, &r)}.code(), DRC_STATUS_INVALID);
  EXPECT_EQ(Status{drc_array_aggregate(key, DRC_AGG_QUANTILE, -0.5, &r)}.code(), DRC_STATUS_INVALID);
  EXPECT_EQ(Status{drc_array_aggregate(nullptr, DRC_AGG_SUM, 0, &r)}.code(), DRC_STATUS_INVALID);
  EXPECT_EQ(r, nullptr);
  drc_array_free(key);
  drc_table_free(t);
}

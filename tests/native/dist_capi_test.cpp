// C ABI of the distributed shuffle, join, groupby, unique, set ops, sort, slicing, rebalance, aggregates, gather and read/write, driven on
// an in-process group (drc_comm_thread_group, one thread per rank) and checked against the local
// C ABI operators on the whole workload; statuses for bad arguments and for errors on every rank.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "deeprc/deeprc.h"

namespace {

struct Status {
  drc_status* s;
  ~Status() { drc_status_free(s); }
  int32_t code() const { return s ? drc_status_code(s) : DRC_STATUS_OK; }
  std::string message() const { return s ? drc_status_message(s) : ""; }
};

constexpr int64_t kRows = 1500;

drc_table* w3(int64_t start, int64_t count) {
  drc_table* t = nullptr;
  Status st{drc_gen_workload("W3", kRows, start, count, 42, &t)};
  EXPECT_EQ(st.code(), DRC_STATUS_OK) << st.message();
  return t;
}

bool equal(const drc_table* a, const drc_table* b) {
  int32_t eq = 0;
  Status st{drc_table_equals(a, b, &eq)};
  return st.code() == DRC_STATUS_OK && eq == 1;
}

// Runs body(rank, comm, my share of W3) on `size` thread ranks; the shares are uneven (rank 1 empty).
void on_group(int size, const std::function<void(int, drc_comm*, drc_table*)>& body) {
  std::vector<drc_comm*> comms(static_cast<size_t>(size), nullptr);
  Status st{drc_comm_thread_group(size, comms.data())};
  ASSERT_EQ(st.code(), DRC_STATUS_OK) << st.message();
  std::vector<std::thread> threads;
  for (int r = 0; r < size; ++r)
    threads.emplace_back([&, r] {
      auto cut = [&](int i) { return (size > 2 && i == 2) ? kRows / size : kRows * i / size; };
      drc_table* mine = w3(cut(r), cut(r + 1) - cut(r));
      body(r, comms[static_cast<size_t>(r)], mine);
      drc_table_free(mine);
      Status c{drc_comm_close(comms[static_cast<size_t>(r)])};
      EXPECT_EQ(c.code(), DRC_STATUS_OK) << c.message();
      drc_comm_free(comms[static_cast<size_t>(r)]);
    });
  for (auto& t : threads) t.join();
}

// The rows each rank holds, gathered (the concatenation in rank order).
drc_table* gathered(drc_comm* comm, const drc_table* t) {
  drc_table* all = nullptr;
  Status st{drc_dist_allgather(comm, t, &all)};
  EXPECT_EQ(st.code(), DRC_STATUS_OK) << st.message();
  return all;
}

}  // namespace

// `t` ordered by key, then v for W3 rows (ties in input order: the sort is stable).
drc_table* by_key(const drc_table* t, bool w3_rows) {
  const drc_sort_key keys[] = {{"key", 0, 0}, {"v", 0, 0}};
  drc_table* out = nullptr;
  Status st{drc_table_sort(t, keys, w3_rows ? 2 : 1, 1, &out)};
  EXPECT_EQ(st.code(), DRC_STATUS_OK) << st.message();
  return out;
}

// The distributed result gathered and the local result on the whole workload, both key-ordered.
void expect_same_by_key(drc_comm* comm, drc_table* dist_result, drc_table* local_result, const char* what,
                        bool w3_rows = true) {
  drc_table* all = gathered(comm, dist_result);
  drc_table* a = by_key(all, w3_rows);
  drc_table* b = by_key(local_result, w3_rows);
  EXPECT_TRUE(equal(a, b)) << what;
  for (drc_table* t : {all, a, b, dist_result, local_result}) drc_table_free(t);
}

TEST(DistCApi, ShuffleJoinGroupByUniqueSetOp) {
  drc_table* whole = w3(0, kRows);
  for (int size = 1; size <= 4; ++size) {
    on_group(size, [&](int, drc_comm* comm, drc_table* mine) {
      const char* key[] = {"key"};
      drc_table* sh = nullptr;
      Status s1{drc_dist_shuffle(comm, mine, key, 1, 1, &sh)};
      EXPECT_EQ(s1.code(), DRC_STATUS_OK) << s1.message();
      // Every row once, rows of a key together on one rank in global order.
      drc_table* whole_view = nullptr;
      Status s1b{drc_table_slice(whole, 0, kRows, &whole_view)};
      EXPECT_EQ(s1b.code(), DRC_STATUS_OK) << s1b.message();
      expect_same_by_key(comm, sh, whole_view, "shuffle");

      // Exact aggregates (min/max/first/last of a float column, counts) equal the local groupby.
      const drc_aggregate aggs[] = {{"v", DRC_AGG_COUNT, 0, 0.5, nullptr}, {"v", DRC_AGG_MIN, 0, 0.5, nullptr},
                                    {"v", DRC_AGG_MAX, 0, 0.5, nullptr},   {"v", DRC_AGG_FIRST, 0, 0.5, nullptr},
                                    {"v", DRC_AGG_LAST, 0, 0.5, nullptr},  {nullptr, DRC_AGG_COUNT_ALL, 0, 0.5, nullptr}};
      drc_table *g = nullptr, *lg = nullptr;
      Status s2{drc_dist_groupby(comm, mine, key, 1, aggs, 6, 1, &g)};
      Status s2l{drc_table_groupby(whole, key, 1, aggs, 6, 1, &lg)};
      EXPECT_EQ(s2.code(), DRC_STATUS_OK) << s2.message();
      expect_same_by_key(comm, g, lg, "groupby", false);

      drc_table *u = nullptr, *lu = nullptr;
      Status s3{drc_dist_unique(comm, mine, key, 1, DRC_KEEP_FIRST, 1, &u)};
      Status s3l{drc_table_unique(whole, key, 1, DRC_KEEP_FIRST, 1, &lu)};
      EXPECT_EQ(s3.code(), DRC_STATUS_OK) << s3.message();
      expect_same_by_key(comm, u, lu, "unique");

      drc_table *un = nullptr, *lun = nullptr;
      Status s4{drc_dist_set_op(comm, mine, mine, DRC_SET_UNION, 1, &un)};
      Status s4l{drc_table_set_op(whole, whole, DRC_SET_UNION, 1, &lun)};
      EXPECT_EQ(s4.code(), DRC_STATUS_OK) << s4.message();
      expect_same_by_key(comm, un, lun, "union");

      drc_join_options o;
      drc_join_options_init(&o);
      o.left_on = key;
      o.num_keys = 1;
      o.num_threads = 1;
      drc_table *j = nullptr, *lj = nullptr;
      Status s5{drc_dist_join(comm, mine, mine, &o, &j)};
      Status s5l{drc_table_join(whole, whole, &o, &lj)};
      EXPECT_EQ(s5.code(), DRC_STATUS_OK) << s5.message();
      int64_t rows = 0;
      Status s5n{drc_dist_num_rows(comm, j, &rows)};
      EXPECT_EQ(rows, drc_table_num_rows(lj));
      drc_table_free(j);
      drc_table_free(lj);

      // Errors are reported on every rank, before any data moves.
      const char* nope[] = {"nope"};
      drc_table* none = nullptr;
      Status e1{drc_dist_groupby(comm, mine, nope, 1, aggs, 6, 1, &none)};
      EXPECT_EQ(e1.code(), DRC_STATUS_NOT_FOUND);
      EXPECT_NE(e1.message().find("nope"), std::string::npos) << e1.message();
      Status e2{drc_dist_unique(comm, mine, key, 1, 7, 1, &none)};
      EXPECT_EQ(e2.code(), DRC_STATUS_INVALID);
      EXPECT_EQ(none, nullptr);
    });
  }
  drc_table_free(whole);
}

TEST(DistCApi, SortSliceRebalanceAggregate) {
  for (int size : {1, 3}) {
    on_group(size, [&](int rank, drc_comm* comm, drc_table* mine) {
      drc_table* whole = gathered(comm, mine);
      EXPECT_EQ(drc_table_num_rows(whole), kRows);
      const drc_sort_key keys[] = {{"key", 1, 0}, {"v", 0, 1}};
      drc_table* sorted = nullptr;
      Status s1{drc_dist_sort(comm, mine, keys, 2, 1, &sorted)};
      EXPECT_EQ(s1.code(), DRC_STATUS_OK) << s1.message();
      drc_table* want = nullptr;
      Status s2{drc_table_sort(whole, keys, 2, 1, &want)};
      drc_table* got = gathered(comm, sorted);
      EXPECT_TRUE(equal(got, want));

      int64_t n = 0;
      Status s3{drc_dist_num_rows(comm, mine, &n)};
      EXPECT_EQ(n, kRows);
      drc_table *sl = nullptr, *hd = nullptr, *tl = nullptr, *rb = nullptr;
      Status s4{drc_dist_slice(comm, sorted, 100, 250, &sl)};
      Status s5{drc_dist_head(comm, sorted, 10, &hd)};
      Status s6{drc_dist_tail(comm, sorted, 10, &tl)};
      Status s7{drc_dist_rebalance(comm, mine, &rb)};
      EXPECT_EQ(drc_table_num_rows(rb), kRows / size + (rank < kRows % size ? 1 : 0));
      drc_table* sl_all = gathered(comm, sl);
      drc_table* hd_all = gathered(comm, hd);
      drc_table* tl_all = gathered(comm, tl);
      drc_table* rb_all = gathered(comm, rb);
      drc_table *want_sl = nullptr, *want_hd = nullptr, *want_tl = nullptr;
      Status s8{drc_table_head(want, 350, &want_hd)};
      drc_table* tmp = nullptr;
      Status s9{drc_table_tail(want_hd, 250, &want_sl)};
      drc_table_free(want_hd);
      Status s10{drc_table_head(want, 10, &want_hd)};
      Status s11{drc_table_tail(want, 10, &want_tl)};
      EXPECT_TRUE(equal(sl_all, want_sl));
      EXPECT_TRUE(equal(hd_all, want_hd));
      EXPECT_TRUE(equal(tl_all, want_tl));
      EXPECT_TRUE(equal(rb_all, whole));
      for (drc_table* t : {sl, hd, tl, rb, sl_all, hd_all, tl_all, rb_all, want_sl, want_hd, want_tl, tmp}) drc_table_free(t);

      drc_array* v = nullptr;
      Status s12{drc_table_column_by_name(whole, "v", &v)};
      for (int32_t f : {DRC_AGG_SUM, DRC_AGG_MEAN, DRC_AGG_STD, DRC_AGG_MEDIAN, DRC_AGG_QUANTILE, DRC_AGG_NUNIQUE, DRC_AGG_MAX}) {
        drc_array *a = nullptr, *b = nullptr;
        Status g{drc_dist_aggregate(comm, mine, "v", f, 0.25, &a)};
        Status l{drc_array_aggregate(v, f, 0.25, &b)};
        EXPECT_EQ(g.code(), DRC_STATUS_OK) << g.message();
        char *ta = nullptr, *tb = nullptr;
        Status fa{drc_array_format_value(a, 0, &ta)};
        Status fb{drc_array_format_value(b, 0, &tb)};
        // Floats through the C ABI: compare the printed values' leading digits.
        EXPECT_EQ(std::string(ta).substr(0, 10), std::string(tb).substr(0, 10)) << "func " << f;
        drc_string_free(ta);
        drc_string_free(tb);
        drc_array_free(a);
        drc_array_free(b);
      }
      drc_array* cnt = nullptr;
      Status s13{drc_dist_aggregate(comm, mine, nullptr, DRC_AGG_COUNT_ALL, 0, &cnt)};
      EXPECT_EQ(s13.code(), DRC_STATUS_OK) << s13.message();
      drc_array_free(cnt);
      drc_array_free(v);

      // Errors on every rank: unknown column, bad function, sum of nothing numeric.
      drc_array* none = nullptr;
      Status e1{drc_dist_aggregate(comm, mine, "nope", DRC_AGG_SUM, 0, &none)};
      EXPECT_EQ(e1.code(), DRC_STATUS_NOT_FOUND);
      Status e2{drc_dist_aggregate(comm, mine, "v", 99, 0, &none)};
      EXPECT_EQ(e2.code(), DRC_STATUS_INVALID);
      Status e3{drc_dist_sort(comm, mine, keys, 0, 1, &sorted)};
      EXPECT_EQ(e3.code(), DRC_STATUS_INVALID);

      drc_table* g0 = nullptr;
      Status s14{drc_dist_gather(comm, mine, 0, &g0)};
      EXPECT_EQ(drc_table_num_rows(g0), rank == 0 ? kRows : 0);
      drc_table_free(g0);
      for (drc_table* t : {whole, sorted, want, got}) drc_table_free(t);
    });
  }
}

TEST(DistCApi, ReadWriteRoundTripAndRankPath) {
  const std::string dir = (std::filesystem::temp_directory_path() / ("deeprc_dist_capi_" + std::to_string(getpid()))).string();
  std::filesystem::create_directories(dir);
  const std::string arrow = dir + "/w3.arrow", csv = dir + "/w3.csv";
  on_group(3, [&](int rank, drc_comm* comm, drc_table* mine) {
    drc_table* whole = gathered(comm, mine);
    Status w1{drc_dist_write_ipc(comm, mine, arrow.c_str(), 0, nullptr)};
    EXPECT_EQ(w1.code(), DRC_STATUS_OK) << w1.message();
    Status w2{drc_dist_write_csv(comm, mine, csv.c_str(), 1, nullptr)};
    EXPECT_EQ(w2.code(), DRC_STATUS_OK) << w2.message();
    std::vector<std::string> names;
    for (int r = 0; r < 3; ++r) {
      char* p = nullptr;
      Status rp{drc_dist_rank_path(arrow.c_str(), r, &p)};
      names.emplace_back(p);
      drc_string_free(p);
    }
    EXPECT_EQ(names[2], dir + "/w3.rank2.arrow");
    const char* paths[] = {names[0].c_str(), names[1].c_str(), names[2].c_str()};
    drc_table *ipc = nullptr, *text = nullptr;
    Status r1{drc_dist_read_ipc(comm, paths, 3, &ipc)};
    EXPECT_EQ(r1.code(), DRC_STATUS_OK) << r1.message();
    const char* one[] = {csv.c_str()};
    Status r2{drc_dist_read_csv(comm, one, 1, nullptr, &text)};
    EXPECT_EQ(r2.code(), DRC_STATUS_OK) << r2.message();
    drc_table* ipc_all = gathered(comm, ipc);
    drc_table* text_all = gathered(comm, text);
    EXPECT_TRUE(equal(ipc_all, whole));
    EXPECT_EQ(drc_table_num_rows(text_all), kRows);
    drc_table* none = nullptr;
    const char* missing[] = {"/nonexistent/deeprc.csv"};
    Status e1{drc_dist_read_csv(comm, missing, 1, nullptr, &none)};
    EXPECT_NE(e1.code(), DRC_STATUS_OK);
    EXPECT_NE(e1.message().find("/nonexistent/deeprc.csv"), std::string::npos) << e1.message();
    Status e2{drc_dist_read_ipc(comm, paths, 0, &none)};
    EXPECT_EQ(e2.code(), DRC_STATUS_INVALID);
    (void)rank;
    for (drc_table* t : {whole, ipc, text, ipc_all, text_all}) drc_table_free(t);
  });
  char* p = nullptr;
  Status rp{drc_dist_rank_path("out", 3, &p)};
  EXPECT_STREQ(p, "out.rank3");
  drc_string_free(p);
  Status bad{drc_dist_sort(nullptr, nullptr, nullptr, 0, 0, nullptr)};
  EXPECT_EQ(bad.code(), DRC_STATUS_INVALID);
  std::filesystem::remove_all(dir);
}

// The Gloo backend in threads of one process (rank/size explicit): every collective through the
// C ABI over an authenticated TCP store, the C++ communicator over a file store with 7-byte
// chunks (every multi-chunk path), sub-groups, a store served by rank 0, and the failures: a peer
// that never arrives, a wrong secret, a peer that vanishes or is late mid-collective, disagreeing
// counts, bad options. Skipped when libdeeprc_gloo.so is not built (the ASan CI build has no
// plugins).
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "comm/backends.h"
#include "comm/plugin_comm.h"
#include "comm/store/tcp_store.h"
#include "core/error.h"
#include "deeprc/deeprc.h"

using namespace deeprc;
using Clock = std::chrono::steady_clock;

namespace {

// Points DEEPRC_PLUGIN_DIR at the build's lib/ (next to bin/) unless set; false without the plugin.
bool have_plugin() {
  if (std::getenv("DEEPRC_PLUGIN_DIR") == nullptr) {
    const auto lib = std::filesystem::read_symlink("/proc/self/exe").parent_path().parent_path() / "lib";
    if (std::filesystem::exists(lib / "libdeeprc_gloo.so")) ::setenv("DEEPRC_PLUGIN_DIR", lib.c_str(), 1);
  }
  try {
    comm::plugin_symbol("gloo", DRC_GLOO_PLUGIN_CREATE);
    return true;
  } catch (const Error&) {
    return false;
  }
}

#define REQUIRE_GLOO()                                                        \
  do {                                                                        \
    if (!have_plugin()) {                                                     \
      GTEST_SKIP() << "libdeeprc_gloo.so is not built (no libgloo)";          \
    }                                                                         \
  } while (0)

// Runs body(rank) on `size` threads; returns each rank's exception text ("" = none).
std::vector<std::string> on_threads(int size, const std::function<void(int)>& body) {
  std::vector<std::string> errors(static_cast<size_t>(size));
  std::vector<std::thread> threads;
  for (int r = 0; r < size; ++r)
    threads.emplace_back([&, r] {
      try {
        body(r);
      } catch (const std::exception& e) {
        errors[static_cast<size_t>(r)] = e.what();
      }
    });
  for (auto& t : threads) t.join();
  return errors;
}

std::string take_message(drc_status* st) {
  if (st == nullptr) return "";
  std::string m = drc_status_message(st);
  drc_status_free(st);
  return m;
}

// Throws the status as an Error so that on_threads reports it.
void ok(drc_status* st, const char* what) {
  if (st == nullptr) return;
  const int32_t code = drc_status_code(st);
  throw Error(static_cast<ErrorCode>(code), std::string(what) + ": " + take_message(st));
}

int free_port() {
  comm::TcpStoreServer probe("127.0.0.1", 0, "");
  return probe.port();
}

struct TempDir {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("deeprc-gloo-test-" + std::to_string(::getpid()) + "-" +
                                std::to_string(std::random_device{}()));
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

uint8_t pattern(int from, int to, int64_t i) { return static_cast<uint8_t>(from * 31 + to * 7 + i * 13); }

}  // namespace

TEST(GlooComm, EveryCollectiveThroughTheCApiOverAnAuthenticatedTcpStore) {
  REQUIRE_GLOO();
  constexpr int kSize = 3;
  drc_store_server* server = nullptr;
  ASSERT_EQ(drc_store_server_start("127.0.0.1", 0, "pw", &server), nullptr);
  const std::string store = "tcp://127.0.0.1:" + std::to_string(drc_store_server_port(server));
  const auto errors = on_threads(kSize, [&](int r) {
    drc_gloo_options o;
    drc_gloo_options_init(&o);
    o.rank = r;
    o.size = kSize;
    o.store = store.c_str();
    o.secret = "pw";
    o.iface = "lo";
    o.timeout_ms = 30000;
    drc_comm* c = nullptr;
    ok(drc_comm_gloo(&o, &c), "drc_comm_gloo");
    if (std::string(drc_comm_backend(c)) != "gloo" || drc_comm_rank(c) != r || drc_comm_size(c) != kSize)
      throw std::runtime_error("wrong backend / rank / size");

    // allreduce: int64 sum, uint8 sum wrapping, int32 max over negatives, float64 min, in place.
    std::vector<int64_t> v = {r + 1, 10 * (r + 1), -(r + 1), int64_t{1} << 40};
    ok(drc_comm_allreduce(c, v.data(), v.data(), 4, DRC_TYPE_INT64, DRC_REDUCE_SUM), "allreduce");
    if (v != std::vector<int64_t>{6, 60, -6, int64_t{3} << 40}) throw std::runtime_error("int64 sum");
    uint8_t u = 200, us = 0;
    ok(drc_comm_allreduce(c, &u, &us, 1, DRC_TYPE_UINT8, DRC_REDUCE_SUM), "allreduce");
    if (us != static_cast<uint8_t>(600)) throw std::runtime_error("uint8 sum");
    int32_t m = -10 - r, mx = 0;
    ok(drc_comm_allreduce(c, &m, &mx, 1, DRC_TYPE_INT32, DRC_REDUCE_MAX), "allreduce");
    if (mx != -10) throw std::runtime_error("int32 max");
    double d = 1.5 - r, dmin = 0;
    ok(drc_comm_allreduce(c, &d, &dmin, 1, DRC_TYPE_FLOAT64, DRC_REDUCE_MIN), "allreduce");
    if (dmin != -0.5) throw std::runtime_error("float64 min");

    // alltoallv: r sends r*10 + d + 1 bytes to d (rank 1 sends nothing to rank 0).
    std::vector<int64_t> sc(kSize), sd(kSize), rc(kSize), rd(kSize);
    for (int p = 0; p < kSize; ++p) {
      sc[static_cast<size_t>(p)] = (r == 1 && p == 0) ? 0 : r * 10 + p + 1;
      rc[static_cast<size_t>(p)] = (p == 1 && r == 0) ? 0 : p * 10 + r + 1;
    }
    const int64_t stotal = comm::exclusive_scan(sc, sd), rtotal = comm::exclusive_scan(rc, rd);
    std::vector<uint8_t> sbuf(static_cast<size_t>(stotal)), rbuf(static_cast<size_t>(rtotal), 0xEE);
    for (int p = 0; p < kSize; ++p)
      for (int64_t i = 0; i < sc[static_cast<size_t>(p)]; ++i)
        sbuf[static_cast<size_t>(sd[static_cast<size_t>(p)] + i)] = pattern(r, p, i);
    ok(drc_comm_alltoallv(c, sbuf.data(), sc.data(), sd.data(), rbuf.data(), rc.data(), rd.data()), "alltoallv");
    for (int p = 0; p < kSize; ++p)
      for (int64_t i = 0; i < rc[static_cast<size_t>(p)]; ++i)
        if (rbuf[static_cast<size_t>(rd[static_cast<size_t>(p)] + i)] != pattern(p, r, i))
          throw std::runtime_error("alltoallv byte " + std::to_string(i) + " from " + std::to_string(p));

    // bcast from the last rank, allgather.
    std::vector<uint8_t> b(1000);
    for (size_t i = 0; i < b.size(); ++i) b[i] = r == kSize - 1 ? static_cast<uint8_t>(i * 3) : 0;
    ok(drc_comm_bcast(c, b.data(), static_cast<int64_t>(b.size()), kSize - 1), "bcast");
    for (size_t i = 0; i < b.size(); ++i)
      if (b[i] != static_cast<uint8_t>(i * 3)) throw std::runtime_error("bcast");
    const int64_t mine = 1000 + r;
    std::vector<int64_t> all(kSize);
    ok(drc_comm_allgather(c, &mine, 8, all.data()), "allgather");
    if (all != std::vector<int64_t>{1000, 1001, 1002}) throw std::runtime_error("allgather");

    // Groups {0, 2} and {1}, created concurrently with the same tag.
    const std::vector<int32_t> members = r == 1 ? std::vector<int32_t>{1} : std::vector<int32_t>{0, 2};
    drc_comm* g = nullptr;
    ok(drc_comm_create_group(c, members.data(), static_cast<int32_t>(members.size()), 5, &g), "create_group");
    int64_t wr = r, gs = 0;
    ok(drc_comm_allreduce(g, &wr, &gs, 1, DRC_TYPE_INT64, DRC_REDUCE_SUM), "group allreduce");
    if (drc_comm_size(g) != static_cast<int32_t>(members.size()) || gs != (r == 1 ? 1 : 2))
      throw std::runtime_error("group sum " + std::to_string(gs));
    ok(drc_comm_close(g), "group close");
    drc_comm_free(g);
    // The same group again (same tag): a fresh rendezvous, not the first one's keys.
    ok(drc_comm_create_group(c, members.data(), static_cast<int32_t>(members.size()), 5, &g), "create_group again");
    ok(drc_comm_barrier(g), "group barrier");
    ok(drc_comm_close(g), "group close");
    drc_comm_free(g);

    ok(drc_comm_barrier(c), "barrier");
    ok(drc_comm_close(c), "close");
    drc_comm_free(c);
  });
  for (int r = 0; r < kSize; ++r) EXPECT_EQ(errors[static_cast<size_t>(r)], "") << "rank " << r;
  drc_store_server_stop(server);
}

TEST(GlooComm, ChunkedCollectivesOverAFileStoreMatchTheReference) {
  REQUIRE_GLOO();
  constexpr int kSize = 3;
  TempDir dir;
  ::setenv("DEEPRC_GLOO_CHUNK_BYTES", "7", 1);  // read when each communicator is created
  std::vector<std::unique_ptr<comm::Communicator>> comms(kSize);
  auto errors = on_threads(kSize, [&](int r) {
    comm::GlooOptions o;
    o.rank = r;
    o.size = kSize;
    o.store = "file://" + dir.path.string();
    o.prefix = "chunked";
    o.iface = "lo";
    o.timeout_ms = 30000;
    comms[static_cast<size_t>(r)] = comm::make_gloo(o);
  });
  ::unsetenv("DEEPRC_GLOO_CHUNK_BYTES");
  for (int r = 0; r < kSize; ++r) ASSERT_EQ(errors[static_cast<size_t>(r)], "") << "rank " << r;
  errors = on_threads(kSize, [&](int r) {
    comm::Communicator& c = *comms[static_cast<size_t>(r)];
    // gatherv to rank 1 of 50 * (r + 1) bytes each.
    std::vector<uint8_t> mine(static_cast<size_t>(50 * (r + 1)));
    for (size_t i = 0; i < mine.size(); ++i) mine[i] = pattern(r, 9, static_cast<int64_t>(i));
    std::vector<int64_t> counts = {50, 100, 150}, displs(3);
    comm::exclusive_scan(counts, displs);
    std::vector<uint8_t> got(300, 0);
    c.gatherv(mine.data(), static_cast<int64_t>(mine.size()), got.data(), counts.data(), displs.data(), 1);
    if (r == 1)
      for (int p = 0; p < kSize; ++p)
        for (int64_t i = 0; i < counts[static_cast<size_t>(p)]; ++i)
          if (got[static_cast<size_t>(displs[static_cast<size_t>(p)] + i)] != pattern(p, 9, i))
            throw std::runtime_error("gatherv");
    std::vector<uint8_t> everyone(300, 0);
    c.allgatherv(mine.data(), static_cast<int64_t>(mine.size()), everyone.data(), counts.data(), displs.data());
    for (int p = 0; p < kSize; ++p)
      for (int64_t i = 0; i < counts[static_cast<size_t>(p)]; ++i)
        if (everyone[static_cast<size_t>(displs[static_cast<size_t>(p)] + i)] != pattern(p, 9, i))
          throw std::runtime_error("allgatherv");
    // allreduce of 37 doubles (one element per chunk): rank-ordered sums.
    std::vector<double> x(37), want(37, 0.0);
    for (int i = 0; i < 37; ++i) {
      x[static_cast<size_t>(i)] = 0.1 * (r + 1) + i;
      for (int p = 0; p < kSize; ++p) want[static_cast<size_t>(i)] += 0.1 * (p + 1) + i;
    }
    std::vector<double> y(37);
    c.allreduce(x.data(), y.data(), 37, TypeId::Float64, comm::ReduceOp::Sum);
    if (y != want) throw std::runtime_error("allreduce float64 sum");
    std::vector<uint8_t> blob(101, 0);
    if (r == 2)
      for (size_t i = 0; i < blob.size(); ++i) blob[i] = static_cast<uint8_t>(255 - i);
    c.bcast(blob.data(), 101, 2);
    for (size_t i = 0; i < blob.size(); ++i)
      if (blob[i] != static_cast<uint8_t>(255 - i)) throw std::runtime_error("bcast");
    const int g[] = {1, 2};
    if (r > 0) {
      auto sub = c.create_group(g, 3);
      if (comm::allreduce_i64(*sub, r, comm::ReduceOp::Sum) != 3) throw std::runtime_error("group {1, 2} sum");
      sub->close();
    }
    c.close();
  });
  for (int r = 0; r < kSize; ++r) EXPECT_EQ(errors[static_cast<size_t>(r)], "") << "rank " << r;
}

TEST(GlooComm, APeerThatNeverArrivesTimesOutNamingIt) {
  REQUIRE_GLOO();
  TempDir dir;
  comm::GlooOptions o;
  o.rank = 0;
  o.size = 2;
  o.store = dir.path.string();
  o.prefix = "lonely";
  o.iface = "lo";
  o.timeout_ms = 1500;
  const auto t0 = Clock::now();
  try {
    comm::make_gloo(o);
    ADD_FAILURE() << "rendezvous without rank 1 succeeded";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Comm);
    const std::string m = e.what();
    EXPECT_NE(m.find("rank 1 did not arrive"), std::string::npos) << m;
    EXPECT_NE(m.find("lonely/"), std::string::npos) << m;  // the key waited for
    EXPECT_NE(m.find("timed out"), std::string::npos) << m;
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
  EXPECT_GE(ms, 1400);
  EXPECT_LT(ms, 15000);
}

TEST(GlooComm, AWrongSecretIsACommError) {
  REQUIRE_GLOO();
  comm::TcpStoreServer server("127.0.0.1", 0, "right");
  drc_gloo_options o;
  drc_gloo_options_init(&o);
  o.rank = 0;
  o.size = 1;
  const std::string store = "tcp://127.0.0.1:" + std::to_string(server.port());
  o.store = store.c_str();
  o.secret = "wrong";
  o.iface = "lo";
  drc_comm* c = nullptr;
  drc_status* st = drc_comm_gloo(&o, &c);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_COMM);
  const std::string m = take_message(st);
  EXPECT_NE(m.find("store refused: bad secret"), std::string::npos) << m;
  EXPECT_EQ(server.refused(), 1);
}

TEST(GlooComm, APeerVanishingMidCollectiveIsACommErrorNamingIt) {
  REQUIRE_GLOO();
  comm::TcpStoreServer server("127.0.0.1", 0, "");
  const std::string store = "tcp://127.0.0.1:" + std::to_string(server.port());
  std::string first, second;
  const auto errors = on_threads(2, [&](int r) {
    comm::GlooOptions o;
    o.rank = r;
    o.size = 2;
    o.store = store;
    o.iface = "lo";
    o.timeout_ms = 5000;
    auto c = comm::make_gloo(o);
    c->barrier();
    if (r == 1) return;  // dropped without close(): its sockets go away
    std::vector<int64_t> v(4, 1);
    try {
      c->allreduce(v.data(), v.data(), 4, TypeId::Int64, comm::ReduceOp::Sum);
    } catch (const Error& e) {
      first = std::to_string(static_cast<int>(e.code())) + " " + e.what();
    }
    try {
      c->barrier();
    } catch (const Error& e) {
      second = e.what();
    }
    c->close();  // no hang on a broken communicator
  });
  EXPECT_EQ(errors[0], "");
  EXPECT_EQ(errors[1], "");
  EXPECT_EQ(first.rfind(std::to_string(static_cast<int>(ErrorCode::Comm)) + " ", 0), 0u) << first;
  EXPECT_NE(first.find("allreduce"), std::string::npos) << first;
  EXPECT_NE(first.find("rank 1"), std::string::npos) << first;
  EXPECT_NE(second.find("unusable after an earlier failure"), std::string::npos) << second;
}

TEST(GlooComm, APeerLateForACollectiveTimesOutNamingIt) {
  REQUIRE_GLOO();
  comm::TcpStoreServer server("127.0.0.1", 0, "");
  const std::string store = "tcp://127.0.0.1:" + std::to_string(server.port());
  std::string late;
  int64_t waited_ms = 0;
  const auto errors = on_threads(2, [&](int r) {
    comm::GlooOptions o;
    o.rank = r;
    o.size = 2;
    o.store = store;
    o.iface = "lo";
    o.timeout_ms = 800;
    auto c = comm::make_gloo(o);
    if (r == 1) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2000));
      try {
        c->barrier();  // its peer gave up: an error, not a hang
      } catch (const Error&) {
      }
      return;
    }
    const auto t0 = Clock::now();
    try {
      c->barrier();
    } catch (const Error& e) {
      late = e.what();
    }
    waited_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
  });
  EXPECT_EQ(errors[0], "");
  EXPECT_EQ(errors[1], "");
  EXPECT_NE(late.find("barrier"), std::string::npos) << late;
  EXPECT_NE(late.find("rank 1"), std::string::npos) << late;
  EXPECT_NE(late.find("timeout 800 ms"), std::string::npos) << late;
  EXPECT_GE(waited_ms, 700);
  EXPECT_LT(waited_ms, 1900);
}

TEST(GlooComm, DisagreeingCountsAreAnErrorNotACrash) {
  REQUIRE_GLOO();
  comm::TcpStoreServer server("127.0.0.1", 0, "");
  const std::string store = "tcp://127.0.0.1:" + std::to_string(server.port());
  std::vector<std::string> got(2);
  std::vector<int> codes(2, 0);
  const auto errors = on_threads(2, [&](int r) {
    comm::GlooOptions o;
    o.rank = r;
    o.size = 2;
    o.store = store;
    o.iface = "lo";
    o.timeout_ms = 5000;
    auto c = comm::make_gloo(o);
    // Rank 0 sends 10 bytes to rank 1, which expects 5 (gloo itself would abort the process).
    std::vector<uint8_t> s(20, 1), d(20, 0);
    std::vector<int64_t> sc = {0, r == 0 ? 10 : 0}, sd = {0, 0}, rc = {r == 1 ? 5 : 0, 0}, rd = {0, 0};
    try {
      c->alltoallv(s.data(), sc.data(), sd.data(), d.data(), rc.data(), rd.data());
    } catch (const Error& e) {
      got[static_cast<size_t>(r)] = e.what();
      codes[static_cast<size_t>(r)] = static_cast<int>(e.code());
    }
    c->close();
  });
  EXPECT_EQ(errors[0], "");
  EXPECT_EQ(errors[1], "");
  EXPECT_EQ(codes[1], static_cast<int>(ErrorCode::Invalid)) << got[1];
  EXPECT_NE(got[1].find("rank 0 sends 10 bytes to rank 1, which expects 5"), std::string::npos) << got[1];
  EXPECT_EQ(codes[0], static_cast<int>(ErrorCode::Comm)) << got[0];
  EXPECT_NE(got[0].find("rank 1"), std::string::npos) << got[0];
}

TEST(GlooComm, ServeStoreStartsTheServerOnRankZero) {
  REQUIRE_GLOO();
  const std::string store = "tcp://127.0.0.1:" + std::to_string(free_port());
  const auto errors = on_threads(3, [&](int r) {
    if (r == 0) std::this_thread::sleep_for(std::chrono::milliseconds(300));  // clients come first
    comm::GlooOptions o;
    o.rank = r;
    o.size = 3;
    o.store = store;
    o.serve_store = true;
    o.secret = "s";
    o.iface = "lo";
    o.timeout_ms = 30000;
    auto c = comm::make_gloo(o);
    if (comm::allreduce_i64(*c, 1 << r, comm::ReduceOp::Sum) != 7) throw std::runtime_error("sum");
    c->close();
  });
  for (int r = 0; r < 3; ++r) EXPECT_EQ(errors[static_cast<size_t>(r)], "") << "rank " << r;
}

TEST(GlooComm, OptionsAreChecked) {
  drc_gloo_options o;
  std::memset(&o, 0x5a, sizeof o);
  drc_gloo_options_init(&o);
  EXPECT_EQ(o.rank, -1);
  EXPECT_EQ(o.size, -1);
  EXPECT_EQ(o.store, nullptr);
  EXPECT_EQ(o.secret, nullptr);
  EXPECT_EQ(o.timeout_ms, 300000);
  EXPECT_EQ(o.serve_store, 0);
  drc_comm* c = nullptr;
  o.rank = 0;
  drc_status* st = drc_comm_gloo(&o, &c);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_INVALID);
  EXPECT_NE(take_message(st).find("both"), std::string::npos);
  o.rank = 2;
  o.size = 2;
  o.store = "/nonexistent-dir-unused";
  o.prefix = "p";
  st = drc_comm_gloo(&o, &c);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_INVALID);
  EXPECT_NE(take_message(st).find("rank 2"), std::string::npos);
  o.rank = 0;
  o.serve_store = 1;
  st = drc_comm_gloo(&o, &c);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_INVALID);
  EXPECT_NE(take_message(st).find("serve_store needs a tcp://"), std::string::npos);
  st = drc_comm_gloo(nullptr, &c);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_INVALID);
  EXPECT_NE(take_message(st).find("'options'"), std::string::npos);
}

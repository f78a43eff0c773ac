// The rendezvous stores: SHA-256 / HMAC-SHA256 against the FIPS 180-2 and RFC 4231 vectors, the
// file store (atomic values, escaped keys, waiting get, timeouts naming the key) and the TCP store
// (blocking get, timeouts, many concurrent clients, wrong secrets and garbage refused while the
// server keeps serving), the drc_kv_store C adapter and the drc_store_server_* C ABI.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "comm/store/file_store.h"
#include "comm/store/kv_store.h"
#include "comm/store/sha256.h"
#include "comm/store/tcp_store.h"
#include "core/error.h"
#include "deeprc/deeprc.h"

using namespace deeprc;
using namespace deeprc::comm;
using Clock = std::chrono::steady_clock;

namespace {

std::vector<uint8_t> bytes(const std::string& s) { return {s.begin(), s.end()}; }
std::string hex_of(const Sha256Digest& d) { return to_hex(d); }

int64_t ms_since(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t).count();
}

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() /
           ("deeprc-store-test-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()));
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

// A raw TCP connection to 127.0.0.1:port, for speaking garbage to the server.
int raw_connect(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Reads until the server closes the connection (or 10 s pass); true when it closed.
bool closed_by_server(int fd) {
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  char buf[4096];
  for (;;) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n == 0) return true;
    if (n < 0) return false;
  }
}

}  // namespace

TEST(Sha256, Fips180Vectors) {
  EXPECT_EQ(hex_of(sha256(bytes(""))), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(hex_of(sha256(bytes("abc"))), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(hex_of(sha256(bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  const std::string million(1000000, 'a');
  EXPECT_EQ(hex_of(sha256(bytes(million))), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, IncrementalUpdatesEqualOneShot) {
  std::mt19937 rng(5);
  std::vector<uint8_t> data(1000);
  for (auto& b : data) b = static_cast<uint8_t>(rng());
  for (size_t len : {0u, 1u, 55u, 56u, 63u, 64u, 65u, 119u, 120u, 128u, 1000u}) {
    const std::span<const uint8_t> whole(data.data(), len);
    Sha256 s;
    size_t at = 0;
    while (at < len) {
      const size_t n = std::min<size_t>(len - at, 1 + rng() % 70);
      s.update(whole.subspan(at, n));
      at += n;
    }
    EXPECT_EQ(hex_of(s.finish()), hex_of(sha256(whole))) << "length " << len;
  }
}

TEST(Sha256, HmacRfc4231Vectors) {
  const auto hmac = [](const std::vector<uint8_t>& k, const std::vector<uint8_t>& m) { return hex_of(hmac_sha256(k, m)); };
  EXPECT_EQ(hmac(std::vector<uint8_t>(20, 0x0b), bytes("Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(hmac(bytes("Jefe"), bytes("what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(hmac(std::vector<uint8_t>(20, 0xaa), std::vector<uint8_t>(50, 0xdd)),
            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
  EXPECT_EQ(hmac(std::vector<uint8_t>(131, 0xaa), bytes("Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  EXPECT_EQ(hmac(std::vector<uint8_t>(131, 0xaa),
                 bytes("This is a test using a larger than block-size key and a larger than block-size data. The key "
                       "needs to be hashed before being used by the HMAC algorithm.")),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

TEST(FileStore, SetGetOverwriteAndEscapedKeys) {
  TempDir dir;
  FileStore store((dir.path / "nested" / "store").string());
  const std::vector<std::string> keys = {"plain", "a/b/../c", ".hidden", "..", "sp ace%25", "ünï", "", std::string(300, 'k')};
  for (size_t i = 0; i < keys.size(); ++i) store.set(keys[i], bytes("value " + std::to_string(i)));
  for (size_t i = 0; i < keys.size(); ++i)
    EXPECT_EQ(store.get(keys[i], 0), bytes("value " + std::to_string(i))) << "key '" << keys[i] << "'";
  store.set("plain", {});
  EXPECT_TRUE(store.get("plain", 0).empty());
  // Every key is one regular file directly in the directory (no traversal, no temporaries left).
  size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(store.dir())) {
    EXPECT_TRUE(e.is_regular_file()) << e.path();
    EXPECT_NE(e.path().filename().string()[0], '.') << e.path();
    EXPECT_LE(e.path().filename().string().size(), 200u);
    ++files;
  }
  EXPECT_EQ(files, keys.size());
  EXPECT_NE(FileStore::file_name("a/b"), FileStore::file_name("a%2Fb"));
}

TEST(FileStore, GetWaitsForALaterSetAndTimesOutNamingTheKey) {
  TempDir dir;
  FileStore store(dir.path.string());
  std::thread setter([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    FileStore(dir.path.string()).set("late", bytes("here"));
  });
  const auto t0 = Clock::now();
  EXPECT_EQ(store.get("late", 10000), bytes("here"));
  EXPECT_GE(ms_since(t0), 140);
  setter.join();

  const auto t1 = Clock::now();
  try {
    store.get("never/set", 300);
    ADD_FAILURE() << "no timeout";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::IO);
    EXPECT_NE(std::string(e.what()).find("'never/set'"), std::string::npos) << e.what();
  }
  EXPECT_GE(ms_since(t1), 290);
  EXPECT_LT(ms_since(t1), 5000);
}

TEST(TcpStore, SetGetBlockingGetAndTimeoutNamingTheKey) {
  TcpStoreServer server("127.0.0.1", 0, "s3cret");
  ASSERT_GT(server.port(), 0);
  TcpStoreClient a("127.0.0.1", server.port(), "s3cret");
  a.set("k1", bytes("v1"));
  EXPECT_EQ(a.get("k1", 0), bytes("v1"));
  a.set("k1", bytes("v1b"));
  EXPECT_EQ(a.get("k1", 0), bytes("v1b"));
  std::vector<uint8_t> big(3 << 20);
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<uint8_t>(i * 7);
  a.set("big", big);
  EXPECT_EQ(a.get("big", 0), big);

  std::thread setter([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    TcpStoreClient("127.0.0.1", server.port(), "s3cret").set("later", bytes("x"));
  });
  const auto t0 = Clock::now();
  EXPECT_EQ(a.get("later", 10000), bytes("x"));
  EXPECT_GE(ms_since(t0), 190);
  setter.join();

  const auto t1 = Clock::now();
  try {
    a.get("missing-key", 300);
    ADD_FAILURE() << "no timeout";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::IO);
    EXPECT_NE(std::string(e.what()).find("'missing-key'"), std::string::npos) << e.what();
  }
  EXPECT_GE(ms_since(t1), 290);
  // The connection is still usable after a timeout.
  EXPECT_EQ(a.get("k1", 0), bytes("v1b"));
  EXPECT_EQ(server.refused(), 0);
}

TEST(TcpStore, ManyConcurrentClientsSeeEachOthersKeys) {
  TcpStoreServer server("127.0.0.1", 0, "");
  constexpr int kClients = 24;
  std::vector<std::string> errors(kClients);
  std::vector<std::thread> threads;
  for (int c = 0; c < kClients; ++c) {
    threads.emplace_back([&, c] {
      try {
        TcpStoreClient client("127.0.0.1", server.port(), "");
        client.set("rank/" + std::to_string(c), bytes("addr-" + std::to_string(c * c)));
        for (int o = kClients - 1; o >= 0; --o)
          if (client.get("rank/" + std::to_string(o), 20000) != bytes("addr-" + std::to_string(o * o)))
            errors[static_cast<size_t>(c)] = "wrong value for " + std::to_string(o);
      } catch (const std::exception& e) {
        errors[static_cast<size_t>(c)] = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int c = 0; c < kClients; ++c) EXPECT_EQ(errors[static_cast<size_t>(c)], "") << "client " << c;
}

TEST(TcpStore, WrongOrMissingSecretIsRefused) {
  TcpStoreServer server("127.0.0.1", 0, "right");
  for (const std::string secret : {"wrong", ""}) {
    try {
      TcpStoreClient client("127.0.0.1", server.port(), secret);
      ADD_FAILURE() << "secret '" << secret << "' accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::Comm);
      EXPECT_NE(std::string(e.what()).find("store refused: bad secret"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(server.refused(), 2);
  TcpStoreClient good("127.0.0.1", server.port(), "right");
  good.set("k", bytes("v"));
  EXPECT_EQ(good.get("k", 0), bytes("v"));
}

TEST(TcpStore, GarbageClientsAreDroppedAndTheServerKeepsServing) {
  TcpStoreServer server("127.0.0.1", 0, "pw");
  TcpStoreClient good("127.0.0.1", server.port(), "pw");
  good.set("before", bytes("1"));
  // An HTTP request: its first four bytes read as a huge frame length.
  int fd = raw_connect(server.port());
  ASSERT_GE(fd, 0);
  const std::string http = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_EQ(::send(fd, http.data(), http.size(), MSG_NOSIGNAL), static_cast<ssize_t>(http.size()));
  EXPECT_TRUE(closed_by_server(fd));
  ::close(fd);
  // A frame with a wrong protocol version, and one whose key length overruns the frame.
  for (const std::vector<uint8_t>& frame : {std::vector<uint8_t>{0, 0, 0, 6, 9, 2, 0, 0, 0, 0},
                                            std::vector<uint8_t>{0, 0, 0, 6, 1, 2, 0, 0, 0, 200}}) {
    fd = raw_connect(server.port());
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::send(fd, frame.data(), frame.size(), MSG_NOSIGNAL), static_cast<ssize_t>(frame.size()));
    EXPECT_TRUE(closed_by_server(fd));
    ::close(fd);
  }
  // A well-formed but oversized frame before authentication.
  fd = raw_connect(server.port());
  ASSERT_GE(fd, 0);
  const std::vector<uint8_t> big_header = {0, 1, 0, 0, 1, 2};
  ASSERT_EQ(::send(fd, big_header.data(), big_header.size(), MSG_NOSIGNAL), 6);
  EXPECT_TRUE(closed_by_server(fd));
  ::close(fd);
  // A silent connection does not block anybody.
  const int silent = raw_connect(server.port());
  EXPECT_GE(silent, 0);
  EXPECT_EQ(good.get("before", 0), bytes("1"));
  TcpStoreClient other("127.0.0.1", server.port(), "pw");
  other.set("after", bytes("2"));
  EXPECT_EQ(good.get("after", 1000), bytes("2"));
  EXPECT_EQ(server.refused(), 4);
  ::close(silent);
}

TEST(TcpStore, ClientWaitsForALateServerAndFailsClearlyWithoutOne) {
  int port = 0;
  {
    TcpStoreServer probe("127.0.0.1", 0, "");
    port = probe.port();
  }
  const auto t0 = Clock::now();
  try {
    TcpStoreClient client("127.0.0.1", port, "", 300);
    ADD_FAILURE() << "connected to nothing";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Comm);
    EXPECT_NE(std::string(e.what()).find(std::to_string(port)), std::string::npos) << e.what();
  }
  EXPECT_GE(ms_since(t0), 290);
  std::unique_ptr<TcpStoreServer> late;
  std::thread starter([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    late = std::make_unique<TcpStoreServer>("127.0.0.1", port, "");
  });
  TcpStoreClient client("127.0.0.1", port, "", 20000);
  starter.join();
  client.set("a", bytes("b"));
  EXPECT_EQ(client.get("a", 0), bytes("b"));
}

TEST(KvStore, CAdapterAndOpenStore) {
  TempDir dir;
  auto store = open_store("file://" + dir.path.string(), "");
  drc_kv_store c = c_store(*store);
  drc_plugin_error err{};
  const char value[] = "abc";
  ASSERT_EQ(c.set(c.self, "key", value, 3, &err), 0);
  void* got = nullptr;
  int64_t size = -1;
  ASSERT_EQ(c.get(c.self, "key", 0, &got, &size, &err), 0);
  EXPECT_EQ(std::string(static_cast<char*>(got), static_cast<size_t>(size)), "abc");
  c.free_value(c.self, got);
  EXPECT_EQ(c.get(c.self, "absent", 50, &got, &size, &err), DRC_STATUS_IO);
  EXPECT_EQ(err.code, DRC_STATUS_IO);
  EXPECT_NE(std::string(err.message).find("'absent'"), std::string::npos) << err.message;
  EXPECT_EQ(open_store(dir.path.string(), "")->get("key", 0), bytes("abc"));
  EXPECT_THROW(open_store("tcp://nohostport", ""), Error);
  EXPECT_THROW(open_store("tcp://host:99999", ""), Error);
  EXPECT_EQ(parse_host_port("[::1]:80"), std::make_pair(std::string("::1"), 80));
}

TEST(StoreServerCApi, StartPortStop) {
  drc_store_server* server = nullptr;
  ASSERT_EQ(drc_store_server_start("127.0.0.1", 0, "k", &server), nullptr);
  const int port = drc_store_server_port(server);
  EXPECT_GT(port, 0);
  {
    TcpStoreClient client("127.0.0.1", port, "k");
    client.set("x", bytes("y"));
    EXPECT_EQ(client.get("x", 0), bytes("y"));
  }
  drc_store_server_stop(server);
  EXPECT_EQ(drc_store_server_port(nullptr), -1);
  drc_status* st = drc_store_server_start("127.0.0.1", 70000, "", &server);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_INVALID);
  drc_status_free(st);
}

// main() of deeprc_dist_tests_gloo: every DIST_TEST body on a Gloo world communicator (plugin
// from $DEEPRC_PLUGIN_DIR) over "lo", rank/size from the launcher (CTest starts it under mpirun;
// Gloo itself does not use MPI). The rendezvous store is the job-unique temp directory, or with
// --tcp-store[=PORT] (or DEEPRC_TEST_GLOO_TCP_PORT) a TCP store that rank 0 serves at
// 127.0.0.1:PORT (default: a port derived from the launcher's job id). --print-launcher-info
// prints "launcher rank=R size=S job=J" and exits (launcher_env_test.cpp).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "comm/backends.h"
#include "world/world_runner.h"

namespace {

int tcp_port_for(const std::string& job_id) {
  uint32_t h = 2166136261u;  // FNV-1a: every rank derives the same port from the same job id
  for (char c : job_id) h = (h ^ static_cast<uint8_t>(c)) * 16777619u;
  return 20000 + static_cast<int>(h % 20000u);
}

}  // namespace

int main(int argc, char** argv) {
  deeprc::comm::GlooOptions opts;
  opts.iface = "lo";
  opts.timeout_ms = 120000;
  int tcp_port = -1;
  if (const char* p = std::getenv("DEEPRC_TEST_GLOO_TCP_PORT")) tcp_port = std::atoi(p);
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--print-launcher-info") == 0) {
      try {
        const auto info = deeprc::comm::launcher_info();
        std::printf("launcher rank=%d size=%d job=%s\n", info.rank, info.size, info.job_id.c_str());
        std::fflush(stdout);
        return 0;
      } catch (const std::exception& e) {
        std::fprintf(stderr, "launcher_info: %s\n", e.what());
        return 1;
      }
    }
    if (std::strcmp(argv[i], "--tcp-store") == 0) tcp_port = 0;
    if (std::strncmp(argv[i], "--tcp-store=", 12) == 0) tcp_port = std::atoi(argv[i] + 12);
  }
  if (tcp_port >= 0) {
    try {
      if (tcp_port == 0) tcp_port = tcp_port_for(deeprc::comm::launcher_info().job_id);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "cannot derive the tcp store port: %s\n", e.what());
      return 2;
    }
    opts.store = "tcp://127.0.0.1:" + std::to_string(tcp_port);
    opts.serve_store = true;
    opts.secret = "deeprc-test-secret";
  }
  return deeprc::test::run_world(argc, argv, [&] { return deeprc::comm::make_gloo(opts); });
}

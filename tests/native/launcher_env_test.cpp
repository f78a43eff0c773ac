// comm::launcher_info(): rank/size/job id from synthetic OpenMPI, PMIx, Slurm and PMI-1 (a fake
// hydra answering get_my_kvsname over a socketpair) environments, the errors naming the
// variables, and real launches of deeprc_dist_tests_gloo --print-launcher-info under OpenMPI's
// mpirun and MPICH's mpiexec.hydra: one job id on every rank, a new one per launch.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "comm/backends.h"
#include "core/error.h"

using namespace deeprc;

namespace {

const std::vector<std::string> kVars = {
    "OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE", "OMPI_MCA_ess_base_jobid", "PMIX_NAMESPACE", "PMIX_RANK",
    "PMI_RANK",             "PMI_SIZE",             "PMI_FD",                  "SLURM_PROCID",   "SLURM_NTASKS",
    "SLURM_JOB_ID",         "SLURM_STEP_ID"};

// Clears every launcher variable for the test's duration and restores them afterwards.
class LauncherEnv {
 public:
  LauncherEnv() {
    for (const auto& v : kVars) {
      if (const char* s = std::getenv(v.c_str())) saved_[v] = s;
      ::unsetenv(v.c_str());
    }
  }
  ~LauncherEnv() {
    for (const auto& v : kVars) ::unsetenv(v.c_str());
    for (const auto& [k, v] : saved_) ::setenv(k.c_str(), v.c_str(), 1);
  }
  void set(const char* k, const std::string& v) { ::setenv(k, v.c_str(), 1); }

 private:
  std::map<std::string, std::string> saved_;
};

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

std::string exe_dir() { return std::filesystem::read_symlink("/proc/self/exe").parent_path().string(); }

struct Line {
  int rank, size;
  std::string job;
};

// Runs `command` and parses its "launcher rank=R size=S job=J" lines.
std::vector<Line> run_launch(const std::string& command) {
  std::vector<Line> out;
  FILE* p = ::popen((command + " 2>&1").c_str(), "r");
  if (p == nullptr) return out;
  std::array<char, 4096> buf{};
  std::string all;
  while (std::fgets(buf.data(), buf.size(), p) != nullptr) all += buf.data();
  ::pclose(p);
  // Scan for records rather than lines: a launcher may merge the ranks' output chunks.
  const std::string tag = "launcher rank=";
  for (size_t at = all.find(tag); at != std::string::npos; at = all.find(tag, at + 1)) {
    Line l{};
    char job[512] = {};
    if (std::sscanf(all.c_str() + at, "launcher rank=%d size=%d job=%511s", &l.rank, &l.size, job) == 3) {
      l.job = job;
      const size_t next = l.job.find("launcher");
      if (next != std::string::npos) l.job.resize(next);
      out.push_back(l);
    }
  }
  if (out.empty()) ADD_FAILURE() << command << " printed:\n" << all;
  return out;
}

void expect_one_job(const std::vector<Line>& lines, int np, const char* launcher) {
  EXPECT_EQ(lines.size(), static_cast<size_t>(np)) << launcher;
  std::set<int> ranks;
  for (const auto& l : lines) {
    ranks.insert(l.rank);
    EXPECT_EQ(l.size, np) << launcher;
    EXPECT_EQ(l.job, lines.front().job) << launcher << ": the ranks disagree on the job id";
    EXPECT_FALSE(l.job.empty());
  }
  EXPECT_EQ(ranks.size(), static_cast<size_t>(np)) << launcher;
}

}  // namespace

TEST(LauncherEnv, NoLauncherIsInvalidNamingTheVariables) {
  LauncherEnv env;
  const std::string e = error_of([] { comm::launcher_info(); });
  for (const char* v : {"OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMIX_RANK", "SLURM_PROCID"})
    EXPECT_NE(e.find(v), std::string::npos) << e;
}

TEST(LauncherEnv, OpenMpiVariables) {
  LauncherEnv env;
  env.set("OMPI_COMM_WORLD_RANK", "3");
  env.set("OMPI_COMM_WORLD_SIZE", "5");
  env.set("OMPI_MCA_ess_base_jobid", "1133051905");
  env.set("PMIX_NAMESPACE", "1133051905");
  const auto info = comm::launcher_info();
  EXPECT_EQ(info.rank, 3);
  EXPECT_EQ(info.size, 5);
  EXPECT_EQ(info.job_id, "ompi-1133051905");
}

TEST(LauncherEnv, PmixAndSlurm) {
  {
    LauncherEnv env;
    env.set("PMIX_RANK", "1");
    env.set("PMI_SIZE", "2");
    env.set("PMIX_NAMESPACE", "ns-7");
    const auto info = comm::launcher_info();
    EXPECT_EQ(info.rank, 1);
    EXPECT_EQ(info.size, 2);
    EXPECT_EQ(info.job_id, "pmix-ns-7");
  }
  {
    LauncherEnv env;
    env.set("SLURM_PROCID", "0");
    env.set("SLURM_NTASKS", "4");
    env.set("SLURM_JOB_ID", "77");
    env.set("SLURM_STEP_ID", "3");
    const auto info = comm::launcher_info();
    EXPECT_EQ(info.rank, 0);
    EXPECT_EQ(info.size, 4);
    EXPECT_EQ(info.job_id, "slurm-77.3");
  }
}

TEST(LauncherEnv, BadValuesAreInvalid) {
  LauncherEnv env;
  env.set("OMPI_COMM_WORLD_RANK", "4");
  env.set("OMPI_COMM_WORLD_SIZE", "4");
  env.set("OMPI_MCA_ess_base_jobid", "1");
  EXPECT_NE(error_of([] { comm::launcher_info(); }).find("OMPI_COMM_WORLD_SIZE=4"), std::string::npos);
  env.set("OMPI_COMM_WORLD_RANK", "x1");
  EXPECT_NE(error_of([] { comm::launcher_info(); }).find("OMPI_COMM_WORLD_RANK='x1'"), std::string::npos);
  ::unsetenv("OMPI_COMM_WORLD_SIZE");
  env.set("OMPI_COMM_WORLD_RANK", "0");
  EXPECT_NE(error_of([] { comm::launcher_info(); }).find("no size"), std::string::npos);
  ::unsetenv("OMPI_MCA_ess_base_jobid");
  env.set("OMPI_COMM_WORLD_SIZE", "2");
  EXPECT_NE(error_of([] { comm::launcher_info(); }).find("no job id"), std::string::npos);
}

TEST(LauncherEnv, HydraJobIdIsThePmiKvsName) {
  LauncherEnv env;
  int sv[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
  std::string asked;
  std::thread hydra([&] {
    // Reads one command line, answers it.
    const auto serve = [&](const std::string& reply) {
      char c = 0;
      while (::read(sv[1], &c, 1) == 1) {
        asked.push_back(c);
        if (c == '\n') break;
      }
      [[maybe_unused]] const ssize_t w = ::write(sv[1], reply.data(), reply.size());
    };
    serve("cmd=response_to_init pmi_version=1 pmi_subversion=1 rc=0\n");
    serve("cmd=my_kvsname kvsname=kvs_4242_0_99_host\ncmd=unrelated\n");
  });
  env.set("PMI_RANK", "1");
  env.set("PMI_SIZE", "3");
  env.set("PMI_FD", std::to_string(sv[0]));
  const auto info = comm::launcher_info();
  hydra.join();
  EXPECT_EQ(asked, "cmd=init pmi_version=1 pmi_subversion=1\ncmd=get_my_kvsname\n");
  EXPECT_EQ(info.rank, 1);
  EXPECT_EQ(info.size, 3);
  EXPECT_EQ(info.job_id, "pmi-kvs_4242_0_99_host");
  // Only the reply line was consumed: what follows is still there for the MPI library.
  char rest[32] = {};
  EXPECT_EQ(::read(sv[0], rest, sizeof rest - 1), 14);
  EXPECT_STREQ(rest, "cmd=unrelated\n");
  // Asked once per descriptor: a second call answers from the cache.
  EXPECT_EQ(comm::launcher_info().job_id, "pmi-kvs_4242_0_99_host");
  ::close(sv[0]);
  ::close(sv[1]);
}

TEST(LauncherEnv, RealLaunchesAgreeOnAJobIdPerLaunch) {
  const std::string runner = exe_dir() + "/deeprc_dist_tests_gloo";
  if (!std::filesystem::exists(runner)) {
    GTEST_SKIP() << runner << " not built (no Gloo plugin)";
  }
  LauncherEnv env;  // a clean environment for the launchers' children
  std::string ompi = "mpirun -np 3 --oversubscribe";
  if (::geteuid() == 0) ompi += " --allow-run-as-root";
  if (std::system("command -v mpirun >/dev/null 2>&1") == 0) {
    const auto a = run_launch(ompi + " " + runner + " --print-launcher-info");
    const auto b = run_launch(ompi + " " + runner + " --print-launcher-info");
    expect_one_job(a, 3, "mpirun");
    expect_one_job(b, 3, "mpirun");
    if (!a.empty() && !b.empty()) {
      EXPECT_NE(a.front().job, b.front().job) << "two launches, one job id";
      EXPECT_EQ(a.front().job.rfind("ompi-", 0), 0u) << a.front().job;
    }
  }
  if (std::system("command -v mpiexec.hydra >/dev/null 2>&1") == 0) {
    const auto a = run_launch("mpiexec.hydra -n 2 " + runner + " --print-launcher-info");
    const auto b = run_launch("mpiexec.hydra -n 2 " + runner + " --print-launcher-info");
    expect_one_job(a, 2, "mpiexec.hydra");
    expect_one_job(b, 2, "mpiexec.hydra");
    if (!a.empty() && !b.empty()) {
      EXPECT_NE(a.front().job, b.front().job) << "two launches, one job id";
      EXPECT_EQ(a.front().job.rfind("pmi-kvs_", 0), 0u) << a.front().job;
    }
  }
}

// Loading communicator plugins: a missing plugin is NotFound naming the file and the directories
// searched (a fresh plugin name in-process, and the real MPI constructor of the C ABI in a child
// process, since loaded plugins are cached for the process lifetime); the NCCL plugin loads on a
// machine without NCCL or a GPU and reports a clean Unsupported "NCCL not available: ...".
// Tests that need a built plugin skip when it is absent (the sanitizer build has none).
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "comm/plugin_comm.h"
#include "core/error.h"
#include "deeprc/deeprc.h"

namespace fs = std::filesystem;

namespace {

// Sets an environment variable for the scope, restoring the previous value after.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) setenv(name_, old_->c_str(), 1);
    else unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// A new empty directory under the temp dir, removed with the object.
struct EmptyDir {
  fs::path path = fs::temp_directory_path() / ("deeprc_no_plugins_" + std::to_string(::getpid()));
  EmptyDir() { fs::create_directories(path); }
  ~EmptyDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// build/<dir>/lib, where the plugins are built (the test binary lies in build/<dir>/bin).
fs::path plugin_build_dir() { return fs::canonical("/proc/self/exe").parent_path().parent_path() / "lib"; }

// Child process body: 0 when drc_comm_mpi_world reports the missing plugin as NOT_FOUND naming
// the file and the directory searched.
int child_missing_mpi_plugin(const std::string& dir) {
  setenv("DEEPRC_PLUGIN_DIR", dir.c_str(), 1);
  drc_comm* comm = nullptr;
  drc_status* st = drc_comm_mpi_world(0, &comm);
  if (st == nullptr) return 3;
  const std::string msg = drc_status_message(st);
  const bool good = drc_status_code(st) == DRC_STATUS_NOT_FOUND && msg.find("libdeeprc_mpi.so") != std::string::npos &&
                    msg.find(dir) != std::string::npos;
  std::fprintf(stderr, "child got: %s\n", msg.c_str());
  drc_status_free(st);
  return good ? 0 : 1;
}

}  // namespace

TEST(PluginLoader, MissingPluginIsNotFoundNamingTheFileAndDirectory) {
  EmptyDir empty;
  ScopedEnv env("DEEPRC_PLUGIN_DIR", empty.path.string());
  try {
    deeprc::comm::plugin_symbol("h2a_absent_backend", "drc_absent_create");
    FAIL() << "loading a plugin that does not exist succeeded";
  } catch (const deeprc::Error& e) {
    EXPECT_EQ(e.code(), deeprc::ErrorCode::NotFound);
    const std::string msg = e.what();
    EXPECT_NE(msg.find("libdeeprc_h2a_absent_backend.so"), std::string::npos) << msg;
    EXPECT_NE(msg.find(empty.path.string()), std::string::npos) << msg;
    EXPECT_NE(msg.find("DEEPRC_PLUGIN_DIR"), std::string::npos) << msg;
  }
}

TEST(PluginLoader, MissingMpiPluginIsNotFoundThroughTheCApi) {
  // A fresh process: this one may have loaded (and cached) the MPI plugin already.
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EmptyDir empty;
  EXPECT_EXIT(std::exit(child_missing_mpi_plugin(empty.path.string())), ::testing::ExitedWithCode(0), "");
}

TEST(PluginLoader, NcclPluginLoadsAndReportsUnavailableCleanly) {
  const fs::path lib = plugin_build_dir() / "libdeeprc_nccl.so";
  if (!fs::exists(lib)) GTEST_SKIP() << "the NCCL plugin is not built (" << lib << ")";
  void* handle = dlopen(lib.c_str(), RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(handle, nullptr) << dlerror();
  auto available = reinterpret_cast<drc_nccl_plugin_available_fn>(dlsym(handle, DRC_NCCL_PLUGIN_AVAILABLE));
  ASSERT_NE(available, nullptr);
  ASSERT_NE(dlsym(handle, DRC_NCCL_PLUGIN_UNIQUE_ID), nullptr);
  ASSERT_NE(dlsym(handle, DRC_NCCL_PLUGIN_CREATE), nullptr);
  drc_plugin_error err{};
  const int32_t rc = available(&err);
  if (rc == 0) GTEST_SKIP() << "NCCL and a GPU are usable here; the unavailable path cannot be tested";
  EXPECT_EQ(rc, DRC_STATUS_UNSUPPORTED);
  EXPECT_EQ(err.code, DRC_STATUS_UNSUPPORTED);
  const std::string direct = err.message;
  EXPECT_EQ(direct.rfind("NCCL not available: ", 0), 0u) << direct;
  const bool known_reason = direct.find("libnccl.so.2 not found") != std::string::npos ||
                            direct.find("libcudart") != std::string::npos ||
                            direct.find("no CUDA device") != std::string::npos;
  EXPECT_TRUE(known_reason) << direct;

  // Through the C ABI the plugin is found and gives the same reason (not a NotFound plugin).
  ScopedEnv env("DEEPRC_PLUGIN_DIR", plugin_build_dir().string());
  drc_status* st = drc_nccl_available();
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_UNSUPPORTED);
  EXPECT_EQ(std::string(drc_status_message(st)), direct);
  drc_status_free(st);

  drc_comm* host = nullptr;
  ASSERT_EQ(drc_comm_local(&host), nullptr);
  drc_comm* nccl = nullptr;
  st = drc_comm_nccl(host, 0, &nccl);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_UNSUPPORTED);
  EXPECT_EQ(std::string(drc_status_message(st)), direct);
  EXPECT_EQ(nccl, nullptr);
  drc_status_free(st);
  EXPECT_EQ(drc_comm_close(host), nullptr);
  drc_comm_free(host);
}

TEST(PluginLoader, MpiArgumentsAreCheckedBeforeLoading) {
  drc_comm* comm = nullptr;
  drc_status* st = drc_comm_mpi_world(4, &comm);  // levels are 0..3
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_INVALID);
  EXPECT_NE(std::string(drc_status_message(st)).find("thread_level 4"), std::string::npos) << drc_status_message(st);
  drc_status_free(st);
  st = drc_comm_mpi_wrap(nullptr, &comm);
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(drc_status_code(st), DRC_STATUS_INVALID);
  EXPECT_NE(std::string(drc_status_message(st)).find("mpi_comm_ptr"), std::string::npos) << drc_status_message(st);
  drc_status_free(st);
  EXPECT_EQ(comm, nullptr);
}

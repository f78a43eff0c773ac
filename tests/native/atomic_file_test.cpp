// Writers go through AtomicFile: a failed write must leave neither the target nor a temporary.
#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

#include <fstream>

#include "core/error.h"
#include "io/atomic_file.h"

namespace fs = std::filesystem;
using namespace deeprc;

namespace {
fs::path fresh_dir(const char* name) {
  fs::path d = fs::temp_directory_path() / (std::string("deeprc-atomic-") + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}
size_t entries(const fs::path& d) { return static_cast<size_t>(std::distance(fs::directory_iterator(d), fs::directory_iterator())); }
}  // namespace

TEST(AtomicFile, UncommittedWriteLeavesNothing) {
  auto d = fresh_dir("abort");
  {
    io::AtomicFile f((d / "out.csv").string());
    f.write("partial", 7);
    EXPECT_EQ(entries(d), 1u);  // only the hidden temporary exists while writing
    // destroyed without commit(), as when a writer throws half way
  }
  EXPECT_EQ(entries(d), 0u);
  fs::remove_all(d);
}

TEST(AtomicFile, CommitReplacesTargetAtomically) {
  auto d = fresh_dir("commit");
  const auto target = d / "out.csv";
  { std::ofstream(target) << "old"; }
  {
    io::AtomicFile f(target.string());
    f.write("new content", 11);
    std::ifstream in(target);
    std::string s((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(s, "old");  // readers see the old file until commit
    f.commit();
  }
  std::ifstream in(target);
  std::string s((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(s, "new content");
  EXPECT_EQ(entries(d), 1u);
  fs::remove_all(d);
}

TEST(AtomicFile, BadTargetsAreClearErrors) {
  auto d = fresh_dir("bad");
  try {
    io::AtomicFile f((d / "no-such-dir" / "x.arrow").string());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::IO);
    EXPECT_NE(std::string(e.what()).find("x.arrow"), std::string::npos);
  }
  EXPECT_THROW(io::AtomicFile(d.string()), Error);  // a directory
  fs::remove_all(d);
}

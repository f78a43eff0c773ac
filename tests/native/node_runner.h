// Running the node scripts of tests/compat (external reference implementations) from native tests.
#pragma once
#include <cstdio>
#include <string>

namespace deeprc::testing {

// Runs a shell command and returns its standard output; *status gets pclose()'s status (-1 when
// the command could not be started).
inline std::string run_command(const std::string& cmd, int* status) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) {
    *status = -1;
    return out;
  }
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  *status = ::pclose(p);
  return out;
}

// Single-quotes an argument for the shell (our paths never contain single quotes).
inline std::string shell_quote(const std::string& s) { return "'" + s + "'"; }

}  // namespace deeprc::testing

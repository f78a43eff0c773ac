// Shared helpers for the bench/native programs: argument parsing, timing, peak RSS, and the
// common result line
//   bench=deeprc op=OP rows=N threads=T seconds=S rows_per_s=R out_rows=M [key=value ...]
// Header-only: every bench/native/*.cpp is its own executable (see CMakeLists.txt).
#pragma once

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace deeprc::bench {

// An option beyond --rows/--threads/--reps. A null `metavar` makes it a flag (no value).
struct Option {
  const char* name;     // e.g. "--where"
  const char* metavar;  // e.g. "EXPR"; nullptr for a flag such as "--desc"
};

struct Defaults {
  int64_t rows = 1'000'000;
  int threads = 1;
  int reps = 3;
};

struct Args {
  int64_t rows = 0;
  int threads = 0;
  int reps = 1;  // always >= 1
  std::map<std::string, std::string, std::less<>> extra;  // given extra options ("" for flags)

  bool has(std::string_view name) const { return extra.find(name) != extra.end(); }
  // The value of an extra option, or `fallback` when it was not given.
  const char* get(std::string_view name, const char* fallback = nullptr) const {
    const auto it = extra.find(name);
    return it == extra.end() ? fallback : it->second.c_str();
  }
};

[[noreturn]] inline void usage_exit(const char* prog, std::initializer_list<Option> extra, const char* why) {
  if (why) std::fprintf(stderr, "%s: %s\n", prog, why);
  std::fprintf(stderr, "usage: %s [--rows N] [--threads T] [--reps R]", prog);
  for (const Option& o : extra) {
    if (o.metavar) std::fprintf(stderr, " [%s %s]", o.name, o.metavar);
    else std::fprintf(stderr, " [%s]", o.name);
  }
  std::fprintf(stderr, "\n");
  std::exit(2);
}

template <typename T>
bool parse_int(const char* s, T* out) {
  const char* end = s + std::strlen(s);
  const auto [p, ec] = std::from_chars(s, end, *out);
  return ec == std::errc() && p == end && p != s;
}

// Parses --rows N, --threads T, --reps R and the given extra options; on anything else (an
// unknown option, a missing or malformed value) prints the usage to stderr and exits with 2.
inline Args parse_args(int argc, char** argv, const Defaults& d = {}, std::initializer_list<Option> extra = {}) {
  Args a;
  a.rows = d.rows;
  a.threads = d.threads;
  a.reps = d.reps;
  const char* prog = argv[0];
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
    auto need_value = [&] {
      if (!value) usage_exit(prog, extra, (std::string("missing value for ") + argv[i]).c_str());
      ++i;
      return value;
    };
    auto bad_value = [&](const char* v) {
      usage_exit(prog, extra, (std::string("bad value '") + v + "' for " + std::string(arg)).c_str());
    };
    if (arg == "--rows") {
      const char* v = need_value();
      if (!parse_int(v, &a.rows) || a.rows < 0) bad_value(v);
    } else if (arg == "--threads") {
      const char* v = need_value();
      if (!parse_int(v, &a.threads)) bad_value(v);
    } else if (arg == "--reps") {
      const char* v = need_value();
      if (!parse_int(v, &a.reps)) bad_value(v);
    } else {
      const Option* match = nullptr;
      for (const Option& o : extra)
        if (arg == o.name) match = &o;
      if (!match) usage_exit(prog, extra, (std::string("unknown option ") + argv[i]).c_str());
      a.extra[std::string(arg)] = match->metavar ? need_value() : "";
    }
  }
  a.reps = std::max(a.reps, 1);
  return a;
}

inline double median(std::vector<double> v) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Process CPU seconds (all threads, user + system): on a shared, loaded machine this is steadier
// than wall time; on an idle machine with one thread the two agree.
inline double process_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Peak resident set size of the process so far, in MiB.
inline double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

struct Timing {
  double wall = 0;  // seconds
  double cpu = 0;   // process CPU seconds, all threads
};

// Wall and process CPU time of one call of f.
template <typename F>
Timing time_it(F&& f) {
  const double c0 = process_cpu_seconds();
  const auto t0 = std::chrono::steady_clock::now();
  f();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return {wall, process_cpu_seconds() - c0};
}

// Timings of the repetitions of one operation.
struct Samples {
  std::vector<double> wall, cpu;
  void add(const Timing& t) {
    wall.push_back(t.wall);
    cpu.push_back(t.cpu);
  }
  double wall_median() const { return median(wall); }
  double cpu_median() const { return median(cpu); }
};

// An extra key=value appended to the result line, printed with `precision` decimals.
struct Extra {
  const char* key;
  double value;
  int precision = 6;
};

inline constexpr int64_t kOmit = -1;  // as threads or out_rows: leave the key out of the line

// Prints `bench=deeprc op=OP rows=N threads=T seconds=S rows_per_s=R out_rows=M` followed by
// the extras, and flushes stdout.
inline void print_result(const char* op, int64_t rows, int64_t threads, double seconds, int64_t out_rows,
                         std::initializer_list<Extra> extras = {}) {
  std::printf("bench=deeprc op=%s rows=%lld", op, static_cast<long long>(rows));
  if (threads != kOmit) std::printf(" threads=%lld", static_cast<long long>(threads));
  std::printf(" seconds=%.6f rows_per_s=%.0f", seconds, static_cast<double>(rows) / seconds);
  if (out_rows != kOmit) std::printf(" out_rows=%lld", static_cast<long long>(out_rows));
  for (const Extra& e : extras) std::printf(" %s=%.*f", e.key, e.precision, e.value);
  std::printf("\n");
  std::fflush(stdout);
}

}  // namespace deeprc::bench

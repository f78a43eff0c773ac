// Internal error model: native code throws deeprc::Error; the C ABI layer converts it to a
// drc_status*. Exceptions never cross the C ABI.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>

namespace deeprc {

// Values match DRC_STATUS_* in deeprc.h (checked by a static_assert in capi/status.cpp).
enum class ErrorCode : int32_t {
  Invalid = 1,       // bad argument or bad input data
  IO = 2,            // file system / OS failure
  Unsupported = 3,   // valid but not supported (e.g. an Arrow type we do not implement)
  OutOfMemory = 4,
  Internal = 5,      // a bug: an invariant did not hold
  NotFound = 6,      // missing column, file or plugin
  Parse = 7,         // malformed data (CSV, Arrow IPC, ...)
  Comm = 8,          // communicator failure: peer failure, timeout, transport error
};

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

[[noreturn]] inline void throw_invalid(const std::string& msg) { throw Error(ErrorCode::Invalid, msg); }
[[noreturn]] inline void throw_parse(const std::string& msg) { throw Error(ErrorCode::Parse, msg); }
[[noreturn]] inline void throw_io(const std::string& msg) { throw Error(ErrorCode::IO, msg); }
[[noreturn]] inline void throw_unsupported(const std::string& msg) { throw Error(ErrorCode::Unsupported, msg); }
[[noreturn]] inline void throw_not_found(const std::string& msg) { throw Error(ErrorCode::NotFound, msg); }
[[noreturn]] inline void throw_comm(const std::string& msg) { throw Error(ErrorCode::Comm, msg); }
[[noreturn]] inline void throw_internal(const std::string& msg) { throw Error(ErrorCode::Internal, msg); }

// Checks an internal invariant (always on, also in Release builds).
#define DRC_CHECK(cond, msg)                                                                 \
  do {                                                                                        \
    if (!(cond)) ::deeprc::throw_internal(std::string("internal check failed: ") + (msg));   \
  } while (0)

}  // namespace deeprc

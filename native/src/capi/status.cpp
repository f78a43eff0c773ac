#include <cstdlib>

#include "arrow/buffer.h"
#include "capi/capi_util.h"

using deeprc::ErrorCode;
static_assert(static_cast<int>(ErrorCode::Invalid) == DRC_STATUS_INVALID);
static_assert(static_cast<int>(ErrorCode::IO) == DRC_STATUS_IO);
static_assert(static_cast<int>(ErrorCode::Unsupported) == DRC_STATUS_UNSUPPORTED);
static_assert(static_cast<int>(ErrorCode::OutOfMemory) == DRC_STATUS_OUT_OF_MEMORY);
static_assert(static_cast<int>(ErrorCode::Internal) == DRC_STATUS_INTERNAL);
static_assert(static_cast<int>(ErrorCode::NotFound) == DRC_STATUS_NOT_FOUND);
static_assert(static_cast<int>(ErrorCode::Parse) == DRC_STATUS_PARSE);
static_assert(static_cast<int>(ErrorCode::Comm) == DRC_STATUS_COMM);

namespace deeprc::capi {

// Returned when not even a status object can be allocated; drc_status_free never frees it.
drc_status g_out_of_memory{DRC_STATUS_OUT_OF_MEMORY, std::string()};

drc_status* make_status(int32_t code, const std::string& message) noexcept {
  try {
    return make_handle<drc_status>(code, message);
  } catch (...) {
    return &g_out_of_memory;
  }
}

char* dup_string(const std::string& s) {
  char* p = static_cast<char*>(std::malloc(s.size() + 1));
  if (p == nullptr) throw std::bad_alloc();
  std::memcpy(p, s.c_str(), s.size() + 1);
  return p;
}

}  // namespace deeprc::capi

extern "C" {

DRC_API int32_t drc_abi_version(void) { return DRC_ABI_VERSION; }
DRC_API const char* drc_version_string(void) { return "0.1.0"; }

DRC_API int32_t drc_status_code(const drc_status* status) { return status ? status->code : DRC_STATUS_OK; }
DRC_API const char* drc_status_message(const drc_status* status) { return status ? status->message.c_str() : ""; }
DRC_API void drc_status_free(drc_status* status) {
  if (status != &deeprc::capi::g_out_of_memory) std::unique_ptr<drc_status> owned(status);
}
DRC_API void drc_string_free(char* str) { std::free(str); }
DRC_API int64_t drc_bytes_allocated(void) { return deeprc::bytes_allocated(); }

}  // extern "C"

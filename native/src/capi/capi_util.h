// Shared glue for the extern "C" layer: handle structs, status creation and the catch ladder.
#pragma once
#include <cstring>
#include <memory>
#include <new>
#include <string>

#include "arrow/array.h"
#include "arrow/table.h"
#include "arrow/type.h"
#include "core/error.h"
#include "deeprc/deeprc.h"

struct drc_status {
  int32_t code;
  std::string message;
};
struct drc_schema {
  deeprc::Schema schema;
};
struct drc_array {
  deeprc::Array array;
};
struct drc_table {
  deeprc::Table table;
};

namespace deeprc::capi {

drc_status* make_status(int32_t code, const std::string& message) noexcept;
// Heap copy of a std::string for the caller (freed with drc_string_free).
char* dup_string(const std::string& s);
DataType to_type(const drc_data_type& t);  // validates the id and unit
drc_data_type from_type(const DataType& t);  // timezone borrowed from t

template <typename T, typename... Args>
T* make_handle(Args&&... args) {
  // Handles are plain heap objects owned by the C caller until drc_*_free.
  return std::make_unique<T>(T{std::forward<Args>(args)...}).release();
}

inline void require_arg(const void* p, const char* name) {
  if (p == nullptr) throw_invalid(std::string("argument '") + name + "' must not be NULL");
}

}  // namespace deeprc::capi

// Runs `body` and converts any exception to a drc_status*. Every exported fallible function
// is written as: drc_status* f(...) { DRC_TRY({ ... }); }
#define DRC_TRY(body)                                                                            \
  try {                                                                                           \
    body;                                                                                         \
    return nullptr;                                                                               \
  } catch (const ::deeprc::Error& e) {                                                            \
    return ::deeprc::capi::make_status(static_cast<int32_t>(e.code()), e.what());                 \
  } catch (const std::bad_alloc&) {                                                               \
    return ::deeprc::capi::make_status(DRC_STATUS_OUT_OF_MEMORY, "out of memory");               \
  } catch (const std::exception& e) {                                                             \
    return ::deeprc::capi::make_status(DRC_STATUS_INTERNAL, std::string("internal error: ") + e.what()); \
  } catch (...) {                                                                                 \
    return ::deeprc::capi::make_status(DRC_STATUS_INTERNAL, "internal error: unknown exception");  \
  }

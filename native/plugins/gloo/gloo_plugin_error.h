// The plugin's internal error: a drc_status_code + message, converted to drc_plugin_error at the
// C boundary (guarded()), together with every gloo / standard exception.
#pragma once
#include <cstdint>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

#include "deeprc/deeprc.h"
#include "deeprc/deeprc_comm_plugin.h"
#include "gloo/common/error.h"

namespace deeprc::gloo_plugin {

struct PluginError : std::runtime_error {
  PluginError(int32_t c, const std::string& m) : std::runtime_error(m), code(c) {}
  int32_t code;
};

[[noreturn]] inline void fail(int32_t code, const std::string& m) { throw PluginError(code, m); }

inline int32_t set_error(drc_plugin_error* err, int32_t code, const std::string& m) {
  if (err != nullptr) {
    err->code = code;
    std::strncpy(err->message, m.c_str(), sizeof err->message - 1);
    err->message[sizeof err->message - 1] = '\0';
  }
  return code;
}

// Runs f(); every exception becomes a status code + message prefixed with "gloo <what>: ".
template <typename F>
int32_t guarded(drc_plugin_error* err, const char* what, F&& f) noexcept {
  const std::string prefix = std::string("gloo ") + what + ": ";
  try {
    f();
    return 0;
  } catch (const PluginError& e) {
    return set_error(err, e.code, prefix + e.what());
  } catch (const ::gloo::Exception& e) {
    return set_error(err, DRC_STATUS_COMM, prefix + e.what());
  } catch (const std::bad_alloc&) {
    return set_error(err, DRC_STATUS_OUT_OF_MEMORY, prefix + "out of memory");
  } catch (const std::exception& e) {
    return set_error(err, DRC_STATUS_COMM, prefix + e.what());
  } catch (...) {
    return set_error(err, DRC_STATUS_INTERNAL, prefix + "unknown exception");
  }
}

}  // namespace deeprc::gloo_plugin

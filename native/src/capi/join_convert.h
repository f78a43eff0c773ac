// drc_join_options (C ABI) -> compute::JoinOptions, validated; shared by the local and the
// distributed join exports. Also the C name-list conversion.
#pragma once
#include <string>
#include <vector>

#include "capi/capi_util.h"
#include "compute/join_options.h"

namespace deeprc::capi {

inline std::vector<std::string> name_list(const char* const* list, int32_t n, const char* what) {
  if (n < 0) throw_invalid(std::string(what) + ": count must be >= 0");
  if (n > 0) require_arg(list, what);
  std::vector<std::string> out;
  for (int32_t i = 0; i < n; ++i) {
    if (list[i] == nullptr) throw_invalid(std::string(what) + "[" + std::to_string(i) + "] is NULL");
    out.emplace_back(list[i]);
  }
  return out;
}

extern "C" DRC_API void drc_join_options_init(drc_join_options* options);

inline compute::JoinOptions to_join_options(const drc_join_options* options) {
  drc_join_options defaults;
  drc_join_options_init(&defaults);
  const drc_join_options& o = options ? *options : defaults;
  if (o.num_keys <= 0) throw_invalid("join: num_keys must be >= 1, got " + std::to_string(o.num_keys));
  if (o.type < DRC_JOIN_INNER || o.type > DRC_JOIN_ANTI) throw_invalid("join: unknown join type " + std::to_string(o.type));
  if (o.algorithm < DRC_JOIN_ALGORITHM_AUTO || o.algorithm > DRC_JOIN_ALGORITHM_SORT_MERGE)
    throw_invalid("join: unknown algorithm " + std::to_string(o.algorithm));
  compute::JoinOptions jo;
  jo.type = static_cast<compute::JoinType>(o.type);
  jo.algorithm = static_cast<compute::JoinAlgorithm>(o.algorithm);
  jo.left_on = name_list(o.left_on, o.num_keys, "left_on");
  if (o.right_on != nullptr) jo.right_on = name_list(o.right_on, o.num_keys, "right_on");
  jo.allow_cast = o.allow_cast != 0;
  jo.left_suffix = o.left_suffix ? o.left_suffix : "";
  jo.right_suffix = o.right_suffix ? o.right_suffix : "";
  jo.num_threads = o.num_threads;
  return jo;
}

}  // namespace deeprc::capi

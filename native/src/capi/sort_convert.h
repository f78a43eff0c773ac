// C ABI sort keys -> compute::SortKey (shared by sort_api.cpp and dist_api.cpp).
#pragma once
#include <string>
#include <vector>

#include "capi/capi_util.h"
#include "compute/sort.h"

namespace deeprc::capi {

inline std::vector<compute::SortKey> to_sort_keys(const drc_sort_key* keys, int32_t num_keys) {
  if (num_keys <= 0) throw_invalid("sort: at least one sort key is required");
  require_arg(keys, "keys");
  std::vector<compute::SortKey> out;
  out.reserve(static_cast<size_t>(num_keys));
  for (int32_t i = 0; i < num_keys; ++i) {
    if (keys[i].column == nullptr) throw_invalid("sort: key " + std::to_string(i) + " has a NULL column name");
    out.push_back({keys[i].column, keys[i].descending != 0, keys[i].nulls_first != 0});
  }
  return out;
}

}  // namespace deeprc::capi

#include "capi/capi_util.h"
#include "compute/join.h"

using namespace deeprc;
using namespace deeprc::capi;

namespace {

std::vector<std::string> names(const char* const* list, int32_t n, const char* what) {
  require_arg(list, what);
  std::vector<std::string> out;
  for (int32_t i = 0; i < n; ++i) {
    if (list[i] == nullptr) throw_invalid(std::string(what) + "[" + std::to_string(i) + "] is NULL");
    out.emplace_back(list[i]);
  }
  return out;
}

}  // namespace

extern "C" {

DRC_API void drc_join_options_init(drc_join_options* options) {
  if (options == nullptr) return;
  *options = drc_join_options{};
  options->type = DRC_JOIN_INNER;
  options->algorithm = DRC_JOIN_ALGORITHM_AUTO;
  options->left_suffix = "_x";
  options->right_suffix = "_y";
}

DRC_API drc_status* drc_table_join(const drc_table* left, const drc_table* right, const drc_join_options* options,
                                   drc_table** out) {
  DRC_TRY({
    require_arg(left, "left");
    require_arg(right, "right");
    require_arg(out, "out");
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
    jo.left_on = names(o.left_on, o.num_keys, "left_on");
    if (o.right_on != nullptr) jo.right_on = names(o.right_on, o.num_keys, "right_on");
    jo.allow_cast = o.allow_cast != 0;
    jo.left_suffix = o.left_suffix ? o.left_suffix : "";
    jo.right_suffix = o.right_suffix ? o.right_suffix : "";
    jo.num_threads = o.num_threads;
    *out = make_handle<drc_table>(compute::join(left->table, right->table, jo));
  });
}

}  // extern "C"

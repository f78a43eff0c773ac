#include "capi/capi_util.h"
#include "capi/join_convert.h"
#include "compute/join.h"

using namespace deeprc;
using namespace deeprc::capi;

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
    const compute::JoinOptions jo = to_join_options(options);
    *out = make_handle<drc_table>(compute::join(left->table, right->table, jo));
  });
}

}  // extern "C"

#include "capi/capi_util.h"
#include "gen/workloads.h"

using namespace deeprc;
using namespace deeprc::capi;

extern "C" {

DRC_API drc_status* drc_gen_workload(const char* name, int64_t rows, int64_t start, int64_t count, uint64_t seed,
                                     drc_table** out) {
  DRC_TRY({
    require_arg(name, "name");
    require_arg(out, "out");
    *out = make_handle<drc_table>(gen::workload(name, rows, start, count, seed));
  });
}

}  // extern "C"

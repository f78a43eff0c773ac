#include "capi/capi_util.h"
#include "gen/ett.h"
#include "gen/hydrology.h"
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

DRC_API drc_status* drc_gen_hydrology(int32_t basins, int64_t days, uint64_t seed, double noise, drc_table** out) {
  DRC_TRY({
    require_arg(out, "out");
    gen::HydrologyOptions o;
    o.basins = basins;
    o.days = days;
    o.seed = seed;
    o.noise = noise;
    *out = make_handle<drc_table>(gen::hydrology(o));
  });
}

DRC_API drc_status* drc_gen_ett(int64_t hours, uint64_t seed, double noise, drc_table** out) {
  DRC_TRY({
    require_arg(out, "out");
    gen::EttOptions o;
    o.hours = hours;
    o.seed = seed;
    o.noise = noise;
    *out = make_handle<drc_table>(gen::ett(o));
  });
}

}  // extern "C"

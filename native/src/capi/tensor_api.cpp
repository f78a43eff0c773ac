// C ABI: tensors through the libtorch bridge plugin (learning/torch_bridge.h).
#include <cstring>

#include "capi/capi_util.h"
#include "learning/dlpack_export.h"
#include "learning/torch_bridge.h"

using namespace deeprc;
using namespace deeprc::capi;

struct drc_tensor {
  learning::TorchTensor tensor;
};

namespace {

learning::NullPolicy null_policy(int32_t p) {
  if (p != DRC_NULLS_ERROR && p != DRC_NULLS_FILL)
    throw_invalid("null_policy must be 0 (error) or 1 (fill), got " + std::to_string(p));
  return static_cast<learning::NullPolicy>(p);
}

drc_tensor* wrap(learning::DlpackPtr t) { return make_handle<drc_tensor>(learning::TorchTensor::from_dlpack(std::move(t))); }

static_assert(sizeof(drc_tensor_info) == sizeof(drc_torch_tensor_info), "drc_tensor_info mirrors the plugin's");

}  // namespace

extern "C" {

DRC_API drc_status* drc_torch_available(char** version) {
  DRC_TRY({
    const drc_torch_vtable& vt = learning::torch_plugin();
    if (version != nullptr) *version = dup_string(vt.libtorch_version());
  });
}

DRC_API drc_status* drc_tensor_from_array(const drc_array* array, int32_t policy, double fill, drc_tensor** out) {
  DRC_TRY({
    require_arg(array, "array");
    require_arg(out, "out");
    *out = wrap(learning::export_array(array->array, null_policy(policy), fill));
  });
}

DRC_API drc_status* drc_tensor_windows(const drc_array* array, int64_t window, int64_t step, drc_tensor** out) {
  DRC_TRY({
    require_arg(array, "array");
    require_arg(out, "out");
    *out = wrap(learning::export_windows(array->array, window, step));
  });
}

DRC_API drc_status* drc_tensor_validity(const drc_array* array, drc_tensor** out) {
  DRC_TRY({
    require_arg(array, "array");
    require_arg(out, "out");
    *out = wrap(learning::export_validity(array->array));
  });
}

DRC_API drc_status* drc_tensor_get_info(const drc_tensor* tensor, drc_tensor_info* out) {
  DRC_TRY({
    require_arg(tensor, "tensor");
    require_arg(out, "out");
    const drc_torch_tensor_info info = tensor->tensor.info();
    std::memcpy(out, &info, sizeof info);
  });
}

DRC_API drc_status* drc_tensor_sum(const drc_tensor* tensor, double* out) {
  DRC_TRY({
    require_arg(tensor, "tensor");
    require_arg(out, "out");
    *out = tensor->tensor.sum();
  });
}

DRC_API drc_status* drc_tensor_index_rows(const drc_tensor* tensor, const int64_t* rows, int64_t n, drc_tensor** out) {
  DRC_TRY({
    require_arg(tensor, "tensor");
    require_arg(out, "out");
    if (n < 0) throw_invalid("n must be >= 0");
    if (n > 0) require_arg(rows, "rows");
    *out = make_handle<drc_tensor>(tensor->tensor.index_rows({rows, static_cast<size_t>(n)}));
  });
}

DRC_API void drc_tensor_free(drc_tensor* tensor) { std::unique_ptr<drc_tensor> owned(tensor); }

}  // extern "C"

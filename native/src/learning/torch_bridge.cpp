#include "learning/torch_bridge.h"

#include <string>

#include "comm/plugin_comm.h"
#include "core/error.h"

namespace deeprc::learning {
namespace {

[[noreturn]] void throw_plugin(int32_t code, const drc_plugin_error& err) {
  comm::throw_plugin_error(code, err, "libtorch bridge");
}

}  // namespace

const drc_torch_vtable& torch_plugin() {
  static const drc_torch_vtable* vt = [] {
    auto entry = reinterpret_cast<drc_torch_plugin_fn>(comm::plugin_symbol("torch", DRC_TORCH_PLUGIN_ENTRY));
    const drc_torch_vtable* v = entry();
    if (v == nullptr || v->abi_version != DRC_TORCH_PLUGIN_ABI_VERSION || v->struct_size < sizeof(drc_torch_vtable))
      throw_unsupported("libdeeprc_torch.so speaks plugin ABI " + std::to_string(v ? v->abi_version : 0) +
                        ", this DeepRC needs " + std::to_string(DRC_TORCH_PLUGIN_ABI_VERSION) + "; rebuild the plugin");
    return v;
  }();
  return *vt;
}

TorchTensor TorchTensor::from_dlpack(DlpackPtr t) {
  const drc_torch_vtable& vt = torch_plugin();
  void* h = nullptr;
  drc_plugin_error err{};
  if (const int32_t code = vt.from_dlpack(t.get(), &h, &err); code != 0) throw_plugin(code, err);  // t's deleter runs
  t.release();  // libtorch owns it now
  return TorchTensor(&vt, h);
}

TorchTensor::~TorchTensor() {
  if (h_ != nullptr) vt_->tensor_free(h_);
}

drc_torch_tensor_info TorchTensor::info() const {
  drc_torch_tensor_info out{};
  drc_plugin_error err{};
  if (const int32_t code = vt_->tensor_info(h_, &out, &err); code != 0) throw_plugin(code, err);
  return out;
}

double TorchTensor::sum() const {
  double out = 0;
  drc_plugin_error err{};
  if (const int32_t code = vt_->tensor_sum(h_, &out, &err); code != 0) throw_plugin(code, err);
  return out;
}

TorchTensor TorchTensor::index_rows(std::span<const int64_t> rows) const {
  void* out = nullptr;
  drc_plugin_error err{};
  if (const int32_t code = vt_->tensor_index_rows(h_, rows.data(), static_cast<int64_t>(rows.size()), &out, &err);
      code != 0)
    throw_plugin(code, err);
  return TorchTensor(vt_, out);
}

}  // namespace deeprc::learning

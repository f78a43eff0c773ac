// The libtorch bridge as seen from the core: loads libdeeprc_torch.so on first use
// (deeprc_torch_plugin.h) and owns plugin tensor handles (RAII).
#pragma once
#include <memory>
#include <span>
#include <string>

#include "deeprc/deeprc_torch_plugin.h"
#include "learning/dlpack_export.h"

namespace deeprc::learning {

// The plugin's vtable; throws NotFound (plugin or libtorch missing, naming the file and the
// dlopen error) or Unsupported (ABI mismatch).
const drc_torch_vtable& torch_plugin();

class TorchTensor {
 public:
  // Hands `t` to libtorch; on failure the DLPack deleter runs here (libtorch 1.13 does not call
  // it on a failed import) and the plugin's error is thrown.
  static TorchTensor from_dlpack(DlpackPtr t);

  TorchTensor(TorchTensor&& o) noexcept : vt_(o.vt_), h_(o.h_) { o.h_ = nullptr; }
  TorchTensor& operator=(TorchTensor&&) = delete;
  TorchTensor(const TorchTensor&) = delete;
  ~TorchTensor();

  drc_torch_tensor_info info() const;
  double sum() const;
  TorchTensor index_rows(std::span<const int64_t> rows) const;

 private:
  TorchTensor(const drc_torch_vtable* vt, void* h) : vt_(vt), h_(h) {}
  const drc_torch_vtable* vt_;
  void* h_;
};

}  // namespace deeprc::learning

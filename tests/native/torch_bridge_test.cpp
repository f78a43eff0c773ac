// The libtorch bridge: columns reach libtorch through DLPack without a copy (the tensor's data
// pointer IS the column's buffer), libtorch computes on them (sums equal a reference), the
// tensor keeps the column's memory alive and releases it when freed, sliding windows are a
// strided view, nulls follow the policy, unsupported types are named, and a missing plugin is a
// clean NotFound. Skipped where libdeeprc_torch.so is not built (no libtorch; sanitizer build).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "arrow/builder.h"
#include "capi/capi_util.h"
#include "core/error.h"
#include "deeprc/deeprc.h"
#include "learning/dlpack_export.h"
#include "learning/torch_bridge.h"

namespace fs = std::filesystem;
using namespace deeprc;

namespace {

fs::path plugin_dir() { return fs::canonical("/proc/self/exe").parent_path().parent_path() / "lib"; }

bool plugin_built() { return fs::exists(plugin_dir() / "libdeeprc_torch.so"); }

#define REQUIRE_TORCH()                                                                     \
  do {                                                                                      \
    if (!plugin_built()) GTEST_SKIP() << "libdeeprc_torch.so is not built (no libtorch)";  \
    setenv("DEEPRC_PLUGIN_DIR", plugin_dir().c_str(), 1);                                  \
  } while (0)

template <typename T>
Array column(TypeId id, int64_t n, bool with_nulls = false, std::optional<DataType> type = std::nullopt) {
  PrimitiveBuilder<T> b(type ? *type : DataType(id));
  for (int64_t i = 0; i < n; ++i) {
    if (with_nulls && i % 4 == 3) b.append_null();
    else b.append(static_cast<T>((i * 37) % 101 - 50 + (std::is_unsigned_v<T> ? 50 : 0)));
  }
  return b.finish();
}

template <typename T>
double reference_sum(const Array& a) {
  double s = 0;
  for (int64_t i = 0; i < a.length(); ++i)
    if (a.is_valid(i)) s += static_cast<double>(a.values<T>()[i]);
  return s;
}

learning::TorchTensor to_torch(const Array& a) {
  return learning::TorchTensor::from_dlpack(learning::export_array(a, learning::NullPolicy::Error, 0));
}

template <typename T>
void expect_zero_copy(TypeId id, int32_t dtype, std::optional<DataType> type = std::nullopt) {
  const Array whole = column<T>(id, 1000, false, type);
  const Array a = whole.slice(7, 900);  // the slice offset must be folded into the pointer
  const learning::TorchTensor t = to_torch(a);
  const drc_torch_tensor_info info = t.info();
  EXPECT_EQ(info.data, static_cast<const void*>(a.values<T>())) << a.type().to_string();
  EXPECT_EQ(info.ndim, 1);
  EXPECT_EQ(info.shape[0], 900);
  EXPECT_EQ(info.strides[0], 1);
  EXPECT_EQ(info.dtype, dtype);
  EXPECT_EQ(info.device_type, 1);
  EXPECT_DOUBLE_EQ(t.sum(), reference_sum<T>(a)) << a.type().to_string();
}

}  // namespace

TEST(TorchBridge, EverySupportedTypeIsZeroCopyAndComputedOnByLibtorch) {
  REQUIRE_TORCH();
  expect_zero_copy<int8_t>(TypeId::Int8, DRC_TYPE_INT8);
  expect_zero_copy<int16_t>(TypeId::Int16, DRC_TYPE_INT16);
  expect_zero_copy<int32_t>(TypeId::Int32, DRC_TYPE_INT32);
  expect_zero_copy<int64_t>(TypeId::Int64, DRC_TYPE_INT64);
  expect_zero_copy<uint8_t>(TypeId::UInt8, DRC_TYPE_UINT8);
  expect_zero_copy<float>(TypeId::Float32, DRC_TYPE_FLOAT32);
  expect_zero_copy<double>(TypeId::Float64, DRC_TYPE_FLOAT64);
  expect_zero_copy<int32_t>(TypeId::Date32, DRC_TYPE_INT32);
  expect_zero_copy<int64_t>(TypeId::Timestamp, DRC_TYPE_INT64, DataType::timestamp(TimeUnit::Milli));
}

TEST(TorchBridge, TheTensorKeepsTheColumnAliveAndReleasesItWhenFreed) {
  REQUIRE_TORCH();
  std::weak_ptr<const ArrayData> watch;
  double expected = 0;
  {
    std::optional<learning::TorchTensor> t;
    {
      const Array a = column<double>(TypeId::Float64, 5000);
      watch = a.data_ptr();
      expected = reference_sum<double>(a);
      t.emplace(to_torch(a));
    }
    EXPECT_FALSE(watch.expired()) << "the column must live as long as the tensor";
    EXPECT_DOUBLE_EQ(t->sum(), expected);
  }
  EXPECT_TRUE(watch.expired()) << "freeing the tensor must release the column (DLPack deleter)";
  // Empty columns too (libtorch never calls the deleter of a tensor whose data is NULL).
  {
    const Array e = column<float>(TypeId::Float32, 0);
    watch = e.data_ptr();
    const learning::TorchTensor t = to_torch(e);
    EXPECT_EQ(t.info().shape[0], 0);
    EXPECT_EQ(t.sum(), 0.0);
  }
  EXPECT_TRUE(watch.expired());
}

TEST(TorchBridge, SlidingWindowsAreAStridedViewAndBatchesGatherByIndex) {
  REQUIRE_TORCH();
  const Array a = column<float>(TypeId::Float32, 100);
  const learning::TorchTensor w = learning::TorchTensor::from_dlpack(learning::export_windows(a, 10, 3));
  const drc_torch_tensor_info info = w.info();
  EXPECT_EQ(info.ndim, 2);
  EXPECT_EQ(info.shape[0], 31);  // (100 - 10) / 3 + 1
  EXPECT_EQ(info.shape[1], 10);
  EXPECT_EQ(info.strides[0], 3);
  EXPECT_EQ(info.strides[1], 1);
  EXPECT_EQ(info.data, static_cast<const void*>(a.values<float>()));
  double all = 0;
  for (int64_t r = 0; r < 31; ++r)
    for (int64_t k = 0; k < 10; ++k) all += a.values<float>()[r * 3 + k];
  EXPECT_DOUBLE_EQ(w.sum(), all);
  const std::vector<int64_t> rows = {30, 0, 5, 5};
  const learning::TorchTensor batch = w.index_rows(rows);
  EXPECT_EQ(batch.info().shape[0], 4);
  double want = 0;
  for (int64_t r : rows)
    for (int64_t k = 0; k < 10; ++k) want += a.values<float>()[r * 3 + k];
  EXPECT_DOUBLE_EQ(batch.sum(), want);
  EXPECT_NE(batch.info().data, info.data) << "a gathered batch is a copy";
  EXPECT_THROW(learning::export_windows(a, 0, 1), Error);
  EXPECT_THROW(learning::export_windows(a, 5, 0), Error);
  const learning::TorchTensor none = learning::TorchTensor::from_dlpack(learning::export_windows(a, 101, 1));
  EXPECT_EQ(none.info().shape[0], 0);
}

TEST(TorchBridge, NullsFollowThePolicyAndTheMaskChannel) {
  REQUIRE_TORCH();
  const Array a = column<double>(TypeId::Float64, 40, true);
  try {
    to_torch(a);
    FAIL() << "nulls with the error policy";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Invalid);
    EXPECT_NE(std::string(e.what()).find("10 nulls (first at row 3)"), std::string::npos) << e.what();
  }
  const learning::TorchTensor filled =
      learning::TorchTensor::from_dlpack(learning::export_array(a, learning::NullPolicy::Fill, 2.5));
  EXPECT_DOUBLE_EQ(filled.sum(), reference_sum<double>(a) + 10 * 2.5);
  const learning::TorchTensor mask = learning::TorchTensor::from_dlpack(learning::export_validity(a));
  EXPECT_EQ(mask.info().dtype, DRC_TYPE_UINT8);
  EXPECT_DOUBLE_EQ(mask.sum(), 30);
}

TEST(TorchBridge, UnsupportedTypesAreNamed) {
  REQUIRE_TORCH();
  BoolBuilder bools;
  bools.append(true);
  StringBuilder strings(DataType(TypeId::Utf8));
  strings.append("x");
  const Array cases[] = {bools.finish(), column<uint32_t>(TypeId::UInt32, 3), strings.finish()};
  const char* hints[] = {"bool", "uint32", "utf8"};
  for (int i = 0; i < 3; ++i) {
    try {
      to_torch(cases[i]);
      ADD_FAILURE() << hints[i];
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::Unsupported);
      EXPECT_NE(std::string(e.what()).find(hints[i]), std::string::npos) << e.what();
    }
  }
}

TEST(TorchBridge, CApiViewsTheColumnAndReportsItsVersion) {
  REQUIRE_TORCH();
  char* version = nullptr;
  drc_status* st = drc_torch_available(&version);
  ASSERT_EQ(st, nullptr) << drc_status_message(st);
  EXPECT_EQ(std::string(version).rfind("1.", 0), 0u) << version;
  drc_string_free(version);
  auto* arr = capi::make_handle<drc_array>(column<float>(TypeId::Float32, 64));
  drc_tensor* t = nullptr;
  ASSERT_EQ(drc_tensor_from_array(arr, DRC_NULLS_ERROR, 0, &t), nullptr);
  drc_tensor_info info{};
  ASSERT_EQ(drc_tensor_get_info(t, &info), nullptr);
  EXPECT_EQ(info.data, static_cast<const void*>(arr->array.values<float>()));
  double sum = 0;
  ASSERT_EQ(drc_tensor_sum(t, &sum), nullptr);
  EXPECT_DOUBLE_EQ(sum, reference_sum<float>(arr->array));
  drc_status* bad = drc_tensor_from_array(arr, 7, 0, &t);
  ASSERT_NE(bad, nullptr);
  EXPECT_EQ(drc_status_code(bad), DRC_STATUS_INVALID);
  drc_status_free(bad);
  drc_tensor_free(t);
  drc_array_free(arr);
}

// In a child process (plugins are cached per process): no plugin -> NotFound naming the file.
TEST(TorchBridge, AMissingPluginIsNotFoundNamingIt) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  const fs::path empty = fs::temp_directory_path() / ("deeprc_no_torch_" + std::to_string(::getpid()));
  fs::create_directories(empty);
  EXPECT_EXIT(
      {
        setenv("DEEPRC_PLUGIN_DIR", empty.c_str(), 1);
        drc_status* st = drc_torch_available(nullptr);
        const bool ok = st != nullptr && drc_status_code(st) == DRC_STATUS_NOT_FOUND &&
                        std::string(drc_status_message(st)).find("libdeeprc_torch.so") != std::string::npos;
        std::exit(ok ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
  fs::remove_all(empty);
}

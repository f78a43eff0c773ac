// Distributed join: hash co-partitioning of both sides on the (type-unified) keys, then the local
// join (see dist_join.h).
#include "dist/dist_join.h"

#include <string>
#include <vector>

#include "compute/cast.h"
#include "compute/join.h"
#include "compute/row_keys.h"
#include "core/error.h"
#include "dist/table_exchange.h"

namespace deeprc::dist {
namespace {

// A table of just the key columns as they will be compared (numeric keys cast to the common type
// when allow_cast; both string kinds widened to large_utf8), under neutral names, so that the
// hash of a key value is the same on both sides.
Table key_image(const compute::KeyColumns& keys, const compute::KeyColumns& other) {
  std::vector<Field> fields;
  std::vector<Array> cols;
  for (size_t i = 0; i < keys.columns.size(); ++i) {
    Array c = keys.columns[i];
    const TypeId a = c.type_id();
    const TypeId b = other.columns[i].type_id();
    const bool strings = (a == TypeId::Utf8 || a == TypeId::LargeUtf8) && (b == TypeId::Utf8 || b == TypeId::LargeUtf8);
    if (strings && a != b && a == TypeId::Utf8) c = compute::cast(c, DataType(TypeId::LargeUtf8), keys.names[i]);
    fields.push_back({"k" + std::to_string(i), c.type(), true});
    cols.push_back(std::move(c));
  }
  return Table(Schema(std::move(fields)), std::move(cols), keys.num_rows);
}

std::vector<std::string> image_names(size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) out.push_back("k" + std::to_string(i));
  return out;
}

}  // namespace

Table join(comm::Communicator& comm, const Table& left, const Table& right, const compute::JoinOptions& options) {
  check_same_schema(comm, left.schema(), "join (left)");
  check_same_schema(comm, right.schema(), "join (right)");
  const int threads = options.num_threads;
  if (comm.size() == 1) return compute::join(left, right, options);
  if (options.left_on.empty()) throw_invalid("join: at least one key column is required (left_on is empty)");
  const std::vector<std::string>& right_on = options.right_on.empty() ? options.left_on : options.right_on;
  if (right_on.size() != options.left_on.size())
    throw_invalid("join: left_on has " + std::to_string(options.left_on.size()) + " keys but right_on has " +
                  std::to_string(right_on.size()));
  // Same schemas on every rank, so these checks (and their errors) are the same on every rank.
  compute::KeyColumns lk = compute::key_columns(left, options.left_on);
  compute::KeyColumns rk = compute::key_columns(right, right_on);
  compute::unify_key_types(lk, rk, options.allow_cast);
  const std::vector<std::string> names = image_names(lk.columns.size());
  const std::vector<int32_t> ldest = hash_destinations(key_image(lk, rk), names, comm.size(), threads);
  const std::vector<int32_t> rdest = hash_destinations(key_image(rk, lk), names, comm.size(), threads);
  const Table lpart = exchange_by_destination(comm, left, ldest, threads);
  const Table rpart = exchange_by_destination(comm, right, rdest, threads);
  return compute::join(lpart, rpart, options);
}

}  // namespace deeprc::dist

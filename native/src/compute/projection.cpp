#include "compute/projection.h"

#include <algorithm>
#include <unordered_set>

#include "compute/cast.h"
#include "compute/expr_bind.h"
#include "compute/expr_eval.h"
#include "core/error.h"

namespace deeprc::compute {

Array evaluate(const Table& table, const Expr& e, int threads) {
  return evaluate(table, bind(e, table.schema()), threads);
}

Table with_column(const Table& table, const std::string& name, const Expr& e, int threads) {
  if (name.empty()) throw_invalid("with_column: the column name must not be empty");
  Array values = evaluate(table, e, threads);
  std::vector<Field> fields = table.schema().fields();
  std::vector<Array> cols = table.columns();
  Field f{name, values.type(), true};
  const int at = table.schema().index_of(name);
  if (at >= 0) {
    fields[static_cast<size_t>(at)] = f;
    cols[static_cast<size_t>(at)] = values;
  } else {
    fields.push_back(f);
    cols.push_back(values);
  }
  return Table(Schema(std::move(fields)), std::move(cols), table.num_rows());
}

Table select_names(const Table& table, const std::vector<std::string>& names) {
  std::vector<int> idx;
  std::unordered_set<std::string> seen;
  for (const auto& n : names) {
    if (!seen.insert(n).second) throw_invalid("select: column '" + n + "' is selected twice");
    idx.push_back(table.schema().require_index(n));
  }
  return table.select(idx);
}

Table rename(const Table& table, const std::vector<std::pair<std::string, std::string>>& renames) {
  std::vector<Field> fields = table.schema().fields();
  std::unordered_set<std::string> olds;
  for (const auto& [from, to] : renames) {
    if (!olds.insert(from).second) throw_invalid("rename: column '" + from + "' is renamed twice");
    if (to.empty()) throw_invalid("rename: the new name for '" + from + "' is empty");
    fields[static_cast<size_t>(table.schema().require_index(from))].name = to;
  }
  std::unordered_set<std::string> names;
  for (const auto& f : fields)
    if (!names.insert(f.name).second)
      throw_invalid("rename: the result would have two columns named '" + f.name + "'");
  return Table(Schema(std::move(fields)), table.columns(), table.num_rows());
}

Table cast_column(const Table& table, const std::string& name, const DataType& type) {
  const int at = table.schema().require_index(name);
  std::vector<Field> fields = table.schema().fields();
  std::vector<Array> cols = table.columns();
  cols[static_cast<size_t>(at)] = cast(cols[static_cast<size_t>(at)], type, "column '" + name + "'");
  fields[static_cast<size_t>(at)].type = type;
  return Table(Schema(std::move(fields)), std::move(cols), table.num_rows());
}

Table head(const Table& table, int64_t n) {
  if (n < 0) throw_invalid("head: n must be >= 0, got " + std::to_string(n));
  return table.slice(0, std::min(n, table.num_rows()));
}

Table tail(const Table& table, int64_t n) {
  if (n < 0) throw_invalid("tail: n must be >= 0, got " + std::to_string(n));
  const int64_t k = std::min(n, table.num_rows());
  return table.slice(table.num_rows() - k, k);
}

}  // namespace deeprc::compute

// Column-level table operations: computed columns, projection by name, rename, cast of one
// column, head/tail. All but with_column/cast_column are zero-copy.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "arrow/table.h"
#include "compute/expr_ast.h"

namespace deeprc::compute {

// The expression's value for every row (threads: 0 = all cores).
Array evaluate(const Table& table, const Expr& e, int threads);
// Adds column `name` computed from `e` at the end, or replaces the column of that name in place.
Table with_column(const Table& table, const std::string& name, const Expr& e, int threads);
// The named columns in the given order; NotFound for an unknown name, Invalid for a repeated one.
Table select_names(const Table& table, const std::vector<std::string>& names);
// Renames columns (old -> new). NotFound for an unknown old name; Invalid when an old name is
// given twice, a new name is empty, or the result would have two columns of the same name.
Table rename(const Table& table, const std::vector<std::pair<std::string, std::string>>& renames);
// Casts one column with compute::cast (errors name the column and row).
Table cast_column(const Table& table, const std::string& name, const DataType& type);
// The first / last min(n, rows) rows, zero-copy; Invalid for n < 0.
Table head(const Table& table, int64_t n);
Table tail(const Table& table, int64_t n);

}  // namespace deeprc::compute

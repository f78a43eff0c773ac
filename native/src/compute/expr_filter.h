// Filtering a table by a predicate expression: rows where it is true are kept (null drops the
// row, as in SQL WHERE). The predicate is evaluated chunk-wise into selection vectors and the
// kept rows are gathered straight into the output buffers, both in parallel over row chunks.
#pragma once
#include "arrow/table.h"
#include "compute/expr_ast.h"
#include "compute/expr_bind.h"

namespace deeprc::compute {

// Throws Invalid when the expression is not bool ("filter needs a bool predicate, ...").
Table filter(const Table& table, const Expr& predicate, int threads);
Table filter(const Table& table, const Bound& predicate, int threads);

}  // namespace deeprc::compute

// C ABI of expressions and column-level table operations (compute/expr_*.h, compute/projection.h).
#include "capi/capi_util.h"
#include "compute/expr_filter.h"
#include "compute/expr_parser.h"
#include "compute/projection.h"

struct drc_expr {
  deeprc::compute::ExprPtr expr;
};

using namespace deeprc;
using namespace deeprc::capi;

namespace {

using Renames = std::vector<std::pair<std::string, std::string>>;

void check_threads(int32_t n) {
  if (n < 0) throw_invalid("num_threads must be >= 0, got " + std::to_string(n));
}

std::vector<std::string> names_of(const char* const* names, int32_t n, const char* what) {
  if (n < 0) throw_invalid(std::string(what) + ": count must be >= 0");
  if (n > 0) require_arg(names, what);
  std::vector<std::string> out;
  for (int32_t i = 0; i < n; ++i) {
    if (names[i] == nullptr) throw_invalid(std::string(what) + "[" + std::to_string(i) + "] is NULL");
    out.emplace_back(names[i]);
  }
  return out;
}

}  // namespace

extern "C" {

DRC_API drc_status* drc_expr_parse(const char* text, drc_expr** out) {
  DRC_TRY({
    require_arg(text, "text");
    require_arg(out, "out");
    *out = make_handle<drc_expr>(compute::parse_expression(text));
  });
}

DRC_API void drc_expr_free(drc_expr* expr) { std::unique_ptr<drc_expr> owned(expr); }

DRC_API drc_status* drc_expr_to_string(const drc_expr* expr, char** out) {
  DRC_TRY({
    require_arg(expr, "expr");
    require_arg(out, "out");
    *out = dup_string(compute::to_string(*expr->expr));
  });
}

DRC_API drc_status* drc_expr_equals(const drc_expr* a, const drc_expr* b, int32_t* out) {
  DRC_TRY({
    require_arg(a, "a");
    require_arg(b, "b");
    require_arg(out, "out");
    *out = compute::equals(*a->expr, *b->expr) ? 1 : 0;
  });
}

DRC_API drc_status* drc_table_filter_expr(const drc_table* table, const drc_expr* predicate, int32_t num_threads,
                                          drc_table** out) {
  DRC_TRY({
    require_arg(table, "table");
    require_arg(predicate, "predicate");
    require_arg(out, "out");
    check_threads(num_threads);
    *out = make_handle<drc_table>(compute::filter(table->table, *predicate->expr, num_threads));
  });
}

DRC_API drc_status* drc_table_with_column(const drc_table* table, const char* name, const drc_expr* expr,
                                          int32_t num_threads, drc_table** out) {
  DRC_TRY({
    require_arg(table, "table");
    require_arg(name, "name");
    require_arg(expr, "expr");
    require_arg(out, "out");
    check_threads(num_threads);
    *out = make_handle<drc_table>(compute::with_column(table->table, name, *expr->expr, num_threads));
  });
}

DRC_API drc_status* drc_table_evaluate(const drc_table* table, const drc_expr* expr, int32_t num_threads,
                                       drc_array** out) {
  DRC_TRY({
    require_arg(table, "table");
    require_arg(expr, "expr");
    require_arg(out, "out");
    check_threads(num_threads);
    *out = make_handle<drc_array>(compute::evaluate(table->table, *expr->expr, num_threads));
  });
}

DRC_API drc_status* drc_table_select_names(const drc_table* table, const char* const* names, int32_t num_names,
                                           drc_table** out) {
  DRC_TRY({
    require_arg(table, "table");
    require_arg(out, "out");
    *out = make_handle<drc_table>(compute::select_names(table->table, names_of(names, num_names, "names")));
  });
}

DRC_API drc_status* drc_table_rename(const drc_table* table, const char* const* old_names,
                                     const char* const* new_names, int32_t num_names, drc_table** out) {
  DRC_TRY({
    require_arg(table, "table");
    require_arg(out, "out");
    auto olds = names_of(old_names, num_names, "old_names");
    auto news = names_of(new_names, num_names, "new_names");
    Renames pairs;
    for (size_t i = 0; i < olds.size(); ++i) pairs.emplace_back(olds[i], news[i]);
    *out = make_handle<drc_table>(compute::rename(table->table, pairs));
  });
}

DRC_API drc_status* drc_table_cast_column(const drc_table* table, const char* name, const drc_data_type* type,
                                          drc_table** out) {
  DRC_TRY({
    require_arg(table, "table");
    require_arg(name, "name");
    require_arg(type, "type");
    require_arg(out, "out");
    *out = make_handle<drc_table>(compute::cast_column(table->table, name, to_type(*type)));
  });
}

DRC_API drc_status* drc_table_head(const drc_table* table, int64_t n, drc_table** out) {
  DRC_TRY({
    require_arg(table, "table");
    require_arg(out, "out");
    *out = make_handle<drc_table>(compute::head(table->table, n));
  });
}

DRC_API drc_status* drc_table_tail(const drc_table* table, int64_t n, drc_table** out) {
  DRC_TRY({
    require_arg(table, "table");
    require_arg(out, "out");
    *out = make_handle<drc_table>(compute::tail(table->table, n));
  });
}

}  // extern "C"

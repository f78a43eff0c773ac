// Parser for the expression language (grammar and precedence in docs at parse_expression).
#pragma once
#include <string_view>

#include "compute/expr_ast.h"

namespace deeprc::compute {

// Parses expression text. Precedence, loosest first (as in SQL):
//   or < and < not < comparison (= == != <> < <= > >=, is [not] null, [not] in (...),
//   [not] between a and b) < + - < * / % < unary - < primary.
// Binary operators are left-associative. Primaries: column names (bare identifiers or "quoted"
// with "" for a quote), integer / float literals (also nan, inf), 'strings' ('' for a quote),
// true, false, null, date 'YYYY-MM-DD', timestamp 'YYYY-MM-DDThh:mm:ss[.f][Z|+hh:mm]',
// cast(expr as type), ( expr ). Keywords are case-insensitive; quote a column named like one.
// Throws Parse with the 0-based byte position: "expected ')' at position 10 (end of input) in 'v > (3 and'".
ExprPtr parse_expression(std::string_view text);

}  // namespace deeprc::compute

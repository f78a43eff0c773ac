// Type checking: resolves an expression tree against a schema into a typed plan (Bound) that
// the evaluator runs. All implicit conversions are explicit nodes here, so the evaluator's
// kernels only ever see operands of one physical kind.
//
// Type rules (documented in the public header too):
//  - Values are computed in 64-bit physical kinds: signed integers, date32 and timestamps as
//    int64; unsigned integers as uint64; float32/float64 as float64; bool; strings.
//  - + - * %: integer operands give int64, or uint64 when both are unsigned; an unsigned operand
//    mixed with a signed one is converted to int64 (values above 2^63-1 are an overflow error).
//    Any float operand makes the operation float64. Integer overflow and integer % 0 are errors
//    naming the expression and the row; float arithmetic follows IEEE (x/0 = ±inf, 0/0 = NaN).
//  - / is true division: both operands become float64 and the result is float64.
//  - unary minus: int64 for integers (checked), float64 for floats.
//  - Comparisons: numbers with numbers (integer/integer exactly, also signed vs unsigned; with a
//    float both sides as float64), strings with strings (bytewise, i.e. code point order), bool
//    with bool (false < true), date32/timestamp with each other (converted to the finer unit)
//    and with 'YYYY-MM-DD...' string literals (parsed to the column's type). Floats compare in a
//    total order: NaN equals NaN and is greater than +inf; -0 equals 0.
//  - and / or / not take bools and follow SQL three-valued logic; `is [not] null` never yields
//    null; `x in (a, b)` is `x = a or x = b`.
//  - cast(x as T) uses compute::cast (checked, errors name the row).
//  - A bare `null` takes the type of the other operand (bool for and/or/not).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "arrow/type.h"
#include "compute/expr_ast.h"

namespace deeprc::compute {

enum class Phys : uint8_t { Bool, I64, U64, F64, Str };

enum class BoundOp : uint8_t {
  Column, Literal, Neg, Not, Add, Sub, Mul, Div, Mod, Cmp, And, Or, IsNull, Cast,
  ToF64,  // int64/uint64 -> float64
  ToI64,  // uint64 -> int64 (checked)
  Scale,  // int64 * factor (checked): date32/timestamp unit conversion
};

struct Bound {
  BoundOp op = BoundOp::Literal;
  DataType type;      // logical result type
  Phys phys = Phys::I64;
  bool untyped_null = false;  // a bare null whose type is not known yet
  BinaryOp cmp = BinaryOp::Eq;  // Cmp
  bool negated = false;         // IsNull
  int column = -1;              // Column
  int64_t factor = 1;           // Scale
  // Literal value (phys selects the field); lit_null for a typed null.
  bool lit_null = false;
  int64_t lit_i = 0;
  uint64_t lit_u = 0;
  double lit_f = 0;
  std::string lit_s;
  std::string text;  // canonical text of the source sub-expression, for error messages
  std::vector<Bound> args;
};

Phys phys_of(const DataType& t);

// Throws NotFound for unknown columns (naming it, the expression and the table's columns) and
// Invalid for type errors (naming the expression text and both types).
Bound bind(const Expr& e, const Schema& schema);

}  // namespace deeprc::compute

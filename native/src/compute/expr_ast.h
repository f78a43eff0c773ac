// Expression trees over table columns, as produced by the parser (expr_parser.h) and printed back
// as canonical text. The tree is untyped: column types are resolved against a schema by the
// binder (expr_bind.h). Syntactic sugar is removed by the parser, so the tree holds only:
//   column refs, literals, unary (-, not), binary (+ - * / % = != < <= > >= and or),
//   `is [not] null`, `in (...)`, `cast(x as T)`.
// `between`, `not in`, `<>` and `==` are rewritten (x between a and b -> (x >= a and x <= b)).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "arrow/type.h"

namespace deeprc::compute {

enum class ExprKind { Column, Literal, Unary, Binary, IsNull, In, Cast };
enum class UnaryOp { Neg, Not };
enum class BinaryOp { Add, Sub, Mul, Div, Mod, Eq, Ne, Lt, Le, Gt, Ge, And, Or };
// Int literals that do not fit int64 but fit uint64 are UInt. Timestamps are UTC microseconds.
enum class LiteralKind { Null, Bool, Int, UInt, Float, String, Date, Timestamp };

struct Literal {
  LiteralKind kind = LiteralKind::Null;
  bool b = false;
  int64_t i = 0;   // Int, Date (days), Timestamp (microseconds since the epoch, UTC)
  uint64_t u = 0;  // UInt
  double f = 0;    // Float
  std::string s;   // String
};

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

struct Expr {
  ExprKind kind = ExprKind::Literal;
  std::string name;   // Column
  Literal literal;    // Literal
  UnaryOp unary = UnaryOp::Neg;
  BinaryOp binary = BinaryOp::Add;
  bool negated = false;  // IsNull: `is not null`
  DataType cast_to;      // Cast
  std::vector<ExprPtr> args;  // Unary: 1, Binary: 2, IsNull: 1, In: value then items, Cast: 1

  static ExprPtr col(std::string name);
  static ExprPtr lit(Literal lit);
  static ExprPtr unary_op(UnaryOp op, ExprPtr a);
  static ExprPtr binary_op(BinaryOp op, ExprPtr a, ExprPtr b);
  static ExprPtr is_null(ExprPtr a, bool negated);
  static ExprPtr in(ExprPtr value, std::vector<ExprPtr> items);
  static ExprPtr cast(ExprPtr a, DataType to);
};

// Canonical text: lower-case keywords, every unary/binary/is/in fully parenthesised, identifiers
// quoted only when needed, floats in shortest round-trip form. parse(to_string(e)) equals e.
std::string to_string(const Expr& e);
// Structural equality (NaN literals are equal to each other; -0.0 differs from 0.0).
bool equals(const Expr& a, const Expr& b);

const char* op_text(BinaryOp op);
// An identifier as written in expression text: bare when it is a plain identifier and not a
// keyword, otherwise "double-quoted" with embedded quotes doubled.
std::string quote_identifier(const std::string& name);
// A string literal: 'single-quoted' with embedded quotes doubled.
std::string quote_string(const std::string& s);
// True for words that have a meaning in the expression language (case-insensitive).
bool is_keyword(const std::string& word);

}  // namespace deeprc::compute

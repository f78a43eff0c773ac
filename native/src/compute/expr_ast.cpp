#include "compute/expr_ast.h"

#include <charconv>
#include <cmath>
#include <cstring>

#include "arrow/temporal.h"

namespace deeprc::compute {

ExprPtr Expr::col(std::string name) {
  Expr e;
  e.kind = ExprKind::Column;
  e.name = std::move(name);
  return std::make_shared<const Expr>(std::move(e));
}

ExprPtr Expr::lit(Literal lit) {
  Expr e;
  e.kind = ExprKind::Literal;
  e.literal = std::move(lit);
  return std::make_shared<const Expr>(std::move(e));
}

ExprPtr Expr::unary_op(UnaryOp op, ExprPtr a) {
  Expr e;
  e.kind = ExprKind::Unary;
  e.unary = op;
  e.args = {std::move(a)};
  return std::make_shared<const Expr>(std::move(e));
}

ExprPtr Expr::binary_op(BinaryOp op, ExprPtr a, ExprPtr b) {
  Expr e;
  e.kind = ExprKind::Binary;
  e.binary = op;
  e.args = {std::move(a), std::move(b)};
  return std::make_shared<const Expr>(std::move(e));
}

ExprPtr Expr::is_null(ExprPtr a, bool negated) {
  Expr e;
  e.kind = ExprKind::IsNull;
  e.negated = negated;
  e.args = {std::move(a)};
  return std::make_shared<const Expr>(std::move(e));
}

ExprPtr Expr::in(ExprPtr value, std::vector<ExprPtr> items) {
  Expr e;
  e.kind = ExprKind::In;
  e.args.push_back(std::move(value));
  for (auto& i : items) e.args.push_back(std::move(i));
  return std::make_shared<const Expr>(std::move(e));
}

ExprPtr Expr::cast(ExprPtr a, DataType to) {
  Expr e;
  e.kind = ExprKind::Cast;
  e.cast_to = std::move(to);
  e.args = {std::move(a)};
  return std::make_shared<const Expr>(std::move(e));
}

const char* op_text(BinaryOp op) {
  switch (op) {
    case BinaryOp::Add: return "+";
    case BinaryOp::Sub: return "-";
    case BinaryOp::Mul: return "*";
    case BinaryOp::Div: return "/";
    case BinaryOp::Mod: return "%";
    case BinaryOp::Eq: return "=";
    case BinaryOp::Ne: return "!=";
    case BinaryOp::Lt: return "<";
    case BinaryOp::Le: return "<=";
    case BinaryOp::Gt: return ">";
    case BinaryOp::Ge: return ">=";
    case BinaryOp::And: return "and";
    case BinaryOp::Or: return "or";
  }
  return "?";
}

bool is_keyword(const std::string& word) {
  static const char* const kWords[] = {"and", "or", "not", "is", "null", "in", "between", "true", "false",
                                       "cast", "as", "date", "timestamp", "nan", "inf", "infinity"};
  for (const char* k : kWords) {
    if (word.size() != std::strlen(k)) continue;
    bool same = true;
    for (size_t i = 0; i < word.size() && same; ++i)
      same = static_cast<char>(word[i] | 0x20) == k[i] && ((word[i] >= 'a' && word[i] <= 'z') || (word[i] >= 'A' && word[i] <= 'Z'));
    if (same) return true;
  }
  return false;
}

std::string quote_identifier(const std::string& name) {
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9') && !is_keyword(name);
  for (char c : name)
    plain = plain && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                     static_cast<unsigned char>(c) >= 0x80);  // non-ASCII letters need no quotes
  if (plain) return name;
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string quote_string(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

namespace {

std::string format_float(double f) {
  if (std::isnan(f)) return "nan";
  if (std::isinf(f)) return f > 0 ? "inf" : "-inf";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, f);
  std::string s(buf, r.ptr);
  // Keep a float literal a float when re-parsed ("1" would read back as an integer).
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

std::string literal_text(const Literal& l) {
  switch (l.kind) {
    case LiteralKind::Null: return "null";
    case LiteralKind::Bool: return l.b ? "true" : "false";
    case LiteralKind::Int: return std::to_string(l.i);
    case LiteralKind::UInt: return std::to_string(l.u);
    case LiteralKind::Float: return format_float(l.f);
    case LiteralKind::String: return quote_string(l.s);
    case LiteralKind::Date: return "date '" + format_date32(static_cast<int32_t>(l.i)) + "'";
    case LiteralKind::Timestamp: return "timestamp '" + format_timestamp(l.i, TimeUnit::Micro, true) + "'";
  }
  return "?";
}

void print(const Expr& e, std::string& out) {
  switch (e.kind) {
    case ExprKind::Column: out += quote_identifier(e.name); return;
    case ExprKind::Literal: out += literal_text(e.literal); return;
    case ExprKind::Unary:
      out += e.unary == UnaryOp::Neg ? "(-" : "(not ";
      print(*e.args[0], out);
      out += ')';
      return;
    case ExprKind::Binary:
      out += '(';
      print(*e.args[0], out);
      out += ' ';
      out += op_text(e.binary);
      out += ' ';
      print(*e.args[1], out);
      out += ')';
      return;
    case ExprKind::IsNull:
      out += '(';
      print(*e.args[0], out);
      out += e.negated ? " is not null)" : " is null)";
      return;
    case ExprKind::In:
      out += '(';
      print(*e.args[0], out);
      out += " in (";
      for (size_t i = 1; i < e.args.size(); ++i) {
        if (i > 1) out += ", ";
        print(*e.args[i], out);
      }
      out += "))";
      return;
    case ExprKind::Cast:
      out += "cast(";
      print(*e.args[0], out);
      out += " as " + e.cast_to.to_string() + ")";
      return;
  }
}

bool literal_equals(const Literal& a, const Literal& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case LiteralKind::Null: return true;
    case LiteralKind::Bool: return a.b == b.b;
    case LiteralKind::Int:
    case LiteralKind::Date:
    case LiteralKind::Timestamp: return a.i == b.i;
    case LiteralKind::UInt: return a.u == b.u;
    case LiteralKind::Float:
      return (std::isnan(a.f) && std::isnan(b.f)) || std::memcmp(&a.f, &b.f, sizeof(double)) == 0;
    case LiteralKind::String: return a.s == b.s;
  }
  return false;
}

}  // namespace

std::string to_string(const Expr& e) {
  std::string out;
  print(e, out);
  return out;
}

bool equals(const Expr& a, const Expr& b) {
  if (a.kind != b.kind || a.args.size() != b.args.size()) return false;
  switch (a.kind) {
    case ExprKind::Column:
      if (a.name != b.name) return false;
      break;
    case ExprKind::Literal:
      if (!literal_equals(a.literal, b.literal)) return false;
      break;
    case ExprKind::Unary:
      if (a.unary != b.unary) return false;
      break;
    case ExprKind::Binary:
      if (a.binary != b.binary) return false;
      break;
    case ExprKind::IsNull:
      if (a.negated != b.negated) return false;
      break;
    case ExprKind::In: break;
    case ExprKind::Cast:
      if (a.cast_to != b.cast_to) return false;
      break;
  }
  for (size_t i = 0; i < a.args.size(); ++i)
    if (!equals(*a.args[i], *b.args[i])) return false;
  return true;
}

}  // namespace deeprc::compute

#include "compute/expr_parser.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "arrow/temporal.h"
#include "compute/expr_lexer.h"
#include "core/error.h"

namespace deeprc::compute {
namespace {

bool word_is(const Token& t, const char* kw) {
  if (t.kind != TokenKind::Ident) return false;
  size_t i = 0;
  for (; kw[i] != 0; ++i) {
    if (i >= t.text.size()) return false;
    char c = t.text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != kw[i]) return false;
  }
  return i == t.text.size();
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text), toks_(tokenize(text)) {}

  ExprPtr parse() {
    if (peek().kind == TokenKind::End) fail("an expression");
    ExprPtr e = parse_or();
    if (peek().kind != TokenKind::End) fail("an operator or the end of the expression");
    return e;
  }

 private:
  const Token& peek(size_t ahead = 0) const { return toks_[std::min(i_ + ahead, toks_.size() - 1)]; }
  const Token& next() { return toks_[i_ < toks_.size() - 1 ? i_++ : i_]; }
  bool op_is(const char* op) const { return peek().kind == TokenKind::Op && peek().text == op; }

  [[noreturn]] void fail(const std::string& expected) const {
    const Token& t = peek();
    std::string found;
    if (t.kind != TokenKind::End) {
      const size_t end = std::min(i_ + 1, toks_.size() - 1);
      std::string_view s = text_.substr(t.pos, toks_[end].pos - t.pos);
      while (s.size() > 1 && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) s.remove_suffix(1);
      found = " but found '" + std::string(s) + "'";
    }
    throw_parse("expected " + expected + found + " at " + where(text_, t.pos));
  }
  void expect(TokenKind k, const char* what) {
    if (peek().kind != k) fail(what);
    next();
  }
  void expect_word(const char* kw) {
    if (!word_is(peek(), kw)) fail(std::string("'") + kw + "'");
    next();
  }

  ExprPtr parse_or() {
    ExprPtr l = parse_and();
    while (word_is(peek(), "or")) {
      next();
      l = Expr::binary_op(BinaryOp::Or, l, parse_and());
    }
    return l;
  }

  ExprPtr parse_and() {
    ExprPtr l = parse_not();
    while (word_is(peek(), "and")) {
      next();
      l = Expr::binary_op(BinaryOp::And, l, parse_not());
    }
    return l;
  }

  ExprPtr parse_not() {
    if (word_is(peek(), "not")) {
      next();
      return Expr::unary_op(UnaryOp::Not, parse_not());
    }
    return parse_comparison();
  }

  ExprPtr parse_comparison() {
    ExprPtr l = parse_additive();
    for (;;) {
      const Token& t = peek();
      if (t.kind == TokenKind::Op) {
        BinaryOp op;
        if (t.text == "=" || t.text == "==") op = BinaryOp::Eq;
        else if (t.text == "!=" || t.text == "<>") op = BinaryOp::Ne;
        else if (t.text == "<") op = BinaryOp::Lt;
        else if (t.text == "<=") op = BinaryOp::Le;
        else if (t.text == ">") op = BinaryOp::Gt;
        else if (t.text == ">=") op = BinaryOp::Ge;
        else return l;
        next();
        l = Expr::binary_op(op, l, parse_additive());
      } else if (word_is(t, "is")) {
        next();
        bool neg = false;
        if (word_is(peek(), "not")) {
          next();
          neg = true;
        }
        expect_word("null");
        l = Expr::is_null(l, neg);
      } else if (word_is(t, "in") || (word_is(t, "not") && (word_is(peek(1), "in") || word_is(peek(1), "between")))) {
        const bool neg = word_is(t, "not");
        if (neg) next();
        if (word_is(peek(), "between")) {
          next();
          ExprPtr lo = parse_additive();
          expect_word("and");
          ExprPtr hi = parse_additive();
          ExprPtr b = Expr::binary_op(BinaryOp::And, Expr::binary_op(BinaryOp::Ge, l, lo), Expr::binary_op(BinaryOp::Le, l, hi));
          l = neg ? Expr::unary_op(UnaryOp::Not, b) : b;
          continue;
        }
        next();  // in
        expect(TokenKind::LParen, "'(' after 'in'");
        std::vector<ExprPtr> items;
        for (;;) {
          items.push_back(parse_or());
          if (peek().kind == TokenKind::Comma) {
            next();
            continue;
          }
          expect(TokenKind::RParen, "',' or ')' in the 'in' list");
          break;
        }
        ExprPtr in = Expr::in(l, std::move(items));
        l = neg ? Expr::unary_op(UnaryOp::Not, in) : in;
      } else if (word_is(t, "between")) {
        next();
        ExprPtr lo = parse_additive();
        expect_word("and");
        ExprPtr hi = parse_additive();
        l = Expr::binary_op(BinaryOp::And, Expr::binary_op(BinaryOp::Ge, l, lo), Expr::binary_op(BinaryOp::Le, l, hi));
      } else {
        return l;
      }
    }
  }

  ExprPtr parse_additive() {
    ExprPtr l = parse_multiplicative();
    while (op_is("+") || op_is("-")) {
      const BinaryOp op = next().text == "+" ? BinaryOp::Add : BinaryOp::Sub;
      l = Expr::binary_op(op, l, parse_multiplicative());
    }
    return l;
  }

  ExprPtr parse_multiplicative() {
    ExprPtr l = parse_unary();
    while (op_is("*") || op_is("/") || op_is("%")) {
      const std::string& o = next().text;
      const BinaryOp op = o == "*" ? BinaryOp::Mul : o == "/" ? BinaryOp::Div : BinaryOp::Mod;
      l = Expr::binary_op(op, l, parse_unary());
    }
    return l;
  }

  ExprPtr parse_unary() {
    if (op_is("-")) {
      next();
      // A minus directly before a number is part of the literal, so that -9223372036854775808
      // is an int64 and canonical text ("-3") re-parses to the same tree.
      const Token& t = peek();
      if (t.kind == TokenKind::Int || t.kind == TokenKind::Float || word_is(t, "inf") || word_is(t, "infinity") ||
          word_is(t, "nan"))
        return number(true);
      return Expr::unary_op(UnaryOp::Neg, parse_unary());
    }
    if (op_is("+")) {  // unary plus is a no-op
      next();
      return parse_unary();
    }
    return parse_primary();
  }

  ExprPtr number(bool negative) {
    const Token& t = next();
    Literal lit;
    if (t.kind == TokenKind::Ident) {  // nan / inf
      lit.kind = LiteralKind::Float;
      lit.f = word_is(t, "nan") ? std::numeric_limits<double>::quiet_NaN() : std::numeric_limits<double>::infinity();
      if (negative) lit.f = -lit.f;
      if (std::isnan(lit.f)) lit.f = std::numeric_limits<double>::quiet_NaN();  // one NaN, no sign
      return Expr::lit(std::move(lit));
    }
    const std::string digits = (negative ? "-" : "") + t.text;
    if (t.kind == TokenKind::Int) {
      int64_t v;
      auto r = std::from_chars(digits.data(), digits.data() + digits.size(), v);
      if (r.ec == std::errc() && r.ptr == digits.data() + digits.size()) {
        lit.kind = LiteralKind::Int;
        lit.i = v;
        return Expr::lit(std::move(lit));
      }
      uint64_t u;
      auto ru = std::from_chars(t.text.data(), t.text.data() + t.text.size(), u);
      if (!negative && ru.ec == std::errc() && ru.ptr == t.text.data() + t.text.size()) {
        lit.kind = LiteralKind::UInt;
        lit.u = u;
        return Expr::lit(std::move(lit));
      }
      throw_parse("integer literal " + digits + " is out of range (int64 or uint64) at " + where(text_, t.pos));
    }
    lit.kind = LiteralKind::Float;
    lit.f = std::strtod(digits.c_str(), nullptr);  // overflow gives ±inf, as IEEE parsing does
    return Expr::lit(std::move(lit));
  }

  ExprPtr parse_primary() {
    const Token& t = peek();
    switch (t.kind) {
      case TokenKind::Int:
      case TokenKind::Float: return number(false);
      case TokenKind::String: {
        Literal lit;
        lit.kind = LiteralKind::String;
        lit.s = next().text;
        return Expr::lit(std::move(lit));
      }
      case TokenKind::QuotedIdent: return Expr::col(next().text);
      case TokenKind::LParen: {
        next();
        ExprPtr e = parse_or();
        expect(TokenKind::RParen, "')'");
        return e;
      }
      case TokenKind::Ident: break;
      default: fail("a column, literal or '('");
    }
    if (word_is(t, "null") || word_is(t, "true") || word_is(t, "false")) {
      Literal lit;
      lit.kind = word_is(t, "null") ? LiteralKind::Null : LiteralKind::Bool;
      lit.b = word_is(t, "true");
      next();
      return Expr::lit(std::move(lit));
    }
    if (word_is(t, "nan") || word_is(t, "inf") || word_is(t, "infinity")) return number(false);
    if ((word_is(t, "date") || word_is(t, "timestamp")) && peek(1).kind == TokenKind::String) {
      const bool is_date = word_is(t, "date");
      next();
      const Token& s = next();
      Literal lit;
      if (is_date) {
        auto d = parse_date32(s.text);
        if (!d) throw_parse("invalid date '" + s.text + "' (expected YYYY-MM-DD) at " + where(text_, s.pos));
        lit.kind = LiteralKind::Date;
        lit.i = *d;
      } else {
        auto ts = parse_timestamp(s.text, TimeUnit::Micro);
        if (!ts) throw_parse("invalid timestamp '" + s.text + "' (expected YYYY-MM-DDThh:mm:ss[.f][Z]) at " + where(text_, s.pos));
        lit.kind = LiteralKind::Timestamp;
        lit.i = *ts;
      }
      return Expr::lit(std::move(lit));
    }
    if (word_is(t, "cast") && peek(1).kind == TokenKind::LParen) {
      next();
      next();
      ExprPtr value = parse_or();
      expect_word("as");
      // The type name runs to the matching ')' (it may contain '[', ',' and '=').
      const size_t start = peek().pos;
      int depth = 0;
      while (peek().kind != TokenKind::End && !(depth == 0 && peek().kind == TokenKind::RParen)) {
        if (peek().kind == TokenKind::Op && peek().text == "[") ++depth;
        if (peek().kind == TokenKind::Op && peek().text == "]") --depth;
        next();
      }
      const size_t end = peek().pos;
      std::string type_text(text_.substr(start, end - start));
      while (!type_text.empty() && type_text.back() == ' ') type_text.pop_back();
      if (type_text.empty()) fail("a type name");
      expect(TokenKind::RParen, "')' after the type name");
      auto type = parse_type(type_text);
      if (!type) throw_parse("unknown type '" + type_text + "' at " + where(text_, start));
      return Expr::cast(value, *type);
    }
    if (is_keyword(t.text)) fail("a column, literal or '(' (quote a column named '" + t.text + "' as \"" + t.text + "\")");
    return Expr::col(next().text);
  }

  std::string_view text_;
  std::vector<Token> toks_;
  size_t i_ = 0;
};

}  // namespace

ExprPtr parse_expression(std::string_view text) { return Parser(text).parse(); }

}  // namespace deeprc::compute

#include "compute/expr_lexer.h"

#include "core/error.h"

namespace deeprc::compute {

std::string where(std::string_view text, size_t pos) {
  std::string at = pos >= text.size() ? "position " + std::to_string(pos) + " (end of input)"
                                      : "position " + std::to_string(pos);
  return at + " in '" + std::string(text) + "'";
}

namespace {

bool ident_start(char c) {
  // Bytes >= 0x80 (UTF-8 sequences) are allowed so non-ASCII names need no quotes.
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool ident_char(char c) { return ident_start(c) || (c >= '0' && c <= '9'); }
bool digit(char c) { return c >= '0' && c <= '9'; }

// Reads a quoted run starting at text[p] == q; doubled quotes are literal quotes.
std::string quoted(std::string_view text, size_t& p, char q, const char* what) {
  const size_t start = p++;
  std::string out;
  for (;;) {
    if (p >= text.size()) throw_parse(std::string("unterminated ") + what + " starting at " + where(text, start));
    if (text[p] == q) {
      if (p + 1 < text.size() && text[p + 1] == q) {
        out += q;
        p += 2;
        continue;
      }
      ++p;
      return out;
    }
    out += text[p++];
  }
}

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  size_t p = 0;
  while (p < text.size()) {
    const char c = text[p];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++p;
      continue;
    }
    Token t;
    t.pos = p;
    if (ident_start(c)) {
      const size_t b = p;
      while (p < text.size() && ident_char(text[p])) ++p;
      t.kind = TokenKind::Ident;
      t.text = std::string(text.substr(b, p - b));
    } else if (c == '"') {
      t.kind = TokenKind::QuotedIdent;
      t.text = quoted(text, p, '"', "quoted name");
      if (t.text.empty()) throw_parse("empty quoted name at " + where(text, t.pos));
    } else if (c == '\'') {
      t.kind = TokenKind::String;
      t.text = quoted(text, p, '\'', "string");
    } else if (digit(c) || (c == '.' && p + 1 < text.size() && digit(text[p + 1]))) {
      const size_t b = p;
      bool is_float = false;
      while (p < text.size() && digit(text[p])) ++p;
      if (p < text.size() && text[p] == '.') {
        is_float = true;
        ++p;
        while (p < text.size() && digit(text[p])) ++p;
      }
      if (p < text.size() && (text[p] == 'e' || text[p] == 'E')) {
        size_t q = p + 1;
        if (q < text.size() && (text[q] == '+' || text[q] == '-')) ++q;
        if (q >= text.size() || !digit(text[q])) throw_parse("malformed number exponent at " + where(text, p));
        while (q < text.size() && digit(text[q])) ++q;
        p = q;
        is_float = true;
      }
      if (p < text.size() && ident_char(text[p])) throw_parse("malformed number at " + where(text, b));
      t.kind = is_float ? TokenKind::Float : TokenKind::Int;
      t.text = std::string(text.substr(b, p - b));
    } else if (c == '(') {
      t.kind = TokenKind::LParen;
      ++p;
    } else if (c == ')') {
      t.kind = TokenKind::RParen;
      ++p;
    } else if (c == ',') {
      t.kind = TokenKind::Comma;
      ++p;
    } else {
      static const char* const kOps[] = {"==", "!=", "<>", "<=", ">=", "=", "<", ">", "+", "-", "*", "/", "%",
                                           // only meaningful inside a cast's type name
                                           "[", "]", ":"};
      t.kind = TokenKind::Op;
      for (const char* op : kOps) {
        const std::string_view o(op);
        if (text.substr(p, o.size()) == o) {
          t.text = std::string(o);
          break;
        }
      }
      if (t.text.empty()) throw_parse("unexpected character '" + std::string(1, c) + "' at " + where(text, p));
      p += t.text.size();
    }
    out.push_back(std::move(t));
  }
  Token end;
  end.pos = text.size();
  out.push_back(std::move(end));
  return out;
}

}  // namespace deeprc::compute

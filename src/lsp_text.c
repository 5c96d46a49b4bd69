/* lsp_text.c - LSP positions (line, UTF-16 unit) over UTF-8 text, and edits. */
#include "lsp_text.h"

#include <stdlib.h>
#include <string.h>

/* Length in bytes of the code point at P (LEFT bytes remain) and its width
 * in UTF-16 units. Invalid or cut-off sequences count as one byte, one unit,
 * so a cursor always moves forward. */
static size_t code_point(const unsigned char *p, size_t left, size_t *units) {
  size_t n = 1;
  *units = 1;
  if (p[0] >= 0xF0 && p[0] <= 0xF7)
    n = 4;
  else if (p[0] >= 0xE0)
    n = p[0] <= 0xEF ? 3 : 1;
  else if (p[0] >= 0xC0)
    n = 2;
  if (n > left)
    return 1;
  for (size_t i = 1; i < n; i++)
    if ((p[i] & 0xC0) != 0x80)
      return 1;
  if (n == 4)
    *units = 2; /* a surrogate pair */
  return n;
}

void lsp_cursor_init(struct lsp_cursor *c, const char *text, size_t len) {
  c->text = text;
  c->len = len;
  c->off = 0;
  c->pos = (struct lsp_pos){0, 0};
}

struct lsp_pos lsp_cursor_to(struct lsp_cursor *c, size_t off) {
  if (off > c->len)
    off = c->len;
  if (off < c->off)
    lsp_cursor_init(c, c->text, c->len);
  const unsigned char *t = (const unsigned char *)c->text;
  while (c->off < off) {
    unsigned char b = t[c->off];
    if (b < 0x80 && b != '\n' && b != '\r') { /* most of a draft: one byte, one unit */
      c->off++;
      c->pos.character++;
      continue;
    }
    if (b == '\n' || (b == '\r' && (c->off + 1 >= c->len || t[c->off + 1] != '\n'))) {
      c->pos.line++;
      c->pos.character = 0;
      c->off++;
      continue;
    }
    if (b == '\r') {
      /* the "\r" of "\r\n": the line ends at the "\n" */
      if (c->off + 1 == off)
        break;
      c->off++;
      continue;
    }
    size_t units, n = code_point(t + c->off, c->len - c->off, &units);
    if (c->off + n > off)
      break; /* OFF points inside this code point */
    c->off += n;
    c->pos.character += units;
  }
  return c->pos;
}

/* Offset of the start of line LINE, or LEN when the text has fewer lines. */
static size_t line_start(const char *text, size_t len, size_t line) {
  size_t off = 0;
  while (line > 0 && off < len) {
    char b = text[off++];
    if (b == '\r' && off < len && text[off] == '\n')
      off++;
    if (b == '\n' || b == '\r')
      line--;
  }
  return line > 0 ? len : off;
}

size_t lsp_text_offset(const char *text, size_t len, struct lsp_pos pos) {
  size_t off = line_start(text, len, pos.line);
  size_t done = 0;
  const unsigned char *t = (const unsigned char *)text;
  while (off < len && t[off] != '\n' && t[off] != '\r') {
    size_t units, n = code_point(t + off, len - off, &units);
    if (done + units > pos.character)
      break;
    done += units;
    off += n;
  }
  return off;
}

exl_status lsp_text_splice(char **text, size_t *len, size_t start, size_t end, const char *rep,
                           size_t rep_len) {
  size_t old = *len;
  if (start > old)
    start = old;
  if (end > old)
    end = old;
  if (end < start)
    end = start;
  size_t kept = old - (end - start);
  if (rep_len > EXL_MAX_DRAFT || kept > EXL_MAX_DRAFT - rep_len)
    return EXL_ETOOBIG;
  size_t n = kept + rep_len;
  char *out = malloc(n + 1);
  if (!out)
    return EXL_ENOMEM;
  if (start > 0)
    memcpy(out, *text, start);
  if (rep_len > 0)
    memcpy(out + start, rep, rep_len);
  if (old > end)
    memcpy(out + start + rep_len, *text + end, old - end);
  out[n] = '\0';
  free(*text);
  *text = out;
  *len = n;
  return EXL_OK;
}

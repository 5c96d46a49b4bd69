/* draft.c - read a draft as people type it: validate, normalise, segment. */
#include "draft.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* ---- validation ------------------------------------------------------ */

static exl_status validate(const char *name, const char *text, size_t len, exl_error *err) {
  const unsigned char *s = (const unsigned char *)text;
  size_t line = 1;
  for (size_t i = 0; i < len;) {
    if (s[i] == 0)
      return error_set(err, EXL_EENCODING, "%s: NUL byte at line %zu (byte %zu); not a text draft",
                       name, line, i);
    size_t n = utf8_seq_len(s + i, len - i);
    if (n == 0)
      return error_set(err, EXL_EENCODING, "%s: invalid UTF-8 at line %zu (byte %zu)", name, line,
                       i);
    if (s[i] == '\n')
      line++;
    i += n;
  }
  return EXL_OK;
}

/* ---- normalisation --------------------------------------------------- */

struct norm_state {
  struct buf out;
  struct offmap *map;
  size_t nmap, capmap;
  bool oom;
};

static void map_push(struct norm_state *st, size_t norm, size_t orig) {
  if (st->nmap == st->capmap) {
    size_t cap = st->capmap ? st->capmap * 2 : 16;
    struct offmap *m = realloc(st->map, cap * sizeof(*m));
    if (!m) {
      st->oom = true;
      return;
    }
    st->map = m;
    st->capmap = cap;
  }
  st->map[st->nmap++] = (struct offmap){norm, orig};
}

/* The ASCII stand-in for code point CP, or NULL to keep it as it is. */
static const char *fold_cp(unsigned cp) {
  switch (cp) {
  case 0x2018: case 0x2019: case 0x201B: case 0x02BC: case 0x2032: case 0xFF07:
    return "'";
  case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0xFF02:
    return "\"";
  case 0x00A0: case 0x2007: case 0x202F:
    return " ";
  case 0x200B: case 0xFEFF: case 0x00AD:
    return ""; /* zero-width space, stray BOM, soft hyphen */
  default:
    return NULL;
  }
}

static void normalise(struct norm_state *st, const char *text, size_t len, size_t body) {
  const unsigned char *s = (const unsigned char *)text;
  map_push(st, 0, body);
  buf_grow(&st->out, len - body);
  for (size_t i = body; i < len;) {
    if (s[i] == '\r') {
      buf_putc(&st->out, '\n');
      if (i + 1 < len && s[i + 1] == '\n') {
        i += 2;
        map_push(st, st->out.len, i);
      } else {
        i++;
      }
      continue;
    }
    if (s[i] < 0x80) {
      buf_putc(&st->out, (char)s[i++]);
      continue;
    }
    size_t n;
    unsigned cp = utf8_decode(s + i, &n);
    const char *fold = fold_cp(cp);
    if (fold) {
      buf_puts(&st->out, fold);
      i += n;
      map_push(st, st->out.len, i);
    } else {
      buf_put(&st->out, text + i, n);
      i += n;
    }
  }
  buf_grow(&st->out, 0);
}

/* ---- words ----------------------------------------------------------- */

bool draft_word_cp(unsigned cp) {
  if (cp < 0x80)
    return isalnum((int)cp) != 0;
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
    return false; /* Latin-1 punctuation and symbols */
  if (cp >= 0x2000 && cp <= 0x2BFF)
    return false; /* punctuation, arrows, symbols, dingbats */
  if (cp >= 0x3000 && cp <= 0x303F)
    return false;
  if (cp >= 0xFE00 && cp <= 0xFE0F)
    return false; /* variation selectors */
  if (cp >= 0x1F000)
    return false; /* emoji and pictographs */
  return true;
}

static unsigned cp_at(const char *s, size_t n, size_t i, size_t *len) {
  const unsigned char *u = (const unsigned char *)s + i;
  if (u[0] < 0x80) {
    *len = 1;
    return u[0];
  }
  if (utf8_seq_len(u, n - i) == 0) {
    *len = 1; /* cannot happen on validated text; be safe on blanked bytes */
    return 0xFFFD;
  }
  return utf8_decode(u, len);
}

/* A word is a run of word code points, with inner apostrophes ("don't"). */
bool draft_next_word(const char *s, size_t n, size_t from, struct span *w) {
  size_t i = from, len;
  while (i < n && !draft_word_cp(cp_at(s, n, i, &len)))
    i += len;
  if (i >= n)
    return false;
  w->start = i;
  while (i < n) {
    unsigned cp = cp_at(s, n, i, &len);
    if (draft_word_cp(cp)) {
      i += len;
      continue;
    }
    if (cp == '\'' && i + 1 < n && draft_word_cp(cp_at(s, n, i + 1, &len))) {
      i++;
      continue;
    }
    break;
  }
  w->end = i;
  return true;
}

/* ---- masking --------------------------------------------------------- */

static void blank(char *s, size_t from, size_t to) {
  for (size_t i = from; i < to; i++)
    if (s[i] != '\n')
      s[i] = ' ';
}

/* Lines a reply quotes ("> you said ...") are the ex's words, not the
 * sender's: they are kept aside in D->quoted (a rule may need to know what
 * the draft answers) and blanked. False on OOM. */
static bool mask_quoted_lines(struct draft *d) {
  char *s = d->norm;
  size_t n = d->norm_len, i = 0;
  struct buf q = {0};
  while (i < n) {
    size_t j = i;
    while (j < n && (s[j] == ' ' || s[j] == '\t'))
      j++;
    size_t eol = j;
    while (eol < n && s[eol] != '\n')
      eol++;
    if (j < n && s[j] == '>') {
      buf_put(&q, s + j + 1, eol - j - 1);
      buf_putc(&q, '\n');
      blank(s, j, eol);
    }
    i = eol + 1;
  }
  if (q.len == 0 || q.oom) {
    bool ok = !q.oom;
    buf_free(&q);
    return ok;
  }
  d->quoted_len = q.len;
  d->quoted = buf_detach(&q);
  return d->quoted != NULL;
}

static bool is_reporting_verb(const char *w, size_t n) {
  static const char *verbs[] = {"said", "says", "say", "told", "tells", "asked", "asks",
                                "wrote", "writes", "texted", "goes", "went", "yelled",
                                "screamed", "called", "put", "quote", "quoted", NULL};
  for (int i = 0; verbs[i]; i++)
    if (strlen(verbs[i]) == n && strncasecmp(w, verbs[i], n) == 0)
      return true;
  return false;
}

/* Is there a reporting verb among the three words before OFF? */
static bool after_reporting_verb(const char *s, size_t off) {
  size_t i = off;
  for (int words = 0; words < 3; words++) {
    while (i > 0 && !isalpha((unsigned char)s[i - 1])) {
      if (s[i - 1] == '.' || s[i - 1] == '!' || s[i - 1] == '?' || s[i - 1] == '\n')
        return false;
      i--;
    }
    size_t end = i;
    while (i > 0 && isalpha((unsigned char)s[i - 1]))
      i--;
    if (end == i)
      return false;
    if (is_reporting_verb(s + i, end - i))
      return true;
  }
  return false;
}

static size_t count_nonspace(const char *s, size_t from, size_t to) {
  size_t k = 0;
  for (size_t i = from; i < to; i++)
    k += !isspace((unsigned char)s[i]);
  return k;
}

static size_t count_words(const char *s, size_t from, size_t to) {
  struct span w;
  size_t n = 0;
  while (draft_next_word(s, to, from, &w)) {
    n++;
    from = w.end;
  }
  return n;
}

/* Text in double quotes (four words or more, or after a reporting verb),
 * and text in single quotes right after a reporting verb, reports someone
 * else's words. A draft that is one big quotation is
 * still the sender's, so a quote covering most of it is kept. */
static void mask_reported_speech(char *s, size_t n) {
  size_t total = count_nonspace(s, 0, n);
  for (size_t i = 0; i < n; i++) {
    char q = s[i];
    if (q != '"' && q != '\'')
      continue;
    if (q == '\'') {
      bool opens = (i == 0 || isspace((unsigned char)s[i - 1]) || s[i - 1] == ':') &&
                   after_reporting_verb(s, i);
      if (!opens)
        continue;
    }
    size_t limit = i + 400 < n ? i + 400 : n, j;
    for (j = i + 1; j < limit; j++) {
      if (s[j] == '\n' && j + 1 < n && s[j + 1] == '\n')
        j = limit; /* quotes do not cross paragraphs */
      else if (s[j] == q && (q == '"' || j + 1 >= n || !isalnum((unsigned char)s[j + 1])))
        break;
    }
    if (j >= limit)
      continue;
    /* Short double-quoted bits without a reporting verb are scare quotes
     * ('your "fresh start"'): the sender's own sarcasm, so they stay. */
    bool reported = q == '\'' || after_reporting_verb(s, i) || count_words(s, i, j) >= 4;
    if (reported && count_nonspace(s, i, j + 1) * 10 < total * 7)
      blank(s, i, j + 1);
    i = j;
  }
}

/* ---- segmentation ---------------------------------------------------- */

static bool push_span(struct span **v, size_t *n, size_t *cap, struct span sp) {
  if (*n == *cap) {
    size_t c = *cap ? *cap * 2 : 16;
    struct span *p = realloc(*v, c * sizeof(*p));
    if (!p)
      return false;
    *v = p;
    *cap = c;
  }
  (*v)[(*n)++] = sp;
  return true;
}

static bool has_word(const char *s, size_t from, size_t to) {
  struct span w;
  return draft_next_word(s, to, from, &w);
}

/* Sentences end at . ! ? (in runs, maybe followed by closing quotes or
 * brackets) before a space, and at every line break: phone-typed drafts
 * often put one thought per line with no punctuation. */
static bool segment(struct draft *d) {
  const char *s = d->norm;
  size_t n = d->norm_len, cap = 0, start = 0;
  for (size_t i = 0; i <= n; i++) {
    size_t end = 0;
    if (i == n || s[i] == '\n') {
      end = i;
    } else if (s[i] == '.' || s[i] == '!' || s[i] == '?') {
      size_t j = i;
      while (j < n && (s[j] == '.' || s[j] == '!' || s[j] == '?' || s[j] == '"' || s[j] == '\'' ||
                       s[j] == ')'))
        j++;
      if (j < n && !isspace((unsigned char)s[j]))
        continue; /* "3.5", "e.g.x", a URL */
      end = j;
      i = j - 1;
    } else {
      continue;
    }
    while (start < end && isspace((unsigned char)s[start]))
      start++;
    if (start < end && has_word(s, start, end) &&
        !push_span(&d->sent, &d->nsent, &cap, (struct span){start, end}))
      return false;
    start = i + 1;
  }
  return true;
}

/* Patterns match inside one paragraph, read as if it were a message of
 * its own, so that an editor re-linting after a keystroke can keep what it
 * found in the paragraphs it did not touch. A blank line (a run of white
 * space holding two line breaks) ends one; the next starts at its first
 * letter. White space that ends the draft stays with the last paragraph. */
static bool split_paragraphs(struct draft *d) {
  const char *s = d->norm;
  size_t n = d->norm_len, cap = 8, k = 0;
  size_t *par = malloc(cap * sizeof(*par));
  if (!par)
    return false;
  par[k++] = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] != '\n')
      continue;
    size_t j = i + 1;
    bool blank = false;
    while (j < n && isspace((unsigned char)s[j]))
      blank |= s[j++] == '\n';
    if (blank && j < n) {
      if (k + 1 >= cap) {
        size_t *p = realloc(par, 2 * cap * sizeof(*par));
        if (!p) {
          free(par);
          return false;
        }
        par = p;
        cap *= 2;
      }
      par[k++] = j;
    }
    i = j - 1;
  }
  par[k] = n; /* k + 1 <= cap: the loop keeps one slot free */
  d->par = par;
  d->npar = k;
  return true;
}

size_t draft_para_at(const struct draft *d, size_t off) {
  return last_at_or_before(d->par, d->npar, 0, off);
}

size_t draft_para_near(const struct draft *d, size_t k, size_t off) {
  return last_at_or_before(d->par, d->npar, k, off);
}

static void count_words_paras(struct draft *d) {
  const char *s = d->norm;
  size_t n = d->norm_len;
  struct span w = {0, 0};
  size_t from = 0, last_end = 0;
  bool first = true;
  while (draft_next_word(s, n, from, &w)) {
    d->nwords++;
    /* a blank line between two words starts a new paragraph */
    bool blank_line = false;
    for (size_t i = last_end, nl = 0; !first && i < w.start; i++) {
      if (s[i] == '\n' && ++nl >= 2)
        blank_line = true;
      else if (!isspace((unsigned char)s[i]) && s[i] != '\n')
        nl = 0;
    }
    if (first || blank_line)
      d->nparas++;
    first = false;
    last_end = w.end;
    from = w.end;
  }
}

static bool index_lines(struct draft *d) {
  size_t cap = 64;
  d->lines = malloc(cap * sizeof(size_t));
  if (!d->lines)
    return false;
  d->lines[d->nlines++] = d->body;
  for (size_t i = d->body; i < d->len; i++) {
    bool eol = d->text[i] == '\n' || (d->text[i] == '\r' && (i + 1 >= d->len || d->text[i + 1] != '\n'));
    if (!eol)
      continue;
    if (d->nlines == cap) {
      size_t *p = realloc(d->lines, cap * 2 * sizeof(size_t));
      if (!p)
        return false;
      d->lines = p;
      cap *= 2;
    }
    d->lines[d->nlines++] = i + 1;
  }
  return true;
}

/* ---- public ---------------------------------------------------------- */

exl_status draft_parse(struct draft *d, const char *name, const char *text, size_t len,
                       exl_error *err) {
  memset(d, 0, sizeof(*d));
  if (len > EXL_MAX_DRAFT)
    return error_set(err, EXL_ETOOBIG, "%s: too large (%zu bytes; the limit is %zu)", name, len,
                     EXL_MAX_DRAFT);
  exl_status st = validate(name, text, len, err);
  if (st != EXL_OK)
    return st;
  d->text = text;
  d->len = len;
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
    d->body = 3;

  struct norm_state ns = {0};
  normalise(&ns, text, len, d->body);
  d->norm_len = ns.out.len;
  d->norm = buf_detach(&ns.out);
  d->map = ns.map;
  d->nmap = ns.nmap;
  if (!d->norm || ns.oom || !index_lines(d))
    goto oom;
  if (!mask_quoted_lines(d) || !segment(d))
    goto oom;
  count_words_paras(d);
  mask_reported_speech(d->norm, d->norm_len);
  if (!split_paragraphs(d))
    goto oom;
  return EXL_OK;
oom:
  draft_free(d);
  return error_set(err, EXL_ENOMEM, "%s: out of memory", name);
}

void draft_free(struct draft *d) {
  free(d->norm);
  free(d->map);
  free(d->lines);
  free(d->sent);
  free(d->par);
  free(d->quoted);
  memset(d, 0, sizeof(*d));
}

size_t draft_orig(const struct draft *d, size_t n) {
  size_t lo = 0, hi = d->nmap; /* last entry with norm <= n */
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (d->map[mid].norm <= n)
      lo = mid;
    else
      hi = mid;
  }
  if (d->nmap == 0)
    return n;
  return d->map[lo].orig + (n - d->map[lo].norm);
}

void draft_linecol(const struct draft *d, size_t off, size_t *line, size_t *col) {
  size_t lo = last_at_or_before(d->lines, d->nlines, 0, off);
  size_t start = d->nlines ? d->lines[lo] : 0;
  if (off < start)
    off = start; /* inside the BOM */
  *line = lo + 1;
  *col = 1 + utf8_count(d->text + start, off - start);
}

struct span draft_sentence_at(const struct draft *d, size_t off) {
  size_t lo = 0, hi = d->nsent;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (d->sent[mid].end <= off)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < d->nsent && d->sent[lo].start <= off)
    return d->sent[lo];
  /* between sentences: the stretch from the previous end to the next start */
  size_t a = lo > 0 ? d->sent[lo - 1].end : 0;
  size_t b = lo < d->nsent ? d->sent[lo].start : d->norm_len;
  return (struct span){a, b};
}

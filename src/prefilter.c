/* prefilter.c - literal strings a pattern's matches must contain.
 *
 * A small recursive-descent reader of PCRE2 syntax. For every node it
 * works out two facts:
 *   exact   - the finite set of strings the node can match, when it is
 *             small and known ("(?:me|us)" -> {me, us}; "\b" -> {""});
 *   clauses - sets of strings one of which every match contains.
 * A sequence joins neighbouring exact sets ("one\s+more" gives "one" and
 * "more"); an alternation unions one clause of each branch; an optional
 * part contributes nothing. Anything unfamiliar makes the whole analysis
 * give up, which is always safe: the pattern then runs on every draft. */
#define _GNU_SOURCE
#include "prefilter.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define PF_MAXSTR 24    /* longest literal kept; longer ones are cut to a prefix */
#define PF_MAXALT 64    /* most alternatives in one set */
#define PF_MAXCROSS 16  /* most strings a joined run of exact sets may hold */
#define PF_MAXCLAUSE 4  /* best clauses kept per node */
#define PF_MAXDEPTH 12  /* nesting of groups before giving up (each level costs stack) */
/* A literal of one byte, 0x80, that stands for any byte >= 0x80 (see
 * info_high()); no other literal holds a byte >= 0x80. */
#define PF_HIGH 0x80u
#define PF_HIGH_STR "\x80"
/* A literal of one byte, 0x01, that stands for a place where a character
 * occurs three times in a row: what "(\p{L})\1{2,}" (a stretched
 * "sooo") requires of a draft, which has no literal to offer otherwise.
 * See triple_step() for what counts as such a place. Through the literal
 * index a draft's own 0x01 bytes count too, which can only make a pattern
 * run where it need not; no pattern's literal is 0x01 (parse_escape()). */
#define PF_TRIPLE 0x01u
#define PF_TRIPLE_STR "\x01"

struct strset {
  int n; /* -1: unknown (too many strings, or not a finite set) */
  unsigned char len[PF_MAXALT]; /* strlen of each string, kept to save rescans */
  char s[PF_MAXALT][PF_MAXSTR + 1];
};

struct info {
  struct strset exact;
  struct strset clause[PF_MAXCLAUSE];
  int nclause;
};

struct parser {
  const char *p;
  bool fail;
  int depth;
  int ncap;        /* capturing groups opened so far */
  bool renumbered; /* (?| or the n option: group numbers no longer follow ncap */
};

/* Lowercase ASCII only, whatever the locale. */
static char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

/* ---- sets ------------------------------------------------------------ */

static void set_unknown(struct strset *s) { s->n = -1; }

static void set_empty_string(struct strset *s) {
  s->n = 1;
  s->len[0] = 0;
  s->s[0][0] = '\0';
}

static bool set_has_n(const struct strset *s, const char *str, size_t n) {
  for (int i = 0; i < s->n; i++)
    if (s->len[i] == n && memcmp(s->s[i], str, n) == 0)
      return true;
  return false;
}

/* Add the N bytes of STR; false when the set is full. */
static bool set_add_n(struct strset *s, const char *str, size_t n) {
  if (s->n < 0)
    return false;
  if (set_has_n(s, str, n))
    return true;
  if (s->n == PF_MAXALT || n > PF_MAXSTR)
    return false;
  memcpy(s->s[s->n], str, n);
  s->s[s->n][n] = '\0';
  s->len[s->n++] = (unsigned char)n;
  return true;
}

static bool set_add(struct strset *s, const char *str) { return set_add_n(s, str, strlen(str)); }

/* Copy only the strings in use: a whole set is kilobytes. */
static void set_copy(struct strset *dst, const struct strset *src) {
  dst->n = src->n;
  for (int i = 0; i < src->n; i++) {
    dst->len[i] = src->len[i];
    memcpy(dst->s[i], src->s[i], (size_t)src->len[i] + 1);
  }
}

static bool set_has_empty(const struct strset *s) { return set_has_n(s, "", 0); }

/* A clause is worth its keep when its shortest string is long: "chance"
 * rules out more drafts than "i". */
static size_t clause_score(const struct strset *c) {
  size_t best = PF_MAXSTR + 1;
  for (int i = 0; i < c->n; i++)
    if (c->len[i] < best)
      best = c->len[i];
  return best * 64 + (size_t)(PF_MAXALT - c->n);
}

/* Keep C as a clause of X if it says anything (no empty alternative). */
static bool same_set(const struct strset *a, const struct strset *b) {
  if (a->n != b->n)
    return false;
  for (int i = 0; i < a->n; i++)
    if (!set_has_n(b, a->s[i], a->len[i]))
      return false;
  return true;
}

static void add_clause(struct info *x, const struct strset *c) {
  if (c->n <= 0 || set_has_empty(c))
    return;
  for (int i = 0; i < x->nclause; i++)
    if (same_set(&x->clause[i], c))
      return;
  if (x->nclause < PF_MAXCLAUSE) {
    set_copy(&x->clause[x->nclause++], c);
    return;
  }
  int worst = 0;
  for (int i = 1; i < x->nclause; i++)
    if (clause_score(&x->clause[i]) < clause_score(&x->clause[worst]))
      worst = i;
  if (clause_score(c) > clause_score(&x->clause[worst]))
    set_copy(&x->clause[worst], c);
}

static const struct strset *best_clause(const struct info *x) {
  const struct strset *best = NULL;
  for (int i = 0; i < x->nclause; i++)
    if (!best || clause_score(&x->clause[i]) > clause_score(best))
      best = &x->clause[i];
  return best;
}

/* A x B into OUT; false when it would not fit. */
static bool set_cross(const struct strset *a, const struct strset *b, struct strset *out) {
  if (a->n < 0 || b->n < 0 || a->n * b->n > PF_MAXCROSS)
    return false;
  out->n = 0;
  for (int i = 0; i < a->n; i++)
    for (int j = 0; j < b->n; j++) {
      size_t la = a->len[i], lb = b->len[j];
      if (la + lb > PF_MAXSTR)
        return false;
      char tmp[PF_MAXSTR + 1];
      memcpy(tmp, a->s[i], la);
      memcpy(tmp + la, b->s[j], lb);
      if (!set_add_n(out, tmp, la + lb))
        return false;
    }
  return true;
}

/* ---- reading the pattern --------------------------------------------- */

static void parse_alt(struct parser *ps, struct info *out);

static void info_zero_width(struct info *x) {
  set_empty_string(&x->exact);
  x->nclause = 0;
}

static void info_unknown(struct info *x) {
  set_unknown(&x->exact);
  x->nclause = 0;
}

static void info_literal(struct info *x, char c) {
  x->exact.n = 1;
  x->exact.s[0][0] = ascii_lower(c);
  x->exact.s[0][1] = '\0';
  x->exact.len[0] = 1;
  x->nclause = 0;
}

/* A non-ASCII character of the pattern (its N bytes at S). Case rules
 * make its bytes unknown, but whatever it matches is non-ASCII too, except
 * the two characters PCRE2 folds to ASCII letters under caseless matching
 * (KELVIN SIGN to k, LONG S to s; a search of every code point finds no
 * other). So it stands for PF_HIGH, "some byte >= 0x80", which never joins
 * its neighbours: the character may be longer or shorter than the one
 * matched. */
static void info_high(struct info *x, const char *s, size_t n) {
  info_unknown(x);
  if ((n == 3 && memcmp(s, "\xE2\x84\xAA", 3) == 0) || (n == 2 && memcmp(s, "\xC5\xBF", 2) == 0))
    return;
  x->nclause = 1;
  x->clause[0].n = 0;
  set_add(&x->clause[0], PF_HIGH_STR);
}

/* [...]: skipped whole; it stands for one unknown character. */
static void skip_class(struct parser *ps) {
  const char *p = ps->p + 1;
  if (*p == '^')
    p++;
  if (*p == ']')
    p++; /* a leading ] is literal */
  while (*p && *p != ']') {
    if (*p == '\\' && (p[1] == 'c' || p[1] == 'Q' || p[1] == 'E')) {
      ps->fail = true; /* \c] is one character; \Q...\E quotes a ] */
      return;
    }
    if (*p == '\\' && p[1] && p[2] == '{' && strchr("xopPN", p[1])) {
      const char *end = strchr(p, '}');
      p = end ? end + 1 : p + 2;
    } else if (*p == '\\' && p[1])
      p += 2;
    else if (p[0] == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
      ps->fail = true; /* POSIX [:name:] has fiddly rules of its own; give up */
      return;
    } else
      p++;
  }
  if (*p != ']')
    ps->fail = true;
  else
    ps->p = p + 1;
}

static void parse_escape(struct parser *ps, struct info *x) {
  char c = ps->p[1];
  if (c == '\0') {
    ps->fail = true; /* a trailing backslash: PCRE2 refuses it too */
    return;
  }
  ps->p += 2;
  if (strchr("bBAzZGK", c)) {
    info_zero_width(x);
  } else if (strchr("sSwWdDhHvVRXntrfea", c)) {
    info_unknown(x);
  } else if (c == 'p' || c == 'P' || c == 'x') { /* one character: \p{L}, \pL, \x{1F600}, \x41 */
    if (*ps->p == '{') {
      const char *end = strchr(ps->p, '}');
      if (!end) {
        ps->fail = true;
        return;
      }
      ps->p = end + 1;
    } else if (c == 'x') {
      for (int i = 0; i < 2 && isxdigit((unsigned char)*ps->p); i++)
        ps->p++;
    } else if (isalpha((unsigned char)*ps->p)) {
      ps->p++;
    } else {
      ps->fail = true;
      return;
    }
    info_unknown(x);
  } else if (isalnum((unsigned char)c) || (unsigned char)c >= 0x80) {
    ps->fail = true; /* backreference, \x, \p, \Q, ...: not worth the risk */
  } else if ((unsigned char)c < 0x20 || c == 0x7F) {
    info_unknown(x); /* a control character: never a literal, so none can
                        be taken for PF_TRIPLE's 0x01 */
  } else {
    info_literal(x, c);
  }
}

/* After "(": the kind of group. Returns 'g' (a group whose text is part of
 * the match), 'l' (lookaround or option setting: zero width), or 0. */
static char group_kind(struct parser *ps) {
  const char *p = ps->p;
  if (*p == '*')
    return 0;
  if (*p != '?')
    return 'g';
  p++;
  if (*p == ':' || *p == '>' || *p == '|') {
    ps->p = p + 1;
    return 'g';
  }
  if (*p == '=' || *p == '!') {
    ps->p = p + 1;
    return 'l';
  }
  if (*p == '<' && (p[1] == '=' || p[1] == '!')) {
    ps->p = p + 2;
    return 'l';
  }
  if (*p == '<' || *p == '\'' || (*p == 'P' && p[1] == '<')) { /* a named group */
    const char *end = *p == '\'' ? strchr(p + 1, '\'') : strchr(p, '>');
    if (!end)
      return 0;
    ps->p = end + 1;
    return 'g';
  }
  /* option letters: (?i) (?i-s:...); only PCRE2's own, so (?R) and the
   * like (which consume text) are not taken for a setting */
  const char *q = p;
  for (; *q && strchr("imnsJU-^", *q); q++) /* not x: extended mode gives spaces and # a meaning */
    if (*q == 'n')
      ps->renumbered = true; /* plain "(" no longer captures */
  if (q == p)
    return 0;
  if (*q == ':') {
    ps->p = q + 1;
    return 'g';
  }
  if (*q == ')') {
    ps->p = q; /* the caller consumes ")" */
    return 'o';
  }
  return 0;
}

/* The end of one character's atom at P ("\\p{L}", "\\w", ".", "[a-z]",
 * a letter), or NULL. */
static const char *one_char(const char *p) {
  if (p[0] == '\\' && (p[1] == 'p' || p[1] == 'P')) {
    if (p[2] != '{')
      return isalpha((unsigned char)p[2]) ? p + 3 : NULL;
    const char *end = strchr(p, '}');
    return end ? end + 1 : NULL;
  }
  if (p[0] == '\\' && p[1] && strchr("wWdDsShHvV", p[1]))
    return p + 2;
  if (p[0] == '[') {
    struct parser cls = {p, false, 0, 0, false};
    skip_class(&cls);
    return cls.fail ? NULL : cls.p;
  }
  return p[0] == '.' || isalnum((unsigned char)p[0]) ? p + 1 : NULL;
}

/* "(C)\1{2,}" or "(C)\1\1" at PS, the pattern's first capturing group:
 * one character three or more times in a row. Every match then holds a
 * place PF_TRIPLE stands for. False (nothing consumed) for anything else,
 * which parse_group() reads as before (and gives up at the \1). */
static bool parse_triple(struct parser *ps, struct info *x) {
  if (ps->ncap != 0 || ps->renumbered)
    return false;
  const char *p = one_char(ps->p + 1);
  if (!p || strncmp(p, ")\\1", 3) != 0 || isdigit((unsigned char)p[3]))
    return false;
  p += 3;
  if (strncmp(p, "\\1", 2) == 0 && !isdigit((unsigned char)p[2])) {
    p += 2;
    if (*p && strchr("*+?{", *p))
      return false; /* the second \1 is quantified: maybe fewer than three */
  } else if (*p == '{' && isdigit((unsigned char)p[1])) {
    /* only {n}, {n,} and {n,m} quantify; any other "{" is a literal, and
     * what follows it (even a "|") is still the pattern */
    char *end;
    long min = strtol(p + 1, &end, 10);
    if (*end == ',') {
      end++;
      while (isdigit((unsigned char)*end))
        end++;
    }
    if (min < 2 || *end != '}')
      return false;
    p = end + 1;
    if (*p == '+' || *p == '?')
      p++;
  } else {
    return false;
  }
  ps->p = p;
  ps->ncap = 1;
  info_unknown(x);
  x->nclause = 1;
  x->clause[0].n = 0;
  set_add(&x->clause[0], PF_TRIPLE_STR);
  return true;
}

static void parse_group(struct parser *ps, struct info *x) {
  ps->p++; /* "(" */
  if (ps->p[0] == '?' && ps->p[1] == '|')
    ps->renumbered = true;
  if (ps->p[0] != '?' || (ps->p[1] == '<' && ps->p[2] != '=' && ps->p[2] != '!') ||
      ps->p[1] == '\'' || (ps->p[1] == 'P' && ps->p[2] == '<'))
    ps->ncap++; /* "(", "(?<name>", "(?'name'", "(?P<name>" capture */
  if (ps->p[0] == '?' && ps->p[1] == '#') {
    const char *end = strchr(ps->p, ')');
    if (!end) {
      ps->fail = true;
      return;
    }
    ps->p = end + 1;
    info_zero_width(x);
    if (strchr("*+?{", *ps->p) && *ps->p)
      ps->fail = true; /* a quantifier after a comment binds to the item before it */
    return;
  }
  char kind = group_kind(ps);
  if (kind == 0 || ++ps->depth > PF_MAXDEPTH) {
    ps->fail = true;
    return;
  }
  if (kind == 'o') {
    info_zero_width(x);
  } else {
    parse_alt(ps, x);
    if (ps->fail)
      return;
    if (kind == 'l')
      info_zero_width(x);
  }
  ps->depth--;
  if (*ps->p != ')') {
    ps->fail = true;
    return;
  }
  ps->p++;
  if (kind == 'o' && *ps->p && strchr("*+?{", *ps->p))
    ps->fail = true; /* as after a comment: not ours to guess */
}

/* A quantifier after an atom: sets *MIN and *MAX (-1: unbounded); false
 * when there is none. */
static bool parse_quant(struct parser *ps, long *min, long *max) {
  const char *p = ps->p;
  if (*p == '*' || *p == '+' || *p == '?') {
    *min = *p == '+' ? 1 : 0;
    *max = *p == '?' ? 1 : -1;
    p++;
  } else if (*p == '{' && isdigit((unsigned char)p[1])) {
    char *end;
    *min = strtol(p + 1, &end, 10);
    *max = *min;
    if (*end == ',') {
      if (isdigit((unsigned char)end[1]))
        *max = strtol(end + 1, &end, 10);
      else {
        *max = -1;
        end++;
      }
    }
    if (*end != '}') {
      ps->fail = true; /* "{" that is not a quantifier: literal in PCRE2; give up */
      return false;
    }
    p = end + 1;
  } else {
    return false;
  }
  if (*p == '?' || *p == '+')
    p++; /* lazy or possessive: the same strings match */
  ps->p = p;
  return true;
}

static void apply_quant(struct info *x, long min, long max) {
  if (min == 0) {
    bool exact_opt = max == 1 && x->exact.n >= 0 && set_add(&x->exact, "");
    if (!exact_opt)
      set_unknown(&x->exact);
    x->nclause = 0;
    return;
  }
  /* at least one copy: what one copy must contain still holds */
  if (x->exact.n > 0)
    add_clause(x, &x->exact);
  if (min == 1 && max == 1)
    return;
  /* MIN copies of one string in a row: "a{4,}" holds "aaaa" */
  struct strset rep = {0};
  size_t len = x->exact.n == 1 ? x->exact.len[0] : 0;
  if (len > 0 && (size_t)min * len <= PF_MAXSTR) {
    char s[PF_MAXSTR + 1];
    for (long i = 0; i < min; i++)
      memcpy(s + (size_t)i * len, x->exact.s[0], len);
    set_add_n(&rep, s, (size_t)min * len);
    add_clause(x, &rep);
  }
  if (min == max && rep.n == 1)
    set_copy(&x->exact, &rep);
  else
    set_unknown(&x->exact);
}

static void parse_atom(struct parser *ps, struct info *x) {
  unsigned char c = (unsigned char)*ps->p;
  if (c == '(') {
    if (!parse_triple(ps, x))
      parse_group(ps, x);
  } else if (c == '[') {
    skip_class(ps);
    info_unknown(x);
  } else if (c == '\\') {
    parse_escape(ps, x);
  } else if (c == '^' || c == '$') {
    ps->p++;
    info_zero_width(x);
  } else if (c == '.') {
    ps->p++;
    info_unknown(x);
  } else if (c == '*' || c == '+' || c == '?' || c == '{') {
    ps->fail = true;
  } else if (c >= 0x80) {
    const char *start = ps->p++;
    while (((unsigned char)*ps->p & 0xC0) == 0x80)
      ps->p++;
    info_high(x, start, (size_t)(ps->p - start));
  } else if (c < 0x20 || c == 0x7F) {
    ps->p++;
    info_unknown(x);
  } else {
    ps->p++;
    info_literal(x, (char)c);
  }
  if (ps->fail)
    return;
  long min, max;
  if (parse_quant(ps, &min, &max))
    apply_quant(x, min, max);
}

/* The common case, a plain letter not followed by a quantifier, extends
 * every string of RUN in place: most atoms of a pattern are letters, and
 * the general path copies whole sets for each. */
static bool append_plain(struct parser *ps, struct strset *run) {
  unsigned char c = (unsigned char)ps->p[0], next = (unsigned char)ps->p[1];
  if (!isalnum(c) && c != ' ' && c != '\'')
    return false; /* letters, digits, space and apostrophe cover nearly every atom */
  if (next == '?' || next == '*' || next == '+' || next == '{')
    return false;
  for (int i = 0; i < run->n; i++)
    if (run->len[i] >= PF_MAXSTR)
      return false;
  for (int i = 0; i < run->n; i++) {
    run->s[i][run->len[i]++] = ascii_lower((char)c);
    run->s[i][run->len[i]] = '\0';
  }
  ps->p++;
  return true;
}

static void parse_seq(struct parser *ps, struct info *out) {
  struct strset run; /* exact strings of the atoms since the last break */
  struct info x;
  bool all_exact = true;
  set_empty_string(&run);
  out->nclause = 0;
  while (!ps->fail && *ps->p && *ps->p != '|' && *ps->p != ')') {
    if (append_plain(ps, &run))
      continue;
    parse_atom(ps, &x);
    if (ps->fail)
      return;
    for (int i = 0; i < x.nclause; i++)
      add_clause(out, &x.clause[i]);
    struct strset joined;
    if (x.exact.n >= 0 && set_cross(&run, &x.exact, &joined)) {
      set_copy(&run, &joined);
      continue;
    }
    add_clause(out, &run);
    all_exact = false;
    if (x.exact.n >= 0)
      set_copy(&run, &x.exact);
    else
      set_empty_string(&run);
  }
  add_clause(out, &run);
  if (all_exact)
    set_copy(&out->exact, &run);
  else
    set_unknown(&out->exact);
}

static void parse_alt(struct parser *ps, struct info *out) {
  parse_seq(ps, out);
  while (!ps->fail && *ps->p == '|') {
    struct info b;
    ps->p++;
    parse_seq(ps, &b);
    if (ps->fail)
      return;
    struct strset u;
    set_copy(&u, &out->exact);
    bool ok = u.n >= 0 && b.exact.n >= 0;
    for (int i = 0; ok && i < b.exact.n; i++)
      ok = set_add_n(&u, b.exact.s[i], b.exact.len[i]);
    if (!ok)
      set_unknown(&u);
    const struct strset *ca = best_clause(out), *cb = best_clause(&b);
    struct strset c;
    bool have = ca && cb;
    if (have) {
      set_copy(&c, ca);
      for (int i = 0; have && i < cb->n; i++)
        have = set_add_n(&c, cb->s[i], cb->len[i]);
    }
    set_copy(&out->exact, &u);
    out->nclause = 0;
    if (have)
      add_clause(out, &c);
  }
}

/* ---- public ---------------------------------------------------------- */

void pf_analyse(const char *src, struct pf_req *r) {
  r->blob = NULL;
  struct parser ps = {src, false, 0, 0, false};
  struct info *x = malloc(sizeof(*x)); /* a few KB: keep it off the stack */
  if (!x)
    return;
  parse_alt(&ps, x);
  if (ps.fail || *ps.p != '\0' || x->nclause == 0) {
    free(x);
    return;
  }
  size_t size = 1;
  for (int i = 0; i < x->nclause; i++) {
    for (int j = 0; j < x->clause[i].n; j++)
      size += (size_t)x->clause[i].len[j] + 1;
    size++;
  }
  char *blob = malloc(size), *w = blob;
  if (blob) {
    for (int i = 0; i < x->nclause; i++) {
      for (int j = 0; j < x->clause[i].n; j++) {
        size_t n = strlen(x->clause[i].s[j]) + 1;
        memcpy(w, x->clause[i].s[j], n);
        w += n;
      }
      *w++ = '\0';
    }
    *w = '\0';
  }
  r->blob = blob;
  free(x);
}

void pf_req_free(struct pf_req *r) {
  free(r->blob);
  r->blob = NULL;
}

/* Drafts this large get n-gram bitmaps instead of a search per literal. */
#define PF_BIG (64u << 10)

static void bit_set(unsigned char *map, size_t i) { map[i >> 3] |= (unsigned char)(1u << (i & 7)); }
static bool bit_get(const unsigned char *map, size_t i) { return map[i >> 3] >> (i & 7) & 1; }

static void index_ngrams(struct pf_text *t) {
  t->uni = calloc(256 / 8, 1);
  t->bi = calloc((1u << 16) / 8, 1);
  t->tri = calloc((1u << 24) / 8, 1);
  if (!t->uni || !t->bi || !t->tri) {
    t->off = true; /* out of memory: check nothing, run everything */
    return;
  }
  const unsigned char *s = (const unsigned char *)t->low;
  for (size_t i = 0; i < t->len; i++) {
    bit_set(t->uni, s[i]);
    if (i + 1 < t->len)
      bit_set(t->bi, (size_t)s[i] << 8 | s[i + 1]);
    if (i + 2 < t->len)
      bit_set(t->tri, (size_t)s[i] << 16 | (size_t)s[i + 1] << 8 | s[i + 2]);
  }
}

static void index_draft(struct pf_text *t);

/* Walking a draft byte by byte: is this byte the end of a place PF_TRIPLE
 * stands for? An ASCII byte that is the third of three equal ones (letters
 * compared without case), or the first byte of the third of three non-ASCII
 * characters in a row: case folding makes their bytes unknown ("ÉéÉ" is a
 * letter three times to a caseless \1), so any three count. */
struct triple_walk {
  unsigned prev1, prev2; /* the last two ASCII bytes, folded; 256: none */
  unsigned high;         /* non-ASCII characters in a row */
};

static const struct triple_walk triple_start = {256, 256, 0};

static bool triple_step(struct triple_walk *w, unsigned char c) {
  if (c >= 0x80) {
    w->prev1 = w->prev2 = 256;
    return c >= 0xC0 && ++w->high >= 3; /* a lead byte starts a character */
  }
  unsigned f = (unsigned char)ascii_lower((char)c);
  bool third = f == w->prev1 && f == w->prev2;
  w->prev2 = w->prev1;
  w->prev1 = f;
  w->high = 0;
  return third;
}

static bool has_triple(const char *s, size_t n) {
  struct triple_walk w = triple_start;
  for (size_t i = 0; i < n; i++)
    if (triple_step(&w, (unsigned char)s[i]))
      return true;
  return false;
}

void pf_text_init(struct pf_text *t, const char *s, size_t n) { pf_text_init_indexed(t, s, n, NULL); }

void pf_text_init_indexed(struct pf_text *t, const char *s, size_t n, const struct pf_index *x) {
  memset(t, 0, sizeof(*t));
  t->len = n;
  /* KELVIN SIGN matches k and LONG S matches s when caseless: a draft
   * holding either is checked the slow way */
  t->off = memmem(s, n, "\xE2\x84\xAA", 3) || memmem(s, n, "\xC5\xBF", 2);
  /* EXLINT_PREFILTER=off runs every pattern: the A/B check that the
   * prefilter changes no finding (tests/bench/equiv.sh) */
  const char *env = getenv("EXLINT_PREFILTER");
  if (env && strcmp(env, "off") == 0)
    t->off = true;
  if (t->off)
    return;
  if (x && n < UINT32_MAX) { /* positions are 32-bit */
    t->x = x;
    t->text = s;
    index_draft(t);
    return;
  }
  t->low = malloc(n + 1);
  if (!t->low) {
    t->off = true;
    return;
  }
  unsigned char high = 0;
  for (size_t i = 0; i < n; i++) {
    t->low[i] = ascii_lower(s[i]);
    high |= (unsigned char)s[i];
  }
  t->low[n] = '\0';
  t->has_high = high & PF_HIGH;
  t->has_triple = has_triple(s, n);
  if (n >= PF_BIG)
    index_ngrams(t);
}

void pf_text_paragraphs(struct pf_text *t, const size_t *par, size_t npar) {
  t->par = npar ? par : NULL;
  t->npar = npar;
}

void pf_text_free(struct pf_text *t) {
  free(t->count);
  free(t->first);
  free(t->pos);
  free(t->anchor);
  free(t->clause_hits);
  free(t->clause_dense);
  free(t->win);
  free(t->low);
  free(t->uni);
  free(t->bi);
  free(t->tri);
  free(t->brk);
  free(t->brk_block);
  free(t->par_block);
  memset(t, 0, sizeof(*t));
}

/* Could the literal P (N bytes) occur in T? On a large draft this says yes
 * when every 3-byte piece of P occurs somewhere, which may be wrong in the
 * safe direction only. */
static bool present(const struct pf_text *t, const char *p, size_t n) {
  if (n == 1 && (unsigned char)p[0] == PF_HIGH)
    return t->has_high;
  if (n == 1 && (unsigned char)p[0] == PF_TRIPLE)
    return t->has_triple;
  if (!t->tri)
    return memmem(t->low, t->len, p, n) != NULL;
  const unsigned char *u = (const unsigned char *)p;
  if (n == 1)
    return bit_get(t->uni, u[0]);
  if (n == 2)
    return bit_get(t->bi, (size_t)u[0] << 8 | u[1]);
  for (size_t i = 0; i + 2 < n; i++)
    if (!bit_get(t->tri, (size_t)u[i] << 16 | (size_t)u[i + 1] << 8 | u[i + 2]))
      return false;
  return true;
}

bool pf_may_match(const struct pf_text *t, const struct pf_req *r) {
  if (t->off || !r->blob)
    return true;

  const char *p = r->blob;
  while (*p) { /* one clause per round */
    bool found = false;
    for (; *p; p += strlen(p) + 1)
      if (!found && present(t, p, strlen(p)))
        found = true;
    if (!found)
      return false;
    p++; /* the clause's closing empty string */
  }
  return true;
}

/* ---- a pattern's alphabet ------------------------------------------------
 *
 * The bytes a match can consume: a superset, so a byte outside it is
 * never inside a match. Bytes >= 0x80 are always in it (Unicode classes,
 * case folding). An ASCII letter comes with its other case where the
 * pattern is caseless there (the flag, (?i), (?i:...)); a negated class
 * adds all but the items it is known to exclude. Lookarounds consume
 * nothing, so their contents are left out. Anything unexpected gives up
 * (false): the pattern then scans the whole draft. */

struct bits {
  unsigned char b[32];
};

static void bits_add(struct bits *a, unsigned c) { a->b[c >> 3] |= (unsigned char)(1u << (c & 7)); }
static bool bits_has(const struct bits *a, unsigned c) { return a->b[c >> 3] >> (c & 7) & 1; }

/* C and, for a letter under caseless matching (CI), its other case. */
static void bits_add_char(struct bits *a, unsigned c, bool ci) {
  bits_add(a, c);
  if (ci && c < 0x80 && isalpha((int)c))
    bits_add(a, (unsigned)(c ^ 0x20));
}

static void bits_add_range(struct bits *a, unsigned lo, unsigned hi, bool ci) {
  for (unsigned c = lo; c <= hi && c < 0x80; c++)
    bits_add_char(a, c, ci);
}

static void bits_add_all(struct bits *a) { memset(a->b, 0xFF, sizeof(a->b)); }

static void bits_add_str(struct bits *a, const char *s) {
  for (; *s; s++)
    bits_add(a, (unsigned char)*s);
}

#define ALPHA_SPACE " \t\n\v\f\r"

/* The ASCII bytes of the escape class letter C (\d \w \s \h \v \R and
 * their negations); false when C is not one. */
static bool class_escape(char c, struct bits *a) {
  switch (c) {
  case 'd':
    bits_add_range(a, '0', '9', false);
    return true;
  case 'w':
    bits_add_range(a, '0', '9', false);
    bits_add_range(a, 'a', 'z', true);
    bits_add(a, '_');
    return true;
  case 's':
    bits_add_str(a, ALPHA_SPACE);
    return true;
  case 'h':
    bits_add_str(a, " \t");
    return true;
  case 'v':
  case 'R':
    bits_add_str(a, "\n\v\f\r");
    return true;
  case 'D':
  case 'W':
  case 'S':
  case 'H':
  case 'V':
  case 'N':
  case 'X':
  case 'C':
    bits_add_all(a);
    return true;
  default:
    return false;
  }
}

/* The single character of a simple escape (\n, \., \x41); -1 when the
 * escape is not one, -2 when it is a character above ASCII. Advances *P
 * past the escape. */
static int char_escape(const char **pp) {
  const char *p = *pp; /* at the backslash */
  char c = p[1];
  *pp = p + 2;
  switch (c) {
  case 'n': return '\n';
  case 't': return '\t';
  case 'r': return '\r';
  case 'f': return '\f';
  case 'e': return 0x1B;
  case 'a': return 0x07;
  case 'x': {
    const char *q = p + 2;
    unsigned long v;
    char *end;
    if (*q == '{') {
      v = strtoul(q + 1, &end, 16);
      if (*end != '}' || end == q + 1)
        return -1;
      *pp = end + 1;
    } else {
      int k = 0;
      v = 0;
      while (k < 2 && isxdigit((unsigned char)q[k])) {
        v = v * 16 + (unsigned long)(isdigit((unsigned char)q[k]) ? q[k] - '0' : (q[k] | 0x20) - 'a' + 10);
        k++;
      }
      *pp = q + k;
    }
    return v < 0x80 ? (int)v : -2;
  }
  default:
    if (c != '\0' && !isalnum((unsigned char)c) && (unsigned char)c < 0x80)
      return (unsigned char)c;
    return -1;
  }
}

/* \p{..}, \P{..}, \pL: Unicode properties. The common ones get their
 * ASCII part (letters, digits, none for pictographs); any other, or a
 * negation, may be any ASCII. Sets *EXACT when the ASCII part is exact. */
static bool property_escape(const char **pp, struct bits *a, bool *exact) {
  const char *p = *pp, *name, *name_end;
  *exact = false;
  if (p[1] != 'p' && p[1] != 'P')
    return false;
  if (p[2] == '{') {
    name = p + 3;
    name_end = strchr(name, '}');
    if (!name_end)
      return false;
    *pp = name_end + 1;
  } else if (isalpha((unsigned char)p[2])) {
    name = p + 2;
    name_end = p + 3;
    *pp = p + 3;
  } else {
    return false;
  }
  size_t n = (size_t)(name_end - name);
  bool letters = n >= 1 && name[0] == 'L' && (n == 1 || (n == 2 && strchr("ult&mo", name[1])));
  bool digits = n >= 1 && name[0] == 'N' && (n == 1 || (n == 2 && strchr("dlo", name[1])));
  bool picto = n == 21 && strncmp(name, "Extended_Pictographic", n) == 0;
  if (p[1] == 'P' || name[0] == '^' || !(letters || digits || picto)) {
    bits_add_all(a);
    return true;
  }
  if (letters)
    bits_add_range(a, 'a', 'z', true);
  if (digits)
    bits_add_range(a, '0', '9', false);
  /* the ASCII part of L, N, Nd and pictographs is exactly what was added;
   * the others (Lu, Ll under caseless matching...) are kept loose */
  *exact = picto || n == 1 || (n == 2 && name[0] == 'N' && name[1] == 'd');
  return true;
}

/* [...] at *PP: adds what it can match to A; false when not understood. */
static bool alpha_class(const char **pp, struct bits *a, bool ci) {
  const char *p = *pp + 1;
  bool neg = *p == '^';
  if (neg)
    p++;
  /* A negated class matches all but its items: so collect only items known
   * exactly (a subset), and add the rest. */
  struct bits items = {{0}};
  bool first = true, any = false; /* ANY: a negated item not known exactly */
  while (*p && (*p != ']' || first)) {
    first = false;
    int lo = -1;
    if (p[0] == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '='))
      return false;
    if (*p == '\\') {
      if (class_escape(p[1], &items)) {
        any = any || neg; /* [^\w]: \w is more than its ASCII part */
        p += 2;
        continue;
      }
      if (p[1] == 'p' || p[1] == 'P') {
        bool exact;
        if (!property_escape(&p, &items, &exact))
          return false;
        any = any || (neg && !exact);
        continue;
      }
      if (p[1] == 'b') { /* backspace inside a class */
        lo = 0x08;
        p += 2;
      } else {
        lo = char_escape(&p);
        if (lo == -1)
          return false;
      }
    } else if ((unsigned char)*p >= 0x80) {
      lo = -2;
      p++;
      while (((unsigned char)*p & 0xC0) == 0x80)
        p++;
    } else {
      lo = (unsigned char)*p++;
    }
    int hi = lo;
    if (p[0] == '-' && p[1] != ']' && p[1] != '\0') {
      p++;
      if (*p == '\\') {
        hi = char_escape(&p);
        if (hi == -1)
          return false;
      } else if ((unsigned char)*p >= 0x80) {
        hi = -2;
        p++;
        while (((unsigned char)*p & 0xC0) == 0x80)
          p++;
      } else {
        hi = (unsigned char)*p++;
      }
      if (lo == -2 && hi != -2)
        return false; /* a backwards range would not compile anyway */
    }
    if (lo >= 0) { /* the ASCII part; whatever lies above is always in */
      if (neg)
        for (int c = lo; c <= (hi < 0 ? 0x7F : hi); c++)
          bits_add(&items, (unsigned)c); /* exact: no other case */
      else
        bits_add_range(&items, (unsigned)lo, hi < 0 ? 0x7F : (unsigned)hi, ci);
    }
  }
  if (*p != ']')
    return false;
  *pp = p + 1;
  if (any)
    bits_add_all(a);
  for (unsigned c = 0; c < 256; c++)
    if (bits_has(&items, c) != neg)
      bits_add(a, c);
  return true;
}


/* After "(?", option letters up to ':' or ')': the caseless state they
 * leave, starting from CI; *END is where they stop. */
static bool options_ci(const char *o, bool ci, const char **end) {
  bool neg = false;
  for (; *o && strchr("imnsJU-^", *o); o++) {
    if (*o == '-')
      neg = true;
    else if (*o == '^')
      ci = false;
    else if (*o == 'i')
      ci = !neg;
  }
  *end = o;
  return ci;
}

/* Where the text of the group opened at P starts, whether it is a
 * lookaround, and its caseless state (CI on entry); NULL when the group is
 * not understood. For an option setting alone, "(?i)", *SETTING is true. */
static const char *group_open(const char *p, bool *look, bool *ci, bool *setting) {
  const char *g = p + 1, *end;
  *look = *setting = false;
  if (g[0] != '?')
    return g[0] == '*' ? NULL : g;
  switch (g[1]) {
  case ':':
  case '>':
  case '|':
    return g + 2;
  case '=':
  case '!':
    *look = true;
    return g + 2;
  case '<':
    if (g[2] == '=' || g[2] == '!') {
      *look = true;
      return g + 3;
    }
    end = strchr(g, '>');
    return end ? end + 1 : NULL;
  case '\'':
    end = strchr(g + 2, '\'');
    return end ? end + 1 : NULL;
  case 'P':
    end = g[2] == '<' ? strchr(g, '>') : NULL;
    return end ? end + 1 : NULL;
  default:
    if (!strchr("imnsJU-^", g[1]))
      return NULL; /* (?R), (?1), conditionals... */
    *ci = options_ci(g + 1, *ci, &end);
    if (*end == ')')
      *setting = true;
    else if (*end != ':')
      return NULL;
    return end + 1;
  }
}

#define ALPHA_DEPTH 32

/* The dot's bytes into W. */
static void alpha_dot(struct bits *w, bool any) {
  for (unsigned b = 0; b < 256; b++)
    if (any || b != '\n')
      bits_add(w, b);
}

/* One escape at *PP into W; false when not understood. */
static bool alpha_escape(const char **pp, struct bits *w, bool ci) {
  const char *p = *pp;
  char e = p[1];
  if (e == 'G' || e == 'Q' || e == 'E' || e == 'c' || e == 'g' || e == 'k' ||
      isdigit((unsigned char)e) || e == '\0')
    return false; /* \G depends on the start offset; the rest is rare */
  if (strchr("bBAzZK", e) || class_escape(e, w)) { /* \K: the offset limit applies to the attempt */
    *pp = p + 2;
    return true;
  }
  if (e == 'p' || e == 'P') {
    bool exact;
    return property_escape(pp, w, &exact);
  }
  int v = char_escape(pp);
  if (v >= 0)
    bits_add_char(w, (unsigned)v, ci);
  return v != -1;
}

/* The alphabet of SRC (compiled caseless when CI) into A; false when it is
 * not known. */
static bool pf_alphabet(const char *src, bool ci, bool dot_nl, struct bits *a) {
  struct bits mine = {{0}}, lost = {{0}};
  /* Bytes >= 0x80 always: besides Unicode classes and case folding, this
   * keeps every run, and so every window, starting on a character boundary,
   * which PCRE2_NO_UTF_CHECK requires of a start offset. */
  for (unsigned c = 0x80; c < 256; c++)
    bits_add(&mine, c);
  bool skip[ALPHA_DEPTH], was_ci[ALPHA_DEPTH]; /* per open group: the state outside */
  int depth = 0;
  bool in_look = false, dotall = false;
  for (const char *q = src; *q; q++)
    if (q[0] == '(' && q[1] == '?') /* (?s) anywhere: be safe, treat . as any byte */
      for (const char *o = q + 2; *o && strchr("imnsJU-^", *o); o++)
        dotall = dotall || *o == 's';
  const char *p = src;
  while (*p) {
    struct bits *w = in_look ? &lost : &mine; /* lookarounds consume nothing */
    unsigned char c = (unsigned char)*p;
    if (c == '\\') {
      if (!alpha_escape(&p, w, ci))
        return false;
    } else if (c == '[') {
      if (!alpha_class(&p, w, ci))
        return false;
    } else if (c == '(' && p[1] == '?' && p[2] == '#') {
      const char *end = strchr(p, ')');
      if (!end)
        return false;
      p = end + 1;
    } else if (c == '(') {
      bool look, inner = ci, setting;
      const char *body = group_open(p, &look, &inner, &setting);
      if (!body || depth == ALPHA_DEPTH)
        return false;
      if (!setting) {
        skip[depth] = in_look;
        was_ci[depth++] = ci;
        in_look = in_look || look;
      }
      ci = inner; /* "(?i)" holds to the end of the enclosing group */
      p = body;
    } else if (c == ')') {
      if (depth == 0)
        return false;
      depth--;
      in_look = skip[depth];
      ci = was_ci[depth];
      p++;
    } else if (c == '.') {
      alpha_dot(w, dotall || !dot_nl);
      p++;
    } else if (c == '{' && isdigit((unsigned char)p[1])) {
      const char *end = p + 1;
      while (isdigit((unsigned char)*end) || *end == ',')
        end++;
      if (*end != '}')
        return false;
      p = end + 1;
    } else {
      if (!strchr("*+?|^$", c))
        bits_add_char(w, c, ci);
      p++;
    }
  }
  if (depth != 0)
    return false;
  *a = mine;
  return true;
}

/* ---- the index -------------------------------------------------------- */

#define PF_GAP 64   /* windows this close are scanned as one */
#define PF_RUNS (-3) /* an anchor: the windows are the alphabet's runs */
/* Runs this close are scanned as one. Runs are short and a failed attempt
 * at a run's first byte is cheap, so they are merged less eagerly than
 * literal windows, whose every byte is worth trying. */
#define PF_RUN_GAP 8
#define PF_DENSE 24 /* a literal with a hit every 24 bytes or more often is not recorded */
#define PF_BIG_TEXT (64u << 10) /* texts this large get tables of breaks and paragraphs */
#define PF_BLOCK_SHIFT 6        /* the tables' blocks: 64 bytes */

struct pf_clause {
  unsigned first, n; /* its literals: x->alt[first .. first+n) */
};

struct pf_pat {
  unsigned first, n; /* its clauses: x->clause[first .. first+n) */
  bool windowed;     /* the alphabet is known and the clauses fit windows() */
  bool alpha_known;  /* the alphabet is known: a match lies inside one run of its bytes */
  bool exact_case;   /* no lowercase letter in the alphabet: most literal hits fail it
                        at once, and most of a draft lies outside its runs */
  unsigned minlen;   /* a run of fewer bytes cannot hold a match (pf_source) */
};

struct pf_index {
  struct pf_pat *pat;
  size_t npat;
  struct pf_clause *clause;
  size_t nclause, nalt, nstr; /* entries of CLAUSE and ALT, bytes of STR */
  bool dot_nl;                /* as pf_index_new() was told */
  bool borrowed;              /* a view: the arrays belong to a mapped file */
  unsigned char *alpha; /* per pattern 256 bytes, 1 for a byte of its alphabet: a
                           table, not bits, as the run scans read it per byte */
  unsigned *alt;    /* literal ids */
  unsigned *lit;    /* each literal's text: offset into STR */
  unsigned *litlen;
  char *str;        /* the literals, NUL-terminated one after another */
  size_t nlit;
  /* the automaton: a DFA over byte classes */
  unsigned char cls[256]; /* byte -> class; 0: no literal holds the byte */
  unsigned ncls;
  unsigned *next; /* state * ncls + class -> state; state 0 is the root */
  int *out;       /* the literal that ends at a state, -1 none */
  unsigned *dict; /* the next state with a literal on the suffix chain, 0 none */
  size_t nstate;
  /* The clauses that list each literal, as often as they list it
   * (pf_index_expect_many; malloc'd, also for a view; NULL until asked
   * for): literal L's are lit_clause[lit_clause_first[L] .. [L + 1]). */
  unsigned *lit_clause_first, *lit_clause;
};

void pf_index_free(struct pf_index *x) {
  if (!x)
    return;
  free(x->lit_clause_first);
  free(x->lit_clause);
  if (x->borrowed) {
    free(x);
    return;
  }
  free(x->pat);
  free(x->alpha);
  free(x->clause);
  free(x->alt);
  free(x->lit);
  free(x->litlen);
  free(x->str);
  free(x->next);
  free(x->out);
  free(x->dict);
  free(x);
}

/* Walk (adding states as needed) the trie to the state for literal S;
 * returns its literal id. */
static unsigned trie_add(struct pf_index *x, const char *s, size_t *strused) {
  unsigned st = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    unsigned *slot = &x->next[(size_t)st * x->ncls + x->cls[*p]];
    if (!*slot) {
      *slot = (unsigned)x->nstate;
      x->out[x->nstate++] = -1;
    }
    st = *slot;
  }
  if (x->out[st] < 0) {
    size_t n = strlen(s);
    x->out[st] = (int)x->nlit;
    x->lit[x->nlit] = (unsigned)*strused;
    x->litlen[x->nlit] = (unsigned)n;
    memcpy(x->str + *strused, s, n + 1);
    *strused += n + 1;
    x->nlit++;
  }
  return (unsigned)x->out[st];
}

/* Fail links, breadth first, turning the trie into a DFA. */
static bool trie_link(struct pf_index *x) {
  unsigned *fail = calloc(x->nstate, sizeof(unsigned));
  unsigned *queue = malloc(x->nstate * sizeof(unsigned));
  if (!fail || !queue) {
    free(fail);
    free(queue);
    return false;
  }
  size_t head = 0, tail = 0;
  for (unsigned c = 0; c < x->ncls; c++)
    if (x->next[c])
      queue[tail++] = x->next[c];
  while (head < tail) {
    unsigned u = queue[head++];
    unsigned f = fail[u];
    x->dict[u] = x->out[f] >= 0 ? f : x->dict[f];
    unsigned *row = &x->next[(size_t)u * x->ncls], *frow = &x->next[(size_t)f * x->ncls];
    for (unsigned c = 0; c < x->ncls; c++) {
      if (row[c]) {
        fail[row[c]] = frow[c];
        queue[tail++] = row[c];
      } else {
        row[c] = frow[c];
      }
    }
  }
  free(fail);
  free(queue);
  return true;
}

/* Count what the index will hold, and give each literal byte a class. */
static bool index_size(struct pf_index *x, const struct pf_source *srcs, size_t n, size_t *nclause,
                       size_t *nalt, size_t *nchars) {
  bool seen[256] = {false};
  for (size_t k = 0; k < n; k++) {
    const char *p = srcs[k].req->blob;
    if (!p)
      continue;
    while (*p) {
      (*nclause)++;
      for (; *p; p += strlen(p) + 1) {
        (*nalt)++;
        for (const unsigned char *q = (const unsigned char *)p; *q; q++, (*nchars)++)
          seen[*q] = true;
        (*nchars)++;
      }
      p++;
    }
  }
  x->ncls = 1;
  for (unsigned b = 0; b < 256; b++)
    if (seen[b])
      x->cls[b] = (unsigned char)x->ncls++;
  for (unsigned b = 'A'; b <= 'Z'; b++) /* literals are lowercase; the draft is not */
    x->cls[b] = x->cls[b | 0x20];         /* (a non-ASCII byte never folds to ASCII here:
                                              drafts with KELVIN SIGN or LONG S are off) */
  for (unsigned b = PF_HIGH + 1; b < 256; b++) /* PF_HIGH stands for every such byte */
    x->cls[b] = x->cls[PF_HIGH];
  return x->ncls <= 255;
}

struct pf_index *pf_index_new(const struct pf_source *srcs, size_t n, bool dot_nl) {
  struct pf_index *x = calloc(1, sizeof(*x));
  size_t nclause = 0, nalt = 0, nchars = 0, strused = 0;
  if (!x || !index_size(x, srcs, n, &nclause, &nalt, &nchars))
    goto fail;
  size_t maxstate = nchars + 1;
  x->npat = n;
  x->pat = calloc(n ? n : 1, sizeof(*x->pat));
  x->alpha = calloc(n ? n : 1, 256);
  x->clause = calloc(nclause ? nclause : 1, sizeof(*x->clause));
  x->alt = calloc(nalt ? nalt : 1, sizeof(unsigned));
  x->lit = calloc(nalt ? nalt : 1, sizeof(unsigned));
  x->litlen = calloc(nalt ? nalt : 1, sizeof(unsigned));
  x->str = malloc(nchars + 1);
  x->next = calloc(maxstate * x->ncls, sizeof(unsigned));
  x->out = malloc(maxstate * sizeof(int));
  x->dict = calloc(maxstate, sizeof(unsigned));
  if (!x->pat || !x->alpha || !x->clause || !x->alt || !x->lit || !x->litlen || !x->str || !x->next || !x->out ||
      !x->dict)
    goto fail;
  x->out[0] = -1;
  x->nstate = 1;
  x->nclause = nclause;
  x->nalt = nalt;
  x->dot_nl = dot_nl;
  size_t ic = 0, ia = 0;
  for (size_t k = 0; k < n; k++) {
    struct pf_pat *pp = &x->pat[k];
    const char *p = srcs[k].req->blob;
    pp->first = (unsigned)ic;
    bool fits = true; /* windows() keeps a cursor per literal of each clause */
    while (p && *p) {
      struct pf_clause *c = &x->clause[ic++];
      c->first = (unsigned)ia;
      for (; *p; p += strlen(p) + 1)
        x->alt[ia++] = trie_add(x, p, &strused);
      c->n = (unsigned)ia - c->first;
      fits = fits && c->n <= PF_MAXALT;
      p++;
    }
    pp->n = (unsigned)ic - pp->first;
    struct bits alpha = {{0}};
    pp->alpha_known = srcs[k].src && pf_alphabet(srcs[k].src, srcs[k].caseless, dot_nl, &alpha);
    pp->windowed = fits && pp->n <= PF_MAXCLAUSE && pp->alpha_known;
    pp->minlen = srcs[k].minlen;
    pp->exact_case = true;
    for (unsigned b = 0; b < 256; b++) {
      x->alpha[k * 256 + b] = bits_has(&alpha, b);
      if (bits_has(&alpha, b) && b >= 'a' && b <= 'z')
        pp->exact_case = false;
    }
  }
  if (!trie_link(x))
    goto fail;
  x->nstr = strused;
  return x;
fail:
  pf_index_free(x);
  return NULL;
}

/* ---- the index as one block (the pack cache stores it) ------------------ */

/* The block: this header, then each array in the order of flat_parts(),
 * every one starting on an 8-byte boundary. Only ever read on the machine
 * that wrote it (the pack cache checks build and byte order). */
struct pf_flat_head {
  uint64_t magic;
  uint64_t npat, nclause, nalt, nlit, nstr, ncls, nstate, dot_nl;
  unsigned char cls[256];
};

#define PF_FLAT_MAGIC 0x31787066696c7865ull /* "exlifpx1" */

struct flat_part {
  void **at;
  size_t size;
};

/* X's arrays and their sizes in bytes, in block order. */
static size_t flat_parts(struct pf_index *x, struct flat_part *part) {
  size_t n = 0;
  part[n++] = (struct flat_part){(void **)&x->pat, x->npat * sizeof(*x->pat)};
  part[n++] = (struct flat_part){(void **)&x->alpha, x->npat * 256};
  part[n++] = (struct flat_part){(void **)&x->clause, x->nclause * sizeof(*x->clause)};
  part[n++] = (struct flat_part){(void **)&x->alt, x->nalt * sizeof(unsigned)};
  part[n++] = (struct flat_part){(void **)&x->lit, x->nlit * sizeof(unsigned)};
  part[n++] = (struct flat_part){(void **)&x->litlen, x->nlit * sizeof(unsigned)};
  part[n++] = (struct flat_part){(void **)&x->str, x->nstr};
  part[n++] = (struct flat_part){(void **)&x->next, x->nstate * x->ncls * sizeof(unsigned)};
  part[n++] = (struct flat_part){(void **)&x->out, x->nstate * sizeof(int)};
  part[n++] = (struct flat_part){(void **)&x->dict, x->nstate * sizeof(unsigned)};
  return n;
}

static size_t round8(size_t n) { return (n + 7) & ~(size_t)7; }

bool pf_index_flatten(const struct pf_index *x, void **out, size_t *len) {
  struct pf_index copy = *x; /* flat_parts() wants pointers it may reseat */
  struct flat_part part[10];
  size_t nparts = flat_parts(&copy, part), size = round8(sizeof(struct pf_flat_head));
  for (size_t i = 0; i < nparts; i++)
    size += round8(part[i].size);
  unsigned char *blob = calloc(1, size);
  if (!blob)
    return false;
  struct pf_flat_head h = {PF_FLAT_MAGIC, x->npat, x->nclause, x->nalt, x->nlit, x->nstr,
                           x->ncls, x->nstate, x->dot_nl, {0}};
  memcpy(h.cls, x->cls, sizeof(h.cls));
  memcpy(blob, &h, sizeof(h));
  size_t at = round8(sizeof(h));
  for (size_t i = 0; i < nparts; i++) {
    if (part[i].size)
      memcpy(blob + at, *part[i].at, part[i].size);
    at += round8(part[i].size);
  }
  *out = blob;
  *len = size;
  return true;
}

/* A bool read from a file: any byte but 0 or 1 is not a bool. */
static bool flag_sound(const bool *b) { return *(const unsigned char *)b <= 1; }

/* Every count and offset of a viewed index points inside it, so a damaged
 * block can make the prefilter wrong but never make it read astray. The
 * automaton's states are the exception: index_pass() checks each one it
 * reaches, since a draft reaches few of the tens of thousands. */
static bool view_sound(const struct pf_index *x) {
  if (x->ncls < 1 || x->ncls > 255 || x->nstate < 1 || x->nstr == 0 || x->str[x->nstr - 1])
    return false;
  for (unsigned b = 0; b < 256; b++)
    if (x->cls[b] >= x->ncls)
      return false;
  for (size_t k = 0; k < x->npat; k++) {
    const struct pf_pat *pp = &x->pat[k];
    if (!flag_sound(&pp->windowed) || !flag_sound(&pp->alpha_known) ||
        !flag_sound(&pp->exact_case) || pp->first > x->nclause ||
        pp->n > x->nclause - pp->first || (pp->windowed && pp->n > PF_MAXCLAUSE))
      return false;
  }
  for (size_t i = 0; i < x->nclause; i++)
    if (x->clause[i].first > x->nalt || x->clause[i].n > x->nalt - x->clause[i].first ||
        x->clause[i].n > PF_MAXALT)
      return false;
  for (size_t i = 0; i < x->nalt; i++)
    if (x->alt[i] >= x->nlit)
      return false;
  for (size_t i = 0; i < x->nlit; i++) /* (a bound, not strlen: a run reads no text) */
    if (x->lit[i] >= x->nstr || x->litlen[i] > PF_MAXSTR || x->litlen[i] >= x->nstr - x->lit[i])
      return false;
  return true;
}

struct pf_index *pf_index_view(const void *blob, size_t len, size_t npat, bool dot_nl) {
  struct pf_flat_head h;
  if (!blob || (uintptr_t)blob % 8 || len < sizeof(h))
    return NULL;
  memcpy(&h, blob, sizeof(h));
  if (h.magic != PF_FLAT_MAGIC || h.npat != npat || h.dot_nl != (uint64_t)dot_nl ||
      h.nlit > UINT32_MAX || h.nstate > UINT32_MAX || h.ncls > 255 || h.nclause > UINT32_MAX ||
      h.nalt > UINT32_MAX || h.nstr > UINT32_MAX)
    return NULL;
  struct pf_index *x = calloc(1, sizeof(*x));
  if (!x)
    return NULL;
  x->borrowed = true;
  x->npat = h.npat, x->nclause = h.nclause, x->nalt = h.nalt, x->nlit = h.nlit;
  x->nstr = h.nstr, x->ncls = (unsigned)h.ncls, x->nstate = h.nstate, x->dot_nl = dot_nl;
  memcpy(x->cls, h.cls, sizeof(x->cls));
  struct flat_part part[10];
  size_t nparts = flat_parts(x, part), at = round8(sizeof(h));
  const unsigned char *p = blob;
  for (size_t i = 0; i < nparts; i++) {
    if (part[i].size > len - at || round8(part[i].size) > len - at) {
      free(x);
      return NULL;
    }
    *part[i].at = (void *)(p + at); /* read only: nothing writes a viewed index */
    at += round8(part[i].size);
  }
  if (at != len || !view_sound(x)) {
    free(x);
    return NULL;
  }
  return x;
}

/* ---- a draft through the index ----------------------------------------- */

/* Every literal occurrence in T: with WANT NULL, count them; else record
 * the start of each occurrence of a literal WANT marks. */
/* One place of literal LIT at POS: counted (WANT NULL) or, when LIT is
 * wanted, recorded. */
static void index_hit(struct pf_text *t, const bool *want, unsigned *fill, unsigned lit,
                      unsigned pos) {
  if (!want)
    t->count[lit]++;
  else if (want[lit])
    t->pos[fill[lit]++] = pos;
}

static void index_pass(struct pf_text *t, const bool *want, unsigned *fill) {
  const struct pf_index *x = t->x;
  const unsigned char *s = (const unsigned char *)t->text; /* classes fold ASCII case */
  unsigned st = 0;
  /* PF_TRIPLE's literal, when a pattern has it: its places are found here,
   * besides the draft's own 0x01 bytes the automaton finds */
  unsigned triple_state = x->cls[PF_TRIPLE] ? x->next[x->cls[PF_TRIPLE]] : 0;
  int triple = triple_state < x->nstate ? x->out[triple_state] : -1;
  if (triple >= (int)x->nlit)
    triple = -1; /* only a damaged cached index (pf_index_view) gets here */
  struct triple_walk walk = triple_start;
  for (size_t i = 0; i < t->len; i++) {
    if (triple >= 0 && triple_step(&walk, s[i]))
      index_hit(t, want, fill, (unsigned)triple, (unsigned)i);
    st = x->next[(size_t)st * x->ncls + x->cls[s[i]]];
    if (st >= x->nstate)
      st = 0; /* only a damaged cached index (pf_index_view) gets here */
    /* a state is a prefix of a literal, so a chain of links to ever shorter
     * suffixes has at most PF_MAXSTR steps; the bound only matters for a
     * damaged cached index, whose links could form a loop */
    unsigned steps = 0;
    for (unsigned u = x->out[st] >= 0 ? st : x->dict[st]; u && steps++ <= PF_MAXSTR;
         u = x->dict[u]) {
      if (u >= x->nstate || x->out[u] < 0 || x->out[u] >= (int)x->nlit)
        break; /* a link out of the automaton, or to a state that is no literal's
                  end: only a damaged cached index (pf_index_view) gets here */
      unsigned lit = (unsigned)x->out[u];
      if (x->litlen[lit] > i + 1)
        continue; /* only a damaged cached index (pf_index_view) gets here */
      index_hit(t, want, fill, lit, (unsigned)(i + 1 - x->litlen[lit]));
    }
  }
}

/* Is literal LIT so common in T that its places are not recorded? */
static bool dense(const struct pf_text *t, unsigned lit) {
  return (size_t)t->count[lit] * PF_DENSE > t->len;
}

/* Can clause C anchor windows: does it occur, and is every place of it
 * recorded? Sets *HITS to its number of hits. */
static bool clause_recorded(const struct pf_text *t, const struct pf_clause *c, unsigned *hits) {
  *hits = 0;
  bool ok = true;
  for (unsigned j = 0; j < c->n; j++) {
    unsigned lit = t->x->alt[c->first + j];
    *hits += t->count[lit];
    ok = ok && !dense(t, lit);
  }
  return ok;
}

/* clause_recorded() for clause CI of the index, weighed beforehand when
 * the index has its literal-to-clause map (weigh_clauses). */
static bool clause_weight(const struct pf_text *t, size_t ci, unsigned *hits) {
  if (!t->clause_hits)
    return clause_recorded(t, &t->x->clause[ci], hits);
  *hits = t->clause_hits[ci];
  return !t->clause_dense[ci];
}

/* Choose pattern K's anchor clause: the recorded one with fewest hits.
 * -2: a clause has no hit, no match possible; -1: scan the whole draft;
 * PF_RUNS: no clause helps, but the alphabet is narrow (no lowercase
 * letter: an all-caps or emoji pattern), so scan only its runs. */
static int choose_anchor(const struct pf_text *t, size_t k) {
  const struct pf_index *x = t->x;
  const struct pf_pat *pp = &x->pat[k];
  int best = -1;
  unsigned fewest = 0;
  for (unsigned i = 0; i < pp->n; i++) {
    unsigned h;
    bool ok = clause_weight(t, pp->first + i, &h);
    if (h == 0) {
      best = -2;
      break;
    }
    if (ok && (best < 0 || h < fewest)) {
      best = (int)i;
      fewest = h;
    }
  }
  /* Many hits make windows cost more than a scan, unless the alphabet
   * turns most of them away at once (an all-caps pattern and the
   * lowercased draft's hits). */
  size_t most = pp->exact_case ? t->len / 4 : t->len / PF_DENSE;
  if (best >= 0 && (!pp->windowed || fewest > most))
    best = -1;
  if (best == -1 && pp->alpha_known && pp->exact_case)
    best = PF_RUNS;
  return best;
}

/* Count (FIRST non-NULL: in FIRST[L + 1]) or list (at the cursors
 * X->lit_clause_first) every literal of every clause. */
static void literal_clauses(struct pf_index *x, unsigned *first) {
  for (size_t ci = 0; ci < x->nclause; ci++) {
    const struct pf_clause *c = &x->clause[ci];
    for (unsigned j = 0; j < c->n; j++) {
      unsigned lit = x->alt[c->first + j];
      if (first)
        first[lit + 1]++;
      else
        x->lit_clause[x->lit_clause_first[lit]++] = (unsigned)ci;
    }
  }
}

void pf_index_expect_many(struct pf_index *x) {
  if (!x || x->lit_clause_first)
    return;
  size_t nlit = x->nlit;
  unsigned *first = calloc(nlit + 1, sizeof(unsigned));
  if (!first)
    return;
  literal_clauses(x, first);
  for (size_t i = 0; i < nlit; i++)
    first[i + 1] += first[i];
  x->lit_clause = malloc((first[nlit] ? first[nlit] : 1) * sizeof(unsigned));
  if (!x->lit_clause) {
    free(first);
    return;
  }
  x->lit_clause_first = first; /* each literal's cursor while listing */
  literal_clauses(x, NULL);
  memmove(first + 1, first, nlit * sizeof(unsigned)); /* each cursor stopped at the next start */
  first[0] = 0;
}

/* With the index's literal-to-clause map: every clause's hits and whether
 * a literal of it is too dense to be recorded, from the literals that
 * occur alone, which is what clause_recorded() sums and checks. */
static void weigh_clauses(struct pf_text *t) {
  const struct pf_index *x = t->x;
  size_t nc = x->nclause ? x->nclause : 1;
  t->clause_hits = calloc(nc, sizeof(unsigned));
  t->clause_dense = calloc(nc, sizeof(bool));
  if (!t->clause_hits || !t->clause_dense) {
    free(t->clause_hits); /* weighed one clause at a time instead */
    free(t->clause_dense);
    t->clause_hits = NULL;
    t->clause_dense = NULL;
    return;
  }
  for (size_t lit = 0; lit < x->nlit; lit++) {
    if (!t->count[lit])
      continue; /* adds nothing, and a literal that does not occur is not dense */
    bool d = dense(t, (unsigned)lit);
    for (unsigned i = x->lit_clause_first[lit]; i < x->lit_clause_first[lit + 1]; i++) {
      t->clause_hits[x->lit_clause[i]] += t->count[lit];
      t->clause_dense[x->lit_clause[i]] |= d;
    }
  }
}

static void choose_anchors(struct pf_text *t) {
  if (t->x->lit_clause_first)
    weigh_clauses(t);
  for (size_t k = 0; k < t->x->npat; k++)
    t->anchor[k] = choose_anchor(t, k);
}

static void index_draft(struct pf_text *t) {
  const struct pf_index *x = t->x;
  bool *want = calloc(x->nlit ? x->nlit : 1, sizeof(bool));
  t->count = calloc(x->nlit ? x->nlit : 1, sizeof(unsigned));
  t->first = calloc(x->nlit ? x->nlit : 1, sizeof(unsigned));
  t->anchor = malloc((x->npat ? x->npat : 1) * sizeof(int));
  if (!want || !t->count || !t->first || !t->anchor)
    goto fail;
  index_pass(t, NULL, NULL);
  choose_anchors(t);
  for (size_t i = 0; i < x->nlit; i++)
    want[i] = t->count[i] && !dense(t, (unsigned)i);
  size_t total = 0;
  for (size_t i = 0; i < x->nlit; i++) {
    t->first[i] = (unsigned)total;
    if (want[i])
      total += t->count[i];
  }
  t->pos = malloc((total ? total : 1) * sizeof(unsigned));
  unsigned *fill = malloc((x->nlit ? x->nlit : 1) * sizeof(unsigned));
  if (!t->pos || !fill) {
    free(fill);
    goto fail;
  }
  memcpy(fill, t->first, x->nlit * sizeof(unsigned));
  index_pass(t, want, fill);
  free(fill);
  free(want);
  return;
fail:
  free(want);
  t->off = true; /* out of memory: run everything */
}

/* ---- windows ------------------------------------------------------------ */

/* The first of the N places V at or after FROM, searching from *CUR on
 * (galloping: runs are visited in order, so the cursor only moves on). */
static unsigned next_place(const unsigned *v, unsigned n, unsigned *cur, size_t from) {
  unsigned lo = *cur, step = 1;
  while (lo + step < n && v[lo + step] < from) {
    lo += step;
    step *= 2;
  }
  unsigned hi = lo + step < n ? lo + step : n;
  while (lo < hi) {
    unsigned mid = lo + (hi - lo) / 2;
    if (v[mid] < from)
      lo = mid + 1;
    else
      hi = mid;
  }
  *cur = lo;
  return lo;
}

/* Does some literal of clause C (maybe) occur inside [FROM, TO)? A literal
 * too common to be recorded is taken to. CUR: a cursor per literal. */
static bool clause_within(const struct pf_text *t, const struct pf_clause *c, unsigned *cur,
                          size_t from, size_t to) {
  const struct pf_index *x = t->x;
  for (unsigned j = 0; j < c->n; j++) {
    unsigned lit = x->alt[c->first + j], n = t->count[lit];
    if (!n)
      continue;
    if (dense(t, lit))
      return true;
    const unsigned *v = t->pos + t->first[lit];
    unsigned i = next_place(v, n, &cur[j], from);
    if (i < n && v[i] + x->litlen[lit] <= to)
      return true;
  }
  return false;
}

static bool push_window(struct pf_text *t, size_t *nwin, size_t start, size_t last, size_t gap) {
  if (*nwin && start <= t->win[*nwin - 1].last + gap) {
    if (last > t->win[*nwin - 1].last)
      t->win[*nwin - 1].last = last;
    return true;
  }
  if (*nwin == t->capwin) {
    size_t cap = t->capwin ? t->capwin * 2 : 64;
    struct pf_window *w = realloc(t->win, cap * sizeof(*w));
    if (!w)
      return false;
    t->win = w;
    t->capwin = cap;
  }
  t->win[(*nwin)++] = (struct pf_window){start, last};
  return true;
}

/* The bytes a match holding the literal at H can lie in: all of T's text,
 * or, for a pattern whose matches stay inside one paragraph, H's paragraph
 * [*LO, *HI). On a long text of short paragraphs this keeps the runs
 * around each literal short: an alphabet that holds "\n" would otherwise
 * run on through paragraph after paragraph. *PK is the paragraph of the
 * hit before (0 at first): hits come in order, mostly a few to a paragraph. */
static void match_bounds(const struct pf_text *t, bool in_para, size_t h, size_t *pk, size_t *lo,
                         size_t *hi) {
  *lo = 0;
  *hi = t->len;
  if (!in_para || !t->par)
    return;
  size_t a;
  if (t->par_block) {
    a = t->par_block[h >> PF_BLOCK_SHIFT];
    while (t->par[a + 1] <= h)
      a++;
  } else {
    a = last_at_or_before(t->par, t->npar, *pk, h);
  }
  *pk = a;
  *lo = t->par[a];
  *hi = t->par[a + 1];
}

/* ---- a big text's tables -------------------------------------------------
 *
 * On the first 1 MB of the bench text, windows() walks 1.56M runs: walking
 * each byte by byte (about 40 bytes a run) took 0.46G instructions, and
 * finding each run's paragraph by a search 0.09G. A text this large pays
 * for two tables that make both cheap. */

/* A byte that can end a run of an alphabet holding every ASCII letter and
 * the space: one in about every ten bytes of prose. */
static bool is_break(unsigned char c) {
  return !(c == ' ' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

/* Does the alphabet IN hold every byte that is not a break? */
static bool holds_non_breaks(const unsigned char *in) {
  for (unsigned c = 0; c < 256; c++)
    if (!is_break((unsigned char)c) && !in[c])
      return false;
  return true;
}

/* T's breaks, in order, and each block's first; left NULL on OOM (the
 * runs are then walked). */
static void find_breaks(struct pf_text *t) {
  const unsigned char *s = (const unsigned char *)t->text;
  size_t n = 0, nblock = (t->len >> PF_BLOCK_SHIFT) + 1;
  for (size_t i = 0; i < t->len; i++)
    n += is_break(s[i]);
  t->brk = malloc((n ? n : 1) * sizeof(unsigned));
  t->brk_block = malloc(nblock * sizeof(unsigned));
  if (!t->brk || !t->brk_block) {
    free(t->brk);
    free(t->brk_block);
    t->brk = t->brk_block = NULL;
    return;
  }
  size_t k = 0;
  for (size_t b = 0; b < nblock; b++) {
    t->brk_block[b] = (unsigned)k;
    size_t end = (b + 1) << PF_BLOCK_SHIFT < t->len ? (b + 1) << PF_BLOCK_SHIFT : t->len;
    for (size_t i = b << PF_BLOCK_SHIFT; i < end; i++)
      if (is_break(s[i]))
        t->brk[k++] = (unsigned)i;
  }
  t->nbrk = k;
}

/* The paragraph of each block's first byte; NULL on OOM (a search then). */
static void find_par_blocks(struct pf_text *t) {
  size_t nblock = (t->len >> PF_BLOCK_SHIFT) + 1;
  t->par_block = malloc(nblock * sizeof(unsigned));
  if (!t->par_block)
    return;
  size_t a = 0;
  for (size_t b = 0; b < nblock; b++) {
    while (a + 1 < t->npar && t->par[a + 1] <= b << PF_BLOCK_SHIFT)
      a++;
    t->par_block[b] = (unsigned)a;
  }
}

/* Make T's tables, once, when T is big enough to pay for them. */
static void big_text_tables(struct pf_text *t) {
  if (t->big_tried)
    return;
  t->big_tried = true;
  if (t->len < PF_BIG_TEXT)
    return;
  find_breaks(t);
  if (t->par)
    find_par_blocks(t);
}

/* The index of T's first break at or after X (T->nbrk: none). */
static size_t break_at_or_after(const struct pf_text *t, size_t x) {
  size_t k = t->brk_block[x >> PF_BLOCK_SHIFT];
  while (k < t->nbrk && t->brk[k] < x)
    k++;
  return k;
}

/* The ends of the run of the alphabet IN that holds [l, r) inside
 * [lo, hi), found from the breaks alone: IN holds every other byte. */
static void run_by_breaks(const struct pf_text *t, const unsigned char *in, size_t lo, size_t hi,
                          size_t *l, size_t *r) {
  const unsigned char *s = (const unsigned char *)t->text;
  size_t k = break_at_or_after(t, *l);
  while (k > 0 && t->brk[k - 1] >= lo && in[s[t->brk[k - 1]]])
    k--;
  *l = k > 0 && t->brk[k - 1] >= lo ? t->brk[k - 1] + 1 : lo;
  k = break_at_or_after(t, *r);
  while (k < t->nbrk && t->brk[k] < hi && in[s[t->brk[k]]])
    k++;
  *r = k < t->nbrk && t->brk[k] < hi ? t->brk[k] : hi;
}

/* The run of bytes of the alphabet IN around [h, h+len) inside [lo, hi):
 * false when a byte of the literal itself is not in it. BY_BREAKS: IN
 * holds every byte but T's breaks. */
static bool run_around(const struct pf_text *t, const unsigned char *in, bool by_breaks, size_t h,
                       size_t len, size_t lo, size_t hi, size_t *from, size_t *to) {
  const unsigned char *s = (const unsigned char *)t->text;
  if (h + len > hi)
    return false;
  for (size_t i = h; i < h + len; i++)
    if (!in[s[i]])
      return false;
  size_t l = h, r = h + len;
  if (by_breaks) {
    run_by_breaks(t, in, lo, hi, &l, &r);
  } else {
    while (l > lo && in[s[l - 1]])
      l--;
    while (r < hi && in[s[r]])
      r++;
  }
  *from = l;
  *to = r;
  return true;
}

/* The windows of pattern K into T->win: PF_WINDOWS, or PF_WHOLE when they
 * would cover most of the draft (or on OOM). */
static enum pf_plan windows(struct pf_text *t, size_t k, bool in_para, size_t *nwin) {
  const struct pf_index *x = t->x;
  const struct pf_pat *pp = &x->pat[k];
  unsigned a = (unsigned)t->anchor[k];
  const struct pf_clause *anchor = &x->clause[pp->first + a];
  /* per literal of the anchor that occurs: its next hit, its end, its length */
  unsigned cur[PF_MAXALT], end[PF_MAXALT], len[PF_MAXALT], nalt = 0;
  for (unsigned j = 0; j < anchor->n; j++) {
    unsigned lit = x->alt[anchor->first + j];
    if (!t->count[lit])
      continue;
    cur[nalt] = t->first[lit];
    end[nalt] = t->first[lit] + t->count[lit];
    len[nalt++] = x->litlen[lit];
  }
  unsigned others[PF_MAXCLAUSE][PF_MAXALT]; /* cursors into the other clauses' places */
  memset(others, 0, sizeof(others[0]) * pp->n);
  const unsigned char *in = x->alpha + k * 256;
  big_text_tables(t);
  bool by_breaks = t->brk && holds_non_breaks(in);
  size_t run_from = 0, run_to = 0, covered = 0, pk = 0;
  bool run_ok = false;
  *nwin = 0;
  while (nalt > 0) { /* the anchor's hits in order: a merge of its literals' lists */
    unsigned pick = 0;
    for (unsigned j = 1; j < nalt; j++)
      if (t->pos[cur[j]] < t->pos[cur[pick]])
        pick = j;
    size_t h = t->pos[cur[pick]++], n = len[pick];
    if (cur[pick] == end[pick]) { /* this literal is done: drop it */
      nalt--;
      cur[pick] = cur[nalt];
      end[pick] = end[nalt];
      len[pick] = len[nalt];
    }
    if (h >= run_to) {
      size_t lo, hi;
      match_bounds(t, in_para, h, &pk, &lo, &hi);
      run_ok = run_around(t, in, by_breaks, h, n, lo, hi, &run_from, &run_to);
      if (!run_ok) {
        run_from = run_to = 0;
        continue;
      }
      for (unsigned i = 0; run_ok && i < pp->n; i++)
        if (i != a)
          run_ok = clause_within(t, &x->clause[pp->first + i], others[i], run_from, run_to);
    } else if (h + n > run_to) {
      continue; /* the literal runs past the run: a byte of it is not in the alphabet */
    }
    if (!run_ok)
      continue;
    size_t old_n = *nwin, old_last = old_n ? t->win[old_n - 1].last : 0;
    if (!push_window(t, nwin, run_from, h, PF_GAP))
      return PF_WHOLE;
    const struct pf_window *w = &t->win[*nwin - 1];
    covered += *nwin > old_n ? w->last - w->start + 1 : w->last - old_last;
    if (covered * 2 > t->len)
      return PF_WHOLE; /* most of the draft: one scan costs less than many */
  }
  return *nwin ? PF_WINDOWS : PF_SKIP;
}

/* The windows of pattern K when no literal anchors them: every run of its
 * alphabet's bytes. A match consumes only such bytes, from where the
 * attempt starts to where it ends, so it starts inside one run, and one
 * at least as long as the match. */
static enum pf_plan run_windows(struct pf_text *t, size_t k, size_t *nwin) {
  const unsigned char *in = t->x->alpha + k * 256, *s = (const unsigned char *)t->text;
  size_t covered = 0, i = 0, minlen = t->x->pat[k].minlen;
  *nwin = 0;
  while (i < t->len) {
    if (!in[s[i]]) {
      i++;
      continue;
    }
    size_t from = i;
    while (i < t->len && in[s[i]])
      i++;
    if (i - from < minlen)
      continue; /* too short for a match: "I" for an all-caps word of two letters */
    size_t old_n = *nwin, old_last = old_n ? t->win[old_n - 1].last : 0;
    if (!push_window(t, nwin, from, i - 1, PF_RUN_GAP))
      return PF_WHOLE;
    const struct pf_window *w = &t->win[*nwin - 1];
    covered += *nwin > old_n ? w->last - w->start + 1 : w->last - old_last;
    if (covered * 2 > t->len)
      return PF_WHOLE; /* most of the draft: one scan costs less than many */
  }
  return *nwin ? PF_WINDOWS : PF_SKIP;
}

enum pf_plan pf_plan(struct pf_text *t, size_t k, const struct pf_req *r, bool in_para,
                     const struct pf_window **win, size_t *nwin) {
  *win = NULL;
  *nwin = 0;
  if (t->off)
    return PF_WHOLE;
  if (!t->x || k >= t->x->npat)
    return !r->blob || pf_may_match(t, r) ? PF_WHOLE : PF_SKIP;
  enum pf_plan plan;
  if (t->anchor[k] == PF_RUNS)
    plan = run_windows(t, k, nwin);
  else if (t->anchor[k] < 0)
    return t->anchor[k] == -2 ? PF_SKIP : PF_WHOLE;
  else
    plan = windows(t, k, in_para, nwin);
  if (plan == PF_WINDOWS)
    *win = t->win;
  return plan;
}

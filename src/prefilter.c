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
#include <stdlib.h>
#include <string.h>

#define PF_MAXSTR 24    /* longest literal kept; longer ones are cut to a prefix */
#define PF_MAXALT 64    /* most alternatives in one set */
#define PF_MAXCROSS 16  /* most strings a joined run of exact sets may hold */
#define PF_MAXCLAUSE 4  /* best clauses kept per node */
#define PF_MAXDEPTH 12  /* nesting of groups before giving up (each level costs stack) */

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
  ps->p += 2;
  if (c == '\0') {
    ps->fail = true;
    return;
  }
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
  while (*q && strchr("imnsJU-^", *q))
    q++; /* x is not accepted: extended mode gives spaces and # a meaning */
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

static void parse_group(struct parser *ps, struct info *x) {
  ps->p++; /* "(" */
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
  if (!(min == 1 && max == 1))
    set_unknown(&x->exact);
}

static void parse_atom(struct parser *ps, struct info *x) {
  unsigned char c = (unsigned char)*ps->p;
  if (c == '(') {
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
    ps->p++;
    while (((unsigned char)*ps->p & 0xC0) == 0x80)
      ps->p++;
    info_unknown(x); /* non-ASCII letters have case rules of their own */
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
  struct parser ps = {src, false, 0};
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

void pf_text_init(struct pf_text *t, const char *s, size_t n) {
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
  t->low = malloc(n + 1);
  if (!t->low) {
    t->off = true;
    return;
  }
  for (size_t i = 0; i < n; i++)
    t->low[i] = ascii_lower(s[i]);
  t->low[n] = '\0';
  if (n >= PF_BIG)
    index_ngrams(t);
}

void pf_text_free(struct pf_text *t) {
  free(t->low);
  free(t->uni);
  free(t->bi);
  free(t->tri);
  memset(t, 0, sizeof(*t));
}

/* Could the literal P (N bytes) occur in T? On a large draft this says yes
 * when every 3-byte piece of P occurs somewhere, which may be wrong in the
 * safe direction only. */
static bool present(const struct pf_text *t, const char *p, size_t n) {
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

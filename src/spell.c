/* spell.c - rushed typing: Hunspell with a texting word list and names.
 *
 * Loading Hunspell's en_US dictionary costs more than linting a draft, so it
 * is loaded only when a word needs it. Every verdict is still Hunspell's:
 *
 * - The verdict cache. At build time Hunspell's own tools expand the
 *   dictionary into every word form it holds (unmunch), and Hunspell judges
 *   the lowercase and the capitalised spelling of each (tests/spell/
 *   mkverdicts.c). For a word of plain ASCII letters and apostrophes, in
 *   lowercase or with only its first letter capitalised, the cache is the
 *   complete list of what Hunspell accepts, so a word missing from it is a
 *   word Hunspell rejects (tests/spell/run.sh checks this on the corpus words
 *   and their slips; 5 million forms agreed when it was written). When no
 *   dictionary word has a byte past ASCII, a word that has one is rejected
 *   too (café). The cache is keyed on the size and time of the .aff and .dic
 *   files; a cache that is missing, stale or malformed is ignored and
 *   Hunspell answers, with the same results.
 * - The extra words (texting, personal dictionary) are added to Hunspell
 *   without affixes, so Hunspell accepts exactly them, and a capitalised
 *   form of a lowercase one. A word that only differs from one of them in
 *   other ways goes to Hunspell.
 * - Suggestions: first the words one edit away, in the order Hunspell's own
 *   search tries them (its REP table, a swap, a capital, a letter too many,
 *   a letter missing, a wrong letter, letters in the order of its TRY list),
 *   kept when Hunspell accepts them and never a word the dictionary marks
 *   NOSUGGEST; only when none is found, Hunspell_suggest, which takes tens
 *   of milliseconds a word. The result does not depend on the cache.
 * - libhunspell itself is opened (dlopen) only when a word needs it. */
#include "spell.h"

#include <ctype.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <hunspell.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#define WORD_MAX 256  /* longer "words" are not typed by hand: never flagged */
#define SHAPE_MAX 99  /* Hunspell's own limit on a word is 100 bytes */
#define MAX_REP 256   /* REP lines of the .aff used for suggestions */

struct word_list {
  char **w; /* malloc'd strings; see each list for its order */
  size_t n, cap;
};

struct verdict_cache {
  const char *map; /* the whole file, mmap'd; NULL: no usable cache */
  size_t map_len;
  const char *rec; /* the records */
  size_t rec_len;
  size_t ns_pos, ns_count; /* where the NOSUGGEST roots are listed, how many */
  bool ascii_only;         /* no dictionary word has a byte past ASCII */
};

/* What suggestions need from the dictionary files, read on first use. */
struct sugg_data {
  bool read;
  char try_chars[64];      /* lowercase letters and the apostrophe of TRY, in order */
  char *rep_from[MAX_REP]; /* REP pairs within one word, malloc'd */
  char *rep_to[MAX_REP];
  size_t nrep;
  struct word_list nosuggest; /* lowercased roots flagged NOSUGGEST in the .dic */
};

/* Verdicts already given, by word: an open-addressing table (see
 * speller_remember_verdicts). */
#define MEMO_SLOTS 2048 /* a power of two; emptied when half full */

struct memo_slot {
  char *word; /* malloc'd; NULL: the slot is free */
  bool ok;
};

struct verdict_memo {
  struct memo_slot *slot; /* MEMO_SLOTS entries, malloc'd; NULL: not remembering */
  size_t used;
};

struct speller {
  char aff[PATH_MAX], dic[PATH_MAX];
  Hunhandle *h; /* NULL until a word needs Hunspell */
  bool load_failed;
  struct word_list extra; /* words added to Hunspell, in the order read */
  struct word_list sorted; /* the same words by strcasecmp, then strcmp (not owned) */
  bool extra_non_ascii;    /* some extra word has a byte past ASCII */
  struct verdict_cache cache;
  struct sugg_data sd;
  struct verdict_memo memo;
};

static void memo_free(struct verdict_memo *m);

static void sugg_data_free(struct sugg_data *sd);

/* ---- small helpers ---------------------------------------------------- */

static int casecmp_then_exact(const void *a, const void *b) {
  const char *x = *(const char *const *)a, *y = *(const char *const *)b;
  int c = strcasecmp(x, y);
  return c ? c : strcmp(x, y);
}

static bool list_add(struct word_list *l, const char *s, size_t n) {
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 64;
    char **p = realloc(l->w, cap * sizeof(*p));
    if (!p)
      return false;
    l->w = p;
    l->cap = cap;
  }
  char *copy = malloc(n + 1);
  if (!copy)
    return false;
  memcpy(copy, s, n);
  copy[n] = '\0';
  l->w[l->n++] = copy;
  return true;
}

static void list_free(struct word_list *l) {
  for (size_t i = 0; i < l->n; i++)
    free(l->w[i]);
  free(l->w);
  memset(l, 0, sizeof(*l));
}

/* Index of the first entry equal to KEY ignoring ASCII case, or l->n. */
static size_t list_find_casefold(const struct word_list *l, const char *key) {
  size_t lo = 0, hi = l->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (strcasecmp(l->w[mid], key) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < l->n && strcasecmp(l->w[lo], key) == 0 ? lo : l->n;
}

static bool is_lower_word_char(char c) {
  return (c >= 'a' && c <= 'z') || c == '\'';
}

static bool has_non_ascii(const char *w) {
  for (; *w; w++)
    if ((unsigned char)*w >= 0x80)
      return true;
  return false;
}

bool spell_cache_shape(const char *w, size_t n) {
  if (n == 0 || n > SHAPE_MAX || !isalpha((unsigned char)w[0]) || (unsigned char)w[0] >= 0x80)
    return false;
  for (size_t i = 1; i < n; i++)
    if (!is_lower_word_char(w[i]))
      return false;
  return true;
}

/* ---- the extra words ---------------------------------------------------- */

/* The lines of PATH as Hunspell_add will get them: trailing blanks cut,
 * empty lines and # comments skipped. */
static exl_status read_words(struct word_list *l, const char *path, exl_error *err) {
  char *text;
  size_t len;
  exl_status st = read_file(path, 4u << 20, &text, &len, err);
  if (st != EXL_OK)
    return st;
  const char *line = text, *end = text + len;
  while (line < end && st == EXL_OK) {
    const char *nl = memchr(line, '\n', (size_t)(end - line));
    const char *stop = nl ? nl : end;
    while (stop > line && (stop[-1] == '\r' || stop[-1] == ' ' || stop[-1] == '\t'))
      stop--;
    /* Hunspell_add() would stop at a NUL: so do we */
    size_t n = strnlen(line, (size_t)(stop - line));
    if (n > 0 && line[0] != '#' && !list_add(l, line, n))
      st = error_set(err, EXL_ENOMEM, "out of memory");
    line = nl ? nl + 1 : end;
  }
  free(text);
  return st;
}

enum extra_verdict { EXTRA_NONE, EXTRA_ACCEPTED, EXTRA_ASK_HUNSPELL };

/* What the extra words say about W (NUL-terminated, of the cache's shape):
 * Hunspell accepts an added word as it is, and capitalised when it was
 * added in lowercase. Any other match ignoring case is for Hunspell. */
static enum extra_verdict extra_verdict(const struct speller *sp, const char *w) {
  size_t i = list_find_casefold(&sp->sorted, w);
  if (i == sp->sorted.n)
    return EXTRA_NONE;
  bool capital = isupper((unsigned char)w[0]) != 0;
  for (; i < sp->sorted.n && strcasecmp(sp->sorted.w[i], w) == 0; i++) {
    const char *e = sp->sorted.w[i];
    if (strcmp(e, w) == 0 || (capital && islower((unsigned char)e[0]) && strcmp(e + 1, w + 1) == 0))
      return EXTRA_ACCEPTED;
  }
  return EXTRA_ASK_HUNSPELL;
}

/* ---- the verdict cache ------------------------------------------------------ */

static bool stat_matches(const char *line, const char *tag, const char *path) {
  struct stat st;
  unsigned long long size, sec, nsec;
  char want[8];
  if (stat(path, &st) != 0 ||
      sscanf(line, "%7s %llu %llu %llu", want, &size, &sec, &nsec) != 4 || strcmp(want, tag) != 0)
    return false;
  return size == (unsigned long long)st.st_size && sec == (unsigned long long)st.st_mtim.tv_sec &&
         nsec == (unsigned long long)st.st_mtim.tv_nsec;
}

/* The next header line of the mapped file at *POS, copied into LINE. */
static bool header_line(const struct verdict_cache *c, size_t *pos, char *line, size_t cap) {
  const char *nl = memchr(c->map + *pos, '\n', c->map_len - *pos);
  size_t n = nl ? (size_t)(nl - (c->map + *pos)) : 0;
  if (!nl || n >= cap)
    return false;
  memcpy(line, c->map + *pos, n);
  line[n] = '\0';
  *pos += n + 1;
  return true;
}

/* Check the header: format, dictionary key, and that the records are all there. */
static bool cache_valid(struct verdict_cache *c, const char *aff, const char *dic) {
  char line[256];
  size_t pos = 0;
  unsigned long long bytes, roots;
  int ascii;
  if (!header_line(c, &pos, line, sizeof(line)) || strcmp(line, SPELL_CACHE_MAGIC) != 0 ||
      !header_line(c, &pos, line, sizeof(line)) || !stat_matches(line, "aff", aff) ||
      !header_line(c, &pos, line, sizeof(line)) || !stat_matches(line, "dic", dic) ||
      !header_line(c, &pos, line, sizeof(line)) || sscanf(line, "ascii-only %d", &ascii) != 1 ||
      !header_line(c, &pos, line, sizeof(line)) || sscanf(line, "nosuggest %llu", &roots) != 1)
    return false;
  c->ascii_only = ascii == 1;
  c->ns_pos = pos;
  c->ns_count = (size_t)roots;
  for (unsigned long long i = 0; i < roots; i++)
    if (!header_line(c, &pos, line, sizeof(line)))
      return false;
  if (!header_line(c, &pos, line, sizeof(line)) || sscanf(line, "records %llu", &bytes) != 1 ||
      bytes != c->map_len - pos || bytes == 0 || c->map[c->map_len - 1] != '\n')
    return false;
  c->rec = c->map + pos;
  c->rec_len = (size_t)bytes;
  return true;
}

static bool readable(const char *path) { return access(path, R_OK) == 0; }

/* Where the cache for dictionary DICT lives: $EXLINT_SPELL_CACHE (empty: no
 * cache), else BASE.verdicts next to the binary's data, in the source tree
 * (build/spell/) or installed (PREFIX/share/exlint/spell/). */
static bool cache_path(const char *dict, char *out, size_t cap) {
  const char *env = getenv("EXLINT_SPELL_CACHE");
  if (env) {
    snprintf(out, cap, "%s", env);
    return *env != '\0';
  }
  const char *base = strrchr(dict, '/');
  base = base ? base + 1 : dict;
  char name[PATH_MAX];
  snprintf(name, sizeof(name), "%s.verdicts", base);
  static const char *const rel[] = {"/spell/", "/../spell/", "/../share/exlint/spell/"};
  if (find_beside_exe(out, cap, rel, sizeof(rel) / sizeof(rel[0]), name, readable))
    return true;
  snprintf(out, cap, "%s/spell/%s.verdicts", EXLINT_DATADIR, base);
  return true;
}

/* Map the cache if there is a valid one; otherwise leave C empty (silently:
 * Hunspell answers instead). */
static void cache_open(struct verdict_cache *c, const char *dict, const char *aff,
                       const char *dic) {
  char path[PATH_MAX + 64];
  memset(c, 0, sizeof(*c));
  if (!cache_path(dict, path, sizeof(path)))
    return;
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC); /* a FIFO must not block us */
  if (fd < 0)
    return;
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (m != MAP_FAILED) {
      c->map = m;
      c->map_len = (size_t)st.st_size;
    }
  }
  close(fd);
  if (c->map && !cache_valid(c, aff, dic)) {
    munmap((void *)c->map, c->map_len);
    memset(c, 0, sizeof(*c));
  }
}

/* Compare KEY with the record at R (its key ends at a space). */
static int record_cmp(const char *key, const char *r, const char *end) {
  for (;; key++, r++) {
    unsigned char a = (unsigned char)*key, b = r < end && *r != ' ' ? (unsigned char)*r : 0;
    if (a != b || a == 0)
      return (int)a - (int)b;
  }
}

/* The flag bits of KEY (lowercase, NUL-terminated), 0 when it has no record.
 * A binary search over the sorted lines, like look(1). */
static int cache_flags(const struct verdict_cache *c, const char *key) {
  const char *rec = c->rec, *end = c->rec + c->rec_len;
  size_t lo = 0, hi = c->rec_len; /* [lo, hi): whole lines */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    while (mid > lo && rec[mid - 1] != '\n')
      mid--;
    const char *nl = memchr(rec + mid, '\n', hi - mid);
    size_t next = nl ? (size_t)(nl - rec) + 1 : hi;
    int cmp = record_cmp(key, rec + mid, rec + next);
    if (cmp == 0) {
      const char *sp = memchr(rec + mid, ' ', next - mid);
      int bits = sp && sp + 1 < end ? sp[1] - 'a' : 0;
      return bits >= 0 && bits < 4 ? bits : 0;
    }
    if (cmp < 0)
      hi = mid;
    else
      lo = next;
  }
  return 0;
}

/* Hunspell's verdict on W (of the cache's shape) from the cache. */
static bool cache_accepts(const struct verdict_cache *c, const char *w) {
  char key[SHAPE_MAX + 1];
  size_t n = strlen(w);
  memcpy(key, w, n + 1);
  bool capital = isupper((unsigned char)key[0]) != 0;
  key[0] = (char)tolower((unsigned char)key[0]);
  return (cache_flags(c, key) & (capital ? SPELL_CACHE_CAPITAL : SPELL_CACHE_LOWER)) != 0;
}

/* ---- Hunspell, on demand ------------------------------------------------ */

/* libhunspell is opened the first time a word needs it, so a run that never
 * does pays neither for it nor for the C++ runtime it brings (about a
 * millisecond of relocations at every start). The build names the library
 * (mk/spell.mk); the header gives the types. */
#ifndef SPELL_HUNSPELL_SO
#define SPELL_HUNSPELL_SO "libhunspell-1.7.so.0"
#endif

static struct {
  __typeof__(Hunspell_create) *create;
  __typeof__(Hunspell_destroy) *destroy;
  __typeof__(Hunspell_add) *add;
  __typeof__(Hunspell_spell) *spell;
  __typeof__(Hunspell_suggest) *suggest;
  __typeof__(Hunspell_free_list) *free_list;
  bool ok;
} hun;
static pthread_once_t hun_once = PTHREAD_ONCE_INIT;

/* Store the address of NAME in LIB into the function pointer at SLOT. */
static bool hun_sym(void *lib, const char *name, void *slot) {
  void *p = dlsym(lib, name);
  if (p)
    memcpy(slot, &p, sizeof(p)); /* POSIX: a function pointer fits in a void * */
  return p != NULL;
}

static void hun_open(void) {
  void *lib = dlopen(SPELL_HUNSPELL_SO, RTLD_NOW | RTLD_LOCAL);
  if (!lib)
    return;
  hun.ok = hun_sym(lib, "Hunspell_create", &hun.create) &&
           hun_sym(lib, "Hunspell_destroy", &hun.destroy) &&
           hun_sym(lib, "Hunspell_add", &hun.add) && hun_sym(lib, "Hunspell_spell", &hun.spell) &&
           hun_sym(lib, "Hunspell_suggest", &hun.suggest) &&
           hun_sym(lib, "Hunspell_free_list", &hun.free_list);
  if (!hun.ok)
    dlclose(lib); /* otherwise open for the life of the process */
}

static Hunhandle *hunspell(struct speller *sp) {
  if (sp->h || sp->load_failed)
    return sp->h;
  pthread_once(&hun_once, hun_open);
  sp->h = hun.ok ? hun.create(sp->aff, sp->dic) : NULL;
  if (!sp->h) {
    sp->load_failed = true; /* the files were there at start: say nothing, flag nothing */
    return NULL;
  }
  for (size_t i = 0; i < sp->extra.n; i++)
    hun.add(sp->h, sp->extra.w[i]);
  return sp->h;
}

/* ---- building ------------------------------------------------------------ */

exl_status speller_new(const char *dict, const char *const *extra, size_t nextra,
                       struct speller **out, exl_error *err) {
  *out = NULL;
  struct speller *sp = calloc(1, sizeof(*sp));
  if (!sp)
    return error_set(err, EXL_ENOMEM, "out of memory");
  snprintf(sp->aff, sizeof(sp->aff), "%s.aff", dict);
  snprintf(sp->dic, sizeof(sp->dic), "%s.dic", dict);
  exl_status st = EXL_OK;
  /* Hunspell_create has no error channel: check the files first */
  if (access(sp->aff, R_OK) != 0 || access(sp->dic, R_OK) != 0) {
    st = error_set(err, EXL_EIO,
                   "%s: spelling dictionary not found (install hunspell-en-us, set "
                   "\"dictionary\", or use --no-spell)",
                   access(sp->aff, R_OK) != 0 ? sp->aff : sp->dic);
    goto fail;
  }
  for (size_t i = 0; i < nextra && st == EXL_OK; i++)
    if (extra[i])
      st = read_words(&sp->extra, extra[i], err);
  if (st != EXL_OK)
    goto fail;
  if (sp->extra.n) {
    sp->sorted.w = malloc(sp->extra.n * sizeof(char *));
    if (!sp->sorted.w) {
      st = error_set(err, EXL_ENOMEM, "out of memory");
      goto fail;
    }
    memcpy(sp->sorted.w, sp->extra.w, sp->extra.n * sizeof(char *));
    sp->sorted.n = sp->sorted.cap = sp->extra.n;
    qsort(sp->sorted.w, sp->sorted.n, sizeof(char *), casecmp_then_exact);
    for (size_t i = 0; i < sp->extra.n; i++)
      sp->extra_non_ascii |= has_non_ascii(sp->extra.w[i]);
  }
  cache_open(&sp->cache, dict, sp->aff, sp->dic);
  *out = sp;
  return EXL_OK;
fail:
  speller_free(sp);
  return st;
}

static void sugg_data_free(struct sugg_data *sd) {
  for (size_t i = 0; i < sd->nrep; i++) {
    free(sd->rep_from[i]);
    free(sd->rep_to[i]);
  }
  list_free(&sd->nosuggest);
}

void speller_free(struct speller *sp) {
  if (!sp)
    return;
  if (sp->h)
    hun.destroy(sp->h);
  if (sp->cache.map)
    munmap((void *)sp->cache.map, sp->cache.map_len);
  free(sp->sorted.w); /* the strings belong to extra */
  list_free(&sp->extra);
  sugg_data_free(&sp->sd);
  memo_free(&sp->memo);
  free(sp);
}

/* ---- verdicts ------------------------------------------------------------- */

/* A word with a byte past ASCII, when no dictionary word has one: Hunspell
 * rejects it (the draft has already turned ’ into ', the one conversion
 * en_US asks for; a cache is only built when that is all, see mkverdicts). */
static bool non_ascii_known(const struct speller *sp, const char *w, bool *ok) {
  if (!sp->cache.map || !sp->cache.ascii_only || !has_non_ascii(w) || strstr(w, "\xe2\x80\x99"))
    return false;
  bool exact = false;
  for (size_t i = 0; i < sp->extra.n && !exact; i++)
    exact = strcmp(sp->extra.w[i], w) == 0;
  if (!exact && sp->extra_non_ascii)
    return false; /* case rules on non-ASCII extra words: Hunspell's job */
  *ok = exact;
  return true;
}

/* Hunspell's verdict on the NUL-terminated W. */
static bool word_ok(struct speller *sp, const char *w) {
  size_t n = strlen(w);
  bool ok;
  if (spell_cache_shape(w, n)) {
    enum extra_verdict ev = sp->sorted.n ? extra_verdict(sp, w) : EXTRA_NONE;
    if (ev == EXTRA_ACCEPTED)
      return true;
    if (sp->cache.map && ev == EXTRA_NONE)
      return cache_accepts(&sp->cache, w);
  } else if (non_ascii_known(sp, w, &ok)) {
    return ok;
  }
  Hunhandle *h = hunspell(sp);
  return !h || hun.spell(h, w) != 0;
}

/* ---- remembered verdicts ------------------------------------------------- */

/* A verdict depends on the word alone (the dictionary and the extra words
 * are fixed once the speller is made), so a remembered one is the one a
 * look-up would give again. */

static void memo_clear(struct verdict_memo *m) {
  for (size_t i = 0; i < MEMO_SLOTS; i++) {
    free(m->slot[i].word);
    m->slot[i].word = NULL;
  }
  m->used = 0;
}

static void memo_free(struct verdict_memo *m) {
  if (!m->slot)
    return;
  memo_clear(m);
  free(m->slot);
  m->slot = NULL;
}

/* The slot of the NUL-terminated W (N bytes): the one holding it, or the
 * free slot where it belongs. The table is never full (see memo_put). */
static struct memo_slot *memo_slot(const struct verdict_memo *m, const char *w, size_t n) {
  uint64_t h = 14695981039346656037u; /* FNV-1a */
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)w[i]) * 1099511628211u;
  for (size_t i = (size_t)h & (MEMO_SLOTS - 1);; i = (i + 1) & (MEMO_SLOTS - 1)) {
    struct memo_slot *s = &m->slot[i];
    if (!s->word || strcmp(s->word, w) == 0)
      return s;
  }
}

/* Remember OK for W, which is not in the table. Out of memory, it is just
 * not remembered. */
static void memo_put(struct verdict_memo *m, const char *w, size_t n, bool ok) {
  if (m->used + 1 > MEMO_SLOTS / 2)
    memo_clear(m); /* a bound on memory, and short probe chains */
  struct memo_slot *s = memo_slot(m, w, n);
  s->word = xstrndup(w, n);
  s->ok = ok;
  m->used += s->word != NULL;
}

void speller_remember_verdicts(struct speller *sp) {
  if (!sp->memo.slot)
    sp->memo.slot = calloc(MEMO_SLOTS, sizeof(struct memo_slot));
}

bool speller_ok(struct speller *sp, const char *word, size_t n) {
  char w[WORD_MAX];
  if (n >= sizeof(w))
    return true; /* not a word anyone typed by hand */
  memcpy(w, word, n);
  w[n] = '\0';
  if (!sp->memo.slot)
    return word_ok(sp, w);
  const struct memo_slot *s = memo_slot(&sp->memo, w, n);
  if (s->word)
    return s->ok;
  bool ok = word_ok(sp, w);
  memo_put(&sp->memo, w, n, ok);
  return ok;
}

/* ---- suggestions ------------------------------------------------------------- */

/* TRY, REP and the NOSUGGEST flag (into FLAG) from the .aff at AFF. */
static void read_aff(const char *aff, struct sugg_data *sd, char flag[8]) {
  char *text;
  size_t len, nt = 0;
  *flag = '\0';
  if (read_file(aff, 1u << 20, &text, &len, NULL) != EXL_OK)
    return;
  char *p = text, *end = text + len;
  while (p < end) {
    char *nl = memchr(p, '\n', (size_t)(end - p));
    if (nl)
      *nl = '\0'; /* the text is ours, and read_file() ends it with a NUL */
    char a[64], b[64];
    if (strncmp(p, "TRY ", 4) == 0) {
      for (const char *t = p + 4; *t && nt + 1 < sizeof(sd->try_chars); t++)
        if (is_lower_word_char(*t) && !memchr(sd->try_chars, *t, nt))
          sd->try_chars[nt++] = *t;
    } else if (strncmp(p, "NOSUGGEST ", 10) == 0) {
      sscanf(p + 10, "%7s", flag);
    } else if (strncmp(p, "REP ", 4) == 0 && sd->nrep < MAX_REP &&
               sscanf(p + 4, "%63s %63s", a, b) == 2 && spell_cache_shape(a, strlen(a)) &&
               spell_cache_shape(b, strlen(b)) && islower((unsigned char)a[0]) &&
               islower((unsigned char)b[0])) {
      sd->rep_from[sd->nrep] = strdup(a);
      sd->rep_to[sd->nrep] = strdup(b);
      if (sd->rep_from[sd->nrep] && sd->rep_to[sd->nrep]) {
        sd->nrep++;
      } else {
        free(sd->rep_from[sd->nrep]);
        free(sd->rep_to[sd->nrep]);
      }
    }
    p = nl ? nl + 1 : end;
  }
  free(text);
}

/* The roots of the .dic at DIC whose flags hold FLAG, lowercased, into L. */
static void read_nosuggest_roots(const char *dic, const char *flag, struct word_list *l) {
  char *text;
  size_t len;
  if (!*flag || read_file(dic, 64u << 20, &text, &len, NULL) != EXL_OK)
    return;
  char *p = text, *end = text + len;
  while (p < end) { /* "word/FLAGS" */
    char *nl = memchr(p, '\n', (size_t)(end - p));
    char *stop = nl ? nl : end, *slash = memchr(p, '/', (size_t)(stop - p));
    if (nl)
      *nl = '\0';
    if (slash && strstr(slash + 1, flag)) {
      for (char *c = p; c < slash; c++)
        *c = (char)tolower((unsigned char)*c);
      list_add(l, p, (size_t)(slash - p));
    }
    p = nl ? nl + 1 : end;
  }
  free(text);
}

size_t spell_nosuggest_roots(const char *aff, const char *dic, char ***roots) {
  struct sugg_data sd = {0};
  char flag[8];
  read_aff(aff, &sd, flag);
  read_nosuggest_roots(dic, flag, &sd.nosuggest);
  *roots = sd.nosuggest.w;
  size_t n = sd.nosuggest.n;
  sd.nosuggest.w = NULL;
  sd.nosuggest.n = 0;
  sugg_data_free(&sd);
  return n;
}

/* What suggestions need: TRY and REP from the .aff, and the NOSUGGEST roots,
 * from the cache (which copied them from the .dic) or else from the .dic. */
static void read_sugg_data(struct speller *sp) {
  char flag[8];
  sp->sd.read = true;
  read_aff(sp->aff, &sp->sd, flag);
  const struct verdict_cache *c = &sp->cache;
  if (!c->map) {
    read_nosuggest_roots(sp->dic, flag, &sp->sd.nosuggest);
    return;
  }
  size_t pos = c->ns_pos;
  char line[256];
  for (size_t i = 0; i < c->ns_count && header_line(c, &pos, line, sizeof(line)); i++)
    list_add(&sp->sd.nosuggest, line, strlen(line));
}

/* Does lowercase W derive from a NOSUGGEST root (Hunspell never offers
 * those)? Judged by prefix, which can only hold back a suggestion. */
static bool never_suggested(const struct sugg_data *sd, const char *w) {
  for (size_t i = 0; i < sd->nosuggest.n; i++)
    if (strncmp(w, sd->nosuggest.w[i], strlen(sd->nosuggest.w[i])) == 0)
      return true;
  return false;
}

struct found {
  struct speller *sp;
  bool capital; /* the typo starts with a capital: so do the suggestions */
  char *list[8];
  int n, max;
};

/* Offer candidate LOWER (lowercase), capitalised when CAPITAL. Returns true
 * once enough are found. */
static bool offer(struct found *f, const char *lower, bool capital) {
  char w[WORD_MAX];
  size_t n = strlen(lower);
  if (f->n >= f->max || n == 0 || n >= sizeof(w) || !isalpha((unsigned char)lower[0]))
    return f->n >= f->max;
  memcpy(w, lower, n + 1);
  if (capital)
    w[0] = (char)toupper((unsigned char)w[0]);
  for (int i = 0; i < f->n; i++)
    if (strcmp(f->list[i], w) == 0)
      return false;
  if (!word_ok(f->sp, w) || never_suggested(&f->sp->sd, lower))
    return false;
  f->list[f->n] = strdup(w);
  if (f->list[f->n])
    f->n++;
  return f->n >= f->max;
}

/* REP-table replacements of lowercase W (N bytes), from byte FROM on. */
static bool rep_edits(struct found *f, const char *w, size_t n, size_t from) {
  const struct sugg_data *sd = &f->sp->sd;
  char c[WORD_MAX];
  for (size_t r = 0; r < sd->nrep; r++) {
    size_t fl = strlen(sd->rep_from[r]), tl = strlen(sd->rep_to[r]);
    if (n - fl + tl >= sizeof(c))
      continue;
    for (const char *at = strstr(w + from, sd->rep_from[r]); at;
         at = strstr(at + 1, sd->rep_from[r])) {
      snprintf(c, sizeof(c), "%.*s%s%s", (int)(at - w), w, sd->rep_to[r], at + fl);
      if (offer(f, c, f->capital))
        return true;
    }
  }
  return false;
}

static bool swap_edits(struct found *f, const char *w, size_t n) {
  char c[WORD_MAX];
  for (size_t i = 0; i + 1 < n; i++) {
    if ((unsigned char)w[i] >= 0x80 || (unsigned char)w[i + 1] >= 0x80)
      continue; /* swaps of ASCII letters only */
    memcpy(c, w, n + 1);
    c[i] = w[i + 1];
    c[i + 1] = w[i];
    if (c[i] != c[i + 1] && offer(f, c, f->capital))
      return true;
  }
  return false;
}

/* Bytes in the UTF-8 code point at W[I]; 0 inside one (not a boundary). */
static size_t cp_len_at(const char *w, size_t n, size_t i) {
  if (i >= n || ((unsigned char)w[i] & 0xC0) == 0x80)
    return 0;
  size_t len = 1;
  while (i + len < n && ((unsigned char)w[i + len] & 0xC0) == 0x80)
    len++;
  return len;
}

/* A letter too many, a letter missing, a wrong letter, at the code points
 * that start in bytes [LO, HI) of lowercase W (N bytes); TRY order. */
static bool letter_edits(struct found *f, const char *w, size_t n, size_t lo, size_t hi) {
  const char *try_chars = f->sp->sd.try_chars;
  char c[WORD_MAX + 1];
  for (size_t i = lo, len; i < hi && i < n; i++) {
    if ((len = cp_len_at(w, n, i)) == 0)
      continue;
    snprintf(c, sizeof(c), "%.*s%s", (int)i, w, w + i + len);
    if (offer(f, c, f->capital))
      return true;
  }
  for (const char *t = try_chars; *t; t++)
    for (size_t i = lo; i < hi && i <= n; i++) {
      if (i < n && cp_len_at(w, n, i) == 0)
        continue;
      snprintf(c, sizeof(c), "%.*s%c%s", (int)i, w, *t, w + i);
      if (offer(f, c, f->capital))
        return true;
    }
  for (const char *t = try_chars; *t; t++)
    for (size_t i = lo, len; i < hi && i < n; i++) {
      if ((len = cp_len_at(w, n, i)) == 0 || (len == 1 && w[i] == *t))
        continue;
      snprintf(c, sizeof(c), "%.*s%c%s", (int)i, w, *t, w + i + len);
      if (offer(f, c, f->capital))
        return true;
    }
  return false;
}

/* The words one edit away from lowercase W (N bytes), in the order of
 * Hunspell's methods (REP, swap, case, extra, forgotten and wrong letter);
 * stops when F is full. A typed capital is kept: a capitalised typo gets
 * no REP change to its first letter. People seldom mistype the first
 * letter, so edits there come last. */
static void one_edit_away(struct found *f, const char *w, size_t n) {
  if (rep_edits(f, w, n, f->capital ? 1 : 0) || swap_edits(f, w, n))
    return;
  if (!f->capital && offer(f, w, true)) /* a name or a day typed in lowercase */
    return;
  if (letter_edits(f, w, n, 1, n + 1))
    return;
  letter_edits(f, w, n, 0, 1);
}

/* Words the edits below are made for: the cache's shape, or that shape
 * with non-ASCII letters after the first (café, Zoë's). */
static bool edit_shape(const char *w, size_t n) {
  if (n == 0 || n > SHAPE_MAX || !isalpha((unsigned char)w[0]) || (unsigned char)w[0] >= 0x80)
    return false;
  for (size_t i = 1; i < n; i++)
    if (!is_lower_word_char(w[i]) && (unsigned char)w[i] < 0x80)
      return false;
  return true;
}

/* Hunspell's own search, for words the edits do not fix. */
static void hunspell_suggest(struct found *f, const char *w) {
  Hunhandle *h = hunspell(f->sp);
  char **list = NULL;
  if (!h)
    return;
  int count = hun.suggest(h, &list, w);
  for (int i = 0; i < count && f->n < f->max; i++) {
    f->list[f->n] = strdup(list[i]);
    if (f->list[f->n])
      f->n++;
  }
  if (list)
    hun.free_list(h, &list, count);
}

char *speller_suggest(struct speller *sp, const char *word, size_t n, int max) {
  char w[WORD_MAX];
  struct found f = {.sp = sp, .max = max};
  if (n >= sizeof(w) || max <= 0)
    return NULL;
  if (f.max > (int)(sizeof(f.list) / sizeof(f.list[0])))
    f.max = (int)(sizeof(f.list) / sizeof(f.list[0]));
  memcpy(w, word, n);
  w[n] = '\0';
  if (edit_shape(w, n)) {
    if (!sp->sd.read)
      read_sugg_data(sp);
    f.capital = isupper((unsigned char)w[0]) != 0;
    w[0] = (char)tolower((unsigned char)w[0]);
    one_edit_away(&f, w, n);
    if (f.capital)
      w[0] = (char)toupper((unsigned char)w[0]);
  }
  if (f.n == 0)
    hunspell_suggest(&f, w);
  struct buf b = {0};
  for (int i = 0; i < f.n; i++) {
    buf_printf(&b, "%s%s", i ? ", " : "", f.list[i]);
    free(f.list[i]);
  }
  return b.len ? buf_detach(&b) : (buf_free(&b), NULL);
}

/* mkverdicts.c - build the spelling verdict cache (format in src/spell.h).
 * usage: unmunch DICT.dic DICT.aff | mkverdicts DICT_BASE OUT
 * Reads every word form of the dictionary, one a line, and asks Hunspell
 * about the lowercase and the capitalised spelling of each form of the shape
 * the cache answers for. Writes OUT through a temporary file, so a reader
 * never sees half a cache. Run by `make` (mk/spell.mk). */
#include <ctype.h>
#include <hunspell.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "spell.h"

static int cmp(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every distinct lowercase key of the forms on stdin; *N of them, sorted. */
static char **read_keys(size_t *n) {
  size_t cap = 1 << 18;
  char **keys = malloc(cap * sizeof(*keys)), line[512];
  *n = 0;
  while (keys && fgets(line, sizeof(line), stdin)) {
    line[strcspn(line, "\r\n")] = '\0';
    for (char *c = line; *c; c++)
      *c = (char)tolower((unsigned char)*c);
    if (!spell_cache_shape(line, strlen(line)))
      continue;
    if (*n == cap) {
      char **more = realloc(keys, (cap *= 2) * sizeof(*keys));
      if (!more)
        return NULL;
      keys = more;
    }
    if (!(keys[*n] = strdup(line)))
      return NULL;
    (*n)++;
  }
  if (keys)
    qsort(keys, *n, sizeof(*keys), cmp);
  return keys;
}

/* The cache claims to list every accepted word of its shape, which holds
 * for a dictionary of plain affixes (en_US; tests/spell/run.sh checks it).
 * Features that make Hunspell accept words unmunch does not list, or that
 * rewrite input, are refused: that dictionary gets no cache. */
static const char *unsupported(const char *aff) {
  static const char *const refused[] = {"IGNORE",         "CHECKSHARPS",     "COMPOUNDFLAG",
                                        "COMPOUNDBEGIN",  "COMPOUNDMIDDLE",  "COMPOUNDLAST",
                                        "COMPOUNDEND",    "COMPLEXPREFIXES", "FULLSTRIP",
                                        "CIRCUMFIX",      "NEEDAFFIX",       "PSEUDOROOT",
                                        "KEEPCASE",       "FORBIDDENWORD",   "FORCEUCASE"};
  static char why[80];
  char line[512];
  FILE *f = fopen(aff, "r");
  if (!f)
    return "cannot read the .aff";
  while (fgets(line, sizeof(line), f)) {
    char key[32] = "", a[64] = "", b[64] = "";
    sscanf(line, "%31s %63s %63s", key, a, b);
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
      if (strcmp(key, refused[i]) == 0)
        snprintf(why, sizeof(why), "it uses %s", key);
    /* one conversion is fine: the draft turns ’ into ' before spelling */
    if (strcmp(key, "ICONV") == 0 && !isdigit((unsigned char)a[0]) &&
        !(strcmp(a, "\xe2\x80\x99") == 0 && strcmp(b, "'") == 0))
      snprintf(why, sizeof(why), "it converts '%.20s'", a);
  }
  fclose(f);
  return *why ? why : NULL;
}

/* Does every line of the .dic stay within ASCII? Then Hunspell rejects
 * every word with a byte past ASCII. */
static int ascii_only(const char *dic) {
  FILE *f = fopen(dic, "rb");
  int c, ok = f != NULL;
  while (ok && (c = getc(f)) != EOF)
    ok = c < 0x80;
  if (f)
    fclose(f);
  return ok;
}

static void stat_line(FILE *out, const char *tag, const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) {
    perror(path);
    exit(1);
  }
  fprintf(out, "%s %llu %llu %llu\n", tag, (unsigned long long)st.st_size,
          (unsigned long long)st.st_mtim.tv_sec, (unsigned long long)st.st_mtim.tv_nsec);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: unmunch DICT.dic DICT.aff | %s DICT_BASE OUT\n", argv[0]);
    return 2;
  }
  char aff[4096], dic[4096], tmp[4200];
  snprintf(aff, sizeof(aff), "%s.aff", argv[1]);
  snprintf(dic, sizeof(dic), "%s.dic", argv[1]);
  snprintf(tmp, sizeof(tmp), "%s.tmp", argv[2]);
  const char *why = unsupported(aff);
  if (why) {
    fprintf(stderr, "mkverdicts: no cache for %s: %s\n", argv[1], why);
    return 3;
  }
  FILE *out = fopen(tmp, "w");
  if (!out) {
    perror(tmp);
    return 1;
  }
  /* the key first: a dictionary changed while this runs makes a stale cache */
  fprintf(out, "%s\n", SPELL_CACHE_MAGIC);
  stat_line(out, "aff", aff);
  stat_line(out, "dic", dic);
  fprintf(out, "ascii-only %d\n", ascii_only(dic));
  char **roots;
  size_t nroots = spell_nosuggest_roots(aff, dic, &roots);
  fprintf(out, "nosuggest %zu\n", nroots);
  for (size_t i = 0; i < nroots; i++) {
    fprintf(out, "%s\n", roots[i]);
    free(roots[i]);
  }
  free(roots);
  Hunhandle *h = Hunspell_create(aff, dic);
  size_t n;
  char **keys = read_keys(&n);
  if (!h || !keys) {
    fprintf(stderr, "mkverdicts: cannot load %s or read the word list\n", argv[1]);
    remove(tmp);
    return 1;
  }
  /* the records, in memory first: the header gives their length */
  char *rec = NULL;
  size_t rec_len = 0, records = 0;
  FILE *mem = open_memstream(&rec, &rec_len);
  char cap[128];
  for (size_t i = 0; mem && i < n; i++) {
    if (i && strcmp(keys[i], keys[i - 1]) == 0)
      continue;
    snprintf(cap, sizeof(cap), "%s", keys[i]);
    cap[0] = (char)toupper((unsigned char)cap[0]);
    int bits = (Hunspell_spell(h, keys[i]) ? SPELL_CACHE_LOWER : 0) |
               (Hunspell_spell(h, cap) ? SPELL_CACHE_CAPITAL : 0);
    if (bits) {
      fprintf(mem, "%s %c\n", keys[i], 'a' + bits);
      records++;
    }
  }
  if (!mem || fclose(mem) != 0 || records == 0) {
    fprintf(stderr, "mkverdicts: no records for %s\n", argv[1]);
    remove(tmp);
    return 1;
  }
  fprintf(out, "records %zu\n", rec_len);
  fwrite(rec, 1, rec_len, out);
  if (fclose(out) != 0 || rename(tmp, argv[2]) != 0) {
    perror(argv[2]);
    remove(tmp);
    return 1;
  }
  fprintf(stderr, "mkverdicts: %zu records (%zu bytes) for %s\n", records, rec_len, argv[1]);
  free(rec);
  for (size_t i = 0; i < n; i++)
    free(keys[i]);
  free(keys);
  Hunspell_destroy(h);
  return 0;
}

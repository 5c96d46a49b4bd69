/* spell.c - rushed typing: Hunspell with a texting word list and names. */
#include "spell.h"

#include <hunspell.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

struct speller {
  Hunhandle *h;
};

static exl_status add_words(struct speller *sp, const char *path, exl_error *err) {
  char *text;
  size_t len;
  exl_status st = read_file(path, 4u << 20, &text, &len, err);
  if (st != EXL_OK)
    return st;
  char *line = text, *end = text + len;
  while (line < end) {
    char *nl = memchr(line, '\n', (size_t)(end - line));
    char *stop = nl ? nl : end;
    while (stop > line && (stop[-1] == '\r' || stop[-1] == ' ' || stop[-1] == '\t'))
      stop--;
    if (stop > line && line[0] != '#') {
      char saved = *stop;
      *stop = '\0';
      Hunspell_add(sp->h, line);
      *stop = saved;
    }
    line = nl ? nl + 1 : end;
  }
  free(text);
  return EXL_OK;
}

exl_status speller_new(const char *dict, const char *const *extra, size_t nextra,
                       struct speller **out, exl_error *err) {
  char aff[4096], dic[4096];
  *out = NULL;
  snprintf(aff, sizeof(aff), "%s.aff", dict);
  snprintf(dic, sizeof(dic), "%s.dic", dict);
  /* Hunspell_create has no error channel: check the files first */
  if (access(aff, R_OK) != 0 || access(dic, R_OK) != 0)
    return error_set(err, EXL_EIO,
                     "%s: spelling dictionary not found (install hunspell-en-us, set "
                     "\"dictionary\", or use --no-spell)",
                     access(aff, R_OK) != 0 ? aff : dic);
  struct speller *sp = calloc(1, sizeof(*sp));
  if (!sp)
    return error_set(err, EXL_ENOMEM, "out of memory");
  sp->h = Hunspell_create(aff, dic);
  if (!sp->h) {
    free(sp);
    return error_set(err, EXL_EIO, "%s: cannot load the spelling dictionary", dic);
  }
  for (size_t i = 0; i < nextra; i++) {
    if (!extra[i])
      continue;
    exl_status st = add_words(sp, extra[i], err);
    if (st != EXL_OK) {
      speller_free(sp);
      return st;
    }
  }
  *out = sp;
  return EXL_OK;
}

void speller_free(struct speller *sp) {
  if (!sp)
    return;
  Hunspell_destroy(sp->h);
  free(sp);
}

bool speller_ok(struct speller *sp, const char *word, size_t n) {
  char w[256];
  if (n >= sizeof(w))
    return true; /* not a word anyone typed by hand */
  memcpy(w, word, n);
  w[n] = '\0';
  return Hunspell_spell(sp->h, w) != 0;
}

char *speller_suggest(struct speller *sp, const char *word, size_t n, int max) {
  char w[256], **list = NULL;
  if (n >= sizeof(w))
    return NULL;
  memcpy(w, word, n);
  w[n] = '\0';
  int count = Hunspell_suggest(sp->h, &list, w);
  struct buf b = {0};
  for (int i = 0; i < count && i < max; i++)
    buf_printf(&b, "%s%s", i ? ", " : "", list[i]);
  if (list)
    Hunspell_free_list(sp->h, &list, count);
  return b.len ? buf_detach(&b) : (buf_free(&b), NULL);
}

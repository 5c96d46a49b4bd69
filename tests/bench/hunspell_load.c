/* hunspell_load.c - the floor for a spelling linter's cold start: load
 * Hunspell's en_US dictionary, check one word, free it, exit.
 * usage: hunspell-load [DICT_BASE]   (default /usr/share/hunspell/en_US) */
#include <hunspell.h>
#include <stdio.h>

int main(int argc, char **argv) {
  const char *base = argc > 1 ? argv[1] : "/usr/share/hunspell/en_US";
  char aff[4096], dic[4096];
  snprintf(aff, sizeof(aff), "%s.aff", base);
  snprintf(dic, sizeof(dic), "%s.dic", base);
  Hunhandle *h = Hunspell_create(aff, dic);
  if (!h)
    return 2;
  int ok = Hunspell_spell(h, "hello");
  Hunspell_destroy(h);
  return ok ? 0 : 1;
}

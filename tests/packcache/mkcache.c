/* exlint-packcache - write the compiled cache of a directory of packs.
 *
 * usage: exlint-packcache DIR OUT
 *
 * `make` runs it on every build: when OUT is DIR/packs.cache and already
 * describes the packs in DIR (and this build's code), it writes nothing.
 * Otherwise it reads every pack in DIR, compiling every pattern, and
 * replaces OUT atomically. A broken pack fails the build, as it would fail
 * every run. */
#include <stdio.h>
#include <string.h>

#include "pack.h"
#include "packcache.h"

static int is_current(const char *dir, const char *out) {
  char own[4096];
  snprintf(own, sizeof(own), "%s/%s", dir, PACKCACHE_NAME);
  if (strcmp(own, out) != 0)
    return 0;
  struct pack_set ps = {0};
  int ok = packcache_load(&ps, dir, NULL) == EXL_OK;
  pack_set_free(&ps);
  return ok;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: exlint-packcache DIR OUT\n");
    return 2;
  }
  if (is_current(argv[1], argv[2]))
    return 0;
  exl_error err;
  if (packcache_build(argv[1], argv[2], &err) != EXL_OK) {
    fprintf(stderr, "exlint-packcache: %s\n", err.msg);
    return 1;
  }
  printf("exlint-packcache: wrote %s\n", argv[2]);
  return 0;
}

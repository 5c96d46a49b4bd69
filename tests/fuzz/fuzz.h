/* fuzz.h - shared by the fuzz targets: a linter built once, and a scratch
 * file for the targets whose entry point takes a path.
 *
 * Each target defines LLVMFuzzerTestOneInput(). Built with
 * -fsanitize=fuzzer it runs under libFuzzer (make fuzz); linked with
 * replay.c instead it feeds the seed files to the same function (make
 * check, target check-fuzz-replay). */
#ifndef EXLINT_FUZZ_H
#define EXLINT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exlint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A linter over the bundled packs, spelling off (Hunspell is not ours to
 * fuzz), clock fixed. Built on first use and kept: still reachable at exit. */
static inline exl_linter *fuzz_linter(void) {
  static exl_linter *lin;
  if (lin)
    return lin;
  exl_config *cfg = exl_config_new();
  exl_error err;
  if (!cfg || exl_config_set(cfg, "spell", "off", &err) != EXL_OK ||
      exl_config_set(cfg, "now", "2026-06-15T12:00:00", &err) != EXL_OK ||
      exl_linter_new(cfg, &lin, &err) != EXL_OK) {
    fprintf(stderr, "fuzz: cannot build the linter: %s\n", cfg ? err.msg : "out of memory");
    abort(); /* the bundled packs must always load */
  }
  exl_config_free(cfg);
  return lin;
}

/* The scratch directory and the one file a target writes in it; removed
 * at exit (the inputs are fuzz data, but a tool that leaves temp files
 * behind teaches the wrong habit). */
static char fuzz_scratch_dir[256];
static char fuzz_scratch_file[512];

static inline void fuzz_scratch_remove(void) {
  if (fuzz_scratch_file[0])
    unlink(fuzz_scratch_file);
  if (fuzz_scratch_dir[0])
    rmdir(fuzz_scratch_dir);
}

/* Write DATA to NAME inside a private scratch directory made once per
 * process; returns the directory (static storage). A target writes one
 * NAME only. */
static inline const char *fuzz_scratch(const char *name, const uint8_t *data, size_t size,
                                       char *path, size_t path_len) {
  if (!fuzz_scratch_dir[0]) {
    const char *tmp = getenv("TMPDIR");
    snprintf(fuzz_scratch_dir, sizeof(fuzz_scratch_dir), "%s/exlint-fuzz-XXXXXX",
             tmp && *tmp && strlen(tmp) < 200 ? tmp : "/tmp");
    if (!mkdtemp(fuzz_scratch_dir))
      abort();
    atexit(fuzz_scratch_remove);
  }
  snprintf(path, path_len, "%s/%s", fuzz_scratch_dir, name);
  snprintf(fuzz_scratch_file, sizeof(fuzz_scratch_file), "%s", path);
  FILE *f = fopen(path, "wb");
  if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
    abort();
  return fuzz_scratch_dir;
}

#endif

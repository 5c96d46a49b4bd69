/* test_packcache.c - the pack cache holds exactly what the JSON gives, and a
 * stale, damaged or foreign cache is refused without harm.
 *
 * White box: the file includes src/packcache.c so a test can forge a header
 * and seal it with the real checksum (the way a cache from another build
 * would look). Its copy of the cache code replaces the library's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../src/packcache.c"

static char dir[64];           /* a copy of the bundled packs and their cache */
static char cache_path[128];
static struct pack_set json;   /* the packs read from JSON, every pattern compiled */
static unsigned char *pristine; /* the cache as built */
static size_t pristine_len;

/* ---- files ----------------------------------------------------------- */

static unsigned char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  rewind(f);
  unsigned char *data = malloc((size_t)n + 1);
  if (data && fread(data, 1, (size_t)n, f) != (size_t)n) {
    free(data);
    data = NULL;
  }
  fclose(f);
  *len = (size_t)n;
  return data;
}

static void spill(const char *path, const void *data, size_t len) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(data, 1, len, f), len);
  assert_int_equal(fclose(f), 0);
}

static void put_cache(const void *data, size_t len) { spill(cache_path, data, len); }

static int setup(void **state) {
  (void)state;
  snprintf(dir, sizeof(dir), "/tmp/exlint-packcache-XXXXXX");
  if (!mkdtemp(dir))
    return -1;
  char cmd[256];
  snprintf(cmd, sizeof(cmd), "cp patterns/*.json %s/", dir);
  if (system(cmd) != 0)
    return -1;
  snprintf(cache_path, sizeof(cache_path), "%s/%s", dir, PACKCACHE_NAME);
  exl_error err;
  if (packcache_build(dir, cache_path, &err) != EXL_OK) {
    fprintf(stderr, "build: %s\n", err.msg);
    return -1;
  }
  pristine = slurp(cache_path, &pristine_len);
  if (!pristine || pack_load_dir(&json, dir, false, &err) != EXL_OK)
    return -1;
  pack_finish(&json);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  pack_set_free(&json);
  free(pristine);
  char cmd[128];
  snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
  return system(cmd) == 0 ? 0 : -1;
}

/* ---- comparing ------------------------------------------------------- */

static void same_str(const char *a, const char *b) {
  if (!a || !b)
    assert_ptr_equal(a, b);
  else
    assert_string_equal(a, b);
}

/* CODE serialized after one trip through the decoder, which marks a code as
 * owning its tables: a code decoded from the cache has made that trip. */
static uint8_t *normalised(const pcre2_code *code, PCRE2_SIZE *n) {
  uint8_t *once, *twice;
  pcre2_code *back;
  assert_non_null(code);
  assert_int_equal(pcre2_serialize_encode(&code, 1, &once, n, NULL), 1);
  assert_int_equal(pcre2_serialize_decode(&back, 1, once, NULL), 1);
  const pcre2_code *cback = back;
  assert_int_equal(pcre2_serialize_encode(&cback, 1, &twice, n, NULL), 1);
  pcre2_serialize_free(once);
  pcre2_code_free(back);
  return twice;
}

/* Equal compiled code: equal serialized bytes. */
static void same_code(const pcre2_code *a, const pcre2_code *b) {
  PCRE2_SIZE na, nb;
  uint8_t *ba = normalised(a, &na), *bb = normalised(b, &nb);
  assert_int_equal(na, nb);
  assert_memory_equal(ba, bb, na);
  pcre2_serialize_free(ba);
  pcre2_serialize_free(bb);
}

static void same_req(const struct pf_req *a, const struct pf_req *b) {
  if (!a->blob || !b->blob) {
    assert_ptr_equal(a->blob, b->blob);
    return;
  }
  assert_int_equal(req_len(a), req_len(b));
  assert_memory_equal(a->blob, b->blob, req_len(a));
}

static void same_patterns(const struct rule *cr, struct pattern *c, const struct pattern *j,
                          size_t n) {
  for (size_t i = 0; i < n; i++) {
    assert_null(c[i].src); /* the cache hands it out on request */
    assert_string_equal(pack_pattern_src(cr, &c[i]), j[i].src);
    assert_int_equal(c[i].reach, j[i].reach);
    assert_int_equal(c[i].quoted, j[i].quoted);
    assert_int_equal(c[i].paragraph, j[i].paragraph);
    assert_int_equal(c[i].opts, j[i].opts);
    same_req(&c[i].req, &j[i].req);
    exl_error err;
    assert_int_equal(pack_pattern_compile(cr, &c[i], &err), EXL_OK);
    same_code(c[i].code, j[i].code);
  }
}

static void same_examples(const struct example *c, const struct example *j, size_t n) {
  for (size_t i = 0; i < n; i++) {
    same_str(c[i].text, j[i].text);
    same_str(c[i].now, j[i].now);
    same_str(c[i].breakup_date, j[i].breakup_date);
    assert_int_equal(c[i].stage, j[i].stage);
    assert_int_equal(c[i].no_contact_days, j[i].no_contact_days);
    assert_int_equal(c[i].unanswered, j[i].unanswered);
  }
}

static void same_rule(struct rule *c, const struct rule *j) {
  assert_non_null(c->cache);
  same_str(c->id, j->id);
  same_str(c->category, j->category);
  same_str(c->message, j->message);
  same_str(c->explain, j->explain);
  same_str(c->suggestion, j->suggestion);
  same_str(c->replacement, j->replacement);
  same_str(c->stages_text, j->stages_text);
  same_str(c->source, j->source);
  assert_int_equal(c->severity, j->severity);
  assert_memory_equal(c->stage_sev, j->stage_sev, sizeof(c->stage_sev));
  assert_int_equal(c->negatable, j->negatable);
  assert_int_equal(c->case_sensitive, j->case_sensitive);
  assert_int_equal(c->disabled, j->disabled);
  assert_int_equal(c->min_matches, j->min_matches);
  assert_int_equal(c->detector, j->detector);
  assert_memory_equal(c->budget, j->budget, sizeof(c->budget)); /* bit for bit */
  assert_memory_equal(&c->param_min, &j->param_min, sizeof(double));
  assert_memory_equal(&c->param_ratio, &j->param_ratio, sizeof(double));
  assert_int_equal(c->npats, j->npats);
  assert_int_equal(c->nexcs, j->nexcs);
  same_patterns(c, c->pats, j->pats, j->npats);
  same_patterns(c, c->excs, j->excs, j->nexcs);
  for (int i = 0; i < 3; i++) {
    assert_null(c->part_src[i]); /* the cache keeps them; a run needs only the code */
    if (j->part[i])
      same_code(c->part[i], j->part[i]);
    else
      assert_null(c->part[i]);
  }
  assert_int_equal(c->nbad, j->nbad);
  assert_int_equal(c->ngood, j->ngood);
  same_examples(c->bad, j->bad, j->nbad);
  same_examples(c->good, j->good, j->ngood);
  assert_string_equal(c->info.id, j->info.id);
  assert_string_equal(c->info.source, j->info.source);
}

static exl_status load_cache(struct pack_set *ps, exl_error *err) {
  memset(ps, 0, sizeof(*ps));
  exl_status st = packcache_load(ps, dir, err);
  if (st == EXL_OK)
    pack_finish(ps);
  return st;
}

static void same_as_json(void) {
  struct pack_set ps;
  exl_error err;
  assert_int_equal(load_cache(&ps, &err), EXL_OK);
  assert_int_equal(ps.nrules, json.nrules);
  assert_int_equal(pack_examples(&ps, &err), EXL_OK);
  for (size_t i = 0; i < ps.nrules; i++)
    same_rule(&ps.rules[i], &json.rules[i]);
  pack_set_free(&ps);
}

/* The cache is refused, and ERR says something containing WHY. */
static void refused(const char *why) {
  struct pack_set ps;
  exl_error err = {0};
  assert_int_not_equal(load_cache(&ps, &err), EXL_OK);
  assert_int_equal(ps.nrules, 0);
  assert_null(ps.rules);
  if (!strstr(err.msg, why))
    fail_msg("expected '%s' in: %s", why, err.msg);
}

/* Replace the header of a copy of the cache with H, sealed with the real
 * checksum, as another build of exlint would write it. */
static void put_forged(const struct pc_header *h, unsigned char *copy) {
  struct pc_header sealed = *h;
  memcpy(copy, &sealed, sizeof(sealed));
  sealed.meta_hash = meta_checksum(copy, &sealed);
  memcpy(copy, &sealed, sizeof(sealed));
  put_cache(copy, pristine_len);
}

static struct pc_header pristine_header(void) {
  struct pc_header h;
  memcpy(&h, pristine, sizeof(h));
  return h;
}

/* ---- tests ----------------------------------------------------------- */

static void cache_holds_what_the_json_gives(void **state) {
  (void)state;
  const struct pc_header h = pristine_header();
  assert_true(h.ncodes > 0); /* every pattern stored compiled */
  assert_int_equal(h.ncodes, h.npats);
  same_as_json();
}

static void a_pack_set_frees_cleanly_after_overrides(void **state) {
  (void)state;
  /* a user pack replacing a cached rule: the borrowed rule is dropped, the
   * new one owns its strings (ASan checks both) */
  struct pack_set ps = {0};
  exl_error err;
  assert_int_equal(packcache_load(&ps, dir, &err), EXL_OK);
  char user[96];
  snprintf(user, sizeof(user), "%s/user", dir);
  assert_int_equal(mkdir(user, 0700), 0);
  char path[128];
  snprintf(path, sizeof(path), "%s/p.json", user);
  struct rule *victim = &ps.rules[0];
  assert_int_equal(pack_pattern_compile(victim, &victim->pats[0], &err), EXL_OK);
  char pack[256];
  snprintf(pack, sizeof(pack),
           "{\"rules\": [{\"id\": \"%s\", \"category\": \"%s\", \"severity\": \"info\", "
           "\"message\": \"mine\", \"explain\": \"e\", \"patterns\": [\"x\"]}]}",
           victim->id, victim->category);
  spill(path, pack, strlen(pack));
  assert_int_equal(pack_load_dir(&ps, user, false, &err), EXL_OK);
  pack_finish(&ps);
  bool found = false;
  for (size_t i = 0; i < ps.nrules; i++)
    if (strcmp(ps.rules[i].message, "mine") == 0) {
      assert_null(ps.rules[i].cache);
      found = true;
    }
  assert_true(found);
  pack_set_free(&ps);
  unlink(path);
  rmdir(user);
}

/* Rewrite PATH with one letter of its first message in the other case:
 * the same size, other content. Returns the original bytes (malloc'd). */
static unsigned char *edit_in_place(const char *path, size_t *len) {
  unsigned char *orig = slurp(path, len);
  assert_non_null(orig);
  unsigned char *edit = malloc(*len);
  assert_non_null(edit);
  memcpy(edit, orig, *len);
  char *msg = strstr((char *)edit, "\"message\": \"");
  assert_non_null(msg);
  msg[12] ^= 0x20;
  spill(path, edit, *len);
  free(edit);
  return orig;
}

static void an_edited_pack_makes_it_stale(void **state) {
  (void)state;
  char path[128];
  snprintf(path, sizeof(path), "%s/begging.json", dir);
  size_t len;
  unsigned char *orig = edit_in_place(path, &len);
  refused("stale: begging.json changed");
  spill(path, orig, len); /* content is the key: a rewrite of the same bytes is fine */
  same_as_json();
  free(orig);
}

/* The cache trusts a pack whose size and ctime it recorded without reading
 * it; putting the modification time back after an edit must not hide it. */
static void an_edit_with_its_mtime_restored_makes_it_stale(void **state) {
  (void)state;
  char path[128];
  snprintf(path, sizeof(path), "%s/begging.json", dir);
  exl_error err;
  assert_int_equal(packcache_build(dir, cache_path, &err), EXL_OK); /* stamps as now */
  struct stat before;
  assert_int_equal(stat(path, &before), 0);
  size_t len;
  unsigned char *orig = edit_in_place(path, &len);
  const struct timespec times[2] = {before.st_atim, before.st_mtim};
  assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
  refused("stale: begging.json changed");
  spill(path, orig, len);
  same_as_json();
  put_cache(pristine, pristine_len);
  free(orig);
}

static void a_pack_added_or_removed_makes_it_stale(void **state) {
  (void)state;
  char path[128];
  snprintf(path, sizeof(path), "%s/zz-extra.json", dir);
  spill(path, "{\"rules\": []}", 13);
  refused("stale");
  unlink(path);
  snprintf(path, sizeof(path), "%s/timing.json", dir);
  size_t len;
  unsigned char *orig = slurp(path, &len);
  assert_non_null(orig);
  unlink(path);
  refused("stale");
  spill(path, orig, len);
  free(orig);
  same_as_json();
}

static void a_damaged_header_or_record_is_refused(void **state) {
  (void)state;
  const struct pc_header h = pristine_header();
  unsigned char *copy = malloc(pristine_len);
  /* every byte of the header, then bytes spread over the records */
  for (size_t at = 0; at < h.meta_end; at += at < sizeof(h) ? 1 : 4093) {
    memcpy(copy, pristine, pristine_len);
    copy[at] ^= 0x41;
    put_cache(copy, pristine_len);
    refused("");
  }
  put_cache(pristine, pristine_len);
  free(copy);
  same_as_json();
}

static void a_truncated_or_padded_cache_is_refused(void **state) {
  (void)state;
  const struct pc_header h = pristine_header();
  size_t cuts[] = {0, 1, sizeof(h) - 1, sizeof(h), h.meta_end - 1, h.meta_end,
                   pristine_len - 1};
  for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
    put_cache(pristine, cuts[i]);
    refused("");
  }
  unsigned char *longer = calloc(1, pristine_len + 8);
  memcpy(longer, pristine, pristine_len);
  put_cache(longer, pristine_len + 8);
  refused("truncated");
  free(longer);
  put_cache(pristine, pristine_len);
}

static void garbage_is_refused(void **state) {
  (void)state;
  unsigned char *junk = malloc(pristine_len);
  unsigned seed = 12345;
  for (int round = 0; round < 8; round++) {
    for (size_t i = 0; i < pristine_len; i++) {
      seed = seed * 1103515245u + 12345u;
      junk[i] = (unsigned char)(seed >> 16);
    }
    if (round & 1) /* a real magic and format in front of the junk */
      memcpy(junk, pristine, 16);
    put_cache(junk, round < 4 ? pristine_len : (size_t)(seed % 4096));
    refused("");
  }
  free(junk);
  put_cache(pristine, pristine_len);
}

static void a_cache_from_another_build_is_refused(void **state) {
  (void)state;
  unsigned char *copy = malloc(pristine_len);
  memcpy(copy, pristine, pristine_len);
  struct pc_header h = pristine_header();
  snprintf(h.code_id, sizeof(h.code_id), "%s", "another-build");
  put_forged(&h, copy);
  refused("another build");
  h = pristine_header();
  h.version++;
  put_forged(&h, copy);
  refused("another format");
  h = pristine_header();
  h.nrules = UINT32_MAX; /* sealed, but pointing past the end */
  put_forged(&h, copy);
  refused("outside the file");
  free(copy);
  put_cache(pristine, pristine_len);
}

static void a_record_pointing_outside_is_refused(void **state) {
  (void)state;
  const struct pc_header h = pristine_header();
  unsigned char *copy = malloc(pristine_len);
  struct {
    size_t at;
    uint32_t value;
  } forge[] = {
      {h.strings + h.strings_len - PC_TAIL_NULS, 0x78787878}, /* the closing NULs */
      {h.rules + offsetof(struct pc_rule, message), h.strings_len},
      {h.rules + offsetof(struct pc_rule, npats), UINT32_MAX},
      {h.rules + offsetof(struct pc_rule, file), h.nfiles},
      {h.rules + offsetof(struct pc_rule, parts), 0}, /* parts on a rule without a detector */
      {h.pats + offsetof(struct pc_pat, code), h.ncodes},
      {h.codes + offsetof(struct pc_code, off), (uint32_t)pristine_len},
  };
  for (size_t i = 0; i < sizeof(forge) / sizeof(forge[0]); i++) {
    memcpy(copy, pristine, pristine_len);
    memcpy(copy + forge[i].at, &forge[i].value, sizeof(uint32_t));
    put_forged(&h, copy);
    refused("points outside the file");
  }
  free(copy);
  put_cache(pristine, pristine_len);
}

static void a_damaged_code_is_compiled_from_source(void **state) {
  (void)state;
  const struct pc_header h = pristine_header();
  const struct pc_code *codes = (const void *)(pristine + h.codes);
  unsigned char *copy = malloc(pristine_len);
  memcpy(copy, pristine, pristine_len);
  for (uint32_t i = 0; i < h.ncodes; i += 97) /* codes are outside the checksum */
    copy[codes[i].off + codes[i].len / 2] ^= 0x10;
  put_cache(copy, pristine_len);
  same_as_json(); /* each damaged one is refused by its own hash and compiled */
  free(copy);
  put_cache(pristine, pristine_len);
}

static void another_pcre2_compiles_from_source(void **state) {
  (void)state;
  unsigned char *copy = malloc(pristine_len);
  memcpy(copy, pristine, pristine_len);
  struct pc_header h = pristine_header();
  snprintf(h.pcre2_version, sizeof(h.pcre2_version), "%s", "9.99 1999-01-01");
  put_forged(&h, copy);
  struct pack_set ps;
  exl_error err;
  assert_int_equal(load_cache(&ps, &err), EXL_OK);
  assert_false(ps.cache->codes_usable);
  pack_set_free(&ps);
  same_as_json(); /* every pattern compiled from its stored source */
  free(copy);
  put_cache(pristine, pristine_len);
}

static void only_an_empty_set_loads_a_cache(void **state) {
  (void)state;
  struct pack_set ps = {0};
  exl_error err;
  assert_int_equal(packcache_load(&ps, dir, &err), EXL_OK);
  struct pack_set again = ps;
  assert_int_not_equal(packcache_load(&again, dir, &err), EXL_OK);
  pack_set_free(&ps);
}

static void the_hash_sees_every_byte(void **state) {
  (void)state;
  unsigned char buf[100] = {0};
  for (size_t len = 0; len <= sizeof(buf); len++) {
    uint64_t base = packcache_hash(buf, len);
    for (size_t i = 0; i < len; i++) {
      buf[i] = 1;
      assert_true(packcache_hash(buf, len) != base);
      buf[i] = 0;
    }
    if (len)
      assert_true(packcache_hash(buf, len - 1) != base); /* length counts */
  }
}

/* The stored index is byte for byte the one a run would build. */
static void the_stored_index_is_the_built_one(void **state) {
  (void)state;
  struct pack_set ps;
  exl_error err;
  assert_int_equal(load_cache(&ps, &err), EXL_OK);
  for (size_t i = 0; i < ps.nrules; i++) /* the writer's patterns were compiled */
    for (size_t p = 0; p < ps.rules[i].npats; p++)
      assert_int_equal(pack_pattern_compile(&ps.rules[i], &ps.rules[i].pats[p], &err), EXL_OK);
  struct pf_index *stored = pack_index_cached(&ps), *built = pack_index_build(&ps);
  assert_non_null(stored);
  assert_non_null(built);
  void *a, *b;
  size_t alen, blen;
  assert_true(pf_index_flatten(stored, &a, &alen));
  assert_true(pf_index_flatten(built, &b, &blen));
  assert_int_equal(alen, blen);
  assert_memory_equal(a, b, alen);
  free(a);
  free(b);
  pf_index_free(stored);
  pf_index_free(built);
  ps.nrules--; /* another set of rules (a user pack dropped or added one) */
  assert_null(pack_index_cached(&ps));
  ps.nrules++;
  pack_set_free(&ps);
}

/* Plan every pattern over TEXT with index X: under ASan this proves the
 * index reads nothing outside itself. */
static void plan_all(const struct pack_set *ps, const struct pf_index *x, const char *text) {
  struct pf_text t;
  pf_text_init_indexed(&t, text, strlen(text), x);
  size_t k = 0;
  for (size_t i = 0; i < ps->nrules; i++)
    for (size_t p = 0; p < ps->rules[i].npats; p++, k++) {
      const struct pf_window *win;
      size_t nwin;
      pf_plan(&t, k, &ps->rules[i].pats[p].req, true, &win, &nwin);
    }
  pf_text_free(&t);
}

/* Install COPY as the cache, load it and plan every pattern on TEXT with
 * its index: whatever the damage, nothing may leave its bounds. */
static void plan_with_cache(const unsigned char *copy, const char *text) {
  put_cache(copy, pristine_len);
  struct pack_set ps;
  exl_error err;
  assert_int_equal(load_cache(&ps, &err), EXL_OK);
  struct pf_index *x = pack_index_cached(&ps);
  if (x)
    plan_all(&ps, x, text);
  pf_index_free(x);
  pack_set_free(&ps);
}

/* The index lies outside the checksum (a run reads only the pages it
 * needs): a damaged one is refused by its own checks, or is read without
 * leaving its bounds. */
static void a_damaged_index_stays_in_bounds(void **state) {
  (void)state;
  const struct pc_header h = pristine_header();
  assert_true(h.index_len > 0);
  const char *text = "PLEASE just call me back 😘 I miss you SO much, one more chance?? "
                     "WHY won't you answer, I'm so sorry sorry sorry";
  unsigned char *copy = malloc(pristine_len);
  for (uint32_t at = 0; at < h.index_len; at += h.index_len / 61 + 1) {
    memcpy(copy, pristine, pristine_len);
    copy[h.index + at] ^= 0xA5;
    plan_with_cache(copy, text);
  }
  free(copy);
  put_cache(pristine, pristine_len);
}

/* The examples and the pattern sources lie outside the load-time checksum
 * (a run reads neither): a damaged byte there leaves the cache usable for
 * linting, the stored code still decodes, and pack_examples() and
 * pack_pattern_src() refuse what they would hand out. */
static void a_damaged_cold_section_is_refused_when_asked_for(void **state) {
  (void)state;
  const struct pc_header h = pristine_header();
  assert_true(h.examples >= h.meta_end && h.cold > h.examples && h.cold_len > 0);
  size_t end = (size_t)h.cold + h.cold_len;
  unsigned char *copy = malloc(pristine_len);
  for (size_t at = h.examples; at < end; at += (end - h.examples) / 7 + 1) {
    memcpy(copy, pristine, pristine_len);
    copy[at] ^= 0x41;
    put_cache(copy, pristine_len);
    struct pack_set ps;
    exl_error err = {0};
    assert_int_equal(load_cache(&ps, &err), EXL_OK);
    assert_int_equal(pack_examples(&ps, &err), EXL_EPACK);
    assert_non_null(strstr(err.msg, "examples and pattern sources are damaged"));
    for (size_t i = 0; i < ps.nrules; i++) { /* nothing half-given */
      assert_true(ps.rules[i].nbad == 0 && ps.rules[i].bad == NULL);
      if (ps.rules[i].npats)
        assert_null(pack_pattern_src(&ps.rules[i], &ps.rules[i].pats[0]));
    }
    /* a run needs no source: the stored code still decodes */
    struct rule *ru = &ps.rules[0];
    while (ru->npats == 0)
      ru++;
    assert_int_equal(pack_pattern_compile(ru, &ru->pats[0], &err), EXL_OK);
    pack_set_free(&ps);
  }
  free(copy);
  put_cache(pristine, pristine_len);
  same_as_json();
}

/* The automaton's states are checked where a draft reaches them, not when
 * the index is viewed: every state's output and link damaged at once must
 * still leave the prefilter inside the block. */
static void damaged_states_stay_in_bounds(void **state) {
  (void)state;
  const struct pc_header h = pristine_header();
  /* the block's head (pf_index_flatten()): a magic, then npat, nclause,
   * nalt, nlit, nstr, ncls, nstate; out[] and dict[] end the block */
  uint64_t nstate;
  memcpy(&nstate, pristine + h.index + 7 * sizeof(uint64_t), sizeof(nstate));
  size_t words = (size_t)nstate * sizeof(uint32_t), pad = (words + 7) / 8 * 8;
  assert_true(2 * pad < h.index_len);
  size_t dict = h.index + h.index_len - pad, out = dict - pad;
  const char *text = "one more chance?? I miss you SO much, sooo sorry, please call me back";
  const uint32_t garbage[] = {0x7FFFFFFFu, 0xFFFFFFF0u, 0xFFFFFFFFu, 1u};
  unsigned char *copy = malloc(pristine_len);
  for (size_t g = 0; g < sizeof(garbage) / sizeof(garbage[0]); g++)
    for (int which = 0; which < 2; which++) {
      memcpy(copy, pristine, pristine_len);
      size_t at = which ? dict : out;
      for (size_t u = 1; u < nstate; u++) /* state 0, the root, keeps its own */
        memcpy(copy + at + u * sizeof(uint32_t), &garbage[g], sizeof(uint32_t));
      plan_with_cache(copy, text);
    }
  free(copy);
  put_cache(pristine, pristine_len);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(cache_holds_what_the_json_gives),
      cmocka_unit_test(a_pack_set_frees_cleanly_after_overrides),
      cmocka_unit_test(an_edited_pack_makes_it_stale),
      cmocka_unit_test(an_edit_with_its_mtime_restored_makes_it_stale),
      cmocka_unit_test(a_pack_added_or_removed_makes_it_stale),
      cmocka_unit_test(a_damaged_header_or_record_is_refused),
      cmocka_unit_test(a_truncated_or_padded_cache_is_refused),
      cmocka_unit_test(garbage_is_refused),
      cmocka_unit_test(a_cache_from_another_build_is_refused),
      cmocka_unit_test(a_record_pointing_outside_is_refused),
      cmocka_unit_test(a_damaged_code_is_compiled_from_source),
      cmocka_unit_test(another_pcre2_compiles_from_source),
      cmocka_unit_test(only_an_empty_set_loads_a_cache),
      cmocka_unit_test(the_hash_sees_every_byte),
      cmocka_unit_test(the_stored_index_is_the_built_one),
      cmocka_unit_test(a_damaged_index_stays_in_bounds),
      cmocka_unit_test(damaged_states_stay_in_bounds),
      cmocka_unit_test(a_damaged_cold_section_is_refused_when_asked_for),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

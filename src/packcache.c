/* packcache.c - write and read the compiled cache of the bundled packs.
 *
 * The file, every offset from its start, every section 8-byte aligned:
 *
 *   header      magic, format version, byte order, the code id of the
 *               build that wrote it, the PCRE2 version that compiled the
 *               stored code, section offsets and counts, and a checksum of
 *               everything up to meta_end
 *   files       one record per pack: name, size, content hash (the key),
 *               and the file's identity when it was hashed (see stamp_of())
 *   rules       one record per rule, in the order the JSON load leaves them
 *   pats        every pattern, exception and apology part: where its
 *               source lies, compile options, reach, prefilter
 *               requirement, stored code
 *   codes       where each stored compiled code lies, and its own hash
 *   strings     NUL-terminated strings and requirement blobs
 *   prefix      the bytes PCRE2 puts before one serialized code (its
 *               header and character tables), the same for every code
 *   (meta_end)
 *   examples    every example of every rule, then the cold strings: the
 *               examples' and the pattern sources. A run reads neither
 *               (it has the compiled code, and each pattern's reach is in
 *               its record), so they have a checksum of their own,
 *               checked when one is first asked for (cold_sound()): half
 *               a megabyte of sources no longer passes through the
 *               load-time checksum
 *   code bytes  each pattern's compiled code, as pcre2_serialize_encode()
 *               wrote it after the prefix
 *   index       the prefilter's literal index of every pattern, rule by
 *               rule (pf_index_flatten()); pf_index_view() checks its
 *               counts and offsets when a lint first wants it, so building
 *               the automaton (tens of millions of instructions) is done
 *               once here and not in every run
 *
 * Everything before meta_end is checked when the file is opened; a stored
 * code is checked against its own hash only when a draft needs it, so a
 * run reads the few hundred kilobytes of codes it uses and not the rest.
 * The file is only ever read on the machine that built it (the byte order
 * and the code id say so), so records are plain structs. */
#define _GNU_SOURCE
#include "packcache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* Which sources shaped the cache: mk/packcache.mk passes a checksum of the
 * pack and prefilter code, so a binary built from other code ignores a cache
 * written by this one. */
#ifndef PACKCACHE_CODE_ID
#define PACKCACHE_CODE_ID "unknown"
#endif

#define PC_MAGIC "exlpack\x1a"
#define PC_VERSION 6u
#define PC_BYTE_ORDER 0x01020304u
#define PC_NONE UINT32_MAX
#define PC_MAX_FILE (64u << 20)  /* far above any real cache; bounds the map */
#define PC_MAX_PACK (8u << 20)   /* the JSON loader's limit for one pack */
#define PC_TAIL_NULS 3           /* see strings_sound() */

/* The cache keeps only the blob of a requirement: a field added to struct
 * pf_req must be stored here too, or cached rules would run without it. */
_Static_assert(sizeof(struct pf_req) == sizeof(char *), "packcache.c stores pf_req.blob only");

struct pc_header {
  char magic[8];
  uint32_t version, byte_order;
  char code_id[32];       /* PACKCACHE_CODE_ID, NUL-padded */
  char pcre2_version[32]; /* pcre2_config(PCRE2_CONFIG_VERSION) of the writer */
  uint64_t size;          /* of the whole file */
  uint64_t meta_hash;     /* meta_checksum(): the header and all up to meta_end */
  uint32_t meta_end;
  uint32_t nfiles, nrules, npats, nexamples, ncodes;
  uint32_t files, rules, pats, examples, codes, strings, strings_len;
  uint32_t prefix, prefix_len;
  uint32_t index, index_len; /* the literal index (pf_index_flatten()), after the codes */
  uint32_t cold, cold_len;    /* the cold strings, after the example records */
  uint64_t cold_hash;         /* of everything from the example records to the strings' end */
};

/* Where a pack was and when its inode last changed, as fstat() saw it
 * when the pack was hashed. */
struct pc_stamp {
  uint64_t dev, ino;
  int64_t ctime_sec, ctime_nsec;
};

struct pc_file {
  uint32_t name; /* string */
  uint32_t pad;
  uint64_t size, hash;
  struct pc_stamp stamp;
};

enum { PC_NEGATABLE = 1, PC_CASE_SENSITIVE = 2 };

struct pc_rule {
  uint32_t id, category, message, explain, suggestion, replacement, stages_text; /* strings */
  uint32_t file; /* the pack it came from */
  int32_t severity, stage_sev[3];
  uint32_t flags; /* PC_NEGATABLE | PC_CASE_SENSITIVE */
  int32_t min_matches, detector;
  uint32_t pats, npats, excs, nexcs; /* first index into pats, and count */
  uint32_t parts;                    /* three apology parts in pats, or PC_NONE */
  uint32_t bad, nbad, good, ngood;   /* first index into examples, and count */
  double budget[3], param_min, param_ratio;
};

enum { PC_REACH_DRAFT = 1, PC_QUOTED = 2, PC_PARAGRAPH = 4 };

struct pc_pat {
  uint32_t src;   /* in the cold strings */
  uint32_t opts;
  uint32_t req;   /* the requirement blob in strings, or PC_NONE */
  uint32_t code;  /* index into codes, or PC_NONE: compile the source */
  uint32_t flags; /* PC_REACH_DRAFT | PC_QUOTED | PC_PARAGRAPH */
  uint32_t pad;
};

struct pc_example {
  uint32_t text, now, breakup_date; /* strings */
  int32_t stage, no_contact_days, unanswered;
};

struct pc_code {
  uint64_t hash;
  uint32_t off, len;
};

_Static_assert(sizeof(struct pc_header) % 8 == 0, "aligned records");
_Static_assert(sizeof(struct pc_rule) % 8 == 0, "aligned records");
_Static_assert(sizeof(struct pc_example) % 8 == 0, "aligned records");
_Static_assert(sizeof(struct pc_pat) % 8 == 0, "aligned records");

/* ---- hashing --------------------------------------------------------- */

static uint64_t rotl64(uint64_t x, int r) { return x << r | x >> (64 - r); }

static uint64_t load64(const unsigned char *p) {
  uint64_t w;
  memcpy(&w, p, sizeof(w));
  return w;
}

/* One word into one lane: multiply spreads the word's bits upward, the
 * rotation brings them back down. */
static uint64_t lane(uint64_t acc, uint64_t w) {
  return rotl64(acc + w * 0x9E3779B97F4A7C15ull, 29) * 0xD6E8FEB86659FD93ull;
}

static uint64_t avalanche(uint64_t h) {
  h ^= h >> 32;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 29;
  h *= 0x94D049BB133111EBull;
  return h ^ h >> 32;
}

uint64_t packcache_hash(const void *data, size_t len) {
  const unsigned char *p = data;
  /* four independent lanes keep the multiplier busy on long inputs */
  uint64_t a = 0x243F6A8885A308D3ull, b = 0x13198A2E03707344ull, c = 0xA4093822299F31D0ull,
           d = 0x082EFA98EC4E6C89ull ^ (uint64_t)len;
  for (; len >= 32; p += 32, len -= 32) {
    a = lane(a, load64(p));
    b = lane(b, load64(p + 8));
    c = lane(c, load64(p + 16));
    d = lane(d, load64(p + 24));
  }
  uint64_t h = rotl64(a, 1) ^ rotl64(b, 17) ^ rotl64(c, 31) ^ rotl64(d, 47);
  for (; len >= 8; p += 8, len -= 8)
    h = lane(h, load64(p));
  if (len) {
    uint64_t w = 0;
    memcpy(&w, p, len);
    h = lane(h, w ^ (uint64_t)len << 59);
  }
  return avalanche(h);
}

/* The checksum of the header (with this field zero) and of everything up
 * to meta_end: a flipped count in the header must not pass either. */
static uint64_t meta_checksum(const unsigned char *file, const struct pc_header *h) {
  struct pc_header copy = *h;
  copy.meta_hash = 0;
  return lane(packcache_hash(&copy, sizeof(copy)),
              packcache_hash(file + sizeof(copy), h->meta_end - sizeof(copy)));
}

/* ---- the key: the packs in a directory -------------------------------- */

static int json_file(const struct dirent *e) {
  size_t n = strlen(e->d_name);
  return e->d_name[0] != '.' && n > 5 && strcmp(e->d_name + n - 5, ".json") == 0;
}

struct pack_key {
  struct dirent **names; /* as pack_load_dir() sees them: *.json, alphasort */
  int n;
  uint64_t *size, *hash;
  struct pc_stamp *stamp;
};

static void key_free(struct pack_key *k) {
  for (int i = 0; i < k->n; i++)
    free(k->names[i]);
  free(k->names);
  free(k->size);
  free(k->hash);
  free(k->stamp);
  memset(k, 0, sizeof(*k));
}

static struct pc_stamp stamp_of(const struct stat *st) {
  return (struct pc_stamp){(uint64_t)st->st_dev, (uint64_t)st->st_ino, st->st_ctim.tv_sec,
                           st->st_ctim.tv_nsec};
}

/* Can a pack whose size and stamp are what the cache recorded be taken
 * for the one it hashed, without reading it? Every write to a file sets
 * its ctime, and no call sets ctime back, so on a file system that keeps
 * nanoseconds the same ctime means the same content. A ctime with no
 * nanoseconds is taken to come from a coarse clock (FAT, some network
 * file systems), where two writes in one second look alike: read it. */
static bool stamp_proves(const struct stat *st, const struct pc_file *known) {
  struct pc_stamp now = stamp_of(st);
  return S_ISREG(st->st_mode) && now.ctime_nsec != 0 && (uint64_t)st->st_size == known->size &&
         memcmp(&now, &known->stamp, sizeof(now)) == 0;
}

/* Read PATH whole into *BUF (grown as needed) and hash it. */
static exl_status hash_pack(const char *path, char **buf, size_t *cap, uint64_t *size,
                            uint64_t *hash, struct pc_stamp *stamp, exl_error *err) {
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    return error_set(err, EXL_EIO, "%s: %s", path, strerror(errno));
  struct stat st;
  exl_status status = EXL_OK;
  size_t got = 0;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > (off_t)PC_MAX_PACK) {
    status = error_set(err, EXL_EIO, "%s: not a readable pack", path);
    goto done;
  }
  if ((size_t)st.st_size + 1 > *cap) {
    char *grown = realloc(*buf, (size_t)st.st_size + 1);
    if (!grown) {
      status = error_set(err, EXL_ENOMEM, "out of memory");
      goto done;
    }
    *buf = grown;
    *cap = (size_t)st.st_size + 1;
  }
  /* one byte more than fstat said, so a file that grew shows as changed */
  while (got <= (size_t)st.st_size) {
    ssize_t n = read(fd, *buf + got, (size_t)st.st_size + 1 - got);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    got += (size_t)n;
  }
  if (got != (size_t)st.st_size) {
    status = error_set(err, EXL_EIO, "%s: changed while being read", path);
    goto done;
  }
  *size = got;
  *hash = packcache_hash(*buf, got);
  *stamp = stamp_of(&st);
done:
  close(fd);
  return status;
}

/* The packs in DIR: names, sizes, content hashes. KNOWN, when not NULL,
 * holds the NKNOWN records of a cache; a pack its record proves unchanged
 * (stamp_proves()) takes the recorded hash instead of being read, which
 * saves a cold run reading and hashing the ~800 KB of bundled packs. */
static exl_status key_read(const char *dir, const struct pc_file *known, uint32_t nknown,
                           const char *known_names, struct pack_key *k, exl_error *err) {
  memset(k, 0, sizeof(*k));
  int n = scandir(dir, &k->names, json_file, alphasort);
  if (n < 0)
    return error_set(err, EXL_EIO, "%s: cannot read the pattern directory", dir);
  k->n = n;
  k->size = calloc((size_t)n + 1, sizeof(uint64_t));
  k->hash = calloc((size_t)n + 1, sizeof(uint64_t));
  k->stamp = calloc((size_t)n + 1, sizeof(struct pc_stamp));
  if (!k->size || !k->hash || !k->stamp)
    return error_set(err, EXL_ENOMEM, "out of memory");
  char *buf = NULL;
  size_t cap = 0;
  exl_status st = EXL_OK;
  for (int i = 0; st == EXL_OK && i < n; i++) {
    char path[PATH_MAX];
    snprintf(path, sizeof(path), "%s/%s", dir, k->names[i]->d_name);
    const struct pc_file *rec = known && (uint32_t)i < nknown ? &known[i] : NULL;
    struct stat sb;
    if (rec && strcmp(k->names[i]->d_name, known_names + rec->name) == 0 &&
        stat(path, &sb) == 0 && stamp_proves(&sb, rec)) {
      k->size[i] = rec->size, k->hash[i] = rec->hash, k->stamp[i] = rec->stamp;
      continue;
    }
    st = hash_pack(path, &buf, &cap, &k->size[i], &k->hash[i], &k->stamp[i], err);
  }
  free(buf);
  return st;
}

static bool key_equal(const struct pack_key *a, const struct pack_key *b) {
  if (a->n != b->n)
    return false;
  for (int i = 0; i < a->n; i++)
    if (strcmp(a->names[i]->d_name, b->names[i]->d_name) != 0 || a->size[i] != b->size[i] ||
        a->hash[i] != b->hash[i])
      return false;
  return true;
}

/* ---- writing --------------------------------------------------------- */

struct writer {
  struct buf files, rules, pats, examples, codes, strings, code_bytes;
  struct buf cold; /* the examples' strings */
  uint32_t nfiles, nrules, npats, nexamples, ncodes;
  unsigned char *prefix; /* malloc'd: the serialized-stream prefix every code shares */
  size_t prefix_len;
  bool no_codes; /* PCRE2 serialized something unexpected: store sources only */
  void *index;   /* malloc'd flattened literal index, NULL for none */
  size_t index_len;
};

static void writer_free(struct writer *w) {
  struct buf *all[] = {&w->files,   &w->rules,   &w->pats,       &w->examples,
                       &w->codes,   &w->strings, &w->code_bytes, &w->cold};
  for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
    buf_free(all[i]);
  free(w->prefix);
  free(w->index);
}

static void put_record(struct buf *b, const void *rec, size_t size) { buf_put(b, rec, size); }

/* The offset of a copy of the N bytes at S in the string section B, or
 * PC_NONE for NULL. */
static uint32_t put_bytes_in(struct buf *b, const char *s, size_t n) {
  if (!s)
    return PC_NONE;
  uint32_t at = (uint32_t)b->len;
  buf_put(b, s, n);
  return at;
}

static uint32_t put_bytes(struct writer *w, const char *s, size_t n) {
  return put_bytes_in(&w->strings, s, n);
}

static uint32_t put_str(struct writer *w, const char *s) {
  return put_bytes(w, s, s ? strlen(s) + 1 : 0);
}

/* The same in the cold strings. */
static uint32_t put_cold_str(struct writer *w, const char *s) {
  return put_bytes_in(&w->cold, s, s ? strlen(s) + 1 : 0);
}

/* Bytes in a requirement blob, its closing empty clause included (the
 * format is in prefilter.h). */
static size_t req_len(const struct pf_req *r) {
  const char *p = r->blob;
  while (*p) {
    while (*p)
      p += strlen(p) + 1;
    p++;
  }
  return (size_t)(p - r->blob) + 1;
}

/* Store CODE serialized, returning its index, or PC_NONE when PCRE2's
 * serialized form is not the shared prefix plus the code that the reader
 * expects (then the reader compiles the source, as without a cache). */
static uint32_t put_code(struct writer *w, const pcre2_code *code) {
  uint8_t *bytes = NULL;
  PCRE2_SIZE nbytes = 0;
  size_t size = 0;
  if (w->no_codes || !code || pcre2_pattern_info(code, PCRE2_INFO_SIZE, &size) != 0 ||
      pcre2_serialize_encode(&code, 1, &bytes, &nbytes, NULL) != 1)
    return PC_NONE;
  uint32_t index = PC_NONE;
  size_t prefix_len = nbytes > size ? nbytes - size : 0;
  if (!w->prefix && prefix_len) {
    w->prefix = malloc(prefix_len);
    if (w->prefix) {
      memcpy(w->prefix, bytes, prefix_len);
      w->prefix_len = prefix_len;
    }
  }
  if (!w->prefix || prefix_len != w->prefix_len || memcmp(bytes, w->prefix, prefix_len) != 0) {
    w->no_codes = true; /* not the layout this reader understands */
  } else {
    struct pc_code rec = {packcache_hash(bytes + prefix_len, size),
                          (uint32_t)w->code_bytes.len, (uint32_t)size};
    buf_put(&w->code_bytes, (const char *)bytes + prefix_len, size);
    while (w->code_bytes.len % 8)
      buf_putc(&w->code_bytes, '\0');
    put_record(&w->codes, &rec, sizeof(rec));
    index = w->ncodes++;
  }
  pcre2_serialize_free(bytes);
  return index;
}

static void put_pattern(struct writer *w, const struct pattern *pt) {
  struct pc_pat rec = {put_cold_str(w, pt->src), pt->opts, PC_NONE, put_code(w, pt->code), 0, 0};
  rec.flags = (pt->reach == REACH_DRAFT ? PC_REACH_DRAFT : 0) | (pt->quoted ? PC_QUOTED : 0) |
              (pt->paragraph ? PC_PARAGRAPH : 0);
  if (pt->req.blob)
    rec.req = put_bytes(w, pt->req.blob, req_len(&pt->req));
  put_record(&w->pats, &rec, sizeof(rec));
  w->npats++;
}

static uint32_t put_patterns(struct writer *w, const struct pattern *pts, size_t n) {
  uint32_t first = w->npats;
  for (size_t i = 0; i < n; i++)
    put_pattern(w, &pts[i]);
  return first;
}

static uint32_t put_examples(struct writer *w, const struct example *ex, size_t n) {
  uint32_t first = w->nexamples;
  for (size_t i = 0; i < n; i++) {
    struct pc_example rec = {put_cold_str(w, ex[i].text),
                             put_cold_str(w, ex[i].now),
                             put_cold_str(w, ex[i].breakup_date),
                             ex[i].stage,
                             ex[i].no_contact_days,
                             ex[i].unanswered};
    put_record(&w->examples, &rec, sizeof(rec));
    w->nexamples++;
  }
  return first;
}

/* The index of the pack RU came from: its source is "DIR/NAME". */
static exl_status rule_file(const struct pack_key *k, const char *dir, const struct rule *ru,
                            uint32_t *out, exl_error *err) {
  size_t dl = strlen(dir);
  if (strncmp(ru->source, dir, dl) == 0 && ru->source[dl] == '/')
    for (int i = 0; i < k->n; i++)
      if (strcmp(ru->source + dl + 1, k->names[i]->d_name) == 0) {
        *out = (uint32_t)i;
        return EXL_OK;
      }
  return error_set(err, EXL_EPACK, "rule '%s': source '%s' is not a pack of %s", ru->id,
                   ru->source, dir);
}

static exl_status put_rule(struct writer *w, const struct pack_key *k, const char *dir,
                           const struct rule *ru, exl_error *err) {
  struct pc_rule rec;
  memset(&rec, 0, sizeof(rec));
  exl_status st = rule_file(k, dir, ru, &rec.file, err);
  if (st != EXL_OK)
    return st;
  rec.id = put_str(w, ru->id);
  rec.category = put_str(w, ru->category);
  rec.message = put_str(w, ru->message);
  rec.explain = put_str(w, ru->explain);
  rec.suggestion = put_str(w, ru->suggestion);
  rec.replacement = put_str(w, ru->replacement);
  rec.stages_text = put_str(w, ru->stages_text);
  rec.severity = (int32_t)ru->severity;
  for (int s = 0; s < 3; s++) {
    rec.stage_sev[s] = ru->stage_sev[s];
    rec.budget[s] = ru->budget[s];
  }
  rec.flags = (ru->negatable ? PC_NEGATABLE : 0) | (ru->case_sensitive ? PC_CASE_SENSITIVE : 0);
  rec.min_matches = ru->min_matches;
  rec.detector = (int32_t)ru->detector;
  rec.param_min = ru->param_min;
  rec.param_ratio = ru->param_ratio;
  rec.npats = (uint32_t)ru->npats;
  rec.pats = put_patterns(w, ru->pats, ru->npats);
  rec.nexcs = (uint32_t)ru->nexcs;
  rec.excs = put_patterns(w, ru->excs, ru->nexcs);
  rec.parts = PC_NONE;
  if (ru->part[0]) {
    rec.parts = w->npats;
    for (int i = 0; i < 3; i++) {
      /* the options the loader compiled the part with */
      struct pattern part = {.src = ru->part_src[i], .code = ru->part[i]};
      pcre2_pattern_info(part.code, PCRE2_INFO_ARGOPTIONS, &part.opts);
      put_pattern(w, &part);
    }
  }
  rec.nbad = (uint32_t)ru->nbad;
  rec.bad = put_examples(w, ru->bad, ru->nbad);
  rec.ngood = (uint32_t)ru->ngood;
  rec.good = put_examples(w, ru->good, ru->ngood);
  put_record(&w->rules, &rec, sizeof(rec));
  w->nrules++;
  return EXL_OK;
}

static void put_files(struct writer *w, const struct pack_key *k) {
  for (int i = 0; i < k->n; i++) {
    struct pc_file rec = {put_str(w, k->names[i]->d_name), 0, k->size[i], k->hash[i],
                          k->stamp[i]};
    put_record(&w->files, &rec, sizeof(rec));
    w->nfiles++;
  }
}

static uint32_t align8(size_t n) { return (uint32_t)((n + 7) & ~(size_t)7); }

/* Lay the sections out after the header and fill in its offsets. */
static exl_status assemble(struct writer *w, struct buf *out, exl_error *err) {
  for (int i = 0; i < PC_TAIL_NULS; i++) {
    buf_putc(&w->strings, '\0');
    buf_putc(&w->cold, '\0');
  }
  struct pc_header h;
  memset(&h, 0, sizeof(h));
  memcpy(h.magic, PC_MAGIC, sizeof(h.magic));
  h.version = PC_VERSION;
  h.byte_order = PC_BYTE_ORDER;
  snprintf(h.code_id, sizeof(h.code_id), "%s", PACKCACHE_CODE_ID);
  pcre2_config(PCRE2_CONFIG_VERSION, h.pcre2_version);
  h.nfiles = w->nfiles, h.nrules = w->nrules, h.npats = w->npats;
  h.nexamples = w->nexamples, h.ncodes = w->ncodes;
  struct {
    struct buf *b;
    uint32_t *off;
  } order[] = {{&w->files, &h.files}, {&w->rules, &h.rules},     {&w->pats, &h.pats},
               {&w->codes, &h.codes}, {&w->strings, &h.strings}, {NULL, &h.prefix},
               {&w->examples, &h.examples}, {&w->cold, &h.cold}};
  /* no prefix: the reader compiles every source (see put_code()) */
  h.prefix_len = w->no_codes ? 0 : (uint32_t)w->prefix_len;
  size_t at = sizeof(h);
  for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
    *order[i].off = (uint32_t)at;
    at = align8(at + (order[i].b ? order[i].b->len : h.prefix_len));
    if (order[i].off == &h.prefix)
      h.meta_end = (uint32_t)at; /* the examples come after it */
  }
  h.strings_len = (uint32_t)w->strings.len;
  h.cold_len = (uint32_t)w->cold.len;
  size_t code_base = at;
  h.size = code_base + w->code_bytes.len;
  if (w->index_len && h.size + w->index_len < PC_MAX_FILE) {
    h.index = align8((size_t)h.size);
    h.index_len = (uint32_t)w->index_len;
    h.size = h.index + w->index_len;
  }
  if (h.size >= PC_MAX_FILE || w->strings.len >= PC_NONE || w->cold.len >= PC_NONE)
    return error_set(err, EXL_EPACK, "the packs are too large to cache");
  buf_grow(out, (size_t)h.size);
  if (out->oom)
    return error_set(err, EXL_ENOMEM, "out of memory");
  memset(out->data, 0, (size_t)h.size);
  for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
    if (order[i].b && order[i].b->len)
      memcpy(out->data + *order[i].off, order[i].b->data, order[i].b->len);
  if (h.prefix_len)
    memcpy(out->data + h.prefix, w->prefix, h.prefix_len);
  /* the code records were written relative to the code bytes */
  struct pc_code *codes = (struct pc_code *)(out->data + h.codes);
  for (uint32_t i = 0; i < h.ncodes; i++)
    codes[i].off += (uint32_t)code_base;
  if (w->code_bytes.len)
    memcpy(out->data + code_base, w->code_bytes.data, w->code_bytes.len);
  if (h.index_len)
    memcpy(out->data + h.index, w->index, h.index_len);
  out->len = (size_t)h.size;
  h.cold_hash = packcache_hash(out->data + h.examples, (size_t)h.cold + h.cold_len - h.examples);
  h.meta_hash = meta_checksum((const unsigned char *)out->data, &h);
  memcpy(out->data, &h, sizeof(h));
  return EXL_OK;
}

static exl_status write_atomically(const char *path, const struct buf *data, exl_error *err) {
  char tmp[PATH_MAX];
  if (snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >= (int)sizeof(tmp))
    return error_set(err, EXL_EIO, "%s: path too long", path);
  int fd = mkstemp(tmp);
  if (fd < 0)
    return error_set(err, EXL_EIO, "%s: %s", tmp, strerror(errno));
  size_t done = 0;
  while (done < data->len) {
    ssize_t n = write(fd, data->data + done, data->len - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    done += (size_t)n;
  }
  int e = errno;
  bool ok = done == data->len && fchmod(fd, 0644) == 0;
  if (close(fd) != 0)
    ok = false;
  if (ok && rename(tmp, path) == 0)
    return EXL_OK;
  e = errno ? errno : e;
  unlink(tmp);
  return error_set(err, EXL_EIO, "%s: %s", path, strerror(e));
}

static exl_status write_cache(const struct pack_set *ps, const struct pack_key *k,
                              const char *dir, const char *path, exl_error *err) {
  struct writer w;
  struct buf out = {0};
  memset(&w, 0, sizeof(w));
  put_files(&w, k);
  exl_status st = EXL_OK;
  for (size_t i = 0; st == EXL_OK && i < ps->nrules; i++)
    st = put_rule(&w, k, dir, &ps->rules[i], err);
  struct buf *all[] = {&w.files, &w.rules,   &w.pats,       &w.examples,
                       &w.codes, &w.strings, &w.code_bytes, &w.cold};
  for (size_t i = 0; st == EXL_OK && i < sizeof(all) / sizeof(all[0]); i++)
    if (all[i]->oom)
      st = error_set(err, EXL_ENOMEM, "out of memory");
  if (st == EXL_OK) {
    /* no index (OOM) only costs a run the time to build one */
    struct pf_index *x = pack_index_build(ps);
    if (x && !pf_index_flatten(x, &w.index, &w.index_len))
      w.index = NULL, w.index_len = 0;
    pf_index_free(x);
    st = assemble(&w, &out, err);
  }
  if (st == EXL_OK)
    st = write_atomically(path, &out, err);
  buf_free(&out);
  writer_free(&w);
  return st;
}

exl_status packcache_build(const char *dir, const char *path, exl_error *err) {
  struct pack_key before, after;
  struct pack_set ps = {0};
  exl_status st = key_read(dir, NULL, 0, NULL, &before, err);
  if (st == EXL_OK)
    st = pack_load_dir(&ps, dir, false, err); /* compiles every pattern */
  if (st == EXL_OK)
    st = key_read(dir, NULL, 0, NULL, &after, err);
  else
    memset(&after, 0, sizeof(after));
  /* another program editing a pack while it was read: the rules may not
   * match the hashes, so write nothing */
  if (st == EXL_OK && !key_equal(&before, &after))
    st = error_set(err, EXL_EPACK, "%s: a pack changed while the cache was built", dir);
  if (st == EXL_OK) {
    pack_finish(&ps);
    st = write_cache(&ps, &before, dir, path, err);
  }
  key_free(&before);
  key_free(&after);
  pack_set_free(&ps);
  return st;
}

/* ---- reading --------------------------------------------------------- */

struct packcache {
  const unsigned char *map; /* the file, mapped read-only */
  size_t size;
  const struct pc_header *h;
  const char *strings;
  struct pattern *pats;      /* every rule's patterns and exceptions (calloc) */
  struct example *examples;  /* every rule's examples (calloc), once asked for */
  char **sources;            /* "DIR/NAME" of each pack, one malloc'd block */
  bool codes_usable;         /* compiled by the PCRE2 that is running now */
  int cold;                  /* cold_sound(): 0 not asked yet, 1 sound, -1 damaged */
};

void packcache_free(struct packcache *pc) {
  if (!pc)
    return;
  if (pc->map)
    munmap((void *)pc->map, pc->size);
  free(pc->pats);
  free(pc->examples);
  free(pc->sources);
  free(pc);
}

static exl_status damaged(const char *path, const char *why, exl_error *err) {
  return error_set(err, EXL_EPACK, "%s: %s", path, why);
}

/* Map PATH read-only. EXL_EIO when there is no cache to read. */
static exl_status map_file(const char *path, struct packcache *pc, exl_error *err) {
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    return error_set(err, EXL_EIO, "%s: %s", path, strerror(errno));
  struct stat st;
  exl_status status = EXL_OK;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
    status = damaged(path, "not a regular file", err);
  else if (st.st_size < (off_t)sizeof(struct pc_header) || st.st_size > (off_t)PC_MAX_FILE)
    status = damaged(path, "truncated or oversized", err);
  if (status == EXL_OK) {
    void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (m == MAP_FAILED)
      status = error_set(err, EXL_EIO, "%s: %s", path, strerror(errno));
    else
      pc->map = m, pc->size = (size_t)st.st_size;
  }
  close(fd);
  return status;
}

/* Does [OFF, OFF + N * SIZE) lie before LIMIT, on an 8-byte boundary? */
static bool section_fits(uint64_t off, uint64_t n, uint64_t size, uint64_t limit) {
  return off % 8 == 0 && off <= limit && n <= (limit - off) / size;
}

static bool header_sound(const struct packcache *pc, const char *path, exl_error *err,
                         exl_status *st) {
  const struct pc_header *h = pc->h;
  char id[sizeof(h->code_id)];
  snprintf(id, sizeof(id), "%s", PACKCACHE_CODE_ID);
  const char *why = NULL;
  if (memcmp(h->magic, PC_MAGIC, sizeof(h->magic)) != 0)
    why = "not a pack cache";
  else if (h->version != PC_VERSION || h->byte_order != PC_BYTE_ORDER)
    why = "written in another format";
  else if (strncmp(h->code_id, id, sizeof(id)) != 0)
    why = "written by another build of exlint";
  else if (h->size != pc->size || h->meta_end > h->size || h->meta_end < sizeof(*h))
    why = "truncated";
  else if (meta_checksum(pc->map, h) != h->meta_hash)
    why = "checksum mismatch";
  else if (!section_fits(h->files, h->nfiles, sizeof(struct pc_file), h->meta_end) ||
           !section_fits(h->rules, h->nrules, sizeof(struct pc_rule), h->meta_end) ||
           !section_fits(h->pats, h->npats, sizeof(struct pc_pat), h->meta_end) ||
           !section_fits(h->examples, h->nexamples, sizeof(struct pc_example), h->size) ||
           !section_fits(h->cold, h->cold_len, 1, h->size) || h->examples < h->meta_end ||
           h->cold < h->examples + (uint64_t)h->nexamples * sizeof(struct pc_example) ||
           !section_fits(h->codes, h->ncodes, sizeof(struct pc_code), h->meta_end) ||
           !section_fits(h->strings, h->strings_len, 1, h->meta_end) ||
           !section_fits(h->prefix, h->prefix_len, 1, h->meta_end) ||
           !section_fits(h->index, h->index_len, 1, h->size) ||
           (h->index_len && h->index < h->meta_end))
    why = "a section lies outside the file";
  if (why)
    *st = damaged(path, why, err);
  return why == NULL;
}

/* Every string offset points into the strings, and the strings end with
 * PC_TAIL_NULS zero bytes. Then any string ends inside them, and so does
 * any requirement blob: reading one looks at most two bytes past a string's
 * own NUL. */
static bool ends_in_nuls(const char *s, uint32_t len) {
  if (len < PC_TAIL_NULS)
    return false;
  for (uint32_t i = len - PC_TAIL_NULS; i < len; i++)
    if (s[i])
      return false;
  return true;
}

static bool strings_sound(const struct pc_header *h, const char *s) {
  return ends_in_nuls(s, h->strings_len);
}

/* Is OFF a string of a section of LEN bytes (PC_NONE: none, when OPTIONAL)? */
static bool offset_ok(uint32_t len, uint32_t off, bool optional) {
  return off == PC_NONE ? optional : off < len;
}

static bool str_ok(const struct pc_header *h, uint32_t off, bool optional) {
  return offset_ok(h->strings_len, off, optional);
}

static bool range_ok(uint32_t first, uint32_t n, uint32_t total) {
  return first <= total && n <= total - first;
}

static bool records_sound(const struct packcache *pc) {
  const struct pc_header *h = pc->h;
  const struct pc_file *files = (const void *)(pc->map + h->files);
  const struct pc_rule *rules = (const void *)(pc->map + h->rules);
  const struct pc_pat *pats = (const void *)(pc->map + h->pats);
  const struct pc_code *codes = (const void *)(pc->map + h->codes);
  for (uint32_t i = 0; i < h->nfiles; i++)
    if (!str_ok(h, files[i].name, false))
      return false;
  for (uint32_t i = 0; i < h->nrules; i++) {
    const struct pc_rule *r = &rules[i];
    bool ok = str_ok(h, r->id, false) && str_ok(h, r->category, false) &&
              str_ok(h, r->message, false) && str_ok(h, r->explain, false) &&
              str_ok(h, r->suggestion, true) && str_ok(h, r->replacement, true) &&
              str_ok(h, r->stages_text, true) && r->file < h->nfiles &&
              r->severity >= EXL_INFO && r->severity <= EXL_ERROR &&
              r->detector >= DET_NONE && r->detector <= DET_LEARNED &&
              range_ok(r->pats, r->npats, h->npats) && range_ok(r->excs, r->nexcs, h->npats) &&
              (r->parts == PC_NONE || range_ok(r->parts, 3, h->npats)) &&
              range_ok(r->bad, r->nbad, h->nexamples) && range_ok(r->good, r->ngood, h->nexamples);
    for (int s = 0; s < 3; s++)
      ok = ok && r->stage_sev[s] >= -1 && r->stage_sev[s] <= EXL_ERROR;
    /* detect.c runs the parts of every apology rule and of no other */
    ok = ok && (r->detector == DET_APOLOGY) == (r->parts != PC_NONE);
    /* a pattern or exception without a source could not be compiled */
    for (uint32_t j = 0; ok && j < r->npats; j++)
      ok = pats[r->pats + j].src != PC_NONE;
    for (uint32_t j = 0; ok && j < r->nexcs; j++)
      ok = pats[r->excs + j].src != PC_NONE;
    for (uint32_t j = 0; ok && r->parts != PC_NONE && j < 3; j++)
      ok = pats[r->parts + j].src != PC_NONE;
    if (!ok)
      return false;
  }
  for (uint32_t i = 0; i < h->npats; i++) /* sources are cold: cold_sound() */
    if (!str_ok(h, pats[i].req, true) || (pats[i].code != PC_NONE && pats[i].code >= h->ncodes) ||
        pats[i].flags > (PC_REACH_DRAFT | PC_QUOTED | PC_PARAGRAPH))
      return false;
  for (uint32_t i = 0; i < h->ncodes; i++)
    if (codes[i].len == 0 || codes[i].off < h->cold + (uint64_t)h->cold_len ||
        (uint64_t)codes[i].off + codes[i].len > h->size)
      return false;
  return true;
}

/* Is DIR holding exactly the packs the cache was built from? */
static exl_status key_matches(const struct packcache *pc, const char *dir, const char *path,
                              exl_error *err) {
  struct pack_key k;
  const struct pc_header *h = pc->h;
  const struct pc_file *files = (const void *)(pc->map + h->files);
  exl_status st = key_read(dir, files, h->nfiles, pc->strings, &k, err);
  if (st == EXL_OK && (uint32_t)k.n != h->nfiles)
    st = damaged(path, "stale: the set of packs changed", err);
  for (int i = 0; st == EXL_OK && i < k.n; i++)
    if (strcmp(k.names[i]->d_name, pc->strings + files[i].name) != 0 ||
        k.size[i] != files[i].size || k.hash[i] != files[i].hash)
      st = error_set(err, EXL_EPACK, "%s: stale: %s changed", path, k.names[i]->d_name);
  key_free(&k);
  return st;
}

/* "DIR/NAME" for each pack, as the JSON loader names a rule's source. */
static exl_status make_sources(struct packcache *pc, const char *dir, exl_error *err) {
  const struct pc_header *h = pc->h;
  const struct pc_file *files = (const void *)(pc->map + h->files);
  size_t total = 0;
  for (uint32_t i = 0; i < h->nfiles; i++)
    total += strlen(dir) + 1 + strlen(pc->strings + files[i].name) + 1;
  pc->sources = malloc(h->nfiles * sizeof(char *) + total + 1);
  if (!pc->sources)
    return error_set(err, EXL_ENOMEM, "out of memory");
  char *w = (char *)(pc->sources + h->nfiles);
  for (uint32_t i = 0; i < h->nfiles; i++) {
    char path[PATH_MAX];
    snprintf(path, sizeof(path), "%s/%s", dir, pc->strings + files[i].name);
    size_t n = strlen(path) + 1;
    memcpy(w, path, n);
    pc->sources[i] = w;
    w += n;
  }
  return EXL_OK;
}

static char *str_at(const struct packcache *pc, uint32_t off) {
  /* the rules' string fields are not const, but nothing writes through them */
  return off == PC_NONE ? NULL : (char *)(pc->strings + off);
}

static exl_status pcre2_error(uint32_t index, int code, exl_error *err) {
  PCRE2_UCHAR why[160];
  pcre2_get_error_message(code, why, sizeof(why));
  return error_set(err, EXL_EREGEX, "stored pattern %u: %s", index, (const char *)why);
}

exl_status packcache_code(const struct packcache *pc, uint32_t index, pcre2_code **out) {
  *out = NULL;
  if (!pc || !pc->codes_usable || index >= pc->h->ncodes)
    return EXL_EREGEX;
  const struct pc_code *rec = (const struct pc_code *)(pc->map + pc->h->codes) + index;
  const unsigned char *code = pc->map + rec->off;
  if (packcache_hash(code, rec->len) != rec->hash)
    return EXL_EREGEX; /* a damaged copy must not reach PCRE2 */
  /* the decoder wants one stream: the shared prefix, then the code */
  size_t n = (size_t)pc->h->prefix_len + rec->len;
  uint8_t *stream = malloc(n);
  if (!stream)
    return EXL_ENOMEM;
  memcpy(stream, pc->map + pc->h->prefix, pc->h->prefix_len);
  memcpy(stream + pc->h->prefix_len, code, rec->len);
  int32_t got = pcre2_serialize_decode(out, 1, stream, NULL);
  free(stream);
  if (got == 1)
    return EXL_OK;
  *out = NULL;
  return EXL_EREGEX;
}

static char *cold_at(const struct packcache *pc, uint32_t off) {
  return off == PC_NONE ? NULL : (char *)(pc->map + pc->h->cold + off);
}

/* Are the example records and the cold strings whole, and does every
 * example and pattern point inside them? Worked out once. */
static bool cold_sound(const struct packcache *pc) {
  if (pc->cold)
    return pc->cold > 0;
  const struct pc_header *h = pc->h;
  const struct pc_example *ex = (const void *)(pc->map + h->examples);
  const struct pc_pat *pats = (const void *)(pc->map + h->pats);
  bool ok = packcache_hash(pc->map + h->examples,
                           (size_t)h->cold + h->cold_len - h->examples) == h->cold_hash &&
            ends_in_nuls((const char *)pc->map + h->cold, h->cold_len);
  for (uint32_t i = 0; ok && i < h->nexamples; i++)
    ok = offset_ok(h->cold_len, ex[i].text, false) && offset_ok(h->cold_len, ex[i].now, true) &&
         offset_ok(h->cold_len, ex[i].breakup_date, true);
  for (uint32_t i = 0; ok && i < h->npats; i++)
    ok = offset_ok(h->cold_len, pats[i].src, false);
  ((struct packcache *)pc)->cold = ok ? 1 : -1; /* a memo, not content */
  return ok;
}

const char *packcache_src(const struct packcache *pc, uint32_t pat) {
  if (pat >= pc->h->npats || !cold_sound(pc))
    return NULL;
  return cold_at(pc, ((const struct pc_pat *)(pc->map + pc->h->pats))[pat].src);
}

/* Decode (or compile) one apology part: the JSON loader compiles them at load. */
static exl_status load_part(const struct packcache *pc, uint32_t at, pcre2_code **out,
                            exl_error *err) {
  const struct pc_pat *p = (const struct pc_pat *)(pc->map + pc->h->pats) + at;
  if (packcache_code(pc, p->code, out) == EXL_OK)
    return EXL_OK;
  const char *src = packcache_src(pc, at);
  if (!src)
    return error_set(err, EXL_EPACK, "%s: stored pattern %u is damaged", PACKCACHE_NAME, at);
  int code;
  PCRE2_SIZE off;
  *out = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, p->opts, &code, &off, NULL);
  return *out ? EXL_OK : pcre2_error(at, code, err);
}

static void fill_patterns(struct packcache *pc) {
  const struct pc_pat *pats = (const void *)(pc->map + pc->h->pats);
  for (uint32_t i = 0; i < pc->h->npats; i++) {
    struct pattern *pt = &pc->pats[i];
    pt->opts = pats[i].opts;
    pt->reach = pats[i].flags & PC_REACH_DRAFT ? REACH_DRAFT : REACH_PARAGRAPH;
    pt->quoted = pats[i].flags & PC_QUOTED;
    pt->paragraph = pats[i].flags & PC_PARAGRAPH;
    pt->req.blob = str_at(pc, pats[i].req);
    pt->cache_code = pats[i].code;
    pt->cache_pat = i;
  }
}

static void fill_examples(struct packcache *pc) {
  const struct pc_example *ex = (const void *)(pc->map + pc->h->examples);
  for (uint32_t i = 0; i < pc->h->nexamples; i++) {
    struct example *e = &pc->examples[i];
    e->text = cold_at(pc, ex[i].text);
    e->now = cold_at(pc, ex[i].now);
    e->breakup_date = cold_at(pc, ex[i].breakup_date);
    e->stage = ex[i].stage;
    e->no_contact_days = ex[i].no_contact_days;
    e->unanswered = ex[i].unanswered;
  }
}

static exl_status fill_rule(struct packcache *pc, const struct pc_rule *r, struct rule *ru,
                            exl_error *err) {
  memset(ru, 0, sizeof(*ru));
  ru->cache = pc;
  ru->id = str_at(pc, r->id);
  ru->category = str_at(pc, r->category);
  ru->message = str_at(pc, r->message);
  ru->explain = str_at(pc, r->explain);
  ru->suggestion = str_at(pc, r->suggestion);
  ru->replacement = str_at(pc, r->replacement);
  ru->stages_text = str_at(pc, r->stages_text);
  ru->source = pc->sources[r->file];
  ru->severity = (exl_severity)r->severity;
  for (int s = 0; s < 3; s++) {
    ru->stage_sev[s] = r->stage_sev[s];
    ru->budget[s] = r->budget[s];
  }
  ru->negatable = r->flags & PC_NEGATABLE;
  ru->case_sensitive = r->flags & PC_CASE_SENSITIVE;
  ru->min_matches = r->min_matches;
  ru->detector = (enum detector)r->detector;
  ru->param_min = r->param_min;
  ru->param_ratio = r->param_ratio;
  ru->pats = r->npats ? &pc->pats[r->pats] : NULL;
  ru->npats = r->npats;
  ru->excs = r->nexcs ? &pc->pats[r->excs] : NULL;
  ru->nexcs = r->nexcs;
  ru->cache_rule = (uint32_t)(r - (const struct pc_rule *)(pc->map + pc->h->rules));
  exl_status st = EXL_OK;
  for (int i = 0; st == EXL_OK && r->parts != PC_NONE && i < 3; i++)
    st = load_part(pc, r->parts + (uint32_t)i, &ru->part[i], err); /* part_src stays NULL */
  return st;
}

/* Point the rules of PS into PC. On failure PS holds the rules filled so
 * far; the caller frees them. */
static exl_status fill_rules(struct packcache *pc, struct pack_set *ps, exl_error *err) {
  const struct pc_header *h = pc->h;
  pc->pats = calloc((size_t)h->npats + 1, sizeof(struct pattern));
  ps->rules = calloc((size_t)h->nrules + 1, sizeof(struct rule));
  if (!pc->pats || !ps->rules)
    return error_set(err, EXL_ENOMEM, "out of memory");
  fill_patterns(pc);
  const struct pc_rule *rules = (const void *)(pc->map + h->rules);
  for (uint32_t i = 0; i < h->nrules; i++) {
    exl_status st = fill_rule(pc, &rules[i], &ps->rules[i], err);
    ps->nrules++;
    if (st != EXL_OK)
      return st;
  }
  return EXL_OK;
}

exl_status packcache_examples(struct packcache *pc, struct pack_set *ps, exl_error *err) {
  if (!pc->examples) {
    if (!cold_sound(pc))
      return error_set(err, EXL_EPACK, "%s: the examples and pattern sources are damaged",
                       PACKCACHE_NAME);
    pc->examples = calloc((size_t)pc->h->nexamples + 1, sizeof(struct example));
    if (!pc->examples)
      return error_set(err, EXL_ENOMEM, "out of memory");
    fill_examples(pc);
  }
  const struct pc_rule *rules = (const void *)(pc->map + pc->h->rules);
  for (size_t i = 0; i < ps->nrules; i++) {
    struct rule *ru = &ps->rules[i];
    if (ru->cache != pc || ru->bad || ru->good)
      continue;
    const struct pc_rule *r = &rules[ru->cache_rule];
    ru->bad = r->nbad ? &pc->examples[r->bad] : NULL;
    ru->nbad = r->nbad;
    ru->good = r->ngood ? &pc->examples[r->good] : NULL;
    ru->ngood = r->ngood;
  }
  return EXL_OK;
}

static exl_status open_cache(struct packcache *pc, const char *dir, const char *path,
                             exl_error *err) {
  exl_status st = map_file(path, pc, err);
  if (st != EXL_OK)
    return st;
  pc->h = (const struct pc_header *)pc->map;
  if (!header_sound(pc, path, err, &st))
    return st;
  pc->strings = (const char *)pc->map + pc->h->strings;
  if (!strings_sound(pc->h, pc->strings) || !records_sound(pc))
    return damaged(path, "a record points outside the file", err);
  char version[sizeof(pc->h->pcre2_version)] = "";
  pcre2_config(PCRE2_CONFIG_VERSION, version);
  pc->codes_usable = pc->h->ncodes > 0 && pc->h->prefix_len > 0 &&
                     strncmp(version, pc->h->pcre2_version, sizeof(version)) == 0;
  if ((st = key_matches(pc, dir, path, err)) != EXL_OK)
    return st;
  return make_sources(pc, dir, err);
}

exl_status packcache_load(struct pack_set *ps, const char *dir, exl_error *err) {
  if (ps->nrules || ps->cache)
    return error_set(err, EXL_EPACK, "%s: a cache only loads into an empty set", dir);
  char path[PATH_MAX];
  if (snprintf(path, sizeof(path), "%s/%s", dir, PACKCACHE_NAME) >= (int)sizeof(path))
    return error_set(err, EXL_EIO, "%s: path too long", dir);
  struct packcache *pc = calloc(1, sizeof(*pc));
  if (!pc)
    return error_set(err, EXL_ENOMEM, "out of memory");
  ps->cache = pc; /* from here pack_set_free() releases it */
  exl_status st = open_cache(pc, dir, path, err);
  if (st == EXL_OK)
    st = fill_rules(pc, ps, err);
  if (st != EXL_OK)
    pack_set_free(ps);
  return st;
}

struct pf_index *packcache_index(const struct packcache *pc, const struct pack_set *ps,
                                 size_t npat) {
  const struct pc_header *h = pc->h;
  if (!h || !h->index_len || ps->nrules != h->nrules)
    return NULL;
  /* the index numbers the cached patterns in cache order: it fits PS only
   * when every rule is the cached one, in that place (a user pack may have
   * replaced or added rules) */
  const struct pc_rule *rules = (const void *)(pc->map + h->rules);
  for (uint32_t i = 0; i < h->nrules; i++) {
    const struct rule *ru = &ps->rules[i];
    if (ru->cache != pc || ru->npats != rules[i].npats ||
        (ru->npats && ru->pats != &pc->pats[rules[i].pats]))
      return NULL;
  }
  return pf_index_view(pc->map + h->index, h->index_len, npat, pack_dot_skips_lf());
}

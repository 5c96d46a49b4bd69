/* packcache.h - the bundled packs, prepared once at build time.
 *
 * Reading 29 JSON packs, working out the prefilter literals of 2,000
 * patterns and compiling the few hundred a draft needs took most of a cold
 * start. `make` therefore writes, beside the packs, one file holding what a
 * run needs from them (DIR/packs.cache): the rules as fixed-size records,
 * their strings and examples, each pattern's prefilter requirement, and each
 * pattern compiled by PCRE2 in its serialized form. A run maps that file,
 * checks it, and points the rules into it; a pattern is decoded (a copy, no
 * compiling) the first time a draft needs it.
 *
 * The cache only ever saves time. It is used when it describes exactly the
 * packs now in DIR (the same *.json names in the same order, each with the
 * same size and the same 64-bit content hash), was written by a build of
 * the same pack and prefilter code, and passes its own bounds and checksum
 * checks; otherwise the caller reads the JSON as before. exlint never
 * writes it: exlint-packcache does, at build time. */
#ifndef EXLINT_PACKCACHE_H
#define EXLINT_PACKCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "pack.h"

#define PACKCACHE_NAME "packs.cache"

struct packcache;

/* Fill PS, which must be empty, with the packs of DIR as recorded in
 * DIR/packs.cache. EXL_OK: PS->cache owns the file and pack_set_free()
 * releases it; the rules still need pack_finish(). Any other status leaves
 * PS empty and ERR says why the cache was not used (EXL_EIO: there is none;
 * EXL_EPACK: it is stale or damaged; EXL_ENOMEM). */
exl_status packcache_load(struct pack_set *ps, const char *dir, exl_error *err);

/* Load the packs of DIR from their JSON, compiling every pattern, and write
 * their cache to PATH: a temporary file in PATH's directory, renamed over
 * PATH once complete, so a run never sees half a cache. Fails (and writes
 * nothing) when a pack is broken or changes while it is being read. */
exl_status packcache_build(const char *dir, const char *path, exl_error *err);

/* Decode the stored compiled code number INDEX into *OUT (the caller owns
 * it: pcre2_code_free()). EXL_EREGEX when there is no usable stored code
 * (none stored, a different PCRE2 at run time, a damaged copy): the caller
 * compiles the source instead. */
exl_status packcache_code(const struct packcache *pc, uint32_t index, pcre2_code **out);

/* The source of the pattern stored as record PAT (struct pattern's
 * cache_pat), or NULL when the cold section holding it is damaged. A run
 * never needs one, so sources are left out of the load-time checks and
 * checked here with the examples, the first time one is asked for. */
const char *packcache_src(const struct packcache *pc, uint32_t pat);

/* Point the examples of PS's rules that came from PC into it. A run never
 * reads examples, so the cache leaves them out of its load-time checks and
 * checks them here, the first time (EXL_EPACK when they are damaged). */
exl_status packcache_examples(struct packcache *pc, struct pack_set *ps, exl_error *err);

void packcache_free(struct packcache *pc);

/* The literal index stored with the cache, as a view into it (free with
 * pf_index_free() before PC goes), when PS, holding NPAT patterns, is
 * exactly the cached set in the cached order; else NULL. */
struct pf_index *packcache_index(const struct packcache *pc, const struct pack_set *ps,
                                 size_t npat);

/* A 64-bit hash of LEN bytes: the cache's content key and checksums. Not
 * cryptographic; it tells an edited file from the one the cache recorded. */
uint64_t packcache_hash(const void *data, size_t len);

#endif

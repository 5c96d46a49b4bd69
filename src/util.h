/* util.h - small shared helpers: errors, a growable buffer, UTF-8. */
#ifndef EXLINT_UTIL_H
#define EXLINT_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "exlint.h"

/* Fill ERR (may be NULL) with one formatted line and return CODE. */
exl_status error_set(exl_error *err, exl_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A growable byte buffer. On allocation failure it sets oom and ignores
 * further appends, so callers check once at the end. */
struct buf {
  char *data;
  size_t len, cap;
  bool oom;
};

void buf_grow(struct buf *b, size_t extra);
void buf_put(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hand the NUL-terminated contents to the caller (free()); NULL after OOM. */
char *buf_detach(struct buf *b);
void buf_free(struct buf *b);

/* Length of the UTF-8 sequence starting at S (at most N bytes), or 0 when
 * it is invalid: overlong, a surrogate, above U+10FFFF or cut short. */
size_t utf8_seq_len(const unsigned char *s, size_t n);
/* Decode the valid sequence at S. */
unsigned utf8_decode(const unsigned char *s, size_t *seq_len);
/* Number of code points in the valid UTF-8 S[0..N). */
size_t utf8_count(const char *s, size_t n);

/* The last k < N with V[k] <= X (0 when there is none); V ascending. The
 * search starts at HINT, the answer for some X no larger (0 when unknown),
 * and gallops: a caller moving forward through a text finds each next
 * answer in a few steps. */
size_t last_at_or_before(const size_t *v, size_t n, size_t hint, size_t x);

char *xstrdup(const char *s); /* NULL-safe strdup */
char *xstrndup(const char *s, size_t n);

/* Read a whole file. *DATA is malloc'd (NUL-terminated). EXL_EIO with a
 * message naming PATH for a missing, unreadable or non-regular file;
 * EXL_ETOOBIG past MAX bytes. */
exl_status read_file(const char *path, size_t max, char **data, size_t *len, exl_error *err);

/* Expand a leading "~/" with $HOME; malloc'd. */
char *expand_home(const char *path);

/* Data that ships beside the binary: for each of the NREL directories REL[i]
 * (relative to the running binary's directory, e.g. "/../patterns"), write
 * dir + REL[i] + NAME into OUT and return true for the first one FOUND
 * accepts. False, OUT unspecified, when none does. */
bool find_beside_exe(char *out, size_t cap, const char *const *rel, size_t nrel,
                     const char *name, bool (*found)(const char *path));

#endif

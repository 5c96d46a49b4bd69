/* util.c - errors, buffers, UTF-8 and file reading shared by every stage. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

exl_status error_set(exl_error *err, exl_status code, const char *fmt, ...) {
  if (err) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    for (char *p = err->msg; *p; p++)
      if ((unsigned char)*p < 0x20 || *p == 0x7F)
        *p = '?'; /* input echoed in a message must not break the one-line rule */
    err->code = code;
  }
  return code;
}

const char *exl_status_str(exl_status s) {
  switch (s) {
  case EXL_OK: return "ok";
  case EXL_ENOMEM: return "out of memory";
  case EXL_EIO: return "cannot read or write a file";
  case EXL_EENCODING: return "not UTF-8 text";
  case EXL_ETOOBIG: return "draft too large";
  case EXL_EPACK: return "malformed pattern pack";
  case EXL_EREGEX: return "pattern does not compile";
  case EXL_ECONFIG: return "bad configuration";
  case EXL_EUSAGE: return "bad value";
  }
  return "unknown status";
}

/* ---- buffer ---------------------------------------------------------- */

void buf_grow(struct buf *b, size_t extra) {
  if (b->oom || b->len + extra + 1 <= b->cap)
    return;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + extra + 1)
    cap *= 2;
  char *p = realloc(b->data, cap);
  if (!p) {
    b->oom = true;
    return;
  }
  b->data = p;
  b->cap = cap;
}

void buf_put(struct buf *b, const char *s, size_t n) {
  buf_grow(b, n);
  if (b->oom)
    return;
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s) { buf_put(b, s, strlen(s)); }

void buf_putc(struct buf *b, char c) {
  if (!b->oom && b->len + 2 <= b->cap) { /* room for C and the NUL: drafts are built this way */
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
    return;
  }
  buf_put(b, &c, 1);
}

void buf_printf(struct buf *b, const char *fmt, ...) {
  buf_grow(b, 0); /* room for the NUL, so the first try has somewhere to write */
  if (b->oom)
    return;
  /* format straight into the free space; only text that does not fit is
   * formatted a second time, after growing */
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
  va_end(ap);
  if (n < 0) {
    b->data[b->len] = '\0';
    return;
  }
  if ((size_t)n >= b->cap - b->len) {
    b->data[b->len] = '\0'; /* the cut first try is not part of the text */
    buf_grow(b, (size_t)n);
    if (b->oom)
      return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
  }
  b->len += (size_t)n;
}

char *buf_detach(struct buf *b) {
  if (!b->oom && !b->data)
    buf_grow(b, 0);
  if (b->oom) {
    buf_free(b);
    return NULL;
  }
  b->data[b->len] = '\0';
  char *d = b->data;
  memset(b, 0, sizeof(*b));
  return d;
}

void buf_free(struct buf *b) {
  free(b->data);
  memset(b, 0, sizeof(*b));
}

/* ---- UTF-8 ----------------------------------------------------------- */

size_t utf8_seq_len(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  if (c < 0x80)
    return 1;
  size_t len;
  unsigned min;
  if (c >= 0xC2 && c <= 0xDF)
    len = 2, min = 0x80;
  else if (c >= 0xE0 && c <= 0xEF)
    len = 3, min = 0x800;
  else if (c >= 0xF0 && c <= 0xF4)
    len = 4, min = 0x10000;
  else
    return 0; /* continuation byte, overlong lead C0/C1, or F5..FF */
  if (n < len)
    return 0;
  unsigned cp = c & (0x3F >> (len - 1));
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return 0;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return len;
}

unsigned utf8_decode(const unsigned char *s, size_t *seq_len) {
  unsigned c = s[0];
  size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  unsigned cp = len == 1 ? c : c & (0x3F >> (len - 1));
  for (size_t i = 1; i < len; i++)
    cp = (cp << 6) | (s[i] & 0x3F);
  if (seq_len)
    *seq_len = len;
  return cp;
}

size_t last_at_or_before(const size_t *v, size_t n, size_t hint, size_t x) {
  size_t lo = hint < n && v[hint] <= x ? hint : 0, step = 1;
  while (lo + step < n && v[lo + step] <= x) {
    lo += step;
    step *= 2;
  }
  size_t hi = lo + step < n ? lo + step : n;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (v[mid] <= x)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

size_t utf8_count(const char *s, size_t n) {
  size_t count = 0;
  for (size_t i = 0; i < n; i++)
    count += ((unsigned char)s[i] & 0xC0) != 0x80;
  return count;
}

char *xstrdup(const char *s) { return s ? strdup(s) : NULL; }

char *xstrndup(const char *s, size_t n) {
  char *p = malloc(n + 1);
  if (p) {
    memcpy(p, s, n);
    p[n] = '\0';
  }
  return p;
}

/* ---- files ----------------------------------------------------------- */

exl_status read_file(const char *path, size_t max, char **data, size_t *len, exl_error *err) {
  *data = NULL;
  *len = 0;
  int fd = open(path, O_RDONLY | O_NONBLOCK);
  if (fd < 0)
    return error_set(err, EXL_EIO, "%s: %s", path, strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int e = errno;
    close(fd);
    return error_set(err, EXL_EIO, "%s: %s", path, strerror(e));
  }
  if (S_ISDIR(st.st_mode)) {
    close(fd);
    return error_set(err, EXL_EIO, "%s: is a directory", path);
  }
  if (!S_ISREG(st.st_mode)) {
    /* A FIFO or device could block forever or never end; drafts are files. */
    close(fd);
    return error_set(err, EXL_EIO, "%s: not a regular file", path);
  }
  if ((size_t)st.st_size > max) {
    close(fd);
    return error_set(err, EXL_ETOOBIG, "%s: too large (%lld bytes; the limit is %zu)", path,
                     (long long)st.st_size, max);
  }
  struct buf b = {0};
  char chunk[65536];
  for (;;) {
    ssize_t n = read(fd, chunk, sizeof(chunk));
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      int e = errno;
      close(fd);
      buf_free(&b);
      return error_set(err, EXL_EIO, "%s: %s", path, strerror(e));
    }
    if (n == 0)
      break;
    if (b.len + (size_t)n > max) {
      close(fd);
      buf_free(&b);
      return error_set(err, EXL_ETOOBIG, "%s: too large (the limit is %zu bytes)", path, max);
    }
    buf_put(&b, chunk, (size_t)n);
  }
  close(fd);
  size_t n = b.len;
  char *d = buf_detach(&b);
  if (!d)
    return error_set(err, EXL_ENOMEM, "%s: out of memory", path);
  *data = d;
  *len = n;
  return EXL_OK;
}

char *expand_home(const char *path) {
  if (path[0] == '~' && path[1] == '/') {
    const char *home = getenv("HOME");
    if (home && *home) {
      size_t n = strlen(home) + strlen(path);
      char *p = malloc(n);
      if (p)
        snprintf(p, n, "%s%s", home, path + 1);
      return p;
    }
  }
  return xstrdup(path);
}

bool find_beside_exe(char *out, size_t cap, const char *const *rel, size_t nrel,
                     const char *name, bool (*found)(const char *path)) {
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
  if (n <= 0)
    return false;
  exe[n] = '\0';
  char *slash = strrchr(exe, '/');
  if (!slash)
    return false;
  *slash = '\0';
  for (size_t i = 0; i < nrel; i++) {
    int w = snprintf(out, cap, "%s%s%s", exe, rel[i], name);
    if (w > 0 && (size_t)w < cap && found(out))
      return true;
  }
  return false;
}

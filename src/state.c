/* state.c - when messages were sent and answered; timestamps, never text.
 *
 * The file holds one event per line, "sent EPOCH" or "reply EPOCH", and
 * is rewritten whole (temp file + rename, mode 0600) on every change, keeping
 * the last 30 days. */
#include "state.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "util.h"

#define KEEP_SECONDS (30 * 86400)
#define MAX_EVENTS 4096

struct event {
  int64_t when;
  int sent; /* 1 sent, 0 reply */
};

/* The state directory, malloc'd: the config's, $XDG_STATE_HOME/exlint or
 * ~/.local/state/exlint. */
static char *state_dir(const exl_config *cfg) {
  struct buf b = {0};
  const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
  if (cfg->state_dir)
    buf_puts(&b, cfg->state_dir);
  else if (xdg && *xdg)
    buf_printf(&b, "%s/exlint", xdg);
  else if (home && *home)
    buf_printf(&b, "%s/.local/state/exlint", home);
  else
    return NULL;
  return buf_detach(&b);
}

static size_t load(const char *path, struct event *ev) {
  FILE *f = fopen(path, "r");
  if (!f)
    return 0;
  size_t n = 0;
  char line[128], kind[8];
  long long when;
  while (n < MAX_EVENTS && fgets(line, sizeof(line), f)) {
    if (line[0] == '#' || sscanf(line, "%7s %lld", kind, &when) != 2)
      continue;
    if (strcmp(kind, "sent") == 0 || strcmp(kind, "reply") == 0)
      ev[n++] = (struct event){when, kind[0] == 's'};
  }
  fclose(f);
  return n;
}

int state_unanswered(const exl_config *cfg, int64_t now, int64_t seconds) {
  char *dir = state_dir(cfg);
  if (!dir)
    return 0;
  char path[4096];
  snprintf(path, sizeof(path), "%s/sends", dir);
  free(dir);
  struct event *ev = malloc(MAX_EVENTS * sizeof(*ev));
  if (!ev)
    return 0;
  size_t n = load(path, ev);
  int count = 0;
  for (size_t i = 0; i < n; i++) {
    if (!ev[i].sent)
      count = 0; /* a reply answers everything before it */
    else if (ev[i].when > now - seconds && ev[i].when <= now)
      count++;
  }
  free(ev);
  return count;
}

static int mkdir_p(char *path) {
  for (char *p = path + 1; *p; p++) {
    if (*p != '/')
      continue;
    *p = '\0';
    int rc = mkdir(path, 0700);
    *p = '/';
    if (rc != 0 && errno != EEXIST)
      return -1;
  }
  return mkdir(path, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

static exl_status record(const exl_config *cfg, int sent, exl_error *err) {
  char *dir = state_dir(cfg);
  if (!dir)
    return error_set(err, EXL_EIO, "no state directory: set XDG_STATE_HOME or HOME");
  if (mkdir_p(dir) != 0) {
    exl_status st = error_set(err, EXL_EIO, "%s: %s", dir, strerror(errno));
    free(dir);
    return st;
  }
  char path[4096], tmp[4200];
  snprintf(path, sizeof(path), "%s/sends", dir);
  snprintf(tmp, sizeof(tmp), "%s/.sends.XXXXXX", dir);
  free(dir);
  struct event *ev = malloc((MAX_EVENTS + 1) * sizeof(*ev));
  if (!ev)
    return error_set(err, EXL_ENOMEM, "out of memory");
  size_t n = load(path, ev);
  int64_t now = config_now(cfg);
  ev[n++] = (struct event){now, sent};
  int fd = mkstemp(tmp); /* mode 0600 */
  FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
  if (!f) {
    if (fd >= 0) {
      close(fd);
      unlink(tmp);
    }
    free(ev);
    return error_set(err, EXL_EIO, "%s: %s", path, strerror(errno));
  }
  fputs("# exlint: when messages were sent and answered; timestamps only\n", f);
  size_t first = n > MAX_EVENTS ? n - MAX_EVENTS : 0;
  for (size_t i = first; i < n; i++)
    if (ev[i].when > now - KEEP_SECONDS)
      fprintf(f, "%s %lld\n", ev[i].sent ? "sent" : "reply", (long long)ev[i].when);
  free(ev);
  int bad = ferror(f) | fflush(f) | fsync(fileno(f));
  bad |= fclose(f);
  if (bad || rename(tmp, path) != 0) {
    int e = errno;
    unlink(tmp);
    return error_set(err, EXL_EIO, "%s: %s", path, strerror(e));
  }
  return EXL_OK;
}

exl_status exl_state_mark_sent(const exl_config *cfg, exl_error *err) {
  return record(cfg, 1, err);
}

exl_status exl_state_mark_reply(const exl_config *cfg, exl_error *err) {
  return record(cfg, 0, err);
}

/* clipboard.c - the clipboard's text, through the desktop's own tool.
 *
 * The tool runs under /bin/sh with its output on pipes: the text is read into
 * memory and never touches the disk. Its stderr is read too, only to tell an
 * empty clipboard from a display that cannot be reached, and is never shown
 * (so the CLI prints exactly one line of its own). A tool that hangs (a
 * selection owner that never answers) is killed after PASTE_TIMEOUT_MS. */
#include "clipboard.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

extern char **environ;

#define PASTE_TIMEOUT_MS 10000
#define ERRTEXT_MAX 1024 /* enough of the tool's stderr to classify a failure */

/* ---- finding a tool ---------------------------------------------------- */

static bool on_path(const char *tool) {
  const char *path = getenv("PATH");
  if (!path)
    return false;
  char dir[4096];
  while (*path) {
    size_t n = strcspn(path, ":");
    snprintf(dir, sizeof(dir), "%.*s/%s", (int)n, path, tool);
    if (n && access(dir, X_OK) == 0)
      return true;
    path += n + (path[n] == ':');
  }
  return false;
}

static bool env_set(const char *name) {
  const char *v = getenv(name);
  return v && *v;
}

struct paste {
  const char *cmd;  /* shell command that prints the clipboard */
  const char *name; /* shown in messages */
  bool user;        /* from $EXLINT_PASTE_CMD */
};

/* The command that prints the clipboard; false (and ERR set) when none. */
static bool paste_command(struct paste *p, exl_error *err) {
  const char *cmd = getenv("EXLINT_PASTE_CMD");
  if (cmd && *cmd) {
    *p = (struct paste){cmd, "EXLINT_PASTE_CMD", true};
    return true;
  }
  bool wayland = env_set("WAYLAND_DISPLAY"), x11 = env_set("DISPLAY");
  if (wayland && on_path("wl-paste"))
    *p = (struct paste){"wl-paste --no-newline --type text", "wl-paste", false};
  else if (x11 && on_path("xclip"))
    *p = (struct paste){"xclip -selection clipboard -out", "xclip", false};
  else if (x11 && on_path("xsel"))
    *p = (struct paste){"xsel --clipboard --output", "xsel", false};
  else if (on_path("pbpaste"))
    *p = (struct paste){"pbpaste", "pbpaste", false};
  else if (!wayland && !x11) {
    error_set(err, EXL_EIO,
              "clipboard: no display to read it from (neither WAYLAND_DISPLAY nor DISPLAY is set; "
              "EXLINT_PASTE_CMD can name a command)");
    return false;
  } else {
    error_set(err, EXL_EIO,
              "clipboard: no clipboard tool found (install wl-clipboard, xclip or xsel, or set "
              "EXLINT_PASTE_CMD)");
    return false;
  }
  return true;
}

/* ---- running it -------------------------------------------------------- */

struct capture {
  struct buf out;            /* the tool's stdout: the text */
  char errtext[ERRTEXT_MAX]; /* the start of its stderr, NUL-terminated */
  size_t errlen;
  bool too_big, timed_out;
  int status; /* from waitpid, or -1 */
};

static long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Read both pipes until both close, the text gets too big or time runs out. */
static void drain(int outfd, int errfd, struct capture *c) {
  struct pollfd fds[2] = {{outfd, POLLIN, 0}, {errfd, POLLIN, 0}};
  long deadline = now_ms() + PASTE_TIMEOUT_MS;
  char chunk[65536];
  while (fds[0].fd >= 0 || fds[1].fd >= 0) {
    long left = deadline - now_ms();
    if (left <= 0) {
      c->timed_out = true;
      return;
    }
    int r = poll(fds, 2, (int)left);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0) {
      c->timed_out = r == 0;
      return;
    }
    for (int i = 0; i < 2; i++) {
      if (fds[i].fd < 0 || !fds[i].revents)
        continue;
      ssize_t n = read(fds[i].fd, chunk, sizeof(chunk));
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n <= 0) {
        fds[i].fd = -1; /* poll() skips negative descriptors */
        continue;
      }
      if (i == 1) {
        size_t room = sizeof(c->errtext) - 1 - c->errlen, k = (size_t)n < room ? (size_t)n : room;
        memcpy(c->errtext + c->errlen, chunk, k);
        c->errlen += k;
        c->errtext[c->errlen] = '\0';
      } else if (c->out.len + (size_t)n > EXL_MAX_DRAFT) {
        c->too_big = true;
        return;
      } else {
        buf_put(&c->out, chunk, (size_t)n);
      }
    }
  }
}

/* Run CMD under /bin/sh in its own process group, stdin from /dev/null,
 * and capture what it prints. False when it could not be started. */
static bool run_capture(const char *cmd, struct capture *c) {
  int outp[2], errp[2];
  c->status = -1;
  if (pipe(outp) != 0)
    return false;
  if (pipe(errp) != 0) {
    close(outp[0]);
    close(outp[1]);
    return false;
  }
  posix_spawn_file_actions_t fa;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, outp[1], 1);
  posix_spawn_file_actions_adddup2(&fa, errp[1], 2);
  posix_spawn_file_actions_addclose(&fa, outp[0]);
  posix_spawn_file_actions_addclose(&fa, errp[0]);
  posix_spawn_file_actions_addclose(&fa, outp[1]);
  posix_spawn_file_actions_addclose(&fa, errp[1]);
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  char *argv[] = {"sh", "-c", (char *)cmd, NULL};
  pid_t pid;
  int rc = posix_spawn(&pid, "/bin/sh", &fa, &attr, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  close(outp[1]);
  close(errp[1]);
  if (rc == 0) {
    drain(outp[0], errp[0], c);
    if (c->timed_out || c->too_big)
      kill(-pid, SIGKILL); /* the whole group: sh and the tool it started */
  }
  close(outp[0]); /* a tool still writing gets SIGPIPE */
  close(errp[0]);
  if (rc != 0)
    return false;
  while (waitpid(pid, &c->status, 0) < 0 && errno == EINTR)
    ;
  return true;
}

/* ---- reading the clipboard --------------------------------------------- */

static bool mentions(const char *haystack, const char *needle) {
  return strstr(haystack, needle) != NULL;
}

/* One line saying why the tool failed. Its stderr is only matched, never
 * copied into the message. */
static exl_status tool_failed(const struct paste *p, const struct capture *c, exl_error *err) {
  const char *e = c->errtext;
  if (c->timed_out)
    return error_set(err, EXL_EIO, "clipboard: '%s' gave no answer within %d s", p->name,
                     PASTE_TIMEOUT_MS / 1000);
  if (mentions(e, "open display") || mentions(e, "connect to a Wayland") ||
      mentions(e, "Failed to connect"))
    return error_set(err, EXL_EIO, "clipboard: '%s' cannot reach the display", p->name);
  if (WIFSIGNALED(c->status))
    return error_set(err, EXL_EIO, "clipboard: '%s' was killed by signal %d", p->name,
                     WTERMSIG(c->status));
  int code = WIFEXITED(c->status) ? WEXITSTATUS(c->status) : -1;
  if (code == 127)
    return error_set(err, EXL_EIO, "clipboard: '%s' not found", p->user ? p->cmd : p->name);
  if (p->user)
    return error_set(err, EXL_EIO, "clipboard: EXLINT_PASTE_CMD failed (exit status %d)", code);
  /* xclip: "target STRING not available"; wl-paste: "Nothing is copied",
   * "No selection", "No suitable type of content". All mean: no text. */
  return error_set(err, EXL_EIO, "clipboard: the clipboard is empty or holds no text");
}

static bool all_blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t' && s[i] != '\r')
      return false;
  return true;
}

exl_status clipboard_read(char **text, size_t *len, exl_error *err) {
  *text = NULL;
  *len = 0;
  struct paste p;
  if (!paste_command(&p, err))
    return EXL_EIO;
  struct capture c = {0};
  if (!run_capture(p.cmd, &c)) {
    buf_free(&c.out);
    return error_set(err, EXL_EIO, "clipboard: cannot run '%s': %s", p.name, strerror(errno));
  }
  if (c.too_big) {
    buf_free(&c.out);
    return error_set(err, EXL_ETOOBIG, "clipboard: the text is larger than %zu bytes",
                     EXL_MAX_DRAFT);
  }
  if (c.timed_out || c.status == -1 || !WIFEXITED(c.status) || WEXITSTATUS(c.status) != 0) {
    buf_free(&c.out);
    return tool_failed(&p, &c, err);
  }
  if (all_blank(c.out.data, c.out.len)) {
    buf_free(&c.out);
    return error_set(err, EXL_EIO, "clipboard: the clipboard is empty");
  }
  size_t got = c.out.len;
  *text = buf_detach(&c.out);
  if (!*text)
    return error_set(err, EXL_ENOMEM, "clipboard: out of memory");
  *len = got;
  return EXL_OK;
}

/* clipboard.c - the clipboard's text, through the desktop's own tool. */
#include "clipboard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

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

/* The command that prints the clipboard, or NULL when none is available. */
static const char *paste_command(void) {
  const char *cmd = getenv("EXLINT_PASTE_CMD");
  if (cmd && *cmd)
    return cmd;
  const char *wayland = getenv("WAYLAND_DISPLAY"), *x11 = getenv("DISPLAY");
  if (wayland && *wayland && on_path("wl-paste"))
    return "wl-paste --no-newline --type text";
  if (x11 && *x11 && on_path("xclip"))
    return "xclip -selection clipboard -out";
  if (x11 && *x11 && on_path("xsel"))
    return "xsel --clipboard --output";
  if (on_path("pbpaste"))
    return "pbpaste";
  return NULL;
}

exl_status clipboard_read(char **text, size_t *len, exl_error *err) {
  *text = NULL;
  *len = 0;
  const char *cmd = paste_command();
  if (!cmd)
    return error_set(err, EXL_EIO,
                     "clipboard: no clipboard tool found (install wl-clipboard, xclip or xsel, "
                     "or set EXLINT_PASTE_CMD)");
  FILE *p = popen(cmd, "r");
  if (!p)
    return error_set(err, EXL_EIO, "clipboard: cannot run '%s'", cmd);
  struct buf b = {0};
  char chunk[65536];
  size_t n;
  bool too_big = false;
  while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0) {
    if (b.len + n > EXL_MAX_DRAFT) {
      too_big = true;
      break;
    }
    buf_put(&b, chunk, n);
  }
  int status = pclose(p);
  if (too_big) {
    buf_free(&b);
    return error_set(err, EXL_ETOOBIG, "clipboard: text too large");
  }
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    buf_free(&b);
    return error_set(err, EXL_EIO, "clipboard: '%s' failed (is the clipboard empty?)", cmd);
  }
  size_t got = b.len, blank = 0;
  for (size_t i = 0; i < got; i++)
    blank += b.data[i] == ' ' || b.data[i] == '\n' || b.data[i] == '\t' || b.data[i] == '\r';
  if (got == blank) {
    buf_free(&b);
    return error_set(err, EXL_EIO, "clipboard: the clipboard is empty");
  }
  *text = buf_detach(&b);
  if (!*text)
    return error_set(err, EXL_ENOMEM, "clipboard: out of memory");
  *len = got;
  return EXL_OK;
}

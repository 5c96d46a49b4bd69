/* main.c - the exlint command: options, files, printing, exit status. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clipboard.h"
#include "exlint.h"
#include "lsp.h"

enum { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };

enum action { LINT, LIST_RULES, EXPLAIN, LSP, MARK_REPLY };

struct setting {
  const char *key, *value;
};

struct cli {
  enum action action;
  exl_format format;
  const char *explain;
  const char *config;
  bool no_config, exit_zero, fix, diff, clipboard, mark_sent;
  int color; /* -1 auto, 0 never, 1 always */
  const char *stdin_name;
  struct setting set[64]; /* command-line settings, applied after the file */
  int nset;
};

static const char usage[] =
    "usage: exlint [OPTION]... [FILE]...\n"
    "Check a message to an ex before you send it. With no FILE, or FILE -, read stdin.\n"
    "\n"
    "Output:\n"
    "  -f, --format=FMT          text (default), json, or line (FILE:LINE:COL: SEVERITY: MSG [RULE])\n"
    "      --color=WHEN          auto (default), always, never; NO_COLOR is honoured\n"
    "      --stdin-filename=NAME name stdin in reports\n"
    "  -l, --list-rules          list every rule: id, severity, message\n"
    "  -e, --explain=RULE        why a rule exists and what to write instead\n"
    "\n"
    "Checking:\n"
    "  -s, --stage=STAGE         first-contact (default), reconnecting, relationship-talk\n"
    "      --fail-level=LEVEL    exit 1 at info, warning (default) or error\n"
    "      --exit-zero           exit 0 even with findings (2 still means trouble)\n"
    "  -d, --disable=RULE[,RULE] turn rules off\n"
    "  -p, --patterns=DIR        add the packs in DIR (a rule with the same id overrides)\n"
    "      --only-patterns=DIR   use only the packs in DIR\n"
    "  -c, --config=FILE         read FILE instead of ~/.config/exlint/config.json\n"
    "      --no-config           read no config file\n"
    "      --no-spell            skip spelling (and loading the dictionary)\n"
    "      --now=ISO-8601        the time to judge late night and no contact by\n"
    "\n"
    "Rewriting:\n"
    "      --fix                 apply the suggested rewrites in place, atomically\n"
    "      --diff                print the rewrites as a unified diff; change nothing\n"
    "\n"
    "Other ways in:\n"
    "      --clipboard           check the text on the clipboard\n"
    "      --lsp                 run as a language server on stdin/stdout\n"
    "      --mark-sent           record that a message was sent (timestamps only)\n"
    "      --mark-reply          record that your ex replied\n"
    "\n"
    "  -h, --help                this help\n"
    "  -V, --version             the version\n"
    "\n"
    "Exit status: 0 ok to send, 1 findings at or above the fail level, 2 trouble.\n";

/* ---- options --------------------------------------------------------- */

static int fail_usage(const char *fmt, const char *arg) {
  fputs("exlint: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs("; try 'exlint --help'\n", stderr);
  return EXIT_TROUBLE;
}

static bool add_setting(struct cli *c, const char *key, const char *value) {
  if (c->nset >= (int)(sizeof(c->set) / sizeof(c->set[0])))
    return false;
  c->set[c->nset++] = (struct setting){key, value};
  return true;
}

enum {
  OPT_COLOR = 256, OPT_STDIN_NAME, OPT_FAIL_LEVEL, OPT_EXIT_ZERO, OPT_ONLY_PATTERNS,
  OPT_NO_CONFIG, OPT_NO_SPELL, OPT_NOW, OPT_FIX, OPT_DIFF, OPT_CLIPBOARD, OPT_LSP,
  OPT_MARK_SENT, OPT_MARK_REPLY
};

static const struct option long_opts[] = {
    {"format", required_argument, NULL, 'f'},
    {"color", required_argument, NULL, OPT_COLOR},
    {"colour", required_argument, NULL, OPT_COLOR},
    {"stdin-filename", required_argument, NULL, OPT_STDIN_NAME},
    {"list-rules", no_argument, NULL, 'l'},
    {"explain", required_argument, NULL, 'e'},
    {"stage", required_argument, NULL, 's'},
    {"fail-level", required_argument, NULL, OPT_FAIL_LEVEL},
    {"exit-zero", no_argument, NULL, OPT_EXIT_ZERO},
    {"disable", required_argument, NULL, 'd'},
    {"patterns", required_argument, NULL, 'p'},
    {"only-patterns", required_argument, NULL, OPT_ONLY_PATTERNS},
    {"config", required_argument, NULL, 'c'},
    {"no-config", no_argument, NULL, OPT_NO_CONFIG},
    {"no-spell", no_argument, NULL, OPT_NO_SPELL},
    {"now", required_argument, NULL, OPT_NOW},
    {"fix", no_argument, NULL, OPT_FIX},
    {"diff", no_argument, NULL, OPT_DIFF},
    {"clipboard", no_argument, NULL, OPT_CLIPBOARD},
    {"lsp", no_argument, NULL, OPT_LSP},
    {"mark-sent", no_argument, NULL, OPT_MARK_SENT},
    {"mark-reply", no_argument, NULL, OPT_MARK_REPLY},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0}};

/* Returns -1 to go on, or an exit status. */
static int parse_args(int argc, char **argv, struct cli *c) {
  int opt;
  bool ok = true;
  while ((opt = getopt_long(argc, argv, "f:le:s:d:p:c:hV", long_opts, NULL)) != -1) {
    switch (opt) {
    case 'f':
      if (strcmp(optarg, "text") == 0)
        c->format = EXL_FORMAT_TEXT;
      else if (strcmp(optarg, "json") == 0)
        c->format = EXL_FORMAT_JSON;
      else if (strcmp(optarg, "line") == 0)
        c->format = EXL_FORMAT_LINE;
      else
        return fail_usage("unknown format '%s' (text, json, line)", optarg);
      break;
    case OPT_COLOR:
      if (strcmp(optarg, "auto") && strcmp(optarg, "always") && strcmp(optarg, "never"))
        return fail_usage("--color takes auto, always or never, not '%s'", optarg);
      c->color = optarg[0] == 'a' && optarg[1] == 'u' ? -1 : optarg[0] == 'a';
      break;
    case OPT_STDIN_NAME: c->stdin_name = optarg; break;
    case 'l': c->action = LIST_RULES; break;
    case 'e': c->action = EXPLAIN; c->explain = optarg; break;
    case 's': ok = add_setting(c, "stage", optarg); break;
    case OPT_FAIL_LEVEL: ok = add_setting(c, "fail_level", optarg); break;
    case OPT_EXIT_ZERO: c->exit_zero = true; break;
    case 'd': ok = add_setting(c, "disable", optarg); break;
    case 'p': ok = add_setting(c, "patterns", optarg); break;
    case OPT_ONLY_PATTERNS: ok = add_setting(c, "only_patterns", optarg); break;
    case 'c': c->config = optarg; break;
    case OPT_NO_CONFIG: c->no_config = true; break;
    case OPT_NO_SPELL: ok = add_setting(c, "spell", "off"); break;
    case OPT_NOW: ok = add_setting(c, "now", optarg); break;
    case OPT_FIX: c->fix = true; break;
    case OPT_DIFF: c->diff = true; break;
    case OPT_CLIPBOARD: c->clipboard = true; break;
    case OPT_LSP: c->action = LSP; break;
    case OPT_MARK_SENT: c->mark_sent = true; break;
    case OPT_MARK_REPLY: c->action = MARK_REPLY; break;
    case 'h': fputs(usage, stdout); return EXIT_OK;
    case 'V': printf("exlint %s\n", EXL_VERSION); return EXIT_OK;
    default: fputs("exlint: try 'exlint --help'\n", stderr); return EXIT_TROUBLE;
    }
    if (!ok)
      return fail_usage("%s", "too many options");
  }
  if (c->fix && c->diff)
    return fail_usage("%s", "--fix and --diff do not go together");
  return -1;
}

/* ---- configuration --------------------------------------------------- */

static exl_status load_default_config(exl_config *cfg, exl_error *err) {
  char path[4096];
  const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
  if (xdg && *xdg)
    snprintf(path, sizeof(path), "%s/exlint/config.json", xdg);
  else if (home && *home)
    snprintf(path, sizeof(path), "%s/.config/exlint/config.json", home);
  else
    return EXL_OK;
  if (access(path, F_OK) != 0)
    return EXL_OK; /* no config file is the usual case */
  return exl_config_load_file(cfg, path, err);
}

static exl_config *build_config(const struct cli *c) {
  exl_error err;
  exl_config *cfg = exl_config_new();
  if (!cfg) {
    fputs("exlint: out of memory\n", stderr);
    return NULL;
  }
  exl_status st = EXL_OK;
  if (c->config)
    st = exl_config_load_file(cfg, c->config, &err);
  else if (!c->no_config)
    st = load_default_config(cfg, &err);
  for (int i = 0; st == EXL_OK && i < c->nset; i++)
    st = exl_config_set(cfg, c->set[i].key, c->set[i].value, &err);
  if (st != EXL_OK) {
    fprintf(stderr, "exlint: %s\n", err.msg);
    exl_config_free(cfg);
    return NULL;
  }
  return cfg;
}

/* ---- rules ----------------------------------------------------------- */

static int list_rules(const exl_linter *lin) {
  for (size_t i = 0; i < exl_linter_rule_count(lin); i++) {
    const exl_rule_info *r = exl_linter_rule(lin, i);
    printf("%-40s %-18s %-8s %s\n", r->id, r->category,
           r->enabled ? exl_severity_name(r->severity) : "off", r->message);
  }
  return EXIT_OK;
}

static int explain(const exl_linter *lin, const char *id) {
  const exl_rule_info *r = exl_linter_find_rule(lin, id);
  if (!r) {
    fprintf(stderr, "exlint: unknown rule '%s' (see exlint --list-rules)\n", id);
    return EXIT_TROUBLE;
  }
  printf("%s  (%s, %s)\n\n%s.\n\n%s\n", r->id, r->category,
         r->enabled ? exl_severity_name(r->severity) : "off at this stage", r->message, r->explain);
  if (r->suggestion)
    printf("\nInstead: %s\n", r->suggestion);
  if (r->stages)
    printf("\nBy stage: %s. Set the stage with --stage or \"stage\" in the config.\n", r->stages);
  printf("\nDefined in %s.\n", r->source);
  return EXIT_OK;
}

/* ---- input ----------------------------------------------------------- */

static bool read_stream(FILE *f, char **data, size_t *len) {
  size_t cap = 65536, n = 0;
  char *buf = malloc(cap);
  if (!buf)
    return false;
  for (;;) {
    if (n == cap) {
      if (cap > EXL_MAX_DRAFT) {
        free(buf);
        errno = EFBIG;
        return false;
      }
      char *p = realloc(buf, cap * 2);
      if (!p) {
        free(buf);
        return false;
      }
      buf = p;
      cap *= 2;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0)
      break;
  }
  if (ferror(f)) {
    free(buf);
    return false;
  }
  *data = buf;
  *len = n;
  return true;
}

/* Read the draft named by PATH ("-": stdin). Prints the error itself. */
static bool read_draft(const char *path, const char *shown, char **data, size_t *len) {
  if (strcmp(path, "-") == 0) {
    if (!read_stream(stdin, data, len)) {
      fprintf(stderr, "exlint: %s: %s\n", shown, errno == EFBIG ? "too large" : strerror(errno));
      return false;
    }
    return true;
  }
  struct stat st;
  if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
    fprintf(stderr, "exlint: %s: is a directory\n", path);
    return false;
  }
  FILE *f = NULL;
  int fd = open(path, O_RDONLY | O_NONBLOCK);
  if (fd >= 0 && fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
    close(fd);
    fprintf(stderr, "exlint: %s: not a regular file\n", path);
    return false;
  }
  if (fd >= 0 && st.st_size > (off_t)EXL_MAX_DRAFT) {
    close(fd);
    fprintf(stderr, "exlint: %s: too large (%lld bytes; the limit is %zu)\n", path,
            (long long)st.st_size, EXL_MAX_DRAFT);
    return false;
  }
  if (fd >= 0)
    f = fdopen(fd, "rb");
  if (!f || !read_stream(f, data, len)) {
    fprintf(stderr, "exlint: %s: %s\n", path, strerror(errno));
    if (f)
      fclose(f);
    else if (fd >= 0)
      close(fd);
    return false;
  }
  fclose(f);
  return true;
}

/* ---- rewriting ------------------------------------------------------- */

/* Replace PATH with DATA: a temp file in the same directory, the original
 * mode, fsync, rename. On any failure PATH is untouched and the temp file
 * is gone. */
static bool write_atomically(const char *path, const char *data, size_t len) {
  struct stat st;
  if (stat(path, &st) != 0) {
    fprintf(stderr, "exlint: %s: %s\n", path, strerror(errno));
    return false;
  }
  if (access(path, W_OK) != 0) {
    fprintf(stderr, "exlint: %s: not writable; draft left as it was\n", path);
    return false;
  }
  char tmp[4200];
  snprintf(tmp, sizeof(tmp), "%s.exlint-XXXXXX", path);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    fprintf(stderr, "exlint: %s: cannot create a temporary file: %s\n", path, strerror(errno));
    return false;
  }
  size_t done = 0;
  bool ok = true;
  while (ok && done < len) {
    ssize_t n = write(fd, data + done, len - done);
    if (n < 0 && errno == EINTR)
      continue;
    ok = n > 0;
    if (ok)
      done += (size_t)n;
  }
  ok = ok && fchmod(fd, st.st_mode & 07777) == 0 && fsync(fd) == 0;
  int e = errno;
  ok = close(fd) == 0 && ok;
  if (ok && rename(tmp, path) != 0) {
    e = errno;
    ok = false;
  }
  if (!ok) {
    unlink(tmp);
    fprintf(stderr, "exlint: %s: cannot write the rewrite (%s); draft left as it was\n", path,
            strerror(e ? e : EIO));
  }
  return ok;
}

/* ---- linting --------------------------------------------------------- */

struct run {
  const struct cli *cli;
  exl_linter *lin;
  exl_result **res;
  size_t nres;
  int status;
  bool fixed_to_stdout;
};

static void worse(struct run *r, int status) {
  if (status > r->status)
    r->status = status;
}

static void keep(struct run *r, exl_result *res) {
  exl_result **p = realloc(r->res, (r->nres + 1) * sizeof(*p));
  if (!p) {
    exl_result_free(res);
    fputs("exlint: out of memory\n", stderr);
    worse(r, EXIT_TROUBLE);
    return;
  }
  r->res = p;
  p[r->nres++] = res;
}

/* Apply --fix or --diff to one linted draft; return the result to report. */
static exl_result *rewrite(struct run *r, const char *path, exl_result *res) {
  if (r->cli->diff) {
    char *d = exl_result_diff(res);
    if (d)
      fputs(d, stdout);
    free(d);
    return res;
  }
  size_t len, used;
  char *fixed = exl_result_fixed(res, &len, &used);
  if (!fixed) {
    fputs("exlint: out of memory\n", stderr);
    worse(r, EXIT_TROUBLE);
    return res;
  }
  if (!path || strcmp(path, "-") == 0) {
    fwrite(fixed, 1, len, stdout); /* stdin and the clipboard are rewritten to stdout */
    r->fixed_to_stdout = true;
    free(fixed);
    return res;
  }
  exl_result *after = NULL;
  exl_error err;
  if (used > 0 && write_atomically(path, fixed, len) &&
      exl_lint(r->lin, path, fixed, len, &after, &err) == EXL_OK) {
    fprintf(stderr, "exlint: %s: applied %zu rewrite%s\n", path, used, used == 1 ? "" : "s");
    exl_result_free(res);
    res = after;
  } else if (used > 0) {
    worse(r, EXIT_TROUBLE);
  }
  free(fixed);
  return res;
}

/* PATH is NULL for the clipboard: there is no file behind it to rewrite. */
static void lint_one(struct run *r, const char *path, const char *data, size_t len) {
  const char *shown = !path                                           ? "clipboard"
                      : strcmp(path, "-") == 0 && r->cli->stdin_name ? r->cli->stdin_name
                                                                      : path;
  exl_result *res = NULL;
  exl_error err;
  if (exl_lint(r->lin, shown, data, len, &res, &err) != EXL_OK) {
    fprintf(stderr, "exlint: %s\n", err.msg);
    worse(r, EXIT_TROUBLE);
    return;
  }
  if (r->cli->fix || r->cli->diff)
    res = rewrite(r, path, res);
  if (exl_result_worst(res) >= (int)exl_linter_fail_level(r->lin) && !r->cli->exit_zero)
    worse(r, EXIT_FINDINGS);
  keep(r, res);
}

static void lint_path(struct run *r, const char *path) {
  char *data;
  size_t len;
  const char *shown = strcmp(path, "-") == 0 && r->cli->stdin_name ? r->cli->stdin_name : path;
  if (!read_draft(path, shown, &data, &len)) {
    worse(r, EXIT_TROUBLE);
    return;
  }
  lint_one(r, path, data, len);
  free(data);
}

static void lint_clipboard(struct run *r) {
  char *data;
  size_t len;
  exl_error err;
  if (clipboard_read(&data, &len, &err) != EXL_OK) {
    fprintf(stderr, "exlint: %s\n", err.msg);
    worse(r, EXIT_TROUBLE);
    return;
  }
  lint_one(r, NULL, data, len);
  free(data);
}

static bool use_color(const struct cli *c) {
  if (c->color >= 0)
    return c->color == 1;
  const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
  return isatty(STDOUT_FILENO) && !(no && *no) && !(term && strcmp(term, "dumb") == 0);
}

static void report(struct run *r) {
  if (r->cli->diff || r->fixed_to_stdout)
    return; /* stdout already holds the diff or the rewritten draft */
  if (r->nres == 0 && r->cli->format != EXL_FORMAT_JSON)
    return;
  char *out = exl_render((const exl_result *const *)r->res, r->nres, r->cli->format,
                         use_color(r->cli) ? EXL_RENDER_COLOR : 0);
  if (!out) {
    fputs("exlint: out of memory\n", stderr);
    worse(r, EXIT_TROUBLE);
    return;
  }
  fputs(out, stdout);
  free(out);
}

static int lint_all(struct run *r, int nfiles, char **files) {
  if (r->cli->clipboard)
    lint_clipboard(r);
  else if (nfiles == 0)
    lint_path(r, "-");
  for (int i = 0; i < nfiles; i++)
    lint_path(r, files[i]);
  for (size_t i = 0; i < r->nres; i++)
    for (size_t k = 0; k < exl_result_warning_count(r->res[i]); k++)
      fprintf(stderr, "exlint: %s: %s\n", exl_result_name(r->res[i]),
              exl_result_warning(r->res[i], k));
  report(r);
  if (fflush(stdout) != 0) {
    fprintf(stderr, "exlint: cannot write the report: %s\n", strerror(errno));
    worse(r, EXIT_TROUBLE);
  }
  return r->status;
}

static int mark(const exl_config *cfg, bool sent) {
  exl_error err;
  exl_status st = sent ? exl_state_mark_sent(cfg, &err) : exl_state_mark_reply(cfg, &err);
  if (st != EXL_OK) {
    fprintf(stderr, "exlint: %s\n", err.msg);
    return EXIT_TROUBLE;
  }
  return EXIT_OK;
}

/* Not static: a store to it cannot be optimised away (see the end of main). */
exl_linter *exlint_left_to_exit;

int main(int argc, char **argv) {
  struct cli c = {.color = -1};
  int status = parse_args(argc, argv, &c);
  if (status >= 0)
    return status;
  exl_config *cfg = build_config(&c);
  if (!cfg)
    return EXIT_TROUBLE;
  if (c.action == MARK_REPLY) {
    status = mark(cfg, false);
    exl_config_free(cfg);
    return status;
  }
  if (c.mark_sent && (status = mark(cfg, true)) != EXIT_OK) {
    exl_config_free(cfg);
    return status;
  }
  exl_linter *lin = NULL;
  exl_error err;
  if (exl_linter_new(cfg, &lin, &err) != EXL_OK) {
    fprintf(stderr, "exlint: %s\n", err.msg);
    exl_config_free(cfg);
    return EXIT_TROUBLE;
  }
  exl_config_free(cfg);
  struct run r = {&c, lin, NULL, 0, EXIT_OK, false};
  if (c.action == LIST_RULES)
    status = list_rules(lin);
  else if (c.action == EXPLAIN)
    status = explain(lin, c.explain);
  else if (c.action == LSP) {
    signal(SIGPIPE, SIG_IGN); /* a vanished client ends the session with status 1 */
    status = lsp_serve(lin, stdin, stdout);
  }
  else if (c.mark_sent && optind == argc)
    status = EXIT_OK; /* only recording a send */
  else
    status = lint_all(&r, argc - optind, argv + optind);
  for (size_t i = 0; i < r.nres; i++)
    exl_result_free(r.res[i]);
  free(r.res);
  /* Hunspell takes longer to free its dictionary than the process takes to
   * exit, so the linter is left to the exit; the global keeps it reachable
   * for leak checkers. EXLINT_FREE_AT_EXIT=1 frees it anyway. */
  const char *free_at_exit = getenv("EXLINT_FREE_AT_EXIT");
  if (free_at_exit && strcmp(free_at_exit, "1") == 0)
    exl_linter_free(lin);
  else
    exlint_left_to_exit = lin;
  return status;
}

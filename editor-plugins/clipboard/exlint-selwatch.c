/* exlint-selwatch - print one line each time an X selection changes hands.
 *
 * The X11 event source of exlint-clipwatch: XFixes tells us when a program
 * takes ownership of the CLIPBOARD (a new copy), so nothing polls. It prints
 * "ready" once it listens, then "change" for every new owner. It never reads
 * the selection's content and never takes ownership: the text stays with the
 * program that copied it.
 *
 * Usage: exlint-selwatch [clipboard|primary]
 * Exit: 0 when stdout closes, 1 when the display goes away, 2 on usage. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <X11/Xlib.h>
#include <X11/extensions/Xfixes.h>

static int lost_display(Display *dpy) {
  (void)dpy;
  fputs("exlint-selwatch: lost the connection to the display\n", stderr);
  _exit(1);
}

/* Write one line; stop when the reader has gone. */
static void say(const char *line) {
  if (puts(line) == EOF || fflush(stdout) == EOF)
    exit(0);
}

int main(int argc, char **argv) {
  const char *which = argc > 1 ? argv[1] : "clipboard";
  const char *atom_name;
  if (strcmp(which, "clipboard") == 0)
    atom_name = "CLIPBOARD";
  else if (strcmp(which, "primary") == 0)
    atom_name = "PRIMARY";
  else {
    fputs("usage: exlint-selwatch [clipboard|primary]\n", stderr);
    return 2;
  }
  /* Die with the watcher that started us, even if it is killed hard. */
  pid_t parent = getppid();
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() != parent)
    return 0;
  signal(SIGPIPE, SIG_DFL);

  Display *dpy = XOpenDisplay(NULL);
  if (!dpy) {
    const char *name = getenv("DISPLAY");
    fprintf(stderr, "exlint-selwatch: cannot open display '%s'\n", name ? name : "");
    return 1;
  }
  XSetIOErrorHandler(lost_display);
  int event_base, error_base;
  if (!XFixesQueryExtension(dpy, &event_base, &error_base)) {
    fputs("exlint-selwatch: the X server has no XFIXES extension\n", stderr);
    XCloseDisplay(dpy);
    return 1;
  }
  Atom selection = XInternAtom(dpy, atom_name, False);
  XFixesSelectSelectionInput(dpy, DefaultRootWindow(dpy), selection,
                             XFixesSetSelectionOwnerNotifyMask);
  XSync(dpy, False);
  say("ready");
  for (;;) {
    XEvent ev;
    XNextEvent(dpy, &ev);
    if (ev.type != event_base + XFixesSelectionNotify)
      continue;
    const XFixesSelectionNotifyEvent *sn = (const XFixesSelectionNotifyEvent *)&ev;
    if (sn->selection == selection && sn->owner != None)
      say("change");
  }
}

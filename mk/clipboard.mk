# Pre-send check from the clipboard (issue 8): `exlint --clipboard`, the
# exlint-clipwatch watcher (editor-plugins/clipboard/) and its X11 helper,
# exlint-selwatch (XFixes selection events). The tests run against a real X
# clipboard under Xvfb; see tests/clipboard/run.sh.
DEPS_PKGS += xvfb xclip libx11-dev libxfixes-dev jq strace procps \
             desktop-file-utils dunst libnotify-bin dbus-daemon dbus-bin
CHECK_TARGETS += check-clipboard
SELWATCH = $(BUILD)/exlint-selwatch

.PHONY: check-clipboard install-clipboard uninstall-clipboard
install: install-clipboard
uninstall: uninstall-clipboard
# Part of `all` where the X libraries are there (make deps installs them).
ifeq ($(shell pkg-config --exists x11 xfixes 2>/dev/null && echo yes),yes)
all: $(SELWATCH)
endif

$(SELWATCH): editor-plugins/clipboard/exlint-selwatch.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $< $(shell pkg-config --cflags --libs x11 xfixes) -o $@

check-clipboard: $(EXLINT) $(SELWATCH)
	EXLINT=$(EXLINT) EXLINT_SELWATCH=$(SELWATCH) timeout -k 5 120 bash tests/clipboard/run.sh

# The watcher and its helper side by side in bin/ (the script looks next to
# itself). Like install, this builds nothing: without the helper the watcher
# polls on X11.
install-clipboard:
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 editor-plugins/clipboard/exlint-clipwatch $(DESTDIR)$(PREFIX)/bin/exlint-clipwatch
	@if test -x $(SELWATCH); then \
	  echo install -m 755 $(SELWATCH) $(DESTDIR)$(PREFIX)/bin/exlint-selwatch; \
	  install -m 755 $(SELWATCH) $(DESTDIR)$(PREFIX)/bin/exlint-selwatch; \
	else echo "note: $(SELWATCH) not built (needs libx11-dev libxfixes-dev): exlint-clipwatch will poll on X11"; fi

uninstall-clipboard:
	rm -f $(DESTDIR)$(PREFIX)/bin/exlint-clipwatch $(DESTDIR)$(PREFIX)/bin/exlint-selwatch

# exlint - lint a message to an ex before it is sent.
# Plain GNU make; pkg-config finds PCRE2, cJSON and Hunspell.

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= cc
CFLAGS  ?= -O2 -g
PKGS     = libpcre2-8 libcjson hunspell
WARN     = -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Wshadow -Wstrict-prototypes -Wformat=2 \
           -Wno-format-nonliteral -Werror
# Evaluated when used, so a `make deps` earlier in the same run is seen.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS       = -Wl,--as-needed $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -pthread
ALL_CFLAGS = $(WARN) $(CFLAGS) $(PKG_CFLAGS) -Isrc -DEXLINT_DATADIR='"$(PREFIX)/share/exlint"'

# Debian packages the build and the tests need; mk/*.mk fragments add theirs.
DEPS_PKGS = build-essential pkg-config libpcre2-dev libcjson-dev libhunspell-dev \
            hunspell-en-us libcmocka-dev python3
CHECK_TARGETS =

LIB_SRC  = $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ  = $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
LIB      = $(BUILD)/libexlint.a
EXLINT  ?= $(BUILD)/exlint
UNIT_SRC = $(wildcard tests/unit/test_*.c) tests/api/test_api.c
UNIT_BIN = $(patsubst tests/%.c,$(BUILD)/%,$(UNIT_SRC))
TOOLS    = $(BUILD)/exlint-ruletest $(BUILD)/exlint-eval

.PHONY: all demo deps check check-run test asan eval bench fuzz lint format golden-update \
        install uninstall clean
.DEFAULT_GOAL := all

include $(wildcard mk/*.mk)

# The linter reads the clock, and a draft linted at night gets the
# late-night warning. Tests expect a daytime clock unless they set their own
# (tests/context/run.sh does, to test that rule), so a run at 2 a.m. gives
# the same answers as one at noon.
check-run test asan eval $(CHECK_TARGETS): export EXLINT_NOW ?= 2026-06-15T12:00:00

all: $(EXLINT) $(TOOLS)

$(BUILD)/obj/%.o: src/%.c $(wildcard src/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(EXLINT): $(BUILD)/obj/main.o $(LIB)
	$(CC) $(CFLAGS) $^ $(LIBS) -o $@

$(BUILD)/exlint-ruletest: tests/rules/ruletest.c $(LIB) $(wildcard src/*.h)
	$(CC) $(ALL_CFLAGS) $< $(LIB) $(LIBS) -o $@

$(BUILD)/exlint-eval: tests/eval/eval.c $(LIB) $(wildcard src/*.h)
	$(CC) $(ALL_CFLAGS) $< $(LIB) $(LIBS) -o $@

$(BUILD)/%: tests/%.c $(LIB) $(wildcard src/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $< $(LIB) $(LIBS) -lcmocka -o $@

# ---- the two commands of the quick start -----------------------------------

deps:
	@bash mk/deps.sh $(DEPS_PKGS)

demo: deps
	@$(MAKE) --no-print-directory all
	@echo
	@$(EXLINT) --no-config corpus/sample-draft.txt; test $$? -le 1

check: deps
	@$(MAKE) --no-print-directory check-run

# The suite, then the same suite built with AddressSanitizer and UBSan.
check-run: all $(UNIT_BIN)
	@bash tests/run-suite.sh $(BUILD) $(UNIT_BIN)
	@for t in $(CHECK_TARGETS); do $(MAKE) --no-print-directory $$t || exit 1; done
	@$(MAKE) --no-print-directory asan
	@bash tests/run-suite.sh $(BUILD)/asan $(patsubst $(BUILD)/%,$(BUILD)/asan/%,$(UNIT_BIN))
	@echo "make check: all suites passed"

test: all $(UNIT_BIN)
	@bash tests/run-suite.sh $(BUILD) $(UNIT_BIN)

ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
asan:
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/asan CFLAGS="$(ASAN_FLAGS)" \
	  $(BUILD)/asan/exlint $(BUILD)/asan/exlint-ruletest \
	  $(patsubst $(BUILD)/%,$(BUILD)/asan/%,$(UNIT_BIN))

eval: all
	@$(BUILD)/exlint-eval --write corpus/RESULTS.md corpus/dev corpus/test

golden-update: all
	@bash tests/golden/run.sh $(EXLINT) --update

lint:
	@! grep -nE '\b(sprintf|strcpy|strcat|strtok|atoi|gets)\s*\(' src/*.c tests/*/*.c \
	  || (echo "banned call (see docs/STYLE)"; exit 1)

format:
	clang-format -i src/*.c src/*.h tests/*/*.c

install:
	@test -x $(EXLINT) || { echo "build first: make"; exit 1; }
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/exlint/patterns/words $(DESTDIR)$(PREFIX)/share/exlint
	install -m 755 $(EXLINT) $(DESTDIR)$(PREFIX)/bin/exlint
	install -m 644 docs/exlint.1 $(DESTDIR)$(PREFIX)/share/man/man1/exlint.1
	install -m 644 patterns/*.json patterns/learned.bin $(DESTDIR)$(PREFIX)/share/exlint/patterns/
	install -m 644 patterns/words/*.txt $(DESTDIR)$(PREFIX)/share/exlint/patterns/words/
	cp -R editor-plugins $(DESTDIR)$(PREFIX)/share/exlint/
	install -m 644 corpus/sample-draft.txt $(DESTDIR)$(PREFIX)/share/exlint/sample-draft.txt

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/exlint $(DESTDIR)$(PREFIX)/share/man/man1/exlint.1
	rm -rf $(DESTDIR)$(PREFIX)/share/exlint

clean:
	rm -rf $(BUILD)

eval-dev-misses: all
	@$(BUILD)/exlint-eval --misses corpus/dev

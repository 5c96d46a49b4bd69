# Spelling without the cost of loading Hunspell (issues 9 and 6). At build
# time Hunspell's own tools expand the dictionary (unmunch, hunspell-tools)
# and Hunspell judges every form: build/spell/en_US.verdicts, keyed on the
# dictionary files, answers most words without loading Hunspell (src/spell.c
# says how, src/spell.h gives the format). A missing or stale cache only
# costs time. check-spell: tests/spell/run.sh.
DEPS_PKGS += hunspell-tools strace
CHECK_TARGETS += check-spell

SPELL_DICT ?= /usr/share/hunspell/en_US
SPELL_CACHE = $(BUILD)/spell/$(notdir $(SPELL_DICT)).verdicts
MKVERDICTS = $(BUILD)/spell/mkverdicts

# spell.c opens libhunspell with dlopen() only when a word needs it (a run
# that never does skips loading it and the C++ runtime); this is its soname.
# The link line has -Wl,--as-needed, so nothing else pulls it in.
HUNSPELL_SO := $(shell lib=$$(pkg-config --libs-only-l hunspell 2>/dev/null | sed 's/^-l//;s/ .*//'); \
  dir=$$(pkg-config --variable=libdir hunspell 2>/dev/null); \
  objdump -p "$$dir/lib$$lib.so" 2>/dev/null | awk '/SONAME/ {print $$2}')
ifneq ($(HUNSPELL_SO),)
$(BUILD)/obj/spell.o: ALL_CFLAGS += -DSPELL_HUNSPELL_SO='"$(HUNSPELL_SO)"'
endif

.PHONY: check-spell install-spell
install: install-spell

ifneq ($(wildcard $(SPELL_DICT).aff),)
all: $(SPELL_CACHE)
endif

$(MKVERDICTS): tests/spell/mkverdicts.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $< $(LIB) $(LIBS) -o $@

# Rebuilt when the dictionary or the code that reads or writes the cache
# changes, not on every change to the library (it takes a few seconds).
$(SPELL_CACHE): $(SPELL_DICT).aff $(SPELL_DICT).dic tests/spell/mkverdicts.c src/spell.c \
                src/spell.h | $(MKVERDICTS)
	@$(MAKE) --no-print-directory $(MKVERDICTS)
	@bash tests/spell/mkcache.sh $(SPELL_DICT) $(MKVERDICTS) $@

check-spell: all
	@EXLINT=$(EXLINT) SPELL_CACHE=$(SPELL_CACHE) SPELL_DICT=$(SPELL_DICT) \
	  timeout -k 5 300 bash tests/spell/run.sh

# Like install, this builds nothing: without a cache spelling still works.
install-spell:
	@if test -f $(SPELL_CACHE); then \
	  echo install -m 644 $(SPELL_CACHE) $(DESTDIR)$(PREFIX)/share/exlint/spell/; \
	  install -d $(DESTDIR)$(PREFIX)/share/exlint/spell && \
	  install -m 644 $(SPELL_CACHE) $(DESTDIR)$(PREFIX)/share/exlint/spell/; \
	else echo "note: $(SPELL_CACHE) not built: spelling will load Hunspell for every draft"; fi

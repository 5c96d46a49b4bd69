# Pack cache (issue 9): every `make` brings patterns/packs.cache up to date,
# the bundled packs compiled into one file that a run reads instead of the
# JSON while it still describes them (src/packcache.h). exlint-packcache
# writes nothing when the cache is current, so this costs a few ms.
# `make install` copies the cache beside the installed packs (install-packcache).
PACKCACHE      = patterns/packs.cache
PACKCACHE_TOOL = $(BUILD)/exlint-packcache
# The code that decides what a cache holds: a binary built from other code
# refuses a cache written by this one.
PACKCACHE_ID_SRC = src/pack.c src/pack.h src/packcache.c src/packcache.h \
                   src/prefilter.c src/prefilter.h
PACKCACHE_ID     = $(shell cat $(PACKCACHE_ID_SRC) | cksum | tr " " -)
CHECK_TARGETS   += check-packcache

.PHONY: check-packcache packcache-force install-packcache
install: install-packcache

all: $(PACKCACHE)

$(BUILD)/obj/packcache.o: $(PACKCACHE_ID_SRC)
$(BUILD)/obj/packcache.o: ALL_CFLAGS += -DPACKCACHE_CODE_ID='"$(PACKCACHE_ID)"'

$(PACKCACHE_TOOL): tests/packcache/mkcache.c $(LIB) $(wildcard src/*.h)
	$(CC) $(ALL_CFLAGS) $< $(LIB) $(LIBS) -o $@

# Always asked: only the tool can tell a cache is stale (a pack deleted, or
# edited and its old mtime restored, leaves nothing for make to see).
$(PACKCACHE): $(PACKCACHE_TOOL) packcache-force
	@$(PACKCACHE_TOOL) patterns $@
packcache-force:

# The CLI and unit tests, then the unit tests (damaged caches) under ASan+UBSan.
check-packcache: all $(BUILD)/packcache/test_packcache
	@bash tests/packcache/run.sh $(EXLINT) $(BUILD)/packcache/test_packcache
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/asan CFLAGS="$(ASAN_FLAGS)" \
	  $(BUILD)/asan/packcache/test_packcache
	@$(BUILD)/asan/packcache/test_packcache >$(BUILD)/asan/packcache/log 2>&1 \
	  && echo "ok packcache-unit-asan" \
	  || { cat $(BUILD)/asan/packcache/log; echo "FAIL packcache-unit-asan"; exit 1; }

.PHONY: packcache-clean
clean: packcache-clean
packcache-clean:
	rm -f $(PACKCACHE) $(PACKCACHE).??????

# Like install, this builds nothing: without a cache exlint reads the JSON.
install-packcache:
	@if test -f $(PACKCACHE); then \
	  install -d $(DESTDIR)$(PREFIX)/share/exlint/patterns && \
	  install -m 644 $(PACKCACHE) $(DESTDIR)$(PREFIX)/share/exlint/patterns/; \
	else echo "note: $(PACKCACHE) not built: exlint will read the JSON packs"; fi

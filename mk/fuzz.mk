# Fuzzing (issue 9). `make fuzz FUZZ_SECONDS=N` runs every libFuzzer target
# for N seconds (clang 14, -fsanitize=fuzzer,address,undefined); CI calls it
# separately. `make check` replays the checked-in seeds through the same
# entry points under ASan + UBSan without libFuzzer (check-fuzz-replay).
DEPS_PKGS += clang libclang-rt-14-dev
CHECK_TARGETS += check-fuzz-replay

FUZZ_SECONDS ?= 60
FUZZ_TARGETS = draft pack config lsp prefilter windows
FUZZ_BUILD = $(BUILD)/fuzz
FUZZ_CFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
              -fno-sanitize-recover=all -Wno-error

.PHONY: fuzz fuzz-build check-fuzz-replay
fuzz-build:
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang \
	  CFLAGS="$(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link" $(FUZZ_BUILD)/libexlint.a
	@for t in $(FUZZ_TARGETS); do \
	  clang $(WARN) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) -Isrc -Itests/fuzz \
	    tests/fuzz/fuzz_$$t.c $(FUZZ_BUILD)/libexlint.a $(LIBS) -o $(FUZZ_BUILD)/fuzz_$$t || exit 1; \
	done

fuzz: fuzz-build
	@bash tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

check-fuzz-replay:
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/asan CFLAGS="$(ASAN_FLAGS)" $(BUILD)/asan/libexlint.a
	@CC="$(CC)" CFLAGS="$(WARN) $(ASAN_FLAGS) $(PKG_CFLAGS) -Isrc" LIBS="$(LIBS)" \
	  bash tests/fuzz/replay.sh $(BUILD)/asan

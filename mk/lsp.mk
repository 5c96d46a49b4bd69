# exlint --lsp (issue 7): scripted JSON-RPC sessions and Neovim's LSP client;
# see tests/lsp/. `make bench-lsp` (not part of check) times a re-lint.
DEPS_PKGS += neovim python3
CHECK_TARGETS += check-lsp check-lsp-relint

# `EXLINT=build/asan/exlint make check-lsp`: the Makefile's own EXLINT
# assignment hides the environment's value, so read it back (GNU make 4.3).
LSP_EXLINT := $(if $(filter file,$(origin EXLINT)),$(or $(shell printenv EXLINT),$(EXLINT)),$(EXLINT))

.PHONY: check-lsp check-lsp-relint bench-lsp
check-lsp:
	EXLINT=$(LSP_EXLINT) bash tests/lsp/run.sh

# The server's long-lived linter finds what a fresh one finds, on random edits.
check-lsp-relint: $(BUILD)/lsp-relint-same
	@$(BUILD)/lsp-relint-same tests/lsp/fixtures/bench-draft.txt tests/lsp/fixtures/draft.txt

$(BUILD)/lsp-relint-same: tests/lsp/relint_same.c $(LIB) $(wildcard src/*.h)
	$(CC) $(ALL_CFLAGS) $< $(LIB) $(LIBS) -o $@

bench-lsp: $(BUILD)/lsp-bench-relint
	bash tests/lsp/bench-relint.sh $(BUILD)/lsp-bench-relint

$(BUILD)/lsp-bench-relint: tests/lsp/bench_relint.c $(LIB) $(wildcard src/*.h)
	$(CC) $(ALL_CFLAGS) $< $(LIB) $(LIBS) -o $@

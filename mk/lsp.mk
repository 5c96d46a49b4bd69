# exlint --lsp (issue 7): scripted JSON-RPC sessions and Neovim's LSP client;
# see tests/lsp/. `make bench-lsp` (not part of check) times a re-lint.
DEPS_PKGS += neovim python3
CHECK_TARGETS += check-lsp

# `EXLINT=build/asan/exlint make check-lsp`: the Makefile's own EXLINT
# assignment hides the environment's value, so read it back (GNU make 4.3).
LSP_EXLINT := $(if $(filter file,$(origin EXLINT)),$(or $(shell printenv EXLINT),$(EXLINT)),$(EXLINT))

.PHONY: check-lsp bench-lsp
check-lsp:
	EXLINT=$(LSP_EXLINT) bash tests/lsp/run.sh

bench-lsp: $(BUILD)/lsp-bench-relint
	bash tests/lsp/bench-relint.sh $(BUILD)/lsp-bench-relint

$(BUILD)/lsp-bench-relint: tests/lsp/bench_relint.c $(LIB) $(wildcard src/*.h)
	$(CC) $(ALL_CFLAGS) $< $(LIB) $(LIBS) -o $@

# `make bench` (issue 9): exlint against proselint, write-good, alex, Harper
# and VADER, with `cat` and a bare Hunspell load as floors. Installs the
# peers itself (Debian and npm, into build/bench/npm); not part of check.
# Writes tests/bench/RESULTS.md. BENCH_QUICK=1 for fewer runs.
.PHONY: bench
bench: all $(BUILD)/bench/hunspell-load
	@python3 tests/bench/bench.py $(CURDIR) $(BUILD)

$(BUILD)/bench/hunspell-load: tests/bench/hunspell_load.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(PKG_CFLAGS) $< $(LIBS) -o $@

# In check: the prefilter (src/prefilter.c) changes no finding. Every corpus
# draft and rule example, at each stage, with it on and off (~20 s).
CHECK_TARGETS += check-prefilter
.PHONY: check-prefilter
check-prefilter: all
	@bash tests/bench/equiv.sh $(EXLINT)

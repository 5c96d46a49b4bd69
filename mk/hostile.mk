# Hostile inputs and memory checking (issue 9).
#   check-hostile   tests/hostile/run.sh: one test per row of the table in
#                   docs/ROBUSTNESS.md, on build/exlint, then the quick rows
#                   again on the ASan + UBSan build
#   check-limits    no bundled rule reaches PCRE2's match limit on long runs
#                   of spaces, dots or emoji after a greeting or trigger word
#                   (tests/hostile/limits.c; `make limits` runs the full grid)
#   check-valgrind  memcheck over every fourth corpus draft (one JSON pass, spelling
#                   on): 0 errors, 0 leaks. `make valgrind` adds the text and
#                   line formats, every draft, --diff and exlint-eval (minutes)
DEPS_PKGS += valgrind util-linux python3
CHECK_TARGETS += check-hostile check-limits check-valgrind

.PHONY: check-hostile check-limits limits check-valgrind valgrind
check-hostile: all
	@bash tests/hostile/run.sh $(EXLINT)
	@$(MAKE) --no-print-directory asan
	@bash tests/hostile/run.sh $(BUILD)/asan/exlint --quick

check-limits: all $(BUILD)/hostile/limits
	@$(BUILD)/hostile/limits --quick 8192

limits: all $(BUILD)/hostile/limits
	@$(BUILD)/hostile/limits 8192

check-valgrind: all
	@bash tests/hostile/valgrind.sh $(BUILD) --quick

valgrind: all
	@bash tests/hostile/valgrind.sh $(BUILD)

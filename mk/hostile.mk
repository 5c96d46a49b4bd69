# Hostile inputs and memory checking (issue 9).
#   check-hostile   tests/hostile/run.sh: one test per row of the table in
#                   docs/ROBUSTNESS.md, on build/exlint, then the quick rows
#                   again on the ASan + UBSan build
#   check-valgrind  memcheck over every fourth corpus draft (one JSON pass, spelling
#                   on): 0 errors, 0 leaks. `make valgrind` adds the text and
#                   line formats, every draft, --diff and exlint-eval (minutes)
DEPS_PKGS += valgrind util-linux python3
CHECK_TARGETS += check-hostile check-valgrind

.PHONY: check-hostile check-valgrind valgrind
check-hostile: all
	@bash tests/hostile/run.sh $(EXLINT)
	@$(MAKE) --no-print-directory asan
	@bash tests/hostile/run.sh $(BUILD)/asan/exlint --quick

check-valgrind: all
	@bash tests/hostile/valgrind.sh $(BUILD) --quick

valgrind: all
	@bash tests/hostile/valgrind.sh $(BUILD)

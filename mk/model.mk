# An experiment, not part of exlint (issue 3): does a learned layer catch the
# drafts the rules miss? Logistic regression over hashed word features
# (tests/model/learned.c), trained by liblinear from corpus/dev, measured by
# grouped cross-validation (tests/model/README.md, RESULTS.md). It did not
# pass its own bar (false positives on new drafts), so it is not linked into
# exlint and `make check` does not run it. `make model-eval` reproduces the
# table; it installs liblinear-tools itself when missing, as `make bench`
# installs its peers.
MODEL_DIR  = tests/model/model
MODEL_TOOL = $(BUILD)/exlint-model
MODEL_WORK = $(BUILD)/model

.PHONY: model model-eval check-model model-deps

$(MODEL_TOOL): tests/model/tool.c tests/model/learned.c tests/model/learned.h $(LIB) $(wildcard src/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/model tests/model/tool.c tests/model/learned.c $(LIB) $(LIBS) -o $@

model-deps:
	@command -v liblinear-train >/dev/null || { apt-get update -qq && apt-get install -y -qq liblinear-tools; }

model: $(MODEL_TOOL) model-deps
	@bash tests/model/run.sh train $(MODEL_TOOL) $(MODEL_WORK) $(MODEL_DIR)

model-eval: $(MODEL_TOOL) model-deps
	@bash tests/model/run.sh eval $(MODEL_TOOL) $(MODEL_WORK) $(MODEL_DIR)

check-model: $(MODEL_TOOL) model-deps
	@bash tests/model/run.sh check $(MODEL_TOOL) $(MODEL_WORK) $(MODEL_DIR)

# The word-evidence model (src/learned.c): logistic regression over hashed
# word features, trained by liblinear from corpus/dev (tests/model/train.py)
# into patterns/learned.bin, which the tone reads (docs/TONE.md). As
# findings it did not pass its own bar (false positives on new drafts,
# tests/model/README.md), so it mostly weighs in the tone; ten category
# models make the `<category>.learned` findings (patterns/learned.json:
# safety as an error, the rest as warnings, tests/model/README.md says
# when each one speaks). `make check` runs
# check-model: the C scorer agrees with the trainer, training is
# deterministic and the shipped model is current. liblinear-tools is
# installed when missing, as `make bench` installs its peers.
CHECK_TARGETS += check-model
MODEL_DIR  = patterns
MODEL_TOOL = $(BUILD)/exlint-model
MODEL_WORK = $(BUILD)/model

.PHONY: model model-eval check-model model-deps

$(MODEL_TOOL): tests/model/tool.c $(LIB) $(wildcard src/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) tests/model/tool.c $(LIB) $(LIBS) -o $@

model-deps:
	@command -v liblinear-train >/dev/null || { apt-get update -qq && apt-get install -y -qq liblinear-tools; }

model: $(MODEL_TOOL) model-deps
	@bash tests/model/run.sh train $(MODEL_TOOL) $(MODEL_WORK) $(MODEL_DIR)

model-eval: $(MODEL_TOOL) model-deps
	@bash tests/model/run.sh eval $(MODEL_TOOL) $(MODEL_WORK) $(MODEL_DIR)

check-model: $(MODEL_TOOL) model-deps
	@bash tests/model/run.sh check $(MODEL_TOOL) $(MODEL_WORK) $(MODEL_DIR)

# Editor plugins (editor-plugins/vim, editor-plugins/emacs): tests run inside
# real vim (with ALE) and Emacs (Flymake, Flycheck); see tests/editors/.
DEPS_PKGS += vim-nox vim-ale emacs-nox elpa-flycheck git
CHECK_TARGETS += check-editors

.PHONY: check-editors bench-vim
check-editors:
	EXLINT=$(EXLINT) bash tests/editors/run.sh

# Not part of check: how long :ExLint takes on a 2 KB draft.
bench-vim:
	EXLINT=$(EXLINT) bash tests/editors/bench-vim.sh

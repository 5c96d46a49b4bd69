;;; exlint-test.el --- ERT tests for exlint.el  -*- lexical-binding: t; -*-

;;; Commentary:

;; Run by tests/editors/run-emacs.sh in `emacs --batch'.  The environment
;; gives EXLINT (the CLI), EXLINT_FIXTURES, EXLINT_FIXTURE_ARGS (options
;; that load only the fixture pack), EXLINT_WORK (a scratch directory) and
;; EXLINT_EMACS_PLUGIN (editor-plugins/emacs).

;;; Code:

(require 'ert)
(require 'cl-lib)
(require 'seq)
(require 'package)
(setq package-user-dir (expand-file-name "elpa" (getenv "EXLINT_WORK")))
;; emacs -Q leaves out Debian's system package directory: add it (or the
;; directories named in EXLINT_ELPA_DIRS) so that Flycheck can be loaded.
(setq package-directory-list
      (if (getenv "EXLINT_ELPA_DIRS")
          (split-string (getenv "EXLINT_ELPA_DIRS") ":" t)
        (seq-filter #'file-directory-p '("/usr/share/emacs/site-lisp/elpa"))))
(package-initialize)
(defvar markdown-mode-hook)
(add-to-list 'load-path (getenv "EXLINT_EMACS_PLUGIN"))
(require 'exlint)
(defconst exlint-test-flycheck-loaded-by-exlint (featurep 'flycheck)
  "Whether loading exlint.el loaded Flycheck (it must not).")
(require 'message)

(setq exlint-executable (getenv "EXLINT")
      exlint-extra-args (split-string (getenv "EXLINT_FIXTURE_ARGS"))
      flymake-log-level -1)

(defconst exlint-test-draft
  (with-temp-buffer
    (insert-file-contents (expand-file-name "draft.txt" (getenv "EXLINT_FIXTURES")))
    (buffer-string))
  "The fixture text.")

;; What the fixture pack finds, worked out from the text: Emacs counts
;; characters, so a position is 1 + the code points before it.  Line 1 has
;; 51 characters, line 2 starts at 53; line 2 has 44, line 3 starts at 98.
;; "I’m so sorry" is at code point 22 of line 1 (12 long), "Please answer
;; me" at 1 of line 2, "right now" at 35 of line 2, "Call me tonight" at 15
;; of line 3.
(defconst exlint-test-expected
  '((22 34 :note "I’m so sorry"
        "one plain apology is enough [over-apology.editor-fixture-so-sorry] -- say sorry once, without the intensifier")
    (53 69 :warning "Please answer me"
        "asking to be answered puts them on the spot [begging.editor-fixture-please-answer] -- leave the door open instead of asking for a reply")
    (87 96 :error "right now"
        "an immediate deadline pressures them [pressure.editor-fixture-right-now] -- let them pick the time")
    (112 127 :warning "Call me tonight"
         "a same-night call request is pushy [pressure.editor-fixture-call-me-tonight] -- offer a call and let them choose when"))
  "Expected diagnostics: BEG END TYPE TEXT-AT-SPAN MESSAGE.")

(defconst exlint-test-fixed
  (concat "Hey “you” 👋 it’s me. I'm sorry about everything.\n"
          "Please answer me — I need to talk when you can.\n"
          "Café later? 🙂 Call me tonight.\n")
  "The fixture after the two rewrites of the fixture pack.")

(defvar exlint-test-counter 0)

(defmacro exlint-test-with-draft (&rest body)
  "Run BODY in a fresh buffer visiting a copy of the fixture."
  (declare (indent 0))
  `(let* ((file (expand-file-name
                 (format "draft-%d.txt" (cl-incf exlint-test-counter))
                 (getenv "EXLINT_WORK")))
          (coding-system-for-write 'utf-8-unix))
     (with-temp-file file (insert exlint-test-draft))
     (let ((buf (let ((coding-system-for-read 'utf-8)) (find-file-noselect file))))
       (unwind-protect
           (with-current-buffer buf ,@body)
         (with-current-buffer buf (set-buffer-modified-p nil))
         (kill-buffer buf)))))

(defun exlint-test-wait (pred &optional seconds)
  "Wait up to SECONDS (default 10) for PRED to return non-nil."
  (let ((deadline (+ (float-time) (or seconds 10))))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.02))
    (funcall pred)))

(defun exlint-test-backend-run ()
  "Call `exlint-flymake' directly; return the list of reports."
  (let* ((reports nil)
         (report-fn (lambda (diags &rest _) (push diags reports))))
    (exlint-flymake report-fn)
    (exlint-test-wait (lambda () reports))
    (sleep-for 0.1)
    (accept-process-output nil 0.05)
    reports))

(defun exlint-test-diag-summary (diags)
  "Summarise Flymake DIAGS as BEG END TYPE TEXT-AT-SPAN MESSAGE."
  (mapcar (lambda (d)
            (list (flymake-diagnostic-beg d) (flymake-diagnostic-end d)
                  (flymake-diagnostic-type d)
                  (buffer-substring-no-properties (flymake-diagnostic-beg d)
                                                  (flymake-diagnostic-end d))
                  (flymake-diagnostic-text d)))
          (sort (copy-sequence diags)
                (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b))))))

(defun exlint-test-cli-tone ()
  "Run the CLI on the fixture directly and return its tone alist."
  (with-temp-buffer
    (insert exlint-test-draft)
    (let ((coding-system-for-write 'utf-8-unix)
          (coding-system-for-read 'utf-8-unix))
      (apply #'call-process-region (point-min) (point-max) exlint-executable t
             (list t nil) nil "--format=json" (append exlint-extra-args '("-"))))
    (goto-char (point-min))
    (alist-get 'tone (car (alist-get 'files (exlint--read-json))))))

;;;; Package quality

(ert-deftest exlint-byte-compile ()
  "exlint.el compiles with warnings turned into errors."
  (let* ((dir (make-temp-file "exlint-elc" t))
         (src (expand-file-name "exlint.el" dir)))
    (unwind-protect
        (progn
          (copy-file (locate-library "exlint.el") src)
          (let ((byte-compile-error-on-warn t)
                (byte-compile-log-buffer "*exlint-compile-log*"))
            (should (byte-compile-file src))))
      (delete-directory dir t))))

(ert-deftest exlint-checkdoc ()
  "Checkdoc finds nothing to complain about."
  (require 'checkdoc)
  (let ((complaints nil))
    ;; checkdoc-file reports through `warn' (which calls `display-warning').
    (cl-letf (((symbol-function 'warn)
               (lambda (&rest args) (push (apply #'format-message args) complaints)))
              ((symbol-function 'display-warning)
               (lambda (_type msg &rest _) (push msg complaints))))
      (checkdoc-file (locate-library "exlint.el")))
    (should (equal complaints nil))))

(ert-deftest exlint-package-headers ()
  "The file has the usual package headers and lexical binding."
  (require 'lisp-mnt)
  (with-temp-buffer
    (insert-file-contents (locate-library "exlint.el"))
    (should (string-match-p "-\\*- lexical-binding: t; -\\*-"
                            (buffer-substring (point-min) (line-end-position))))
    (should (equal (lm-summary) "Lint a message to your ex before you send it"))
    (should (equal (lm-header "Version") "0.1.0"))
    (should (string-match-p "(emacs \"26.1\")" (lm-header "Package-Requires")))
    (should (lm-commentary))
    (should (lm-code-start))))

(ert-deftest exlint-customize-group ()
  "The customize group holds the executable, stage and fail level."
  (let ((members (mapcar #'car (get 'exlint 'custom-group))))
    (dolist (opt '(exlint-executable exlint-stage exlint-fail-level))
      (should (memq opt members)))))

;;;; Flymake

(ert-deftest exlint-flymake-diagnostics ()
  "The backend reports each finding with its span and severity."
  (exlint-test-with-draft
    (let ((reports (exlint-test-backend-run)))
      (should (= (length reports) 1))
      (should (equal (exlint-test-diag-summary (car reports)) exlint-test-expected)))))

(ert-deftest exlint-flymake-unsaved-text ()
  "The backend lints the buffer text, not the file."
  (exlint-test-with-draft
    ;; Replace the 44 characters of line 2 (53..96): "Ça va? 😀 " is 9
    ;; characters, so "right now" starts at 53 + 9 = 62; the new line has 18
    ;; characters, so line 3 starts 26 earlier (72) and its finding at 86.
    (goto-char 53)
    (delete-region 53 97)
    (insert "Ça va? 😀 right now")
    (let ((summary (exlint-test-diag-summary (car (exlint-test-backend-run)))))
      (should (equal (mapcar (lambda (d) (list (nth 0 d) (nth 1 d) (nth 2 d) (nth 3 d))) summary)
                     '((22 34 :note "I’m so sorry")
                       (62 71 :error "right now")
                       (86 101 :warning "Call me tonight")))))))

(ert-deftest exlint-flymake-large-input ()
  "All of a text larger than a pipe buffer reaches exlint."
  (with-temp-buffer
    (let ((filler "Some filler about the weather and the garden, nothing more.\n"))
      (dotimes (_ 2000) (insert filler))
      (insert "Café? 🙂 I need to talk right now.\n")
      ;; The last line starts after 2000 filler lines; "Café? 🙂 I need to
      ;; talk " is 23 characters.
      (let ((beg (+ 1 (* 2000 (length filler)) 23)))
        (should (equal (mapcar (lambda (d) (list (nth 0 d) (nth 1 d) (nth 2 d)))
                               (exlint-test-diag-summary (car (exlint-test-backend-run))))
                       (list (list beg (+ beg 9) :error))))))))

(ert-deftest exlint-flymake-kills-stale-run ()
  "A new check kills the one still running; only the new one reports."
  (exlint-test-with-draft
    (let* ((reports nil)
           (report-fn (lambda (diags &rest _) (push diags reports))))
      (exlint-flymake report-fn)
      (let ((first exlint--flymake-proc))
        ;; Drop line 3 ("Call me tonight") before the first run reports.
        (delete-region 98 (point-max))
        (exlint-flymake report-fn)
        (should-not (eq first exlint--flymake-proc))
        (exlint-test-wait (lambda () reports))
        (sleep-for 0.2)
        (should-not (process-live-p first))
        (should (= (length reports) 1))
        ;; The report is for the new text.
        (should (= (length (car reports)) 3))))))

(ert-deftest exlint-flymake-message-mode-body ()
  "In a mail buffer the headers and the signature are not linted."
  (with-temp-buffer
    (message-mode)
    (insert "To: someone@example.org\nSubject: right now\n"
            mail-header-separator "\n"
            "Hi, call me tonight\n-- \nright now\n")
    (let ((summary (exlint-test-diag-summary (car (exlint-test-backend-run)))))
      (should (equal (mapcar (lambda (d) (list (nth 2 d) (nth 3 d))) summary)
                     '((:warning "call me tonight")))))))

(ert-deftest exlint-flymake-error-panics ()
  "A failing exlint run makes the backend report :panic."
  (exlint-test-with-draft
    (let* ((exlint-extra-args '("--format=nonsense" "--no-such-option"))
           (reports nil)
           (report-fn (lambda (&rest args) (push args reports))))
      (exlint-flymake report-fn)
      (exlint-test-wait (lambda () reports))
      (should (eq (car (car reports)) :panic)))))

(ert-deftest exlint-setup-flymake-mode ()
  "After `exlint-setup', a text file opened gets flymake-mode and exlint."
  (let ((text-mode-hook nil) (message-mode-hook nil) (markdown-mode-hook nil))
    (exlint-setup)
    (should (memq #'exlint-flymake-enable markdown-mode-hook))
    (should (memq #'exlint-flymake-enable message-mode-hook))
    (exlint-test-with-draft
      (should (eq major-mode 'text-mode))
      (should flymake-mode)
      (should (memq #'exlint-flymake flymake-diagnostic-functions))
      (flymake-start)
      (should (exlint-test-wait
               (lambda () (= (length (flymake-diagnostics)) 4))))
      (should (equal (exlint-test-diag-summary (flymake-diagnostics))
                     exlint-test-expected)))
    (with-temp-buffer
      (message-mode)
      (should flymake-mode)
      (should (memq #'exlint-flymake flymake-diagnostic-functions)))))

;;;; Flycheck

(ert-deftest exlint-flycheck-checker ()
  "The Flycheck checker reports the findings as Flycheck errors."
  (should-not exlint-test-flycheck-loaded-by-exlint)
  (should (require 'flycheck nil t))
  (should (flycheck-valid-checker-p 'exlint))
  (should (memq 'exlint flycheck-checkers))
  (exlint-test-with-draft
    (let ((flycheck-checkers '(exlint))
          (flycheck-check-syntax-automatically nil))
      (flycheck-mode 1)
      (should (flycheck-may-use-checker 'exlint))
      (flycheck-buffer)
      (should (exlint-test-wait (lambda () (not (flycheck-running-p)))))
      (should (equal
               (mapcar (lambda (e)
                         (list (flycheck-error-line e) (flycheck-error-column e)
                               (flycheck-error-end-line e) (flycheck-error-end-column e)
                               (flycheck-error-level e) (flycheck-error-id e)))
                       (sort (copy-sequence flycheck-current-errors)
                             (lambda (a b) (< (flycheck-error-column a) (flycheck-error-column b)))))
               ;; Columns in characters, right-open, as Flycheck wants.
               (sort
                (list '(1 22 1 34 info "over-apology.editor-fixture-so-sorry")
                      '(2 1 2 17 warning "begging.editor-fixture-please-answer")
                      '(2 35 2 44 error "pressure.editor-fixture-right-now")
                      '(3 15 3 30 warning "pressure.editor-fixture-call-me-tonight"))
                (lambda (a b) (< (nth 1 a) (nth 1 b))))))
      (flycheck-mode -1))))

;;;; Report and rewrites

(ert-deftest exlint-buffer-report ()
  "`exlint-buffer' shows the tone score, the verdict and each finding."
  (let ((tone (exlint-test-cli-tone)))
    (exlint-test-with-draft
      (let ((report (exlint-buffer)))
        (with-current-buffer report
          (let ((text (buffer-string)))
            (should (eq major-mode 'exlint-report-mode))
            (should (string-match-p
                     (regexp-quote (format "Tone:    %d/100 (%s)\n"
                                           (alist-get 'score tone) (alist-get 'label tone)))
                     text))
            ;; An error and two warnings: a warning or worse means wait.
            (should (string-match-p "^Verdict: sleep on it$" text))
            (dolist (line '("1:22: info: one plain apology is enough [over-apology.editor-fixture-so-sorry]"
                            "2:1: warning: asking to be answered puts them on the spot [begging.editor-fixture-please-answer]"
                            "2:35: error: an immediate deadline pressures them [pressure.editor-fixture-right-now]"
                            "3:15: warning: a same-night call request is pushy [pressure.editor-fixture-call-me-tonight]"
                            "    rewrite: \"when you can\""))
              (should (string-match-p (concat "^" (regexp-quote line) "$") text)))
            ;; RET on a finding goes to its text.
            (goto-char (point-min))
            (search-forward "2:35: error")
            (exlint-report-visit)
            (should (looking-at "right now"))))))))

(ert-deftest exlint-buffer-clean-text ()
  "A draft without findings is ok to send."
  (with-temp-buffer
    (insert "Hope the new job is going well.\n")
    (let ((report (exlint-buffer)))
      (with-current-buffer report
        (should (string-match-p "^Verdict: ok to send$" (buffer-string)))
        (should (string-match-p "^No findings\\.$" (buffer-string)))))))

(ert-deftest exlint-buffer-fail-level ()
  "The verdict follows `exlint-fail-level': one warning is fine at error."
  (with-temp-buffer
    (insert "Hi, call me tonight\n")
    (let ((verdicts
           (mapcar (lambda (level)
                     (let ((exlint-fail-level level))
                       (with-current-buffer (exlint-buffer)
                         (goto-char (point-min))
                         (re-search-forward "^Verdict: \\(.*\\)$")
                         (match-string 1))))
                   '(nil "error"))))
      (should (equal verdicts '("sleep on it" "ok to send"))))))

(ert-deftest exlint-fix-rewrites ()
  "`exlint-fix' applies the rewrites, and one undo takes them back."
  (exlint-test-with-draft
    (buffer-enable-undo)
    (undo-boundary)
    (should (= (exlint-fix) 2))
    (should (equal (buffer-string) exlint-test-fixed))
    (undo-boundary)
    (let ((last-command nil)) (undo))
    (should (equal (buffer-string) exlint-test-draft))))

(provide 'exlint-test)
;;; exlint-test.el ends here

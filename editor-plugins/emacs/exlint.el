;;; exlint.el --- Lint a message to your ex before you send it  -*- lexical-binding: t; -*-

;; Copyright (C) 2026 The exlint authors

;; Author: The exlint authors
;; Version: 0.1.0
;; Package-Requires: ((emacs "26.1"))
;; Keywords: mail, convenience, wp

;; This file is not part of GNU Emacs.

;; This program is free software: you can redistribute it and/or modify
;; it under the same terms as exlint itself.

;;; Commentary:

;; exlint reads a draft message to an ex and points at the parts that
;; tend to go badly: begging, guilt-tripping, pressure, blame and so
;; on.  This package runs the exlint program on the text of a buffer
;; (through its standard input, never through a file) and shows the
;; findings.
;;
;; - Flymake: `exlint-flymake' is a Flymake backend.  Call
;;   (exlint-setup) in your init file and every `text-mode',
;;   `message-mode' and `markdown-mode' buffer opened afterwards is
;;   checked as you type.  `exlint-flymake-enable' does it for the
;;   current buffer only.
;; - Flycheck: when Flycheck is loaded, the checker `exlint' is
;;   defined and added to `flycheck-checkers'.
;; - M-x exlint-buffer shows a report with the tone score, the verdict
;;   and each finding; M-x exlint-fix applies the rewrites exlint
;;   offers, as one undo step.
;;
;; Settings are in the customize group `exlint': the executable, the
;; stage and the fail level.
;;
;; Neovim, Helix, VS Code and eglot users can use exlint's language
;; server instead; see editor-plugins/LSP.md in the exlint sources.

;;; Code:

(require 'flymake)
(require 'json)
(require 'seq)
(eval-when-compile (require 'subr-x))

(defvar mail-header-separator)
(defvar flycheck-checkers)
(declare-function flycheck-define-generic-checker "ext:flycheck")
(declare-function flycheck-error-new-at "ext:flycheck")
(declare-function flycheck-error-new-at-pos "ext:flycheck")

;;;; Options

(defgroup exlint nil
  "Check a message to your ex before you send it."
  :group 'tools
  :prefix "exlint-")

(defcustom exlint-executable "exlint"
  "Name or path of the exlint program."
  :type 'string)

(defcustom exlint-stage nil
  "Where you are with this person, passed as --stage.
nil lets exlint decide (its config file, else first contact)."
  :type '(choice (const :tag "Decided by exlint" nil)
                 (const "first-contact")
                 (const "reconnecting")
                 (const "relationship-talk")))

(defcustom exlint-fail-level nil
  "Lowest severity that makes the verdict \"sleep on it\".
It is passed as --fail-level; nil lets exlint decide (warning)."
  :type '(choice (const :tag "Decided by exlint" nil)
                 (const "info")
                 (const "warning")
                 (const "error")))

(defcustom exlint-extra-args nil
  "Extra command-line arguments for exlint, as a list of strings."
  :type '(repeat string))

(defcustom exlint-timeout 10
  "Seconds that `exlint-buffer' and `exlint-fix' wait for exlint."
  :type 'number)

;;;; Running exlint

(defun exlint--args ()
  "Return the arguments for a JSON run of exlint on the current buffer."
  (append (list "--format=json")
          (when exlint-stage (list (concat "--stage=" exlint-stage)))
          (when exlint-fail-level
            (list (concat "--fail-level=" exlint-fail-level)))
          exlint-extra-args
          (when buffer-file-name (list "--stdin-filename" buffer-file-name))
          (list "-")))

(defun exlint--region ()
  "Return the region holding the message, as (BEG . END).
In a mail buffer the headers and the signature are left out."
  (save-excursion
    (save-restriction
      (widen)
      (let ((beg (point-min)) (end (point-max)))
        (when (and (derived-mode-p 'message-mode 'mail-mode)
                   (boundp 'mail-header-separator))
          (goto-char (point-min))
          (when (re-search-forward
                 (concat "^" (regexp-quote mail-header-separator) "$") nil t)
            (setq beg (min (1+ (point)) (point-max))))
          (goto-char beg)
          (when (re-search-forward "^-- $" nil t)
            (setq end (match-beginning 0))))
        (cons beg end)))))

(defun exlint--read-json ()
  "Parse the JSON document after point into alists and lists."
  (if (fboundp 'json-parse-buffer)
      (json-parse-buffer :object-type 'alist :array-type 'list
                         :null-object nil :false-object nil)
    (let ((json-object-type 'alist) (json-array-type 'list)
          (json-key-type 'symbol))
      (json-read))))

(defun exlint--parse-output (status output errors)
  "Turn a finished run into a result plist.
STATUS is the exit status, OUTPUT the standard output and ERRORS the
standard error.  The plist has :status, and :file (the first file of the
JSON document) or :error (a message)."
  (let ((doc (and (memq status '(0 1))
                  (condition-case nil
                      (with-temp-buffer
                        (insert output)
                        (goto-char (point-min))
                        (exlint--read-json))
                    (error nil)))))
    (if (and doc (alist-get 'files doc))
        (list :status status :file (car (alist-get 'files doc)))
      (list :status status
            :error (let ((line (car (split-string errors "\n" t))))
                     (or line (format "Exit status %s and no usable output"
                                      status)))))))

(defun exlint--start (callback)
  "Start exlint on the message in the current buffer.
CALLBACK is called in the buffer with the process and a result plist
\(see `exlint--parse-output'), to which :base (the byte position where
the linted text starts) is added.  A killed run calls nothing.  Return
the process."
  (let* ((source (current-buffer))
         (region (exlint--region))
         (base (save-restriction (widen) (position-bytes (car region))))
         (out (generate-new-buffer " *exlint-output*"))
         (err (generate-new-buffer " *exlint-errors*"))
         (proc
          (make-process
           :name "exlint"
           :buffer out
           :stderr err
           :command (cons exlint-executable (exlint--args))
           :connection-type 'pipe
           :coding 'utf-8-unix
           :noquery t
           :sentinel
           (lambda (proc _event)
             (when (memq (process-status proc) '(exit signal))
               (unwind-protect
                   (when (and (eq (process-status proc) 'exit)
                              (buffer-live-p source))
                     (let* ((errp (get-buffer-process err))
                            (_ (when errp (accept-process-output errp 0.05)))
                            (result
                             (exlint--parse-output
                              (process-exit-status proc)
                              (with-current-buffer out (buffer-string))
                              (with-current-buffer err (buffer-string)))))
                       (with-current-buffer source
                         (funcall callback proc
                                  (plist-put result :base base)))))
                 (kill-buffer out)
                 (kill-buffer err)))))))
    ;; exlint may already have exited (say, on a usage error): its sentinel
    ;; reports that, so a failed write is not an error here.
    (condition-case nil
        (save-restriction
          (widen)
          (process-send-region proc (car region) (cdr region))
          (process-send-eof proc))
      (error nil))
    proc))

(defun exlint--run-sync ()
  "Run exlint on the current buffer and wait for the result plist."
  (unless (executable-find exlint-executable)
    (user-error "Cannot find exlint (customize `exlint-executable')"))
  (let* ((result nil)
         (proc (exlint--start (lambda (_proc r) (setq result r))))
         (deadline (+ (float-time) exlint-timeout)))
    ;; Wait on all processes (nil), not on PROC alone: once PROC has exited,
    ;; waiting on it returns at once and need not run its sentinel.
    (while (and (not result) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (unless result
      (delete-process proc)
      (user-error "Exlint did not answer in %s seconds" exlint-timeout))
    (when-let ((msg (plist-get result :error)))
      (user-error "Exlint failed: %s" msg))
    result))

(defun exlint--span (finding base)
  "Return the buffer region (BEG . END) of FINDING.
BASE is the byte position where the linted text starts.  The byte
offset of FINDING is used, so multibyte text is placed exactly."
  (save-restriction
    (widen)
    (let* ((offset (alist-get 'offset finding))
           (beg (byte-to-position (+ base offset)))
           (end (byte-to-position (+ base offset (alist-get 'length finding)))))
      (cons (or beg (point-max)) (or end (point-max))))))

(defun exlint--text (finding)
  "Return the text shown for FINDING: message, rule and suggestion."
  (let ((suggestion (alist-get 'suggestion finding)))
    (concat (alist-get 'message finding)
            " [" (alist-get 'rule finding) "]"
            (if (stringp suggestion) (concat " -- " suggestion) ""))))

(defun exlint--verdict (result)
  "Return the verdict for RESULT, from exlint's exit status.
Status 1 means a finding reached the fail level (warning unless
`exlint-fail-level' or the exlint config says otherwise)."
  (if (eql (plist-get result :status) 1) "sleep on it" "ok to send"))

;;;; Flymake

(defvar-local exlint--flymake-proc nil
  "The exlint process of the last Flymake check in this buffer.")

(defun exlint--flymake-type (severity)
  "Return the Flymake diagnostic type for exlint SEVERITY."
  (pcase severity
    ("error" :error)
    ("warning" :warning)
    (_ :note)))

(defun exlint-flymake (report-fn &rest _args)
  "Flymake backend running exlint on the buffer; report with REPORT-FN.
A check still running when a new one starts is killed."
  (unless (executable-find exlint-executable)
    (error "Cannot find exlint (customize `exlint-executable')"))
  (when (process-live-p exlint--flymake-proc)
    (kill-process exlint--flymake-proc))
  (let ((source (current-buffer)))
    (setq exlint--flymake-proc
          (exlint--start
           (lambda (proc result)
             (cond
              ((not (eq proc exlint--flymake-proc))
               (flymake-log :warning "Ignoring an obsolete exlint check"))
              ((plist-get result :error)
               (funcall report-fn :panic
                        :explanation (plist-get result :error)))
              (t
               (let ((base (plist-get result :base)))
                 (funcall
                  report-fn
                  (mapcar
                   (lambda (finding)
                     (let ((span (exlint--span finding base)))
                       (flymake-make-diagnostic
                        source (car span) (cdr span)
                        (exlint--flymake-type (alist-get 'severity finding))
                        (exlint--text finding))))
                   (alist-get 'findings (plist-get result :file))))))))))))

;;;###autoload
(defun exlint-flymake-enable ()
  "Check the current buffer with exlint through Flymake."
  (interactive)
  (add-hook 'flymake-diagnostic-functions #'exlint-flymake nil t)
  (flymake-mode 1))

;;;###autoload
(defun exlint-setup ()
  "Check every text, mail and Markdown buffer opened from now on.
Buffers in `text-mode', `message-mode' and `markdown-mode' (and modes
derived from them) get the exlint Flymake backend and `flymake-mode'."
  (interactive)
  (dolist (hook '(text-mode-hook message-mode-hook markdown-mode-hook))
    (add-hook hook #'exlint-flymake-enable)))

;;;; Flycheck

(defvar-local exlint--flycheck-proc nil
  "The exlint process of the last Flycheck check in this buffer.")

(defun exlint--flycheck-error (finding base checker)
  "Return a Flycheck error for FINDING by CHECKER.
BASE is the byte position where the linted text starts."
  (let ((span (exlint--span finding base))
        (level (pcase (alist-get 'severity finding)
                 ("error" 'error) ("warning" 'warning) (_ 'info)))
        (text (exlint--text finding)))
    (if (fboundp 'flycheck-error-new-at-pos)
        (flycheck-error-new-at-pos (car span) level text
                                   :end-pos (cdr span) :checker checker
                                   :id (alist-get 'rule finding))
      (save-excursion
        (goto-char (car span))
        (flycheck-error-new-at (line-number-at-pos)
                               (1+ (- (point) (line-beginning-position)))
                               level text :checker checker
                               :id (alist-get 'rule finding))))))

(defun exlint--flycheck-start (checker callback)
  "Start exlint for Flycheck CHECKER and report to CALLBACK."
  (setq exlint--flycheck-proc
        (exlint--start
         (lambda (proc result)
           (when (eq proc exlint--flycheck-proc)
             (if (plist-get result :error)
                 (funcall callback 'errored (plist-get result :error))
               (let ((base (plist-get result :base)))
                 (funcall callback 'finished
                          (mapcar (lambda (finding)
                                    (exlint--flycheck-error finding base checker))
                                  (alist-get 'findings
                                             (plist-get result :file)))))))))))

(defun exlint--flycheck-interrupt (_checker _context)
  "Stop the running exlint Flycheck check."
  (when (process-live-p exlint--flycheck-proc)
    (kill-process exlint--flycheck-proc))
  (setq exlint--flycheck-proc nil))

(with-eval-after-load 'flycheck
  (flycheck-define-generic-checker 'exlint
    "Check a message to an ex with exlint.

exlint reads the buffer on its standard input and reports begging,
pressure, guilt-tripping and similar problems as JSON."
    :start #'exlint--flycheck-start
    :interrupt #'exlint--flycheck-interrupt
    :modes '(text-mode markdown-mode gfm-mode message-mode mail-mode)
    :predicate (lambda () (executable-find exlint-executable)))
  (add-to-list 'flycheck-checkers 'exlint t))

;;;; Report and rewrites

(defvar exlint-report-mode-map
  (let ((map (make-sparse-keymap)))
    (define-key map (kbd "RET") #'exlint-report-visit)
    (define-key map (kbd "n") #'next-line)
    (define-key map (kbd "p") #'previous-line)
    map)
  "Keymap for `exlint-report-mode'.")

(define-derived-mode exlint-report-mode special-mode "exlint"
  "Mode of the exlint report buffer.
\\<exlint-report-mode-map>\\[exlint-report-visit] visits the finding at point.")

(defun exlint-report-visit ()
  "Go to the text of the finding at point."
  (interactive)
  (let ((marker (get-text-property (point) 'exlint-marker)))
    (unless (and marker (marker-buffer marker))
      (user-error "No finding here"))
    (pop-to-buffer (marker-buffer marker))
    (goto-char marker)))

(defun exlint--insert-report (result source)
  "Insert the report for RESULT, a run on buffer SOURCE."
  (let* ((file (plist-get result :file))
         (tone (alist-get 'tone file))
         (findings (alist-get 'findings file))
         (base (plist-get result :base)))
    (insert (format "exlint report for %s\n\n" (buffer-name source)))
    (insert (format "Tone:    %d/100 (%s)\n"
                    (alist-get 'score tone) (alist-get 'label tone)))
    (dolist (component (alist-get 'components tone))
      (insert (format "         %-20s %+d\n" (alist-get 'name component)
                      (alist-get 'delta component))))
    (insert (format "Verdict: %s\n\n" (exlint--verdict result)))
    (if (null findings)
        (insert "No findings.\n")
      (dolist (finding findings)
        (let ((start (point))
              (marker (with-current-buffer source
                        (copy-marker (car (exlint--span finding base)))))
              (suggestion (alist-get 'suggestion finding))
              (replacement (alist-get 'replacement finding)))
          (insert (format "%d:%d: %s: %s [%s]\n"
                          (alist-get 'line finding) (alist-get 'column finding)
                          (alist-get 'severity finding)
                          (alist-get 'message finding) (alist-get 'rule finding)))
          (when (stringp suggestion)
            (insert "    try: " suggestion "\n"))
          (when (stringp replacement)
            (insert (format "    rewrite: %S\n" replacement)))
          (put-text-property start (point) 'exlint-marker marker))))))

;;;###autoload
(defun exlint-buffer ()
  "Lint the current buffer and show a report with the tone score."
  (interactive)
  (let* ((source (current-buffer))
         (result (exlint--run-sync))
         (report (get-buffer-create "*exlint*")))
    (with-current-buffer report
      (let ((inhibit-read-only t))
        (erase-buffer)
        (exlint-report-mode)
        (exlint--insert-report result source)
        (goto-char (point-min))))
    (display-buffer report)
    (message "exlint: tone %d/100, %s"
             (alist-get 'score (alist-get 'tone (plist-get result :file)))
             (exlint--verdict result))
    report))

(defun exlint--apply-fixes (findings base)
  "Apply the replacements of FINDINGS from the last to the first.
BASE is the byte position where the linted text starts.  A rewrite that
overlaps one already applied is skipped.  Return the number applied."
  (let ((limit nil) (count 0))
    (dolist (finding (sort (seq-filter
                            (lambda (f) (stringp (alist-get 'replacement f)))
                            findings)
                           (lambda (a b) (> (alist-get 'offset a)
                                            (alist-get 'offset b)))))
      (let ((end (+ (alist-get 'offset finding) (alist-get 'length finding))))
        (when (or (null limit) (<= end limit))
          (let ((span (exlint--span finding base)))
            (goto-char (car span))
            (delete-region (car span) (cdr span))
            (insert (alist-get 'replacement finding)))
          (setq limit (alist-get 'offset finding)
                count (1+ count)))))
    count))

;;;###autoload
(defun exlint-fix ()
  "Apply all of the rewrites from exlint to the current buffer.
The rewrites form one undo step."
  (interactive)
  (barf-if-buffer-read-only)
  (let* ((result (exlint--run-sync))
         (findings (alist-get 'findings (plist-get result :file)))
         (group (prepare-change-group))
         (count 0))
    (save-excursion
      (save-restriction
        (widen)
        (unwind-protect
            (progn
              (activate-change-group group)
              (setq count (exlint--apply-fixes findings
                                               (plist-get result :base))))
          (undo-amalgamate-change-group group)
          (accept-change-group group))))
    (message "exlint: %d rewrite%s applied" count (if (= count 1) "" "s"))
    count))

(provide 'exlint)
;;; exlint.el ends here

" autoload/exlint.vim - core of the exlint vim plugin
" Runs the exlint CLI on the text of a buffer (through stdin, never through a
" file), and shows the findings as a location list, signs and highlights.
" License: same as exlint

scriptencoding utf-8

let s:save_cpo = &cpoptions
set cpoptions&vim

let s:severity_type = {'error': 'E', 'warning': 'W', 'info': 'I'}
let s:type_name = {'E': 'Error', 'W': 'Warning', 'I': 'Info'}
let s:sign_priority = {'E': 12, 'W': 11, 'I': 10}

" ---------------------------------------------------------------- options

" Read an option for buffer {buf}: b:exlint_NAME, then g:exlint_NAME.
function! exlint#option(buf, name, default) abort
  let l:value = getbufvar(a:buf, 'exlint_' . a:name, v:null)
  if l:value is v:null
    let l:value = get(g:, 'exlint_' . a:name, a:default)
  endif
  return l:value
endfunction

function! exlint#executable(...) abort
  let l:buf = a:0 ? a:1 : bufnr('')
  return exlint#option(l:buf, 'executable', 'exlint')
endfunction

" The argument list (without the executable and without the input file) that
" every run gets: stage, fail level and the user's extra options.
function! exlint#common_args(buf) abort
  let l:args = []
  let l:stage = exlint#option(a:buf, 'stage', '')
  if !empty(l:stage)
    call add(l:args, '--stage=' . l:stage)
  endif
  let l:level = exlint#option(a:buf, 'fail_level', '')
  if !empty(l:level)
    call add(l:args, '--fail-level=' . l:level)
  endif
  let l:extra = exlint#option(a:buf, 'options', [])
  if type(l:extra) == v:t_string
    let l:extra = split(l:extra)
  endif
  return l:args + l:extra
endfunction

" Full argv to lint buffer {buf} through stdin in {format}.
function! exlint#argv(buf, format) abort
  let l:argv = [exlint#executable(a:buf), '--format=' . a:format]
  let l:argv += exlint#common_args(a:buf)
  let l:name = bufname(a:buf)
  if !empty(l:name)
    let l:argv += ['--stdin-filename', fnamemodify(l:name, ':p')]
  endif
  return l:argv + ['-']
endfunction

" ------------------------------------------------------------ buffer text

" Lines that are not part of the message (git comments, mail headers and
" signature) are replaced by as many spaces as they have bytes, so that byte
" offsets and line numbers in the output still match the buffer.
function! exlint#masked_lines(lines, filetype) abort
  let l:lines = copy(a:lines)
  if a:filetype =~# '\<gitcommit\>'
    let l:cut = 0
    for l:i in range(len(l:lines))
      if l:lines[l:i] =~# '^# -\+ >8 -\+$'
        let l:cut = 1
      endif
      if l:cut || l:lines[l:i] =~# '^#'
        let l:lines[l:i] = repeat(' ', strlen(l:lines[l:i]))
      endif
    endfor
  elseif a:filetype =~# '\<mail\>'
    let l:i = 0
    if !empty(l:lines) && l:lines[0] =~# '^[A-Za-z][A-Za-z0-9-]*:'
      while l:i < len(l:lines) && l:lines[l:i] !=# ''
        let l:lines[l:i] = repeat(' ', strlen(l:lines[l:i]))
        let l:i += 1
      endwhile
    endif
    let l:sig = index(l:lines, '-- ', l:i)
    if l:sig >= 0
      for l:j in range(l:sig, len(l:lines) - 1)
        let l:lines[l:j] = repeat(' ', strlen(l:lines[l:j]))
      endfor
    endif
  endif
  return l:lines
endfunction

" Text sent to exlint for buffer {buf}: its lines joined by newlines, with a
" final newline.  Returns [text, original lines].
function! s:buffer_input(buf) abort
  let l:lines = getbufline(a:buf, 1, '$')
  let l:masked = exlint#masked_lines(l:lines, getbufvar(a:buf, '&filetype'))
  return [join(l:masked, "\n") . "\n", l:lines]
endfunction

" ------------------------------------------------------------ running

function! s:use_jobs() abort
  return has('job') && has('channel') && !has('nvim')
endfunction

" Start exlint on {input}; {Done} is called with (status, stdout, stderr).
" Returns the job (or v:null when the run already finished synchronously).
function! s:start(argv, input, Done) abort
  if !s:use_jobs()
    let l:cmd = join(map(copy(a:argv), 'shellescape(v:val)'))
    let l:out = system(l:cmd . ' 2>/dev/null', a:input)
    call a:Done(v:shell_error, l:out, v:shell_error == 2 ? 'exlint failed' : '')
    return v:null
  endif
  let l:state = {'out': [], 'err': [], 'status': v:null, 'closed': 0,
        \ 'reported': 0, 'Done': a:Done}
  let l:job = job_start(a:argv, {
        \ 'in_io': 'pipe', 'out_mode': 'raw', 'err_mode': 'raw',
        \ 'out_cb': {ch, msg -> add(l:state.out, msg)},
        \ 'err_cb': {ch, msg -> add(l:state.err, msg)},
        \ 'exit_cb': {job, code -> s:job_event(l:state, 'status', code)},
        \ 'close_cb': {ch -> s:job_event(l:state, 'closed', 1)},
        \ })
  if job_status(l:job) ==# 'fail'
    call a:Done(-1, '', 'cannot run ' . a:argv[0])
    return v:null
  endif
  " A blocking write (exlint reads all of its input before it writes), so
  " that closing stdin cannot cut off text still queued.  exlint may already
  " have exited (a usage error): its exit status tells, so ignore a failure.
  try
    call ch_sendraw(l:job, a:input)
    call ch_close_in(l:job)
  catch
  endtry
  return {'job': l:job, 'state': l:state}
endfunction

" The result is complete once the job has exited and its output is closed.
function! s:job_event(state, key, value) abort
  let a:state[a:key] = a:value
  if a:state.closed && a:state.status isnot v:null && !a:state.reported
    let a:state.reported = 1
    call a:state.Done(a:state.status, join(a:state.out, ''), join(a:state.err, ''))
  endif
endfunction

" Run exlint synchronously; returns {'status', 'out', 'err'}.
function! exlint#run_sync(argv, input) abort
  let l:result = {}
  let l:Done = {status, out, err -> extend(l:result, {'status': status, 'out': out, 'err': err})}
  let l:run = s:start(a:argv, a:input, l:Done)
  if l:run isnot v:null
    let l:timeout = exlint#option(bufnr(''), 'timeout', 10000)
    let l:start = reltime()
    while empty(l:result)
      if reltimefloat(reltime(l:start)) * 1000 > l:timeout
        call job_stop(l:run.job, 'kill')
        return {'status': -1, 'out': '', 'err': 'exlint timed out'}
      endif
      " Polling the job also runs its exit callback.
      call job_status(l:run.job)
      if empty(l:result)
        sleep 1m
      endif
    endwhile
  endif
  return l:result
endfunction

" ------------------------------------------------------------ parsing

function! s:decode(out) abort
  try
    let l:doc = json_decode(a:out)
  catch
    return v:null
  endtry
  if type(l:doc) != v:t_dict || empty(get(l:doc, 'files', []))
    return v:null
  endif
  return l:doc.files[0]
endfunction

" Byte offset of the start of each line of {lines} joined by newlines.
function! s:line_starts(lines) abort
  let l:starts = []
  let l:pos = 0
  for l:line in a:lines
    call add(l:starts, l:pos)
    let l:pos += strlen(l:line) + 1
  endfor
  return l:starts
endfunction

" [lnum, byte col] (both 1-based) of byte {offset} in the joined text.
" {hint} is exlint's line number for it, checked before it is trusted.
function! s:offset_to_pos(starts, lines, offset, hint) abort
  let l:n = len(a:starts)
  let l:lo = 0
  let l:hi = l:n - 1
  let l:h = a:hint - 1
  if l:h >= 0 && l:h < l:n && a:starts[l:h] <= a:offset
        \ && (l:h + 1 == l:n || a:offset < a:starts[l:h + 1])
    let l:lo = l:h
    let l:hi = l:h
  endif
  while l:lo < l:hi
    let l:mid = (l:lo + l:hi + 1) / 2
    if a:starts[l:mid] <= a:offset
      let l:lo = l:mid
    else
      let l:hi = l:mid - 1
    endif
  endwhile
  let l:col = a:offset - a:starts[l:lo] + 1
  let l:max = strlen(a:lines[l:lo]) + 1
  return [l:lo + 1, l:col > l:max ? l:max : l:col]
endfunction

" Vim byte column (1-based) of code-point column {column} on {line}.
function! exlint#char_to_byte_col(line, column) abort
  if a:column <= 1
    return 1
  endif
  let l:idx = byteidxcomp(a:line, a:column - 1)
  return l:idx < 0 ? strlen(a:line) + 1 : l:idx + 1
endfunction

" Text shown for a finding in lists.
function! exlint#finding_text(finding) abort
  let l:text = a:finding.message . ' [' . a:finding.rule . ']'
  if type(get(a:finding, 'suggestion', v:null)) == v:t_string
    let l:text .= ' -- ' . a:finding.suggestion
  endif
  return l:text
endfunction

" Location list items for the {findings} of a run on {lines} of buffer {buf}.
" Positions come from the byte offsets, so they are exact for any text.
function! exlint#to_items(buf, lines, findings) abort
  let l:starts = s:line_starts(a:lines)
  let l:items = []
  let l:n = len(l:starts)
  for l:f in a:findings
    let l:end = l:f.offset + l:f.length
    " Fast path: exlint's line numbers agree with the offsets (they should).
    let l:h = get(l:f, 'line', 0) - 1
    let l:e = get(l:f, 'end_line', 0) - 1
    if l:h >= 0 && l:e >= l:h && l:e < l:n && l:starts[l:h] <= l:f.offset
          \ && (l:h + 1 == l:n || l:f.offset < l:starts[l:h + 1])
          \ && l:starts[l:e] <= l:end && (l:e + 1 == l:n || l:end < l:starts[l:e + 1])
      let [l:lnum, l:col] = [l:h + 1, l:f.offset - l:starts[l:h] + 1]
      let [l:end_lnum, l:end_col] = [l:e + 1, l:end - l:starts[l:e] + 1]
    else
      let [l:lnum, l:col] = s:offset_to_pos(l:starts, a:lines, l:f.offset, 0)
      let [l:end_lnum, l:end_col] = s:offset_to_pos(l:starts, a:lines, l:end, 0)
    endif
    call add(l:items, {
          \ 'bufnr': a:buf, 'lnum': l:lnum, 'col': l:col,
          \ 'end_lnum': l:end_lnum, 'end_col': l:end_col,
          \ 'type': get(s:severity_type, l:f.severity, 'W'),
          \ 'text': exlint#finding_text(l:f),
          \ })
  endfor
  return l:items
endfunction

" ------------------------------------------------------------ display

function! s:define_signs() abort
  if exists('s:signs_defined')
    return
  endif
  let s:signs_defined = 1
  highlight default link ExLintErrorSign ErrorMsg
  highlight default link ExLintWarningSign WarningMsg
  highlight default link ExLintInfoSign Question
  highlight default link ExLintError SpellBad
  highlight default link ExLintWarning SpellCap
  highlight default link ExLintInfo SpellRare
  for [l:type, l:name] in items(s:type_name)
    call sign_define('ExLint' . l:name, {
          \ 'text': exlint#option(bufnr(''), 'sign_' . tolower(l:name), l:type),
          \ 'texthl': 'ExLint' . l:name . 'Sign'})
    if has('textprop') && empty(prop_type_get('exlint_' . tolower(l:name)))
      call prop_type_add('exlint_' . tolower(l:name), {
            \ 'highlight': 'ExLint' . l:name, 'combine': 1, 'priority': s:sign_priority[l:type]})
    endif
  endfor
endfunction

function! exlint#clear(buf) abort
  call sign_unplace('exlint', {'buffer': a:buf})
  if has('textprop')
    for l:name in values(s:type_name)
      if !empty(prop_type_get('exlint_' . tolower(l:name)))
        call prop_remove({'type': 'exlint_' . tolower(l:name), 'bufnr': a:buf, 'all': 1})
      endif
    endfor
  else
    for l:id in get(w:, 'exlint_matches', [])
      silent! call matchdelete(l:id)
    endfor
    let w:exlint_matches = []
  endif
endfunction

function! s:show(buf, items) abort
  call s:define_signs()
  call exlint#clear(a:buf)
  for l:item in a:items
    let l:name = s:type_name[l:item.type]
    call sign_place(0, 'exlint', 'ExLint' . l:name, a:buf,
          \ {'lnum': l:item.lnum, 'priority': s:sign_priority[l:item.type]})
    if has('textprop')
      call prop_add(l:item.lnum, l:item.col, {
            \ 'type': 'exlint_' . tolower(l:name), 'bufnr': a:buf,
            \ 'end_lnum': l:item.end_lnum, 'end_col': l:item.end_col})
    elseif bufnr('') == a:buf && l:item.lnum == l:item.end_lnum
      call add(w:exlint_matches, matchaddpos('ExLint' . l:name,
            \ [[l:item.lnum, l:item.col, max([1, l:item.end_col - l:item.col])]]))
    endif
  endfor
endfunction

" Put {items} in the location list of every window showing {buf}.
function! s:set_loclist(buf, items) abort
  for l:win in win_findbuf(a:buf)
    call setloclist(l:win, [], 'r', {'title': 'exlint', 'items': a:items})
  endfor
endfunction

function! s:summary(result) abort
  return printf('exlint: tone %d/100 (%s), %s: %s',
        \ a:result.score, a:result.label, a:result.verdict,
        \ s:count_text(a:result.counts))
endfunction

function! s:count_text(counts) abort
  let l:parts = []
  for [l:key, l:word] in [['error', 'error'], ['warning', 'warning'], ['info', 'note']]
    let l:n = get(a:counts, l:key, 0)
    if l:n
      call add(l:parts, l:n . ' ' . l:word . (l:n == 1 ? '' : 's'))
    endif
  endfor
  return empty(l:parts) ? 'no findings' : join(l:parts, ', ')
endfunction

" Handle the end of run number {run}, started at changedtick {tick} of
" buffer {buf}.  A run that was replaced by a newer one, or whose text has
" changed since, is ignored.
function! s:finish(buf, run, tick, lines, status, out, err, verbose) abort
  if !bufexists(a:buf) || getbufvar(a:buf, 'exlint_run', 0) != a:run
        \ || getbufvar(a:buf, 'changedtick') != a:tick
    return {}
  endif
  call setbufvar(a:buf, 'exlint_job', v:null)
  let l:file = a:status == 0 || a:status == 1 ? s:decode(a:out) : v:null
  if l:file is v:null
    let l:why = empty(a:err) ? 'no output' : split(a:err, "\n")[0]
    echohl ErrorMsg
    echomsg 'exlint: failed (' . a:status . '): ' . l:why
    echohl None
    return {}
  endif
  let l:items = exlint#to_items(a:buf, a:lines, l:file.findings)
  let l:counts = {}
  for l:f in l:file.findings
    let l:counts[l:f.severity] = get(l:counts, l:f.severity, 0) + 1
  endfor
  " The exit status follows the fail level (default warning): 1 means at least
  " one finding at or above it.
  let l:result = {
        \ 'score': l:file.tone.score, 'label': l:file.tone.label,
        \ 'verdict': a:status == 1 ? 'sleep on it' : 'ok to send',
        \ 'counts': l:counts, 'findings': l:file.findings, 'items': l:items,
        \ }
  call setbufvar(a:buf, 'exlint_result', l:result)
  call s:set_loclist(a:buf, l:items)
  call s:show(a:buf, l:items)
  if a:verbose
    echo s:summary(l:result)
  endif
  return l:result
endfunction

" ------------------------------------------------------------ entry points

" Lint buffer {buf}.  With {sync} the call waits for the result (used by
" :ExLint); otherwise it returns at once and a newer run replaces a stale one.
function! exlint#lint(buf, sync, ...) abort
  let l:verbose = a:0 ? a:1 : 1
  let l:buf = a:buf ? a:buf : bufnr('')
  let l:exe = exlint#executable(l:buf)
  if !executable(l:exe)
    echohl ErrorMsg
    echomsg 'exlint: executable not found: ' . l:exe . ' (set g:exlint_executable)'
    echohl None
    return {}
  endif
  let [l:input, l:lines] = s:buffer_input(l:buf)
  let l:argv = exlint#argv(l:buf, 'json')
  let l:tick = getbufvar(l:buf, 'changedtick')
  call exlint#stop(l:buf)
  let l:id = getbufvar(l:buf, 'exlint_run', 0) + 1
  call setbufvar(l:buf, 'exlint_run', l:id)
  if a:sync
    let l:r = exlint#run_sync(l:argv, l:input)
    return s:finish(l:buf, l:id, l:tick, l:lines, l:r.status, l:r.out, l:r.err, l:verbose)
  endif
  let l:run = s:start(l:argv, l:input,
        \ {status, out, err -> s:finish(l:buf, l:id, l:tick, l:lines, status, out, err, l:verbose)})
  if l:run isnot v:null
    call setbufvar(l:buf, 'exlint_job', l:run.job)
  endif
  return {}
endfunction

" Stop a running lint of buffer {buf}, if any.
function! exlint#stop(buf) abort
  let l:job = getbufvar(a:buf, 'exlint_job', v:null)
  if l:job isnot v:null && type(l:job) == v:t_job && job_status(l:job) ==# 'run'
    call job_stop(l:job, 'kill')
  endif
  call setbufvar(a:buf, 'exlint_job', v:null)
endfunction

" Apply the {findings}' replacements to {text}, from the last to the first, by
" byte offset.  Overlapping rewrites after the first one applied are skipped.
" Returns [new text, number applied].
function! exlint#apply_fixes(text, findings) abort
  let l:fixes = filter(copy(a:findings), 'type(get(v:val, "replacement", v:null)) == v:t_string')
  call sort(l:fixes, {a, b -> b.offset - a.offset})
  let l:text = a:text
  let l:limit = strlen(a:text) + 1
  let l:count = 0
  for l:f in l:fixes
    if l:f.offset + l:f.length > l:limit
      continue
    endif
    let l:text = strpart(l:text, 0, l:f.offset) . l:f.replacement
          \ . strpart(l:text, l:f.offset + l:f.length)
    let l:limit = l:f.offset
    let l:count += 1
  endfor
  return [l:text, l:count]
endfunction

" :ExLintFix - lint the current text again and apply every rewrite, as one
" undo step.
function! exlint#fix(buf) abort
  let l:buf = a:buf ? a:buf : bufnr('')
  if !getbufvar(l:buf, '&modifiable')
    echohl ErrorMsg | echomsg 'exlint: buffer is not modifiable' | echohl None
    return 0
  endif
  let l:result = exlint#lint(l:buf, 1, 0)
  if empty(l:result)
    return 0
  endif
  let l:lines = getbufline(l:buf, 1, '$')
  let [l:text, l:count] = exlint#apply_fixes(join(l:lines, "\n") . "\n", l:result.findings)
  if l:count == 0
    echo 'exlint: nothing to rewrite'
    return 0
  endif
  let l:new = split(l:text, "\n", 1)
  if len(l:new) > 1 && l:new[-1] ==# ''
    call remove(l:new, -1)
  endif
  " Replace only the lines that changed, so marks elsewhere stay put.
  let l:first = 0
  while l:first < len(l:lines) && l:first < len(l:new) && l:lines[l:first] ==# l:new[l:first]
    let l:first += 1
  endwhile
  let l:old_end = len(l:lines) - 1
  let l:new_end = len(l:new) - 1
  while l:old_end >= l:first && l:new_end >= l:first && l:lines[l:old_end] ==# l:new[l:new_end]
    let l:old_end -= 1
    let l:new_end -= 1
  endwhile
  " Start a new undo block, so that :undo reverts exactly this fix.
  let &undolevels = &undolevels
  let l:common = min([l:old_end, l:new_end]) - l:first + 1
  if l:common > 0
    call setbufline(l:buf, l:first + 1, l:new[l:first : l:first + l:common - 1])
  endif
  if l:old_end > l:new_end
    call deletebufline(l:buf, l:first + l:common + 1, l:old_end + 1)
  elseif l:new_end > l:old_end
    call appendbufline(l:buf, l:first + l:common, l:new[l:first + l:common : l:new_end])
  endif
  let l:after = exlint#lint(l:buf, 1, 0)
  echo printf('exlint: %d rewrite%s applied', l:count, l:count == 1 ? '' : 's')
        \ . (empty(l:after) ? '' : '; ' . s:summary(l:after)[8:])
  return l:count
endfunction

" Statusline helper: "tone 72 sleep on it", or '' before the first run.
function! exlint#statusline() abort
  let l:r = get(b:, 'exlint_result', {})
  return empty(l:r) ? '' : printf('tone %d %s', l:r.score, l:r.verdict)
endfunction

let &cpoptions = s:save_cpo
unlet s:save_cpo

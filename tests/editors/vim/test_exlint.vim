" test_exlint.vim - :ExLint, :ExLintFix, signs, highlights, compiler plugin.
" Run by tests/editors/run-vim.sh (vim -Es -u NONE -N).
source <sfile>:h/harness.vim
scriptencoding utf-8

execute 'set runtimepath^=' . fnameescape($EXLINT_VIM_PLUGIN)
runtime plugin/exlint.vim
let g:exlint_executable = $EXLINT
let g:exlint_options = g:fixture_args
let s:draft = $EXLINT_WORK . '/draft.txt'
let s:original = readfile($EXLINT_FIXTURES . '/draft.txt')

" What the fixture pack must find in draft.txt, worked out from the text:
" line 1 'I’m so sorry' starts at code point 22; before it “ ” ’ take 2 extra
" bytes each and 👋 3, so byte column 31; 12 code points, 14 bytes.
" line 2 'Please answer me' at 1 (16 bytes); 'right now' at code point 35,
" after the em dash (3 bytes), so byte column 37, 9 bytes.
" line 3 'Call me tonight' at code point 15, after é (2 bytes) and 🙂 (4), so
" byte column 19, 15 bytes.
let s:want_items = [
      \ [1, 31, 1, 45, 'I', 'one plain apology is enough [over-apology.editor-fixture-so-sorry] -- say sorry once, without the intensifier'],
      \ [2, 1, 2, 17, 'W', 'asking to be answered puts them on the spot [begging.editor-fixture-please-answer] -- leave the door open instead of asking for a reply'],
      \ [2, 37, 2, 46, 'E', 'an immediate deadline pressures them [pressure.editor-fixture-right-now] -- let them pick the time'],
      \ [3, 19, 3, 34, 'W', 'a same-night call request is pushy [pressure.editor-fixture-call-me-tonight] -- offer a call and let them choose when'],
      \ ]
let s:item_keys = ['lnum', 'col', 'end_lnum', 'end_col', 'type', 'text']

function! s:fresh() abort
  call writefile(s:original, s:draft)
  silent! %bwipeout!
  call setloclist(0, [], 'f')
  execute 'silent edit ' . fnameescape(s:draft)
  unlet! g:exlint_stage g:exlint_auto
  let g:exlint_executable = $EXLINT
  let g:exlint_options = g:fixture_args
endfunction

function! s:cli_tone() abort
  let l:cmd = join(map([$EXLINT, '--format=json'] + g:fixture_args + ['-'], 'shellescape(v:val)'))
  let l:doc = json_decode(system(l:cmd, join(s:original, "\n") . "\n"))
  return l:doc.files[0].tone
endfunction

function! T_commands(name) abort
  call Check(a:name, [exists(':ExLint'), exists(':ExLintFix'), exists(':ExLintClear')], [2, 2, 2])
endfunction

function! T_loclist(name) abort
  call s:fresh()
  silent ExLint
  call Check(a:name, Pick(getloclist(0), s:item_keys), s:want_items)
endfunction

function! T_loclist_title(name) abort
  call s:fresh()
  silent ExLint
  call Check(a:name, getloclist(0, {'title': 1}).title, 'exlint')
endfunction

function! T_signs(name) abort
  call s:fresh()
  silent ExLint
  let l:signs = sign_getplaced(bufnr(''), {'group': 'exlint'})[0].signs
  let l:got = sort(Pick(l:signs, ['lnum', 'name']))
  let l:want = [[1, 'ExLintInfo'], [2, 'ExLintError'], [2, 'ExLintWarning'], [3, 'ExLintWarning']]
  let l:texts = map(['ExLintError', 'ExLintWarning', 'ExLintInfo'], 'sign_getdefined(v:val)[0].text')
  call Check(a:name, [l:got, l:texts], [l:want, ['E ', 'W ', 'I ']])
endfunction

function! T_highlights(name) abort
  call s:fresh()
  silent ExLint
  let l:got = []
  for l:lnum in [1, 2, 3]
    call add(l:got, Pick(prop_list(l:lnum), ['col', 'length', 'type']))
  endfor
  call Check(a:name, l:got, [[[31, 14, 'exlint_info']],
        \ [[1, 16, 'exlint_warning'], [37, 9, 'exlint_error']],
        \ [[19, 15, 'exlint_warning']]])
endfunction

function! T_echo(name) abort
  call s:fresh()
  let l:msg = trim(execute('ExLint'))
  let l:tone = s:cli_tone()
  " 1 error, 2 warnings, 1 info: a warning or worse means "sleep on it".
  call Check(a:name, l:msg, printf('exlint: tone %d/100 (%s), sleep on it: 1 error, 2 warnings, 1 note',
        \ l:tone.score, l:tone.label))
endfunction

function! T_result_var(name) abort
  call s:fresh()
  silent ExLint
  let l:r = b:exlint_result
  call Check(a:name, [type(l:r.score), (l:r.score >= 0 && l:r.score <= 100) ? 1 : 0, l:r.verdict,
        \ map(['error', 'warning', 'info'], 'get(l:r.counts, v:val, 0)')],
        \ [v:t_number, 1, 'sleep on it', [1, 2, 1]])
endfunction

function! T_unsaved_text(name) abort
  call s:fresh()
  " Not written: the plugin must lint the buffer, not the file.
  " 'Ça va? 😀 ' is 9 code points, 13 bytes, so 'right now' is at byte 14.
  " It replaces line 2, so each rule still matches once.
  call setline(2, 'Ça va? 😀 right now')
  silent ExLint
  call Check(a:name, Pick(getloclist(0), ['lnum', 'col', 'end_col', 'type']),
        \ [[1, 31, 45, 'I'], [2, 14, 23, 'E'], [3, 19, 34, 'W']])
endfunction

function! T_unnamed_buffer(name) abort
  call s:fresh()
  enew!
  " 'Naïve 🙈 ' is 8 code points, 12 bytes: 'call me tonight' at byte 13.
  call setline(1, ['Naïve 🙈 call me tonight'])
  silent ExLint
  call Check(a:name, Pick(getloclist(0), ['lnum', 'col', 'end_col', 'type']), [[1, 13, 28, 'W']])
endfunction

function! T_stage(name) abort
  call s:fresh()
  " The fixture's begging rule is off in the relationship-talk stage.
  let g:exlint_stage = 'relationship-talk'
  silent ExLint
  call Check(a:name, Pick(getloclist(0), ['lnum', 'col', 'type']), [[1, 31, 'I'], [2, 37, 'E'], [3, 19, 'W']])
endfunction

function! T_clean_text(name) abort
  call s:fresh()
  call setline(1, ['Hope the new job is going well.'])
  silent 2,$delete _
  let l:msg = trim(execute('ExLint'))
  call Check(a:name, [getloclist(0), l:msg =~# ', ok to send: no findings$', sign_getplaced(bufnr(''), {'group': 'exlint'})[0].signs],
        \ [[], 1, []])
endfunction

" Rewrites, from the fixture pack: 'I’m so sorry' -> "I'm sorry",
" 'right now' -> 'when you can'; the other two rules have no replacement.
let s:fixed = [
      \ 'Hey “you” 👋 it’s me. I''m sorry about everything.',
      \ 'Please answer me — I need to talk when you can.',
      \ 'Café later? 🙂 Call me tonight.',
      \ ]

function! T_fix(name) abort
  call s:fresh()
  silent ExLintFix
  call Check(a:name, getline(1, '$'), s:fixed)
endfunction

function! T_fix_relints(name) abort
  call s:fresh()
  silent ExLintFix
  call Check(a:name, Pick(getloclist(0), ['lnum', 'col', 'type']), [[2, 1, 'W'], [3, 19, 'W']])
endfunction

function! T_fix_one_undo(name) abort
  call s:fresh()
  silent ExLintFix
  silent undo
  let l:once = getline(1, '$')
  silent redo
  call Check(a:name, [l:once, getline(1, '$')], [s:original, s:fixed])
endfunction

function! T_gitcommit(name) abort
  call s:fresh()
  enew!
  setlocal filetype=gitcommit
  call setline(1, ['Please answer me', '', '# right now, call me tonight',
        \ '# ------------------------ >8 ------------------------', 'right now'])
  silent ExLint
  call Check(a:name, Pick(getloclist(0), ['lnum', 'col', 'type']), [[1, 1, 'W']])
endfunction

function! T_mail(name) abort
  call s:fresh()
  enew!
  setlocal filetype=mail
  call setline(1, ['From: me@example.org', 'Subject: right now', '', 'Hi, call me tonight', '-- ', 'right now'])
  silent ExLint
  call Check(a:name, Pick(getloclist(0), ['lnum', 'col', 'type']), [[4, 5, 'W']])
endfunction

function! T_auto(name) abort
  call s:fresh()
  let g:exlint_auto = 1
  setlocal filetype=text
  unlet! b:exlint_result
  doautocmd InsertLeave
  let l:done = WaitFor("exists('b:exlint_result')", 10000)
  call Check(a:name, [l:done, Pick(getloclist(0), ['lnum', 'col', 'type'])],
        \ [1, [[1, 31, 'I'], [2, 1, 'W'], [2, 37, 'E'], [3, 19, 'W']]])
endfunction

function! T_auto_stale(name) abort
  call s:fresh()
  let g:exlint_auto = 1
  setlocal filetype=text
  unlet! b:exlint_result
  doautocmd InsertLeave
  " The text changes before the first run reports: only the second counts.
  silent 2,$delete _
  doautocmd InsertLeave
  call WaitFor("exists('b:exlint_result')", 10000)
  sleep 200m
  call Check(a:name, Pick(getloclist(0), ['lnum', 'col', 'type']), [[1, 31, 'I']])
endfunction

function! T_auto_twice(name) abort
  call s:fresh()
  let g:exlint_auto = 1
  setlocal filetype=text
  unlet! b:exlint_result
  " A slow exlint, so that the first run is still going when the second starts.
  let l:slow = $EXLINT_WORK . '/slow-exlint'
  call writefile(['#!/bin/sh', 'sleep 0.3', 'exec "$EXLINT" "$@"'], l:slow)
  call setfperm(l:slow, 'rwx------')
  let g:exlint_executable = l:slow
  " Two runs on the same text: the first is stopped, without an error.
  let l:msgs = execute('doautocmd InsertLeave | doautocmd InsertLeave')
  call WaitFor("exists('b:exlint_result')", 10000)
  sleep 200m
  let l:msgs .= execute('messages')
  call Check(a:name, [l:msgs =~# 'failed', len(getloclist(0))], [0, 4])
endfunction

function! T_auto_off(name) abort
  call s:fresh()
  setlocal filetype=text
  unlet! b:exlint_result
  doautocmd InsertLeave
  sleep 300m
  call Check(a:name, exists('b:exlint_result'), 0)
endfunction

function! T_large_input(name) abort
  call s:fresh()
  " More than a pipe buffer (about 114 KB): all of it must reach exlint.
  call setline(1, repeat(['Some filler about the weather and the garden, nothing more.'], 2000)
        \ + ['Café? 🙂 I need to talk right now.'])
  silent ExLint
  " 'Café? 🙂 I need to talk ' is 23 code points, 27 bytes (é 2, 🙂 4).
  call Check(a:name, [line('$'), Pick(getloclist(0), ['lnum', 'col', 'type'])], [2001, [[2001, 28, 'E']]])
endfunction

function! T_fail_level(name) abort
  call s:fresh()
  call setline(1, ['Hi, call me tonight'])
  silent 2,$delete _
  " One warning: 'sleep on it' at the default fail level, fine at 'error'.
  let l:default = trim(execute('ExLint'))
  let g:exlint_fail_level = 'error'
  let l:relaxed = trim(execute('ExLint'))
  unlet g:exlint_fail_level
  call Check(a:name, [matchstr(l:default, ', \zs.*'), matchstr(l:relaxed, ', \zs.*')],
        \ ['sleep on it: 1 warning', 'ok to send: 1 warning'])
endfunction

function! T_clear(name) abort
  call s:fresh()
  silent ExLint
  ExLintClear
  call Check(a:name, [getloclist(0), sign_getplaced(bufnr(''), {'group': 'exlint'})[0].signs,
        \ prop_list(1) + prop_list(2) + prop_list(3)], [[], [], []])
endfunction

function! T_missing_executable(name) abort
  call s:fresh()
  let g:exlint_executable = '/nonexistent/exlint'
  let l:msg = execute('ExLint')
  call Check(a:name, [l:msg =~# 'executable not found', getloclist(0)], [1, []])
endfunction

function! T_cli_error(name) abort
  call s:fresh()
  " exit status 2 (usage error): say so, keep the lists as they were.
  let g:exlint_options = g:fixture_args + ['--stage=never-met']
  let l:msg = execute('ExLint')
  call Check(a:name, [l:msg =~# 'exlint: failed (2): ', getloclist(0), exists('b:exlint_result')], [1, [], 0])
endfunction

function! T_compiler(name) abort
  call s:fresh()
  compiler exlint
  silent make!
  call Check(a:name, Pick(filter(getqflist(), 'v:val.valid'), ['lnum', 'col', 'type', 'text']), [
        \ [1, 31, 'i', 'one plain apology is enough [over-apology.editor-fixture-so-sorry]'],
        \ [2, 1, 'w', 'asking to be answered puts them on the spot [begging.editor-fixture-please-answer]'],
        \ [2, 37, 'e', 'an immediate deadline pressures them [pressure.editor-fixture-right-now]'],
        \ [3, 19, 'w', 'a same-night call request is pushy [pressure.editor-fixture-call-me-tonight]'],
        \ ])
endfunction

function! T_helptags(name) abort
  let l:doc = $EXLINT_WORK . '/doc'
  call mkdir(l:doc, 'p')
  call writefile(readfile($EXLINT_VIM_PLUGIN . '/doc/exlint.txt'), l:doc . '/exlint.txt')
  execute 'helptags ' . fnameescape(l:doc)
  let l:tags = map(readfile(l:doc . '/tags'), 'split(v:val, "\t")[0]')
  let l:want = ['exlint', ':ExLint', ':ExLintFix', ':ExLintClear', 'g:exlint_executable',
        \ 'g:exlint_stage', 'g:exlint_fail_level', 'g:exlint_auto', 'g:exlint_options',
        \ 'exlint-ale', 'exlint-compiler']
  call Check(a:name, filter(l:want, 'index(l:tags, v:val) < 0'), [])
endfunction

for s:t in ['commands', 'loclist', 'loclist_title', 'signs', 'highlights', 'echo',
      \ 'result_var', 'unsaved_text', 'unnamed_buffer', 'stage', 'large_input', 'fail_level', 'clean_text',
      \ 'fix', 'fix_relints', 'fix_one_undo', 'gitcommit', 'mail', 'auto',
      \ 'auto_stale', 'auto_twice', 'auto_off', 'clear', 'missing_executable', 'cli_error', 'compiler', 'helptags']
  call Run('vim-' . substitute(s:t, '_', '-', 'g'), 'T_' . s:t)
endfor
call Finish()

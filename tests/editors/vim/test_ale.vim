" test_ale.vim - the exlint linter run through the real ALE.
" Run by tests/editors/run-vim.sh (vim -Es -u NONE -N).
source <sfile>:h/harness.vim
scriptencoding utf-8

execute 'set runtimepath^=' . fnameescape($EXLINT_VIM_PLUGIN)
execute 'set runtimepath^=' . fnameescape($ALE_DIR)
runtime plugin/exlint.vim
runtime plugin/ale.vim
let g:exlint_executable = $EXLINT
let g:exlint_options = g:fixture_args
let g:ale_linters = {'text': ['exlint'], 'mail': ['exlint'], 'markdown': ['exlint'], 'gitcommit': ['exlint']}
let g:ale_loclist_msg_format = '%code%: %s'
" ALE fills the lists from a timer unless told otherwise (as in ALE's tests).
let g:ale_set_lists_synchronously = 1
let s:draft = $EXLINT_WORK . '/ale-draft.txt'
call writefile(readfile($EXLINT_FIXTURES . '/draft.txt'), s:draft)
execute 'silent edit ' . fnameescape(s:draft)
setlocal filetype=text

function! s:lint() abort
  ALELint
  " ALE runs the job asynchronously: wait for it and for its handler.
  call ale#test#WaitForJobs(10000)
  call WaitFor('!ale#engine#IsCheckingBuffer(bufnr(""))', 5000)
endfunction

" ALE wants byte columns with an inclusive end; the spans are those of
" test_exlint.vim (exclusive ends 45, 17, 46, 34).
function! T_loclist(name) abort
  call s:lint()
  call Check(a:name, Pick(getloclist(0), ['lnum', 'col', 'end_lnum', 'end_col', 'type', 'text']), [
        \ [1, 31, 1, 44, 'I', 'over-apology.editor-fixture-so-sorry: one plain apology is enough'],
        \ [2, 1, 2, 16, 'W', 'begging.editor-fixture-please-answer: asking to be answered puts them on the spot'],
        \ [2, 37, 2, 45, 'E', 'pressure.editor-fixture-right-now: an immediate deadline pressures them'],
        \ [3, 19, 3, 33, 'W', 'pressure.editor-fixture-call-me-tonight: a same-night call request is pushy'],
        \ ])
endfunction

function! T_linter_defined(name) abort
  let l:names = []
  for l:ft in ['text', 'mail', 'markdown', 'gitcommit']
    call add(l:names, [l:ft, len(filter(copy(ale#linter#GetAll([l:ft])), 'v:val.name ==# "exlint"'))])
  endfor
  call Check(a:name, l:names, [['text', 1], ['mail', 1], ['markdown', 1], ['gitcommit', 1]])
endfunction

function! T_stdin(name) abort
  call s:lint()
  let l:cmd = ale#history#Get(bufnr(''))[-1].command
  let l:cmd = type(l:cmd) == v:t_list ? l:cmd[-1] : l:cmd
  " The buffer goes to stdin ('-'), redirected by ALE; the name is only a label.
  call Check(a:name, [l:cmd =~# '--format=json', l:cmd =~# '--stdin-filename ', l:cmd =~# ' - < '], [1, 1, 1])
endfunction

function! T_unsaved(name) abort
  " 'Ça va? 😀 ' is 9 code points, 13 bytes: 'right now' at byte column 14.
  call setline(2, 'Ça va? 😀 right now')
  call s:lint()
  call Check(a:name, Pick(getloclist(0), ['lnum', 'col', 'end_col', 'type']),
        \ [[1, 31, 44, 'I'], [2, 14, 22, 'E'], [3, 19, 33, 'W']])
endfunction

for s:t in ['linter_defined', 'loclist', 'stdin', 'unsaved']
  call Run('ale-' . substitute(s:t, '_', '-', 'g'), 'T_' . s:t)
endfor
call Finish()

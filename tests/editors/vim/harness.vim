" harness.vim - tiny test harness for the exlint vim tests.
" Results go to $EXLINT_TEST_OUT, one line per test: "ok NAME" or
" "FAIL NAME: why".  Sourced by the test_*.vim scripts.

set encoding=utf-8
scriptencoding utf-8
set nomore shortmess+=F
let g:results = []

function! Ok(name) abort
  call add(g:results, 'ok ' . a:name)
endfunction

function! Fail(name, why) abort
  call add(g:results, 'FAIL ' . a:name . ': ' . substitute(a:why, '\n', ' ', 'g'))
endfunction

" Compare {got} and {want} (exact, type-sensitive through string()).
function! Check(name, got, want) abort
  if string(a:got) ==# string(a:want)
    call Ok(a:name)
  else
    call Fail(a:name, 'got ' . string(a:got) . ' want ' . string(a:want))
  endif
endfunction

function! Run(name, func) abort
  let l:before = len(g:results)
  try
    call call(a:func, [a:name])
  catch
    call Fail(a:name, v:exception . ' at ' . v:throwpoint)
  endtry
  if len(g:results) == l:before
    call Fail(a:name, 'test recorded no result')
  endif
endfunction

function! Finish() abort
  call writefile(g:results, $EXLINT_TEST_OUT)
  qall!
endfunction

" Pick fields of each dict in {list}.
function! Pick(list, keys) abort
  return map(copy(a:list), {_, d -> map(copy(a:keys), {_, k -> get(d, k, '')})})
endfunction

" Wait up to {ms} milliseconds for {expr} to become true.
function! WaitFor(expr, ms) abort
  let l:start = reltime()
  while !eval(a:expr)
    if reltimefloat(reltime(l:start)) * 1000 > a:ms
      return 0
    endif
    sleep 10m
  endwhile
  return 1
endfunction

let g:fixture_args = split($EXLINT_FIXTURE_ARGS)

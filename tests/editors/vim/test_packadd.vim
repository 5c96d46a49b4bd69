" test_packadd.vim - the plugin loads as a Vim package with :packadd.
source <sfile>:h/harness.vim

let s:pack = $EXLINT_WORK . '/pack/exlint/opt'
call mkdir(s:pack, 'p')
call system('ln -s ' . shellescape($EXLINT_VIM_PLUGIN) . ' ' . shellescape(s:pack . '/exlint'))
execute 'set packpath=' . fnameescape($EXLINT_WORK)

function! T_packadd(name) abort
  let l:before = exists(':ExLint')
  packadd exlint
  let g:exlint_executable = $EXLINT
  let g:exlint_options = g:fixture_args
  enew!
  call setline(1, ['Hi, call me tonight'])
  silent ExLint
  call Check(a:name, [l:before, exists(':ExLint'), Pick(getloclist(0), ['lnum', 'col', 'type'])],
        \ [0, 2, [[1, 5, 'W']]])
endfunction

call Run('vim-packadd', 'T_packadd')
call Finish()

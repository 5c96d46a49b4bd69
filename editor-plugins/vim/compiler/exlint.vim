" compiler/exlint.vim - :compiler exlint, then :make lints the current file
" exlint --format=line prints FILE:LINE:COL: SEVERITY: MESSAGE [RULE] with COL
" in code points; the QuickFixCmdPost hook below turns it into a byte column.

if exists('current_compiler')
  finish
endif
let current_compiler = 'exlint'

if exists(':CompilerSet') != 2
  command -nargs=* CompilerSet setlocal <args>
endif

let s:save_cpo = &cpoptions
set cpoptions&vim

let s:prg = [get(b:, 'exlint_executable', get(g:, 'exlint_executable', 'exlint')), '--format=line']
let s:prg += exlint#common_args(bufnr(''))
execute 'CompilerSet makeprg=' . escape(join(map(s:prg, 'shellescape(v:val)')) . ' $* %:S', ' \|"')
CompilerSet errorformat=%f:%l:%c:\ %trror:\ %m,%f:%l:%c:\ %tarning:\ %m,%f:%l:%c:\ %tnfo:\ %m
unlet s:prg

augroup exlint_compiler
  autocmd!
  autocmd QuickFixCmdPost make call exlint#compiler#fix_columns(0)
  autocmd QuickFixCmdPost lmake call exlint#compiler#fix_columns(1)
augroup END

let &cpoptions = s:save_cpo
unlet s:save_cpo

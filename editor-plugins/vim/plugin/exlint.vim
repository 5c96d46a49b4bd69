" plugin/exlint.vim - lint a message to an ex before you send it
" Commands: :ExLint, :ExLintFix, :ExLintClear.  See :help exlint.

if exists('g:loaded_exlint') || &compatible || v:version < 800
  finish
endif
let g:loaded_exlint = 1

let s:save_cpo = &cpoptions
set cpoptions&vim

command! -bar ExLint call exlint#lint(bufnr(''), 1)
command! -bar ExLintFix call exlint#fix(bufnr(''))
command! -bar ExLintClear call exlint#stop(bufnr('')) | call exlint#clear(bufnr(''))
      \ | call setloclist(0, [], 'r', {'title': 'exlint', 'items': []})

" File types linted automatically when g:exlint_auto is set.
if !exists('g:exlint_filetypes')
  let g:exlint_filetypes = ['text', 'mail', 'markdown', 'gitcommit']
endif

function! s:auto(buf) abort
  let l:buf = a:buf > 0 ? a:buf : bufnr('')
  if get(g:, 'exlint_auto', 0) && index(g:exlint_filetypes, getbufvar(l:buf, '&filetype')) >= 0
    call exlint#lint(l:buf, 0, 0)
  endif
endfunction

augroup exlint
  autocmd!
  autocmd BufWritePost,InsertLeave * call s:auto(str2nr(expand('<abuf>')))
augroup END

let &cpoptions = s:save_cpo
unlet s:save_cpo

" autoload/exlint/compiler.vim - column fix-up for :compiler exlint

" Turn the code-point columns of exlint's entries in the quickfix (or
" location, with {loc}) list into the byte columns that Vim expects.
function! exlint#compiler#fix_columns(loc) abort
  if get(b:, 'current_compiler', get(g:, 'current_compiler', '')) !=# 'exlint'
    return
  endif
  let l:list = a:loc ? getloclist(0) : getqflist()
  let l:cache = {}
  let l:changed = 0
  for l:item in l:list
    if !l:item.valid || l:item.col <= 1 || l:item.bufnr <= 0
      continue
    endif
    if !has_key(l:cache, l:item.bufnr)
      let l:cache[l:item.bufnr] = bufloaded(l:item.bufnr)
            \ ? getbufline(l:item.bufnr, 1, '$')
            \ : filereadable(bufname(l:item.bufnr)) ? readfile(bufname(l:item.bufnr)) : []
    endif
    let l:line = get(l:cache[l:item.bufnr], l:item.lnum - 1, '')
    let l:item.col = exlint#char_to_byte_col(l:line, l:item.col)
    let l:changed = 1
  endfor
  if l:changed
    if a:loc
      call setloclist(0, l:list, 'r')
    else
      call setqflist(l:list, 'r')
    endif
  endif
endfunction

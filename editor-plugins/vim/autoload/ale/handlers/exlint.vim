" autoload/ale/handlers/exlint.vim - ALE support for exlint
" The linters in ale_linters/{text,mail,markdown,gitcommit}/exlint.vim use
" these functions.  Options: g:ale_exlint_executable (else g:exlint_executable,
" else "exlint") and g:ale_exlint_options (else the options of :ExLint).

function! ale#handlers#exlint#GetExecutable(buffer) abort
  let l:exe = ale#Var(a:buffer, 'exlint_executable')
  return empty(l:exe) ? exlint#executable(a:buffer) : l:exe
endfunction

function! ale#handlers#exlint#GetCommand(buffer) abort
  let l:options = ale#Var(a:buffer, 'exlint_options')
  let l:args = empty(l:options)
        \ ? join(map(exlint#common_args(a:buffer), 'ale#Escape(v:val)'))
        \ : l:options
  " ALE sends the buffer on stdin; %s only names it in the output.
  return '%e --format=json ' . l:args . ' --stdin-filename %s -'
endfunction

" ALE columns are byte columns with an inclusive end; exlint counts code
" points with an exclusive end, so convert through the buffer's lines.
function! ale#handlers#exlint#Handle(buffer, lines) abort
  try
    let l:doc = json_decode(join(a:lines, "\n"))
  catch
    return []
  endtry
  if type(l:doc) != v:t_dict || empty(get(l:doc, 'files', []))
    return []
  endif
  let l:text = getbufline(a:buffer, 1, '$')
  let l:types = {'error': 'E', 'warning': 'W', 'info': 'I'}
  let l:output = []
  for l:f in l:doc.files[0].findings
    let l:line = get(l:text, l:f.line - 1, '')
    let l:end_line = get(l:text, l:f.end_line - 1, '')
    let l:end_col = exlint#char_to_byte_col(l:end_line, l:f.end_column) - 1
    let l:item = {
          \ 'lnum': l:f.line,
          \ 'col': exlint#char_to_byte_col(l:line, l:f.column),
          \ 'end_lnum': l:f.end_line,
          \ 'end_col': max([l:end_col, 1]),
          \ 'type': get(l:types, l:f.severity, 'W'),
          \ 'code': l:f.rule,
          \ 'text': l:f.message,
          \ }
    if type(get(l:f, 'suggestion', v:null)) == v:t_string
      let l:item.detail = l:f.message . "\n\n" . l:f.suggestion
    endif
    call add(l:output, l:item)
  endfor
  return l:output
endfunction

" Define the exlint linter for {filetype}.
function! ale#handlers#exlint#Define(filetype) abort
  call ale#Set('exlint_executable', '')
  call ale#Set('exlint_options', '')
  call ale#linter#Define(a:filetype, {
        \ 'name': 'exlint',
        \ 'executable': function('ale#handlers#exlint#GetExecutable'),
        \ 'command': function('ale#handlers#exlint#GetCommand'),
        \ 'callback': 'ale#handlers#exlint#Handle',
        \ })
endfunction

" ALE linter: exlint for markdown buffers (see :help exlint-ale)
call ale#handlers#exlint#Define('markdown')

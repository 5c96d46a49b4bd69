" ALE linter: exlint for gitcommit buffers (see :help exlint-ale)
call ale#handlers#exlint#Define('gitcommit')

" ALE linter: exlint for mail buffers (see :help exlint-ale)
call ale#handlers#exlint#Define('mail')

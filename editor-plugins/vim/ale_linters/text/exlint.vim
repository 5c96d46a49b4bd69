" ALE linter: exlint for text buffers (see :help exlint-ale)
call ale#handlers#exlint#Define('text')

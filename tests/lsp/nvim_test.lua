-- nvim_test.lua - exlint --lsp under Neovim's own LSP client (0.7+), headless.
-- Env: EXLINT, LSP_PACK (fixture pack dir), LSP_DRAFT (fixture draft), LSP_RESULT
-- (file for the "ok NAME" / "FAIL NAME: why" lines).
--
-- Neovim turns LSP ranges (UTF-16) into byte columns, so these checks also
-- prove that the server's UTF-16 positions land on the right bytes. Line 1 of
-- the draft is: “Hey” 😅 I’m so sorry, call me right now
--   bytes: “ 3, Hey 3, ” 3, space 1, 😅 4, space 1 -> "I’m so sorry" starts at 15
--   and is 14 bytes (’ is 3) -> ends at 29; ", call me " is 10 -> "right now" [39, 48)

local out = assert(io.open(os.getenv('LSP_RESULT'), 'w'))
local function report(name, ok, why)
  out:write(ok and ('ok ' .. name .. '\n') or ('FAIL ' .. name .. ': ' .. tostring(why) .. '\n'))
end

local SORRY = 'over-apology.lsp-fixture-so-sorry'
local NOW = 'pressure.lsp-fixture-right-now'
local ANSWER = 'begging.lsp-fixture-please-answer'

local function by_code(buf)
  local t = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    t[d.code] = d
  end
  return t
end

local function span(d)
  return d and string.format('%d:%d-%d:%d', d.lnum, d.col, d.end_lnum, d.end_col) or 'none'
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('LSP_DRAFT')))
  local buf = vim.api.nvim_get_current_buf()
  local exit_code
  local id = vim.lsp.start_client({
    name = 'exlint',
    cmd = { os.getenv('EXLINT'), '--lsp', '--no-config', '--no-spell',
            '--only-patterns=' .. os.getenv('LSP_PACK') },
    root_dir = vim.fn.fnamemodify(os.getenv('LSP_DRAFT'), ':h'),
    on_exit = function(code) exit_code = code end,
  })
  report('nvim-start-client', id ~= nil, 'start_client returned nil')
  vim.lsp.buf_attach_client(buf, id)

  local ok = vim.wait(10000, function() return #vim.diagnostic.get(buf) >= 4 end, 20)
  local d = by_code(buf)
  report('nvim-diagnostics-arrive', ok, #vim.diagnostic.get(buf) .. ' diagnostics')
  report('nvim-sorry-range', span(d[SORRY]) == '1:15-1:29', span(d[SORRY]))
  report('nvim-now-range', span(d[NOW]) == '1:39-1:48', span(d[NOW]))
  report('nvim-answer-range', span(d[ANSWER]) == '2:0-2:16', span(d[ANSWER]))
  local sev = vim.diagnostic.severity
  report('nvim-severities', d[SORRY] and d[SORRY].severity == sev.INFO and d[NOW]
         and d[NOW].severity == sev.ERROR and d[ANSWER] and d[ANSWER].severity == sev.WARN,
         'severities wrong')
  local tone = d.tone
  report('nvim-tone-hint', tone and tone.severity == sev.HINT and tone.lnum == 0
         and tone.message:match('^tone %d+/100 %a+ ') ~= nil and tone.source == 'exlint',
         tone and tone.message or 'no tone diagnostic')

  -- The quickfix for the apology, applied by Neovim itself; Neovim then sends
  -- its own incremental didChange.
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = 1, character = 12 }, ['end'] = { line = 1, character = 12 } },
    context = { diagnostics = {} },
  }
  local res = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 5000) or {}
  local edit
  for _, r in pairs(res) do
    for _, a in ipairs(r.result or {}) do
      if a.edit then edit = a.edit end
    end
  end
  report('nvim-codeaction', edit ~= nil, 'no action with an edit')
  if edit then
    vim.lsp.util.apply_workspace_edit(edit, 'utf-16')
  end
  local line = vim.api.nvim_buf_get_lines(buf, 1, 2, false)[1]
  report('nvim-edit-applied', line == '\u{201C}Hey\u{201D} \u{1F605} I\'m sorry, call me right now',
         line)
  ok = vim.wait(10000, function() return by_code(buf)[SORRY] == nil end, 20)
  d = by_code(buf)
  -- "I'm sorry" is 9 bytes: "right now" moves from 39 to 34.
  report('nvim-rechecked', ok and span(d[NOW]) == '1:34-1:43', span(d[NOW]))

  vim.lsp.stop_client(id)
  vim.wait(10000, function() return exit_code ~= nil end, 20)
  report('nvim-server-exit', exit_code == 0, 'exit code ' .. tostring(exit_code))
end

local ok, err = pcall(run)
report('nvim-script', ok, err)
out:close()
vim.cmd('qa!')

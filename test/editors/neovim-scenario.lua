-- Drives the sndif language server through Neovim's built-in LSP client (0.7+), headless.
-- Opens an xl.cfg with mistakes, waits for diagnostics, hovers a stream, applies a quick-fix,
-- waits for the fresh diagnostics and writes what it saw as JSON to $SNDIF_OUT.
local file, out, root, node = vim.env.SNDIF_FILE, vim.env.SNDIF_OUT, vim.env.SNDIF_ROOT, vim.env.SNDIF_NODE
local result = { steps = {} }

local function finish(code)
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd((code == 0) and 'qall!' or 'cquit!')
end

local function fail(message)
  result.error = message
  finish(1)
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
vim.bo[buf].filetype = 'xlcfg'

local client_id = vim.lsp.start_client({
  name = 'sndif',
  cmd = { node, root .. '/bin/sndif.js', 'lsp', '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
})
if not client_id then return fail('the language server did not start') end
vim.lsp.buf_attach_client(buf, client_id)

local function lsp_diagnostics()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(list, { code = lsp.code, line = d.lnum, col = d.col, message = d.message, lsp = lsp })
  end
  table.sort(list, function(a, b) return a.line < b.line or (a.line == b.line and a.col < b.col) end)
  return list
end

-- 1. Diagnostics arrive on open.
if not vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 20) then
  return fail('no diagnostics within 20 s')
end
local first = lsp_diagnostics()
result.diagnostics = {}
for _, d in ipairs(first) do table.insert(result.diagnostics, { code = d.code, line = d.line, col = d.col }) end

-- 2. Hover on the second stream of the first card (line 11, on "STREAM").
local line11 = vim.api.nvim_buf_get_lines(buf, 10, 11, false)[1]
local col = line11:find('STREAM', 1, true)
local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
  textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = 10, character = col },
}, 10000)
local h = hover and hover[client_id] and hover[client_id].result
if not h then return fail('no hover result') end
result.hover = h.contents.value

-- 3. Quick-fix the man page's id=0: ask for code actions with that diagnostic, apply the fix.
local target
for _, d in ipairs(first) do if d.code == 'vsnd-invalid-param' then target = d break end end
if not target then return fail('no vsnd-invalid-param diagnostic') end
-- As vim.lsp.buf.code_action does: the line's diagnostics, converted back to LSP form.
local line_diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, target.line)
local actions = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = line_diagnostics[1].range,
  context = { diagnostics = line_diagnostics },
}, 10000)
local list = actions and actions[client_id] and actions[client_id].result or {}
result.actions = {}
local chosen
for _, a in ipairs(list) do
  table.insert(result.actions, a.title)
  if a.title == 'Change to unique-id' then chosen = a end
end
if not chosen then return fail('no "Change to unique-id" action') end
vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')
result.fixed_line = vim.api.nvim_buf_get_lines(buf, target.line, target.line + 1, false)[1]

-- 4. The edit reaches the server (didChange) and fresh diagnostics no longer flag that line.
local ok = vim.wait(20000, function()
  for _, d in ipairs(lsp_diagnostics()) do
    if d.code == 'vsnd-invalid-param' and d.line == target.line then return false end
  end
  return true
end, 20)
if not ok then return fail('the diagnostic at the fixed line did not go away') end
result.after = {}
for _, d in ipairs(lsp_diagnostics()) do table.insert(result.after, { code = d.code, line = d.line }) end
finish(0)

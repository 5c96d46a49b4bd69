"""test_session.py - drive `exlint --lsp` through a whole session and through
malformed frames; print "ok NAME" / "FAIL NAME: why" per test.

Usage: python3 test_session.py EXLINT FIXTURE_PACK_DIR

Expected positions are worked out by hand in the comments (UTF-16 units: an
emoji above U+FFFF counts 2, a smart quote 1) and not computed from the
server's own code.
"""
import re
import sys

from lspclient import Server, apply_edit

EXLINT, PACK = sys.argv[1], sys.argv[2]
ARGS = [EXLINT, "--lsp", "--no-config", "--no-spell", "--only-patterns=" + PACK]
URI = "file:///tmp/exlint-lsp-test/draft.txt"

SORRY = "over-apology.lsp-fixture-so-sorry"
NOW = "pressure.lsp-fixture-right-now"
ANSWER = "begging.lsp-fixture-please-answer"

# Line 0: h i ␠ 👋(2) ␠ i t ’ s ␠ m e            -> 13 units
# Line 1: “ H e y ” ␠ 😅(2) ␠ I ’ m ␠ s o ␠ s o r r y , ␠ c a l l ␠ m e ␠ r i g h t ␠ n o w
#         0 1 2 3 4 5 6-7   8 9 ...                 21  23      27  30 31        36     40
#         "I’m so sorry" = [9, 21), "right now" = [31, 40)
# Line 2: "please answer me" = [0, 16)
TEXT = "hi \U0001F44B it\u2019s me\n\u201cHey\u201d \U0001F605 I\u2019m so sorry, call me right now\n" \
       "please answer me\n"

passed = failed = 0


def report(name, ok, why=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok " + name)
    else:
        failed += 1
        print("FAIL %s: %s" % (name, why))


def rng(l0, c0, l1, c1):
    return {"start": {"line": l0, "character": c0}, "end": {"line": l1, "character": c1}}


def findings(diags):
    """{rule: (range, severity)} for the findings; the tone hint is left out."""
    return {d["code"]: (d["range"], d["severity"]) for d in diags or [] if d["code"] != "tone"}


def tone_of(diags):
    tones = [d for d in diags or [] if d["code"] == "tone"]
    return tones[0] if len(tones) == 1 else None


def expect_findings(name, diags, want):
    got = findings(diags)
    report(name, got == want, "got %r, want %r" % (got, want))


def clean_stderr(srv):
    err = srv.stderr()
    bad = [k for k in ("AddressSanitizer", "runtime error", "LeakSanitizer") if k in err]
    return not bad, "sanitizer output: " + err[:300]


# ==== a whole session =====================================================

def session():
    srv = Server(ARGS)
    rid = srv.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    res = srv.response(rid)
    caps = (res or {}).get("result", {}).get("capabilities", {})
    sync = caps.get("textDocumentSync", {})
    report("initialize-capabilities",
           sync.get("openClose") is True and sync.get("change") == 2
           and caps.get("codeActionProvider") and caps.get("hoverProvider")
           and "exlint.explain" in caps.get("executeCommandProvider", {}).get("commands", []),
           "capabilities %r" % caps)
    info = (res or {}).get("result", {}).get("serverInfo", {})
    report("initialize-server-info", info.get("name") == "exlint"
           and re.fullmatch(r"\d+\.\d+\.\d+", info.get("version", "")) is not None, repr(info))
    srv.notify("initialized", {})

    srv.notify("textDocument/didOpen", {"textDocument": {
        "uri": URI, "languageId": "text", "version": 1, "text": TEXT}})
    diags = srv.diagnostics(URI, 1)
    expect_findings("didopen-utf16-ranges", diags, {
        SORRY: (rng(1, 9, 1, 21), 3),
        NOW: (rng(1, 31, 1, 40), 1),
        ANSWER: (rng(2, 0, 2, 16), 2)})
    by_code = {d["code"]: d for d in diags or []}
    sorry = by_code.get(SORRY, {})
    report("diagnostic-fields",
           sorry.get("source") == "exlint"
           and sorry.get("message") == "one plain apology is enough \u2014 "
                                       "say sorry once, without the intensifier",
           repr(sorry))
    tone = tone_of(diags)
    # The score comes from the tone model, which others tune: check the shape.
    report("tone-hint",
           tone is not None and tone["severity"] == 4 and tone["range"] == rng(0, 0, 0, 13)
           and re.fullmatch(r"tone \d+/100 [a-z]+ \u2014 wait: 2 findings at warning or above",
                            tone["message"]) is not None, repr(tone))

    # Two edits in one notification, applied in order: insert "🙂 " (3 units)
    # at the start of line 1, then replace "right now", now at [34, 43).
    text = TEXT
    edits = [{"range": rng(1, 0, 1, 0), "text": "\U0001F642 "},
             {"range": rng(1, 34, 1, 43), "text": "when you can"}]
    for e in edits:
        text = apply_edit(text, {"range": e["range"], "newText": e["text"]})
    srv.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 2},
                                          "contentChanges": edits})
    expect_findings("didchange-incremental", srv.diagnostics(URI, 2), {
        SORRY: (rng(1, 12, 1, 24), 3), ANSWER: (rng(2, 0, 2, 16), 2)})

    # An edit across a line break: join lines 0 and 1 with a space. Line 0 is
    # 13 units, so old line 1 now starts at unit 14: "I’m so sorry" [26, 38).
    edit = {"range": rng(0, 13, 1, 0), "text": " "}
    text = apply_edit(text, {"range": edit["range"], "newText": edit["text"]})
    srv.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 3},
                                          "contentChanges": [edit]})
    diags = srv.diagnostics(URI, 3)
    expect_findings("didchange-across-lines", diags, {
        SORRY: (rng(0, 26, 0, 38), 3), ANSWER: (rng(1, 0, 1, 16), 2)})

    # Hover on the apology, then on the first line away from any finding.
    rid = srv.request("textDocument/hover", {"textDocument": {"uri": URI},
                                             "position": {"line": 0, "character": 30}})
    hover = ((srv.response(rid) or {}).get("result") or {})
    value = hover.get("contents", {}).get("value", "")
    report("hover-finding", SORRY in value and "Fixture rule for the language server" in value
           and hover.get("range") == rng(0, 26, 0, 38), repr(hover))
    rid = srv.request("textDocument/hover", {"textDocument": {"uri": URI},
                                             "position": {"line": 0, "character": 1}})
    value = (((srv.response(rid) or {}).get("result") or {}).get("contents") or {}).get("value", "")
    report("hover-tone", re.match(r"tone \d+/100 ", value) is not None and "base +" in value,
           repr(value))

    # Code actions for a cursor inside the apology.
    rid = srv.request("textDocument/codeAction", {
        "textDocument": {"uri": URI}, "range": rng(0, 30, 0, 30),
        "context": {"diagnostics": [d for d in diags if d["code"] == SORRY]}})
    actions = (srv.response(rid) or {}).get("result") or []
    fixes = [a for a in actions if a.get("kind") == "quickfix" and "edit" in a]
    fix_edits = fixes[0]["edit"]["changes"].get(URI, []) if len(fixes) == 1 else []
    report("codeaction-quickfix",
           fix_edits == [{"range": rng(0, 26, 0, 38), "newText": "I'm sorry"}]
           and fixes[0]["diagnostics"][0]["code"] == SORRY, repr(actions))
    explain = [a for a in actions if a.get("command", {}).get("command") == "exlint.explain"]
    report("codeaction-explain",
           len(explain) == 1 and explain[0]["command"]["arguments"] == [SORRY], repr(actions))

    # Apply the edit as the client would and send it back as an edit.
    for e in fix_edits:
        text = apply_edit(text, e)
        srv.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 4},
                                              "contentChanges": [{"range": e["range"],
                                                                  "text": e["newText"]}]})
    report("codeaction-applied-text", "I'm sorry, call me when you can" in text, repr(text))
    expect_findings("codeaction-rechecked", srv.diagnostics(URI, 4),
                    {ANSWER: (rng(1, 0, 1, 16), 2)})

    # Explain through workspace/executeCommand: a window/showMessage.
    rid = srv.request("workspace/executeCommand",
                      {"command": "exlint.explain", "arguments": [SORRY]})
    res = srv.response(rid)
    msg = srv.notification("window/showMessage")
    report("execute-explain", res is not None and res.get("result") is None and "error" not in res
           and msg is not None and SORRY in msg["message"]
           and "intensified apology" in msg["message"], "%r / %r" % (res, msg))
    rid = srv.request("workspace/executeCommand", {"command": "exlint.nope", "arguments": []})
    res = srv.response(rid) or {}
    report("execute-unknown", res.get("error", {}).get("code") == -32602, repr(res))

    # A full-text change (no range).
    text = "call me right now\n"
    srv.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 5},
                                          "contentChanges": [{"text": text + "please answer me"}]})
    diags = srv.diagnostics(URI, 5)
    expect_findings("didchange-full-text", diags,
                    {NOW: (rng(0, 8, 0, 17), 1), ANSWER: (rng(1, 0, 1, 16), 2)})

    # Settings: relationship-talk turns the please-answer rule off; then
    # failLevel error (no wrapper this time) changes the tone verdict.
    srv.notify("workspace/didChangeConfiguration",
               {"settings": {"exlint": {"stage": "relationship-talk"}}})
    expect_findings("config-stage", srv.diagnostics(URI, 5), {NOW: (rng(0, 8, 0, 17), 1)})
    srv.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 6},
                                          "contentChanges": [{"text": "please answer me"}]})
    srv.diagnostics(URI, 6)
    srv.notify("workspace/didChangeConfiguration",
               {"settings": {"stage": "first-contact", "failLevel": "error"}})
    diags = srv.diagnostics(URI, 6)
    tone = tone_of(diags) or {}
    report("config-fail-level", findings(diags) == {ANSWER: (rng(0, 0, 0, 16), 2)}
           and tone.get("message", "").endswith("\u2014 ok to send"), repr(diags))
    srv.notify("workspace/didChangeConfiguration", {"settings": {"exlint": {"stage": "bogus"}}})
    msg = srv.notification("window/showMessage")
    report("config-bad-stage", msg is not None and "unknown stage" in msg["message"], repr(msg))

    srv.notify("textDocument/didClose", {"textDocument": {"uri": URI}})
    closed = srv.notification("textDocument/publishDiagnostics",
                              lambda p: p.get("uri") == URI and "version" not in p)
    report("didclose-clears", closed is not None and closed["diagnostics"] == [], repr(closed))

    rid = srv.request("shutdown")
    res = srv.response(rid)
    report("shutdown", res is not None and "result" in res and res["result"] is None, repr(res))
    rid = srv.request("textDocument/hover", {})
    res = srv.response(rid) or {}
    report("request-after-shutdown", res.get("error", {}).get("code") == -32600, repr(res))
    srv.notify("exit", None)
    status = srv.wait_exit()
    report("exit-after-shutdown", status == 0, "exit status %r" % status)
    report("session-sanitizers", *clean_stderr(srv))


# ==== malformed input =====================================================

def frame(body):
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def malformed():
    srv = Server(ARGS)
    rid = srv.request("textDocument/hover", {})
    res = srv.response(rid) or {}
    report("before-initialize", res.get("error", {}).get("code") == -32002, repr(res))
    srv.response(srv.request("initialize", {"capabilities": {}}))

    srv.send_raw(frame(b'{"jsonrpc": "2.0", "id": 9, "method": '))
    res = srv.wait_for(lambda m: "error" in m) or {}
    report("invalid-json", res.get("id", "missing") is None
           and res.get("error", {}).get("code") == -32700, repr(res))
    srv.send_raw(frame(b'{"jsonrpc":"2.0","id":10,"method":"shutdown"} trailing'))
    res = srv.wait_for(lambda m: "error" in m) or {}
    report("trailing-garbage", res.get("error", {}).get("code") == -32700, repr(res))
    srv.send_raw(frame(b""))
    res = srv.wait_for(lambda m: "error" in m) or {}
    report("empty-body", res.get("error", {}).get("code") == -32700, repr(res))
    srv.send_raw(frame(b"[1, 2]"))
    res = srv.wait_for(lambda m: "error" in m) or {}
    report("not-an-object", res.get("id", "missing") is None
           and res.get("error", {}).get("code") == -32600, repr(res))

    # Header blocks without a usable length are dropped; the next frame works.
    srv.send_raw(b"Content-Length: abc\r\n\r\n")
    srv.send_raw(b"Content-Type: application/vscode-jsonrpc\r\n\r\n")
    srv.send_raw(b"Content-Length: -5\r\n\r\n")
    srv.notify("$/exlintUnknownNotification", {})
    rid = srv.request("exlint/noSuchMethod", {})
    got = srv.drain(0.5)
    report("bad-content-length-skipped",
           len(got) == 1 and got[0].get("id") == rid
           and got[0].get("error", {}).get("code") == -32601, repr(got))
    report("unknown-method", bool(got) and got[0].get("error", {}).get("code") == -32601,
           repr(got))

    # Lower-case header name and a bare \n line ending are accepted too.
    body = b'{"jsonrpc":"2.0","id":"s1","method":"exlint/nope"}'
    srv.send_raw(b"content-length: %d\n\n" % len(body) + body)
    res = srv.response("s1") or {}
    report("header-case-and-lf", res.get("error", {}).get("code") == -32601, repr(res))

    # A draft that is not UTF-8: no findings, no crash.
    body = (b'{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":'
            b'{"uri":"file:///bad","version":1,"text":"right now \xff\xfe"}}}')
    srv.send_raw(frame(body))
    report("not-utf8-draft", srv.diagnostics("file:///bad") == [], "expected empty diagnostics")
    srv.send_raw(frame(b'{"jsonrpc":"2.0","method":"textDocument/didChange","params":{}}'))
    srv.send_raw(frame(b'{"jsonrpc":"2.0","method":"textDocument/didOpen","params":7}'))
    rid = srv.request("textDocument/codeAction", {"textDocument": {"uri": "file:///none"}})
    res = srv.response(rid) or {}
    report("bad-params-survive", res.get("result") == [], repr(res))

    # CRLF and a lone CR both end a line; deleting a CRLF joins two lines.
    uri = "file:///crlf"
    srv.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "text", "version": 1,
        "text": "hi\r\ncall me right now\rplease answer me"}})
    expect_findings("crlf-line-endings", srv.diagnostics(uri, 1),
                    {NOW: (rng(1, 8, 1, 17), 1), ANSWER: (rng(2, 0, 2, 16), 2)})
    srv.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                          "contentChanges": [{"range": rng(0, 2, 1, 0), "text": ""}]})
    # "hicall me right now": "right now" at [10, 19)
    expect_findings("crlf-join-edit", srv.diagnostics(uri, 2),
                    {NOW: (rng(0, 10, 0, 19), 1), ANSWER: (rng(1, 0, 1, 16), 2)})

    # Too large: refused with an error, without reading it into memory; the
    # body is skipped, so the stream stays in step.
    srv.send_raw(b"Content-Length: 99999999999999999999999\r\n\r\n")
    res = srv.wait_for(lambda m: "error" in m) or {}
    report("huge-content-length", res.get("error", {}).get("code") == -32600, repr(res))
    status = srv.wait_exit()
    report("huge-content-length-eof", status == 1, "exit status %r" % status)
    report("malformed-sanitizers", *clean_stderr(srv))


def ends_cleanly(name, data, want=1):
    """Send DATA after initialize, close the input; the server must exit with WANT."""
    srv = Server(ARGS)
    srv.response(srv.request("initialize", {"capabilities": {}}))
    srv.send_raw(data)
    status = srv.wait_exit()
    ok, why = clean_stderr(srv)
    report(name, status == want and ok, "exit status %r; %s" % (status, why))


def init_options():
    """Settings in initializationOptions (how Helix and Neovim's init_options send them)."""
    srv = Server(ARGS)
    srv.response(srv.request("initialize", {"capabilities": {}, "initializationOptions":
                                            {"exlint": {"stage": "relationship-talk"}}}))
    srv.notify("textDocument/didOpen", {"textDocument": {
        "uri": URI, "languageId": "text", "version": 1, "text": "please answer me right now"}})
    expect_findings("initialization-options", srv.diagnostics(URI, 1),
                    {NOW: (rng(0, 17, 0, 26), 1)})
    srv.response(srv.request("shutdown"))
    srv.notify("exit", None)
    srv.wait_exit()


def endings():
    ends_cleanly("truncated-body", b"Content-Length: 100\r\n\r\n{\"jsonrpc\": \"2.0\"")
    ends_cleanly("headers-no-body-eof", b"Content-Length: 10\r\n\r\n")
    ends_cleanly("headers-no-blank-line-eof", b"Content-Length: 10\r\n")
    ends_cleanly("large-length-short-body", b"Content-Length: 60000000\r\n\r\n{}")
    ends_cleanly("exit-without-shutdown", frame(b'{"jsonrpc":"2.0","method":"exit"}'))
    ends_cleanly("eof-after-shutdown", frame(b'{"jsonrpc":"2.0","id":2,"method":"shutdown"}'), 0)


session()
malformed()
init_options()
endings()
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)

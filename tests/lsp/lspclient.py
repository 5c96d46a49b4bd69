"""lspclient.py - a small scripted JSON-RPC client for the exlint language server tests.

It starts the server, frames messages with Content-Length, reads replies with a
timeout (so a hung server fails a test instead of hanging it) and keeps the
messages it has read but not yet consumed in order.
"""
import json
import os
import select
import subprocess
import time

TIMEOUT = float(os.environ.get("LSP_TIMEOUT", "10"))


class Server:
    def __init__(self, argv):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.buf = b""
        self.queue = []
        self.next_id = 1
        self.eof = False

    # ---- writing -----------------------------------------------------------

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, msg):
        body = json.dumps(msg, ensure_ascii=False).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params=None):
        rid = self.next_id
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": rid, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return rid

    def close_stdin(self):
        self.proc.stdin.close()

    # ---- reading -----------------------------------------------------------

    def _fill(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0 or self.eof:
            return False
        ready, _, _ = select.select([self.proc.stdout], [], [], left)
        if not ready:
            return False
        chunk = os.read(self.proc.stdout.fileno(), 65536)
        if not chunk:
            self.eof = True
            return False
        self.buf += chunk
        return True

    def _frame(self):
        """One framed message from the buffer, or None if it is not all there."""
        head, sep, rest = self.buf.partition(b"\r\n\r\n")
        if not sep:
            return None
        length = None
        for line in head.split(b"\r\n"):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        if length is None:
            raise ValueError("reply without Content-Length: %r" % head)
        if len(rest) < length:
            return None
        self.buf = rest[length:]
        return json.loads(rest[:length].decode("utf-8"))

    def _read_one(self, deadline):
        while True:
            msg = self._frame()
            if msg is not None:
                return msg
            if not self._fill(deadline):
                return None

    def wait_for(self, pred, timeout=TIMEOUT):
        """The first message (queued or new) for which PRED holds, or None."""
        for i, msg in enumerate(self.queue):
            if pred(msg):
                return self.queue.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            msg = self._read_one(deadline)
            if msg is None:
                return None
            if pred(msg):
                return msg
            self.queue.append(msg)

    def response(self, rid, timeout=TIMEOUT):
        return self.wait_for(lambda m: m.get("id") == rid and "method" not in m, timeout)

    def notification(self, method, pred=lambda p: True, timeout=TIMEOUT):
        msg = self.wait_for(lambda m: m.get("method") == method and pred(m.get("params")), timeout)
        return msg and msg.get("params")

    def diagnostics(self, uri, version=None, timeout=TIMEOUT):
        def match(p):
            return p.get("uri") == uri and (version is None or p.get("version") == version)
        params = self.notification("textDocument/publishDiagnostics", match, timeout)
        return None if params is None else params["diagnostics"]

    def drain(self, timeout=0.3):
        """Everything that arrives within TIMEOUT, after what is queued."""
        out, self.queue = self.queue, []
        deadline = time.monotonic() + timeout
        while True:
            msg = self._read_one(deadline)
            if msg is None:
                return out
            out.append(msg)

    def wait_exit(self, timeout=TIMEOUT):
        """The exit status, or None if the server is still running after TIMEOUT."""
        try:
            self.proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None

    def stderr(self):
        return self.proc.stderr.read().decode("utf-8", "replace") if self.proc.poll() is not None \
            else ""


def utf16_index(line, character):
    """The Python string index of a UTF-16 CHARACTER offset in LINE (a reference
    implementation independent of the server's)."""
    units = 0
    for i, ch in enumerate(line):
        if units >= character:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(line)


def apply_edit(text, edit):
    """Apply one TextEdit to TEXT (lines end in \\n) with the reference conversion."""
    lines = text.split("\n")

    def offset(pos):
        before = sum(len(l) + 1 for l in lines[:pos["line"]])
        return before + utf16_index(lines[pos["line"]], pos["character"])

    r = edit["range"]
    return text[:offset(r["start"])] + edit["newText"] + text[offset(r["end"]):]

#!/usr/bin/env python3
"""bench.py - `make bench`: exlint against its peers, medians of repeated
runs, ratios taken in the same run. Writes tests/bench/RESULTS.md (and
prints it). A benchmark, not a test: a missed target does not fail it.

usage: bench.py ROOT BUILD_DIR   (the Makefile passes them)
Env: BENCH_QUICK=1 fewer runs; BENCH_NO_INSTALL=1 do not install peers."""
import json, os, shutil, statistics, subprocess, sys, time

root, build = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
bench = os.path.join(build, "bench")
npm_dir = os.path.join(bench, "npm")
inp = os.path.join(bench, "in")
exlint = os.path.join(build, "exlint")
quick = os.environ.get("BENCH_QUICK") == "1"
os.environ.setdefault("EXLINT_PATTERNS_DIR", os.path.join(root, "patterns"))
os.environ["NO_COLOR"] = "1"
lines = []  # the report, as markdown


def say(s=""):
    print(s, flush=True)
    lines.append(s)


# ---- peers, installed here and never by make check ------------------------

def install_peers():
    if os.environ.get("BENCH_NO_INSTALL") == "1":
        return
    if os.geteuid() == 0:
        want = [p for p in ("hyperfine", "python3-proselint") if subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", p], capture_output=True, text=True
        ).stdout != "install ok installed"]
        if want:
            subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends"] + want,
                           env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"),
                           stdout=subprocess.DEVNULL)
    os.makedirs(npm_dir, exist_ok=True)
    if not os.path.exists(os.path.join(npm_dir, "package.json")):
        with open(os.path.join(npm_dir, "package.json"), "w") as f:
            f.write('{"name": "exlint-bench-peers", "private": true}\n')
    mods = ["write-good", "alex", "harper.js", "vader-sentiment"]
    if not all(os.path.isdir(os.path.join(npm_dir, "node_modules", m)) for m in mods):
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent"] + mods,
                       cwd=npm_dir, stdout=subprocess.DEVNULL)
    for s in ("harper.mjs", "vader.cjs"):  # beside node_modules so imports resolve
        shutil.copy(os.path.join(root, "tests", "bench", s), npm_dir)


def peer(name):
    """The command line that runs peer NAME on files, or None."""
    bin_ = os.path.join(npm_dir, "node_modules", ".bin")
    table = {
        "write-good": [os.path.join(bin_, "write-good")],
        "alex": [os.path.join(bin_, "alex")],
        "proselint": [shutil.which("proselint") or "/nonexistent/proselint"],
        "harper": ["node", os.path.join(npm_dir, "harper.mjs")],
        "vader": ["node", os.path.join(npm_dir, "vader.cjs")],
    }
    cmd = table[name]
    probe = cmd[-1]
    return cmd if os.path.exists(probe) else None


# ---- timing --------------------------------------------------------------

def median_time(cmd, runs, warmup=1, timeout=600):
    """Median wall seconds of CMD over RUNS runs (output discarded, exit
    status ignored), or None when it cannot run or times out."""
    if cmd is None:
        return None
    hf = shutil.which("hyperfine")
    if hf and runs >= 3:
        out = os.path.join(bench, "hf.json")
        r = subprocess.run([hf, "-N", "-i", "-w", str(warmup), "-r", str(runs), "--style", "none",
                            "--export-json", out, "--", subprocess.list2cmdline(cmd)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout * runs)
        if r.returncode == 0:
            with open(out) as f:
                return json.load(f)["results"][0]["median"]
    times = []
    try:
        for i in range(warmup + runs):
            t = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout)
            if i >= warmup:
                times.append(time.perf_counter() - t)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return statistics.median(times)


def peak_rss_mb(cmd):
    r = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    try:
        return int(r.stderr.strip().splitlines()[-1]) / 1024
    except (ValueError, IndexError):
        return None


def ms(s):
    return "n/a" if s is None else "%.1f ms" % (s * 1000) if s < 10 else "%.1f s" % s


def verdict(ok, how):
    return ("met" if ok else "MISSED") + (" (" + how + ")" if how else "")


# ---- the run -------------------------------------------------------------

def main():
    install_peers()
    subprocess.run([sys.executable, os.path.join(root, "tests", "bench", "gen.py"),
                    os.path.join(root, "corpus", "dev"), inp], check=True)
    draft = os.path.join(inp, "draft-800.txt")
    big = os.path.join(inp, "big.txt")
    drafts = sorted(os.path.join(inp, "drafts", f) for f in os.listdir(os.path.join(inp, "drafts")))
    ex = [exlint, "--no-config", "--now=2026-06-15T12:00:00"]
    nospell = ex + ["--no-spell"]
    hload = [os.path.join(bench, "hunspell-load")]
    r_cold, r_peer = (5, 3) if quick else (30, 5)

    say("# exlint benchmark")
    say()
    say("Written by `make bench` (tests/bench/bench.py) on %s, %s; %d CPUs. Medians of repeated runs;"
        % (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), os.uname().machine, os.cpu_count()))
    say("every ratio is taken within this one run. Inputs come from corpus/dev (tests/bench/gen.py),")
    say("never from the network. Timer: %s." % ("hyperfine -N" if shutil.which("hyperfine") else "python perf_counter"))
    say()

    # 1. cold latency
    say("## 1. Cold latency, one %d-byte draft" % os.path.getsize(draft))
    say()
    say("| tool | median | vs exlint --no-spell |")
    say("|---|---|---|")
    t_ns = median_time(nospell + [draft], r_cold, warmup=3)
    t_sp = median_time(ex + [draft], r_cold, warmup=3)
    t_hl = median_time(hload, r_cold, warmup=3)
    rows = [("exlint --no-spell", t_ns), ("exlint (spelling)", t_sp), ("hunspell bare en_US load (floor)", t_hl)]
    peers_cold = {}
    for name in ("write-good", "alex", "proselint", "harper", "vader"):
        peers_cold[name] = median_time(None if peer(name) is None else peer(name) + [draft], r_peer)
        rows.append((name, peers_cold[name]))
    for name, t in rows:
        ratio = "%.1fx" % (t / t_ns) if t and t_ns else "n/a"
        say("| %s | %s | %s |" % (name, ms(t), ratio))
    say()

    # 2. 200 drafts in one process
    say("## 2. 200 drafts of 100-1,500 bytes (%d bytes in all), one process" % sum(map(os.path.getsize, drafts)))
    say()
    say("| tool | median | per draft |")
    say("|---|---|---|")
    t_200 = median_time(nospell + drafts, r_peer)
    t_200s = median_time(ex + drafts, r_peer)
    rows = [("exlint --no-spell", t_200), ("exlint (spelling)", t_200s)]
    for name in ("write-good", "alex", "proselint"):
        rows.append((name, median_time(None if peer(name) is None else peer(name) + drafts, 3 if not quick else 1, timeout=300)))
    for name, t in rows:
        say("| %s | %s | %s |" % (name, ms(t), ms(t / len(drafts)) if t else "n/a"))
    say()

    # 3. throughput
    size = os.path.getsize(big)
    say("## 3. Throughput on a %.1f MB text, no spelling" % (size / 1e6))
    say()
    t_big = median_time(nospell + [big], 1 if quick else 3, warmup=0, timeout=900)
    t_cat = median_time(["cat", big], 10)
    t_wg = median_time(None if peer("write-good") is None else peer("write-good") + [big], 1, warmup=0, timeout=300)
    say("| tool | median | MB/s |")
    say("|---|---|---|")
    for name, t in (("exlint --no-spell", t_big), ("cat (floor)", t_cat), ("write-good", t_wg)):
        say("| %s | %s | %s |" % (name, ms(t), "%.2f" % (size / 1e6 / t) if t else "n/a (timeout or missing)"))
    say()

    # 4. memory
    rss_sp = peak_rss_mb(ex + [draft])
    rss_big = peak_rss_mb(nospell + [big])
    say("## 4. Peak RSS")
    say()
    say("| run | peak RSS |")
    say("|---|---|")
    say("| exlint (spelling), one draft | %s |" % ("%.1f MB" % rss_sp if rss_sp else "n/a"))
    say("| exlint --no-spell, %.1f MB text | %s |" % (size / 1e6, "%.1f MB" % rss_big if rss_big else "n/a"))
    say()

    # 5. LSP re-lint
    say("## 5. LSP re-lint after an edit of a 2 KB draft")
    say()
    if os.path.exists(os.path.join(root, "tests", "lsp", "bench-relint.sh")):
        r = subprocess.run(["make", "-s", "--no-print-directory", "-C", root, "bench-lsp"],
                           capture_output=True, text=True)
        say("From `make bench-lsp` (tests/lsp/bench-relint.sh)%s:" % ("" if r.returncode == 0 else ", which failed"))
        say()
        say("```")
        for l in (r.stdout + r.stderr).strip().splitlines()[-30:]:
            say(l)
        say("```")
    else:
        say("not yet (tests/lsp/bench-relint.sh does not exist)")
    say()

    # targets
    say("## Targets")
    say()
    say("| target | measured | verdict |")
    say("|---|---|---|")
    wg = peers_cold.get("write-good")
    say("| cold latency, no spelling <= 5 ms | %s | %s |" % (ms(t_ns), verdict(t_ns is not None and t_ns <= 0.005,
        "%.1fx the target" % (t_ns / 0.005) if t_ns else "n/a")))
    say("| >= 30x faster than write-good | %s | %s |" % ("%.1fx" % (wg / t_ns) if wg and t_ns else "n/a",
        verdict(bool(wg and t_ns and wg / t_ns >= 30), "write-good %s" % ms(wg))))
    say("| with spelling within 1.2x of Hunspell's bare load | %s | %s |" % ("%.2fx" % (t_sp / t_hl) if t_sp and t_hl else "n/a",
        verdict(bool(t_sp and t_hl and t_sp / t_hl <= 1.2), "%s vs %s" % (ms(t_sp), ms(t_hl)))))
    mbs = size / 1e6 / t_big if t_big else None
    say("| throughput >= 50 MB/s, no spelling | %s | %s |" % ("%.2f MB/s" % mbs if mbs else "n/a",
        verdict(bool(mbs and mbs >= 50), "%.0fx short" % (50 / mbs) if mbs and mbs < 50 else "")))
    say("| peak RSS <= 40 MB with spelling | %s | %s |" % ("%.1f MB" % rss_sp if rss_sp else "n/a",
        verdict(bool(rss_sp and rss_sp <= 40), "")))
    say()
    say("Where the time goes and what changed: see the notes below the tables (kept by hand).")
    notes = os.path.join(root, "tests", "bench", "NOTES.md")
    if os.path.exists(notes):
        say()
        with open(notes) as f:
            for l in f.read().rstrip().splitlines():
                say(l)
    with open(os.path.join(root, "tests", "bench", "RESULTS.md"), "w") as f:
        f.write("\n".join(lines) + "\n")


main()

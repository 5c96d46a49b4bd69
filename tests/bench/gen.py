#!/usr/bin/env python3
"""Make the benchmark inputs from corpus/dev, deterministically (no network,
no randomness): one ~800-byte draft, a 2 KB draft, 200 drafts of 100-1,500
bytes, and a text of at least 5 MB. Usage: gen.py CORPUS_DIR OUT_DIR"""
import glob, json, os, sys

corpus, out = sys.argv[1], sys.argv[2]
texts = []
for path in sorted(glob.glob(os.path.join(corpus, "*.json"))):
    with open(path, encoding="utf-8") as f:
        texts += [d["text"] for d in json.load(f)["drafts"]]
if not texts:
    sys.exit("gen.py: no drafts in " + corpus)

def joined(start, size):
    """Drafts from index START on, joined by blank lines, up to SIZE bytes."""
    parts, n, i = [], 0, start
    while n < size:
        t = texts[i % len(texts)]
        parts.append(t)
        n += len(t.encode()) + 2
        i += 1
    s = "\n\n".join(parts).encode()[:size]
    return s.decode("utf-8", "ignore") + "\n"

os.makedirs(os.path.join(out, "drafts"), exist_ok=True)
with open(os.path.join(out, "draft-800.txt"), "w", encoding="utf-8") as f:
    f.write(joined(0, 800))
with open(os.path.join(out, "draft-2k.txt"), "w", encoding="utf-8") as f:
    f.write(joined(7, 2048))
for k in range(200):
    size = 100 + (k * 7919) % 1401  # 100..1500, spread evenly and fixed
    with open(os.path.join(out, "drafts", "d%03d.txt" % k), "w", encoding="utf-8") as f:
        f.write(joined(k * 3, size))
big, n, i = [], 0, 0
while n < 5 * 1024 * 1024 + 1024:
    t = texts[i % len(texts)] + "\n\n"
    big.append(t)
    n += len(t.encode())
    i += 1
with open(os.path.join(out, "big.txt"), "w", encoding="utf-8") as f:
    f.write("".join(big))

#!/usr/bin/env python3
"""Writes a deterministic corpus of mutated bulletin texts for
scripts/same-output.sh.

    mutate_corpus.py OUT_DIR COUNT SEED SOURCE_FILE...

Each mutant is a window of lines from one source text with one to five edits
of the kinds real copies suffer: a line deleted, two lines swapped, a line
doubled, lines joined, a blank line inserted, a character inserted or deleted
(bulletin punctuation 【】：（）一、 and friends, digits, 万, %, spaces), a
digit replaced, the text cut short. Same seed, same sources: same files, byte
for byte (Python's random.Random is stable across versions for these calls).
"""

import os
import random
import sys

# Characters the rules look at: brackets and colons that open sources and
# sections, list markers, numerals, magnitudes, units, signs and spaces.
INSERTS = list("【】：:（）()一二三四五六七八九十百千万亿、，。；0123456789.%％-—～~万元亩人次余约近第期年月日\t 　*#★◆▌▶①·\n")
DIGITS = "0123456789"


def mutate(lines, rng):
    kind = rng.randrange(10)
    n = len(lines)
    if n == 0:
        return [rng.choice(INSERTS)]
    i = rng.randrange(n)
    if kind == 0 and n > 1:  # delete a line
        del lines[i]
    elif kind == 1 and n > 1:  # swap two lines
        j = rng.randrange(n)
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == 2:  # double a line
        lines.insert(i, lines[i])
    elif kind == 3 and i + 1 < n:  # join two lines (a hard wrap undone)
        lines[i] = lines[i] + lines.pop(i + 1)
    elif kind == 4:  # a blank line
        lines.insert(i, "")
    elif kind in (5, 6):  # insert a character
        s = lines[i]
        p = rng.randrange(len(s) + 1)
        lines[i] = s[:p] + rng.choice(INSERTS) + s[p:]
    elif kind == 7 and lines[i]:  # delete a character
        s = lines[i]
        p = rng.randrange(len(s))
        lines[i] = s[:p] + s[p + 1:]
    elif kind == 8:  # replace a digit
        s = lines[i]
        spots = [k for k, c in enumerate(s) if c in DIGITS]
        if spots:
            p = rng.choice(spots)
            lines[i] = s[:p] + rng.choice(DIGITS) + s[p + 1:]
    else:  # cut the text short, mid-line
        s = lines[i]
        p = rng.randrange(len(s) + 1)
        lines[i] = s[:p]
        del lines[i + 1:]
    return lines


def main():
    out, count, seed, sources = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
    texts = []
    for path in sorted(sources):
        with open(path, "rb") as f:
            data = f.read()
        try:
            texts.append(data.decode("utf-8").split("\n"))
        except UnicodeDecodeError:
            continue
    if not texts:
        sys.exit("mutate_corpus.py: no UTF-8 source texts")
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    for k in range(count):
        lines = texts[rng.randrange(len(texts))]
        # A window: the whole text a tenth of the time, else 3 to 60 lines.
        if rng.randrange(10) == 0 or len(lines) <= 3:
            window = list(lines)
        else:
            size = rng.randint(3, min(60, len(lines)))
            start = rng.randrange(len(lines) - size + 1)
            window = lines[start:start + size]
        for _ in range(rng.randint(1, 5)):
            window = mutate(window, rng)
        with open(os.path.join(out, "%05d.txt" % k), "w", encoding="utf-8", newline="") as f:
            f.write("\n".join(window))


if __name__ == "__main__":
    main()

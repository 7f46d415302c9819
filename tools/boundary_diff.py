#!/usr/bin/env python3
"""Which passage boundaries moved between two builds of artdiff.

Segments every article given (default: ../shared/eval/news/*/*.txt and
../shared/eval/large/*.txt, relative to the repository) with the OLD and the NEW binary via
`--export - --format json` and prints, per file, each stretch where the passage spans differ:
the old passages and the new ones covering the same bytes (a passage that became
boilerplate, such as a repeated headline, counts as changed).

    tools/boundary_diff.py OLD_BIN NEW_BIN [FILE...]

Nothing is written; the texts stay where they are.
"""
import glob
import json
import os
import subprocess
import sys


def spans(binary, path):
    out = subprocess.run(
        [binary, path, path, "--export", "-", "--format", "json"],
        check=True,
        capture_output=True,
    ).stdout
    article = json.loads(out)["articles"][0]
    return [
        (p["start"], p["end"], p["class"] == "boilerplate", p["text"])
        for p in article["passages"]
    ]


def diff(old, new):
    """Groups of (old passages, new passages) that cover the same bytes but differ."""
    groups, i, j = [], 0, 0
    while i < len(old) and j < len(new):
        if old[i][:3] == new[j][:3]:
            i, j = i + 1, j + 1
            continue
        go, gn = [old[i]], [new[j]]
        i, j = i + 1, j + 1
        while go[-1][1] != gn[-1][1]:
            if go[-1][1] < gn[-1][1] and i < len(old):
                go.append(old[i])
                i += 1
            elif j < len(new):
                gn.append(new[j])
                j += 1
            else:
                break
        groups.append((go, gn))
    return groups


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    old_bin, new_bin, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    if not files:
        root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "eval")
        files = sorted(glob.glob(os.path.join(root, "news", "*", "*.txt")))
        files += sorted(glob.glob(os.path.join(root, "large", "*.txt")))
    total_old = total_new = moved = 0
    for path in files:
        old, new = spans(old_bin, path), spans(new_bin, path)
        total_old += len(old)
        total_new += len(new)
        for go, gn in diff(old, new):
            moved += 1
            print(f"== {os.path.relpath(path)}")
            for _, _, b, t in go:
                print(f"  - {'[boilerplate] ' if b else ''}{t!r}")
            for _, _, b, t in gn:
                print(f"  + {'[boilerplate] ' if b else ''}{t!r}")
    print(f"{len(files)} files, passages {total_old} -> {total_new}, {moved} changed stretches")


if __name__ == "__main__":
    main()

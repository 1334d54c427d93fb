"""Benchmark: one very large article, and a folder of many tiny ones (a script, not a test).

    .venv/bin/python bench/input_bench.py [--mb 20] [--files 10000] [--skip-large] [--skip-tiny]

Each case runs ``kg build`` in a child process and prints one line per figure:
input size, wall time, words/s, and the child's peak resident memory, so that
memory can be compared across sizes (long articles are parsed in pieces, and
articles stream from disk, so the peak should not grow with the input).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.corpus import read_article, sample_paths


def _english_paragraphs() -> list[str]:
    out = []
    for p in sample_paths():
        a = read_article(p)
        out += [line.strip() for line in a.english.text.splitlines() if len(line.strip()) > 80]
    return out


def _article(body: str, n: int) -> str:
    return (f"Title: Benchmark article {n}\nAuthor:\nDate: 1959-0{1 + n % 9}-01\nPage: 1\n{body}\n<hr />\n\n"
            "Original:\n\n### 标题\n\n1959-01-01\n第1版()\n专栏：\n\n    正文。\n")


def _run(paths: list[Path], out: Path) -> tuple[float, int]:
    kg = Path(sys.executable).with_name("kg")
    t0 = time.perf_counter()
    subprocess.run([str(kg), "build", *map(str, paths), "--out", str(out)], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    secs = time.perf_counter() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return secs, peak_kb


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0, help="size of the large article in MB")
    ap.add_argument("--files", type=int, default=10_000, help="number of tiny articles")
    ap.add_argument("--skip-large", action="store_true")
    ap.add_argument("--skip-tiny", action="store_true")
    args = ap.parse_args()
    paras = _english_paragraphs()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if not args.skip_large:
            body, i = [], 0
            size = 0
            while size < args.mb * 1_000_000:
                body.append(paras[i % len(paras)])
                size += len(body[-1]) + 1
                i += 1
            big = root / "large.txt"
            big.write_text(_article("\n".join(body), 0), encoding="utf-8")
            words = sum(len(b.split()) for b in body)
            secs, peak = _run([big], root / "out-large")
            print(f"large article: {big.stat().st_size / 1e6:.1f} MB, {words} words, {secs:.1f} s, "
                  f"{words / secs:,.0f} words/s, peak RSS {peak / 1024:.0f} MB")
        if not args.skip_tiny:
            folder = root / "tiny"
            folder.mkdir()
            words = 0
            for n in range(args.files):
                text = paras[n % len(paras)].split(". ")[0] + "."
                words += len(text.split())
                (folder / f"t{n:05d}.txt").write_text(_article(text, n), encoding="utf-8")
            secs, peak = _run([folder], root / "out-tiny")
            print(f"tiny articles: {args.files} files, {words} words, {secs:.1f} s, "
                  f"{args.files / secs:,.0f} articles/s, peak RSS {peak / 1024:.0f} MB (max over the runs so far)")


if __name__ == "__main__":
    main()

"""Benchmark: ``kg build`` on generated corpora of 1,000 and 10,000 articles (a script, not a test).

    .venv/bin/python bench/scale_bench.py [--n 1000 --n 10000] [--workers 1] [--seed 0] [--no-plain] [--keep DIR]

Generates N articles in the input format (header, English body, ``<hr />``,
``Original:`` and the Chinese block) by recombining, at run time, the sentences
of the bundled sample articles, with unit names, numbers and dates varied by a
seeded random generator: the same seed gives the same corpus, and the corpus of
1,000 is the first 1,000 of the corpus of 10,000.

For each N it runs, each in its own child process, ``kg build`` of the folder,
then the same English text through a plain ``nlp.pipe`` of the same spaCy model
(all its components, the batch size of kg), and prints one line per figure:
articles/s and words/s of each and their ratio, the time of a pass with only the
shared embedding and the parser (the least a parse-based extractor runs), the peak resident memory of
each, the seconds of each stage and each export of ``kg build``, and (when kg
has a cache) the time of a rebuild after adding one article. Last, the ratio of
kg build's peak memory at the largest N to that at the smallest.

The memory the built graph holds grows with the corpus by design; what should not
is the rest. A rebuild all from the cache (nothing parsed, no model loaded) tells
what the graph and its records hold: the RSS kg logs after its graph stage minus
the RSS it logs as the articles start. "Peak RSS beyond the graph" is kg build's
peak minus that, for the first build and for the rebuild from the cache, and its
ratio between the largest and the smallest N is printed last.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from kg.corpus import read_article, sample_paths

BATCH_SIZE = 8  # kg.builder parses with nlp.pipe(..., batch_size=8)
# What any extractor that reads dependencies must run on each sentence it reads: the speed ratio of a
# build that parsed every sentence and did nothing else would be the plain pass's time over this one's.
FLOOR_PIPES = ("tok2vec", "parser")

# Syllables of the generated unit names: pinyin, not names from the samples.
_SYLLABLES = ("an bai bao bei chang cheng da dong feng fu gang guang he hong hua huai ji jia jiang jin jing kai "
              "lan le li lian lin long mei nan ning ping qing ren shan sheng shi shun tai tian tong wan wei xi "
              "xin xing yang yong yuan yun ze zhang zhen zhong").split()
# Shape words that end a unit name; the capitalised words before them are the name's own part.
_SHAPES = ("Coal Mine|Mining Bureau|Administration Bureau|Vertical Shaft|Steel Works|Iron and Steel Company|"
           "Power Plant|Mine|Colliery|Bureau|Factory|Plant|Works|Shaft|Cooperative|Commune|Company|Station")
_UNIT = re.compile(rf"\b((?:[A-Z][a-z]+[ -])*[A-Z][a-z]+) ({_SHAPES})\b")
_NOT_NAME = {"The", "A", "An", "This", "That", "These", "Those", "Each", "Every", "All", "Both", "Our", "Their", "Its",
             "In", "At", "On", "Of", "And", "For", "From", "With", "By", "To", "Other", "Some", "Many", "Several"}
_NUMBER = re.compile(r"\bNo\. \d+\b")
_MONTHS = ("January February March April May June July August September October November December").split()
_DAY = re.compile(rf"\b({'|'.join(_MONTHS)}) (\d{{1,2}})(st|nd|rd|th)?\b")
_SENTENCE_EN = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”]))\s+(?=[A-Z\"“])")
_SENTENCE_ZH = re.compile(r"(?<=[。！？])")


@dataclass
class Pool:
    """The sentences and titles of the bundled samples."""

    english: list[str] = field(default_factory=list)
    chinese: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    titles_zh: list[str] = field(default_factory=list)


def sample_pool() -> Pool:
    pool = Pool()
    for path in sample_paths():
        a = read_article(path)
        if a.english is not None:
            for para in a.english.text.splitlines():
                pool.english += [s.strip() for s in _SENTENCE_EN.split(para) if len(s.split()) >= 4]
        if a.chinese is not None:
            for para in a.chinese.text.splitlines():
                pool.chinese += [s.strip() for s in _SENTENCE_ZH.split(para) if len(s.strip()) >= 6]
        pool.titles.append(a.title or "Labour emulation")
        pool.titles_zh.append(a.title_zh or "劳动竞赛")
    return pool


def unit_names(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct invented names of one or two words ("Xinhe", "Dongshan Baoli")."""
    names: set[str] = set()
    while len(names) < count:
        words = [(rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES)).capitalize() for _ in range(rng.choice((1, 1, 2)))]
        names.add(" ".join(words))
    return sorted(names)


def _vary(text: str, rng: random.Random, names: list[str], renamed: dict[str, str]) -> str:
    """Unit names, unit numbers and days of ``text`` replaced; one name is renamed alike in one article."""

    def unit(m: re.Match) -> str:
        words = m.group(1).split(" ")
        keep = []
        while words and words[0] in _NOT_NAME:
            keep.append(words.pop(0))
        if not words:
            return m.group(0)
        old = " ".join(words)
        new = renamed.setdefault(old, rng.choice(names))
        return " ".join([*keep, new, m.group(2)])

    text = _UNIT.sub(unit, text)
    text = _NUMBER.sub(lambda m: renamed.setdefault(m.group(0), f"No. {rng.randint(1, 15)}"), text)
    return _DAY.sub(lambda m: f"{rng.choice(_MONTHS)} {rng.randint(1, 28)}{m.group(3) or ''}", text)


def article(pool: Pool, names: list[str], seed: int, n: int) -> tuple[str, str]:
    """The text of generated article ``n`` and its English body."""
    rng = random.Random(f"{seed}-{n}")
    renamed: dict[str, str] = {}
    date = f"{rng.randint(1953, 1965)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    page = rng.randint(1, 8)
    paras = [" ".join(_vary(rng.choice(pool.english), rng, names, renamed) for _ in range(rng.randint(2, 5)))
             for _ in range(rng.randint(3, 8))]
    body = "\n\n".join(paras)
    title = _vary(rng.choice(pool.titles), rng, names, renamed)
    zh = "\n".join("    " + "".join(rng.choice(pool.chinese) for _ in range(rng.randint(2, 5)))
                   for _ in range(rng.randint(2, 6)))
    text = (f"Title: {title}\nAuthor:\nDate: {date}\nPage: {page}\n{body}\n<hr />\n\nOriginal:\n\n"
            f"### {rng.choice(pool.titles_zh)}\n\n{date}\n第{page}版()\n专栏：\n\n{zh}\n")
    return text, body


def generate(folder: Path, count: int, seed: int, pool: Pool) -> tuple[int, list[str]]:
    """Write ``count`` articles into ``folder``; returns their English words and bodies."""
    folder.mkdir(parents=True, exist_ok=True)
    names = unit_names(random.Random(f"{seed}-names"), 400)
    words, bodies = 0, []
    for n in range(count):
        text, body = article(pool, names, seed, n)
        (folder / f"gen{n:07d}.txt").write_text(text, encoding="utf-8")
        words += len(body.split())
        bodies.append(body)
    return words, bodies


@dataclass
class Run:
    secs: float
    peak_mb: float
    stdout: str
    stderr: str


def run(cmd: list[str]) -> Run:
    """Run ``cmd``; wall time and the child's own peak resident memory (from wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        secs = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        result = Run(secs, usage.ru_maxrss / 1024, out.read().decode(), err.read().decode())
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed with status {proc.returncode}:\n{result.stderr[-3000:]}")
    return result


_PLAIN = """
import importlib, json, sys, time
from kg.nlp import MODEL_PACKAGES
t0 = time.perf_counter()
for pkg in MODEL_PACKAGES:
    try:
        nlp = importlib.import_module(pkg).load()
        break
    except ImportError:
        continue
if len(sys.argv) > 3:  # only these components (the rest disabled)
    nlp.select_pipes(enable=sys.argv[3].split(","))
t1 = time.perf_counter()
texts = json.load(open(sys.argv[1], encoding="utf-8"))
for doc in nlp.pipe(texts, batch_size=int(sys.argv[2])):
    pass
print(json.dumps({"load": t1 - t0, "pipe": time.perf_counter() - t1, "model": f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}",
                  "pipes": nlp.pipe_names}))
"""


def _kg_has(option: str) -> bool:
    kg = Path(sys.executable).with_name("kg")
    return option in subprocess.run([str(kg), "build", "--help"], capture_output=True, text=True).stdout


def bench(count: int, args: argparse.Namespace, pool: Pool, root: Path) -> dict[str, float]:
    """Print the figures of one corpus size; returns kg build's peak memory in MB ("peak") and, where
    kg logs it, the peak beyond what the graph and its records hold ("beyond build", and in a rebuild
    all from the cache "beyond cached")."""
    kg = str(Path(sys.executable).with_name("kg"))
    tag = f"N={count}:"
    folder = root / f"articles-{count}"
    words, bodies = generate(folder, count, args.seed, pool)
    print(f"{tag} corpus: {count} articles, {words:,} English words, "
          f"{sum(p.stat().st_size for p in folder.iterdir()) / 1e6:.1f} MB", flush=True)

    workers = ["--workers", str(args.workers)] if _kg_has("--workers") else []
    build = run([kg, "-v", "build", str(folder), "--out", str(root / f"out-{count}"), *workers])
    if not (root / f"out-{count}" / "graph.ttl").exists():
        sys.exit(f"kg build wrote no graph.ttl:\n{build.stderr[-5000:]}")
    print(f"{tag} kg build{' --workers ' + str(args.workers) if workers else ''}: {build.secs:.1f} s, "
          f"{count / build.secs:,.2f} articles/s, {words / build.secs:,.0f} words/s", flush=True)
    found = re.findall(r"timing: (\S+) ([\d.]+) s(?: \(peak RSS (\d+) MB(?:, RSS now \d+ MB)?\))?", build.stderr)
    stages = {m[0]: float(m[1]) for m in found}
    peaks = {m[0]: m[2] for m in found if m[2]}
    for stage in ("extract", "resolve", "graph"):
        if stage in stages:
            peak = f" (main process's peak RSS by then {int(peaks[stage]):,} MB)" if stage in peaks else ""
            print(f"{tag} kg build stage {stage}: {stages[stage]:.1f} s{peak}")
    print(f"{tag} kg build peak RSS (its largest process): {build.peak_mb:,.0f} MB")

    if not args.no_plain:
        texts = root / f"texts-{count}.json"
        texts.write_text(json.dumps(bodies), encoding="utf-8")
        del bodies
        plain = run([sys.executable, "-c", _PLAIN, str(texts), str(BATCH_SIZE)])
        meta = json.loads(plain.stdout.strip().splitlines()[-1])
        print(f"{tag} plain nlp.pipe ({meta['model']}: {', '.join(meta['pipes'])}; batch size {BATCH_SIZE}): "
              f"{plain.secs:.1f} s (model load {meta['load']:.1f} s), {count / plain.secs:,.2f} articles/s, "
              f"{words / plain.secs:,.0f} words/s", flush=True)
        print(f"{tag} plain nlp.pipe peak RSS: {plain.peak_mb:,.0f} MB")
        print(f"{tag} speed ratio kg build / plain nlp.pipe: {plain.secs / build.secs:.2f}")
        # The least a parse-based extractor runs: the shared embedding and the parser, nothing else.
        floor = run([sys.executable, "-c", _PLAIN, str(texts), str(BATCH_SIZE), ",".join(FLOOR_PIPES)])
        print(f"{tag} nlp.pipe of {' and '.join(FLOOR_PIPES)} only: {floor.secs:.1f} s, "
              f"{words / floor.secs:,.0f} words/s; plain nlp.pipe / this: {plain.secs / floor.secs:.2f}", flush=True)
    for stage, secs in stages.items():
        if stage.startswith("export:"):
            print(f"{tag} export {stage.removeprefix('export:')}: {secs:.2f} s")

    beyond: dict[str, float] = {}
    if _kg_has("--no-cache"):  # a rebuild all from the cache: nothing parsed, no model loaded
        again = run([kg, "-v", "build", str(folder), "--out", str(root / f"out-{count}")])
        start = re.search(r"memory: RSS (\d+) MB as the articles start", again.stderr)
        now = dict(re.findall(r"timing: (\S+) [\d.]+ s \(peak RSS \d+ MB, RSS now (\d+) MB\)", again.stderr))
        if start and "graph" in now:
            # what the built graph and its records hold: RSS after the graph stage minus RSS before any article
            held = int(now["graph"]) - int(start.group(1))
            beyond = {"build": build.peak_mb - held, "cached": again.peak_mb - held}
            print(f"{tag} kg build all from the cache: {again.secs:.1f} s, peak RSS {again.peak_mb:,.0f} MB")
            print(f"{tag} kg build graph and records held: {held:,} MB (RSS after the graph stage "
                  f"{int(now['graph']):,} MB minus RSS as the articles start {int(start.group(1)):,} MB)")
            print(f"{tag} kg build peak RSS beyond the graph (peak minus what the graph and records hold): "
                  f"{beyond['build']:,.0f} MB; all from the cache: {beyond['cached']:,.0f} MB")
    if _kg_has("--no-cache"):  # a rebuild after adding one article re-extracts that one only
        extra, _ = article(pool, unit_names(random.Random(f"{args.seed}-names"), 400), args.seed + 1, 0)
        (folder / "added.txt").write_text(extra, encoding="utf-8")
        again = run([kg, "-v", "build", str(folder), "--out", str(root / f"out-{count}"), *workers])
        cached = re.search(r"^from cache: +(.*)$", again.stdout, re.MULTILINE)
        print(f"{tag} rebuild after adding one article: {again.secs:.1f} s"
              f"{' (from cache: ' + cached.group(1) + ')' if cached else ''}, peak RSS {again.peak_mb:,.0f} MB")
    return {"peak": build.peak_mb, **{f"beyond {k}": v for k, v in beyond.items()}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, action="append", help="corpus size (repeatable; default 1000 and 10000)")
    ap.add_argument("--workers", type=int, default=1, help="kg build --workers (when kg has it)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the generated corpus")
    ap.add_argument("--no-plain", action="store_true", help="leave out the plain nlp.pipe pass (half the time)")
    ap.add_argument("--keep", type=Path, help="generate into this folder and keep it (default: a temporary one)")
    args = ap.parse_args()
    sizes = sorted(args.n or [1000, 10_000])
    pool = sample_pool()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        peaks = {count: bench(count, args, pool, root) for count in sizes}
    if len(sizes) > 1:
        big, small = peaks[sizes[-1]], peaks[sizes[0]]
        print(f"memory ratio kg build peak RSS N={sizes[-1]} / N={sizes[0]}: {big['peak'] / small['peak']:.2f}")
        for key, what in (("beyond build", ""), ("beyond cached", " (all from the cache)")):
            if key in big and key in small:
                print(f"memory ratio kg build peak RSS beyond the graph{what} N={sizes[-1]} / N={sizes[0]}: "
                      f"{big[key] / small[key]:.2f}")


if __name__ == "__main__":
    main()

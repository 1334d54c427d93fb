"""Scoring a build against gold annotations (the format of ``shared/gold/seeds/README.md``).

Matching rule: within one article, a predicted entity matches a gold entity
when one of its names (English label or alternative label) equals one of the
gold entity's names (``name`` or ``aliases``) after :func:`kg.resolve.normalise_name`
(lower case, no quotes, no leading article). Each gold entity takes at most
one predicted entity, exact label-to-name matches first.

Record types scored (precision, recall, F1, each over sets per article):

* entities: matched pairs; type accuracy over the matched pairs;
* help: distinct (helper, recipient) pairs. A mutual aid among named units
  counts every ordered pair of its participants; a mutual aid of a single
  group counts as the pair (group, group), as the gold writes it;
* measurements: (subject, value) pairs;
* participation: (participant, campaign) pairs;
* Chinese names: of the gold entities with a ``name_zh``, how many matched
  entities carry exactly that Chinese label, and how many carry another one;
* evidence: the share of predicted evidence strings found verbatim at their
  offsets in their article file; for the Chinese evidence (``evidence_zh``),
  how many records have one and how many of those are verbatim. The gold
  files give no Chinese evidence, so the alignment itself is not scored.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

from kg.builder import build
from kg.corpus import sample_paths
from kg.errors import KgError
from kg.resolve import normalise_name
from kg.schemas import Corpus

__all__ = ["Score", "Report", "evaluate", "load_gold"]

log = logging.getLogger(__name__)


@dataclass
class Score:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, predicted: set, gold: set) -> None:
        self.tp += len(predicted & gold)
        self.predicted += len(predicted)
        self.gold += len(gold)

    def as_dict(self) -> dict:
        return {**asdict(self), "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass
class Report:
    entities: Score = field(default_factory=Score)
    type_correct: int = 0
    help: Score = field(default_factory=Score)
    measurements: Score = field(default_factory=Score)
    participation: Score = field(default_factory=Score)
    evidence_total: int = 0
    evidence_verbatim: int = 0
    evidence_zh: int = 0  # records with a Chinese evidence sentence
    evidence_zh_verbatim: int = 0
    zh_gold: int = 0
    zh_correct: int = 0
    zh_wrong: int = 0

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.entities.tp if self.entities.tp else 0.0

    @property
    def evidence_share(self) -> float:
        return self.evidence_verbatim / self.evidence_total if self.evidence_total else 1.0

    def as_dict(self) -> dict:
        return {
            "entities": self.entities.as_dict() | {"type_accuracy": round(self.type_accuracy, 4)},
            "help": self.help.as_dict(),
            "measurements": self.measurements.as_dict(),
            "participation": self.participation.as_dict(),
            "chinese_names": {"gold": self.zh_gold, "correct": self.zh_correct, "wrong": self.zh_wrong},
            "evidence": {"total": self.evidence_total, "verbatim": self.evidence_verbatim,
                         "share": round(self.evidence_share, 4),
                         "zh": {"records": self.evidence_zh, "verbatim": self.evidence_zh_verbatim}},
        }

    def lines(self) -> list[str]:
        rows = [("entities", self.entities), ("help", self.help), ("measurements", self.measurements),
                ("participation", self.participation)]
        out = [f"{'record':<14} {'P':>6} {'R':>6} {'F1':>6}  (tp/pred/gold)"]
        for name, s in rows:
            out.append(f"{name:<14} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}  ({s.tp}/{s.predicted}/{s.gold})")
        out.append(f"{'entity types':<14} accuracy {self.type_accuracy:.3f} over {self.entities.tp} matched")
        out.append(f"{'chinese names':<14} correct {self.zh_correct}/{self.zh_gold}, wrong {self.zh_wrong}")
        out.append(f"{'evidence':<14} verbatim {self.evidence_verbatim}/{self.evidence_total}")
        out.append(f"{'evidence zh':<14} {self.evidence_zh}/{self.evidence_total} records, verbatim "
                   f"{self.evidence_zh_verbatim}/{self.evidence_zh} (no gold to score the alignment)")
        return out


def load_gold(gold_dir: str | Path) -> list[dict]:
    files = sorted(Path(gold_dir).glob("*.json"))
    if not files:
        raise KgError(f"{gold_dir}: no gold *.json files found")
    return [json.loads(f.read_text(encoding="utf-8")) for f in files]


_CJK = re.compile(r"[\u3400-\u9fff]")


def _zh(name: str) -> str:
    """A Chinese name as compared: no quotation marks, no spaces."""
    return re.sub(r"[\s\"'“”‘’「」『』]", "", name)


def _match_entities(gold: dict, corpus: Corpus, article_id: str, chinese: bool = False) -> dict[str, str]:
    """predicted entity id -> gold entity id, for one article (``chinese``: Chinese names match too)."""
    gold_names = {e["id"]: {normalise_name(n) for n in [e["name"], *e["aliases"]]} for e in gold["entities"]}
    gold_main = {e["id"]: normalise_name(e["name"]) for e in gold["entities"]}
    gold_zh = {e["id"]: _zh(e["name_zh"]) for e in gold["entities"] if chinese and e.get("name_zh")}
    predicted = [e for e in corpus.entities if article_id in e.articles]
    pairs = []
    for e in predicted:
        label = normalise_name(e.label)
        names = {label} | {normalise_name(a) for a in e.alt_labels}
        label_zh = _zh(e.label_zh) if e.label_zh else None
        names_zh = ({label_zh} if label_zh else set()) | {_zh(a) for a in e.alt_labels if _CJK.search(a)}
        for gid, gnames in gold_names.items():
            if names & gnames:
                pairs.append((0 if gold_main[gid] == label else 1, e.id, gid))
            elif gid in gold_zh and gold_zh[gid] in names_zh:
                pairs.append((0 if gold_zh[gid] == label_zh else 1, e.id, gid))
    out: dict[str, str] = {}
    taken: set[str] = set()
    for _, pid, gid in sorted(pairs):
        if pid not in out and gid not in taken:
            out[pid] = gid
            taken.add(gid)
    return out


def _evidence_ok(corpus: Corpus, texts: dict[str, str]) -> tuple[int, int, int, int]:
    """(verbatim, total) of the English evidence, then (verbatim, present) of the Chinese."""
    total = ok = zh = zh_ok = 0
    for records in (corpus.assistance, corpus.mutual_aid, corpus.measurements, corpus.participation):
        for r in records:
            total += 1
            src = texts.get(r.evidence.article, "")
            ok += src[r.evidence.start : r.evidence.end] == r.evidence.text
            if r.evidence_zh is not None:
                zh += 1
                src = texts.get(r.evidence_zh.article, "")
                zh_ok += src[r.evidence_zh.start : r.evidence_zh.end] == r.evidence_zh.text
    return ok, total, zh_ok, zh


def evaluate(gold_dir: str | Path, paths: Sequence[str | Path] = (), nlp=None, chinese_only: bool = False) -> Report:
    """Build the gold set's articles (from ``paths``, else the bundled samples) and score them.

    With ``chinese_only``, each article is read from its Chinese original alone (see the module
    docstring for how names then match).
    """
    golds = load_gold(gold_dir)
    available = {Path(p).name: Path(p) for p in (_expand(paths) if paths else sample_paths())}
    files = []
    for g in golds:
        name = g["article"]["file"]
        if name not in available:
            raise KgError(f"{gold_dir}: gold file for {name} but no such article among the inputs")
        files.append(available[name])
    if chinese_only:
        corpus = _build_chinese_only(files, nlp)
    else:
        corpus = build(files, out_dir=None, nlp=nlp).corpus
    report = Report()
    for g, path in zip(golds, files, strict=True):
        aid = path.stem
        match = _match_entities(g, corpus, aid, chinese=chinese_only)
        ent = lambda pid: match.get(pid, f"pred:{pid}")  # noqa: E731
        gtypes = {e["id"]: e["type"] for e in g["entities"]}
        pred_ents = {e.id: e for e in corpus.entities if aid in e.articles}
        report.entities.add({ent(pid) for pid in pred_ents}, set(gtypes))
        report.type_correct += sum(pred_ents[p].type.value == gtypes[gid] for p, gid in match.items())
        gold_zh = {e["id"]: e["name_zh"] for e in g["entities"] if e["name_zh"]}
        report.zh_gold += len(gold_zh)
        for pid, gid in match.items():
            zh = pred_ents[pid].label_zh
            if zh is not None and gid in gold_zh:
                report.zh_correct += zh == gold_zh[gid]
                report.zh_wrong += zh != gold_zh[gid]

        pred_help = {(ent(a.helper), ent(a.recipient)) for a in corpus.assistance if a.evidence.article == aid}
        for u in corpus.mutual_aid:
            if u.evidence.article != aid:
                continue
            ps = [ent(p) for p in u.participants]
            pred_help |= {(a, b) for a in ps for b in ps if a != b} if len(ps) > 1 else {(ps[0], ps[0])}
        report.help.add(pred_help, {(h["helper"], h["recipient"]) for h in g["help"]})

        pred_meas = {(ent(m.subject), Decimal(m.value).normalize()) for m in corpus.measurements
                     if m.evidence.article == aid}
        gold_meas = {(m["subject"], Decimal(str(m["value"])).normalize()) for m in g["metrics"]}
        report.measurements.add(pred_meas, gold_meas)

        pred_part = {(ent(p.participant), ent(p.campaign)) for p in corpus.participation if p.evidence.article == aid}
        report.participation.add(pred_part, {(p["enterprise"], p["campaign"]) for p in g["participation"]})
    texts = {p.stem: p.read_text(encoding="utf-8-sig") for p in files}
    report.evidence_verbatim, report.evidence_total, report.evidence_zh_verbatim, report.evidence_zh = _evidence_ok(
        corpus, texts)
    return report


def _build_chinese_only(files: Sequence[Path], nlp=None) -> Corpus:
    """The corpus of ``files`` with every English block dropped: extraction from the Chinese alone."""
    import spacy

    from kg.builder import extract_all
    from kg.corpus import read_article
    from kg.resolve import resolve

    articles = []
    for p in files:
        a = read_article(p)
        if a.chinese is None:
            raise KgError(f"{p}: no Chinese original to read")
        articles.append(a.model_copy(update={"english": None}))
    # no English text is parsed: a blank pipeline stands in for the English model
    return resolve(extract_all(articles, nlp if nlp is not None else spacy.blank("en")))


def _expand(paths: Sequence[str | Path]) -> list[Path]:
    from kg.corpus import iter_article_paths

    return list(iter_article_paths(paths))

"""Scrambled articles: the extractor never crashes, and what it builds always satisfies the shapes."""

from __future__ import annotations

import random

from kg.builder import build
from kg.corpus import read_article, sample_paths
from kg.validate import validate

# Words that steer the rules: names cut short, stray numbers and punctuation, help and plan verbs.
_STEER = ["No.", "No. 5", "it", "They", "%", "1,2,3", "12.5.6%", "\u200b", "(", ")", "more", "than", "by", "5%",
          "each", "other", "including", "such", "as", "No. 99999 Mine", "Mine", "'", '"', "mine's", ";", ":", ",",
          ".", "helped", "help", "sent", "to", "support", "the", "and", "decided", "will", "tons", "million",
          "rubles", "coefficient", "0.5", "last", "year", "Party", "committee", "of", "section"]


def test_robustness_scrambled_articles_build_and_conform(nlp, tmp_path):
    rng = random.Random(11)
    words = [w for p in sample_paths() for w in read_article(p).english.text.split()]
    src = tmp_path / "in"
    src.mkdir()
    for i in range(30):
        body = " ".join(rng.choice(words) if rng.random() < 0.6 else rng.choice(_STEER)
                        for _ in range(rng.randint(1, 300)))
        (src / f"s{i:02d}.txt").write_text(
            f"Title: Scrambled {i}\nAuthor:\nDate: 1959-01-01\nPage: 1\n{body}\n<hr />\n\nOriginal:\n\n### 标题\n\n"
            "1959-01-01\n第1版()\n专栏：\n\n    正文。\n", encoding="utf-8")
    result = build([src], out_dir=tmp_path / "out", nlp=nlp)
    assert result.skipped == []
    assert len(result.corpus.articles) == 30
    conforms, report = validate(tmp_path / "out")
    assert conforms, report

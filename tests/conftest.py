"""Shared fixtures: the real English pipeline, built once per test session."""

from __future__ import annotations

import pytest

from kg.nlp import load_nlp


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


def _article_text(body: str, title: str, date: str, zh: str = "正文。") -> str:
    return f"Title: {title}\nAuthor:\nDate: {date}\nPage: 1\n{body}\n<hr />\n\nOriginal:\n\n### 标题\n\n{date}\n第1版()\n专栏：\n\n    {zh}\n"


@pytest.fixture(scope="session")
def extract(nlp):
    """``extract(body, title=..., date=..., zh=...)`` -> the resolved Corpus of one article written in a test
    (``zh``: its Chinese original, one paragraph)."""
    from kg.corpus import parse_article
    from kg.extract import body_text, extract_article
    from kg.resolve import resolve

    def run(body: str, title: str = "A test article", date: str = "1958-06-01", zh: str = "正文。"):
        article = parse_article(_article_text(body, title, date, zh), source="test.txt", article_id="test")
        return resolve([extract_article(article, nlp(body_text(article)[0]))])

    return run


def labels(corpus):
    """entity id -> English label."""
    return {e.id: e.label for e in corpus.entities}


@pytest.fixture(scope="session")
def extract_many(nlp):
    """``extract_many(body, body, ...)`` -> the resolved Corpus of articles "a0", "a1", ... written in a test."""
    from kg.corpus import parse_article
    from kg.extract import body_text, extract_article
    from kg.resolve import resolve

    def run(*bodies: str, date: str = "1958-01-01"):
        xs = []
        for i, body in enumerate(bodies):
            a = parse_article(_article_text(body, "t", date), source=f"a{i}.txt", article_id=f"a{i}")
            xs.append(extract_article(a, nlp(body_text(a)[0])))
        return resolve(xs)

    return run

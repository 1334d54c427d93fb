"""Reading article files into :class:`kg.schemas.Article`.

Two layouts are articles:

* the translated layout of the bundled samples: header lines (``Title:``,
  ``Author:``, ``Date:``, ``Page:``), the English body, a line ``<hr />``, a
  line ``Original:``, then the archive block;
* the People's Daily archive block on its own: ``### title``, the date, the
  page (``第2版()``), the column (``专栏：``), then the Chinese body.

Offsets in the returned blocks count characters of the decoded file.
"""

from __future__ import annotations

import codecs
import datetime as dt
import logging
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from kg.errors import ArticleError
from kg.schemas import Article, TextBlock

__all__ = ["decode", "read_article", "parse_article", "iter_article_paths", "sample_paths"]

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt",)

_HEADER = re.compile(r"^(Title|Author|Date|Page):[ \t]*(.*?)[ \t]*$")
_HR = re.compile(r"^[ \t]*<hr\s*/?>[ \t]*\r?$", re.MULTILINE | re.IGNORECASE)
_ORIGINAL = re.compile(r"^[ \t]*Original:[ \t]*\r?$", re.MULTILINE)
_ZH_TITLE = re.compile(r"^###[ \t]*(.*?)[ \t]*$")
_ZH_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_ZH_PAGE = re.compile(r"^\s*第\s*(\d+)\s*版")
_ZH_COLUMN = re.compile(r"^\s*专栏[：:]\s*(.*?)\s*$")


def sample_paths() -> list[Path]:
    """The bundled sample articles, in file-name order."""
    root = resources.files("kg") / "data" / "seeds"
    return sorted(Path(str(p)) for p in root.iterdir() if p.name.endswith(ARTICLE_SUFFIXES))


def iter_article_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand files and folders into article files, folders walked in sorted order."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            yield from sorted(q for q in p.rglob("*") if q.is_file() and q.suffix in ARTICLE_SUFFIXES)
        elif p.exists():
            yield p
        else:
            raise ArticleError(p, None, "no such file or folder")


def decode(raw: bytes, path: str | Path) -> tuple[str, str]:
    """The text of an article file and the encoding it was read in.

    UTF-8 (with or without a byte-order mark) first, then GB18030, which also
    reads GBK and GB2312, the encodings of older Chinese archives. Binary data
    and bytes that neither reads raise :class:`ArticleError` with file and line.
    """
    if not raw.strip():
        raise ArticleError(path, 1, "the file is empty")
    nul = raw.find(b"\x00", 0, 65536)
    if nul >= 0:
        line = raw[:nul].count(b"\n") + 1
        raise ArticleError(path, line, f"binary data (a NUL byte at byte {nul}), not an article")
    bom = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    try:
        return raw[bom:].decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        pos = bom + exc.start  # exc.start counts from after the BOM
        utf8_error = f"not UTF-8 (byte {pos}: {exc.reason})"
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        line = raw[: min(pos, exc.start)].count(b"\n") + 1
        raise ArticleError(path, line, f"cannot decode: {utf8_error}, nor GB18030 (byte {exc.start})") from None
    log.info("%s: not UTF-8; read as GB18030", path)
    return text, "gb18030"


def read_article(path: str | Path, article_id: str | None = None) -> Article:
    """Read one article file; raises :class:`ArticleError` naming file and line.

    ``article_id`` defaults to the file name without its extension.
    """
    path = Path(path)
    text, encoding = decode(path.read_bytes(), path)
    article = parse_article(text, source=str(path), article_id=article_id or path.stem)
    if encoding != "utf-8":
        article = article.model_copy(update={"encoding": encoding})
        log.warning("%s: read as %s, not UTF-8", path, encoding.upper())
    return article


def _lines(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
    """(line number, offset, line without its end) for each line of text[start:end]."""
    end = len(text) if end is None else end
    lineno = text.count("\n", 0, start) + 1
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        yield lineno, pos, text[pos:stop].rstrip("\r")
        lineno += 1
        pos = stop + 1


def _block(text: str, start: int, end: int, lang: str) -> TextBlock | None:
    """The stripped text of text[start:end] as a block, or None when blank."""
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return None
    return TextBlock(lang=lang, text=stripped, start=start + chunk.index(stripped))


def _parse_date(value: str, where: tuple[str, int]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        log.warning("%s:%d: unparsable date %r; the article is read without a date", *where, value)
        return None


def _parse_header(
    text: str, end: int, source: str
) -> tuple[dict[str, str | None], dict[str, int], int, int]:
    """Header fields, their line numbers, the offset where the English body starts, and its line."""
    fields: dict[str, str | None] = {}
    field_lines: dict[str, int] = {}
    body_start, body_line = 0, 1
    for lineno, offset, line in _lines(text, 0, end):
        m = _HEADER.match(line)
        if m and m.group(1) not in fields:
            fields[m.group(1)] = m.group(2) or None
            field_lines[m.group(1)] = lineno
            body_start, body_line = offset + len(line), lineno + 1
            continue
        if not line.strip():
            continue
        break
    for name in ("Title", "Date", "Page"):
        if name not in fields:
            log.warning("%s:1: header has no %s: line", source, name)
    return fields, field_lines, body_start, body_line


def _parse_chinese(text: str, start: int, source: str) -> dict:
    """Title, date, page, column and body block of the archive block at text[start:]."""
    out: dict = {"title_zh": None, "date": None, "page": None, "column": None, "chinese": None}
    body_start = start
    seen_title = False
    for lineno, offset, line in _lines(text, start):
        if not line.strip():
            body_start = offset + len(line)
            continue
        if not seen_title and (m := _ZH_TITLE.match(line)):
            out["title_zh"] = m.group(1) or None
            seen_title = True
        elif out["date"] is None and (m := _ZH_DATE.match(line)):
            out["date"] = _parse_date("-".join(f"{int(x):02d}" for x in m.groups()), (source, lineno))
        elif out["page"] is None and (m := _ZH_PAGE.match(line)):
            out["page"] = int(m.group(1))
        elif out["column"] is None and (m := _ZH_COLUMN.match(line)):
            out["column"] = m.group(1) or None
        else:
            break
        body_start = offset + len(line)
    out["chinese"] = _block(text, body_start, len(text), "zh")
    return out


def parse_article(text: str, source: str, article_id: str) -> Article:
    """Parse the text of one article file (see the module docstring for the layouts)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise ArticleError(source, 1, "the file is empty")

    first = next((line for _, _, line in _lines(text) if line.strip()), "")
    if _ZH_TITLE.match(first):  # the archive's own layout: Chinese only
        zh = _parse_chinese(text, 0, source)
        if zh["chinese"] is None:
            raise ArticleError(source, 1, "the archive block has a title but no body")
        return Article(id=article_id, source=source, **zh)

    hr = _HR.search(text)
    en_end = hr.start() if hr else len(text)
    fields, field_lines, body_start, body_line = _parse_header(text, en_end, source)
    english = _block(text, body_start, en_end, "en")

    zh: dict = {}
    if hr:
        orig = _ORIGINAL.search(text, hr.end())
        zh = _parse_chinese(text, orig.end() if orig else hr.end(), source)
    else:
        log.warning("%s: no '<hr />' line: the article has no Chinese original", source)

    if english is None and zh.get("chinese") is None:
        raise ArticleError(source, body_line, "no article body: neither English text nor a Chinese original")
    if english is None:
        log.warning("%s:%d: the English body is empty; reading the Chinese original only", source, body_line)

    page = fields.get("Page")
    page_no: int | None = None
    if page:
        if page.strip().isdigit():
            page_no = int(page)
        else:
            log.warning("%s:%d: Page: %r is not a number; ignored", source, field_lines["Page"], page)
    date = _parse_date(fields["Date"], (source, field_lines["Date"])) if fields.get("Date") else None
    return Article(
        id=article_id,
        source=source,
        title=fields.get("Title"),
        title_zh=zh.get("title_zh"),
        author=fields.get("Author"),
        date=date or zh.get("date"),
        page=page_no if page_no is not None else zh.get("page"),
        column=zh.get("column"),
        english=english,
        chinese=zh.get("chinese"),
    )

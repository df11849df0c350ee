r"""Check that no text of the real dev sets has been copied into the repository.

Usage: ``python tools/provenance_check.py DEVSETS [--scan PATH ...]``

``DEVSETS`` is the dev-set folder (``/work/shared/devsets``, ``make eval`` passes ``KIT_DEVSETS``).
The check reads the article texts of the dev sets it finds there:

- ``polnear-train/text/*.txt`` (PolNeAR articles),
- ``html/pages/*`` (web pages; visible text taken crudely: scripts, styles and tags removed),
- ``exports/**`` (news-database exports: text, HTML, XML, RTF, and the ``word/document.xml`` of
  DOCX files; ``SOURCE.md`` and ``gold.json`` are our notes and are left out),
- ``frames-dev/articles.csv`` (its ``text`` column),

and turns each text into lower-cased words with punctuation removed (``"Don't"`` -> ``dont``,
``well-known`` -> ``well known``). Every run of 8 consecutive words of an article (a word
8-gram) is hashed to 64 bits and kept. Then every text file tracked by git (``git ls-files``;
binaries and files over 5 MB are skipped) is read the same way, across line breaks (a copied
sentence wrapped over two lines, or split over two string literals, is still found), and each
8-gram of it is looked up.

Why 8 words: a sentence copied from an article almost always keeps 8 words in a row, while
stock phrases rarely reach 8 ("the president of the united states" is 6, "said in a statement
on" is 5), so an 8-gram match is taken as copied text and fails the check. Runs of 6 words
catch shorter copied phrases (a quoted clause, an age and a job) but also common phrases,
so 6-gram matches that are not inside an 8-gram match are listed separately for review by
eye and never fail the check.

Output: one line per match, ``file:line`` of its first word, the dev set and article, and
the matching words (overlapping n-grams are merged into one run); then a summary.
Exit code 0 when there is no 8-gram match, 1 when there is one or more, and 2 when the
dev-set folder (or every dev set in it) is missing: the check is then skipped.

Runs in a few seconds: words become integer ids, and the n-gram hashes of a whole text are
computed at once with numpy; look-ups are binary searches in a sorted array.
"""
from __future__ import annotations

import argparse
import csv
import html
import os
import re
import subprocess
import sys
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

#: words in a row that count as copied text (fails the check)
FAIL_N = 8
#: words in a row listed for review (never fails)
REVIEW_N = 6
#: files larger than this are not scanned (bytes)
MAX_BYTES = 5 * 1024 * 1024
#: Reviewed runs that are an export's interface text, not an article's (words as :func:`words` gives
#: them) -> why a fixture may reproduce them. A match inside one of these is listed as allowed.
ALLOWED: dict[str, str] = {
    "author all authors company all companies subject all subjects industry all industries "
    "region all regions language": "Factiva's 'Search Summary' labels, printed in every Factiva "
    "export; tests/fixtures/readers/factiva_export.txt reproduces the layout the reader skips",
}
#: file names in the dev sets that are our notes or licences, not article text
NOT_ARTICLES = frozenset({"SOURCE.md", "gold.json", "evaldata.json", "README.polnear.md"})
#: suffixes of export files read as text (DOCX is read through its document.xml)
EXPORT_SUFFIXES = (".txt", ".htm", ".html", ".xml", ".rtf", ".csv", ".json", ".jsonl", ".docx")

_WORD = re.compile(r"""
    [^\W_]+                 # a run of letters or digits (underscores split words, as punctuation does)
    (?:['\u2019][^\W_]+)*   # joined by apostrophes inside the word: "don't" is one word
""", re.VERBOSE)
_APOSTROPHES = str.maketrans("", "", "'\u2019")
_INVISIBLE = re.compile(r"""
    <(script|style|noscript)\b[^>]*>   # a block whose content is never shown
    .*?
    </\1\s*>
  | <!--.*?-->                         # a comment
""", re.VERBOSE | re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"""
    <[^<>]*>         # a tag (attributes included)
""", re.VERBOSE)
_RTF_CONTROL = re.compile(r"""
    \\[a-z]+-?\d*[ ]?   # a control word with its optional number and one space: \par, \fs24
  | \\'[0-9a-f]{2}      # a hex-coded character: \'e9
  | \\[^a-z]            # a control symbol: \~ \- \{
  | [{}]                # group braces
""", re.VERBOSE | re.IGNORECASE)


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, punctuation removed, apostrophes inside words dropped.

    >>> words("Don't stop: the well-known 2016 race!")
    ['dont', 'stop', 'the', 'well', 'known', '2016', 'race']
    """
    return [w.translate(_APOSTROPHES) for w in _WORD.findall(text.lower())]


def visible_text(markup: str) -> str:
    """Crude visible text of HTML or XML: scripts, styles, comments and tags removed.

    >>> visible_text("<p>Hello <b>there</b></p><script>var x;</script>&amp; more")
    ' Hello  there   & more'
    """
    return html.unescape(_TAG.sub(" ", _INVISIBLE.sub(" ", markup)))


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _read_export(path: str) -> str:
    low = path.lower()
    if low.endswith(".docx"):
        try:
            with zipfile.ZipFile(path) as z:
                return visible_text(_decode(z.read("word/document.xml")))
        except (zipfile.BadZipFile, KeyError) as err:
            print(f"warning: {path}: cannot read as DOCX ({err}); left out", file=sys.stderr)
            return ""
    with open(path, "rb") as fh:
        text = _decode(fh.read())
    if low.endswith((".htm", ".html", ".xml")):
        return visible_text(text)
    if low.endswith(".rtf"):
        return _RTF_CONTROL.sub(" ", text)
    return text


def devset_texts(devsets: str):
    """Yield ``(dev set, article, text)`` for every article text of the dev sets under ``devsets``."""
    pol = os.path.join(devsets, "polnear-train", "text")
    if os.path.isdir(pol):
        for name in sorted(os.listdir(pol)):
            if name.endswith(".txt"):
                with open(os.path.join(pol, name), "rb") as fh:
                    yield "polnear-train", name, _decode(fh.read())
    pages = os.path.join(devsets, "html", "pages")
    if os.path.isdir(pages):
        for name in sorted(os.listdir(pages)):
            with open(os.path.join(pages, name), "rb") as fh:
                yield "html", name, visible_text(_decode(fh.read()))
    exports = os.path.join(devsets, "exports")
    if os.path.isdir(exports):
        for folder, _dirs, files in sorted(os.walk(exports)):
            for name in sorted(files):
                if name in NOT_ARTICLES or not name.lower().endswith(EXPORT_SUFFIXES):
                    continue
                path = os.path.join(folder, name)
                yield "exports", os.path.relpath(path, exports), _read_export(path)
    frames = os.path.join(devsets, "frames-dev", "articles.csv")
    if os.path.isfile(frames):
        csv.field_size_limit(1 << 30)
        with open(frames, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                yield "frames-dev", f"articles.csv id {row.get('id', '?')}", row.get("text") or ""


class _Hasher:
    """Word -> random 64-bit code (one table per run), and the n-gram hashes of a word list."""

    _MUL = np.uint64(0x9E3779B97F4A7C15)

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.rng = np.random.default_rng(20261205)
        self.codes = np.zeros(0, dtype=np.uint64)

    def encode(self, ws: list[str]) -> np.ndarray:
        ids = self.ids
        arr = np.fromiter((ids.setdefault(w, len(ids)) for w in ws), dtype=np.int64, count=len(ws))
        if len(ids) > len(self.codes):
            more = max(len(ids) - len(self.codes), 1 << 16)
            fresh = self.rng.integers(0, 2**63, size=more, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
            self.codes = np.concatenate([self.codes, fresh])
        return self.codes[arr]

    def ngrams(self, codes: np.ndarray, n: int) -> np.ndarray:
        """Hash of the n-gram starting at each position (``len(codes) - n + 1`` values)."""
        m = len(codes) - n + 1
        if m <= 0:
            return np.zeros(0, dtype=np.uint64)
        h = np.zeros(m, dtype=np.uint64)
        for k in range(n):
            h = h * self._MUL + codes[k:k + m]
            h ^= h >> np.uint64(29)
        return h


@dataclass
class Index:
    """Sorted n-gram hashes of the dev sets with the article each came from."""

    hasher: _Hasher
    sets: list[str] = field(default_factory=list)
    articles: list[tuple[str, str]] = field(default_factory=list)
    keys: dict[int, np.ndarray] = field(default_factory=dict)
    owner: dict[int, np.ndarray] = field(default_factory=dict)

    def lookup(self, hashes: np.ndarray, n: int) -> np.ndarray:
        """Article number for each hash, -1 where the n-gram is in no dev set."""
        keys, owner = self.keys[n], self.owner[n]
        if not len(keys):
            return np.full(len(hashes), -1)
        pos = np.searchsorted(keys, hashes).clip(0, len(keys) - 1)
        return np.where(keys[pos] == hashes, owner[pos], -1)


def build_index(devsets: str, sizes=(FAIL_N, REVIEW_N)) -> Index:
    """Hash the word n-grams (of each length in ``sizes``) of every dev-set article."""
    index = Index(_Hasher())
    parts: dict[int, list[np.ndarray]] = defaultdict(list)
    owners: dict[int, list[np.ndarray]] = defaultdict(list)
    for devset, article, text in devset_texts(devsets):
        if devset not in index.sets:
            index.sets.append(devset)
        number = len(index.articles)
        index.articles.append((devset, article))
        codes = index.hasher.encode(words(text))
        for n in sizes:
            h = index.hasher.ngrams(codes, n)
            parts[n].append(h)
            owners[n].append(np.full(len(h), number, dtype=np.int32))
    for n in sizes:
        keys = np.concatenate(parts[n]) if parts[n] else np.zeros(0, dtype=np.uint64)
        own = np.concatenate(owners[n]) if owners[n] else np.zeros(0, dtype=np.int32)
        order = np.argsort(keys, kind="stable")
        index.keys[n], index.owner[n] = keys[order], own[order]
    return index


@dataclass
class Match:
    """A run of words of a repository file found in a dev-set article."""

    path: str
    line: int
    words: list[str]
    devset: str
    article: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: [{self.devset}: {self.article}] {len(self.words)} words: " \
               f"\"{' '.join(self.words)}\""


def _tokens_with_lines(text: str) -> tuple[list[str], np.ndarray]:
    """The words of ``text`` (as :func:`words`) and the line number of each."""
    starts, ws = [], []
    for m in _WORD.finditer(text.lower()):
        starts.append(m.start())
        ws.append(m.group().translate(_APOSTROPHES))
    breaks = np.array([m.start() for m in re.finditer("\n", text)], dtype=np.int64)
    lines = np.searchsorted(breaks, np.asarray(starts, dtype=np.int64)) + 1
    return ws, lines


def _runs(hit: np.ndarray, n: int) -> list[tuple[int, int, int]]:
    """(first word, last word + 1, article) of each run of overlapping matching n-grams."""
    runs: list[tuple[int, int, int]] = []
    for i in np.flatnonzero(hit >= 0):
        i = int(i)
        if runs and i <= runs[-1][1] - n + 1 and runs[-1][2] == hit[i]:
            runs[-1] = (runs[-1][0], i + n, runs[-1][2])
        elif runs and i < runs[-1][1] and i + n > runs[-1][1]:
            runs[-1] = (runs[-1][0], i + n, runs[-1][2])  # overlaps a run from another article
        else:
            runs.append((i, i + n, int(hit[i])))
    return runs


def scan_text(path: str, text: str, index: Index) -> tuple[list[Match], list[Match]]:
    """(8-gram matches, 6-gram matches not inside an 8-gram match) of one file's text."""
    ws, lines = _tokens_with_lines(text)
    codes = index.hasher.encode(ws)
    fail_hit = index.lookup(index.hasher.ngrams(codes, FAIL_N), FAIL_N)
    review_hit = index.lookup(index.hasher.ngrams(codes, REVIEW_N), REVIEW_N)
    covered = np.zeros(len(ws), dtype=bool)
    fails, reviews = [], []
    for a, b, art in _runs(fail_hit, FAIL_N):
        covered[a:b] = True
        fails.append(Match(path, int(lines[a]), ws[a:b], *index.articles[art]))
    for a, b, art in _runs(review_hit, REVIEW_N):
        if not covered[a:b].any():
            reviews.append(Match(path, int(lines[a]), ws[a:b], *index.articles[art]))
    return fails, reviews


def repository_files(root: str) -> list[str]:
    """Files tracked by git under ``root`` (paths relative to ``root``)."""
    out = subprocess.run(["git", "-C", root, "ls-files", "-z"], capture_output=True, check=True)
    return [p for p in out.stdout.decode("utf-8", "replace").split("\0") if p]


def walk_files(paths: list[str]) -> list[str]:
    """Every file under the given files and folders."""
    found = []
    for p in paths:
        if os.path.isdir(p):
            for folder, _dirs, files in sorted(os.walk(p)):
                found.extend(os.path.join(folder, f) for f in sorted(files))
        else:
            found.append(p)
    return found


def read_text_file(path: str) -> str | None:
    """The file's text, or None for a binary, an over-large or an undecodable file."""
    try:
        if os.path.getsize(path) > MAX_BYTES:
            return None
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    if b"\0" in data[:8192]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _allowed(run: list[str]) -> bool:
    text = " ".join(run)
    return any(f" {text} " in f" {phrase} " for phrase in ALLOWED)


def main(argv: list[str] | None = None) -> int:
    """Run the check; the exit code is 0 (clean), 1 (copied text found) or 2 (skipped)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("devsets", help="the dev-set folder (e.g. /work/shared/devsets)")
    parser.add_argument("--scan", nargs="+", metavar="PATH",
                        help="scan these files and folders instead of the files tracked by git")
    parser.add_argument("--repo", default=ROOT, help="repository whose tracked files are scanned")
    args = parser.parse_args(argv)
    if not os.path.isdir(args.devsets):
        print(f"provenance check skipped: dev-set folder {args.devsets} not found")
        return 2
    index = build_index(args.devsets)
    if not index.articles:
        print(f"provenance check skipped: no dev-set articles under {args.devsets}")
        return 2
    if args.scan:
        files = [(p, p) for p in walk_files(args.scan)]
    else:
        files = [(p, os.path.join(args.repo, p)) for p in repository_files(args.repo)]
    fails, reviews, scanned, skipped = [], [], 0, 0
    for shown, real in files:
        text = read_text_file(real)
        if text is None:
            skipped += 1
            continue
        scanned += 1
        f, r = scan_text(shown, text, index)
        fails += f
        reviews += r
    allowed = [m for m in fails if _allowed(m.words)]
    fails = [m for m in fails if not _allowed(m.words)]
    for m in fails:
        print(f"COPIED {m}")
    for m in allowed:
        print(f"allowed (listed in ALLOWED) {m}")
    if reviews:
        print(f"\nreview ({REVIEW_N}-word matches, may be common phrases; not failing):")
        for m in reviews:
            print(f"  {m}")
    per_set: dict[str, int] = defaultdict(int)
    for m in fails:
        per_set[m.devset] += 1
    sets = ", ".join(f"{s}: {c}" for s, c in sorted(per_set.items())) or "none"
    print(f"\nprovenance check: {len(index.articles)} dev-set articles ({', '.join(index.sets)}); "
          f"{scanned} files scanned, {skipped} skipped (binary or over 5 MB); "
          f"{len(fails)} copied runs of {FAIL_N}+ words (per dev set: {sets}) in "
          f"{len({m.path for m in fails})} files; {len(allowed)} allowed; {len(reviews)} {REVIEW_N}-word matches to review")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())

"""Generate a synthetic news-like corpus whose vocabulary keeps growing (for the benchmarks).

Nothing is copied from real articles: word forms are built from syllables by rank, drawn from a
Zipf distribution (exponent ``ZIPF_S``) over a lexicon of several million forms, so the number of
distinct terms grows with the corpus (Heaps' law) as it does in news, and no tokenizer cache can
flatter a tool. On top of that the text has what news text has: capitalised names, possessives
with straight and typographic apostrophes, hyphenated compounds, acronyms, ``U.S.``, numbers in
several formats (``1,250``, ``3.5``, ``7 1/2``, ``45%``, years), typographic quotes, a few URLs,
e-mail addresses, @handles and #hashtags, sentences and paragraphs.

File format: UTF-8, one article per line, paragraphs separated by a tab.
"""
from __future__ import annotations

import os
import sys

import numpy as np

ZIPF_S = 1.28
LEXICON_SIZE = 6_000_000

# Frequent English words (function words and common news words), most frequent first.
COMMON = (
    "the of to and a in that said for on is was with he it as by at from his be have has "
    "but are not an they who its were will this would been their which had after about more "
    "than also there one two new government officials year people last could when over into "
    "president minister told we other some all police first economic trade our security against "
    "what between during may while since talks statement week public state meeting under percent "
    "country foreign market policy military leaders news report before because both including "
    "three chinese national spokesperson former them can should years month earlier city however"
).split()

_ONSETS = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
           "br", "ch", "cl", "dr", "fl", "gr", "kr", "pl", "pr", "sh", "sl", "st", "str", "th", "tr", "qu"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io", "ee"]
_CODAS = ["", "", "n", "r", "s", "l", "t", "m", "nd", "rt", "st", "ng"]
_SYLL = [o + v + c for o in _ONSETS for v in _VOWELS for c in _CODAS]  # 4080 syllables


def _form(rank: int) -> str:
    """A pronounceable word form for a rank (distinct ranks give distinct forms)."""
    n = len(_SYLL)
    parts = []
    r = rank
    while True:
        parts.append(_SYLL[r % n])
        r //= n
        if r == 0:
            break
        r -= 1
    return "".join(parts) if len(parts) > 1 else parts[0] + ("a" if rank % 3 == 0 else "")


def build_lexicon(size: int = LEXICON_SIZE, seed: int = 7) -> list[str]:
    """Word forms by frequency rank: common words first, then synthetic words, names, compounds."""
    rng = np.random.default_rng(seed)
    kind = rng.random(size)
    lex = list(COMMON)
    r = 0
    while len(lex) < size:
        k = kind[len(lex)]
        w = _form(r)
        r += 1
        if k < 0.80:
            lex.append(w)
        elif k < 0.92:
            lex.append(w.capitalize())  # a name
        elif k < 0.95:
            lex.append(w + "-" + _form(r * 7 + 11))  # hyphenated compound
        elif k < 0.97:
            lex.append(w.capitalize() + ("’s" if k < 0.96 else "'s"))  # possessive
        elif k < 0.98:
            lex.append(w[:4].upper())  # acronym
        else:
            lex.append(w + "s")
    return lex


def _numbers(rng, n: int) -> list[str]:
    out = []
    # formats: 0 "1,234"  1 "3.5"  2 year  3 fraction "7 1/4" (rare, as in news)  4 "45%"  5 "$561bn"  6 plain
    kinds = rng.choice(7, n, p=[0.2, 0.2, 0.2, 0.004, 0.1, 0.05, 0.246])
    for k, v in zip(kinds, rng.integers(1, 100_000, n)):
        if k == 0:
            out.append(f"{v:,}")
        elif k == 1:
            out.append(f"{v / 100:.1f}")
        elif k == 2:
            out.append(str(1950 + v % 75))
        elif k == 3:
            out.append(f"{v % 30} {1 + v % 3}/{4}")
        elif k == 4:
            out.append(f"{v % 100}%")
        elif k == 5:
            out.append(f"${v % 900}bn")
        else:
            out.append(str(v % 1000))
    return out


_SPECIAL = ["U.S.", "US", "U.S.", "a.m.", "p.m.", "U.K."]


def generate(path: str, size_mb: float, *, seed: int = 42, lexicon: list[str] | None = None, progress: bool = True) -> dict:
    """Write ``size_mb`` megabytes of synthetic articles to ``path``; return simple statistics."""
    rng = np.random.default_rng(seed)
    lex = lexicon or build_lexicon()
    lex_arr = np.array(lex, dtype=object)
    ranks = np.arange(1, len(lex) + 1, dtype=np.float64)
    cdf = np.cumsum(ranks ** -ZIPF_S)
    cdf /= cdf[-1]
    target = int(size_mb * 1_000_000)
    written = 0
    n_docs = 0
    tmp = path + ".part"
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(tmp, "w", encoding="utf-8") as f:
        while written < target:
            batch_words = 2_000_000
            ids = np.searchsorted(cdf, rng.random(batch_words))
            words = lex_arr[ids].tolist()
            # numbers, specials, quotes
            pos = rng.choice(batch_words, batch_words // 50, replace=False)
            for p, num in zip(pos.tolist(), _numbers(rng, len(pos))):
                words[p] = num
            for p in rng.choice(batch_words, batch_words // 400, replace=False).tolist():
                words[p] = _SPECIAL[p % len(_SPECIAL)]
            for p in rng.choice(batch_words, batch_words // 5000, replace=False).tolist():
                w = words[p].lower().strip("’'s")
                words[p] = [f"https://www.{w}.com/news/{p}", f"#{w}", f"@{w}", f"press.{w}@{w}.org"][p % 4]
            for p in rng.choice(batch_words, batch_words // 60, replace=False).tolist():
                words[p] = "“" + words[p]
                q = min(p + 3, batch_words - 1)
                words[q] = words[q] + ",”"
            commas = rng.choice(batch_words, batch_words // 18, replace=False).tolist()
            for p in commas:
                if not words[p].endswith(("”", ",")):
                    words[p] = words[p] + ","
            # sentences (mean ~22 words), paragraphs (1-4 sentences), articles (~600 words)
            i = 0
            doc_paras: list[str] = []
            para: list[str] = []
            sent_left = int(rng.integers(2, 4))
            doc_left = int(rng.integers(250, 1100))
            while i < batch_words:
                ln = int(rng.integers(8, 36))
                sent = words[i:i + ln]
                i += ln
                if not sent:
                    break
                sent[0] = sent[0][:1].upper() + sent[0][1:]
                sent[-1] = sent[-1].rstrip(",") + "."
                para.append(" ".join(sent))
                sent_left -= 1
                doc_left -= ln
                if sent_left <= 0:
                    doc_paras.append(" ".join(para))
                    para = []
                    sent_left = int(rng.integers(1, 5))
                if doc_left <= 0:
                    if para:
                        doc_paras.append(" ".join(para))
                        para = []
                    line = "\t".join(doc_paras) + "\n"
                    f.write(line)
                    written += len(line.encode("utf-8"))
                    n_docs += 1
                    doc_paras = []
                    doc_left = int(rng.integers(250, 1100))
                    if written >= target:
                        break
            if progress:
                print(f"\r  generated {written / 1e6:7.1f} MB, {n_docs} articles", end="", file=sys.stderr, flush=True)
    if progress:
        print(file=sys.stderr)
    os.replace(tmp, path)
    return {"path": path, "bytes": written, "articles": n_docs}


def read_articles(path: str, limit_bytes: int | None = None) -> list[str]:
    """Articles of a generated file (paragraphs re-joined by a blank line, as in ``articles.text``)."""
    out = []
    size = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            out.append(line.rstrip("\n").replace("\t", "\n\n"))
            size += len(line)
            if limit_bytes is not None and size >= limit_bytes:
                break
    return out

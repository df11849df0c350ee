"""Coding sheets: a stratified sample to code, the sheet and codebook written, the filled sheet read back.

A coding sheet is a CSV with one row per article and coder: ``doc_id``, ``coder`` (empty in the
sheet as written: each coder fills in a copy, or adds rows), ``outlet``, ``published``, ``stratum``,
``title``, ``lede`` (the first words of the body), ``url``, ``full_text`` (the path of the text file
written beside the sheet), then one column per frame (``1`` present, ``0`` absent,
empty = not coded).
"""
from __future__ import annotations

import csv
import os
from pathlib import Path

import numpy as np
import pandas as pd

from kit.csvsafe import neutralise_frame, restore_frame
from kit.errors import KitError

__all__ = ["code_sample", "write_coding_sheet", "codebook_template", "read_coding_sheet", "coded_texts", "SHEET_COLUMNS",
           "YES_VALUES", "NO_VALUES"]

#: Columns of a coding sheet before the frame columns.
SHEET_COLUMNS = ("doc_id", "coder", "outlet", "published", "stratum", "title", "lede", "url", "full_text")
#: Cell values read as "frame present" / "frame absent" (case-insensitive); empty = not coded.
YES_VALUES = frozenset({"1", "yes", "y", "true", "x", "present"})
NO_VALUES = frozenset({"0", "no", "n", "false", "absent"})
#: Periods a sample can be stratified by (pandas period codes).
_PERIODS = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}


def _strata(articles: pd.DataFrame, by: tuple[str, ...]) -> pd.Series:
    parts = []
    for b in by:
        if b in _PERIODS:
            if "published" not in articles.columns:
                raise KitError(f"cannot stratify by {b!r}: the articles table has no 'published' column")
            pub = pd.to_datetime(articles["published"], utc=True)
            parts.append(pub.dt.tz_localize(None).dt.to_period(_PERIODS[b]).astype(str).where(pub.notna(), "(undated)"))
        elif b in articles.columns:
            parts.append(articles[b].astype("object").where(articles[b].notna(), "(unknown)").astype(str))
        else:
            raise KitError(f"unknown stratum {b!r}; use a column of the articles table "
                           f"({', '.join(map(str, articles.columns))}) or one of {', '.join(_PERIODS)}")
    if not parts:
        return pd.Series("all", index=articles.index)
    out = parts[0]
    for p in parts[1:]:
        out = out + " | " + p
    return out


def _allocate(sizes: pd.Series, n: int, rng: np.random.Generator) -> pd.Series:
    """Proportional allocation with largest remainders (Hamilton): sums to ``n``, never above a
    size; equal remainders are ordered at random (seeded), not by stratum name."""
    total = int(sizes.sum())
    quota = sizes * n / total
    alloc = np.floor(quota).astype(int)
    rest = n - int(alloc.sum())
    frac = (quota - alloc).round(12)
    tiebreak = pd.Series(rng.permutation(len(sizes)), index=sizes.index)
    order = pd.DataFrame({"f": frac, "t": tiebreak}).sort_values(["f", "t"], ascending=[False, True]).index
    for k in order:
        if rest <= 0:
            break
        if alloc[k] < sizes[k]:
            alloc[k] += 1
            rest -= 1
    return alloc


def code_sample(articles: pd.DataFrame, n: int, *, strata=("outlet", "month"), seed: int = 0,
                frames=("frame",), lede_words: int = 60) -> pd.DataFrame:
    """A stratified random sample of articles, as a coding sheet (one row per article).

    Each stratum (the combination of the ``strata`` columns or periods) gets a share of ``n``
    proportional to its size (largest remainders, ties in random order, so the sizes add up to ``n``); articles are drawn
    without replacement inside each stratum with ``numpy.random.default_rng(seed)``, strata in
    sorted order, so the same seed and corpus give the same sample.

    Parameters
    ----------
    articles : DataFrame with ``doc_id``, ``title``, ``text`` and the strata columns
    n : number of articles (at most the corpus size)
    strata : columns of ``articles`` and/or periods (``day``, ``week``, ``month``, ``quarter``,
        ``year`` of ``published``; undated articles form their own stratum)
    seed : random seed
    frames : the frame columns of the sheet (left empty for the coders)
    lede_words : words of the body shown as the lede

    Returns
    -------
    DataFrame
        The columns of :data:`SHEET_COLUMNS` then one per frame, sorted by stratum and doc_id;
        ``url`` is the article's URL when it has one; ``full_text`` is empty (filled in by
        :func:`write_coding_sheet` with the path of the text file the coders read).

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": list("abcdef"), "outlet": list("XXXXYY"), "title": list("ABCDEF"),
    ...                      "text": ["one two three"] * 6})
    >>> s = code_sample(arts, 3, strata=("outlet",), frames=("conflict",), lede_words=2)
    >>> s["outlet"].tolist(), s["lede"].iloc[0], list(s.columns[-2:])
    (['X', 'X', 'Y'], 'one two …', ['full_text', 'conflict'])
    """
    need = [c for c in ("doc_id", "title", "text") if c not in articles.columns]
    if need:
        raise KitError(f"articles has no column(s) {need}")
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or not 1 <= n <= len(articles):
        raise KitError(f"n must be between 1 and the number of articles ({len(articles)}), got {n!r}")
    frames = _check_frames(frames)
    if isinstance(strata, str):
        strata = (strata,)
    arts = articles.reset_index(drop=True)
    st = _strata(arts, tuple(strata))
    sizes = st.value_counts().sort_index()
    rng = np.random.default_rng(seed)
    alloc = _allocate(sizes, int(n), rng)
    picked = []
    for s in sizes.index:
        idx = np.sort(np.flatnonzero((st == s).to_numpy()))
        ids = arts["doc_id"].to_numpy()[idx]
        order = np.argsort(ids, kind="stable")
        take = rng.choice(len(idx), size=int(alloc[s]), replace=False) if alloc[s] else []
        picked.extend(idx[order][np.sort(take)].tolist() if len(take) else [])
    sub = arts.iloc[picked]

    def lede(t):
        words = str(t or "").split()
        return " ".join(words[:lede_words]) + (" …" if len(words) > lede_words else "")

    out = pd.DataFrame({
        "doc_id": sub["doc_id"].astype(str).to_numpy(),
        "coder": "",
        "outlet": sub["outlet"].to_numpy() if "outlet" in sub else "",
        "published": (pd.to_datetime(sub["published"], utc=True).dt.strftime("%Y-%m-%d").fillna("").to_numpy()
                      if "published" in sub else ""),
        "stratum": st.iloc[picked].to_numpy(),
        "title": sub["title"].fillna("").to_numpy(),
        "lede": sub["text"].map(lede).to_numpy(),
        "url": sub["url"].fillna("").to_numpy() if "url" in sub else "",
        "full_text": "",
    })
    for f in frames:
        out[f] = ""
    return out.sort_values(["stratum", "doc_id"], kind="stable").reset_index(drop=True)


def _check_frames(frames) -> list[str]:
    if isinstance(frames, str):
        frames = [frames]
    frames = list(frames)
    if not frames:
        raise KitError("give at least one frame")
    bad = [f for f in frames if not isinstance(f, str) or not f.strip() or f in SHEET_COLUMNS or "," in f]
    if bad:
        raise KitError(f"frame names must be non-empty and not one of {SHEET_COLUMNS} (no commas): {bad}")
    if len(set(frames)) != len(frames):
        raise KitError(f"frame names repeat: {frames}")
    return frames


def codebook_template(frames, *, descriptions: dict | None = None) -> str:
    """A Markdown codebook template: one section per frame with the question, a definition, the
    coding rule and space for examples; fill it in before coding starts.

    >>> print(codebook_template(["conflict"]).splitlines()[0])
    # Codebook
    """
    frames = _check_frames(frames)
    descriptions = descriptions or {}
    lines = ["# Codebook", "",
             "Code every article of the sheet on your own copy; write your name in `coder` on every row.",
             "For each frame write `1` if the article uses it (anywhere in the full text), `0` if not; leave",
             "the cell empty only if you could not read the article. Do not discuss cases before agreement",
             "has been computed (`kit agreement`); then adjudicate the listed disagreements.", ""]
    for f in frames:
        lines += [f"## {f}", "", f"- Question: does the article frame the story in terms of **{f.replace('_', ' ')}**?",
                  f"- Definition: {descriptions.get(f) or 'TODO: what counts, in one or two sentences.'}",
                  "- Code 1 when: TODO (indicators, e.g. the questions of your codebook)",
                  "- Code 0 when: TODO (near misses that do not count)",
                  "- Examples: TODO", ""]
    return "\n".join(lines)


def write_coding_sheet(sheet: pd.DataFrame, folder, articles: pd.DataFrame | None = None, *,
                       codebook: bool = True) -> dict:
    """Write ``coding_sheet.csv`` (and ``codebook.md``) into ``folder``; with ``articles``, also
    ``texts/<doc_id>.txt`` (the body text, exactly the text the classifier will see) for every
    sampled article, whose path (relative to the sheet) goes into ``full_text``. Returns the paths
    written.

    >>> import tempfile
    >>> arts = pd.DataFrame({"doc_id": ["a"], "title": ["T"], "text": ["Body."]})
    >>> out = write_coding_sheet(code_sample(arts, 1, strata=()), tempfile.mkdtemp(), arts)
    >>> sorted(out)
    ['codebook', 'sheet', 'texts']
    >>> filled = pd.read_csv(out["sheet"]).assign(coder="ann", frame=1)
    >>> filled.to_csv(out["sheet"], index=False)
    >>> read_coding_sheet(out["sheet"])["text"].tolist()  # the text travels with the sheet
    ['Body.']
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sheet = sheet.copy()
    out = {"sheet": folder / "coding_sheet.csv"}
    if articles is not None:
        texts = folder / "texts"
        texts.mkdir(exist_ok=True)
        by_id = articles.drop_duplicates("doc_id").set_index("doc_id")
        for i, d in enumerate(sheet["doc_id"]):
            if d not in by_id.index:
                continue
            name = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in str(d)) + ".txt"
            (texts / name).write_text(str(by_id.at[d, "text"] or ""), encoding="utf-8")
            sheet.at[i, "full_text"] = f"texts/{name}"
        out["texts"] = texts
    # titles and ledes are outside text: no live formulas in a spreadsheet (kit.csvsafe; undone on reading)
    neutralise_frame(sheet).to_csv(out["sheet"], index=False, quoting=csv.QUOTE_MINIMAL)
    if codebook:
        frames = [c for c in sheet.columns if c not in SHEET_COLUMNS]
        out["codebook"] = folder / "codebook.md"
        out["codebook"].write_text(codebook_template(frames) + "\n", encoding="utf-8")
    return out


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def read_coding_sheet(path, *, frames=None) -> pd.DataFrame:
    """Read filled coding sheets (one CSV, or several coders' copies) into one long table.

    Every cell of a frame column must be one of :data:`YES_VALUES`, :data:`NO_VALUES` or empty
    (not coded); anything else is an error naming the file, the line and the column. Rows need a
    ``doc_id`` and a ``coder``; a coder may code an article only once.

    Parameters
    ----------
    path : a CSV path, or a list of them (e.g. one per coder)
    frames : frame columns to read (default: every column that is not a sheet column or ``text``)

    Returns
    -------
    DataFrame
        ``doc_id``, ``coder``, ``frame``, ``code`` (1, 0, or missing: pandas ``Int64``), one row per
        article, coder and frame, plus ``text`` when the sheet carries the texts: a ``text``
        column, or ``full_text`` paths (relative to the sheet, as :func:`write_coding_sheet`
        writes them) of files that exist. A coding folder is then self-contained: the model can be
        trained without the corpus (see :func:`coded_texts`).

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "s.csv")
    >>> _ = open(p, "w").write("doc_id,coder,conflict\\na,ann,1\\na,bo,no\\n")
    >>> read_coding_sheet(p)
      doc_id coder     frame  code
    0      a   ann  conflict     1
    1      a    bo  conflict     0
    """
    paths = [path] if isinstance(path, (str, os.PathLike)) else list(path)
    if not paths:
        raise KitError("no coding sheet given")
    parts = [(Path(p), _read_sheet_csv(Path(p))) for p in paths]
    if frames is None:
        frames = [c for c in parts[0][1].columns if c not in SHEET_COLUMNS and c != "text"]
    frames = _check_frames(frames)
    rows = []
    for p, df in parts:
        missing = [c for c in ("doc_id", "coder", *frames) if c not in df.columns]
        if missing:
            raise KitError(f"{p}: no column(s) {missing}; columns are {list(df.columns)}")
        rows += _sheet_rows(p, df, frames)
    out = pd.DataFrame(rows)
    dup = out.duplicated(["doc_id", "coder", "frame"], keep=False)
    if dup.any():
        r = out[dup].iloc[0]
        raise KitError(f"coder {r['coder']!r} coded article {r['doc_id']!r} more than once")
    out["code"] = out["code"].astype("Int64")
    return out


def _read_sheet_csv(p: Path) -> pd.DataFrame:
    """One sheet as text cells, with a ``text`` column from the ``full_text`` files when it has none."""
    if not p.is_file():
        raise KitError(f"{p}: coding sheet not found")
    try:
        df = restore_frame(pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8-sig"))
    except (pd.errors.ParserError, UnicodeDecodeError) as e:
        raise KitError(f"{p}: not a readable CSV coding sheet ({e})") from None
    if "text" not in df.columns and "full_text" in df.columns:
        df["text"] = [_read_text(p.parent / f) if f.strip() and not f.startswith(("http:", "https:")) else None
                      for f in df["full_text"]]
        if df["text"].isna().all():
            df = df.drop(columns="text")
    return df


def _code(cell: str, p: Path, line: int, frame: str):
    """A sheet cell -> 1, 0 or missing; anything else is an error naming the file, line and column."""
    v = cell.strip().lower()
    if v in YES_VALUES:
        return 1
    if v in NO_VALUES:
        return 0
    if v == "":
        return pd.NA
    raise KitError(f"{p}, line {line}, column {frame!r}: {cell!r} is not a code; use 1/0, yes/no or leave empty")


def _sheet_rows(p: Path, df: pd.DataFrame, frames: list[str]) -> list[dict]:
    """``doc_id, coder, frame, code`` (+ ``text``) rows of one sheet; line numbers count the header as line 1."""
    rows = []
    has_text = "text" in df.columns
    for i, rec in enumerate(df.to_dict(orient="records"), start=2):
        d, c = rec["doc_id"].strip(), rec["coder"].strip()
        if not d:
            raise KitError(f"{p}, line {i}: empty doc_id")
        if not c:
            raise KitError(f"{p}, line {i}: empty coder (write the coder's name on every row)")
        text = (rec["text"] if isinstance(rec["text"], str) and rec["text"] else None) if has_text else None
        for f in frames:
            row = {"doc_id": d, "coder": c, "frame": f, "code": _code(rec[f], p, i, f)}
            if has_text:
                row["text"] = text
            rows.append(row)
    return rows


def coded_texts(coded: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """``doc_id, text`` of every coded article: the text the sheet carries (see
    :func:`read_coding_sheet`), else the article's text in ``articles`` (the corpus); an article
    found in neither is an error listing them.

    >>> c = pd.DataFrame({"doc_id": ["a", "b"], "coder": "x", "frame": "f", "code": [1, 0], "text": ["A.", None]})
    >>> coded_texts(c, pd.DataFrame({"doc_id": ["b"], "text": ["B from the corpus."]}))
      doc_id                text
    0      a                  A.
    1      b  B from the corpus.
    """
    ids = list(dict.fromkeys(coded["doc_id"].astype(str)))
    text = {}
    if "text" in coded.columns:
        for d, t in zip(coded["doc_id"].astype(str), coded["text"]):
            if isinstance(t, str) and t and d not in text:
                text[d] = t
    if articles is not None:
        if not {"doc_id", "text"} <= set(articles.columns):
            raise KitError(f"articles needs doc_id and text columns; columns are {list(articles.columns)}")
        for d, t in zip(articles["doc_id"].astype(str), articles["text"]):
            if d not in text and isinstance(t, str):
                text[d] = t
    missing = [d for d in ids if d not in text]
    if missing:
        raise KitError(f"{len(missing)} coded article(s) have no text in the sheet and are not in the corpus, "
                       f"e.g. {missing[:5]}; keep the texts/ folder beside the sheet or give the corpus they come from")
    return pd.DataFrame({"doc_id": ids, "text": [text[d] for d in ids]})

"""Reading a corpus for a report without holding its texts: the articles' metadata in memory, the texts
read one store partition at a time where a table needs them.

A report reads its articles with ``kit.load_corpus(corpus, text=False)`` (every column but ``text``:
about 1 KB an article instead of the text's 4-5 KB and its Python strings). The functions here give
the same tables as the in-memory functions on the articles WITH their texts, reading the texts of a
corpus store (or an ingested ``.parquet`` file) partition by partition, so that only one
partition's texts (:data:`kit.corpus.store.PARTITION_SIZE` articles) and the table being made are
held:

==========================  ==================================================================
:func:`text_parts`          the articles, one partition at a time, with their ``text``
:func:`with_text`           the articles given (a group, the coded articles) with their ``text``
:func:`frame_evidence`      :func:`kit.frames.frame_evidence` of every hit
:func:`evidence_sample`     :func:`kit.frames.evidence_sample`, the evidence made for the sampled hits only
:func:`save_frame_evidence` every hit's evidence written to a report's CSV a chunk at a time (from
                            a store: the stored ``frame_evidence`` table, never held whole)
:func:`actor_salience`      :func:`kit.actors.actor_salience`
:func:`uncovered_names`     :func:`kit.actors.uncovered_names` (two passes over the partitions)
:func:`apply_frames`        :func:`kit.frames.coded.apply_frames` (a trained classifier's probabilities)
:func:`reprint_clusters`    :func:`kit.dedupe.reprint_clusters` (the texts of the clusters' members only)
:func:`save_parquet`        a stored per-row table (``sentence_tone``) written to a report,
                            partition by partition
==========================  ==================================================================

Articles that already hold ``text`` (a corpus read from sources, or loaded with its texts) are used
as they are, in one part: the result is the same either way (tests compare them).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import numpy as np
import pandas as pd

from kit.errors import KitError

#: Articles per part when the texts come from a single ``.parquet`` corpus file (a store has its partitions).
PART_ROWS = 2000


def _text_source(corpus):
    """``("store", Store)``, ``("file", path)`` or None (the corpus holds no stored texts to read)."""
    from kit.corpus.store import Store, _paths, is_ingested, is_store

    if corpus is None or not isinstance(corpus, (str, os.PathLike, Store)):
        return None
    if isinstance(corpus, Store) or is_store(corpus):
        return "store", corpus if isinstance(corpus, Store) else Store(corpus)
    if str(corpus).endswith(".parquet") and is_ingested(corpus):
        return "file", _paths(corpus)["articles"]
    return None


def _stored_texts(corpus, wanted: pd.Series | None = None) -> Iterator[pd.DataFrame]:
    """``doc_id, text`` of the stored articles, one partition (or :data:`PART_ROWS` rows) at a time, in order.
    With ``wanted`` (ids), a store partition holding none of them is skipped without reading its texts."""
    kind, src = _text_source(corpus)
    if kind == "store":
        for p in src.partitions:
            if wanted is not None and not wanted.isin(src.read_table("articles", p, ["doc_id"])["doc_id"]).any():
                continue
            yield src.read_table("articles", p, ["doc_id", "text"])
    else:
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(src).iter_batches(batch_size=PART_ROWS, columns=["doc_id", "text"]):
            yield batch.to_pandas()


def text_parts(corpus, articles: pd.DataFrame) -> Iterator[pd.DataFrame]:
    """The rows of ``articles`` one store partition at a time, each with its ``text`` column.

    ``articles`` are a report's articles read without their texts (``load_corpus(corpus,
    text=False)``, then filtered, deduplicated, given a period column ...): the parts are their rows
    in the store's order (the order ``load_corpus`` gives), each with the store's ``text`` in the
    column position the corpus has it. Articles that already have ``text``, or a corpus that is not
    a store or ``.parquet`` file, give one part: ``articles`` itself. A part is never empty; no
    articles, no part. An article not in the store is an error naming it.

    Examples
    --------
    >>> import tempfile, kit
    >>> out = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], out)
    >>> meta = kit.load_corpus(out, paragraphs=False, text=False).articles
    >>> parts = list(text_parts(out, meta))
    >>> pd.concat(parts)["text"].tolist() == kit.load_corpus(out).articles["text"].tolist()
    True
    """
    if not len(articles):
        return
    if "text" in articles.columns or _text_source(corpus) is None:
        if "text" not in articles.columns:
            raise KitError(f"{corpus}: the articles have no text column and the corpus is not a store or .parquet "
                           "file to read the texts from; load the corpus with its texts")
        yield articles
        return
    ids = articles["doc_id"]
    left = len(articles)
    cols = list(articles.columns)
    for texts in _stored_texts(corpus, ids):
        mask = ids.isin(texts["doc_id"]).to_numpy()
        if not mask.any():
            continue
        part = articles[mask]
        by_id = pd.Series(texts["text"].to_numpy(), index=texts["doc_id"].to_numpy())
        part = part.assign(text=by_id.reindex(part["doc_id"].to_numpy()).to_numpy())
        yield part[_with_text_position(cols, corpus)]
        left -= int(mask.sum())
        if not left:
            return
    if left:
        missing = articles.loc[~ids.isin(_all_ids(corpus)), "doc_id"]
        raise KitError(f"{corpus}: {left} article(s) are not in the corpus (e.g. {missing.iloc[0]!r}); "
                       "pass the articles read from it")


def _all_ids(corpus) -> set:
    return {d for t in _stored_texts(corpus) for d in t["doc_id"]}


def _with_text_position(cols: list[str], corpus) -> list[str]:
    """``cols`` with ``text`` where the corpus has it (after the stored columns before it)."""
    from kit.schema import ARTICLE_COLUMNS

    order = list(ARTICLE_COLUMNS)
    before = set(order[:order.index("text")])
    i = 0
    while i < len(cols) and cols[i] in before:
        i += 1
    return cols[:i] + ["text"] + cols[i:]


def with_text(corpus, articles: pd.DataFrame) -> pd.DataFrame:
    """``articles`` with their ``text`` column, read from the store for these articles only (one
    partition at a time), e.g. the target group of a keyness report or the coded articles.

    The same rows, order and index as ``articles``; see :func:`text_parts`.

    >>> import tempfile, kit
    >>> out = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], out)
    >>> meta = kit.load_corpus(out, paragraphs=False, text=False).articles
    >>> with_text(out, meta.head(1))["text"].tolist() == kit.load_corpus(out).articles["text"].head(1).tolist()
    True
    """
    parts = list(text_parts(corpus, articles))
    if not parts:
        return articles if "text" in articles.columns else articles.assign(text=pd.Series(dtype="str"))[
            _with_text_position(list(articles.columns), corpus)]
    out = pd.concat(parts) if len(parts) > 1 else parts[0]
    return out.loc[articles.index] if len(parts) > 1 else out


def frame_evidence(corpus, hits: pd.DataFrame, articles: pd.DataFrame, *, include_negated: bool = True,
                   **options) -> pd.DataFrame:
    """:func:`kit.frames.frame_evidence` of ``hits`` (every hit, same rows in the same order), the
    texts read one store partition at a time. ``options`` go to it (``window``, ``tokens`` ...).

    >>> import tempfile, kit
    >>> out = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], out)
    >>> full = kit.load_corpus(out).articles
    >>> hits = kit.frames.dictionary_hits(full, {"talks": ["talks", "trade"]})
    >>> meta = kit.load_corpus(out, text=False).articles
    >>> frame_evidence(out, hits, meta).equals(kit.frames.frame_evidence(hits, full))
    True
    """
    from kit.frames import frame_evidence as evidence

    if "frame" in options:
        raise KitError("frame= is not supported here: filter the hits by frame first")
    h = hits if include_negated else hits[~hits["negated"].astype(bool)]
    h = h.reset_index(drop=True)
    pos = pd.Series(np.arange(len(h)), index=h.index)
    frames = []
    for part in text_parts(corpus, articles[articles["doc_id"].isin(h["doc_id"])]):
        mask = h["doc_id"].isin(part["doc_id"]).to_numpy()
        ev = evidence(h[mask], part, include_negated=True, **options)
        frames.append(ev.assign(_pos=pos[mask].to_numpy()))
    if not frames or sum(len(f) for f in frames) < len(h):
        # no hit, or hits of articles that are not in ``articles``: the function says which
        return evidence(h, articles if "text" in articles.columns else
                        pd.DataFrame({"doc_id": pd.Series(dtype=object), "text": pd.Series(dtype=object)}),
                        include_negated=True, **options)
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return out.sort_values("_pos", kind="stable").drop(columns="_pos").reset_index(drop=True)


def evidence_sample(corpus, hits: pd.DataFrame, articles: pd.DataFrame, *, n: int = 3, seed: int = 0,
                    include_negated: bool = False, **options) -> pd.DataFrame:
    """:func:`kit.frames.evidence_sample` without the whole evidence table: the hits are drawn from
    ``hits`` (the same draw, as the sample uses only ``doc_id, frame, start, negated`` and the rows'
    order, which the evidence shares with its hits) and only their evidence is made, reading the
    texts of the store partitions that hold them. The same rows as
    ``kit.frames.evidence_sample(frame_evidence(corpus, hits, articles), n=n, seed=seed)``.
    ``hits`` may be :func:`kit.analyse.rows` of ``frame_hits``: the same draw is made over its
    parts (one seeded generator), holding ``n`` candidate hits per frame.

    >>> import tempfile, kit
    >>> out = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], out)
    >>> full = kit.load_corpus(out).articles
    >>> hits = kit.frames.dictionary_hits(full, {"talks": ["talks", "trade"]})
    >>> meta = kit.load_corpus(out, text=False).articles
    >>> evidence_sample(out, hits, meta, n=1).equals(
    ...     kit.frames.evidence_sample(kit.frames.frame_evidence(hits, full), n=1))
    True
    """
    from kit.frames import evidence_sample as sample

    if hasattr(hits, "parts"):  # an ArticleRows (kit.analyse.rows): drawn over its parts
        picked = _sample_in_parts(hits, n=n, seed=seed, include_negated=include_negated)
    else:
        picked = sample(hits, n=n, seed=seed, include_negated=include_negated)
    return frame_evidence(corpus, picked, articles, **options)


def _sample_in_parts(hits, *, n: int, seed: int, include_negated: bool) -> pd.DataFrame:
    """:func:`kit.frames.evidence_sample` of the whole table of ``hits`` (an :class:`ArticleRows`),
    holding only ``n`` candidate rows per frame: the seeded keys are drawn part by part (one
    generator, so the same keys as for the whole table), and each frame keeps its ``n`` smallest
    keys (ties by position, as the stable sort does)."""
    from kit.frames import evidence_sample as sample
    from kit.validate import check_int

    n, seed = check_int(n, "n", min=1), check_int(seed, "seed", min=0)
    rng = np.random.default_rng(seed)
    kept, first, pos = None, {}, 0
    for part in hits.parts():
        ev = part if include_negated else part[~part["negated"].astype(bool)]
        keys = rng.random(len(ev))
        for f in ev["frame"]:
            first.setdefault(f, len(first))
        both = ev.assign(_k=keys, _p=np.arange(pos, pos + len(ev)))
        pos += len(ev)
        if kept is not None:
            both = pd.concat([kept, both], ignore_index=True)
        kept = both.sort_values(["_k", "_p"], kind="stable").groupby("frame", sort=False).head(n)
    if kept is None or kept.empty:
        return sample(next(hits.parts()), n=n, seed=seed, include_negated=include_negated).head(0)
    kept = kept.assign(_o=kept["frame"].map(first)).sort_values(["_o", "_k", "_p"], kind="stable")
    return (kept.sort_values(["_o", "doc_id", "start"], kind="stable").drop(columns=["_k", "_o", "_p"])
            .reset_index(drop=True))


def save_frame_evidence(corpus, hits: pd.DataFrame, articles: pd.DataFrame, output_dir: str | os.PathLike,
                        file_name: str = "frame_evidence", *, dictionary=None, negation_window: int = 3,
                        window: int | None = None) -> Path:
    """Write :func:`frame_evidence` of every hit of ``hits`` (negated ones included) to
    ``output_dir/<file_name>.csv``: the file :func:`kit.save_table` writes for that table, without
    holding it.

    From a corpus store the evidence is the stored ``frame_evidence`` table of ``dictionary``,
    ``negation_window`` and ``window`` (computed first when missing, as ``kit analyse`` and
    ``kit run`` compute it beforehand): its rows are copied :data:`kit.reporting.CSV_CHUNK_ROWS`
    hits at a time, in the order of ``hits``, each store partition read a row group at a time. So
    ``hits`` must be the ``frame_hits`` table of the same options read for ``articles``
    (``kit.analyse.table(corpus, "frame_hits", articles=articles, ...)``: every hit of those
    articles); a hit the stored table does not hold, or a stored hit of those articles missing from
    ``hits``, is an error. ``hits`` may also be :func:`kit.analyse.rows` of ``frame_hits``: then the
    evidence is copied a part of it at a time, the hits never held whole. Other corpora (sources,
    a ``.parquet`` file): the evidence is made with :func:`frame_evidence` and written whole.

    >>> import tempfile, kit
    >>> out = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], out)
    >>> meta = kit.load_corpus(out, text=False).articles
    >>> d = {"talks": ["talks", "trade"]}
    >>> hits = kit.analyse.table(out, "frame_hits", articles=meta, dictionary=d)
    >>> p = save_frame_evidence(out, hits, meta, tempfile.mkdtemp(), dictionary=d)
    >>> whole = kit.save_table(frame_evidence(out, hits, meta), tempfile.mkdtemp(), "frame_evidence")
    >>> p.read_bytes() == whole.read_bytes()
    True
    """
    from kit.analyse.article_rows import _Batches, _gather
    from kit.analyse.registry import TABLES
    from kit.analyse.waves import ensure
    from kit.compute import reading_mode
    from kit.corpus.store import is_store
    from kit.frames.constants import EVIDENCE_WINDOW
    from kit.reporting import CSV_CHUNK_ROWS, save_table, save_table_parts

    window = EVIDENCE_WINDOW if window is None else window
    if hasattr(hits, "parts"):  # an ArticleRows (kit.analyse.rows): its parts, never the whole table
        if not is_store(corpus) or not len(hits):
            return save_table(frame_evidence(corpus, next(hits.parts()), articles, window=window), output_dir, file_name)
        hit_parts = hits.parts(["start", "frame"])
    elif not is_store(corpus) or not len(hits):
        return save_table(frame_evidence(corpus, hits, articles, window=window), output_dir, file_name)
    else:
        hit_parts = (hits.iloc[i:i + CSV_CHUNK_ROWS] for i in range(0, len(hits), CSV_CHUNK_ROWS))
    handle = ensure(corpus, "frame_evidence", mode=reading_mode(),
                    dictionary=dictionary, negation_window=negation_window, window=window)
    store = handle.store
    # the store partition of each hit (a hit's rows are in its article's partition)
    where = pd.concat([pd.Series(i, index=store.read_table("articles", p, ["doc_id"])["doc_id"].to_numpy())
                       for i, p in enumerate(store.partitions)])
    # the articles' stored rows are read, so an article whose hits are missing from ``hits`` is found
    # too; only the partitions that hold the articles are opened (a report on one month reads that month)
    wanted = pd.unique(articles["doc_id"])
    held = where.reindex(wanted).dropna().astype("int64")
    ids = frozenset(str(i) for i in wanted.tolist())  # (looked up row by row: see _Batches)
    # the partitions all of whose articles are wanted are read without a filter
    n_held, n_all = held.value_counts(), where.value_counts()
    every = {i for i, n in n_held.items() if n == n_all.get(i)}
    fewer = "the hits given; pass the frame hits read from this corpus with the same options"

    def reader(i: int) -> _Batches:
        return _Batches(handle, store.partitions[i], None if i in every else ids,
                        batch_rows=TABLES["frame_evidence"]["row_group_rows"], fewer=fewer)

    readers = {i: reader(i) for i in sorted(set(held.tolist()))}

    def parts():
        i = 0
        for want in hit_parts:
            lab = where.reindex(want["doc_id"].to_numpy()).to_numpy()
            if np.isnan(lab.astype(float)).any():
                missing = want["doc_id"].to_numpy()[np.isnan(lab.astype(float))][0]
                raise KitError(f"{corpus}: hits name an article that is not in the corpus ({missing!r}); "
                               "pass the frame_hits read from it")
            lab = lab.astype("int64")
            rows = _gather(lab, readers, reader, handle.meta.get("dtypes", {}))  # (Arrow: one conversion a part)
            if not (np.array_equal(rows["doc_id"].to_numpy(), want["doc_id"].to_numpy())
                    and np.array_equal(rows["start"].to_numpy(), want["start"].to_numpy())):
                raise KitError(f"{corpus}: the hits given are not the stored frame hits of these options "
                               f"(row {i:,} on differ); pass kit.analyse.table(corpus, 'frame_hits', ...) of the "
                               "same dictionary and negation_window")
            i += len(want)
            yield rows
        for r in readers.values():
            extra = r.left()
            if extra is not None:
                raise KitError(f"{r.path}: stored rows of these articles that the hits given do not have (e.g. "
                               f"{extra['doc_id'].iloc[0]!r} at {extra['start'].iloc[0]}); pass every hit of the articles")

    try:
        return save_table_parts(parts(), output_dir, file_name)
    finally:
        for r in readers.values():
            r.close()


def actor_salience(corpus, mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """:func:`kit.actors.actor_salience` (which needs the texts' lengths), the texts read one store
    partition at a time; the same table.

    >>> import tempfile, kit
    >>> out = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], out)
    >>> full = kit.load_corpus(out).articles
    >>> m = kit.actors.actor_mentions(full)
    >>> actor_salience(out, m, kit.load_corpus(out, text=False).articles).equals(kit.actors.actor_salience(m, full))
    True
    """
    from kit.actors import actor_salience as salience

    frames, seen = [], pd.Series(False, index=mentions.index)
    for part in text_parts(corpus, articles[articles["doc_id"].isin(mentions["doc_id"])]):
        mask = mentions["doc_id"].isin(part["doc_id"])
        seen |= mask
        frames.append(salience(mentions[mask], part[["doc_id", "text"]]))
    # mentions of articles not given (no length: as the function treats them), or none at all
    frames.append(salience(mentions[~seen], pd.DataFrame({"doc_id": pd.Series(dtype=object),
                                                          "text": pd.Series(dtype=object)})))
    frames = [f for f in frames if len(f)] or frames[-1:]
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return out.sort_values(["doc_id", "first_position", "actor"], na_position="last", kind="stable").reset_index(drop=True)


def uncovered_names(corpus, articles: pd.DataFrame, actors: pd.DataFrame | None = None, **options) -> pd.DataFrame:
    """:func:`kit.actors.uncovered_names` of ``articles``, the texts read one store partition at a
    time (twice: the words seen in lower case first, then the names); the same table.

    >>> import tempfile, kit
    >>> out = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], out)
    >>> full = kit.load_corpus(out).articles
    >>> meta = kit.load_corpus(out, text=False).articles
    >>> uncovered_names(out, meta, n=None).equals(kit.actors.uncovered_names(full, n=None))
    True
    """
    from kit.actors import uncovered_names_in_parts

    return uncovered_names_in_parts(lambda: text_parts(corpus, articles), actors, **options)


def apply_frames(corpus, model, articles: pd.DataFrame) -> pd.DataFrame:
    """:func:`kit.frames.coded.apply_frames` (a trained classifier's probabilities for every article),
    the texts read one store partition at a time; the same table (sorted as it sorts).

    >>> import tempfile, kit
    >>> from kit.frames.coded.train import train_frames
    >>> arts = pd.DataFrame({"doc_id": [f"d{i}" for i in range(8)],
    ...                      "text": ["tariffs and markets"] * 4 + ["a family funeral"] * 4})
    >>> m = train_frames(arts, pd.DataFrame({"doc_id": arts["doc_id"], "frame": "economic",
    ...                  "label": [1] * 4 + [0] * 4}), folds=2, min_df=1, n_boot=0)
    >>> out = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], out)
    >>> meta = kit.load_corpus(out, paragraphs=False, text=False).articles
    >>> apply_frames(out, m, meta).equals(kit.frames.coded.apply_frames(m, kit.load_corpus(out).articles))
    True
    """
    from kit.frames.coded import apply_frames as apply

    frames = [apply(model, part) for part in text_parts(corpus, articles)]
    if not frames:
        return apply(model, with_text(corpus, articles))
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    if len(frames) == 1:
        return out
    return out.sort_values(["doc_id", "frame"], kind="stable",
                           key=lambda s: s.map(model.frames.index) if s.name == "frame" else s).reset_index(drop=True)


def reprint_clusters(corpus, articles: pd.DataFrame, **options) -> pd.DataFrame:
    """:func:`kit.dedupe.reprint_clusters` of ``articles`` with the store's stored near-duplicate
    pairs, reading the texts of the clusters' members only (their paragraphs are compared); the
    same table. Without stored pairs for these articles (not a store, or dates a report changed)
    the texts of all articles are read and the pairs computed, as the function does.

    >>> import tempfile, kit
    >>> out = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], out)
    >>> full = kit.load_corpus(out).articles
    >>> meta = kit.load_corpus(out, text=False).articles
    >>> reprint_clusters(out, meta).equals(kit.dedupe.reprint_clusters(full, corpus=out))
    True
    """
    from kit.dedupe import SHINGLE_WORDS, clusters_of
    from kit.dedupe import reprint_clusters as clusters
    from kit.dedupe_store import corpus_pairs

    shingle_words = options.pop("shingle_words", SHINGLE_WORDS)
    if "text" in articles.columns or _text_source(corpus) is None:
        return clusters(articles, corpus=corpus, shingle_words=shingle_words, **options)
    pairs = corpus_pairs(corpus, articles, shingle_words=shingle_words, **options)  # as the function asks for them
    if pairs is None:
        return clusters(with_text(corpus, articles), corpus=corpus, shingle_words=shingle_words, **options)
    ids = articles["doc_id"].astype(str)
    pub = (pd.Series(pd.to_datetime(articles["published"], utc=True, errors="coerce").to_numpy(), index=ids)
           if "published" in articles.columns else pd.Series(pd.NaT, index=ids, dtype="datetime64[ns, UTC]"))
    members = {d for group in clusters_of(pairs, pub) for d in group}
    out = clusters(with_text(corpus, articles[ids.isin(members).to_numpy()]), pairs, shingle_words=shingle_words)
    out.attrs["pairs"] = "stored"
    return out


def save_parquet(corpus, name: str, output_dir: str | os.PathLike, file_name: str | None = None, *,
                 articles: pd.DataFrame | None = None, **options) -> Path:
    """Write the derived table ``name`` (of ``articles``) to ``output_dir/<file_name>.parquet``: from a
    store partition by partition (one partition of the table in memory), else computed in memory
    (:func:`kit.analyse.table`) and written with :func:`kit.reporting.save_parquet`. The file holds
    the same table either way (row groups may differ).

    >>> import tempfile, kit
    >>> out = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], out)
    >>> meta = kit.load_corpus(out, text=False).articles
    >>> p = save_parquet(out, "sentence_tone", tempfile.mkdtemp(), articles=meta)
    >>> pd.read_parquet(p).equals(kit.analyse.table(out, "sentence_tone", articles=meta))
    True
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    from kit.analyse.notebooks import _subset_ids, table
    from kit.analyse.registry import TABLES
    from kit.analyse.waves import ensure
    from kit.compute import reading_mode
    from kit.corpus.store import is_store
    from kit.paths import atomic_file
    from kit.reporting import check_name
    from kit.reporting import save_parquet as save

    file_name = check_name(file_name or name)
    if not is_store(corpus) or TABLES[name].get("order") or TABLES[name].get("whole"):
        # sorted across partitions on reading (or one whole table): written as read
        return save(table(corpus, name, articles=articles, **options), output_dir, file_name)
    handle = ensure(corpus, name, mode=reading_mode(), **options)
    if not handle.meta["partitions"]:
        return save(table(corpus, name, articles=articles, **options), output_dir, file_name)
    subset = _subset_ids(corpus, articles)
    folder = Path(output_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{file_name}.parquet"
    with atomic_file(path) as fh:  # as every file of a report is written
        writer = schema = None
        try:
            for part in handle.meta["partitions"]:
                df = handle.read(part["name"])
                if subset is not None:
                    df = df[df["doc_id"].isin(subset)]
                tbl = pa.Table.from_pandas(df.reset_index(drop=True), schema=schema, preserve_index=False)
                if writer is None:
                    schema = tbl.schema
                    writer = pq.ParquetWriter(fh, schema)
                writer.write_table(tbl)
        finally:
            if writer is not None:
                writer.close()
    return path



__all__ = ["text_parts", "with_text", "frame_evidence", "evidence_sample", "save_frame_evidence", "actor_salience", "uncovered_names", "apply_frames",
           "reprint_clusters", "save_parquet"]

"""Stored derived tables: reading them back (:class:`Derived`), finding them, listing them, and writing
a computed table's partitions and ``meta.json`` and publishing its folder."""
from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

from kit import __version__
from kit.analyse.registry import TABLES, _loaded, code_digest, resolve_options, table_key
from kit.compute import Engine
from kit.corpus.store import Store


@dataclass
class Derived:
    """A derived table in a store: where it is and what ``meta.json`` says about it."""

    store: Store
    table: str
    key: str
    meta: dict

    @property
    def path(self) -> str:
        """The table's folder in the store: ``derived/<table>/<key>``.

        >>> import tempfile, kit
        >>> from kit.analyse import ensure
        >>> path = tempfile.mkdtemp() + "/corpus"
        >>> _ = kit.ingest(["tests/fixtures/webcopy"], path)
        >>> derived = ensure(path, "term_counts")
        >>> derived.path == f"{path}/derived/term_counts/{derived.key}"
        True
        """
        return self.store.join("derived", self.table, self.key)

    def read(self, partition: str | None = None, columns: list[str] | None = None,
             doc_ids=None) -> pd.DataFrame:
        """The table (or one partition of it), with the dtypes the in-memory function gives;
        ``doc_ids``: only the rows of these articles (filtered as each partition is read).

        >>> import tempfile, kit
        >>> from kit.analyse import ensure
        >>> path = tempfile.mkdtemp() + "/corpus"
        >>> _ = kit.ingest(["tests/fixtures/webcopy"], path)
        >>> counts = ensure(path, "term_counts")
        >>> counts.read().columns.tolist(), len(counts.read(doc_ids=[])) == 0
        (['doc_id', 'term', 'n'], True)
        """
        parts = [partition] if partition is not None else [p["name"] for p in self.meta["partitions"]]
        frames = []
        wanted = None if doc_ids is None else pd.Index(pd.unique(pd.Series(list(doc_ids), dtype=object)))
        # the rows of the wanted articles are picked by pyarrow as it reads (a hashed lookup, and row
        # groups whose id range holds none of them are skipped), not by pandas afterwards
        for name in parts:
            with self.store.fs.open(f"{self.path}/{name}.parquet", "rb") as f:
                frames.append(_read_rows(f, columns, wanted))
        keep = [f for f in frames if len(f)] or frames[:1]
        out = pd.concat(keep, ignore_index=True) if len(keep) > 1 else keep[0].reset_index(drop=True)
        out = _restore_dtypes(out, self.meta.get("dtypes", {}))
        order = TABLES[self.table].get("order")
        if order and partition is None and len(out) and (columns is None or set(order) <= set(columns)):
            # each partition is sorted; a stable sort of them in partition order is the global order
            out = out.sort_values(order, kind="stable").reset_index(drop=True)
        return out


def _read_rows(f, columns: list[str] | None, wanted: pd.Index | None) -> pd.DataFrame:
    """One stored partition's rows (of the articles ``wanted``, when given)."""
    if wanted is None:
        return pd.read_parquet(f, columns=columns)
    import pyarrow as pa
    import pyarrow.parquet as pq

    ids = pq.ParquetFile(f).schema_arrow.field("doc_id").type
    f.seek(0)
    if not len(wanted) or pa.types.is_null(ids):  # no article wanted, or a partition without rows
        return pd.read_parquet(f, columns=columns).iloc[:0]
    return pd.read_parquet(f, columns=columns, filters=[("doc_id", "in", wanted.tolist())])


def _as_lists(v):
    """A list cell read back from Parquet (numpy arrays, nested) as the Python lists it was written from."""
    if hasattr(v, "tolist") and not isinstance(v, (str, bytes)):
        v = v.tolist()
    return [_as_lists(x) for x in v] if isinstance(v, list) else v


def _restore_dtypes(df: pd.DataFrame, dtypes: dict[str, str]) -> pd.DataFrame:
    """``df`` (read from stored partitions) with the table's ``dtypes``. An ``object`` column's
    missing values are None, whatever each partition stored: a text column with some values is read
    as ``str`` (gaps NaN), one without any as nulls (gaps None), and partitions of both kinds put
    together gave both (``negator`` of ``frame_hits``).

    >>> parts = pd.concat([pd.DataFrame({"a": pd.Series(["no", None], dtype="str")}),
    ...                    pd.DataFrame({"a": pd.Series([None], dtype=object)})], ignore_index=True)
    >>> _restore_dtypes(parts, {"a": "object"})["a"].tolist()
    ['no', None, None]
    """
    for col, dt in dtypes.items():
        if col not in df.columns:
            continue
        if dt == "object" and df[col].dtype == object:
            first = next((v for v in df[col] if v is not None), None)
            if first is not None and hasattr(first, "tolist") and not isinstance(first, str):
                df[col] = df[col].map(lambda v: None if v is None else _as_lists(v))
        if dt == "object":
            s = df[col].astype(object)
            gaps = s.isna()
            if gaps.any():  # (NaN, pd.NA or None: None)
                s = s.where(~gaps, None)
            df[col] = s
        elif str(df[col].dtype) != dt:
            df[col] = df[col].astype(dt)
    return df


#: The sub-folder of a table being computed that holds its companion table (``quote_problems``
#: of ``quotes``) until both are published.
COMPANION_DIR = "companion"


def _write_part(store: Store, folder: str, part: str, df: pd.DataFrame, *, row_group_rows: int | None = None) -> dict:
    """Write one partition of a derived table (in row groups of ``row_group_rows`` rows when given);
    ``{name, rows, dtypes}`` for its meta.json."""
    store.fs.makedirs(folder, exist_ok=True)
    extra = {"row_group_size": row_group_rows} if row_group_rows else {}
    with store.fs.open(f"{folder}/{part}.parquet", "wb") as f:
        pd.DataFrame(df).to_parquet(f, index=False, **extra)
    return {"name": part, "rows": len(df), "dtypes": {c: str(t) for c, t in df.dtypes.items()}}


def _read_need(store: Store, needs_dir: str | None, part: str) -> pd.DataFrame | None:
    if needs_dir is None:
        return None
    meta = json.loads(store.fs.cat_file(f"{needs_dir}/meta.json").decode())
    return Derived(store, meta["table"], meta["key"], meta).read(part)


def find(store: Store | str, table: str, **options) -> Derived | None:
    """The stored table for these options, or None when it has not been computed.

    >>> import tempfile, kit
    >>> store = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], store)
    >>> from kit.analyse import ensure
    >>> before = find(store, "term_counts")
    >>> _ = ensure(store, "term_counts")
    >>> before is None, find(store, "term_counts").table
    (True, 'term_counts')
    """
    store = store if isinstance(store, Store) else Store(store)
    opts = resolve_options(table, options)
    key, _ = table_key(store, table, _loaded(table, opts))
    return _stored(store, table, key)


def _stored(store: Store, table: str, key: str) -> Derived | None:
    """The table stored under ``key`` (its ``meta.json`` read), or None when there is none."""
    path = store.join("derived", table, key, "meta.json")
    if not store.fs.isfile(path):
        return None
    return Derived(store, table, key, json.loads(store.fs.cat_file(path).decode()))


def _write_meta(store: Store, folder: str, table: str, key: str, canon: dict, results: list[dict],
                seconds: list[float], eng: Engine) -> dict:
    """Write (and return) the meta.json of a computed table from its partitions' ``{name, rows, dtypes}``."""
    meta = {"table": table, "key": key, "options": canon, "kit_version": __version__, "kit_code": code_digest(),
            "fingerprint": store.fingerprint, "created": pd.Timestamp.now(tz="UTC").isoformat(),
            "rows": sum(r["rows"] for r in results), "seconds": round(seconds[0], 3),
            "cpu_seconds": round(seconds[1], 3),
            "engine": eng.describe(), "dtypes": _table_dtypes(results),
            "partitions": [{"name": r["name"], "rows": r["rows"]} for r in results]}
    with store.fs.open(f"{folder}/meta.json", "w", encoding="utf-8") as f:
        f.write(json.dumps(meta, indent=2, default=str) + "\n")
    return meta


def _table_dtypes(results: list[dict]) -> dict[str, str]:
    """The dtypes of the whole table from its partitions': a column that is all missing in one
    partition is ``object`` there, while the function on all articles gives the dtype of the values
    (text columns such as the quotes' ``note``), so the first partition with another dtype decides.

    >>> _table_dtypes([{"rows": 0, "dtypes": {"a": "int64"}}, {"rows": 2, "dtypes": {"a": "object"}},
    ...                {"rows": 1, "dtypes": {"a": "str"}}])
    {'a': 'str'}
    """
    filled = [r["dtypes"] for r in results if r["rows"]] or [r["dtypes"] for r in results[:1]]
    if not filled:
        return {}
    out = dict(filled[0])
    for col, dt in out.items():
        if dt == "object":
            out[col] = next((d[col] for d in filled if d.get(col, "object") != "object"), "object")
    return out


def _publish(store: Store, tmp: str, final: str, *, replace: bool) -> None:
    """Rename a finished table folder into place. When another run (a parallel notebook) stored the
    same table first, its copy is kept: the key says both are the same table."""
    fs = store.fs
    if fs.exists(final):
        if not replace:
            return
        fs.rm(final, recursive=True)
    try:
        fs.mv(tmp, final, recursive=True)
    except OSError:
        if not fs.isfile(f"{final}/meta.json"):
            raise


def stored_tables(store: Store | str) -> pd.DataFrame:
    """What the store holds: ``table, key, rows, kit_version, kit_code, current, created, options``
    (one row per folder; ``kit_code`` is the :func:`~kit.analyse.registry.code_digest` of the kit that
    computed it, ``current`` whether that is this kit, whose tables are the only ones read).

    >>> import tempfile, kit
    >>> store = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], store)
    >>> from kit.analyse import ensure
    >>> _ = ensure(store, "term_counts")
    >>> stored_tables(store)[["table", "current"]].values.tolist()
    [['term_counts', True]]
    """
    store = store if isinstance(store, Store) else Store(store)
    rows = []
    base = store.join("derived")
    here = code_digest()
    if store.fs.isdir(base):
        for meta_path in sorted(store.fs.glob(f"{base}/*/*/meta.json")):
            m = json.loads(store.fs.cat_file(meta_path).decode())
            code = m.get("kit_code")
            rows.append({"table": m["table"], "key": m["key"], "rows": m["rows"], "kit_version": m["kit_version"],
                         "kit_code": code, "current": code == here and m["kit_version"] == __version__,
                         "created": m["created"], "options": json.dumps(m["options"], sort_keys=True)})
    return pd.DataFrame(rows, columns=["table", "key", "rows", "kit_version", "kit_code", "current", "created",
                                       "options"])


def prune_stored(store: Store | str) -> pd.DataFrame:
    """Remove the stored tables that another kit computed (``current`` false in :func:`stored_tables`:
    this kit would compute them again rather than read them); returns their rows.

    >>> import tempfile, kit
    >>> out = tempfile.mkdtemp() + "/corpus"
    >>> _ = kit.ingest(["tests/fixtures/webcopy"], out)
    >>> _ = kit.analyse.derived(out, "term_counts")
    >>> len(prune_stored(out)), len(stored_tables(out))  # computed by this kit: kept
    (0, 1)
    """
    store = store if isinstance(store, Store) else Store(store)
    listed = stored_tables(store)
    stale = listed[~listed["current"].astype(bool)]
    for table, key in zip(stale["table"], stale["key"]):
        store.fs.rm(store.join("derived", table, key), recursive=True)
    return stale.reset_index(drop=True)
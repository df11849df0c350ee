"""``kit dedupe PATH... --out DIR``: near-duplicate pairs, reprint clusters, provenance, reprint share."""
from __future__ import annotations

from pathlib import Path

from kit.commands._common import add_output_arguments, add_source_arguments, emit, load, positive_int, say_to

NAME = "dedupe"
HELP = "find wire copy and near-duplicates (MinHash LSH): clusters with origin and changes, who reprints whom"


def add_arguments(p):
    """The arguments of ``kit dedupe`` (``kit dedupe --help`` lists them).

    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="kit dedupe")
    >>> add_arguments(parser)
    >>> args = parser.parse_args(['data/sample'])
    >>> (args.window_days, args.out)
    (7, 'dedupe')
    """
    add_source_arguments(p)
    p.add_argument("--window-days", type=float, default=7, help="compare articles at most this many days apart (default 7; -1 = no window)")
    p.add_argument("--min-containment", type=float, default=None, help="share of the shorter article's shingles in the other (default 0.5)")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="on a store: a running Dask scheduler (tcp://host:8786; default $DASK_SCHEDULER_ADDRESS)")
    p.add_argument("--workers", type=positive_int, default=None, metavar="N",
                   help="on a store: worker processes of a local Dask cluster (default: one process below "
                        "100,000 articles, one worker per core from there)")
    p.add_argument("--out", default="dedupe", help="folder for pairs.csv, clusters.csv, provenance.csv, reprint_share.csv")
    add_output_arguments(p, "the reprint share table (one object per outlet)")


def run(args) -> int:
    """``kit dedupe``: find the near-duplicate pairs and reprint clusters, print the reprint share per outlet,
    write the tables; returns the exit status.

    >>> import contextlib, io, tempfile
    >>> from kit.cli import build_parser
    >>> tmp = tempfile.mkdtemp()
    >>> args = build_parser(only="dedupe").parse_args(["dedupe", "tests/fixtures/webcopy", "--out", tmp])
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     status = run(args)
    >>> status, out.getvalue().splitlines()[0]
    (0, '2 articles, 0 near-duplicate pairs, 0 clusters, 0 reprints')
    """

    from kit.corpus import is_store
    from kit.dedupe import MIN_CONTAINMENT, near_duplicate_pairs, reprint_clusters, reprint_provenance, reprint_share

    say = say_to(args)  # --json: stdout holds only JSON

    window = None if args.window_days is not None and args.window_days < 0 else args.window_days
    mc = MIN_CONTAINMENT if args.min_containment is None else args.min_containment
    if len(args.paths) == 1 and is_store(args.paths[0]):  # partition by partition: texts never all in memory
        from kit.corpus import Store
        from kit.dedupe_store import _columns, corpus_pairs, near_engine, store_reprint_clusters

        store = Store(args.paths[0])
        # one process or a cluster by the corpus size, unless --scheduler/--workers say (near_mode)
        with near_engine(store, scheduler=args.scheduler, workers=args.workers) as eng:
            # stored beside the corpus (derived/near_duplicates/): reports with dedupe near read the same pairs
            pairs = corpus_pairs(store, engine=eng, window_days=window, min_containment=mc)
            clusters = store_reprint_clusters(store, pairs, engine=eng)
        cols = [c for c in ("doc_id", "outlet") if c in _columns(store, store.partitions[0])]
        arts = store.articles(cols)
    else:
        arts = load(args).articles
        pairs = near_duplicate_pairs(arts, window_days=window, min_containment=mc)
        clusters = reprint_clusters(arts, pairs)
    prov = reprint_provenance(clusters)
    share = reprint_share(arts, clusters)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, df in (("pairs", pairs), ("clusters", clusters), ("provenance", prov), ("reprint_share", share)):
        df.to_csv(out / f"{name}.csv", index=False)
    n_cl = clusters["cluster"].nunique() if len(clusters) else 0
    say(f"{len(arts)} articles, {len(pairs)} near-duplicate pairs, {n_cl} clusters, "
          f"{int((~clusters['is_origin']).sum()) if len(clusters) else 0} reprints")
    emit(args, share.round(3))
    if len(prov):
        say("\n" + prov.round(3).to_string(index=False))
    say(f"written to {out}/")
    return 0

"""The batch's own pages: ``index.html`` + ``runs.json`` of a batch, and the archive's ``index.html``.

Both pages are Jinja templates (``kit/resources/batch_index.html.j2``, ``batch_archive.html.j2``)
rendered with autoescaping, like the report pages.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from kit.reports.files import write_text_atomic
from kit.reports.html import error_line, shorten
from kit.reports.provenance import now, read_provenance
from kit.reports.templates import render

TITLE = "Coverage Framing Kit reports"


def _run_row(p: dict) -> dict:
    """What the index shows of one run's provenance."""
    name = str(p.get("run"))
    files = p.get("files") or {}
    status = str(p.get("status", "?"))
    return {"name": name, "notebook": str(p.get("notebook")), "status": status,
            "status_class": status if status in ("ok", "interrupted", "cancelled") else "failed",
            "html": f"{name}/{files['html']}" if files.get("html") else None,
            "notebook_file": f"{name}/{files['notebook']}" if files.get("notebook") else None,
            "provenance": f"{name}/provenance.json" if status != "cancelled" else None,
            "error": error_line(p)[:300] if status != "ok" else "",
            "seconds": float(p.get("duration_seconds") or 0),
            "tables": [{"href": f"{name}/{t}", "name": t} for t in files.get("tables", [])],
            "figures": [{"href": f"{name}/{f}", "name": f} for f in files.get("figures", []) if f.endswith(".png")]}


def _corpus_rows(corpora: dict | None, batch_dir: Path, root: str | None) -> list[dict]:
    rows = []
    for c in (corpora or {}).values():
        report = None
        if c.get("report"):
            try:
                report = str(Path(c["report"]).relative_to(batch_dir))
            except ValueError:
                pass
        rows.append({"name": str(shorten(c.get("sources") or c.get("path"), root)), "articles": c.get("articles"),
                     "fingerprint": c.get("fingerprint"), "report": report})
    return rows


def _summary(runs: list[dict]) -> str:
    counts = {s: sum(1 for p in runs if p.get("status") == s) for s in ("ok", "failed", "interrupted", "cancelled")}
    counts["failed"] += sum(1 for p in runs if p.get("status") not in counts)
    text = f"{len(runs)} runs: {counts['ok']} ok, {counts['failed']} failed"
    for s in ("interrupted", "cancelled"):
        if counts[s]:
            text += f", {counts[s]} {s}"
    return text


def collect_runs(batch_dir: Path, order: Sequence[str] = (), extra: Sequence[dict] = ()) -> list[dict]:
    """Provenance of every run folder of the batch, plus ``extra`` records (runs that never got a
    folder, e.g. cancelled ones), in the batch file's ``order``.

    >>> import tempfile
    >>> batch = Path(tempfile.mkdtemp())
    >>> for name in ("b", "a"):
    ...     (batch / name).mkdir()
    ...     _ = (batch / name / "provenance.json").write_text('{"run": "%s", "status": "ok"}' % name)
    >>> [r["run"] for r in collect_runs(batch, order=["b", "a", "c"], extra=[{"run": "c", "status": "cancelled"}])]
    ['b', 'a', 'c']
    """
    runs = [p for p in (read_provenance(f) for f in sorted(batch_dir.glob("*/provenance.json"))) if p]
    have = {p.get("run") for p in runs}
    runs += [p for p in extra if p.get("run") not in have]
    rank = {n: i for i, n in enumerate(order)}
    runs.sort(key=lambda p: (rank.get(p.get("run"), len(rank)), str(p.get("run"))))
    return runs


def write_index(batch_dir: Path, *, order: Sequence[str] = (), corpora: dict | None = None, facts: dict | None = None,
                seconds: float | None = None, root: str | None = None, extra: Sequence[dict] = (),
                notes: Sequence[str] = ()) -> Path:
    """Write ``index.html`` and ``runs.json`` listing every run of the batch.

    ``extra`` are provenance-like records of runs without a folder (cancelled before they
    started); ``notes`` are sentences about runs that were left out (e.g. outlets with too few
    articles for a run of their own).

    >>> import json, tempfile
    >>> batch = Path(tempfile.mkdtemp())
    >>> (batch / "ok").mkdir()
    >>> _ = (batch / "ok" / "provenance.json").write_text('{"run": "ok", "status": "ok"}')
    >>> write_index(batch, notes=["one outlet left out"]).name
    'index.html'
    >>> runs = json.loads((batch / "runs.json").read_text())
    >>> [r["run"] for r in runs["runs"]], runs["notes"]
    (['ok'], ['one outlet left out'])
    """
    runs = collect_runs(batch_dir, order, extra)
    facts = facts or {}
    git = facts.get("git") or {}
    if not git.get("commit"):  # the batch file is outside any repository: the kit's own commit
        git = facts.get("git_kit") or git
    bad = sum(1 for p in runs if p.get("status") != "ok")
    page = render("batch_index.html.j2", title=TITLE, generated=now(), kit_version=str(facts.get("kit_version", "")),
                  commit=str(git.get("commit") or "n/a")[:12], dirty=bool(git.get("dirty")), seconds=seconds,
                  corpora=_corpus_rows(corpora, batch_dir, root), summary=_summary(runs), n_bad=bad,
                  interrupted=any(p.get("status") in ("interrupted", "cancelled") for p in runs),
                  runs=[_run_row(p) for p in runs], notes=list(notes))
    index = write_text_atomic(batch_dir / "index.html", page)
    keys = ("run", "notebook", "status", "duration_seconds", "started", "finished", "error", "files")
    summary = {"generated": now(), "seconds": seconds, "corpora": corpora, "kit_version": facts.get("kit_version"),
               "git": git, "runs": [{k: p.get(k) for k in keys} for p in runs], "notes": list(notes)}
    write_text_atomic(batch_dir / "runs.json", json.dumps(summary, indent=2, ensure_ascii=False, default=str) + "\n")
    return index


def write_archive_index(base: Path) -> Path:
    """Write ``base/index.html`` listing the dated batch folders, newest first, and the ``latest`` one.

    >>> import tempfile
    >>> base = Path(tempfile.mkdtemp())
    >>> for name in ("2026-01-01T000000Z", "2026-02-01T000000Z"):
    ...     (base / name).mkdir()
    ...     _ = write_index(base / name)
    >>> page = write_archive_index(base).read_text()
    >>> page.index("2026-02-01T000000Z") < page.index("2026-01-01T000000Z")  # newest first
    True
    """
    batches = []
    for d in sorted((p for p in base.iterdir() if p.is_dir() and not p.is_symlink() and (p / "runs.json").is_file()),
                    key=lambda p: p.name, reverse=True):
        info = read_provenance(d / "runs.json")
        if info is None:
            continue
        runs = info.get("runs") or []
        batches.append({"name": d.name, "runs": len(runs), "bad": sum(1 for r in runs if r.get("status") != "ok")})
    latest = (base / "LATEST").read_text(encoding="utf-8").strip() if (base / "LATEST").is_file() else ""
    page = render("batch_archive.html.j2", title="Coverage Framing Kit report archive", latest=latest, batches=batches)
    return write_text_atomic(base / "index.html", page)

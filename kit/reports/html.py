"""One run's report page: the executed notebook as self-contained, script-free HTML.

Code-cell outputs may carry article text, so they are sanitized (:func:`sanitizer`); the page
(``kit/resources/report.html.j2``) loads nothing from the network and carries a
Content-Security-Policy; the header (``run_header.html.j2``) names the run, its status and parameters.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from kit.reports.files import write_text_atomic
from kit.reports.templates import render


def sanitizer():
    """A SanitizeHTML preprocessor that keeps tables and basic text markup, and nothing active.

    >>> pp = sanitizer()
    >>> "table" in pp.tags, "script" in pp.tags, sorted(pp.sanitized_output_types)
    (True, False, ['text/html', 'text/markdown'])
    """
    tags = ["a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details", "div",
            "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "ol", "p", "pre", "q",
            "s", "samp", "small", "span", "strong", "style", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
            "th", "thead", "tr", "u", "ul"]
    attributes = {"*": ["class", "id", "title", "style", "align", "valign"], "a": ["href", "title"],
                  "td": ["colspan", "rowspan"], "th": ["colspan", "rowspan", "scope"], "table": ["border"],
                  "col": ["span"], "colgroup": ["span"], "ol": ["start"], "style": ["type"]}
    pp = _SafeOutputs(tags=tags, attributes=attributes, strip=False)
    pp.safe_output_keys = {"metadata", "text/plain", "application/json", "image/png", "image/jpeg", "image/svg+xml"}
    pp.sanitized_output_types = {"text/html", "text/markdown"}
    return pp


def _inert_css(css: str) -> str:
    css = re.sub(r"@import[^;]*;?", "", css, flags=re.I)
    return re.sub(r"url\(\s*(?!['\"]?data:)[^)]*\)", "none", css, flags=re.I)


def _make_safe_outputs_class():
    from nbconvert.preprocessors.sanitize import SanitizeHTML

    class SafeOutputs(SanitizeHTML):
        """Sanitize code-cell outputs (text/html, text/markdown) with a table-friendly allow-list.

        Markdown cells are the notebook's own prose and stay as written; everything a cell
        *outputs* may carry article text, so it is cleaned: scripts, event-handler attributes,
        iframes, images with remote sources and CSS imports are removed or shown as text.
        """

        def preprocess_cell(self, cell, resources, cell_index):
            if cell.cell_type == "code":
                cell.outputs = self.sanitize_code_outputs(cell.outputs)
            elif cell.cell_type == "raw":
                cell.source = self.sanitize_html_tags(cell.source)
            return cell, resources

        def sanitize_html_tags(self, html_str):
            cleaned = super().sanitize_html_tags(html_str)
            return re.sub(r"(<style[^>]*>)(.*?)(</style>)", lambda m: m.group(1) + _inert_css(m.group(2)) + m.group(3),
                          cleaned, flags=re.S | re.I)

    return SafeOutputs


_SAFE_OUTPUTS_CLASS = None


def _SafeOutputs(**kw):  # noqa: N802 - a lazily built class
    global _SAFE_OUTPUTS_CLASS
    if _SAFE_OUTPUTS_CLASS is None:
        _SAFE_OUTPUTS_CLASS = _make_safe_outputs_class()
    return _SAFE_OUTPUTS_CLASS(**kw)


def shorten(value: Any, root: str | None) -> Any:
    """Paths under the project folder shown relative to it (pages are shared; home folders need not be).

    >>> shorten("/home/me/kit/data/sample", "/home/me/kit"), shorten(3, "/x")
    ('data/sample', 3)
    """
    if root and isinstance(value, str) and value.startswith(root.rstrip("/") + "/"):
        return value[len(root.rstrip("/")) + 1:]
    return value


def error_line(prov: dict) -> str:
    """Where and how a run ended when it did not end well, in one line (``""`` for ``ok``).

    >>> error_line({"status": "failed", "error": {"cell_index": 3, "ename": "KeyError", "evalue": "'x'"}})
    "Failed in cell 3: KeyError: 'x'"
    >>> error_line({"status": "failed", "error": {"cell_index": 2, "ename": "CellTimeoutError", "evalue": "", "timeout": 5}})
    'Timed out in cell 2 (limit 5 s)'
    >>> error_line({"status": "interrupted", "error": {"cell_index": 2, "ename": "Interrupted", "evalue": "stopped"}})
    'Interrupted in cell 2: stopped'
    """
    status, er = prov.get("status"), prov.get("error") or {}
    if status == "ok" or not er:
        return ""
    cell = er.get("cell_index")
    if er.get("timeout") is not None:
        where = f" in cell {cell}" if cell is not None else ""
        return f"Timed out{where} (limit {er['timeout']:g} s)"
    if status in ("interrupted", "cancelled"):
        where = f" in cell {cell}" if cell is not None else ""
        return f"{str(status).capitalize()}{where}: {er.get('evalue')}"
    where = f" in cell {cell}" if cell is not None else " before any cell ran"
    return f"Failed{where}: {er.get('ename')}: {er.get('evalue')}"


def header_html(prov: dict, root: str | None = None) -> str:
    """The report page's header (escaped HTML): run, status, notebook, times, corpus, kit, parameters.

    >>> page = header_html({"run": "ok", "status": "failed", "notebook": "nb.ipynb", "duration_seconds": 1.5})
    >>> '<span class="kit-status-failed">failed</span>' in page, "<td>1.5 s</td>" in page
    (True, True)
    """
    kit_commit = ((prov.get("git_kit") or prov.get("git") or {}).get("commit") or "n/a")[:12]
    meta = [("Notebook", str(prov.get("notebook"))), ("Started", str(prov.get("started"))),
            ("Duration", f"{prov.get('duration_seconds') or 0:.1f} s"),
            ("Corpus", str((prov.get("corpus") or {}).get("fingerprint") or "-")),
            ("Kit", f"{prov.get('kit_version')} (git {kit_commit})")]
    params = [(str(k), json.dumps(shorten(v, root), ensure_ascii=False)) for k, v in (prov.get("parameters") or {}).items()]
    return render("run_header.html.j2", run=str(prov.get("run")), status=str(prov.get("status", "?")),
                  error=error_line(prov), meta=meta, parameters=params)


def render_html(notebook: str | os.PathLike, html_path: str | os.PathLike, *, show_code: bool = False,
                title: str | None = None, header: str = "") -> Path:
    """Render an executed notebook as one self-contained, script-free HTML page.

    Figures are embedded as data URIs; code is hidden unless ``show_code``; outputs are sanitized
    (see ``SafeOutputs``); the page has a Content-Security-Policy that blocks scripts and remote
    requests. ``header`` is trusted HTML put at the top (the runner builds it escaped).

    >>> import tempfile, nbformat
    >>> from nbformat.v4 import new_code_cell, new_notebook, new_output
    >>> tmp = Path(tempfile.mkdtemp())
    >>> cell = new_code_cell("print(2 + 2)", outputs=[new_output("stream", name="stdout", text="4\\n")])
    >>> nbformat.write(new_notebook(cells=[cell]), str(tmp / "run.ipynb"))
    >>> page = render_html(tmp / "run.ipynb", tmp / "run.html", title="Trade talks").read_text(encoding="utf-8")
    >>> "<title>Trade talks</title>" in page, "print(2 + 2)" in page, "<script" in page
    (True, False, False)
    """
    import nbformat
    from nbconvert import HTMLExporter

    template = Path(__file__).resolve().parent.parent / "resources" / "report.html.j2"
    exporter = HTMLExporter(template_name="lab", template_file=str(template),
                            exclude_input=not show_code, exclude_input_prompt=not show_code,
                            exclude_output_prompt=not show_code, sanitize_html=False, embed_images=True)
    exporter.register_preprocessor(sanitizer(), enabled=True)
    nb = nbformat.read(str(notebook), as_version=4)
    if title:
        nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(nb, resources={"kit_header": header, "metadata": {"name": title or Path(notebook).stem}})
    return write_text_atomic(html_path, body)

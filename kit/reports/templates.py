"""The Jinja environment of the runner's own pages (index, archive, report header).

Templates live in ``kit/resources/`` and are read through :mod:`importlib.resources`, so they
work from an installed wheel; every value is HTML-escaped (``autoescape``).
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


def _load(name: str) -> str:
    return (resources.files("kit") / "resources" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def environment():
    """The shared :class:`jinja2.Environment` (autoescaping, templates from ``kit/resources``).

    >>> environment().from_string("{{ x }}").render(x="<b>")
    '&lt;b&gt;'
    """
    import jinja2

    return jinja2.Environment(loader=jinja2.FunctionLoader(_load), autoescape=True, trim_blocks=True,
                              lstrip_blocks=True, undefined=jinja2.StrictUndefined)


def render(name: str, **values) -> str:
    """Render the template ``kit/resources/<name>`` with ``values`` (escaped: autoescape is on).

    >>> page = render("run_header.html.j2", run="<b>ok</b>", status="ok", error=None, meta=[], parameters=[])
    >>> "&lt;b&gt;ok&lt;/b&gt;" in page and "<b>ok</b>" not in page
    True
    """
    return environment().get_template(name).render(**values)

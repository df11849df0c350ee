"""RTF exports as text: `striprtf <https://pypi.org/project/striprtf/>`_ does the conversion.

The kit does not parse RTF itself. It adds one pass before striprtf: :func:`mark_bold` walks the
RTF tokens only far enough to know where bold type starts and stops (``\\b``, ``\\b0``,
``\\plain``, braces) and writes a private-use character at each change, so a layout that marks its
headlines in bold (APA) can find them in the text; it also counts section breaks (``\\sect``), the
separator some exports put between articles. :func:`rtf_text` gives the plain text (markers
removed), :func:`rtf_lines` the lines with a flag saying whether a line is set in bold.

Export files are not always well formed RTF: APA writes non-ASCII letters as raw UTF-8 bytes
instead of ``\\'xx`` or ``\\u`` escapes. :func:`decode_rtf` reads the bytes as UTF-8 when they
are, else as Windows-1252 (what RTF's ``\\ansi`` means), so both kinds come out right.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kit.readers.base import ReadError

#: private-use characters written where bold type starts and stops (never in real text)
BOLD_ON, BOLD_OFF = "\ue000", "\ue001"
_MARK = {True: r"\u57344?", False: r"\u57345?"}

#: one RTF token (the RTF 1.9 grammar's four kinds of token)
_TOKEN = re.compile(r"""
      \\(?P<word>[a-zA-Z]+)(?P<arg>-?\d+)?\ ?   # a control word, its number, and the one space that ends it
    | \\(?P<sym>.)                              # a control symbol: \\ \{ \} \' \* \~ ...
    | (?P<open>\{)                              # a group opens: formatting is saved
    | (?P<close>\})                             # a group closes: formatting is restored
    | (?P<text>[^\\{}]+)                        # text (line breaks in the file itself are not text)
""", re.VERBOSE | re.DOTALL)

#: groups whose text is never shown (font and colour tables, pictures, document info, fields' code)
HIDDEN_GROUPS = frozenset({"fonttbl", "colortbl", "stylesheet", "info", "pict", "shppict", "nonshppict",
                           "header", "footer", "headerl", "headerr", "footerl", "footerr", "fldinst",
                           "listtable", "listoverridetable", "rsidtbl", "generator", "themedata",
                           "datastore", "latentstyles", "xmlnstbl", "object", "filetbl", "revtbl"})


@dataclass
class RtfText:
    """Text of an RTF file: ``text`` with bold markers, and how many ``\\sect`` breaks it has."""

    text: str
    sections: int


def decode_rtf(data: bytes) -> str:
    r"""The RTF source as a string: UTF-8 when the bytes are valid UTF-8, else Windows-1252.

    >>> decode_rtf("{\\rtf1 Gr\u00fc\u00dfe}".encode("utf-8")) == "{\\rtf1 Gr\u00fc\u00dfe}"
    True
    >>> decode_rtf(b"{\\rtf1 Gr\xfc\xdfe}") == "{\\rtf1 Gr\u00fc\u00dfe}"
    True
    """
    try:
        return data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def looks_rtf(head: bytes) -> bool:
    r"""True when the bytes open an RTF document (``{\rtf``, after a byte-order mark or blanks).

    >>> looks_rtf(b"{\\rtf1\\ansi x}"), looks_rtf(b"plain text")
    (True, False)
    """
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf")


def mark_bold(source: str) -> tuple[str, int]:
    r"""The RTF source with a marker written before text wherever bold type starts or stops.

    Returns ``(rtf, sections)``: the marked RTF (still RTF, for striprtf) and the number of
    ``\sect`` breaks outside hidden groups.

    >>> rtf, n = mark_bold(r"{\rtf1 {\b Head}\par Body\sect Next}")
    >>> rtf.count(r"\u57344?"), rtf.count(r"\u57345?"), n
    (1, 1, 1)
    """
    state = _State()
    out: list[str] = []
    for m in _TOKEN.finditer(source):
        kind = "word" if m.group("word") else m.lastgroup
        if state.step(kind, m) and state.bold != state.shown_bold:
            out.append(_MARK[state.bold])
            state.shown_bold = state.bold
        out.append(_REPLACEMENT if kind == "word" and m.group("word") == "u" and not _code_point(m.group("arg"))
                   else m.group(0))
    return "".join(out), state.sections


#: what a broken ``\\u`` escape (no number, or none that is a character) becomes: U+FFFD
_REPLACEMENT = r"\u65533 "


def _code_point(arg: str | None) -> bool:
    """Whether a ``\\u`` number names a character (RTF writes those above 32767 as negative numbers)."""
    return arg is not None and -32768 <= int(arg) <= 0x10FFFF


@dataclass
class _State:
    """Formatting while walking the tokens: bold or not, inside a hidden group or not, per group."""

    bold: bool = False
    hidden: bool = False
    shown_bold: bool = False  # the bold state the last marker written says
    sections: int = 0
    first_in_group: bool = False
    stack: list = field(default_factory=list)

    def step(self, kind: str, m: re.Match) -> bool:
        """Take one token into account; True when it puts visible text on the page."""
        first, self.first_in_group = self.first_in_group, False
        if kind == "open":
            self.stack.append((self.bold, self.hidden))
            self.first_in_group = True
        elif kind == "close":
            if self.stack:
                self.bold, self.hidden = self.stack.pop()
        elif kind == "word":
            return self._word(m.group("word"), m.group("arg"), first)
        elif kind == "sym":
            sym = m.group("sym")
            if sym == "*" and first:
                self.hidden, self.first_in_group = True, True
            return sym == "'" and not self.hidden  # \'e9: a letter
        elif kind == "text":
            return not self.hidden and bool(m.group("text").strip("\r\n"))
        return False

    def _word(self, word: str, arg: str | None, first: bool) -> bool:
        if first and word in HIDDEN_GROUPS:
            self.hidden = True
        elif word == "b":
            self.bold = arg is None or arg != "0"
        elif word == "plain":
            self.bold = False
        elif word == "sect" and not self.hidden:
            self.sections += 1
        return word == "u" and not self.hidden  # \u252?: a Unicode letter


def rtf_to_marked_text(data: bytes, path: str) -> RtfText:
    """Convert an RTF file to text with bold markers (striprtf), naming the file on failure.

    >>> rtf_to_marked_text(b"{\\\\rtf1 Hello {\\\\b bold} world}", "a.rtf")
    RtfText(text='Hello \\ue000bold\\ue001 world', sections=0)
    """
    from striprtf.striprtf import rtf_to_text

    source = decode_rtf(data)
    if not source.lstrip().startswith("{\\rtf"):
        raise ReadError(path, "not an RTF file: it does not start with '{\\rtf'")
    marked, sections = mark_bold(source)
    try:
        text = rtf_to_text(marked, errors="replace")
    except Exception as e:  # striprtf raises several kinds on broken files
        raise ReadError(path, f"not a readable RTF file: striprtf could not convert it ({type(e).__name__}: {e})") \
            from None
    return RtfText(text.replace("\r\n", "\n").replace("\r", "\n"), sections)


def rtf_lines(marked: str) -> list[tuple[str, bool]]:
    """``(line, bold)`` for every line of marked text: ``bold`` when every letter or digit is bold.

    >>> rtf_lines("\\ue000Head\\ue001\\nBody \\ue000word\\ue001\\n")
    [('Head', True), ('Body word', False), ('', False)]
    """
    out: list[tuple[str, bool]] = []
    bold = False
    for line in marked.split("\n"):
        chars: list[str] = []
        all_bold, any_word = True, False
        for ch in line:
            if ch == BOLD_ON:
                bold = True
            elif ch == BOLD_OFF:
                bold = False
            else:
                chars.append(ch)
                if ch.isalnum():
                    any_word = True
                    all_bold = all_bold and bold
        out.append(("".join(chars), any_word and all_bold))
    return out


def plain(marked: str) -> str:
    """Marked text without its markers.

    >>> plain("\\ue000Head\\ue001 text")
    'Head text'
    """
    return marked.replace(BOLD_ON, "").replace(BOLD_OFF, "")


@lru_cache(maxsize=4)  # both RTF sniffers (Nexis Uni, APA) look at the same head
def rtf_plain_text(head: bytes) -> str:
    r"""Plain text of (the start of) an RTF file, for sniffing; never raises.

    >>> rtf_plain_text(rb"{\rtf1 {\b Body}\par x\u99999999?}")
    'Body\nx\ufffd'
    """
    from striprtf.striprtf import rtf_to_text

    try:
        return plain(rtf_to_text(mark_bold(decode_rtf(head))[0], errors="replace"))
    except Exception:  # a sniffer must not fail on a broken head
        return ""

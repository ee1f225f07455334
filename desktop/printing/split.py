"""Cut a PDF that reportlab wrote into one PDF per page, and join several into one.

A batch "one file per student" drawn one canvas per file subsets and compresses both
fonts once per file, which cost more than drawing the page.  Drawn as one PDF instead
(fonts once), the batch is cut here: each page's file gets the page, its content
stream and what they reference (the fonts), copied as bytes with their object numbers
renumbered, plus its own catalog and document information.  A large batch drawn in
several processes is joined the same way.  Stream data is copied
untouched; only dictionaries are rewritten.  It reads what reportlab writes (a
classic cross-reference table, no object streams), which is the only input it gets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

_REF = re.compile(rb"(\d+) 0 R")
_STREAM = re.compile(rb">>\s*stream\r?\n")
_PARENT = re.compile(rb"/Parent \d+ 0 R")


class SplitError(ValueError):
    """Not a PDF this module can cut (not from reportlab, or damaged)."""


def _objects(data: bytes) -> tuple[dict[int, bytes], int]:
    """Every object's body (between ``obj`` and ``endobj``) and the catalog's number."""
    try:
        start = int(data[data.rindex(b"startxref") + 9:].split()[0])
        lines = data[start:].split(b"\n")
        if lines[0].strip() != b"xref":
            raise SplitError("no cross-reference table")
        first, count = (int(x) for x in lines[1].split())
        offsets = {}
        for i in range(count):
            entry = lines[2 + i].split()
            if entry[2] == b"n":
                offsets[first + i] = int(entry[0])
        trailer = data[data.index(b"trailer", start):]
        root = int(re.search(rb"/Root (\d+) 0 R", trailer).group(1))  # type: ignore[union-attr]
    except (ValueError, IndexError, AttributeError) as e:
        raise SplitError(str(e)) from None
    ordered = sorted(offsets.items(), key=lambda kv: kv[1])
    ends = [off for _, off in ordered[1:]] + [start]
    found = {}
    for (number, off), end in zip(ordered, ends, strict=True):
        chunk = data[off:end]
        found[number] = chunk[chunk.index(b" obj") + 4:chunk.rindex(b"endobj")].strip()
    return found, root


def _dictionary(body: bytes) -> tuple[bytes, bytes]:
    """(the dictionary part, the stream part or b"") of an object's body."""
    m = _STREAM.search(body)
    if m is None:
        return body, b""
    return body[:m.start() + 2], body[m.start() + 2:]


def _kids(objects: dict[int, bytes], node: int) -> list[int]:
    body = objects[node]
    if b"/Type /Pages" not in body:
        return [node]
    kids = re.search(rb"/Kids \[([^\]]*)\]", body)
    if kids is None:
        raise SplitError("a page tree node without kids")
    out: list[int] = []
    for ref in _REF.finditer(kids.group(1)):
        out += _kids(objects, int(ref.group(1)))
    return out


def _pdf_text(text: str) -> bytes:
    """A PDF text string: UTF-16BE with its mark, in hex (no escaping to get wrong)."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def _reachable(objects: dict[int, bytes], page: int, new: dict[int, int],
               order: list[int]) -> None:
    """Number (in ``new``, in ``order``) the page and all it references but its parent."""
    new[page] = len(new) + 4
    order.append(page)
    i = len(order) - 1
    while i < len(order):
        head, _ = _dictionary(objects[order[i]])
        if order[i] == page:
            head = _PARENT.sub(b"", head)
        for ref in _REF.finditer(head):
            n = int(ref.group(1))
            if n not in new:
                if n not in objects:
                    raise SplitError(f"object {n} is referenced but missing")
                new[n] = len(new) + 4
                order.append(n)
        i += 1


def _write(sources: Sequence[tuple[dict[int, bytes], list[int], dict[int, int], list[int]]],
           info: dict[str, str]) -> bytes:
    """A PDF of the given pages: 1 catalog, 2 page tree, 3 information, then each source's
    objects in their new numbers."""
    kids = b" ".join(b"%d 0 R" % new[p] for _, pages, new, _ in sources for p in pages)
    count = sum(len(pages) for _, pages, _, _ in sources)
    body = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [ " + kids + b" ] /Count %d >>" % count,
            b"<< " + b" ".join(b"/" + k.encode() + b" " + _pdf_text(v)
                               for k, v in info.items()) + b" >>"]
    for objects, pages, new, order in sources:
        def renumber(m: re.Match[bytes], new: dict[int, int] = new) -> bytes:
            return b"%d 0 R" % new[int(m.group(1))]

        for n in order:
            head, stream = _dictionary(objects[n])
            if n in pages:  # its parent is the new page tree
                head = _REF.sub(renumber, _PARENT.sub(b"", head))
                body.append(b"<< /Parent 2 0 R" + head.lstrip()[2:] + stream)
            else:
                body.append(_REF.sub(renumber, head) + stream)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, content in enumerate(body, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(body) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(body) + 1, xref))
    return bytes(out)


def _page_list(objects: dict[int, bytes], root: int) -> list[int]:
    found = re.search(rb"/Pages (\d+) 0 R", objects[root])
    if found is None:
        raise SplitError("no page tree")
    return _kids(objects, int(found.group(1)))


def split(data: bytes, infos: Sequence[dict[str, str]]) -> Iterator[bytes]:
    """One PDF per page of ``data``, each with its document information (``/Title``,
    ``/Subject``…) from ``infos`` (one per page)."""
    objects, root = _objects(data)
    page_numbers = _page_list(objects, root)
    if len(page_numbers) != len(infos):
        raise SplitError("pages and document informations differ in number")
    for page, info in zip(page_numbers, infos, strict=True):
        new: dict[int, int] = {}
        order: list[int] = []
        _reachable(objects, page, new, order)
        yield _write([(objects, [page], new, order)], info)


def join(parts: Sequence[bytes], info: dict[str, str]) -> bytes:
    """The pages of several PDFs (drawn in several processes) as one PDF, in order."""
    sources = []
    taken = 0
    for data in parts:
        objects, root = _objects(data)
        pages = _page_list(objects, root)
        numbers: dict[int, int] = {}
        order: list[int] = []
        for page in pages:
            _reachable(objects, page, numbers, order)
        sources.append((objects, pages, {k: v + taken for k, v in numbers.items()}, order))
        taken += len(numbers)
    return _write(sources, info)

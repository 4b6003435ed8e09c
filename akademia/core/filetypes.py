"""What an uploaded file is, read from its content (its first bytes, and for an office document
the members of its ZIP archive), never from its name or the type the browser claims.

    kind = sniff(upload)          # a Kind, or None for anything we do not accept
    problem = refusal(upload)     # why it is refused (a PNG named .pdf, an unknown type), or ""

No library of the environment does this without the system's libmagic (python-magic), and a
few signatures are all we need: PDF, PNG and JPEG have their magic bytes; DOCX, XLSX and ODT
are ZIP archives told apart by a member (`word/document.xml`, `xl/workbook.xml`, the ODF
`mimetype` member naming a text document). Only the archive's directory and the tiny
`mimetype` member are read, so a ZIP bomb is never unpacked.
"""

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
MAX_ARCHIVE_MEMBERS = 10_000  # a document has dozens; a directory this long is not one


@dataclass(frozen=True)
class Kind:
    code: str
    content_type: str
    extensions: tuple[str, ...]
    label: str


KINDS = {
    kind.code: kind
    for kind in (
        Kind("pdf", "application/pdf", (".pdf",), gettext_lazy("a PDF document")),
        Kind(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            (".docx",),
            gettext_lazy("a Word document (DOCX)"),
        ),
        Kind(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            (".xlsx",),
            gettext_lazy("an Excel workbook (XLSX)"),
        ),
        Kind(
            "odt",
            "application/vnd.oasis.opendocument.text",
            (".odt",),
            gettext_lazy("an OpenDocument text (ODT)"),
        ),
        Kind("png", "image/png", (".png",), gettext_lazy("a PNG image")),
        Kind("jpeg", "image/jpeg", (".jpg", ".jpeg"), gettext_lazy("a JPEG image")),
    )
}
ACCEPTED = "PDF, DOCX, XLSX, ODT, PNG, JPEG"


def _head(upload, size: int = 1024) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _zipped_kind(upload) -> Kind | None:
    """DOCX, XLSX or ODT by the archive's members; None for any other (or a broken) ZIP."""
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            if len(members) > MAX_ARCHIVE_MEMBERS:
                return None
            names = {member.filename for member in members}
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return KINDS["docx"]
            if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                return KINDS["xlsx"]
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
                with archive.open("mimetype") as member:
                    if member.read(200).strip() == ODT_MIMETYPE:
                        return KINDS["odt"]
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, NotImplementedError, RuntimeError):
        return None
    finally:
        upload.seek(0)
    return None


def sniff(upload) -> Kind | None:
    """The kind of an open, seekable file by its content; None when it is none we accept."""
    head = _head(upload)
    if head.startswith(b"%PDF-"):
        return KINDS["pdf"]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return KINDS["png"]
    if head.startswith(b"\xff\xd8\xff"):
        return KINDS["jpeg"]
    if head.startswith(b"PK\x03\x04"):
        return _zipped_kind(upload)
    return None


def kind_named(name: str) -> Kind | None:
    """The kind a file's name (its extension) claims, or None."""
    suffix = PurePath(name).suffix.lower()
    return next((kind for kind in KINDS.values() if suffix in kind.extensions), None)


def refusal(upload, name: str) -> str:
    """Why the file is refused ("" when its content is an accepted kind and its name says the
    same kind: a PNG image named .pdf is refused, as the person meant to send something else)."""
    found = sniff(upload)
    if found is None:
        return _("The file “%(name)s” is not of an accepted type; send one of: %(kinds)s.") % {
            "name": name,
            "kinds": ACCEPTED,
        }
    named = kind_named(name)
    if named is None or named.code != found.code:
        return _(
            "The file “%(name)s” is %(found)s, which its name does not say; save it under its "
            "right extension (%(extensions)s) and send it again."
        ) % {"name": name, "found": found.label, "extensions": ", ".join(found.extensions)}
    return ""


def safe_name(name: str, kind: Kind | None = None) -> str:
    """A file name to show and to give back in a download: the last part of whatever path the
    browser sent, without control characters or those a file system or a header forbids,
    at most 200 characters (its extension kept); "plik" when nothing is left."""
    name = PurePath(name.replace("\\", "/")).name
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    name = re.sub(r'[<>:"/\\|?*;]', "_", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    suffix = PurePath(name).suffix if name else ""
    if len(name) > 200:
        name = name[: 200 - len(suffix)] + suffix
    if not PurePath(name).stem:
        name = "plik" + (suffix or (kind.extensions[0] if kind else ""))
    return name

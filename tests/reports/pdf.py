"""Reading a PDF back: its text with pypdf, its pages as pixels with pdftoppm."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from pypdf import PdfReader


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in reader(pdf).pages]


def full_text(pdf: bytes) -> str:
    return "\n".join(page_texts(pdf))


def flat(text: str) -> str:
    """Whitespace collapsed, so wrapped lines compare as one."""
    return " ".join(text.split())


def _read_pgm(path: Path) -> tuple[int, int, bytes]:
    """A binary PGM (P5) as width, height and one byte per pixel."""
    data = path.read_bytes()
    fields: list[bytes] = []
    pos = 0
    while len(fields) < 4:
        while data[pos : pos + 1].isspace():
            pos += 1
        if data[pos : pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end : end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b"P5":
        raise ValueError(f"not a binary PGM: {fields[0]!r}")
    width, height = int(fields[1]), int(fields[2])
    pixels = data[pos + 1 : pos + 1 + width * height]
    return width, height, pixels


def ink_per_page(pdf: bytes, tmp_path: Path, first: int = 1, last: int | None = None) -> list[int]:
    """Pixels darker than near-white on each page, rendered in grey at 30 dpi."""
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf)
    last = last or len(reader(pdf).pages)
    subprocess.run(
        [
            "pdftoppm",
            "-gray",
            "-r",
            "30",
            "-f",
            str(first),
            "-l",
            str(last),
            str(source),
            str(tmp_path / "page"),
        ],
        check=True,
        capture_output=True,
    )
    counts = []
    for image in sorted(tmp_path.glob("page-*.pgm")):
        _, _, pixels = _read_pgm(image)
        counts.append(sum(1 for value in pixels if value < 240))
    return counts

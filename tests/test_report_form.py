"""The form of the PDF: A4, fonts embedded, metadata, outline, "page X of Y", and the
file written atomically and privately."""

from __future__ import annotations

import os
import stat

import pytest

from solo_check import __version__
from solo_check.report import build_report, write_report

from .report_pdf import built, example, page_texts, reader, squeeze

BASE_14 = {
    "Courier",
    "Courier-Bold",
    "Courier-Oblique",
    "Courier-BoldOblique",
    "Helvetica",
    "Helvetica-Bold",
    "Helvetica-Oblique",
    "Helvetica-BoldOblique",
    "Times-Roman",
    "Times-Bold",
    "Times-Italic",
    "Times-BoldItalic",
    "Symbol",
    "ZapfDingbats",
}


@pytest.fixture(scope="module", params=["de", "en"])
def copywriter(request, content):
    answers, assessment = example(content, "copywriter-one-client.json")
    pdf, model = built(content, answers, assessment, request.param)
    return request.param, pdf, model


def _fonts(resources, seen: set[int]):
    """Every font in a resource dictionary, including those of form XObjects."""
    if resources is None:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object()
    for xobject in (resources.get("/XObject") or {}).values():
        ref = xobject.idnum if hasattr(xobject, "idnum") else id(xobject)
        xobject = xobject.get_object()
        if ref in seen or xobject.get("/Subtype") != "/Form":
            continue
        seen.add(ref)
        yield from _fonts(xobject.get("/Resources"), seen)


def test_every_font_is_embedded_and_none_is_a_base_font(copywriter):
    _, pdf, _ = copywriter
    names = set()
    seen: set[int] = set()
    for page in reader(pdf).pages:
        for font in _fonts(page.get("/Resources"), seen):
            name = str(font["/BaseFont"]).lstrip("/")
            names.add(name)
            assert name.split("+")[-1] not in BASE_14, name
            descendants = font.get("/DescendantFonts")
            descriptor_font = descendants[0].get_object() if descendants else font
            descriptor = descriptor_font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{name} is not embedded"
    assert {n.split("+")[-1] for n in names} >= {"DejaVuSans", "DejaVuSans-Bold"}


def test_a4_pages(copywriter):
    _, pdf, _ = copywriter
    for page in reader(pdf).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)


def test_metadata(copywriter, content):
    lang, pdf, _ = copywriter
    doc = reader(pdf)
    info = doc.metadata
    assert info.title == content.texts.get("report.title", lang)
    assert info.subject == content.texts.get("report.subject", lang)
    assert info.author == f"Solo-Check {__version__}"
    root = doc.trailer["/Root"]
    assert root["/Lang"] == {"de": "de-DE", "en": "en-GB"}[lang]
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] is True or (
        str(root["/ViewerPreferences"]["/DisplayDocTitle"]).lower() == "true"
    )


def test_outline_has_every_section_and_each_leads_to_its_page(copywriter):
    _, pdf, model = copywriter
    doc = reader(pdf)

    def walk(items, level=0):
        for item in items:
            if isinstance(item, list):
                yield from walk(item, level + 1)
            else:
                yield level, item

    entries = list(walk(doc.outline))
    titles = [(level, item.title) for level, item in entries]
    top = [title for level, title in titles if level == 0]
    # the core first, then the reference part behind its divider
    assert top == [
        model.summary.heading,
        model.protection.heading,
        model.actions.heading,
        model.advice.heading,
        model.reference_heading,
        model.dimensions_heading,
        model.pointers.heading,
        model.method.heading,
        model.appendix.heading,
    ]
    nested = [title for level, title in titles if level == 1]
    for dim in model.dimensions:
        assert f"{dim.name}: {dim.score_text}" in nested
    for group in model.pointers.groups:
        assert group.heading in nested
    for group in model.appendix.groups:
        assert group.heading in nested
    texts = [squeeze(t) for t in page_texts(pdf)]
    for _, item in entries:
        page = doc.get_destination_page_number(item)
        if item.title == model.summary.heading:  # the first page, under the report's title
            assert page == 0
        else:
            assert squeeze(item.title) in texts[page]
        assert item["/Type"] == "/XYZ"  # QtPdf rejects /Fit destinations


def test_every_page_says_page_x_of_y(copywriter):
    lang, pdf, _ = copywriter
    texts = page_texts(pdf)
    word = {"de": ("Seite", "von"), "en": ("Page", "of")}[lang]
    for number, text in enumerate(texts, 1):
        assert f"{word[0]}{number}{word[1]}{len(texts)}" in squeeze(text)


def test_write_report_is_atomic_and_private(tmp_path, content):
    answers, assessment = example(content, "plumber-solid-reserves.json")
    pdf = build_report(content, answers, assessment, "de")
    target = tmp_path / "Bericht.pdf"
    target.write_bytes(b"an older report")
    write_report(target, pdf)
    assert target.read_bytes() == pdf
    assert len(reader(target.read_bytes()).pages) > 3
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Bericht.pdf"]


def test_write_report_into_a_missing_folder_leaves_nothing(tmp_path):
    with pytest.raises(OSError):
        write_report(tmp_path / "no-such-folder" / "Bericht.pdf", b"%PDF-1.4")
    assert list(tmp_path.iterdir()) == []


def test_reportlab_is_imported_only_when_a_report_is_built():
    """Importing the report package (as the window does at start) costs no reportlab."""
    import subprocess
    import sys

    code = (
        "import sys, solo_check.report, solo_check.report.model; "
        "print(any(m.startswith('reportlab') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "False"

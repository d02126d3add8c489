"""The report page: the PDF previewed in the window, saved, printed and opened.

Real widgets and a real report; only the system's dialogs (file, print) and handing a
file to another program are replaced, as they would wait for a person."""

from __future__ import annotations

import datetime as dt
import os
import stat
import time
import zlib
from pathlib import Path

import pikepdf
import pytest
from pikepdf import PdfImage
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import QStandardPaths, Qt, QTimer
from PySide6.QtGui import QDesktopServices, QImage, QPageRanges
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QProgressDialog

from solo_check.answers import read_answers
from solo_check.gui.report_view import (
    REPORTS_FOLDER,
    ReportView,
    print_resolution,
    render_page,
)
from solo_check.report import build_report
from solo_check.scoring import score

from ..conftest import EXAMPLES

NAME = "solo-check-bericht-2026-11-27.pdf"


@pytest.fixture(scope="module")
def report_pdf(content) -> tuple[bytes, int]:
    answers = read_answers(EXAMPLES / "plumber-solid-reserves.json", content)
    pdf = build_report(content, answers, score(content, answers, dt.date(2026, 11, 27)), "de")
    return pdf, len(PdfReader(__import__("io").BytesIO(pdf)).pages)


@pytest.fixture
def view(qtbot, content, report_pdf):
    widget = ReportView(content)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    widget.show_report(report_pdf[0], NAME)
    qtbot.waitUntil(lambda: widget.document.status() == QPdfDocument.Status.Ready)
    return widget


def _has_ink(image: QImage) -> bool:
    """Some dark pixels: text of the report, drawn by the preview."""
    for y in range(0, image.height(), 6):
        for x in range(0, image.width(), 6):
            if image.pixelColor(x, y).lightness() < 90:
                return True
    return False


def test_preview_shows_every_page(qtbot, view, report_pdf):
    _, pages = report_pdf
    assert view.document.pageCount() == pages
    assert view.pages.text() == f"{pages} Seiten"
    qtbot.waitUntil(lambda: _has_ink(view.view.viewport().grab().toImage()), timeout=10_000)
    # every page is laid out one below the other: the view scrolls through all of them
    bar = view.view.verticalScrollBar()
    assert bar.maximum() > view.view.viewport().height() * (pages - 2)


def test_a_new_report_replaces_the_old_one(qtbot, view, content):
    answers = read_answers(EXAMPLES / "translator-partly-answered.json", content)
    pdf = build_report(content, answers, score(content, answers, dt.date(2026, 11, 27)), "en")
    view.show_report(pdf, "other.pdf")
    expected = len(PdfReader(__import__("io").BytesIO(pdf)).pages)
    qtbot.waitUntil(lambda: view.document.pageCount() == expected)
    assert view.suggested_name == "other.pdf"


def test_save_as_offers_the_documents_folder_and_writes_a_readable_pdf(
    view, report_pdf, tmp_path, monkeypatch
):
    asked = {}

    def dialog(parent, title, start, filters):
        asked.update(title=title, start=start, filters=filters)
        return str(tmp_path / "mein-bericht"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    view.save_button.click()
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert Path(asked["start"]) == Path(documents or Path.home()) / NAME
    assert asked["title"] == "Bericht speichern"
    target = tmp_path / "mein-bericht.pdf"
    assert target.read_bytes() == report_pdf[0]
    assert len(PdfReader(target).pages) == report_pdf[1]
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert view.status.isVisible()
    assert view.status.text() == f"Der Bericht wurde gespeichert: {target}"


def test_save_as_cancelled_writes_nothing(view, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    view.save_button.click()
    assert not view.status.isVisible()


def test_save_into_an_impossible_place_says_so(view, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    target = blocker / "Bericht.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    view.save_button.click()
    assert view.status.text().startswith(f"Der Bericht konnte nicht unter „{target}“")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


@pytest.fixture
def pdf_printer(view, tmp_path, monkeypatch):
    """The view's own printer, set to write a PDF file; the print dialog says OK."""
    printer = view.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(100)  # small page images keep the test quick
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted.value)
    return tmp_path / "printed.pdf"


def _printed_images(path: Path) -> list:
    """The page images of a printed file, as PIL images, with whether each has a
    transparency mask."""
    with pikepdf.open(path) as pdf:
        pages = []
        for page in pdf.pages:
            (image,) = page.get_images().values()
            pages.append((PdfImage(image).as_pil_image().convert("L"), "/SMask" in image))
        return pages


def _page_grey(document: QPdfDocument, page: int, size: tuple[int, int]) -> list[int]:
    """A page of the report rendered small, as grey values, on white."""
    image = render_page(document, page, 40)
    grey = Image.frombytes(
        "P",
        (image.width, image.height),
        zlib.decompress(image.pixels),
        "raw",
        "P",
        image.bytes_per_line,
    )
    palette = []
    for argb in image.colors:
        palette += [(argb >> 16) & 255, (argb >> 8) & 255, argb & 255]
    grey.putpalette(palette)
    return list(grey.convert("L").resize(size).tobytes())


def _closest_pages(view, printed: list) -> list[int]:
    """For each printed page, the page of the report it looks most like."""
    size = (60, 85)
    sources = [_page_grey(view.document, n, size) for n in range(view.document.pageCount())]
    found = []
    for image, _ in printed:
        grey = list(image.resize(size).tobytes())
        distances = [
            sum(abs(a - b) for a, b in zip(grey, source, strict=True)) for source in sources
        ]
        found.append(distances.index(min(distances)))
    return found


def test_print_gives_every_page_on_white(view, report_pdf, pdf_printer):
    view.print_button.click()
    printed = _printed_images(pdf_printer)
    assert len(printed) == report_pdf[1]
    assert _closest_pages(view, printed) == list(range(report_pdf[1]))
    for image, masked in printed:
        assert not masked  # no transparency mask per page
        assert image.getpixel((2, 2)) == 255  # the paper stays white, not 254
    # printing to a file says where the file is, not that a printer got it
    assert view.status.text() == f"Der Bericht wurde als Druckdatei gespeichert: {pdf_printer}"
    assert (
        view.findChild(QProgressDialog) is None or not view.findChild(QProgressDialog).isVisible()
    )


def test_only_the_chosen_pages_are_printed(view, report_pdf, pdf_printer, monkeypatch):
    def choose_two_and_four(dialog):
        printer = view.printer()
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        ranges = QPageRanges()
        ranges.addPage(2)
        ranges.addPage(4)
        printer.setPageRanges(ranges)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", choose_two_and_four)
    view.print_button.click()
    printed = _printed_images(pdf_printer)
    assert _closest_pages(view, printed) == [1, 3]


def test_the_print_dialog_offers_the_whole_report_each_time(view, report_pdf, monkeypatch):
    offered = []

    def look(dialog):
        offered.append((dialog.fromPage(), dialog.toPage(), dialog.printer().printRange()))
        dialog.printer().setPrintRange(QPrinter.PrintRange.PageRange)
        dialog.printer().setFromTo(2, 2)
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(QPrintDialog, "exec", look)
    view.print_button.click()
    view.print_button.click()
    whole = (1, report_pdf[1], QPrinter.PrintRange.AllPages)
    assert offered == [whole, whole]


def test_cancel_sends_nothing_to_the_printer(qtbot, view, report_pdf, pdf_printer):
    seen = []

    def cancel_when_a_page_is_ready():
        progress = view.findChild(QProgressDialog)
        if progress is None or progress.value() < 1:
            QTimer.singleShot(0, cancel_when_a_page_is_ready)
            return
        seen.append(progress.value())
        progress.cancel()

    QTimer.singleShot(0, cancel_when_a_page_is_ready)
    view.print_button.click()
    assert seen and seen[0] < report_pdf[1]  # cancelled while pages were being prepared
    assert view.status.text() == (
        "Das Drucken wurde abgebrochen. Es wurde nichts an den Drucker geschickt."
    )
    # not one page reached the printer: the job was never opened
    assert not pdf_printer.exists() or pdf_printer.stat().st_size == 0


def test_print_dialog_closed_prints_nothing(view, tmp_path, monkeypatch):
    printer = view.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected.value)
    view.print_button.click()
    assert not (tmp_path / "printed.pdf").exists()
    assert not view.status.isVisible()


def test_print_resolution_is_the_printers_at_most_300_dpi():
    assert print_resolution(1200) == 300
    assert print_resolution(600) == 300
    assert print_resolution(150) == 150


def test_open_in_viewer_only_on_click_with_a_private_copy(view, report_pdf, home, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    assert opened == []
    view.open_button.click()
    copy = home / REPORTS_FOLDER / NAME
    assert [url.toLocalFile() for url in opened] == [str(copy)]
    assert copy.read_bytes() == report_pdf[0]
    if os.name == "posix":
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
    assert str(copy) in view.status.text()


def test_opening_removes_copies_older_than_a_day_and_keeps_the_rest(view, home, monkeypatch):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    folder = home / REPORTS_FOLDER
    folder.mkdir(parents=True)
    old, recent, other = folder / "old.pdf", folder / "recent.pdf", folder / "notes.txt"
    for path in (old, recent, other):
        path.write_bytes(b"x")
    two_days_ago = time.time() - 2 * 86400
    os.utime(old, (two_days_ago, two_days_ago))
    os.utime(other, (two_days_ago, two_days_ago))
    view.open_button.click()
    assert not old.exists()
    assert recent.exists() and other.exists()
    assert (folder / NAME).exists()


def test_open_without_a_pdf_viewer_says_where_the_file_is(view, home, monkeypatch):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    view.open_button.click()
    assert "kein Programm für PDF-Dateien" in view.status.text()
    assert str(home / REPORTS_FOLDER / NAME) in view.status.text()


def test_back_button_closes_the_preview(qtbot, view):
    with qtbot.waitSignal(view.closed, timeout=1000):
        qtbot.mouseClick(view.back_button, Qt.MouseButton.LeftButton)


def test_language_switch_and_accessible_names(view, content, monkeypatch, tmp_path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "r.pdf"), ""))
    view.save_button.click()
    view.set_language("en")
    t = content.texts
    assert view.save_button.text() == t.get("report_view.save", "en")
    assert view.print_button.text() == t.get("report_view.print", "en")
    assert view.open_button.text() == t.get("report_view.open", "en")
    assert view.back_button.text() == t.get("report_view.back", "en")
    assert view.pages.text().endswith("pages")
    assert view.status.text().startswith("The report was saved")
    for button in (view.back_button, view.save_button, view.print_button, view.open_button):
        assert button.text() and button.isEnabled()
    for widget in (view.save_button, view.print_button, view.open_button, view.back_button):
        assert widget.accessibleDescription()
    assert view.view.accessibleName() == t.get("report_view.preview_name", "en")
    assert view.view.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_tab_order_follows_reading_order(view):
    """The widgets Tab reaches, in turn, from the back button on."""
    order = [view.back_button]
    widget = view.back_button.nextInFocusChain()
    while widget is not view.back_button and len(order) < 5:
        tab = widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value
        if tab and widget.isVisible() and widget.isEnabled():
            order.append(widget)
        widget = widget.nextInFocusChain()
    assert order == [
        view.back_button,
        view.save_button,
        view.print_button,
        view.open_button,
        view.view,
    ]


def test_before_a_report_the_buttons_wait(qtbot, content):
    empty = ReportView(content)
    qtbot.addWidget(empty)
    assert not empty.save_button.isEnabled()
    assert not empty.print_button.isEnabled()
    assert not empty.open_button.isEnabled()

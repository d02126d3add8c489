"""The report page: the PDF shown in the window, and saving, printing or opening it.

The main window builds the PDF (``report.build_report``) and hands the bytes to
``show_report``; this page shows every page with QPdfView, saves atomically, prints
page images at the printer's resolution (at most 300 dpi) with progress and cancel,
and opens the system's PDF viewer only when asked.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QRectF,
    QSize,
    QStandardPaths,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QImage, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..content import Content
from ..files import write_problem
from ..paths import user_data_dir
from ..report import write_report
from ..store import REPORTS_FOLDER
from .labels import WrapLabel

MAX_PRINT_DPI = 300
# Copies opened in the viewer are only for looking; older ones are removed when a new one
# is made, so the private folder does not fill up. A day leaves an open viewer its file.
VIEWER_COPY_DAYS = 1


def print_resolution(printer_dpi: int) -> int:
    """The resolution page images are rendered at: the printer's, at most 300 dpi
    (more looks no better on paper and costs seconds per page)."""
    return max(72, min(printer_dpi, MAX_PRINT_DPI))


class ReportView(QWidget):
    """Preview of the PDF report with "Save as…", "Print…" and "Open in PDF viewer"."""

    closed = Signal()  # "back to the results"

    def __init__(self, content: Content, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        self.lang = "de"
        self.pdf: bytes | None = None
        self.suggested_name = "report.pdf"
        self.copies: Path | None = None  # where copies for the PDF viewer go (see show_report)
        self._printer: QPrinter | None = None
        self._buffer: QBuffer | None = None
        self._status_key: tuple[str, dict[str, object]] | None = None

        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.closed)
        self.title = WrapLabel(bold=True, scale=1.4)
        self.intro = WrapLabel()
        self.pages = QLabel()
        self.pages.setTextFormat(Qt.TextFormat.PlainText)
        self.save_button = QPushButton()
        self.print_button = QPushButton()
        self.open_button = QPushButton()
        self.save_button.clicked.connect(self.save_as)
        self.print_button.clicked.connect(self.print_report)
        self.open_button.clicked.connect(self.open_in_viewer)
        self.status = WrapLabel()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setVisible(False)

        self.document = QPdfDocument(self)
        self.document.statusChanged.connect(self._document_status)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        # Part of the tab order, so the pages can be scrolled with the keyboard.
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        actions = QHBoxLayout()
        for button in (self.save_button, self.print_button, self.open_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.pages)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        for first, second in (
            (self.back_button, self.save_button),
            (self.save_button, self.print_button),
            (self.print_button, self.open_button),
            (self.open_button, self.view),
        ):
            QWidget.setTabOrder(first, second)
        self._set_enabled(False)
        self.set_language(self.lang)

    # ------------------------------------------------------------------ showing

    def show_report(self, pdf: bytes, suggested_name: str, copies: Path | None = None) -> None:
        """Show this PDF; ``suggested_name`` is the file name offered when saving. Copies
        opened in the PDF viewer go to ``copies`` (the check's own folder, which deleting
        the check removes), else to the reports folder of the user data."""
        self.pdf = pdf
        self.suggested_name = suggested_name
        self.copies = copies
        self._set_status(None)
        self.document.close()
        old = self._buffer
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        if old is not None:
            old.close()
            old.deleteLater()
        self._set_enabled(True)
        self._update_pages()

    def _document_status(self, status: QPdfDocument.Status) -> None:
        if status == QPdfDocument.Status.Error:
            self._set_status("report_view.load_failed")
        self._update_pages()

    def _update_pages(self) -> None:
        count = self.document.pageCount() if self.pdf is not None else 0
        t = self.content.texts
        if count == 1:
            self.pages.setText(t.get("report_view.pages_one", self.lang))
        elif count:
            self.pages.setText(t.get("report_view.pages", self.lang, count=count))
        self.pages.setVisible(count > 0)

    def _set_enabled(self, enabled: bool) -> None:
        for button in (self.save_button, self.print_button, self.open_button):
            button.setEnabled(enabled)

    def _set_status(self, key: str | None, **params: object) -> None:
        """A plain message under the buttons (kept across a change of language)."""
        self._status_key = (key, params) if key else None
        if key is None:
            self.status.clear()
            self.status.setVisible(False)
            return
        text = self.content.texts.get(key, self.lang, **params)
        self.status.setText(text)
        self.status.setAccessibleName(text)
        self.status.setVisible(True)

    # ------------------------------------------------------------------ save

    def _documents(self) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(folder) if folder else Path.home()

    def save_as(self) -> None:
        if self.pdf is None:
            return
        t = self.content.texts
        path, _ = QFileDialog.getSaveFileName(
            self,
            t.get("report_view.save_title", self.lang),
            str(self._documents() / self.suggested_name),
            t.get("report_view.pdf_filter", self.lang),
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            write_report(target, self.pdf)
        except OSError as exc:
            reason = write_problem(t.get, exc, self.lang)
            self._set_status("report_view.save_failed", path=str(target), reason=reason)
            return
        self._set_status("report_view.saved", path=str(target))

    # ------------------------------------------------------------------ print

    def printer(self) -> QPrinter:
        """The printer, made on first use and kept, so that the choices made in the print
        dialog (printer, paper, copies) stay for the next print."""
        if self._printer is None:
            self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            self._printer.setDocName(self.suggested_name)
        return self._printer

    def print_report(self) -> None:
        if self.pdf is None or self.document.status() != QPdfDocument.Status.Ready:
            return
        printer = self.printer()
        printer.setDocName(self.suggested_name)
        count = self.document.pageCount()
        # Each time the whole report is offered, not the range chosen for an earlier one.
        printer.setPrintRange(QPrinter.PrintRange.AllPages)
        printer.setFromTo(1, count)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.content.texts.get("report_view.print_title", self.lang))
        dialog.setMinMax(1, count)
        dialog.setFromTo(1, count)
        if dialog.exec() != QDialog.DialogCode.Accepted.value:
            return
        self._print(printer)

    def _pages_to_print(self, printer: QPrinter) -> list[int]:
        """The pages chosen in the dialog, 0-based: all, or a range or list ("2,4")."""
        return pages_chosen(printer, self.document.pageCount())

    def _print(self, printer: QPrinter) -> None:
        """Print in two steps. First every chosen page is rendered at the printer's
        resolution (at most 300 dpi) and kept compressed; this can be cancelled, and a
        cancel sends nothing, because the print job is not opened yet (Qt cannot abort a
        job once it is open: ``QPrinter.abort`` does nothing for the CUPS and PDF
        engines, and ending the painter sends what was drawn). Then the job is opened
        and the prepared pages go to the printer in one go."""
        t = self.content.texts
        pages = self._pages_to_print(printer)
        if not pages:
            return
        printer.setFullPage(True)  # the PDF pages bring their own margins
        dpi = print_resolution(printer.resolution())
        progress = QProgressDialog(
            t.get("report_view.preparing", self.lang, page=1, pages=len(pages)),
            t.get("report_view.cancel", self.lang),
            0,
            2 * len(pages),
            self,
        )
        progress.setWindowTitle(t.get("report_view.print_title", self.lang))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setValue(0)
        try:
            prepared: list[PageImage] = []
            for i, page in enumerate(pages):
                QApplication.processEvents()
                if progress.wasCanceled():
                    self._set_status("report_view.print_cancelled")
                    return
                progress.setLabelText(
                    t.get("report_view.preparing", self.lang, page=i + 1, pages=len(pages))
                )
                prepared.append(render_page(self.document, page, dpi))
                progress.setValue(i + 1)
            QApplication.processEvents()
            if progress.wasCanceled():
                self._set_status("report_view.print_cancelled")
                return
            # From here on the pages go to the printer: no cancel any more.
            progress.setCancelButton(None)
            progress.setLabelText(t.get("report_view.sending", self.lang, pages=len(pages)))
            QApplication.processEvents()
            if not send_pages(printer, prepared, lambda i: progress.setValue(len(pages) + i)):
                self._set_status("report_view.print_failed")
                return
        finally:
            progress.close()
            progress.deleteLater()
        target = printed_to_file(printer)
        if target:
            self._set_status("report_view.printed_to_file", path=target)
        else:
            self._set_status("report_view.printed")

    # ------------------------------------------------------------------ open

    def open_in_viewer(self) -> None:
        """A private copy in the user data folder, opened with the system's PDF viewer."""
        if self.pdf is None:
            return
        folder = self.copies or user_data_dir() / REPORTS_FOLDER
        target = folder / self.suggested_name
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            remove_old_copies(folder)
            if self.copies is not None:
                # Copies from before they were kept per check lie in the folder above.
                remove_old_copies(folder.parent)
            write_report(target, self.pdf)
        except OSError as exc:
            reason = write_problem(self.content.texts.get, exc, self.lang)
            self._set_status("report_view.open_write_failed", reason=reason)
            return
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            self._set_status("report_view.opened", path=str(target))
        else:
            self._set_status("report_view.open_failed", path=str(target))

    # ------------------------------------------------------------------ texts

    def set_language(self, lang: str) -> None:
        self.lang = lang
        t = self.content.texts
        self.back_button.setText(t.get("report_view.back", lang))
        self.back_button.setAccessibleDescription(t.get("report_view.back_description", lang))
        self.title.setText(t.get("report_view.title", lang))
        self.intro.setText(t.get("report_view.intro", lang))
        for button, key in (
            (self.save_button, "save"),
            (self.print_button, "print"),
            (self.open_button, "open"),
        ):
            button.setText(t.get(f"report_view.{key}", lang))
            description = t.get(f"report_view.{key}_description", lang)
            button.setAccessibleDescription(description)
            button.setToolTip(description)
        self.view.setAccessibleName(t.get("report_view.preview_name", lang))
        self.view.setAccessibleDescription(t.get("report_view.preview_description", lang))
        self._update_pages()
        if self._status_key is not None:
            key, params = self._status_key
            self._set_status(key, **params)


@dataclass(frozen=True)
class PageImage:
    """One page rendered for the printer: 8-bit palette pixels, compressed. A page
    of the report has only a few flat colours once text is drawn without smoothing
    (as printers do), so the palette holds every colour exactly and the page takes
    a few hundred kilobytes instead of 35 MB at 300 dpi."""

    width: int
    height: int
    bytes_per_line: int
    colors: tuple[int, ...]
    pixels: bytes  # zlib-compressed


def render_page(document: QPdfDocument, page: int, dpi: int) -> PageImage:
    """The page at ``dpi`` on white paper, without transparency: a transparent page
    makes the printer driver add a mask per page and turns white into 254."""
    points = document.pagePointSize(page)
    size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
    options = QPdfDocumentRenderOptions()
    options.setRenderFlags(
        QPdfDocumentRenderOptions.RenderFlag.TextAliased
        | QPdfDocumentRenderOptions.RenderFlag.PathAliased
    )
    drawn = document.render(page, size, options)
    paper = QImage(size, QImage.Format.Format_RGB32)
    paper.fill(Qt.GlobalColor.white)
    painter = QPainter(paper)
    painter.drawImage(0, 0, drawn)
    painter.end()
    flat = paper.convertToFormat(
        QImage.Format.Format_Indexed8,
        Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither,
    )
    return PageImage(
        flat.width(),
        flat.height(),
        flat.bytesPerLine(),
        tuple(flat.colorTable()),
        zlib.compress(bytes(flat.constBits()), 1),
    )


def _image(page: PageImage) -> tuple[QImage, bytes]:
    """The page as an image; the pixel buffer is returned too, as the image uses it."""
    pixels = zlib.decompress(page.pixels)
    image = QImage(
        pixels, page.width, page.height, page.bytes_per_line, QImage.Format.Format_Indexed8
    )
    image.setColorTable(list(page.colors))
    return image, pixels


def send_pages(printer: QPrinter, pages: list[PageImage], done: Callable[[int], object]) -> bool:
    """Open the print job and paint the prepared pages, each filling the paper with
    its proportions kept; ``done(n)`` after the n-th page. False when the printer
    cannot be opened."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        # Lossless: the driver keeps the pixels as they are (its default, JPEG, makes
        # a job several times larger and blurs the text).
        painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
        paper = printer.paperRect(QPrinter.Unit.DevicePixel)
        for i, page in enumerate(pages):
            if i:
                printer.newPage()
            image, pixels = _image(page)
            painter.drawImage(_fit(paper.width(), paper.height(), image.size()), image)
            del image, pixels
            done(i + 1)
    finally:
        painter.end()
    return True


def pages_chosen(printer: QPrinter, count: int) -> list[int]:
    """The 0-based pages chosen in the print dialog: all of them, a range, or a list
    such as "2,4" (Qt 6 keeps those as page ranges)."""
    if printer.printRange() != QPrinter.PrintRange.PageRange:
        return list(range(count))
    ranges = printer.pageRanges()
    if not ranges.isEmpty():
        return [page - 1 for page in range(1, count + 1) if ranges.contains(page)]
    if printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(count, printer.toPage() or count)
        return list(range(first - 1, last))
    return list(range(count))


def printed_to_file(printer: QPrinter) -> str:
    """The file the print went to, when "print to file" was chosen; else ""."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        return printer.outputFileName()
    return ""


def _fit(width: float, height: float, image: QSize) -> QRectF:
    """The largest rectangle with the image's proportions, centred on the paper."""
    scale = min(width / image.width(), height / image.height())
    w, h = image.width() * scale, image.height() * scale
    return QRectF((width - w) / 2, (height - h) / 2, w, h)


def remove_old_copies(folder: Path, now: float | None = None) -> None:
    """Remove PDF copies made for the viewer more than VIEWER_COPY_DAYS ago. Only PDF
    files directly in the folder are touched; one that cannot be removed stays."""
    limit = (time.time() if now is None else now) - VIEWER_COPY_DAYS * 86400
    for path in folder.glob("*.pdf"):
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            continue

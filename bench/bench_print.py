"""Benchmark: printing the longest example's report (the copywriter, German) the way the
report page does it, to a PDF print file at 300 dpi (the same Qt engine the CUPS queue
gets on Linux), against the PDF itself.

Measured: the size of the print job beside the size of the PDF, and the time to prepare
and send every page beside only rendering the same pages at 300 dpi (what any printing
of page images needs). Goal: the job under 5 MB; the time is shown for information (it
runs behind a progress bar, and the preparing part can be cancelled).

Run: .venv/bin/python bench/bench_print.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

from measure import Row, print_table, rows_json

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "copywriter-one-client.json"
DPI = 300
GOAL_MB = 5.0


def measure(log=print) -> list[Row]:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from solo_check.answers import read_answers
    from solo_check.content import load_content
    from solo_check.gui.report_view import render_page, send_pages
    from solo_check.report import build_report
    from solo_check.scoring import score

    app = QApplication.instance() or QApplication([])
    content = load_content()
    answers = read_answers(EXAMPLE, content)
    pdf = build_report(content, answers, score(content, answers, dt.date(2026, 12, 2)), "de")
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    pages = document.pageCount()

    start = time.perf_counter()
    for page in range(pages):
        points = document.pagePointSize(page)
        document.render(
            page, QSize(round(points.width() / 72 * DPI), round(points.height() / 72 * DPI))
        )
    baseline = time.perf_counter() - start

    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "job.pdf"
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        printer.setFullPage(True)
        start = time.perf_counter()
        prepared = [render_page(document, page, DPI) for page in range(pages)]
        ready = time.perf_counter() - start
        send_pages(printer, prepared, lambda _: None)
        took = time.perf_counter() - start
        job = target.stat().st_size
    kept = sum(len(page.pixels) for page in prepared)
    del app
    log(f"{pages} pages, PDF {len(pdf) / 1e6:.2f} MB, print job {job / 1e6:.2f} MB")
    log(f"prepared in {ready:.2f} s (kept {kept / 1e6:.2f} MB), sent in {took - ready:.2f} s")
    log(f"rendering the pages only: {baseline:.2f} s")
    return [
        Row(
            f"print job: {pages} pages at {DPI} dpi",
            job / 1e6,
            len(pdf) / 1e6,
            "MB",
            "below",
            GOAL_MB,
            note="baseline: the PDF report itself",
        ),
        Row(
            f"printing {pages} pages (prepare + send)",
            took * 1000,
            baseline * 1000,
            "ms",
            "ratio",
            None,
            note=f"prepared pages kept in memory: {kept / 1e6:.1f} MB; baseline: render only",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the rows as JSON (run.py)")
    args = parser.parse_args()
    rows = measure(print if not args.json else lambda *a: print(*a, file=sys.stderr))
    if args.json:
        print(rows_json(rows), flush=True)
    else:
        print()
        print_table(rows)


if __name__ == "__main__":
    main()

"""Render the app icon from its one source, resources/icons/solo-check.svg.

Writes PNGs in the sizes desktops ask for, a Windows .ico and a macOS .icns into one
folder (a build folder: generated icons are never committed). Qt's own SVG renderer draws
every size from the vector source, so small sizes are drawn, not shrunk from a big bitmap;
Pillow (which reportlab brings) packs them into .ico and .icns.

    python packaging/make_icons.py OUT_DIR [--svg PATH]

Used by build-bundle.sh, and by solo-check.spec on Windows and macOS when the icon the
platform needs is missing.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_SVG = ROOT / "resources" / "icons" / "solo-check.svg"
NAME = "solo-check"
# hicolor sizes for Linux desktops; .ico holds up to 256, .icns up to 1024 (512 @2x).
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render_png(svg: Path, size: int, out: Path) -> Path:
    """Draw the SVG into a transparent square PNG of size x size pixels."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"not a valid SVG: {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    if not image.save(str(out), "PNG"):
        raise OSError(f"could not write {out}")
    return out


def make_icons(out_dir: Path, svg: Path = SOURCE_SVG) -> dict[str, Path]:
    """Write solo-check-<size>.png for every PNG size, solo-check.ico and solo-check.icns.

    Returns the written files by kind ("png-<size>", "ico", "icns").
    """
    # A QGuiApplication keeps Qt's painting machinery happy; no display is needed.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    images: dict[int, Image.Image] = {}
    for size in sorted(set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES)):
        path = out_dir / f"{NAME}-{size}.png"
        render_png(svg, size, path)
        with Image.open(path) as image:
            images[size] = image.convert("RGBA")
        if size in PNG_SIZES:
            written[f"png-{size}"] = path
        else:
            path.unlink()  # only needed inside the .icns

    ico = out_dir / f"{NAME}.ico"
    largest = max(ICO_SIZES)
    images[largest].save(
        ico,
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != largest],
    )
    written["ico"] = ico

    icns = out_dir / f"{NAME}.icns"
    largest = max(ICNS_SIZES)
    images[largest].save(
        icns, format="ICNS", append_images=[images[s] for s in ICNS_SIZES if s != largest]
    )
    written["icns"] = icns
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--svg", type=Path, default=SOURCE_SVG)
    args = parser.parse_args(argv)
    for kind, path in make_icons(args.out_dir, args.svg).items():
        print(f"{kind:8} {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

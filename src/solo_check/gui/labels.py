"""The one label for text in the window: it wraps, and what it shows is never markup."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget


class WrapLabel(QLabel):
    """A plain-text label that wraps, so long (German) texts are never cut off, and a
    person's own text (an occupation they typed, say) is shown literally."""

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        bold: bool = False,
        scale: float = 1.0,
    ) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if bold or scale != 1.0:
            font = QFont(self.font())
            font.setBold(bold)
            font.setPointSizeF(font.pointSizeF() * scale)
            self.setFont(font)

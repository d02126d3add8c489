"""The exposure × buffers map of the results page, drawn with QPainter.

AI exposure runs from left (0) to right (100), risk buffers from bottom (0) to top
(100). The split lines come from the map settings of the content, so the four
situations on screen are the ones scoring assigns. Meaning is never carried by colour
alone: the situations are named in their areas, the most urgent one is hatched, and
each position has its own shape (filled circle: now; hollow circle: last check;
diamond: what if) and a text label. The accessible description says it all in words.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..content import Content, Lang, Situation
from ..explain import number

Position = tuple[float, float]  # (exposure, buffers), each 0-100

# Colours only support the shapes and words; they are chosen to stay apart for
# common colour-vision deficiencies (blue / orange) and on greyscale print.
COLOUR_NOW = QColor("#1f4e9c")
COLOUR_WHAT_IF = QColor("#b35900")
COLOUR_PREVIOUS = QColor("#555555")
COLOUR_URGENT = QColor("#c0504d")


class SituationMap(QWidget):
    """Where the person stands: exposure × buffers with the four situations."""

    def __init__(self, content: Content, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._content = content
        self._lang: Lang = "de"
        self._position: Position | None = None
        self._situation: str | None = None
        self._provisional = False
        self._previous: Position | None = None
        self._previous_situation: str | None = None
        self._what_if: Position | None = None
        self._what_if_situation: str | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumSize(280, 240)
        # Focusable so that a screen reader user tabbing through the page hears the
        # description; the map itself takes no input.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._update_accessible()

    # ------------------------------------------------------------------ public

    def set_language(self, lang: str) -> None:
        self._lang = "en" if lang == "en" else "de"
        self._update_accessible()
        self.update()

    def set_positions(
        self,
        position: Position | None,
        situation: str | None,
        previous: Position | None = None,
        previous_situation: str | None = None,
        provisional: bool = False,
    ) -> None:
        """The person's position now and, if known, at the previous check. A provisional
        position (resting on too few answers) is drawn as a hollow ring."""
        self._position, self._situation = position, situation
        self._provisional = provisional
        self._previous, self._previous_situation = previous, previous_situation
        self._update_accessible()
        self.update()

    def set_what_if(self, position: Position | None, situation: str | None) -> None:
        """The position with the what-if answers; None when nothing is changed."""
        self._what_if, self._what_if_situation = position, situation
        self._update_accessible()
        self.update()

    def position(self) -> Position | None:
        return self._position

    def what_if_position(self) -> Position | None:
        return self._what_if

    def description(self) -> str:
        """Where the person stands, in words (also the accessible description)."""
        t = self._content.texts
        lang = self._lang
        dims = self._content.questionnaire.dimensions
        names = {
            "exposure_name": dims["exposure"].name.get(lang),
            "buffers_name": dims["buffers"].name.get(lang),
        }
        if self._position is None:
            parts = [t.get("results.map.description_none", lang, **names)]
        else:
            settings = self._content.questionnaire.scoring.map
            parts = [
                t.get(
                    "results.map.description",
                    lang,
                    situation=self._situation_name(self._situation),
                    exposure=number(self._position[0], lang),
                    buffers=number(self._position[1], lang),
                    exposure_threshold=number(settings.exposure_threshold, lang),
                    buffers_threshold=number(settings.buffers_threshold, lang),
                    **names,
                )
            ]
            if self._provisional:
                parts.append(t.get("results.map.description_provisional", lang))
        for key, pos, sid in (
            ("results.map.description_previous", self._previous, self._previous_situation),
            ("results.map.description_what_if", self._what_if, self._what_if_situation),
        ):
            if pos is not None:
                parts.append(
                    t.get(
                        key,
                        lang,
                        situation=self._situation_name(sid),
                        exposure=number(pos[0], lang),
                        buffers=number(pos[1], lang),
                        **names,
                    )
                )
        return " ".join(parts)

    # ------------------------------------------------------------------ size

    def sizeHint(self) -> QSize:
        return QSize(560, self.heightForWidth(560))

    def minimumSizeHint(self) -> QSize:
        return QSize(280, 240)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        # Room for the axis labels below; the plot itself stays about square-ish.
        return max(240, min(620, round(width * 0.75)))

    # ------------------------------------------------------------------ drawing

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        base = palette.color(QPalette.ColorRole.Base)
        font = QFont(self.font())
        metrics = QFontMetricsF(font)
        line = metrics.height()

        plot = self._plot_rect(metrics)
        settings = self._content.questionnaire.scoring.map
        split_x = self._x(plot, settings.exposure_threshold)
        split_y = self._y(plot, settings.buffers_threshold)

        painter.fillRect(plot, base)
        # The four areas, each named. The urgent one is hatched as well as tinted.
        areas = self._areas(plot, split_x, split_y)
        for situation, rect in areas:
            if situation.urgent:
                painter.fillRect(
                    rect,
                    QColor(COLOUR_URGENT.red(), COLOUR_URGENT.green(), COLOUR_URGENT.blue(), 28),
                )
                hatch = QBrush(
                    QColor(COLOUR_URGENT.red(), COLOUR_URGENT.green(), COLOUR_URGENT.blue(), 70),
                    Qt.BrushStyle.BDiagPattern,
                )
                painter.fillRect(rect, hatch)

        # Split lines (dashed) and the frame.
        pen = QPen(text_colour, 1.2, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(split_x, plot.top()), QPointF(split_x, plot.bottom()))
        painter.drawLine(QPointF(plot.left(), split_y), QPointF(plot.right(), split_y))
        painter.setPen(QPen(text_colour, 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(plot)

        # Situation names, placed away from the markers in their area.
        name_font = QFont(font)
        name_font.setBold(True)
        painter.setFont(name_font)
        markers = [p for p in (self._position, self._previous, self._what_if) if p is not None]
        for situation, rect in areas:
            self._draw_area_name(painter, situation, rect, plot, markers)

        # Axes: ticks at 0, the split and 100, and the dimension names.
        painter.setFont(font)
        painter.setPen(text_colour)
        t = self._content.texts
        lang = self._lang
        for value in (0, settings.exposure_threshold, 100):
            x = self._x(plot, value)
            rect = QRectF(x - 30, plot.bottom() + 2, 60, line)
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, number(value, lang)
            )
        for value in (0, settings.buffers_threshold, 100):
            y = self._y(plot, value)
            rect = QRectF(0, y - line / 2, plot.left() - 4, line)
            painter.drawText(
                rect,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                number(value, lang),
            )
        x_label = self._x_label()
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + line + 2, plot.width(), line * 2.2),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            x_label,
        )
        y_label = self._y_label()
        painter.save()
        painter.translate(0, plot.bottom())
        painter.rotate(-90)
        painter.drawText(
            QRectF(0, 0, plot.height(), plot.left() - metrics.horizontalAdvance("100") - 8),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            y_label,
        )
        painter.restore()

        # Movements first, markers on top.
        if self._previous is not None and self._position is not None:
            self._draw_arrow(
                painter,
                plot,
                self._previous,
                self._position,
                COLOUR_PREVIOUS,
                Qt.PenStyle.SolidLine,
            )
        if self._what_if is not None and self._position is not None:
            self._draw_arrow(
                painter, plot, self._position, self._what_if, COLOUR_WHAT_IF, Qt.PenStyle.DashLine
            )
        labels: list[QRectF] = []
        if self._previous is not None:
            self._draw_marker(
                painter,
                plot,
                self._previous,
                "hollow",
                COLOUR_PREVIOUS,
                t.get("results.map.previous", lang),
                labels,
                base,
            )
        if self._position is not None:
            self._draw_marker(
                painter,
                plot,
                self._position,
                "hollow" if self._provisional else "filled",
                COLOUR_NOW,
                t.get(
                    "results.map.you_provisional" if self._provisional else "results.map.you", lang
                ),
                labels,
                base,
            )
        # A what-if that does not move the position would only cover the real marker.
        if self._what_if is not None and self._what_if != self._position:
            self._draw_marker(
                painter,
                plot,
                self._what_if,
                "diamond",
                COLOUR_WHAT_IF,
                t.get("results.map.what_if", lang),
                labels,
                base,
            )

        if self.hasFocus():
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.end()

    # ------------------------------------------------------------------ geometry

    def _plot_rect(self, metrics: QFontMetricsF) -> QRectF:
        line = metrics.height()
        tick = metrics.horizontalAdvance("100")
        right = tick / 2 + 6  # the last tick label is centred on the right edge
        # Beside the plot: the rotated axis name on one line, or two if it is long.
        height = max(40.0, self.height() - line * 3 - 12)
        y_lines = 1 if metrics.horizontalAdvance(self._y_label()) <= height else 2
        left = line * (y_lines + 0.4) + tick + 8
        width = max(40.0, self.width() - left - right)
        # Below the plot: the tick numbers and the axis name, on two lines if it is long.
        x_lines = 1 if metrics.horizontalAdvance(self._x_label()) <= width else 2
        bottom = line * (1 + x_lines) + 4
        return QRectF(left, 8, width, max(40.0, self.height() - bottom - 8))

    def _x_label(self) -> str:
        name = self._content.questionnaire.dimensions["exposure"].name.get(self._lang)
        return f"{name} – {self._content.texts.get('results.map.higher', self._lang)} →"

    def _y_label(self) -> str:
        name = self._content.questionnaire.dimensions["buffers"].name.get(self._lang)
        return f"{name} – {self._content.texts.get('results.map.stronger', self._lang)} →"

    @staticmethod
    def _x(plot: QRectF, value: float) -> float:
        return plot.left() + plot.width() * max(0.0, min(100.0, value)) / 100

    @staticmethod
    def _y(plot: QRectF, value: float) -> float:
        return plot.bottom() - plot.height() * max(0.0, min(100.0, value)) / 100

    def _point(self, plot: QRectF, pos: Position) -> QPointF:
        return QPointF(self._x(plot, pos[0]), self._y(plot, pos[1]))

    def _areas(
        self, plot: QRectF, split_x: float, split_y: float
    ) -> list[tuple[Situation, QRectF]]:
        out = []
        for situation in self._content.questionnaire.scoring.situations:
            left = split_x if situation.exposure == "higher" else plot.left()
            right = plot.right() if situation.exposure == "higher" else split_x
            top = plot.top() if situation.buffers == "stronger" else split_y
            bottom = split_y if situation.buffers == "stronger" else plot.bottom()
            out.append((situation, QRectF(QPointF(left, top), QPointF(right, bottom))))
        return out

    def _situation_name(self, sid: str | None) -> str:
        for situation in self._content.questionnaire.scoring.situations:
            if situation.id == sid:
                return situation.name.get(self._lang)
        return self._content.texts.get("present.compare.situation_none", self._lang)

    # ------------------------------------------------------------------ pieces

    def _draw_area_name(
        self,
        painter: QPainter,
        situation: Situation,
        rect: QRectF,
        plot: QRectF,
        markers: list[Position],
    ) -> None:
        inner = rect.adjusted(6, 4, -6, -4)
        if inner.width() < 20 or inner.height() < 10:
            return
        # Put the name at the top of its area unless a marker sits in the upper half.
        points = [self._point(plot, m) for m in markers]
        upper = any(rect.contains(p) and p.y() < rect.center().y() for p in points)
        vertical = Qt.AlignmentFlag.AlignBottom if upper else Qt.AlignmentFlag.AlignTop
        horizontal = (
            Qt.AlignmentFlag.AlignRight
            if situation.exposure == "higher"
            else Qt.AlignmentFlag.AlignLeft
        )
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(
            inner, vertical | horizontal | Qt.TextFlag.TextWordWrap, situation.name.get(self._lang)
        )

    def _draw_marker(
        self,
        painter: QPainter,
        plot: QRectF,
        pos: Position,
        shape: str,
        colour: QColor,
        label: str,
        taken: list[QRectF],
        background: QColor,
    ) -> None:
        centre = self._point(plot, pos)
        r = max(6.0, min(10.0, plot.width() / 45))
        painter.save()
        if shape == "hollow":
            painter.setPen(QPen(colour, 2.5))
            painter.setBrush(background)
            painter.drawEllipse(centre, r, r)
        elif shape == "diamond":
            painter.setPen(QPen(QColor("white"), 1.5))
            painter.setBrush(colour)
            d = r * 1.35
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(centre.x(), centre.y() - d),
                        QPointF(centre.x() + d, centre.y()),
                        QPointF(centre.x(), centre.y() + d),
                        QPointF(centre.x() - d, centre.y()),
                    ]
                )
            )
        else:
            painter.setPen(QPen(QColor("white"), 1.5))
            painter.setBrush(colour)
            painter.drawEllipse(centre, r, r)
        # A text label in a box beside the marker; moved where it would leave the plot
        # or cover another label.
        metrics = QFontMetricsF(painter.font())
        width = metrics.horizontalAdvance(label) + 10
        height = metrics.height() + 4
        candidates = [
            QRectF(centre.x() + r + 4, centre.y() - height / 2, width, height),
            QRectF(centre.x() - r - 4 - width, centre.y() - height / 2, width, height),
            QRectF(centre.x() - width / 2, centre.y() - r - 4 - height, width, height),
            QRectF(centre.x() - width / 2, centre.y() + r + 4, width, height),
        ]
        box = candidates[0]
        for candidate in candidates:
            inside = plot.contains(candidate)
            if inside and not any(candidate.intersects(other) for other in taken):
                box = candidate
                break
        else:
            box = next((c for c in candidates if plot.contains(c)), candidates[0])
        taken.append(box)
        painter.setPen(QPen(colour, 1.5))
        painter.setBrush(background)
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
        painter.restore()

    def _draw_arrow(
        self,
        painter: QPainter,
        plot: QRectF,
        start: Position,
        end: Position,
        colour: QColor,
        style: Qt.PenStyle,
    ) -> None:
        a, b = self._point(plot, start), self._point(plot, end)
        dx, dy = b.x() - a.x(), b.y() - a.y()
        length = math.hypot(dx, dy)
        r = max(6.0, min(10.0, plot.width() / 45)) + 3
        if length <= 2 * r + 4:
            return  # the markers touch: an arrow would only hide them
        ux, uy = dx / length, dy / length
        a = QPointF(a.x() + ux * r, a.y() + uy * r)
        b = QPointF(b.x() - ux * r, b.y() - uy * r)
        painter.save()
        painter.setPen(QPen(colour, 2, style))
        painter.drawLine(a, b)
        head = QPainterPath()
        size = 9.0
        head.moveTo(b)
        head.lineTo(b.x() - ux * size - uy * size / 2, b.y() - uy * size + ux * size / 2)
        head.lineTo(b.x() - ux * size + uy * size / 2, b.y() - uy * size - ux * size / 2)
        head.closeSubpath()
        painter.setPen(QPen(colour, 1))
        painter.setBrush(colour)
        painter.drawPath(head)
        painter.restore()

    def _update_accessible(self) -> None:
        self.setAccessibleName(self._content.texts.get("results.map.name", self._lang))
        description = self.description()
        self.setAccessibleDescription(description)

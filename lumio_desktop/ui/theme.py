"""Colours and small widgets shared by the pages. Everything but the traffic-light hues comes from the palette, so
the dark palette works; the light hues are mid-tone and read on both light and dark backgrounds."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QLocale, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QWidget

from lumio_desktop.ui.health import Light

LIGHT_COLOURS = {
    Light.GREEN: QColor("#2f9e5a"),
    Light.YELLOW: QColor("#e3a21a"),
    Light.RED: QColor("#d9443a"),
    Light.GREY: QColor("#8c8c8c"),
}
# Series colours for charts (created / updated / failed, and per connection): mid-tones readable on light and dark.
SERIES = [QColor("#3d8bd9"), QColor("#3fb27f"), QColor("#d9443a"), QColor("#9b59b6"), QColor("#e3a21a"),
          QColor("#16a2b8")]
CREATED, UPDATED, FAILED = SERIES[0], SERIES[1], SERIES[2]


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """a blended toward b by t (0..1): tints derived from the palette instead of hard-coded backgrounds."""
    return QColor(round(a.red() + (b.red() - a.red()) * t), round(a.green() + (b.green() - a.green()) * t),
                  round(a.blue() + (b.blue() - a.blue()) * t))


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def heading_font(base: QFont, scale: float = 1.5, bold: bool = True) -> QFont:
    f = QFont(base)
    f.setPointSizeF(max(8.0, base.pointSizeF() * scale))
    f.setBold(bold)
    return f


def muted(label: QLabel) -> QLabel:
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class LightDot(QWidget):
    """The traffic light: a filled circle of the verdict's colour, with its meaning as the accessible name."""

    def __init__(self, parent: QWidget | None = None, diameter: int = 16):
        super().__init__(parent)
        self._light = Light.GREY
        self._d = diameter
        self.setFixedSize(QSize(diameter + 2, diameter + 2))
        self.setAccessibleName(self._words(Light.GREY))

    @property
    def light(self) -> Light:
        return self._light

    def set_light(self, light: Light) -> None:
        if light != self._light:
            self._light = light
            self.setAccessibleName(self._words(light))
            self.update()

    # What a screen reader says for each colour, in the UI language.
    WORDS = {Light.GREEN: QT_TRANSLATE_NOOP("LightDot", "health: green"),
             Light.YELLOW: QT_TRANSLATE_NOOP("LightDot", "health: yellow"),
             Light.RED: QT_TRANSLATE_NOOP("LightDot", "health: red"),
             Light.GREY: QT_TRANSLATE_NOOP("LightDot", "health: grey")}

    def _words(self, light: Light) -> str:
        return QCoreApplication.translate("LightDot", self.WORDS[light])

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        c = LIGHT_COLOURS[self._light]
        p.setPen(c.darker(130))
        p.setBrush(c)
        p.drawEllipse(1, 1, self._d, self._d)
        p.end()


class Card(QFrame):
    """A raised panel on the Base colour."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)


def local_time(dt: datetime | None, now: datetime | None = None) -> str:
    """'14:02' today, 'yesterday 18:02', '28 Nov 13:02' otherwise; local clock time."""
    if dt is None:
        return "—"
    now = (now or datetime.now(UTC)).astimezone()
    d = dt.astimezone()
    if d.date() == now.date():
        return d.strftime("%H:%M")
    if (now.date() - d.date()).days == 1:
        return QCoreApplication.translate("time", "yesterday {time}").format(time=d.strftime("%H:%M"))
    return QLocale().toString(QDateTime(d.year, d.month, d.day, d.hour, d.minute, 0), "d MMM HH:mm")


def relative(dt: datetime | None, now: datetime | None = None) -> str:
    if dt is None:
        return QCoreApplication.translate("time", "never")
    now = now or datetime.now(UTC)
    s = (now - dt).total_seconds()
    future = s < 0
    s = abs(s)
    if s < 45:
        words = QCoreApplication.translate("time", "a few seconds")
    elif s < 90:
        words = QCoreApplication.translate("time", "1 min")
    elif s < 3600:
        words = QCoreApplication.translate("time", "{n} min").format(n=round(s / 60))
    elif s < 36 * 3600:
        words = QCoreApplication.translate("time", "{n} h").format(n=round(s / 3600))
    else:
        words = QCoreApplication.translate("time", "{n} days").format(n=round(s / 86400))
    return (QCoreApplication.translate("time", "in {words}") if future else QCoreApplication.translate("time", "{words} ago")).format(words=words)


def duration(ms: int | float | None) -> str:
    if ms is None:
        return "—"
    s = ms / 1000
    if s < 60:
        return QCoreApplication.translate("time", "{s} s").format(s=QLocale().toString(s, "f", 1))  # 13,4 in pt_BR
    m, s = divmod(int(s), 60)
    return (QCoreApplication.translate("time", "{m} min {s} s").format(m=m, s=f"{s:02d}") if m < 60
            else QCoreApplication.translate("time", "{h} h {m} min").format(h=m // 60, m=f"{m % 60:02d}"))


def number(n: int | float | None, decimals: int = 0) -> str:
    """1,234 in English, 1.234 in Portuguese: grouping and decimal marks of the app's locale (QLocale default)."""
    if n is None:
        return "—"
    return QLocale().toString(float(n), "f", decimals) if decimals else QLocale().toString(int(n))


def percent(ratio: float | None, decimals: int = 1) -> str:
    """0.988 -> 98.8% in English, 98,8% in Portuguese."""
    if ratio is None:
        return "—"
    return QLocale().toString(float(ratio) * 100, "f", decimals) + "%"


def money(amount: float | None, currency: str | None = None) -> str:
    """R$ 1.234,50 / $1,234.50 / BRL 1,234.50: the locale's format, the record's own currency (never converted)."""
    if amount is None:
        return ""
    loc = QLocale()
    symbol = {"BRL": "R$", "USD": "US$" if loc.name() == "pt_BR" else "$", "EUR": "€", "GBP": "£"}.get(
        (currency or "").upper(), currency or "")
    return loc.toCurrencyString(float(amount), symbol) if symbol else loc.toString(float(amount), "f", 2)


def _t(text: str) -> str:
    return QCoreApplication.translate("time", text)


def align_right_vcenter() -> Qt.AlignmentFlag:
    return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

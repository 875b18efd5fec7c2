"""Counts and rates follow the app's locale: 6.210 and 98,8% in Portuguese, 6,210 and 98.8% in English."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from lumio_desktop.ui.theme import number, percent


def test_numbers_follow_the_locale(qapp):
    before = QLocale()
    try:
        QLocale.setDefault(QLocale(QLocale.Language.Portuguese, QLocale.Country.Brazil))
        assert (number(6210), number(1234.5, 2), percent(0.988)) == ("6.210", "1.234,50", "98,8%")
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        assert (number(6210), number(1234.5, 2), percent(0.988)) == ("6,210", "1,234.50", "98.8%")
        assert number(None) == percent(None) == "—"
    finally:
        QLocale.setDefault(before)

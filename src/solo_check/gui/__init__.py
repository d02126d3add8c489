"""The desktop app (PySide6). The only package of Solo-Check that imports Qt.

Every widget that shows text has ``set_language(lang)``, which sets all of its
visible texts again from the content; the main window calls it on every page
when the person switches language.
"""

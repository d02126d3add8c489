"""The desktop app (PySide6). The only package of Solo-Check that imports Qt.

Every widget that shows text has ``set_language(lang)``, which sets all of its
visible texts again from the content; the main window calls it on every page
when the person switches language.
"""

import sys

if sys.version_info < (3, 12):  # pragma: no branch
    import ctypes

    # PySide6 6.12.0 on Python 3.11 takes one reference away from None with every Qt
    # call that returns nothing (setText, setVisible, ...). After some ten thousand calls
    # - minutes of normal use - Python aborts with "none_dealloc". From Python 3.12 on
    # None is immortal; here it gets a reference count it cannot run out of. The first
    # field of every CPython object is its reference count.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40

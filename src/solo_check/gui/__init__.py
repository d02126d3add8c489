"""The desktop app (PySide6). The only package of Solo-Check that imports Qt.

Every widget that shows text has ``set_language(lang)``, which sets all of its
visible texts again from the content; the main window calls it on every page
when the person switches language.
"""

import sys

if sys.version_info < (3, 12):  # pragma: no branch
    import ctypes

    # PySide6 6.12.0 on Python 3.11 takes one reference away from None with every Qt
    # call that returns nothing (setText, setVisible, ...), and one from True or False with
    # every Signal.emit() made from Python. After some thousand emits or ten thousand calls -
    # minutes of normal use - Python aborts with "none_dealloc" or "bool_dealloc". From
    # Python 3.12 on these objects are immortal; here they get a reference count they
    # cannot run out of. The first field of every CPython object is its reference count.
    for _singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(_singleton)).value += 1 << 40
    del _singleton

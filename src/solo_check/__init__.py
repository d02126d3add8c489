"""Solo-Check: a self-check for solo self-employed people on digitalisation, AI and risk buffers."""

__version__ = "0.1.0"

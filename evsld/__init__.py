"""evsld: single-line diagrams and IEC 60364-7-722 checks for EV charging installations."""

from evsld.version import __version__

__all__ = ["__version__"]

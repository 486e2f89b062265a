"""The application version (the file format has its own, see evsld.model.fileformat)."""

__version__ = "0.1.0"

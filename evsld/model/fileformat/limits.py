"""Sizes no real project reaches: beyond them a file is refused before it costs memory."""

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEVICES = 200_000
MAX_CONNECTIONS = 400_000
MAX_LIST_ITEMS = 10_000  # usage groups, revisions, accepted findings
MAX_TEXT = 4_000
MAX_PROBLEMS = 100  # stop collecting after this many; the first ones are what matters

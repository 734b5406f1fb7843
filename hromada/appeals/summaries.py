"""The summary (короткий зміст) of an appeal: one line of the register, cut at a word.

A clerk may write one; where none is given (a visit to a reception, the demo) it is the text's first
words, never a word cut in half."""

from __future__ import annotations

#: The summary's length on the list (the model allows more; the register shows one line).
SUMMARY_CHARS = 120


def shorten(text: str, limit: int = SUMMARY_CHARS) -> str:
    """`text` if it fits, else its longest run of whole words that does, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:—-–.") + "…"

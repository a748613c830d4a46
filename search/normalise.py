"""One normalisation of Arabic and Sorani Kurdish text for search, written once as a table of
characters and applied the same way to what is indexed (in SQL, see ``normalised_sql``) and to
what is searched for (in Python, ``normalise``).

Letters a writer may type in several forms are folded into one: the alef forms into bare alef,
ta marbuta into ha, alef maqsura and Arabic yeh into the Persian and Kurdish yeh that Sorani
writes (ی), Arabic kaf into the keheh of Sorani (ک); tatweel and the Arabic diacritics are
dropped, Arabic and Persian digits read as ASCII digits, Arabic punctuation as the Latin
marks (the text search parser then separates words at them). Sorani's own letters (ە ێ ۆ ڕ ڵ
ڤ ڎ ...) are kept as they are."""

FOLDED = {
    # Alef with hamza above and below, with madda, alef wasla.
    "\u0623": "\u0627",
    "\u0625": "\u0627",
    "\u0622": "\u0627",
    "\u0671": "\u0627",
    # Ta marbuta: ha.
    "\u0629": "\u0647",
    # Alef maqsura and Arabic yeh: Farsi yeh, as Sorani writes it.
    "\u0649": "\u06cc",
    "\u064a": "\u06cc",
    # Arabic kaf: keheh, as Sorani writes it.
    "\u0643": "\u06a9",
    # Arabic comma, semicolon and question mark.
    "\u060c": ",",
    "\u061b": ";",
    "\u061f": "?",
    # Arabic-Indic and extended (Persian) digits.
    **{chr(0x0660 + digit): str(digit) for digit in range(10)},
    **{chr(0x06F0 + digit): str(digit) for digit in range(10)},
}
# Tatweel, the harakat from fathatan to sukun, and the superscript alef.
REMOVED = "\u0640" + "".join(chr(code) for code in range(0x064B, 0x0653)) + "\u0670"

_TABLE = str.maketrans({**FOLDED, **dict.fromkeys(REMOVED)})


def normalise(text: str) -> str:
    """``text`` folded as the search index folds it, in lower case (as the index's words)."""
    return text.translate(_TABLE).lower()


def _sql_string(text: str) -> str:
    # The table holds no quote; the check keeps a later entry from breaking the statement.
    if "'" in text or "%" in text:
        raise ValueError("the normalisation table must hold no quote or percent sign")
    return f"'{text}'"


def normalised_sql(expression: str) -> str:
    """SQL that folds the text of ``expression`` as ``normalise`` does (but for the case,
    which the text search configuration lowers): one ``translate()``, which PostgreSQL
    marks immutable, so that it may stand in an index. Characters of the first string
    without a counterpart in the second are deleted."""
    sources = "".join(FOLDED) + REMOVED
    targets = "".join(FOLDED.values())
    return f"translate({expression}, {_sql_string(sources)}, {_sql_string(targets)})"

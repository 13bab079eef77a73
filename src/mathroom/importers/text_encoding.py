"""Which encoding a text file was written in, and its name as a teacher would recognise it.

UTF-8 (with or without BOM) and UTF-16 with BOM are certain and checked first. Anything else
goes to charset-normalizer, asked first about the two encodings a US school's computers write
(Windows-1252 from Windows Excel, Mac Roman from old Mac Excel), then about every encoding it
knows. On a short roster both Western encodings decode without error, and the detector's
measures often tie, so the tie is broken by where the accented characters fall: "JosŽ" (a
capital after small letters) or "Zo" + U+2018 (an opening quote after a letter) is a wrong
guess.
"""

from __future__ import annotations

import unicodedata

from charset_normalizer import from_bytes

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
WESTERN = ("cp1252", "mac_roman")  # in order of preference when the evidence is equal
_SAMPLE_BYTES = 64 * 1024  # lines with non-ASCII bytes handed to the detector, at most
_FEW_CLUES = 16  # non-ASCII bytes: fewer is too little evidence against Windows-1252/Mac Roman
_WESTERN_CHAOS = 0.5
_ONE_LETTER_WORDS = frozenset("àÀ")  # French "à"; no other accented letter stands alone
_ASCII_PROBE = bytes(range(0x20, 0x7F)) + b"\t\r\n"

_LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
    "mac_roman": "Mac Roman",
    "latin_1": "Latin-1",
    "cp1250": "Windows-1250",
    "cp1251": "Windows-1251",
    "cp1253": "Windows-1253",
    "cp1254": "Windows-1254",
    "cp1255": "Windows-1255",
    "cp1256": "Windows-1256",
    "cp1257": "Windows-1257",
    "cp1258": "Windows-1258",
    "cp932": "Shift JIS",
    "shift_jis": "Shift JIS",
    "euc_jp": "EUC-JP",
    "cp949": "Korean (EUC-KR)",
    "euc_kr": "Korean (EUC-KR)",
    "gb2312": "GB2312",
    "gbk": "GBK",
    "gb18030": "GB18030",
    "big5": "Big5",
    "koi8_r": "KOI8-R",
    "cp437": "DOS (code page 437)",
    "cp850": "DOS (code page 850)",
}


def encoding_label(encoding: str) -> str:
    """'Mac Roman' for mac_roman, 'UTF-8' for utf-8-sig: the name a teacher may have seen."""
    return _LABELS.get(encoding, encoding.replace("_", "-").upper())


def decode_text(data: bytes) -> tuple[str, str]:
    """The text and the Python name of its encoding ('utf-8', 'cp1252', 'mac_roman', ...)."""
    if data.startswith(UTF8_BOM):
        return data.decode("utf-8-sig", errors="replace"), "utf-8-sig"
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # One damaged byte in an otherwise UTF-8 file should not turn every "é" into "Ã©":
    # text in a single-byte encoding almost never forms valid multi-byte UTF-8 sequences.
    as_utf8 = data.decode("utf-8", errors="replace")
    damaged = as_utf8.count("\ufffd")
    non_ascii = sum(1 for char in as_utf8 if char > "\x7f") - damaged
    if non_ascii >= 2 * damaged:
        return as_utf8, "utf-8"
    del as_utf8
    encoding = detect_encoding(data)
    # Bytes an encoding leaves undefined become U+FFFD rather than an error.
    return data.decode(encoding, errors="replace"), encoding


def detect_encoding(data: bytes) -> str:
    """The most likely single- or multi-byte encoding of bytes that are not UTF-8."""
    sample = _non_ascii_lines(data)
    if _few_clues(sample):
        # A handful of accented letters is too little for the detector's measures (they
        # swing on one character) to overrule the encodings school computers write.
        western = [name for name in WESTERN if _decodes(sample, name)]
    else:
        # The default threshold (0.2) turns Windows-1252 down on a few repeated names that it
        # reads perfectly; Cyrillic, Greek, Arabic or CJK read as Western score well above 0.5.
        matches = from_bytes(sample, cp_isolation=list(WESTERN), threshold=_WESTERN_CHAOS)
        western = [match.encoding for match in matches]
    if western:
        # min keeps the first of equals, and WESTERN lists Windows-1252 first.
        return min(
            (name for name in WESTERN if name in western),
            key=lambda name: misplaced_characters(sample.decode(name, errors="replace")),
        )
    for match in from_bytes(sample):  # best first
        if _reads_ascii_as_ascii(match.encoding):
            return str(match.encoding)
    return "cp1252"


def _few_clues(sample: bytes) -> bool:
    return sum(1 for byte in sample if byte > 0x7F) < _FEW_CLUES


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _reads_ascii_as_ascii(encoding: str) -> bool:
    """False for UTF-16/32 without BOM, EBCDIC and the like: a CSV's commas are ASCII."""
    try:
        return _ASCII_PROBE.decode(encoding) == _ASCII_PROBE.decode("ascii")
    except (UnicodeDecodeError, LookupError):
        return False


def _non_ascii_lines(data: bytes) -> bytes:
    """The lines that hold non-ASCII bytes: ASCII reads the same in every candidate, so a
    50,000-row file is judged by its few accented names, quickly."""
    picked: list[bytes] = []
    size = 0
    for line in data.splitlines(keepends=True):
        if not line.isascii():
            picked.append(line)
            size += len(line)
            if size >= _SAMPLE_BYTES:
                break
    return b"".join(picked) or data[:_SAMPLE_BYTES]


def misplaced_characters(text: str) -> int:
    """How many non-ASCII characters sit where no language puts them.

    A capital inside a word with small letters ("JosŽ", "MŸller", "OÕBrien"), a small letter
    in a word of capitals ("MARTêNEZ"), a letter standing alone ("5 Ð 7"), a symbol or
    bullet inside a word ("Siobh‡n"), an opening quote right after a letter ("Zo" + U+2018),
    a closing one right before a letter other than the apostrophe (’ in "O’Brien"), a
    control or undefined character anywhere.
    """
    count = 0
    last = len(text) - 1
    for index, char in enumerate(text):
        if char.isascii():
            continue
        before = text[index - 1] if index > 0 else " "
        after = text[index + 1] if index < last else " "
        category = unicodedata.category(char)
        if char == "\ufffd" or category in ("Cc", "Cn", "Co"):
            count += 3
        elif char.isalpha() and not before.isalpha() and not after.isalpha():
            count += char not in _ONE_LETTER_WORDS  # "5 Ð 7" is "5 – 7" read wrongly
        elif category == "Lu":
            count += before.isalpha() and _word_has_small_letters(text, index)
        elif category == "Ll":
            count += before.isupper() and not after.islower()
        elif category == "Lo":
            continue
        elif category == "Pi" or category == "Ps":
            count += before.isalpha()
        elif category == "Pf" or category == "Pe":
            count += after.isalpha() and char != "’"
        else:  # other punctuation, symbols, modifier letters: never inside a word
            count += before.isalpha() and after.isalpha()
    return count


def _word_has_small_letters(text: str, index: int) -> bool:
    start = end = index
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    while end < len(text) - 1 and text[end + 1].isalpha():
        end += 1
    return any(char.islower() for char in text[start : end + 1])

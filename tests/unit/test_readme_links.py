"""The README and docs/ speak only of files in the repository: a clone from anywhere has every
file they link to, and none of them points outside the repository (``../elsewhere/...``)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]

# Markdown links and images [text](target), reference definitions [x]: target, HTML href/src.
LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|^\s*\[[^\]]+\]:\s*(\S+)", re.M)
HTML = re.compile(r"""(?:href|src)\s*=\s*["']([^"']+)["']""")
# A path in backticks that climbs out of the folder, such as `../notes/GUIDE.md`.
CLIMBING = re.compile(r"`(\.\./[^`\s]*)`")


def links(text: str) -> list[str]:
    found = [a or b for a, b in LINK.findall(text)]
    return found + HTML.findall(text) + CLIMBING.findall(text)


def local(target: str) -> bool:
    return not re.match(r"[a-z][a-z0-9+.-]*:", target, re.I) and not target.startswith("#")


def test_links_are_found() -> None:
    text = 'See [a](docs/A.md "t"),\n[r]: ../out.md\n<a href="b.md">, `../c`, ![i](<x.png>).'
    assert links(text) == ["docs/A.md", "../out.md", "x.png", "b.md", "../c"]
    assert not local("https://example.org") and not local("#anchor") and local("../x.md")


def test_readme_and_docs_link_only_to_files_in_the_repository() -> None:
    assert DOCUMENTS[0].exists() and len(DOCUMENTS) > 1
    outside, missing = [], []
    for document in DOCUMENTS:
        for target in links(document.read_text(encoding="utf-8")):
            if not local(target):
                continue
            path = target.split("#", 1)[0]
            if not path:
                continue
            resolved = (document.parent / path).resolve()
            name = f"{document.relative_to(ROOT)}: {target}"
            if path.startswith("/") or not resolved.is_relative_to(ROOT):
                outside.append(name)
            elif not resolved.exists():
                missing.append(name)
    assert not outside, f"links outside the repository: {outside}"
    assert not missing, f"links to files that are not in the repository: {missing}"

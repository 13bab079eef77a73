"""Task text: Markdown with inline $...$ math, parsed once and rendered for screen and paper."""

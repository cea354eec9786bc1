"""Stage 2, the page as a tree: parse it, scan it once, strip chrome, walk it into text blocks."""

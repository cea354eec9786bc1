"""Stage 1, the input: bytes to text (charset cascade), the size checks done before parsing,
and fetching pages from their URLs (:mod:`cleanarticle.input.fetch`)."""

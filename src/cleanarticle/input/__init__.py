"""Stage 1, the input: bytes to text (charset cascade) and the size checks done before parsing."""

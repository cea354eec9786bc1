"""The text-capture route: a page saved as its visible text, one block a line."""

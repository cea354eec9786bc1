"""Stage 3, the fields: head metadata, JSON-LD, what the page prints, and their reconciliation.

Headline, bylines and authors, dates, publisher and aggregator, the page's profile and its
language.
"""

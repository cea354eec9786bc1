"""Stage 3, the fields: head metadata, JSON-LD, what the page prints, and their reconciliation.

Headline, bylines and authors, dates, the dateline, publisher and aggregator, the page's
profile and its language. Once the body is known, :mod:`~cleanarticle.fields.finish` settles
every field and makes the Article.
"""

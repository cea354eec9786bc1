"""cleanarticle inside other frameworks, each an optional extra:

- :mod:`cleanarticle.integrations.scrapy` (``pip install 'cleanarticle[scrapy]'``): a
  downloader middleware that attaches the Article to the response, and an item pipeline that
  cleans an item's ``html`` field into article fields;
- :mod:`cleanarticle.integrations.datatrove` (``pip install 'cleanarticle[datatrove]'``): an
  extractor step for datatrove pipelines, where ``Trafilatura()`` stands.

Nothing here is imported by ``import cleanarticle``.
"""

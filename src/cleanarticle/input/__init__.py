"""Reading pages in: from the web (:mod:`cleanarticle.input.fetch`)."""

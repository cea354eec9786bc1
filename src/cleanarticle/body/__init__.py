"""Stage 4, the body: choose it among the text blocks, refine it, and cut it into sections.

:mod:`~cleanarticle.body.choose` picks the container, :mod:`~cleanarticle.body.revise` trims
it, :mod:`~cleanarticle.body.teasers` and :mod:`~cleanarticle.body.class_words` are the
signals they weigh, and :mod:`~cleanarticle.body.sections` turns either route's units into
the Article's sections.
"""

"""Stories: find the copies of one story in a dump of cleaned articles, and its original.

News dumps hold each story many times: the publisher's page, aggregators' copies (inkl, MSN,
Yahoo...), wire stories run by many papers, teasers that stop with "Read the full story at
...", later editions with changed paragraphs. Every article carries a fingerprint of its
cleaned body (:attr:`Article.fingerprint`, :mod:`.fingerprint`); :func:`group` (and the
``cleanarticle stories`` command, :mod:`.run`) finds the copies by locality-sensitive
hashing over the fingerprints (:mod:`.group`), names each story's original (the
publisher's own page where there is one) and says how each copy differs from it::

    >>> from cleanarticle.stories import group
    >>> for link in group(articles):
    ...     link.story_id, link.copy_of, link.copy_kind    # copy_kind: full, partial, edited
"""

from cleanarticle.stories.api import StoryLink, group
from cleanarticle.stories.fingerprint import Fingerprint
from cleanarticle.stories.group import CopyKind

__all__ = ["CopyKind", "Fingerprint", "StoryLink", "group"]

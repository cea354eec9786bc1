"""How the main content is chosen on each kind of page.

The engine was built for articles: one story in prose, inside one container, with rails of
teasers, comment threads and link lists around it as furniture. Other kinds of page put their
main content where an article's furniture would be: a forum's posts are comments, a listing's
entries are teaser cards with linked titles, a documentation page's code is not prose. A
:class:`Strategy` names, for one page type, which of the article rules do not hold there; the
engine's passes read it instead of testing the page type themselves.

The page type is the draft's (``Draft.page_type``: the caller's :attr:`Options.page_type`
when given, else the page classifier's answer); :func:`strategy_for` reads it. Without a
type (a text capture), the page is read as an article.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cleanarticle.body.class_words import TAG_HINTS, class_factor, element_factor, is_overlay
from cleanarticle.model import PageType

if TYPE_CHECKING:
    from cleanarticle.draft import Draft

__all__ = [
    "ARTICLE",
    "LISTING_FURNITURE",
    "PRODUCT_FURNITURE",
    "STRATEGIES",
    "Strategy",
    "strategy_for",
]


@dataclass(frozen=True, slots=True)
class Strategy:
    """Which of the article rules a kind of page relaxes (see the module docstring).

    Attributes:
        page_type: the kind of page, or None (unknown: read as an article).
        comments_are_content: comment-thread class words ("comment", "reply") mark the
            posts themselves, not furniture (forums, questions and answers).
        items_are_content: repeated sibling structures with text (:mod:`cleanarticle.body.items`)
            are the page's entries, linked titles and all, not teaser rails (listings,
            collections, the link lists and cards of documentation pages, a service's or a
            product's cards of features).
        furniture_words: class and id stems that mark furniture on this kind of page, besides
            the article's (:data:`PRODUCT_FURNITURE`, :data:`LISTING_FURNITURE`).
        declared_product: when the body has little, the JSON-LD ``Product``'s description and
            specifications complete it (:mod:`cleanarticle.html.product`).
        cut_trailing: the subtrees after the body's core are dropped unless they continue it
            (:mod:`cleanarticle.body.revise`).
        furniture_classes: inside the chosen container, subtrees whose class words name
            furniture are dropped. The words are a news page's; a business's page calls its
            own sections banner, teaser, promo or widget, and a shop's grid sits in a
            "product-widget": there (service, listing, collection) only the layout elements,
            the chrome rules and the engine's other tests remove anything.
        drop_repeats: a paragraph that repeats an earlier one of the body word for word is
            dropped: a forum reply quoting a post, a shop's description printed twice (for
            phone and desktop). An article may repeat a line by right (the questions of an
            interview series, the same ingredient line in each day of a meal plan).
        figure_quotes: a ``<blockquote>`` in a ``<figure>`` is a quotation (a customer's
            testimonial, a post quoted), not a caption. An article's are mostly pull quotes
            repeating its own text: there they stay captions.
        drop_dialogs: modal dialogs (``<dialog>``, ``role="dialog"``, ``aria-modal``) are
            removed before the page is read: a shop's privacy policy or size guide, a forum's
            sign-in box (:func:`cleanarticle.dom.strip.strip_dialogs`). An article may be opened in
            one: there they stay.
        open_panels: the closed panels of tabs and accordions (hidden until clicked: a shop's
            specifications tab, a service page's FAQ answers) are read as the page's text
            (:func:`cleanarticle.dom.walk.is_panel`). Not on articles, whose hidden parts
            are mostly copies and players.
    """

    page_type: PageType | None = None
    comments_are_content: bool = False
    items_are_content: bool = False
    furniture_words: tuple[str, ...] = ()
    declared_product: bool = False
    cut_trailing: bool = True
    furniture_classes: bool = True
    drop_repeats: bool = False
    figure_quotes: bool = True
    drop_dialogs: bool = True
    open_panels: bool = True

    def factor(self, words: str, tag: str) -> float:
        """How much an element's class words and tag raise or lower its score on this kind
        of page (:func:`cleanarticle.body.class_words.element_factor`)."""
        if self.comments_are_content or self.furniture_words:
            return element_factor(words, tag, self.comments_are_content, self.furniture_words)
        return class_factor(words) * TAG_HINTS.get(tag, 1.0)  # (hot: the article's)

    def own_furniture(self, words: str) -> bool:
        """Whether an element's class words name this kind of page's own furniture
        (``furniture_words``: a product page's reviews)."""
        return bool(self.furniture_words) and any(stem in words for stem in self.furniture_words)

    def furniture(self, words: str, tag: str) -> bool:
        """Whether an element's class words and tag name it furniture on this kind of page:
        any word that lowers its score (:meth:`factor`), or, where the news page's words do
        not hold (``furniture_classes`` off), only an overlay's words or this kind's own."""
        if self.furniture_classes:
            return self.factor(words, tag) < 1.0
        if not words:
            return False
        return is_overlay(words) or self.own_furniture(words)


#: Furniture of a product page: what its customers say and ask, what else the shop sells, and
#: its legal notes.
PRODUCT_FURNITURE: tuple[str, ...] = (
    "review",
    "testimonial",
    "question",
    "legal",
    "disclaimer",
    "upsell",
    "cross-sell",
    "crosssell",
    "recently-viewed",
    "recentlyviewed",
    "also-bought",
    "carousel",
    "dialog",
    "tooltip",
)
#: Furniture of a listing or a collection: the panel that filters and sorts its items.
LISTING_FURNITURE: tuple[str, ...] = ("filter", "facet", "refine")
#: The article strategy: every rule of the engine holds.
ARTICLE = Strategy(figure_quotes=False, drop_dialogs=False, open_panels=False)
#: The strategy of each page type.
STRATEGIES: dict[PageType, Strategy] = {
    PageType.ARTICLE: Strategy(
        PageType.ARTICLE, figure_quotes=False, drop_dialogs=False, open_panels=False
    ),
    PageType.FORUM: Strategy(
        PageType.FORUM, comments_are_content=True, drop_repeats=True, open_panels=False
    ),
    PageType.PRODUCT: Strategy(
        PageType.PRODUCT,
        items_are_content=True,
        furniture_words=PRODUCT_FURNITURE,
        declared_product=True,
        drop_repeats=True,
    ),
    PageType.COLLECTION: Strategy(
        PageType.COLLECTION,
        items_are_content=True,
        furniture_classes=False,
        furniture_words=LISTING_FURNITURE,
        drop_repeats=True,
    ),
    PageType.LISTING: Strategy(
        PageType.LISTING,
        items_are_content=True,
        furniture_classes=False,
        furniture_words=LISTING_FURNITURE,
    ),
    PageType.DOCUMENTATION: Strategy(PageType.DOCUMENTATION, items_are_content=True),
    PageType.SERVICE: Strategy(
        PageType.SERVICE, items_are_content=True, furniture_classes=False
    ),
}


def strategy_for(draft: Draft) -> Strategy:
    """The :class:`Strategy` of the page's type (``draft.page_type``: the caller's
    ``Options.page_type``, else the page classifier's; :data:`ARTICLE` when unknown)."""
    kind = draft.page_type
    return STRATEGIES.get(kind, ARTICLE) if kind is not None else ARTICLE

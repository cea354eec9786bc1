"""Article bodies, round 2 of issue 14: text folded away or shipped beside the page (collapsed
panels, a noscript fallback), tables in figures, story sections that look like furniture or
teaser cards."""

from __future__ import annotations

from itertools import pairwise

import cleanarticle
from cleanarticle.model import RemovalKind

S1 = (
    "The council voted on Tuesday to rebuild the old harbour wall, which was damaged in the "
    "winter storms, and to give the work to local firms."
)
S2 = (
    "Engineers said the repairs would take most of the year, and that the road along the "
    "quay would stay closed to lorries until the spring."
)
S3 = (
    "Residents, who had asked for the work for a decade, welcomed the decision but worried "
    "about the noise, the dust and the cost to the town."
)
S4 = (
    "The mayor promised a public meeting in March, where the contractors would answer "
    "questions from shop owners and fishermen about the timetable."
)
S5 = (
    "Fishermen said their boats would moor in the next bay while the wall was rebuilt, "
    "a longer trip each morning that would cost them fuel and time."
)
S6 = (
    "The town's engineers will publish the plans online next week, with a map of the "
    "streets that will be closed and the dates of each stage of the work."
)
STORY = [S1, S2, S3, S4, S5, S6]
SIDEBAR = (
    "<div class='sidebar'><p>About this blog: notes on harbours, boats and the sea, written "
    "since 2009 by a retired engineer who likes to walk along the coast every morning.</p>"
    "<p>Archives: January, February, March, April, May, June, July, August, September.</p>"
    "<p>Blogroll: the harbour society, the lifeboat station, the sailing club, the museum, "
    "the tide tables, the weather office and the ferry company, with their news.</p></div>"
)


def page(body: str, *, head: str = "<title>Harbour wall</title>") -> str:
    return f"<!doctype html><html lang='en'><head>{head}</head><body>{body}</body></html>"


def paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def test_table_in_a_figure_is_body_text() -> None:
    # WordPress prints a table as <figure class="wp-block-table"><table>: its cells are the
    # table's, not a caption of the figure; the figure's own caption still is one.
    table = (
        "<figure class='wp-block-table'><table><tr><th>Firm</th><th>Cost</th></tr>"
        "<tr><td>Harbour Works Ltd</td><td>1,200,000</td></tr>"
        "<tr><td>Quay Builders</td><td>950,000</td></tr></table>"
        "<figcaption>Bids received by the council</figcaption></figure>"
    )
    article = cleanarticle.extract(page(f"<article>{paragraphs(STORY[:3])}{table}</article>"))
    table_rows = [s for s in article.sections for b in s.blocks if b.rows]
    assert table_rows, "the table is read as a table of the body"
    assert "Harbour Works Ltd" not in " ".join(
        r.text for r in article.removed if r.kind is RemovalKind.MEDIA
    )
    assert "Bids received by the council" not in article.text


def test_sections_named_as_widgets_with_modifiers_and_ids_are_one_group() -> None:
    # A buying guide prints each pick in a "widget" (a furniture word), some with a BEM
    # modifier ("--big") and each with its own id: one kind of element, the body's sections.
    picks = "".join(
        f"<div class='c-pick-widget{' c-pick-widget--big' if i % 2 else ''}' id='pick-{name}'>"
        f"<h3>{name}</h3><p>{text}</p></div>"
        for i, (name, text) in enumerate(
            zip(["Ash", "Birch", "Cedar", "Deal"], STORY[2:], strict=True)
        )
    )
    html = page(
        f"<main><article><h1>Harbour wall</h1>{paragraphs(STORY[:2])}{picks}</article></main>"
    )
    assert cleanarticle.extract(html).text.split("\n") == [
        S1,
        S2,
        "Ash",
        S3,
        "Birch",
        S4,
        "Cedar",
        S5,
        "Deal",
        S6,
    ]


def test_section_closed_by_a_more_link_is_not_a_teaser_card() -> None:
    # Each pick of a review roundup: several paragraphs, then "More: <the full review>"
    # (a "read more" label closing the element): the story's own section, not a card.
    long = [f"{a} {b}" for a, b in zip(STORY, STORY[1:] + STORY[:1], strict=True)]
    sections = "".join(
        f"<div class='pick'><h2>Pick {i}</h2>{paragraphs(long[i : i + 3])}"
        f"<p><a href='/review/{i}'>More: Pick {i} full review</a></p></div>"
        for i in range(3)
    )
    text = cleanarticle.extract(page(f"<article><p>{S1}</p>{sections}</article>")).text
    for t in long[:5]:
        assert t in text


def test_teaser_card_closed_by_read_more_is_still_dropped() -> None:
    card = (
        "<div class='card'><h3><a href='/news/ferry'>Ferry timetable changes in May</a></h3>"
        "<p>The ferry company will run fewer boats on Sundays from May.</p>"
        "<p><a href='/news/ferry'>Read more</a></p></div>"
    )
    text = cleanarticle.extract(page(f"<article>{paragraphs(STORY)}{card}</article>")).text
    assert "fewer boats" not in text
    assert text.startswith(S1)


def test_collapsed_accordion_panel_is_read() -> None:
    # Steps of a guide in an accordion: each panel is display:none until its heading is
    # clicked, labelled by it (role=region, aria-labelledby): text the reader unfolds.
    steps = "".join(
        f"<div class='acc'><button id='h{i}'>Step {i}</button>"
        f"<div role='region' aria-labelledby='h{i}' style='display:none'><p>{t}</p></div></div>"
        for i, t in enumerate(STORY[2:])
    )
    html = page(f"<article>{paragraphs(STORY[:2])}{steps}</article>{SIDEBAR}")
    text = cleanarticle.extract(html).text
    for t in STORY:
        assert t in text


def test_hidden_until_found_is_read_and_plain_hidden_is_not() -> None:
    html = page(
        f"<article>{paragraphs(STORY[:3])}<div hidden='until-found'><p>{S4}</p></div>"
        f"<div style='display: none'><p>{S5}</p></div></article>"
    )
    text = cleanarticle.extract(html).text
    assert S4 in text
    assert S5 not in text


def test_noscript_fallback_of_a_script_template_is_read() -> None:
    # Blogger ships the post as <script type="text/template"> with a <noscript> copy beside
    # it: the copy is the only readable one.
    post = paragraphs(STORY)
    html = page(
        f"{SIDEBAR}<div class='post-body'><script type='text/template'>{post}</script>"
        f"<noscript>{post}</noscript></div>{SIDEBAR}"
    )
    assert cleanarticle.extract(html).text == "\n".join(STORY)


def test_noscript_copy_of_visible_text_is_not_read_twice() -> None:
    post = paragraphs(STORY)
    html = page(f"<article>{post}<noscript>{post}</noscript></article>")
    assert cleanarticle.extract(html).text == "\n".join(STORY)


def test_body_parts_named_like_a_widget_are_kept_after_promos() -> None:
    # A page builder names each part of the body "article-widget-html" (a furniture word):
    # the part holding most of the story is the body, the parts after the promos between
    # them (one with a modifier class) are its continuation.
    promo = (
        "<div class='tour-promo'><h3><a href='/tours/x'>See our popular photo tours</a></h3>"
        "<a href='/tours'>Learn more</a></div>"
    )
    core = "".join(f"<p>{t} {t}</p>" for t in STORY[1:5])
    html = page(
        "<article><div class='layout'>"
        f"<div><div class='article-widget-html is-first'><p>{S1}</p></div></div>{promo}"
        f"<div><div class='article-widget-html'>{core}</div></div>{promo}"
        f"<div><div class='article-widget-html'><h2>Conclusion</h2><p>{S6}</p></div></div>"
        f"</div></article>{SIDEBAR}"
    )
    text = cleanarticle.extract(html).text
    assert text.startswith(S1)
    assert text.endswith(S6)
    assert "photo tours" not in text


def test_widget_of_teasers_is_no_body_part() -> None:
    # A short story beside a widget of recent posts (teasers cut short) that outweighs it:
    # a second widget of the same name is no part of the body.
    teasers = "".join(f"<h4>Webmaster</h4><p>{t[:90]}...</p>" for t in STORY)
    other = "The lifeboat crew was called out twice this weekend to help sailors caught in"
    html = page(
        f"<div class='content'><article><p>{S1}</p><p>{S2}</p></article>"
        f"<section class='widget posts'><div class='widget-posts'>{teasers}</div></section>"
        f"<div class='widget-posts'><p>{other} the storm...</p><p>{other} fog...</p></div></div>"
    )
    text = cleanarticle.extract(html).text
    assert text.startswith("\n".join([S1, S2]))
    assert "lifeboat" not in text


def test_closing_section_after_the_core_continues_the_body() -> None:
    # The story's last section in its own element after the core (another tag, a class word
    # in common, the same subject): the body's; an offer after it is not.
    core = "".join(f"<p>{a} {b}</p>" for a, b in pairwise(STORY))
    closing = (
        "<section class='rich-text-blog'><h2>Questions about the wall</h2>"
        f"<h3>When will the road along the quay open?</h3><p>{S2}</p>"
        f"<h3>Who will do the work?</h3><p>{S1}</p></section>"
    )
    offer = (
        "<section class='cta'><p>Subscribe today and get unlimited access to every story, "
        "with our apps, our archive and our weekly newsletters, for one low price.</p>"
        "<p>Cancel anytime. Terms apply to new subscribers only, see our offer page.</p></section>"
    )
    html = page(
        f"<article><div class='body'><div class='rich-text-blog text'>{core}</div>"
        f"{closing}{offer}</div></article>{SIDEBAR}"
    )
    text = cleanarticle.extract(html).text
    assert "Who will do the work?" in text
    assert text.endswith(S1)
    assert "Subscribe today" not in text


def _ticker_entries(count: int) -> list[tuple[str, str]]:
    """Entries of a live ticker: a title and a text of one or two sentences, all different."""
    out = []
    for i in range(count):
        story = STORY[i % len(STORY)]
        out.append(
            (f"Update {i}: {story.split(',')[0]}", f"At {10 + i // 6}:{i % 60:02d}, {story}")
        )
    return out


def test_live_ticker_keeps_every_entry_in_order() -> None:
    entries = _ticker_entries(40)
    posts = []
    for i, (title, text) in enumerate(entries):
        posts.append(
            f"<article class='block'><p class='block-time'><time>{i}</time></p>"
            f"<h2>{title}</h2><div class='block-elements'><p>{text}</p></div></article>"
        )
        if i % 5 == 4:
            posts.append("<div class='ad-slot'><div class='advert'>Advertisement</div></div>")
    html = page(
        f"<main><article><h1>Harbour storm: live</h1><div class='liveblog-body'>{''.join(posts)}"
        f"</div></article>{SIDEBAR}</main>"
    )
    article = cleanarticle.extract(html)
    texts = [t for _, t in entries]
    assert [line for line in article.text.split("\n") if line in texts] == texts
    assert article.headline == "Harbour storm: live"


def test_live_ticker_entries_named_as_comments_are_kept() -> None:
    # A ticker whose entries are called "live-comment", under a summary of its own: the
    # entries are the story, not a comment thread.
    entries = _ticker_entries(12)
    posts = "".join(
        f"<div class='live-comment'><div class='live-comment__time'>{i}</div><h3>{title}</h3>"
        f"<div class='live-comment__text'><p>{text}</p></div></div>"
        for i, (title, text) in enumerate(entries)
    )
    html = page(
        f"<main><h1>Harbour storm: live</h1><div class='summary'><p>{S1} {S2}</p><p>{S3}</p>"
        f"</div><div class='ticker'>{posts}</div></main>{SIDEBAR}"
    )
    text = cleanarticle.extract(html).text
    for _, entry in entries:
        assert entry in text


def test_comment_thread_is_still_dropped() -> None:
    comments = "".join(
        f"<div class='comment'><p class='comment-author'>reader{i}</p><p>{t} I agree.</p></div>"
        for i, t in enumerate(STORY[3:])
    )
    html = page(f"<article>{paragraphs(STORY[:3])}</article><div class='comments'>{comments}</div>")
    assert cleanarticle.extract(html).text == "\n".join(STORY[:3])


def test_entries_linking_to_themselves_are_not_teaser_cards() -> None:
    # Entries of a page whose titles link to anchors on the page ("#post-3"): its own
    # entries, not a rail of other stories.
    entries = "".join(
        f"<div class='entry'><h3><a href='#post-{i}'>{t.split(',')[0]}</a></h3><p>{t}</p></div>"
        for i, t in enumerate(STORY)
    )
    html = page(f"<main><h1>Harbour wall</h1><div class='feed'>{entries}</div></main>{SIDEBAR}")
    text = cleanarticle.extract(html).text
    for t in STORY:
        assert t in text


LONG = [f"{a} {b}" for a, b in pairwise([*STORY, S1])] + [
    f"{b} {a}" for a, b in pairwise([*STORY, S1])
]
AD = "<div class='ad-container'><div class='ad'>Advertisement</div></div>"


def test_body_part_wrapped_otherwise_after_an_ad_is_kept() -> None:
    # Most of the story in div.bodytext, an ad, then its last paragraphs in another
    # div.bodytext wrapped in a layout row: the body's main part, named the same.
    first = "".join(f"<p>{t}</p>" for t in LONG[:10])
    rest = "".join(f"<p>{t}</p>" for t in LONG[10:])
    html = page(
        f"<main><article><h1>Harbour wall</h1><div class='bodytext'>{first}</div>{AD}"
        f"<div class='row'><div class='bodytext'>{rest}</div></div></article>{SIDEBAR}</main>"
    )
    assert cleanarticle.extract(html).text.split("\n") == LONG


def test_paywalled_part_of_the_body_is_kept() -> None:
    # The part after the paywall is named as the first one plus "paywalled" (a furniture
    # word): the body's, for the subscribers the page was served to.
    first = "".join(f"<p>{t}</p>" for t in LONG[:10])
    rest = "".join(f"<p>{t}</p>" for t in LONG[10:])
    for parts in (
        f"<div class='article-text'>{first}</div>{AD}<div class='article-text paywalled'>{rest}</div>",
        f"<div class='article-text'>{paragraphs(LONG[:8])}</div>{AD}"
        f"<div class='article-text paywalled'>{paragraphs(LONG[8:10])}</div>{AD}"
        f"<div class='article-text paywalled'>{rest}</div>",
    ):
        html = page(f"<main><article><h1>Harbour wall</h1>{parts}</article>{SIDEBAR}</main>")
        assert cleanarticle.extract(html).text.split("\n") == LONG


def test_box_named_like_the_body_part_with_links_is_not_body() -> None:
    first = "".join(f"<p>{t}</p>" for t in LONG[:10])
    box = (
        "<div class='article-text related'><h3>Related</h3><ul>"
        "<li><a href='/a'>Storm damage costs rise to a record high across the region</a></li>"
        "<li><a href='/b'>Ferry company cancels its Sunday sailings until the spring</a></li>"
        "</ul></div>"
    )
    html = page(f"<main><article><div class='article-text'>{first}</div>{box}</article></main>")
    text = cleanarticle.extract(html).text
    assert "Storm damage" not in text
    assert text.split("\n") == LONG[:10]


CHROME_LINES = {
    "generic.image-credit": [
        "Titelbild: Jane Doe/picture-alliance",
        "Foto: dpa",
        "Photo credit: Reuters/John Smith",
        "© Bundesrat | Frank Bräuer",
    ],
    "generic.copyright": [
        "© 2024 The Harbour Gazette. All rights reserved.",
        "Copyright 2019 Example News Now. Alle Rechte vorbehalten.",
        "This article is the copyrighted property of Harbour News. Written permission must be "
        "obtained before reprint in online or print media.",
        "Dieser Text wurde veröffentlicht unter der Lizenz CC-BY-NC-ND-4.0-DE.",
    ],
    "generic.disclaimer": [
        "The views expressed in this column are those of the author.",
        "Les opinions exprimées dans ce blog n'engagent que leurs auteurs.",
        "Dieser Beitrag gibt die Meinung des Autors wieder, nicht die der Redaktion.",
        "(Alle Angaben ohne Gewähr)",
    ],
    "generic.follow": [
        "Follow The Harbour Gazette on Twitter and Instagram @harbour and on Facebook.",
        "Senior editor with a focus on tech. You can keep up with me on Twitter: @jane",
        "¿Ya sabías que tenemos canal de Telegram? Únete desde tu celular en este enlace.",
        "Folgen Sie uns auf Instagram, um keine Geschichte zu verpassen.",
    ],
    "generic.support-us": [
        "If you enjoyed reading this post – would you consider supporting our work? Just click here.",
    ],
    "generic.feedback-prompt": [
        "Wie bewerten Sie diesen Artikel?",
        "Was this article helpful?",
        "We want to hear what you think about this article. Submit a letter to the editor.",
    ],
    "generic.embed-placeholder": ["Externer Inhalt", "External content"],
    "generic.post-footer": ["This entry was posted in News. Bookmark the permalink."],
    "generic.newsletter": [
        "Never miss the latest news by signing up to our newsletter today!",
        "Lust auf mehr? Melde dich hier für unseren Newsletter an!",
    ],
    "generic.share": ["Rezept drucken Bei Pinterest speichern", "Print recipe"],
    "generic.read-also": ["MIRA: La alcaldesa inaugura el nuevo muelle", "Puedes ver: el muelle"],
}


def test_notes_around_a_story_are_matched_by_their_rules() -> None:
    matcher = cleanarticle.load_rules().matcher(None)
    for name, lines in CHROME_LINES.items():
        for line in lines:
            rule = matcher.match(line)
            assert rule is not None and rule.name == name, line


def test_story_sentences_about_the_same_things_are_not_chrome() -> None:
    matcher = cleanarticle.load_rules().matcher(None)
    for line in [
        "The photographer said the harbour had never looked so calm in forty years.",
        "Cover image: an artist's impression of the new harbour wall as it will look in spring",
        "The mayor follows the debate on Twitter, where residents post pictures of the storm.",
        "Copyright lawyers said the council had not asked the artist for permission.",
        "The views of the fishermen were not heard, the union said.",
        "Two million readers have signed up to the town's newsletter since the storm.",
    ]:
        assert matcher.match(line) is None, line

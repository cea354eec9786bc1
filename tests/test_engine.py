"""The engine on small inline pages: which text is the body, and which is not."""

from __future__ import annotations

import cleanarticle

from .cases import S1, S2, S3, S4, page


def body_of(html: str) -> str:
    return cleanarticle.extract(html).text


def test_page_shipped_inside_noscript_is_read() -> None:
    html = page(
        "<noscript><div class='wrap'><nav><a href='/'>Home</a></nav>"
        f"<div class='story'><p>{S1}</p><p>{S2}</p><p>{S3}</p><p>{S4}</p></div></div></noscript>"
    )
    assert body_of(html) == "\n".join([S1, S2, S3, S4])


def test_small_noscript_is_dropped() -> None:
    html = page(
        f"<article><p>{S1}</p><noscript><p>Please enable JavaScript to view the comments.</p>"
        f"</noscript><p>{S2}</p></article>"
    )
    assert body_of(html) == f"{S1}\n{S2}"


def test_body_whose_blocks_all_carry_a_furniture_word_is_kept() -> None:
    # A live ticker whose entries are named "comment": the class word covers the whole body.
    entries = "".join(
        f"<div class='live-comment'><span class='live-comment-time'>{m}'</span>"
        f"<div class='live-comment-body'>{s}</div></div>"
        for m, s in ((90, S1), (75, S2), (60, S3), (45, S4))
    )
    html = page(
        f"<header><a href='/'>Home</a></header><div class='live'><h2>Live</h2>{entries}</div>"
    )
    text = body_of(html)
    for s in (S1, S2, S3, S4):
        assert s in text


def test_comment_thread_after_the_article_is_dropped() -> None:
    comment = (
        "I have lived by that harbour all my life and I can tell you the wall has been "
        "crumbling since long before the storms, so this is welcome news for all of us."
    )
    comments = "".join(
        f"<li class='comment'><div class='comment-author'>Reader {i} said:</div>"
        f"<p>{comment}</p><p>{comment}</p></li>"
        for i in range(6)
    )
    html = page(
        f"<main><article class='post'><div class='entry-content'><p>{S1}</p><p>{S2}</p>"
        f"</div></article><div class='comments-area'><h3>Comments</h3>"
        f"<ol class='comment-list'>{comments}</ol></div></main>"
    )
    text = body_of(html)
    assert text == f"{S1}\n{S2}"


def test_class_words_are_read_for_what_an_element_is() -> None:
    from cleanarticle.body.class_words import significant_words

    assert significant_words("node node--promoted is-sticky has-ads js-share") == "node node"
    assert significant_words("testreport__section--ads hidden-xs col-md-8") == (
        "testreport__section col-md-8"
    )


def test_modifier_and_responsive_classes_do_not_drop_body_text() -> None:
    html = page(
        "<main><article class='node node--promoted'>"
        f"<div class='field'><p>{S1}</p><p>{S2}</p></div>"
        f"<div class='field hidden-xs'><p>{S3}</p></div>"
        f"<div class='field'><p>{S4}</p></div></article>"
        "<aside><h3>More news</h3><p>Another story about the harbour, which was in the news "
        "last week when the storms came.</p></aside></main>"
    )
    assert body_of(html) == "\n".join([S1, S2, S3, S4])


def test_url_and_date_lines_around_the_body_are_not_prose() -> None:
    html = page(
        "<article><div class='share-url'>https://news.example.com/2019/11/20/harbour-wall-to-be-"
        "rebuilt-after-storms-article-14848164.php</div>"
        "<div class='stamp'>Veröffentlichung: 2. Februar 2022</div>"
        f"<p>{S1}</p><p>{S2}</p><p>{S3}</p></article>"
    )
    assert body_of(html) == "\n".join([S1, S2, S3])


def test_captions_and_credits_named_by_class_are_kept_out_of_the_text() -> None:
    html = page(
        f"<article><p>{S1}</p>"
        "<div class='gallery'><img src='/a.jpg'><div class='photo-caption'>The wall after the "
        "storm, seen from the quay on Monday morning.</div>"
        "<div class='image-credit'>Photo: J. Smith, AP</div></div>"
        f"<p>{S2}</p><p>{S3}</p></article>"
    )
    article = cleanarticle.extract(html)
    assert article.text == "\n".join([S1, S2, S3])
    assert any(r.rule == "engine.caption" and "Photo: J. Smith" in r.text for r in article.removed)


def test_a_slideshow_whose_text_is_all_captions_keeps_them() -> None:
    slides = "".join(
        f"<section class='slide'><h2>Slide {i}</h2><img src='/{i}.jpg'>"
        f"<p class='slide-caption'>{s}</p></section>"
        for i, s in enumerate((S1, S2, S3, S4))
    )
    html = page(f"<nav><a href='/'>Home</a></nav><main class='slideshow'>{slides}</main>")
    text = body_of(html)
    for s in (S1, S2, S3, S4):
        assert s in text


def test_material_after_the_body_core_is_dropped() -> None:
    # A sidebar column and an author box follow the article column inside one wrapper.
    html = page(
        "<div class='grid content-main'><div class='column-wide'><div class='story'>"
        f"<div class='text'><p>{S1}</p><p>{S2}</p><p>{S3}</p><p>{S4}</p></div>"
        "<div class='author'>Jane Doe writes about the coast and its towns for the paper, "
        "and has done so since the year of the great flood.</div></div></div>"
        "<div class='column-small'><p>Read the digital edition: interactive graphics, "
        "podcasts and the archive, every week, on all your devices.</p></div></div>"
    )
    assert body_of(html) == "\n".join([S1, S2, S3, S4])


def test_body_continued_after_an_ad_slot_is_kept() -> None:
    html = page(
        f"<article><div class='body'><p>{S1}</p><p>{S2}</p><p>{S3}</p></div>"
        "<div class='ad-slot'>Advertisement</div>"
        f"<div class='body'><p>{S4}</p></div></article>"
    )
    assert body_of(html) == "\n".join([S1, S2, S3, S4])


def test_standfirst_between_headline_and_body_opens_the_article() -> None:
    lead = "The town will rebuild its storm-damaged harbour wall, the council decided."
    html = page(
        "<div class='page'><header class='article-head'><h1>Harbour wall to be rebuilt</h1>"
        f"<p class='intro'>{lead}</p><span class='date'>2 March 2020</span></header>"
        f"<div class='article-text'><p>{S1}</p><p>{S2}</p><p>{S3}</p></div>"
        "<div class='more'><a href='/a'>Other news from the coast and elsewhere</a></div></div>"
    )
    assert body_of(html) == "\n".join([lead, S1, S2, S3])


def test_teaser_cut_short_above_the_body_is_not_a_standfirst() -> None:
    html = page(
        "<div class='page'><h1>Harbour wall to be rebuilt</h1>"
        "<p>The town will rebuild its storm-damaged harbour wall, the council...</p>"
        f"<div class='article-text'><p>{S1}</p><p>{S2}</p><p>{S3}</p></div></div>"
    )
    assert body_of(html) == "\n".join([S1, S2, S3])


def test_inline_elements_keep_the_spaces_between_them() -> None:
    html = page(
        "<article><p><span>The</span> <span>council</span>\\n<a href='/v'>voted</a> "
        "<b><a href='/t'>on Tuesday</a> </b>to rebuild the old harbour wall, which was damaged in the "
        "winter storms, and to give the work to local firms.</p>"
        f"<pre><span>line one</span>\\n<span>line two</span></pre><p>{S2}</p><p>{S3}</p>"
        "</article>"
    ).replace("\\n", "\n")
    text = body_of(html)
    assert text.startswith(S1 + "\n")
    assert "line one\nline two" in text


def test_hidden_copies_are_not_read() -> None:
    html = page(
        f"<article><p>{S1}</p><div style='display: none'><p>{S1}</p></div>"
        f"<div aria-hidden='true'><p>{S2}</p></div><p hidden>{S3}</p>"
        f"<div style='border: none'><p>{S4}</p></div></article>"
    )
    article = cleanarticle.extract(html)
    assert article.text == f"{S1}\n{S4}"
    assert sum(r.rule == "engine.hidden" for r in article.removed) == 3


def test_deep_nesting_is_flattened_not_fatal() -> None:
    html = page("<div>" * 2000 + f"<p>{S1}</p><p>{S2}</p>" + "</div>" * 2000)
    text = body_of(html)
    assert S1 in text
    assert S2 in text


def test_navigation_and_footers_are_removed_and_recorded() -> None:
    html = page(
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><p>{S1}</p><p>{S2}</p><footer>Filed under: harbours</footer></article>"
        "<footer><p>Copyright 2026 The Coast Gazette, all rights reserved.</p></footer>"
    )
    article = cleanarticle.extract(html)
    assert article.text == f"{S1}\n{S2}"
    rules = [r.rule for r in article.removed]
    assert rules.count("engine.nav") == 1
    assert rules.count("engine.footer") == 2


def test_a_layout_element_holding_the_article_stays() -> None:
    html = page(f"<nav><a href='/'>Home</a></nav><aside><p>{S1}</p><p>{S2}</p><p>{S3}</p></aside>")
    assert body_of(html) == "\n".join([S1, S2, S3])


def test_author_box_and_rating_widget_after_the_text_are_dropped() -> None:
    html = page(
        f"<article><div class='entry'><p>{S1}</p><p>{S2}</p><p>{S3}</p>"
        "<div class='post-rating'>How useful was this article? 4.5 out of 5 from 12 votes.</div>"
        "<div class='about-author'><h3>About the author</h3><p>Jane Doe has written about "
        "the coast for twenty years, and lives by the harbour with her two dogs.</p></div>"
        "</div></article>"
    )
    assert body_of(html) == "\n".join([S1, S2, S3])


def test_stray_labels_between_the_paragraphs_are_dropped() -> None:
    html = page(
        "<article><div class='meta-line'><div class='views'>Views: 1,204</div></div>"
        f"<div class='text'><p>{S1}</p><p>{S2}</p></div>"
        "<div class='embed'><div class='embed-label'>External content</div></div>"
        f"<div class='text'><p>{S3}</p><p><b>Why it matters:</b> {S4}</p></div></article>"
    )
    text = body_of(html)
    assert "Views" not in text
    assert "External content" not in text
    assert S1 in text and S3 in text and S4 in text


def test_embedded_posts_quoted_by_the_article_are_kept_but_embedded_forms_are_not() -> None:
    tweet = "Yes, this is real, and the town council voted for it on Tuesday night."
    html = page(
        f"<article class='story'><div class='entry-content'><p>{S1}</p><p>{S2}</p>"
        "<div class='social-media-embed'><blockquote class='twitter-tweet'>"
        f"<p>{tweet}</p>&mdash; A Reader (@reader) <a href='https://t.co/x'>Nov 18, 2019</a>"
        f"</blockquote></div><p>{S3}</p>"
        "<div id='mc_embed_signup'><p>Join the hundreds of readers who get our harbour news "
        f"every week, delivered to their inboxes.</p></div><p>{S4}</p></div></article>"
    )
    text = body_of(html)
    assert tweet in text
    assert "Join the hundreds" not in text


def test_a_rail_of_teaser_cards_does_not_beat_a_short_article() -> None:
    card = (
        "<div class='card'><h5><a href='/s{i}'>Another story about the coast, number {i}</a></h5>"
        "<div class='date'>Tuesday</div><div class='desc'>A summary of that other story, which "
        "is long enough to read like a sentence of prose, with a comma.</div></div>"
    )
    rail = "".join(card.format(i=i) for i in range(8))
    html = page(
        f"<div class='page'><div class='story'><h1>Harbour wall</h1><p>{S1}</p><p>{S2}</p>"
        f"</div><div class='more'><h4>More news</h4>{rail}</div></div>"
    )
    article = cleanarticle.extract(html)
    assert article.text == f"{S1}\n{S2}"
    assert any(r.rule == "engine.teaser-list" and r.kind == "related" for r in article.removed)


def test_the_quick_huge_tag_check_agrees_with_the_exact_one() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from cleanarticle.dom import parse

    limit = parse.MAX_TAG_CHARS
    pieces = st.tuples(
        st.sampled_from(["<a ", "<b", "< ", ">", "<", "</i", "<é"]),
        st.sampled_from(["a", " ", "é", "€", "/"]),
        st.integers(min_value=0, max_value=limit + 50),
    )

    @settings(max_examples=200, deadline=None)
    @given(st.lists(pieces, min_size=1, max_size=6))
    def check(parts: list[tuple[str, str, int]]) -> None:
        text = "".join(opener + filler * n for opener, filler, n in parts)
        exact = parse._HUGE_TAG.search(text) is not None
        assert parse._has_huge_tag(text, text.encode()) == exact

    check()


def test_site_header_goes_but_an_article_header_stays() -> None:
    lead = "The town will rebuild its storm-damaged harbour wall, the council decided."
    html = page(
        "<header class='site'><a href='/'><img src='/logo.png'> Coast Gazette</a>"
        "<ul><li><a href='/n'>News</a></li><li><a href='/s'>Sport</a></li></ul></header>"
        "<div class='post'><header><h1>Harbour wall to be rebuilt</h1>"
        f"<p class='intro'>{lead}</p></header>"
        f"<div class='post-text'><p>{S1}</p><p>{S2}</p><p>{S3}</p></div></div>"
    )
    article = cleanarticle.extract(html)
    assert article.text == "\n".join([lead, S1, S2, S3])
    assert any(r.rule == "engine.site-header" for r in article.removed)


def test_a_data_table_in_the_body_is_read_as_a_table() -> None:
    html = page(
        f"<article><p>{S1}</p><table><tr><th>Firm</th><th>Lot</th></tr>"
        "<tr><td>Harbour Works Ltd</td><td>North wall</td></tr>"
        "<tr><td><a href='/q'>Quay Builders</a></td><td>South wall</td></tr></table>"
        f"<p>{S2}</p></article>"
    )
    article = cleanarticle.extract(html)
    tables = [b for s in article.sections for b in s.blocks if b.kind.value == "table"]
    assert len(tables) == 1
    assert tables[0].rows[2] == ["Quay Builders", "South wall"]
    assert S1 in article.text and S2 in article.text


def test_a_page_that_is_one_results_table_is_read() -> None:
    rows = "".join(
        f"<tr><td>{i}.</td><td>Runner number {i}</td><td>LG Staufen</td><td>12,{i}</td></tr>"
        for i in range(1, 15)
    )
    html = page(
        "<div class='entry-content'><table>" + rows + "</table></div>"
        "<div class='comment-respond'><p>Your e-mail address will not be published, and "
        "the required fields are marked with a star.</p></div>"
    )
    assert "Runner number 7" in body_of(html)


def test_deeply_nested_link_lists_stay_linear() -> None:
    import time

    level = "<ul><li><a href='/a'>A link to another story here</a></li>" * 3
    html = page(f"<article><p>{S1}</p><p>{S2}</p></article>" + level * 400 + "</li></ul>" * 1200)
    start = time.process_time()
    cleanarticle.extract(html)
    assert time.process_time() - start < 5.0


def test_a_listicle_whose_items_have_linked_titles_is_not_a_rail() -> None:
    item = (
        "<div class='item'><h3><a href='/g{i}'>Game number {i} ($20)</a></h3>"
        "<p>A short review of game number {i}, which is fun to play, with friends.</p></div>"
    )
    items = "".join(item.format(i=i) for i in range(6))
    html = page(
        f"<article><div class='body'><p>{S1}</p><p>{S2}</p>{items}<p>{S3}</p></div></article>"
    )
    text = body_of(html)
    assert "A short review of game number 4" in text
    assert S3 in text


def test_slug_ids_are_not_class_words() -> None:
    html = page(
        f"<div class='doc'><div class='section' id='sharing-with-a-single-developer'>"
        f"<h2>Sharing with a single developer</h2><p>{S1}</p><p>{S2}</p></div>"
        f"<div class='section' id='publishing-and-non-publishing-repositories'><p>{S3}</p>"
        f"<p>{S4}</p></div></div>"
    )
    assert body_of(html).endswith(S4)
    assert S1 in body_of(html)


def test_a_body_split_around_a_promo_is_taken_whole() -> None:
    html = page(
        f"<article><div class='article-body part-one'><p>{S1}</p><p>{S2}</p><p>{S3}</p>"
        f"<p>{S4}</p><p>{S1}</p><p>{S2}</p></div>"
        "<div class='newsletter-promo'><p>Sign up for our newsletter to get the harbour news "
        "every week.</p></div>"
        f"<div class='article-body part-two'><p>{S3}</p><p>{S4}</p></div></article>"
    )
    text = body_of(html)
    assert text.endswith(S4)
    assert "newsletter" not in text


def test_a_page_without_prose_keeps_its_few_lines() -> None:
    html = page("<div class='notice'><p>Closed today</p><p>Back on Monday</p></div>")
    assert body_of(html) == "Closed today\nBack on Monday"


def test_sub_headings_and_lists_inside_the_body_are_kept() -> None:
    html = page(
        f"<article><p>{S1}</p><h2>What happens next</h2><p>{S2}</p>"
        "<ul><li>North wall first</li><li>South wall by May</li><li>Quay road in June</li></ul>"
        f"<h3>Costs</h3><p>{S3}</p><ol><li>£2m from the council</li><li>£1m from the port</li>"
        f"</ol><p>{S4}</p></article>"
    )
    article = cleanarticle.extract(html)
    assert [s.heading for s in article.sections if s.heading] == ["What happens next", "Costs"]
    assert article.bullets == [
        "North wall first",
        "South wall by May",
        "Quay road in June",
        "£2m from the council",
        "£1m from the port",
    ]
    assert article.text.endswith(S4)


def test_a_closing_list_after_the_text_container_is_kept() -> None:
    html = page(
        f"<article><div class='text'><p>{S1}</p><p>{S2}</p><p>{S3}</p><p>{S4}</p></div>"
        "<ul><li>The wall will cost two million pounds in all.</li>"
        "<li>Work starts in March, weather allowing.</li></ul>"
        "<div class='tags'><a href='/t'>Harbours</a></div></article>"
    )
    article = cleanarticle.extract(html)
    assert article.bullets == [
        "The wall will cost two million pounds in all.",
        "Work starts in March, weather allowing.",
    ]
    assert "Harbours" not in article.text


def test_a_long_comment_thread_inside_the_container_is_dropped() -> None:
    long_comment = " ".join([S1, S2, S3, S4] * 3)
    html = page(
        f"<div class='content'><div class='article'><p>{S1}</p><p>{S2}</p><p>{S3}</p>"
        "</div><div class='comments-container'><h2>Top comments</h2>"
        f"<div class='comment'><div class='username'>Reader</div><p>{long_comment}</p></div>"
        "</div></div>"
    )
    assert body_of(html) == "\n".join([S1, S2, S3])


def test_a_paragraph_ending_with_a_picture_credit_is_a_caption() -> None:
    html = page(
        f"<article><p>{S1}</p><div class='img-wrap'><img src='/w.jpg'>"
        "<span>The old wall after the storm (Image: GETTY )</span></div>"
        f"<p>{S2}</p><p>The new quay, seen from the water (AP Photo/Jane Doe)</p><p>{S3}</p>"
        "</article>"
    )
    article = cleanarticle.extract(html)
    assert article.text == "\n".join([S1, S2, S3])
    assert sum(r.rule == "engine.caption" for r in article.removed) == 2


def test_invisible_characters_are_dropped_from_the_body() -> None:
    soft = S1.replace("harbour", "har\u00adbour").replace("damaged", "dam\u200baged")
    wide = S2.replace("repairs", "repa\ufeffirs").replace("would", "wo\u2060uld") + " ’"
    html = page(f"<article><p>{soft}</p><p>{wide}</p><p>{S3}</p></article>")
    assert body_of(html) == "\n".join([S1, S2 + " ’", S3])

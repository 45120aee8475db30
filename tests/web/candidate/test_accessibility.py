"""The page structure assistive technology relies on, checked in the HTML
(axe-core runs on the same pages in the browser tests)."""

from __future__ import annotations

import re


def test_each_item_is_a_fieldset_with_legend_and_labelled_radios(browser, token):
    browser.start(token)
    html = browser.page(1).text
    fieldsets = re.findall(r"<fieldset.*?</fieldset>", html, re.S)
    assert len(fieldsets) >= 8
    for fieldset in fieldsets:
        assert fieldset.count("<legend>") == 1
        ids = re.findall(r'<input id="([^"]+)"[^>]*type="radio"', fieldset)
        assert len(ids) == 5
        for input_id in ids:
            assert f'<label for="{input_id}">' in fieldset


def test_errors_are_linked_announced_and_focused(browser, token):
    browser.start(token)
    response = browser.answer(1, skip=1)
    html = response.text
    summary = re.search(r'<div class="error-summary"[^>]*>', html).group(0)
    assert 'role="alert"' in summary and "autofocus" in summary and 'tabindex="-1"' in summary
    failed = re.search(
        r'<fieldset id="(fs-[^"]+)" class="has-error" aria-describedby="([^"]+)"', html
    )
    assert failed, "the unanswered item is not marked"
    fieldset_id, error_id = failed.groups()
    assert f'id="{error_id}"' in html
    assert f'href="#{fieldset_id}"' in summary + html[html.find(summary) :]
    assert f'aria-describedby="{error_id}"' in html.split(f'id="{fieldset_id}"')[1]


def test_lang_and_viewport_are_set_and_no_script_is_needed(browser, token):
    browser.start(token)
    html = browser.page(1).text
    assert '<html lang="en">' in html
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in html
    assert "<script" not in html

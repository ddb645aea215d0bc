"""The PDF writer draws Latin text through its fast path on every page, and sends only text
that needs shaping (Devanagari, combining marks) through HarfBuzz: shaping every run made a
class's debrief sheets ten times slower."""

from __future__ import annotations

import io

import pypdf

from balancing_act.reporting.pdf import Document, needs_shaping


def test_only_indian_scripts_and_marks_need_shaping() -> None:
    assert not needs_shaping("Trust in Washington — 50% ≥ 45 · “quoted” ’s")
    assert needs_shaping("मॉस्को का भरोसा")
    assert needs_shaping("Asha Nair (आशा)")
    assert needs_shaping("e\u0301")  # a combining accent


def test_latin_is_drawn_fast_on_english_and_hindi_pages() -> None:
    for language in ("en", "hi"):
        doc = Document("Sheet", language)
        doc.set_font("body", "", 10)
        assert doc.text_shaping  # on, for the Devanagari a page may hold
        assert doc.fast("Trust in Washington — 50% · “India’s” choice")
        assert not doc.fast("मॉस्को का भरोसा")


def test_addresses_and_names_in_both_scripts_come_out_whole() -> None:
    doc = Document("Sheet", "en")
    doc.add_page()
    doc.paragraph("Asha Nair (आशा नायर) chose to sign — as India did.")
    doc.addresses(["https://www.mea.gov.in/bilateral-documents.htm?dtl/30469"])
    text = pypdf.PdfReader(io.BytesIO(doc.output_bytes())).pages[0].extract_text()
    assert "Asha Nair" in text and "as India did" in text
    assert "mea.gov.in" in text

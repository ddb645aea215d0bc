"""The meter chart of the PDFs: every label of its legend on the page, in any script."""

from __future__ import annotations

import pytest

from balancing_act.reporting.pdf import Document

LABELS = {
    "en": ["Strategic autonomy", "Security", "Trust in Washington", "Trust in Moscow",
           "Economy"],
    "hi": ["रणनीतिक स्वायत्तता", "सुरक्षा", "वाशिंगटन का भरोसा", "मॉस्को का भरोसा", "अर्थव्यवस्था"],
}


@pytest.mark.parametrize("language", LABELS)
def test_every_label_of_the_legend_is_drawn_on_the_page(language: str, monkeypatch) -> None:
    doc = Document("Chart", language)
    doc.add_page()
    drawn: list[tuple[float, float, str]] = []
    real = Document.put_line

    def record(self: Document, x: float, top: float, text: str, height: float) -> None:
        drawn.append((x, self.text_width(text), text))
        real(self, x, top, text, height)

    monkeypatch.setattr(Document, "put_line", record)
    labels = LABELS[language] * 2  # ten labels: more than one line of the legend
    ids = [f"m{i}" for i in range(len(labels))]
    track = [{m: 50 + t for m in ids} for t in range(6)]
    doc.meter_chart(labels, ids, track, [0] * len(ids), [100] * len(ids), {})
    assert [text for _, _, text in drawn] == labels
    right = doc.l_margin + doc.epw
    assert all(doc.l_margin <= x and x + width <= right + 0.01 for x, width, _ in drawn), drawn
    assert doc.get_x() == doc.l_margin and doc.get_y() < doc.h - doc.b_margin

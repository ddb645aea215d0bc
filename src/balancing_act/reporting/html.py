"""The HTML page skeleton and table of the project's reports, every cell escaped."""

from __future__ import annotations

import html

PAGE_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       color: #1f2933; line-height: 1.45; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { border-bottom: 1px solid #d9dee5; padding: 0.25rem 0.6rem; text-align: left; }
th { background: #f1f4f8; }
img { max-width: 100%; }
figure { margin: 1rem 0; }
.wide { overflow-x: auto; }
table.by-turn td, table.by-turn th { padding: 0.05rem 0.15rem; font-size: 0.7rem;
                                     text-align: right; border: 1px solid #eef1f5; }
table.by-turn th[scope="row"] { text-align: left; font-weight: normal; }
"""


def html_page(title: str, body: str, *, style: str = "", head: str = "") -> str:
    """A self-contained HTML page (the balance and class reports share its look); `style` adds
    rules of the page's own, `head` trusted markup for the head (meta tags)."""
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"{head}<title>{html.escape(title)}</title>\n<style>{PAGE_STYLE}{style}</style>\n"
            f"</head>\n<body>\n{body}</body>\n</html>\n")


class Markup(str):
    """Text that is already HTML (made by the report itself, its parts escaped): a table puts
    it in a cell as it is."""


def html_table(header: list[str], rows: list[list[object]], css: str = "") -> str:
    """An HTML table with every cell escaped, except `Markup` the report made itself (the
    balance and class reports share it)."""
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in header)
    body = "".join("<tr>" + "".join(
        f"<td>{c if isinstance(c, Markup) else html.escape(str(c))}</td>" for c in row)
        + "</tr>" for row in rows)
    klass = f' class="{html.escape(css)}"' if css else ""
    return f"<table{klass}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

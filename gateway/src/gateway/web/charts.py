"""Bar charts as server-rendered SVG: readable at a glance, no script, no inline style (the CSP forbids it)."""

from __future__ import annotations

from markupsafe import escape

ROW, LABEL_WIDTH, BAR_WIDTH, VALUE_WIDTH = 32, 270, 260, 150
LABEL_CHARS = 32  # what fits in LABEL_WIDTH at the CSS font size; longer labels end with …


def bars(rows: list[tuple[str, float, str]], *, title: str, maximum: float | None = None, names: bool = False) -> str:
    """Horizontal bars, one per (label, value, shown value); `maximum` fixes the scale (100 for percentages);
    `names`: the labels are records' names (data, `translate="no"`), not words of the catalogues."""
    top = maximum or max((value for _, value, _ in rows), default=0) or 1
    height = ROW * len(rows) + 10
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
             f'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
             f"<title>{escape(title)}</title>"]
    data = ' translate="no"' if names else ""
    for index, (label, value, shown) in enumerate(rows):
        y = index * ROW + 5
        length = max(0.0, min(1.0, value / top)) * BAR_WIDTH
        parts += [
            f'<text class="chart-label" x="{LABEL_WIDTH - 8}" y="{y + 18}" text-anchor="end"{data}>'
            f"<title>{escape(label)}</title>{escape(_short(label))}</text>",
            f'<rect class="chart-track" x="{LABEL_WIDTH}" y="{y + 4}" width="{BAR_WIDTH}" height="{ROW - 10}" rx="3"/>',
            f'<rect class="chart-bar" x="{LABEL_WIDTH}" y="{y + 4}" width="{length:.1f}" height="{ROW - 10}" rx="3"/>',
            f'<text class="chart-value" x="{LABEL_WIDTH + BAR_WIDTH + 8}" y="{y + 18}">{escape(shown)}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1].rstrip() + "…"

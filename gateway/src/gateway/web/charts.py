"""Charts as server-rendered SVG: readable at a glance, no script, no inline style (the CSP forbids it). Each has
its title as accessible name and its values in a <desc>, so a screen reader hears the numbers too."""

from __future__ import annotations

from markupsafe import escape

ROW, LABEL_WIDTH, BAR_WIDTH, VALUE_WIDTH = 32, 270, 260, 150
LABEL_CHARS = 32  # what fits in LABEL_WIDTH at the CSS font size; longer labels end with …
COLUMN, PLOT, AXIS = 64, 120, 44  # a trend's column width, plot height and room for the years and values


def bars(rows: list[tuple[str, float, str]], *, title: str, maximum: float | None = None, names: bool = False) -> str:
    """Horizontal bars, one per (label, value, shown value); `maximum` fixes the scale (100 for percentages),
    else the largest value does; `names`: the labels are records' names (data, `translate="no"`), not words of
    the catalogues."""
    top = maximum or max((value for _, value, _ in rows), default=0) or 1
    height = ROW * len(rows) + 10
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    data = ' translate="no"' if names else ""
    parts = [_open(title, width, height), _desc(((label, shown) for label, _, shown in rows), data)]
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


def columns(points: list[tuple[str, float, str]], *, title: str, maximum: float | None = None,
            target: float | None = None) -> str:
    """A small trend: one column per (year, value, shown value), scaled to `maximum` (100 for percentages) or
    to the largest value; `target`: a dashed line at that value."""
    top = max(maximum or 0, max((value for _, value, _ in points), default=0), target or 0) or 1
    width, height = COLUMN * len(points) + 8, PLOT + AXIS
    parts = [_open(title, width, height, "chart trend"), _desc((year, shown) for year, _, shown in points)]
    for index, (year, value, shown) in enumerate(points):
        x, tall = index * COLUMN + 12, max(0.0, min(1.0, value / top)) * PLOT
        parts += [
            f'<rect class="chart-bar" x="{x}" y="{AXIS / 2 + PLOT - tall:.1f}" width="{COLUMN - 24}" '
            f'height="{tall:.1f}" rx="2"/>',
            f'<text class="chart-value" x="{x + (COLUMN - 24) / 2}" y="{AXIS / 2 + PLOT - tall - 4:.1f}" '
            f'text-anchor="middle">{escape(shown)}</text>',
            f'<text class="chart-label" x="{x + (COLUMN - 24) / 2}" y="{height - 4}" text-anchor="middle">'
            f"{escape(year)}</text>",
        ]
    if target is not None:
        y = AXIS / 2 + PLOT - min(1.0, target / top) * PLOT
        parts.append(f'<line class="chart-target" x1="4" x2="{width - 4}" y1="{y:.1f}" y2="{y:.1f}"/>')
    parts.append("</svg>")
    return "".join(parts)


def _open(title: str, width: int, height: int, cls: str = "chart") -> str:
    return (f'<svg class="{cls}" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
            f'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
            f"<title>{escape(title)}</title>")


def _desc(pairs, data: str = "") -> str:
    """The chart's values as text: "label: value; …"."""
    return f"<desc{data}>{escape('; '.join(f'{label}: {shown}' for label, shown in pairs))}</desc>"


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1].rstrip() + "…"

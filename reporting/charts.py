"""Server-side SVG charts: no script, no CDN, no inline style (the CSP stays strict), and
mirrored for right-to-left languages. Each chart is also shown as a table by its template."""

from dataclasses import dataclass

from django.utils.safestring import mark_safe

from coordination.rows import escaped
from reporting.period_picture import NOT_REPORTED_COLOUR, status_label
from strategy.models import STATUS_COLOURS

# Bootstrap 5.3's colours for the status badges, so charts and badges agree.
BOOTSTRAP_HEX = {
    "secondary": "#6c757d",
    "success": "#198754",
    "warning": "#ffc107",
    "danger": "#dc3545",
    "primary": "#0d6efd",
    "dark": "#212529",
    "light": "#ced4da",
}


def status_hex(status: str) -> str:
    """The colour of a status, or of "not reported" (reporting.period_picture)."""
    return BOOTSTRAP_HEX[STATUS_COLOURS.get(status, NOT_REPORTED_COLOUR)]


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str
    label: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    anchor: str
    content: str


def horizontal_bars(rows, *, rtl: bool, width=320, bar_height=18, gap=8, label_width=110):
    """rows: (label, value, hex colour). Labels on the reading side, bars growing away."""
    top = max((value for _, value, _ in rows), default=0) or 1
    plot = width - label_width - 40
    rects, texts = [], []
    for index, (label, value, colour) in enumerate(rows):
        y = index * (bar_height + gap)
        length = plot * value / top
        if rtl:
            x = width - label_width - length
            texts.append(Text(width, y + bar_height - 4, "end", label))
            texts.append(Text(x - 4, y + bar_height - 4, "end", str(value)))
        else:
            x = label_width
            texts.append(Text(0, y + bar_height - 4, "start", label))
            texts.append(Text(x + length + 4, y + bar_height - 4, "start", str(value)))
        rects.append(
            Rect(round(x, 1), y, round(length, 1), bar_height, colour, f"{label}: {value}")
        )
    height = max(len(rows) * (bar_height + gap), bar_height)
    return chart(width, height, rects, texts)


def stacked_columns(columns, *, rtl: bool, width=640, height=200, gap=4):
    """columns: (label, [(status, count), ...]); one column per period, stacked by status,
    read from the reading side (right to left in Arabic and Kurdish)."""
    count = len(columns) or 1
    slot = width / count
    top = max((sum(n for _, n in parts) for _, parts in columns), default=0) or 1
    rects, texts = [], []
    for index, (label, parts) in enumerate(columns):
        position = count - 1 - index if rtl else index
        x = position * slot + gap / 2
        y = height
        for status, n in parts:
            h = (height - 20) * n / top
            y -= h
            if n:
                rects.append(
                    Rect(
                        round(x, 1),
                        round(y, 1),
                        round(slot - gap, 1),
                        round(h, 1),
                        status_hex(status),
                        f"{label}: {status_label(status)} {n}",
                    )
                )
        if index % max(1, count // 8) == 0:
            texts.append(Text(round(x + (slot - gap) / 2, 1), height + 14, "middle", label[:7]))
    return chart(width, height + 20, rects, texts)


def chart(width, height, rects, texts) -> dict:
    """A chart for reporting/_svg_bars.html: its size, shapes and their markup (written
    here: a chart's hundreds of attributes cost more through template tags)."""
    return {
        "width": width,
        "height": height,
        "rects": rects,
        "texts": texts,
        "rects_html": mark_safe(  # noqa: S308 - numbers, and texts escaped here
            "".join(
                f'<rect x="{r.x}" y="{r.y}" width="{r.width}" height="{r.height}" '
                f'fill="{escaped(r.fill)}"><title>{escaped(r.label)}</title></rect>'
                for r in rects
            )
        ),
        "texts_html": mark_safe(  # noqa: S308 - numbers, and texts escaped here
            "".join(
                f'<text x="{t.x}" y="{t.y}" text-anchor="{escaped(t.anchor)}" font-size="12" '
                f'fill="#212529">{escaped(t.content)}</text>'
                for t in texts
            )
        ),
    }

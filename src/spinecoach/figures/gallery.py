"""Every figure of every exercise as files, with an index page to look at them side by side.

Pure: returns file names and contents. The CLI writes them where the user asks, since the core
does no I/O beyond reading its own data.
"""

from html import escape

from spinecoach.catalog.loader import default_catalog
from spinecoach.figures.drawings import figure_svg, figure_title, pose_words
from spinecoach.figures.library import pose_file, side_words
from spinecoach.figures.motion import animation_svg

SMALL, LARGE = 200, 480
# One row per side: the animation, then its key poses wrapping below or beside it. Images
# shrink with the screen (max-width), so a 360 px phone never scrolls sideways.
STYLE = (
    "body{font:16px/1.4 system-ui,sans-serif;margin:1rem;color:#1f2933;background:#fff}"
    "section{margin-bottom:2.5rem;max-width:75rem}h3{margin:.5rem 0}"
    ".side{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start;margin-bottom:1.25rem}"
    ".side>figure{flex:1 1 18rem;max-width:30rem}"
    ".poses{display:flex;flex-wrap:wrap;gap:.75rem;flex:1 1 20rem}"
    ".poses figure{flex:0 1 9rem;max-width:12.5rem;min-width:8rem}figure{margin:0}"
    "figcaption{font-size:.9rem;color:#3e4c59}img{display:block;width:100%;height:auto;"
    "border:1px solid #d5dae1;border-radius:6px}li{max-width:60rem}"
)


def figure_name(exercise_id: str, pose: str, side: str | None) -> str:
    """Return the file name of one figure, e.g. 'knee-to-chest-held-left.svg'."""
    return "-".join(part for part in (exercise_id, pose, side) if part) + ".svg"


def _img(name: str, title: str, width: int) -> str:
    return f'<img src="{escape(name)}" alt="{escape(title)}" width="{width}">'


def _section(exercise_id: str, files: dict[str, str]) -> list[str]:
    poses = pose_file(exercise_id)
    exercise = default_catalog().exercise(exercise_id)
    sides: list[str | None] = ["left", "right"] if poses.drawn_side else [None]
    html = [f'<section id="{exercise_id}">', f"<h2>{escape(exercise.name)}</h2>"]
    html.append(f"<p>{escape(poses.view.why)}</p>")
    for side in sides:
        moving = figure_name(exercise_id, "moving", side)
        files[moving] = animation_svg(exercise_id, side)
        title = figure_title(exercise_id, "moving", side)
        html.append(
            f'<div class="side"><figure>{_img(moving, title, LARGE)}'
            f'<figcaption>{escape(title)}</figcaption></figure><div class="poses">'
        )
        for pose in poses.poses:
            name = figure_name(exercise_id, pose.name, side)
            files[name] = figure_svg(exercise_id, pose.name, side)
            title = figure_title(exercise_id, pose.name, side)
            html.append(
                f"<figure>{_img(name, title, SMALL)}<figcaption>{escape(pose.label)}</figcaption>"
                "</figure>"
            )
        html.append("</div></div>")
    side = poses.drawn_side
    shown = f" (shown for the {side} side)" if side else ""
    html.append(f"<h3>Form checks{shown}</h3><ul>")
    for check in poses.form:
        for rule in check.rules:
            advice = [text for text in (rule.too_low, rule.too_high) if text]
            html.append(
                f"<li><b>{escape(pose_words(exercise_id, check.pose))}</b>: "
                f"{escape(side_words(rule.check, side))} "
                f"<i>If not: {escape(side_words(' Or: '.join(advice), side))}</i></li>"
            )
    html += ["</ul>", "</section>"]
    return html


def gallery_files() -> dict[str, str]:
    """Return {file name: text} for every still and animated figure plus index.html."""
    files: dict[str, str] = {}
    body: list[str] = []
    for exercise_id in default_catalog().exercises:
        body += _section(exercise_id, files)
    page = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>spinecoach figures</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>Exercise figures</h1>",
        "<p>Each exercise moving through one round, beside every position in it. "
        "The arm and leg nearer to you are dark blue, the farther ones light blue.</p>",
        *body,
        "</body></html>",
        "",
    ]
    files["index.html"] = "\n".join(page)
    return files

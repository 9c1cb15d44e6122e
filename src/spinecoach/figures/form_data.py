"""The form rules as data for a port: landmarks, one exercise's checks and view, its movement.

The browser's camera coach (static/camera/form.js and coach.js) reads this instead of its own
copy, so the YAML stays the one source of truth for check-pose and the camera.
"""

from functools import cache
from typing import Any

from spinecoach.figures.animation import start_pose_name
from spinecoach.figures.form import check_form
from spinecoach.figures.landmarks import landmark_file
from spinecoach.figures.library import key_pose_points, pose_file

# A rule follows the movement when it changes at least this much between the two ends in the
# figures' own poses; smaller changes (a hand tilting 6 degrees) are mostly noise on a camera.
MIN_TRAVEL = {"degrees": 15.0, "leg lengths": 0.15}


def movement(exercise_id: str) -> dict[str, Any]:
    """Return the movement a repetition makes: from one key pose to a checked one, by rule.

    A repetition ends in the last checked pose (the held pose; cat for cat and cow). It starts
    from the first checked pose when there are several (cow), else from the start position.
    Each listed rule gives its value in both key poses, so a camera can say how far along the
    body is; the values are the same on both sides, as the poses are mirror images.
    """
    poses = pose_file(exercise_id)
    checks = [check.pose for check in poses.form]
    start = checks[0] if len(checks) > 1 else start_pose_name(exercise_id)
    end, side = checks[-1], poses.drawn_side
    at_start, at_end = (
        check_form(exercise_id, key_pose_points(exercise_id, name, side), side=side, pose=end)
        for name in (start, end)
    )
    rules = [
        {"rule": first.rule, "from": first.value, "to": last.value}
        for first, last in zip(at_start.rules, at_end.rules, strict=True)
        if first.value is not None
        and last.value is not None
        and abs(last.value - first.value) >= MIN_TRAVEL[first.unit]
    ]
    return {"from_pose": start, "to_pose": end, "rules": rules}


@cache
def form_data(exercise_id: str) -> dict[str, Any]:
    """Return what a port of the form check needs for one exercise, as JSON-ready data."""
    poses = pose_file(exercise_id)
    return {
        "exercise": poses.exercise,
        "drawn_side": poses.drawn_side,
        "view": poses.view.model_dump(mode="json"),
        "landmarks": landmark_file().model_dump(mode="json"),
        "form": [check.model_dump(mode="json") for check in poses.form],
        "movement": movement(exercise_id),
    }

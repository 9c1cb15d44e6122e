"""A body that rests, then stops part of the way through a repetition and stays there."""

import statistics

from spinecoach.figures.animation import between
from spinecoach.figures.form import check_form
from spinecoach.figures.form_data import movement
from spinecoach.figures.landmarks import landmark_file
from spinecoach.figures.skeleton import pose_points
from tests.camera.streams import FPS, Stream

ARRIVE_AT = 0.6  # coach.js's threshold for arriving at the end pose, restated


def progress(exercise_id: str, points: dict[str, object]) -> float:
    """Return how far along the movement a body is, as coach.js measures it."""
    track = movement(exercise_id)
    report = check_form(exercise_id, points, pose=track["to_pose"])
    values = {r.rule: r.value for r in report.rules}
    return statistics.median(
        (values[r["rule"]] - r["from"]) / (r["to"] - r["from"]) for r in track["rules"]
    )


def hovering(exercise_id: str, share: float, seconds: float) -> Stream:
    """Return 2 s at the start, then the body held where the movement's progress is `share`."""
    track = movement(exercise_id)
    low, high = 0.0, 1.0
    for _ in range(30):  # the eased blend is monotonic here: bisect for the fraction wanted
        middle = (low + high) / 2
        body = pose_points(between(exercise_id, track["from_pose"], track["to_pose"], middle, None))
        low, high = (middle, high) if progress(exercise_id, body) < share else (low, middle)
    start = pose_points(between(exercise_id, track["from_pose"], track["to_pose"], 0.0, None))
    names = landmark_file().landmarks
    times = [i / FPS for i in range(int((2.0 + seconds) * FPS))]
    frames = [
        {n: [*map(float, (start if t < 2.0 else body)[n]), 1.0] for n in names} for t in times
    ]
    return Stream(exercise_id, None, 1, times, frames)

"""Pydantic models of a poses file: view, props, key poses and form rules of one exercise.

Files live in catalog/data/poses/<exercise-id>.yaml; `figures.library` loads and cross-checks
them. Joint angles are checked against the skeleton's anatomical ranges, so a typo such as a
hip flexed 210 degrees fails on load with the file and field named.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    create_model,
    model_validator,
)

from spinecoach.figures.skeleton import JOINTS, POINT_NAMES, Joint

STRICT = ConfigDict(extra="forbid", frozen=True)
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
SIDE_WORDS = ("{side}", "{other}")
# A cue kind whose end (or, for prepare, whose whole length) a key pose shows.
PoseCue = Literal["prepare", "inhale", "exhale", "hold", "release"]
Measure = Literal["angle", "bend", "distance", "curve", "turn", "tilt", "facing", "height"]
POINTS_PER_MEASURE: dict[str, int] = {"angle": 3, "bend": 3, "distance": 2, "curve": 3, "turn": 4}
POINTS_PER_MEASURE |= {"tilt": 2, "facing": 4, "height": 2}


def point_names() -> frozenset[str]:
    """Return the skeleton's points plus '<x>_center', the midpoint of left_<x> and right_<x>."""
    centres = {
        name.removeprefix("left_") + "_center"
        for name in POINT_NAMES
        if name.startswith("left_") and "right_" + name.removeprefix("left_") in POINT_NAMES
    }
    return frozenset(POINT_NAMES) | centres


KNOWN_POINTS = point_names()


def _known_point(name: str) -> str:
    resolved = name.replace("{side}", "left").replace("{other}", "right")
    if resolved not in KNOWN_POINTS:
        raise ValueError(f"unknown point {name!r}")
    return name


PointName = Annotated[str, AfterValidator(_known_point)]


def _rule_point(name: str) -> str:
    from spinecoach.figures.landmarks import rule_point_names  # reads a data file: on first use

    resolved = name.replace("{side}", "left").replace("{other}", "right")
    if resolved not in rule_point_names():
        raise ValueError(f"unknown point {name!r}; rules use camera landmarks and derived points")
    return name


RulePoint = Annotated[str, AfterValidator(_rule_point)]


class Content(BaseModel):
    """Strict base: unknown keys are errors."""

    model_config = STRICT


def _between(low: float, high: float) -> Callable[[float], float]:
    def check(value: float) -> float:
        if not low <= value <= high:
            raise ValueError(f"must be between {low:g} and {high:g}")
        return value

    return check


def _angles_model(joint: Joint) -> type[BaseModel]:
    """Build the model of one joint's angles, each checked against its anatomical range."""
    fields: dict[str, tuple[object, None]] = {
        dof: (Annotated[float, AfterValidator(_between(spec.low, spec.high))] | None, None)
        for dof, spec in joint.dofs.items()
    }
    model: type[BaseModel] = create_model(f"{joint.name}_angles", __config__=STRICT, **fields)  # type: ignore[call-overload]  # field types are built at runtime
    return model


# The joints model is generated from the skeleton's joint table, the single source of ranges;
# mypy sees it as a plain BaseModel.
if TYPE_CHECKING:
    JointAngles = BaseModel
else:
    JointAngles = create_model(
        "JointAngles",
        __config__=STRICT,
        **{joint.name: (_angles_model(joint) | None, None) for joint in JOINTS},
    )


class View(Content):
    """Where the camera stands: azimuth turns it around the person, elevation raises it."""

    azimuth: Annotated[float, Field(ge=-180, le=180)] = 0.0
    elevation: Annotated[float, Field(ge=-10, le=90)] = 0.0
    why: Text
    # Said to the person by the camera coach: where to put the phone or laptop so that its
    # camera sees the body from this viewpoint.
    placement: Text


class RootSpec(Content):
    """The pelvis placement of a key pose; unset fields come from the base pose."""

    yaw: Annotated[float, Field(ge=-180, le=180)] | None = None
    pitch: Annotated[float, Field(ge=-180, le=180)] | None = None
    roll: Annotated[float, Field(ge=-180, le=180)] | None = None
    x: Annotated[float, Field(ge=-2, le=2)] | None = None
    z: Annotated[float, Field(ge=-2, le=2)] | None = None


class Touch(Content):
    """Two points that must be close in this pose, such as a hand holding a knee."""

    point: PointName
    target: PointName
    within: Annotated[float, Field(gt=0, le=0.5)]


class KeyPose(Content):
    """A pose the body passes through, tied to the cue kind it belongs to."""

    name: Slug
    # A few plain words a patient reads under the picture, e.g. "Holding the knee".
    label: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
    cue: PoseCue
    description: Text
    base: Slug | None = None
    root: RootSpec = RootSpec()
    joints: JointAngles = Field(default_factory=JointAngles)
    supports: list[PointName] = Field(default_factory=list)
    touches: list[Touch] = Field(default_factory=list)


class Rule(Content):
    """A measurable check of a pose from camera landmarks, with advice for each way it fails.

    Measures: angle and bend (3 points, degrees), distance (2, leg lengths), curve (3, degrees
    toward the belly), turn (4: the second line's turn from the first toward `toward`), tilt
    (2: the line's angle from straight up), facing (4: mid_hip, mid_shoulder, left_hip,
    right_hip; 0 = chest faces the ceiling, 180 = the floor) and height (2: how far the second
    point is above the first, in leg lengths). Rules are listed by importance.
    """

    id: Slug
    check: Text
    measure: Measure
    points: list[RulePoint]
    toward: Literal["left", "right", "{side}", "{other}"] | None = None
    at_least: float | None = None
    at_most: float | None = None
    too_low: Text | None = None
    too_high: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        wanted = POINTS_PER_MEASURE[self.measure]
        if len(self.points) != wanted:
            raise ValueError(f"a {self.measure} rule needs {wanted} points, got {len(self.points)}")
        if (self.measure == "turn") != (self.toward is not None):
            raise ValueError("toward is required for a turn rule and only allowed there")
        if self.at_least is None and self.at_most is None:
            raise ValueError("give at_least, at_most or both")
        if self.at_least is not None and self.at_most is not None and self.at_least > self.at_most:
            raise ValueError("at_least must not be greater than at_most")
        # Advice must say which way to move: one sentence for each bound given, none without.
        if (self.at_least is None) != (self.too_low is None):
            raise ValueError("too_low (what to say below at_least) goes with at_least")
        if (self.at_most is None) != (self.too_high is None):
            raise ValueError("too_high (what to say above at_most) goes with at_most")
        return self


class FormCheck(Content):
    """The rules one key pose must satisfy."""

    pose: Slug
    rules: list[Rule] = Field(min_length=1)


class PoseFile(Content):
    """Everything needed to draw and check one exercise."""

    exercise: Slug
    view: View
    props: list[Literal["floor", "mat", "chair"]] = Field(min_length=1)
    drawn_side: Literal["left", "right"] | None = None
    # Points that stay where they are through every movement (both knees when kneeling);
    # each pose is placed on the floor so their centre does not move.
    anchor: list[PointName] = Field(default_factory=lambda: ["pelvis"], min_length=1)
    poses: list[KeyPose] = Field(min_length=2)
    form: list[FormCheck] = Field(min_length=1)

    @model_validator(mode="after")
    def _references(self) -> Self:
        seen: set[str] = set()
        for index, pose in enumerate(self.poses):
            if pose.name in seen:
                raise ValueError(f"poses[{index}].name: {pose.name!r} appears twice")
            if pose.base is not None and pose.base not in seen:
                raise ValueError(f"poses[{index}].base: {pose.base!r} is not an earlier pose")
            seen.add(pose.name)
        cues = [pose.cue for pose in self.poses]
        for cue in set(cues):
            if cues.count(cue) > 1:
                raise ValueError(f"poses: more than one key pose for the {cue} cue")
        if "prepare" not in cues:
            raise ValueError("poses: one key pose must have cue 'prepare' (the start)")
        for index, check in enumerate(self.form):
            if check.pose not in seen:
                raise ValueError(f"form[{index}].pose: {check.pose!r} is not a key pose")
        if self.drawn_side is None:
            self._no_side_words()
        return self

    def _no_side_words(self) -> None:
        texts = [pose.description for pose in self.poses]
        texts += [r.too_low or "" for check in self.form for r in check.rules]
        texts += [r.too_high or "" for check in self.form for r in check.rules]
        texts += [p for check in self.form for r in check.rules for p in r.points]
        if any(word in text for text in texts for word in SIDE_WORDS):
            raise ValueError("{side} and {other} need drawn_side: the exercise has no sides")

"""The fixed words of the domain (places, positions, movements, regions) as plain enums.

Kept free of Pydantic and YAML so the CLI can build its options without loading the catalogue.
"""

from enum import StrEnum


class SpineRegion(StrEnum):
    """The five regions of the spine named in the source article."""

    CERVICAL = "cervical"
    THORACIC = "thoracic"
    LUMBAR = "lumbar"
    SACRUM = "sacrum"
    COCCYX = "coccyx"


# The words people use for each region; the anatomical names stay accepted as aliases.
REGION_WORDS: dict[str, SpineRegion] = {
    "neck": SpineRegion.CERVICAL,
    "upper-back": SpineRegion.THORACIC,
    "lower-back": SpineRegion.LUMBAR,
    "pelvis": SpineRegion.SACRUM,
    "tailbone": SpineRegion.COCCYX,
}


def region_word(region: SpineRegion) -> str:
    """Return the everyday word for a spine region, e.g. "lower back" for lumbar."""
    word = next(word for word, named in REGION_WORDS.items() if named is region)
    return word.replace("-", " ")


def spine_region(word: str) -> SpineRegion:
    """Return the region a person's word names ("lower back", "lumbar"); ValueError if none."""
    key = "-".join(word.strip().casefold().replace("_", " ").replace("-", " ").split())
    if key in REGION_WORDS:
        return REGION_WORDS[key]
    return SpineRegion(key)


class Position(StrEnum):
    """Starting positions; changing between them costs set-up time in the timeline."""

    LYING_ON_BACK = "lying-on-back"
    SITTING_IN_CHAIR = "sitting-in-chair"
    SITTING_ON_FLOOR = "sitting-on-floor"
    HANDS_AND_KNEES = "hands-and-knees"


class Place(StrEnum):
    """Where the person is: decides which exercises are possible."""

    CHAIR = "chair"
    FLOOR = "floor"
    BED = "bed"


class Equipment(StrEnum):
    """What an exercise needs."""

    CHAIR = "chair"
    FLOOR_SPACE = "floor-space"
    MAT = "mat"


class Movement(StrEnum):
    """Things a person may need to avoid; each exercise lists the ones it involves."""

    KNEELING = "kneeling"
    LYING_ON_BACK = "lying-on-back"
    TWISTING = "twisting"
    # Rounding the back forward (spinal flexion): some people are told to avoid it, for example
    # with fragile bones (osteoporosis) or a back that flares up when bent forward.
    BENDING_FORWARD = "bending-forward"


class Sides(StrEnum):
    """Whether an exercise is done once (both sides together) or on each side in turn."""

    ONE = "one"
    EACH = "each"


class Side(StrEnum):
    """Which side a one-sided repetition works."""

    LEFT = "left"
    RIGHT = "right"

    @property
    def other(self) -> "Side":
        """Return the opposite side."""
        return Side.RIGHT if self is Side.LEFT else Side.LEFT


class PhaseKind(StrEnum):
    """One part of a repetition; the names are also timeline cue kinds."""

    INHALE = "inhale"
    EXHALE = "exhale"
    HOLD = "hold"
    RELEASE = "release"


class Experience(StrEnum):
    """How used to these stretches the person is; sets the starting dose level."""

    NEW = "new"
    SOME = "some"
    REGULAR = "regular"


class PainKind(StrEnum):
    """How the pain feels, in the person's own choice of word."""

    DULL = "dull"
    SHARP = "sharp"
    BURNING = "burning"
    RADIATING = "radiating"

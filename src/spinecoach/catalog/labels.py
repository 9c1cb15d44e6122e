"""Plain words for the vocabulary, as a person would say them; the enum values stay the ids."""

from spinecoach.catalog.vocabulary import Movement, PainKind, Place, SpineRegion

PLACE_WORDS = {
    Place.CHAIR: "On a chair (at a desk or table)",
    Place.FLOOR: "On the floor or a mat",
    Place.BED: "In bed",
}
AVOID_WORDS = {
    Movement.KNEELING: "Kneeling",
    Movement.LYING_ON_BACK: "Lying on my back",
    Movement.TWISTING: "Twisting my back",
    Movement.BENDING_FORWARD: "Bending forward",
}
# The same words inside a sentence: "nothing fits on a chair", "it involves lying on your back".
AT_PLACE = {Place.CHAIR: "on a chair", Place.FLOOR: "on the floor", Place.BED: "in bed"}
FOR_PLACE = {Place.CHAIR: "for a chair", Place.FLOOR: "for the floor", Place.BED: "for bed"}
MOVEMENT_PHRASES = {
    Movement.KNEELING: "kneeling",
    Movement.LYING_ON_BACK: "lying on your back",
    Movement.TWISTING: "twisting",
    Movement.BENDING_FORWARD: "bending forward",
}
REGION_WORDS = {
    SpineRegion.CERVICAL: "Neck",
    SpineRegion.THORACIC: "Upper back",
    SpineRegion.LUMBAR: "Lower back",
    SpineRegion.SACRUM: "Pelvis (base of the spine)",
    SpineRegion.COCCYX: "Tailbone",
}
PAIN_KIND_WORDS = {
    PainKind.DULL: "A dull ache",
    PainKind.SHARP: "Sharp",
    PainKind.BURNING: "Burning",
    PainKind.RADIATING: "Spreading down a leg",
}

# Said on the start screen, before the session: what to have ready and where the phone goes.
_SETTING_WORDS = {
    Place.CHAIR: "Have a steady chair ready and put the phone where you can see it while you sit.",
    Place.FLOOR: "Clear a space on the floor (a mat helps) and put the phone where you can see it "
    "from there.",
    Place.BED: "Use a firm bed and put the phone where you can see it while you lie there.",
}
_FLOOR_OR_BED_WORDS = (
    "Use a mat on the floor or a firm bed, and put the phone where you can see it from there."
)
_MIXED_SETTING_WORDS = (
    "You need a steady chair and a clear space on the floor next to it. Put the phone where "
    "you can see it from both."
)


def setting_words(places: frozenset[Place]) -> str:
    """Return how to get ready for a routine that can be done in all of these places."""
    if Place.CHAIR in places:
        return _SETTING_WORDS[Place.CHAIR]
    if {Place.FLOOR, Place.BED} <= places:
        return _FLOOR_OR_BED_WORDS
    for place in (Place.FLOOR, Place.BED):
        if place in places:
            return _SETTING_WORDS[place]
    return _MIXED_SETTING_WORDS  # no one place suits every stretch: a chair and the floor

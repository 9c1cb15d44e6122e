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

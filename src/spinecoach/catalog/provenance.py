"""Where content departs from the source article: deviations, and stretches adapted from it."""

from pydantic import Field

from spinecoach.catalog.fields import Content, Slug, SourceId, Text
from spinecoach.catalog.vocabulary import Place


class Deviation(Content):
    """Where we depart from the source article, why, and on whose authority."""

    covers: list[SourceId] = Field(min_length=1)
    source_says: Text
    we_say: Text
    reason: Text
    references: list[Text] = Field(min_length=1)


class Adaptation(Content):
    """A version of one of the article's stretches for another place, and on whose authority.

    The article gives no such version: its steps are ours, after the public handouts named in
    references, and it keeps the article stretch's movement, breathing, dose and pain rules.
    """

    exercise: Slug  # the article's stretch this adapts
    place: Place  # where this version is done
    changes: Text  # what differs from the article's stretch, in plain words
    references: list[Text] = Field(min_length=1)

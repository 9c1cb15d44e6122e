"""spinecoach: a guided stretching coach for low back pain."""

__version__ = "0.1.0"

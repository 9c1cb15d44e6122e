"""One module per kind of route: JSON API by noun, HTML pages by journey step."""

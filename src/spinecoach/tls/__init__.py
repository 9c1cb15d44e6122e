"""HTTPS for `serve --lan`: a small local certificate authority and the files that keep it."""

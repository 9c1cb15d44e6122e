"""Clinic mode's application layer: staff accounts and sign-in, patients, programmes, hand-off.

Every front end (the `spinecoach clinic` commands, the clinic's pages and JSON API) calls
these steps; the rules of who may do what live here and in the store's clinic scope.
"""

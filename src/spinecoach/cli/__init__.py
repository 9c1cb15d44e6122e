"""Command-line adapter: Typer commands that gather input, call the core and print."""

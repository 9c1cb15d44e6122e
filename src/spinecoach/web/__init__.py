"""The web app: FastAPI routes, Jinja2 pages and static files over the app layer and the store."""

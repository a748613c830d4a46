"""The meetings app's pages, one module per subdomain; meetings/urls.py names each view."""

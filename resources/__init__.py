"""Icons, stylesheets and fonts, read with importlib.resources (ui/resources_loader.py)."""

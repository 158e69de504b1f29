"""The demo corpus (``articles/``) and a notebook example."""

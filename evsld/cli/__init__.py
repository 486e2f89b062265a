"""Headless command-line verbs over the same code the application uses."""

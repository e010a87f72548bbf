"""The fictional demo, one module per app label with a `seed()`; `seed_demo` runs them in INSTALLED_APPS order."""

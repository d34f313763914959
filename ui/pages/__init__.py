"""The pages behind the views in :mod:`ui.views`, each loaded when it is first shown.

The window reads every ``ui/views`` module at start-up for its tab, title and place; the
pages, with the libraries and rules they need, load only when the clerk opens them.
"""

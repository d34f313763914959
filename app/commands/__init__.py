"""Subcommands of ``python -m app``: one module each, found automatically.

A module here defines ``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``.
"""

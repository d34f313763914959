"""The program's core: campaign rules, exchange files, printing and the command line (no Qt)."""

__version__ = "0.1.0"

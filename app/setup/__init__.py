"""Setting up an installation: a new town from zero, a village from the town's package, the settings.

``create_town`` writes what a town needs on its first day (the campaign and its three
phases, the default scorecard, the 镇党委, the settings); ``install_village`` makes an empty
database a village's own from the package the town sent; :mod:`app.setup.catalogue` lists
every value the clerk may change in 设置, checks it and records each change in the audit log;
``installation`` says whose database this is (the town, or which village).
"""

from __future__ import annotations

from .identity import Installation, installation
from .town import SetupRefused, TownAnswers, create_town, validate_answers
from .village import install_village

__all__ = [
    "Installation",
    "SetupRefused",
    "TownAnswers",
    "create_town",
    "install_village",
    "installation",
    "validate_answers",
]

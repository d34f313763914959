"""Setting up an installation: a new town from zero, a village from the town's package, the settings.

``town.create_town`` writes what a town needs on its first day (the campaign and its three
phases, the default scorecard, the 镇党委, the settings); ``village.install_village`` makes an empty
database a village's own from the package the town sent; :mod:`app.setup.catalogue` lists
every value the clerk may change in 设置, checks it and records each change in the audit log;
``installation`` says whose database this is (the town, or which village). The set-up
itself lives in :mod:`app.setup.town` and :mod:`app.setup.village`.
"""

from __future__ import annotations

# Only the light part here: the window asks whose database it is at start-up, and must not
# wait for the exchange and printing code the set-up itself needs.
from .identity import Installation
from .identity import installation

__all__ = ["Installation", "installation"]

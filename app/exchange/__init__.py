"""The USB exchange: Excel templates, packages and their import.

``write_template`` and ``export_package`` write workbooks; ``plan_import`` checks a workbook
and says what importing it would do; ``apply_plan`` does it in one transaction;
``write_errors`` hands a refused workbook back with the bad cells marked.
"""

from __future__ import annotations

from models import Organisation

from .errors_out import write_errors
from .merge import KEEP_BOTH
from .merge import KEEP_LOCAL
from .merge import MERGE_DUPLICATE
from .merge import TAKE_FILE
from .merge import ImportRefused
from .merge import ImportResult
from .merge import apply_plan
from .merge import log_import
from .normalize import compact
from .package_export import export_package
from .plan import CHANGED
from .plan import CONFLICT
from .plan import NEW
from .plan import REFUSED
from .plan import STATUSES
from .plan import UNCHANGED
from .plan import ImportPlan
from .plan import plan_import
from .reader import CheckCancelled
from .reader import FileRefused
from .template import write_template


def find_village(code: str) -> Organisation:
    """The organisation with ``code`` (half-width, case-insensitive); LookupError in Chinese."""
    wanted = compact(code).upper()
    org = Organisation.live().where(Organisation.code == wanted).first()
    if org is None:
        raise LookupError(f"没有代码为 {wanted} 的党组织（代码见“基础信息”）")
    return org


__all__ = [
    "CHANGED",
    "CONFLICT",
    "KEEP_BOTH",
    "KEEP_LOCAL",
    "MERGE_DUPLICATE",
    "NEW",
    "REFUSED",
    "STATUSES",
    "TAKE_FILE",
    "UNCHANGED",
    "CheckCancelled",
    "FileRefused",
    "ImportPlan",
    "ImportRefused",
    "ImportResult",
    "apply_plan",
    "export_package",
    "find_village",
    "log_import",
    "plan_import",
    "write_errors",
    "write_template",
]

"""A village's own computer, set up from the package the town sent (村（社区）安装).

The package names its village; that village becomes this database's 本机单位 before
anything is imported, so every record it then keeps is marked as the village's, its
exports say they come from the village, and a package for another village is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.exchange import FileRefused
from app.exchange import ImportRefused
from app.exchange import apply_plan
from app.exchange import plan_import
from app.exchange.reader import ExchangeWorkbook
from app.exchange.sheets import KIND_PACKAGE
from models import Organisation
from models import database
from models import settings
from models.settings import load_local_origin

from .town import SetupRefused


@dataclass(frozen=True)
class VillageInstalled:
    """What the installation brought: the village, its town and how many records."""

    code: str
    name: str
    town: str
    written: int


def package_village(path: str | Path) -> tuple[str, str]:
    """(code, name) of the village a town's package is for; SetupRefused for any other file."""
    path = Path(path)
    try:
        book = ExchangeWorkbook(path)
    except FileRefused as refused:
        raise SetupRefused(str(refused)) from None
    info = book.info
    book.close()
    if info is None or info.kind != KIND_PACKAGE:
        raise SetupRefused(
            f"文件“{path.name}”不是交换包。村（社区）电脑安装要用镇党委为本村导出的交换包（“导出交换包”），不是填报模板。"
        )
    if not info.sender_is_town:
        raise SetupRefused(
            f"文件“{path.name}”是 {info.sender_code} 导出的，不是镇党委下发的。请用镇党委为本村导出的交换包安装。"
        )
    return info.org_code, info.org_name


def install_village(path: str | Path) -> VillageInstalled:
    """Make the open, empty database the village's own from the town's package ``path``.

    Sets 本机单位 to the package's village and imports the package in one transaction;
    raises :class:`SetupRefused` (nothing written) when the database is not empty, the file
    is not a package from the town, or any of its rows is refused.
    """
    path = Path(path)
    if Organisation.select().exists():
        raise SetupRefused(
            "本机数据库中已有党组织，村（社区）安装只能在空数据库中进行。请换一个新的数据库文件。"
        )
    code, name = package_village(path)
    try:
        with database.atomic():
            settings.put("local_org_code", code)
            plan = plan_import(path)
            result = apply_plan(plan)
            town = Organisation.town()
            if town is not None:
                settings.put("town_name", town.short_name or town.name)
                settings.put("town_code", town.code)
    except (FileRefused, ImportRefused) as refused:
        raise SetupRefused(f"文件“{path.name}”不能用于安装：{refused}") from None
    finally:
        load_local_origin()  # the setting is back to empty if the import was undone
    return VillageInstalled(code, name, town.name if town is not None else "", result.written)

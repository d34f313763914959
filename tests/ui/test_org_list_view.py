"""基础信息 → 批量登记党组织: a list typed into the table, codes proposed, saved at once or not at all."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from ui_town import build_town

from models import Organisation
from ui.context import AppContext
from ui.pages import org_list
from ui.pages import page


@pytest.fixture
def view(db_location, db, qtbot, monkeypatch, tmp_path):
    monkeypatch.setenv("WUZHUA_OPERATOR", "测试员")
    build_town()  # 镇党委 ZD, ZD01 东沟村, ZD02 西坪村, 党小组 ZD0101
    widget = org_list.create(AppContext(db_location))
    qtbot.addWidget(widget)
    return widget


def _type(view, row: int, **values: str) -> None:
    for name, text in values.items():
        index = view.model.index(row, org_list.COLUMNS.index(name))
        assert view.model.setData(index, text, Qt.ItemDataRole.EditRole)


def test_declares_its_place():
    assert (page("org_list").tab, page("org_list").title) == ("基础信息", "批量登记党组织")


def test_typed_list_gets_codes_and_is_saved_at_once(view, qtmodeltester):
    qtmodeltester.check(view.model)
    _type(view, 0, name="北山村党支部", short_name="北山村")
    _type(view, 1, name="新华社区党支部")
    _type(view, 2, name="北山村第一党小组", parent="北山村")
    view.codes_button.click()
    codes = [view.model.data(view.model.index(r, org_list.COLUMNS.index("code"))) for r in range(3)]
    assert codes == ["ZD03", "ZD04", "ZD0301"]
    changed = []
    view.context.dataChanged.connect(changed.append)
    assert view.save() == 3
    assert "新增 3 个" in view.status.text() and changed == [None]
    group = Organisation.get(Organisation.code == "ZD0301")
    assert group.kind == "党小组" and group.parent.name == "北山村党支部"
    assert Organisation.get(Organisation.code == "ZD04").kind == "社区党支部"


def test_a_wrong_row_keeps_the_list_and_writes_nothing(view):
    before = Organisation.select().count()
    _type(view, 0, name="北山村党支部")
    _type(view, 1, name="南湾第一党小组", parent="南湾村")
    assert view.save() == 0
    assert Organisation.select().count() == before
    assert "第2行“上级组织”：“南湾村”不对" in view.status.text()
    assert view.model.data(view.model.index(1, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert view.model.data(view.model.index(1, org_list.COLUMNS.index("parent"))) == "南湾村"  # as typed
    _type(view, 1, parent="北山村")
    assert view.save() == 2

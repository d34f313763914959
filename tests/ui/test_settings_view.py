"""基础信息 → 设置: values changed on the page, refused with the item named, and in the 操作日志."""

from __future__ import annotations

import json

import pytest

from app.setup.town import TownAnswers
from app.setup.town import create_town
from models import AuditEntry
from models import Campaign
from models import settings
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.pages.settings import SettingsPage


@pytest.fixture
def page(db_location, db, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("WUZHUA_OPERATOR", "王会计")
    settings.put("operator", "王会计")
    create_town(TownAnswers("柳湾镇", "LW", "中共柳湾镇委员会", "柳党发", "党政办公室"))
    window = MainWindow(AppContext(db_location))
    qtbot.addWidget(window)
    tab = window.show_tab("基础信息")
    found = next(p for t, p in tab.entries if t == "设置")
    shown = tab.page_for(found)
    assert isinstance(shown, SettingsPage)
    return shown


def test_a_change_is_saved_and_audited(page):
    assert page.editors["campaign.issuer"].text() == "中共柳湾镇委员会"
    assert page.editors["printing.office"].toolTip().startswith("印发机关")  # the one-line explanation
    page.editors["printing.copy_to"].setText("县委组织部")
    page.editors["campaign.doc_prefix"].setText("柳党办发")
    assert page.save()
    assert page.message.text() == "已保存 2 项：发文字号前缀、抄送"
    assert settings.get("printing.copy_to") == "县委组织部"
    assert Campaign.current().doc_prefix == "柳党办发"
    entry = AuditEntry.get(AuditEntry.table == "setting")
    assert entry.operator == "王会计" and json.loads(entry.changes) == {"抄送": ["", "县委组织部"]}
    assert AuditEntry.select().where(AuditEntry.table == "campaign", AuditEntry.action == "修改").count() == 1


def test_a_bad_value_is_refused_with_its_reason_and_nothing_is_written(page):
    page.editors["printing.copy_to"].setText("县委组织部")
    page.editors["phase3.start"].setText("2022-10-15")
    assert not page.save()
    assert page.message.text() == "未保存：总结提高开始日期：应晚于上一阶段“集中实施”的结束日期 2022-10-31"
    assert "fde2e2" in page.editors["phase3.start"].styleSheet()
    assert settings.get("printing.copy_to") == ""  # all or nothing
    assert not AuditEntry.select().where(AuditEntry.table == "setting").exists()
    page.editors["phase3.start"].setText("2022-11-01")
    page.editors["rules.warn_days"].setText("十")
    assert not page.save() and "应为整数" in page.message.text()
    page.refresh()  # 还原
    assert page.edited() == {}


def test_this_pc_can_be_set_to_use_the_office_server_and_back(page, monkeypatch, pg_server):
    from PySide6.QtWidgets import QInputDialog

    from app.storage.paths import default_db_path
    from app.storage.paths import server_chosen

    monkeypatch.delenv("WUZHUA_DB", raising=False)
    typed: list[str] = ["postgresql://nobody@127.0.0.1:1/wuzhua"]  # a server that is not there
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: (typed[0], True))
    page.server_button.click()
    assert "无法连接" in page.message.text() and not server_chosen()
    if pg_server is None:
        return
    typed[0] = pg_server.url_of("postgres")
    page.server_button.click()
    assert "重新打开程序后生效" in page.message.text()
    assert default_db_path() == pg_server.url_of("postgres")
    page.local_button.click()
    assert not server_chosen() and str(default_db_path()).endswith("wuzhua.sqlite3")


def test_the_status_bar_follows_a_new_operator_name(page):
    window = page.window()
    assert isinstance(window, MainWindow)
    assert window.operator_label.text() == "操作人员：王会计"
    page.editors["operator"].setText("李干事")
    assert page.save()
    assert settings.get("operator") == "李干事"
    assert window.operator_label.text() == "操作人员：李干事"

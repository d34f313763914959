"""The generic record table: columns from the declarations, lazy loading, SQL filters, pinyin sort."""

from __future__ import annotations

import peewee as pw
import pytest
from PySide6.QtCore import Qt
from ui_town import D
from ui_town import build_town

from app.inspection.scorecard import create_default_template
from app.inspection.scorecard import template_items
from models import BirthdayCeremony
from models import BirthdayHonoree
from models import Deed
from models import Meeting
from models import Member
from models import OnlineStudy
from models import Organisation
from models import ScoreItem
from models import create_default_campaign
from models.schema import table_fields
from models.service import DEED_KINDS
from ui.record_model import ID_ROLE
from ui.record_model import SORT_ROLE
from ui.record_model import RecordFilterProxy
from ui.record_model import RecordTableModel
from ui.record_model import shown_columns

KIND = DEED_KINDS[0]


def _column(model: RecordTableModel, name: str) -> int:
    return [f.name for f in model.fields].index(name)


def _texts(model, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_model_and_proxy_pass_qtmodeltester(db, qtmodeltester):
    build_town()
    model = RecordTableModel(Meeting)
    qtmodeltester.check(model)
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(_column(model, "topic"), Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(proxy)


def test_columns_come_from_the_declaration(db):
    build_town()
    model = RecordTableModel(Member)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    # a village's own records end with their 报送状态 (未报送 / 已报送 / 镇里已接收 / 被退回)
    assert headers == [f.verbose_name for f in table_fields(Member)] + ["报送状态"]
    assert "身份证号" not in headers  # sensitive fields stay out of lists


def test_references_show_names_without_a_query_per_row(db):
    town = build_town()
    model = RecordTableModel(Member)
    org_col = _column(model, "org")
    assert set(_texts(model, org_col)) == {"东沟村党支部", "西坪村党支部"}
    # Reading a second batch costs one query per batch plus one per reference column.
    queries = []
    original = db.execute_sql

    def counting(sql, *args, **kwargs):
        queries.append(sql)
        return original(sql, *args, **kwargs)

    db.execute_sql = counting
    try:
        model.reload()
    finally:
        del db.execute_sql
    reference_columns = sum(isinstance(f, pw.ForeignKeyField) for f in model.fields)
    # the 报送状态: whose computer this is (read once per reload) and the open send-backs
    states = [q for q in queries if "send_back" in q or "organisation" in q and "镇党委" in str(q)]
    assert len(queries) <= 2 + reference_columns + 4, queries
    assert sum("send_back" in q for q in queries) == 1 and states
    assert model.rowCount() == 6
    assert town["east"].name in _texts(model, org_col)


def test_pinyin_sort_orders_li_before_wang_before_zhang(db):
    build_town()
    model = RecordTableModel(Member)
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    name_col = _column(model, "name")
    proxy.sort(name_col, Qt.SortOrder.AscendingOrder)
    names = _texts(proxy, name_col)
    assert names == ["陈静", "李华", "刘洋", "王芳", "张明", "赵强"]
    assert names.index("李华") < names.index("王芳") < names.index("张明")
    proxy.sort(name_col, Qt.SortOrder.DescendingOrder)
    assert _texts(proxy, name_col)[0] == "赵强"


def test_numbers_and_dates_sort_naturally(db):
    town = build_town()
    for points, day in ((9, D(2022, 3, 1)), (10, D(2022, 11, 1)), (100, D(2022, 1, 15))):
        OnlineStudy.create(member=town["张明"], month=day, points=points, hours=points / 10)
    model = RecordTableModel(OnlineStudy)
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    date_col = _column(model, "month")
    proxy.sort(date_col, Qt.SortOrder.AscendingOrder)
    assert _texts(proxy, date_col) == ["2022年1月", "2022年3月", "2022年11月"]  # months read as months
    col = _column(model, "points")
    proxy.sort(col, Qt.SortOrder.AscendingOrder)
    assert _texts(proxy, col) == ["9", "10", "100"]  # not "10" < "100" < "9"
    assert proxy.index(0, col).data(SORT_ROLE) == 9.0


def _insert_meetings(org, kind, topics):
    """Meetings of ``org`` on 1 January, one a topic, written at once (more than a batch of rows)."""
    rows = [
        {"uuid": f"{kind}-{n}", "org": org.id, "kind": kind, "date": D(2022, 1, 1), "topic": topic}
        for n, topic in enumerate(topics)
    ]
    Meeting.insert_many(rows).execute()


def test_lazy_loading_reads_batches(db):
    town = build_town()
    _insert_meetings(town["east"], "支委会", [f"会议{n}" for n in range(120)])
    model = RecordTableModel(Meeting, batch_size=50)
    assert model.total() == 124
    assert model.rowCount() == 50
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 100
    model.fetchMore()
    assert model.rowCount() == 124
    assert not model.canFetchMore()
    ids = {model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())}
    assert len(ids) == 124  # no row read twice


def test_filter_by_village_includes_its_party_group(db):
    town = build_town()
    model = RecordTableModel(Meeting)
    topic = _column(model, "topic")
    model.set_filters(org_ids=[town["west"].id])
    assert _texts(model, topic) == ["乡村振兴专题党课"]
    model.set_filters(org_ids=[town["east"].id, town["group"].id])
    assert sorted(_texts(model, topic)) == sorted(["学习党章", "研究村务", "党小组学习"])
    model.set_filters(org_ids=None)
    assert model.rowCount() == 4


def test_filter_members_through_their_branch(db):
    town = build_town()
    model = RecordTableModel(Deed)
    Deed.create(member=town["赵强"], date=D(2022, 5, 1), kind=KIND, title="修路")
    Deed.create(member=town["张明"], date=D(2022, 5, 2), kind=KIND, title="送药")
    model.set_filters(org_ids=[town["west"].id])
    assert _texts(model, _column(model, "title")) == ["修路"]


def test_date_range_and_text_search(db):
    town = build_town()
    model = RecordTableModel(Meeting)
    topic = _column(model, "topic")
    model.set_filters(date_from=D(2022, 6, 1), date_to=D(2022, 7, 31))
    assert sorted(_texts(model, topic)) == sorted(["乡村振兴专题党课", "党小组学习"])
    model.set_filters(date_from=D(2022, 8, 1))
    assert _texts(model, topic) == ["研究村务"]
    model.set_filters(text="党课")
    assert _texts(model, topic) == ["乡村振兴专题党课"]
    # A reference is found by the name it shows.
    model.set_filters(text="西坪")
    assert _texts(model, topic) == ["乡村振兴专题党课"]
    assert town["west"].name == "西坪村党支部"


def test_deleted_records_are_not_listed(db):
    town = build_town()
    town["east_may"].soft_delete()
    model = RecordTableModel(Meeting)
    assert model.total() == 3
    assert "学习党章" not in _texts(model, _column(model, "topic"))


@pytest.mark.parametrize("model_type", [Organisation, Member, Meeting, Deed])
def test_empty_and_filled_tables_have_consistent_shape(db, model_type):
    build_town()
    model = RecordTableModel(model_type)
    state = 0 if model_type is Organisation else 1  # 报送状态 of a village's own records
    assert (
        model.columnCount() == len(shown_columns(model_type)) + state
    )  # and the village of a member's record
    assert model.total() == model_type.live().count()


def test_records_without_a_name_are_named_by_organisation_and_date(db):
    town = build_town()
    ceremony = BirthdayCeremony.create(org=town["east"], date=D(2022, 7, 1), month=7)
    BirthdayHonoree.create(ceremony=ceremony, member=town["张明"])
    model = RecordTableModel(BirthdayHonoree)
    assert model.index(0, _column(model, "ceremony")).data() == "东沟村党支部 2022-07-01"
    assert model.index(0, _column(model, "member")).data() == "张明"


def test_sorting_reads_the_whole_list_first(db):
    town = build_town()
    _insert_meetings(town["west"], "党课", [f"会议{n:03d}" for n in range(120)])
    model = RecordTableModel(Meeting, batch_size=50)
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    assert proxy.rowCount() == 50
    topic = _column(model, "topic")
    proxy.sort(topic, Qt.SortOrder.DescendingOrder)
    assert proxy.rowCount() == 124
    # 研究村务 (yan) sorts after every 会议 (hui) and 学习党章 (xue)
    assert proxy.index(0, topic).data() == "研究村务"


def test_numbered_parts_list_in_their_own_order(db):
    # 评分细则 opened with the last section's items first and 序号 3, 2, 1
    template = create_default_template(create_default_campaign())
    model = RecordTableModel(ScoreItem)
    listed = [model.index(row, _column(model, "name")).data() for row in range(model.rowCount())]
    assert listed == [item.name for item in template_items(template)]  # 评分表的顺序
    orders = _texts(model, _column(model, "order"))
    assert orders[:2] == ["1", "2"]

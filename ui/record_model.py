"""The one table model behind every record list, and its sorting proxy.

Columns come from the declarations (``models.schema.table_fields``). Rows are read from
SQLite in batches as the view scrolls (``canFetchMore``/``fetchMore``), so a table of
100 000 rows opens at once. Filters (villages, a date range, a search text) run in SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import peewee as pw
from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.exchange.record_state import record_states
from app.setup.identity import installation
from app.text import is_pinyin_query
from app.text import matches_text
from app.text import pinyin_key
from models import Attendance
from models import Meeting
from models import Member
from models import Organisation
from models import StudySession
from models import Training
from models.authority import VILLAGE
from models.authority import owner
from models.db import Record
from models.fields import flag
from models.schema import date_field_of
from models.schema import filter_by_org
from models.schema import format_value
from models.schema import label_of
from models.schema import natural_key
from models.schema import table_fields
from models.schema import user_fields

#: the record's id (int)
ID_ROLE = Qt.ItemDataRole.UserRole
#: the value to sort by: pinyin for Chinese text, numbers as numbers, dates as ISO text
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

STATE_HEADER = "报送状态"
BATCH_SIZE = 200
# Lists up to this long are read whole when a column header is clicked to sort them.
FULL_SORT_LIMIT = 20000

_Index = QModelIndex | QPersistentModelIndex


def _sort_value(field: pw.Field, value: Any, shown: str) -> Any:
    if isinstance(field, pw.ForeignKeyField):
        return pinyin_key(shown)
    if isinstance(field, pw.BooleanField):
        return int(bool(value))
    if isinstance(field, pw.IntegerField | pw.FloatField):
        return float(value) if value is not None else None
    if isinstance(value, dt.date):
        return value.isoformat()
    return pinyin_key(shown)


def _has_own_name(model: type[pw.Model]) -> bool:
    """Whether str(record) names the record (else it reads like “督查检查#12”)."""
    if "__str__" in model.__dict__:
        return True
    return any(n in model._meta.fields for n in ("name", "title", "topic"))


def reference_labels(target: type[Record], ids) -> dict[int, str]:
    """How records of ``target`` with these ids are named in lists and pick-lists.

    Records without a name of their own (an inspection, a ceremony) are named by their
    organisation, date and kind, e.g. “红崖村党支部 2022-06-30 季督查”. Costs one query for
    the records and at most one for their organisations, however many ids there are.
    """
    id_list = [i for i in ids if i is not None]
    rows: list[Record] = []
    for start in range(0, len(id_list), 500):  # SQLite's limit on bound variables
        rows.extend(target.select().where(target.id.in_(id_list[start : start + 500])))
    if _has_own_name(target):
        return {row.id: str(row) for row in rows}
    org_field = next(
        (
            f
            for f in (target._meta.fields.get(n) for n in ("org", "host"))
            if isinstance(f, pw.ForeignKeyField)
        ),
        None,
    )
    org_names: dict[int, str] = {}
    if org_field is not None:
        org_ids = list({row.__data__.get(org_field.name) for row in rows} - {None})
        org_model = org_field.rel_model
        for start in range(0, len(org_ids), 500):
            for org in org_model.select().where(org_model.id.in_(org_ids[start : start + 500])):
                org_names[org.id] = str(org)
    date_name = getattr(target._meta, "date_field", None)
    labels = {}
    for row in rows:
        parts = []
        if org_field is not None:
            parts.append(org_names.get(row.__data__.get(org_field.name), ""))
        if date_name and row.__data__.get(date_name) is not None:
            parts.append(format_value(target._meta.fields[date_name], row.__data__[date_name]))
        kind = row.__data__.get("kind")
        if isinstance(kind, str) and kind:
            parts.append(kind)
        text = " ".join(p for p in parts if p)
        labels[row.id] = text or str(row)
    return labels


def _pinyin_matches(model: type[Record], fields: list[pw.Field], text: str) -> list[int]:
    """The ids of ``model`` rows whose ``fields`` ``text`` finds by pinyin initials or full pinyin."""
    query = model.select(model.id, *fields)
    if "deleted" in model._meta.fields:
        query = query.where(model._meta.fields["deleted"] == False)  # noqa: E712
    return [
        row[0] for row in query.tuples().iterator() if any(matches_text(str(v or ""), text) for v in row[1:])
    ]


def _id_in(column: pw.Field, ids: list[int]) -> pw.ColumnBase:
    if not ids:
        return pw.SQL("1 = 0")  # false on both engines (PostgreSQL wants a boolean, not 0)
    # in parts: SQLite limits the values bound in one statement
    condition = column.in_(ids[:500])
    for start in range(500, len(ids), 500):
        condition |= column.in_(ids[start : start + 500])
    return condition


@dataclass(frozen=True)
class ShownColumn:
    """A list column that is no field of the record: read through its references.

    E.g. the village of a member's 在线学习, the date and kind of the meeting an attendance
    belongs to, so that every list says where and when without opening the record.
    """

    name: str
    verbose_name: str
    help_text: str
    values: Callable[[list[Record]], dict[int, str]]


def _village_of_members(records: list[Record]) -> dict[int, str]:
    member_ids = {r.__data__.get("member") for r in records} - {None}
    org_of: dict[int, int] = {}
    for start in range(0, len(member_ids), 500):
        chunk = list(member_ids)[start : start + 500]
        pairs: Any = Member.select(Member.id, Member.org).where(Member.id.in_(chunk)).tuples()
        org_of.update(pairs)
    names: dict[int, str] = {}
    org_ids = list(set(org_of.values()) - {None})
    for start in range(0, len(org_ids), 500):
        query = Organisation.select(Organisation.id, Organisation.short_name, Organisation.name)
        found: Any = query.where(Organisation.id.in_(org_ids[start : start + 500])).tuples()
        for org_id, short, name in found:
            names[org_id] = short or name
    return {r.id: names.get(org_of.get(r.__data__.get("member"), -1), "") for r in records}


_OCCASIONS = (("meeting", Meeting), ("session", StudySession), ("training", Training))


def _occasions(records: list[Record]) -> dict[int, tuple[str, str]]:
    """Each attendance's occasion: (date, kind) of its meeting, study session or training."""
    found: dict[int, tuple[str, str]] = {}
    target: Any
    for name, target in _OCCASIONS:
        ids = {r.__data__.get(name) for r in records} - {None}
        if not ids:
            continue
        kind = target._meta.fields.get("kind")
        columns = [target.id, target.date] + ([kind] if kind is not None else [])
        rows: dict[int, tuple[str, str]] = {}
        id_list = list(ids)
        for start in range(0, len(id_list), 500):
            chosen: Any = target.select(*columns).where(target.id.in_(id_list[start : start + 500])).tuples()
            for row in chosen:
                rows[row[0]] = (
                    row[1].isoformat() if row[1] else "",
                    row[2] if kind is not None else label_of(target),
                )
        for r in records:
            occasion = rows.get(r.__data__.get(name))
            if occasion is not None:
                found[r.id] = occasion
    return found


def shown_columns(model: type[Record]) -> list[pw.Field | ShownColumn]:
    """The columns of a record list: the declared ones, and where the records say it only
    through a reference, the village (after 党员) and an attendance's date and kind."""
    columns: list[pw.Field | ShownColumn] = list(table_fields(model))
    names = [c.name for c in columns]
    if model is Attendance:
        at = names.index("member") if "member" in names else 0
        columns[at:at] = [
            ShownColumn(
                "occasion_date",
                "日期",
                "会议、学习或培训的日期",
                lambda rs: {k: v[0] for k, v in _occasions(rs).items()},
            ),
            ShownColumn(
                "occasion_kind",
                "类型",
                "会议类型或学习形式",
                lambda rs: {k: v[1] for k, v in _occasions(rs).items()},
            ),
        ]
        names = [c.name for c in columns]
    has_village = any(n in names for n in ("org", "host"))
    if "member" in names and not has_village:
        columns.insert(
            names.index("member") + 1,
            ShownColumn("village", "村（社区）", "党员所在的村（社区）", _village_of_members),
        )
    return columns


def _month_text(value: dt.date) -> str:
    return f"{value.year}年{value.month}月"


class RecordTableModel(QAbstractTableModel):
    """Live records of one record type, loaded lazily, narrowed in SQL."""

    def __init__(self, model: type[Record], parent=None, batch_size: int = BATCH_SIZE):
        super().__init__(parent)
        self.record_type = model
        self.fields: list[Any] = shown_columns(model)
        # 报送状态 (未报送 / 已报送 / 镇里已接收 / 被退回（原因）) of a village's own records
        self.shows_state = owner(model) == VILLAGE and model is not Organisation
        self.batch_size = batch_size
        self._rows: list[tuple[int, list[str], list[Any]]] = []
        self._total = 0
        self._org_ids: list[int] | None = None
        self._date_from: dt.date | None = None
        self._date_to: dt.date | None = None
        self._text = ""
        self.reload()

    # -- filters --------------------------------------------------------------------------
    def set_filters(
        self,
        *,
        org_ids: list[int] | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        text: str = "",
    ) -> None:
        """Narrow the rows (None / empty means no narrowing) and read them again."""
        self._org_ids = list(org_ids) if org_ids is not None else None
        self._date_from, self._date_to = date_from, date_to
        self._text = text.strip()
        self.reload()

    def query(self) -> pw.ModelSelect[Record]:
        """The SQL query behind the rows (live records, filters applied, newest first)."""
        model = self.record_type
        query = model.live()
        if self._org_ids is not None:
            query = filter_by_org(query, model, self._org_ids)
        date_field = date_field_of(model)
        if date_field is not None:
            if self._date_from is not None:
                query = query.where(date_field >= self._date_from)
            if self._date_to is not None:
                query = query.where(date_field <= self._date_to)
        if self._text:
            query = query.where(self._text_condition(self._text))
        order = [model.id.desc()]
        if date_field is not None:
            order.insert(0, date_field.desc())
        elif "order" in model._meta.fields:
            # numbered parts (评分项目, 评分细则, 阶段): by what they belong to, then 1, 2, 3
            parents = [model._meta.fields[n] for n in natural_key(model) if n in model._meta.fields]
            order = [f.asc() for f in parents if isinstance(f, pw.ForeignKeyField)]
            order += [model._meta.fields["order"].asc(), model.id.asc()]
        return query.order_by(*order)

    def _text_condition(self, text: str) -> pw.ColumnBase:
        model = self.record_type
        conditions: list[pw.ColumnBase] = []
        # letters only (zxm, zhangxiaoming): also the names whose pinyin they spell, found in
        # Python, as SQL knows no pinyin; only short texts (names, titles), not whole reports
        pinyin = is_pinyin_query(text)
        short_texts: list[pw.Field] = []
        for field in user_fields(model):
            if flag(field, "sensitive"):
                continue  # nobody should find a person by typing part of an ID number
            if isinstance(field, pw.ForeignKeyField):
                target = field.rel_model
                names = [
                    target._meta.fields[n] for n in ("name", "title", "topic") if n in target._meta.fields
                ]
                if names:
                    cond = names[0].contains(text)
                    for extra in names[1:]:
                        cond |= extra.contains(text)
                    conditions.append(field.in_(target.select(target.id).where(cond)))
                    if pinyin:
                        conditions.append(_id_in(field, _pinyin_matches(target, names, text)))
            elif isinstance(field, pw.CharField | pw.TextField):
                conditions.append(field.contains(text))
                if pinyin and isinstance(field, pw.CharField):
                    short_texts.append(field)
        if short_texts:
            conditions.append(_id_in(model.id, _pinyin_matches(model, short_texts, text)))
        if not conditions:
            return pw.SQL("1 = 0")  # false on both engines (PostgreSQL wants a boolean, not 0)
        result = conditions[0]
        for cond in conditions[1:]:
            result |= cond
        return result

    # -- loading --------------------------------------------------------------------------
    def reload(self) -> None:
        """Forget the loaded rows and read the first batch again."""
        self.beginResetModel()
        self._rows = []
        if self.shows_state:
            self._here = installation()  # whose computer: the village's view or the town's
        self._total = self.query().count()
        self._rows = self._read(0, min(self.batch_size, self._total))
        self.endResetModel()

    def total(self) -> int:
        """How many records match the filters (loaded or not)."""
        return self._total

    def _read(self, offset: int, limit: int) -> list[tuple[int, list[str], list[Any]]]:
        if limit <= 0:
            return []
        records = list(self.query().limit(limit).offset(offset))
        names = self._reference_names(records)
        extra = {c.name: c.values(records) for c in self.fields if isinstance(c, ShownColumn)}
        rows = []
        for record in records:
            shown, values = [], []
            for field in self.fields:
                if isinstance(field, ShownColumn):
                    text = extra[field.name].get(record.id, "")
                    shown.append(text)
                    values.append(text)
                    continue
                value = record.__data__.get(field.name)
                if field.name == "month" and isinstance(value, dt.date):
                    text = _month_text(value)  # 2022年11月, as the month is meant
                elif isinstance(field, pw.ForeignKeyField):
                    text = names[field.name].get(value, "") if value is not None else ""
                else:
                    text = format_value(field, value)
                shown.append(text)
                values.append(value)
            rows.append((record.id, shown, values))
        if self.shows_state:
            here = self._here
            states = record_states(here.is_town, here.code, [(r.uuid, r.updated_at) for r in records])
            for record, (_id, shown, values) in zip(records, rows, strict=True):
                shown.append(states.get(record.uuid, ""))
                values.append(shown[-1])
        return rows

    def _reference_names(self, records: list[Record]) -> dict[str, dict[int, str]]:
        """The names of referenced records, one query per reference column per batch."""
        names: dict[str, dict[int, str]] = {}
        for field in self.fields:
            if not isinstance(field, pw.ForeignKeyField):
                continue
            ids = {r.__data__.get(field.name) for r in records} - {None}
            found = reference_labels(field.rel_model, ids)
            names[field.name] = found
        return names

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:
        if parent.isValid():
            return False
        return len(self._rows) < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:
        if parent.isValid():
            return
        start = len(self._rows)
        batch = self._read(start, min(self.batch_size, self._total - start))
        if not batch:
            self._total = start  # rows vanished meanwhile; stop asking
            return
        self.beginInsertRows(QModelIndex(), start, start + len(batch) - 1)
        self._rows.extend(batch)
        self.endInsertRows()

    # -- the model interface --------------------------------------------------------------
    def fetch_all(self) -> None:
        """Read every remaining row (for sorting a whole list that is not too long)."""
        while self.canFetchMore():
            before = len(self._rows)
            self.fetchMore()
            if len(self._rows) == before:
                break

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.fields) + (1 if self.shows_state else 0)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.fields):
            field = self.fields[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return field.verbose_name or field.name
            if role == Qt.ItemDataRole.ToolTipRole and field.help_text:
                return field.help_text
        elif orientation == Qt.Orientation.Horizontal and self.shows_state and section == len(self.fields):
            if role == Qt.ItemDataRole.DisplayRole:
                return STATE_HEADER
            if role == Qt.ItemDataRole.ToolTipRole:
                return "未报送 / 已报送 / 镇里已接收 / 被退回（原因）；镇党委电脑上显示退回和再次报送"
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= self.columnCount():
            return None
        record_id, shown, raw = self._rows[index.row()]
        column = index.column()
        if column == len(self.fields):  # 报送状态
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, SORT_ROLE):
                return shown[column]
            if role == ID_ROLE:
                return record_id
            if role == Qt.ItemDataRole.ForegroundRole and shown[column].startswith("被退回"):
                return QColor("#b00000")
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return shown[column]
        if role == SORT_ROLE:
            # Computed when sorting asks for it: pinyin of every cell up front costs time.
            return _sort_value(self.fields[column], raw[column], shown[column])
        if role == ID_ROLE:
            return record_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            field = self.fields[column]
            numeric = isinstance(field, pw.IntegerField | pw.FloatField) and not isinstance(
                field, pw.ForeignKeyField
            )
            if numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def record_id(self, row: int) -> int | None:
        """The id of the record shown in ``row``."""
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def row_of(self, record_id: int) -> int | None:
        """The row of a loaded record, or None."""
        for row, (rid, _shown, _raw) in enumerate(self._rows):
            if rid == record_id:
                return row
        return None


class RecordFilterProxy(QSortFilterProxyModel):
    """Sorts a record list the way people expect: Chinese by pinyin, numbers and dates in order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # Sorting only the rows read so far would mislead; read the rest first unless the
        # list is so long that narrowing it (village, dates, search) is the better way.
        source = self.sourceModel()
        if column >= 0 and isinstance(source, RecordTableModel) and source.total() <= FULL_SORT_LIMIT:
            source.fetch_all()
        super().sort(column, order)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        # Row numbers count the rows as shown (1, 2, 3 … after sorting and 筛选), not ids
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return super().headerData(section, orientation, role)

    def lessThan(self, left: _Index, right: _Index) -> bool:
        a = left.data(SORT_ROLE)
        b = right.data(SORT_ROLE)
        # Empty values go first when ascending, whatever the column's type.
        if a is None or b is None:
            return a is None and b is not None
        if isinstance(a, str) != isinstance(b, str):
            return str(a) < str(b)
        return a < b


class ColumnFilterProxy(RecordFilterProxy):
    """A record list's proxy with Excel's 筛选: per column, the shown values that are kept."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.column_filters: dict[int, frozenset[str]] = {}

    def set_column_filter(self, column: int, values: set[str] | frozenset[str] | None) -> None:
        """Keep only rows whose ``column`` shows one of ``values`` (None: the column unfiltered)."""
        source = self.sourceModel()
        if values is not None and isinstance(source, RecordTableModel) and source.total() <= FULL_SORT_LIMIT:
            source.fetch_all()  # a filter over the rows read so far would hide the others
        self.beginFilterChange()
        if values is None:
            self.column_filters.pop(column, None)
        else:
            self.column_filters[column] = frozenset(values)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def clear_column_filters(self) -> None:
        self.beginFilterChange()
        self.column_filters.clear()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        source = self.sourceModel()
        for column, values in self.column_filters.items():
            shown = source.index(source_row, column, source_parent).data(Qt.ItemDataRole.DisplayRole)
            if (shown or "") not in values:
                return False
        return True

"""Reading the declarations: fields, labels, validation."""

import datetime as dt

import pytest

from models import EXCHANGE_TYPES
from models import RECORD_TYPES
from models import Deed
from models import KeyPerson
from models import Member
from models import Problem
from models import ScoreItem
from models import ServiceRequest
from models.fields import About
from models.fields import flag
from models.schema import date_field_of
from models.schema import label_of
from models.schema import natural_key
from models.schema import one_per_key
from models.schema import org_path
from models.schema import table_fields
from models.schema import user_fields
from models.schema import validate_values


def test_every_record_type_has_chinese_labels():
    for model in EXCHANGE_TYPES:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in label_of(model)), model
        for field in user_fields(model):
            assert field.verbose_name and any("\u4e00" <= ch <= "\u9fff" for ch in field.verbose_name), (
                model,
                field.name,
            )


def test_every_tab_type_is_exchangeable():
    for models in RECORD_TYPES.values():
        for model in models:
            assert model in EXCHANGE_TYPES


def test_sensitive_fields_are_marked_and_hidden_from_tables():
    assert flag(Member.id_number, "sensitive") and flag(Member.phone, "sensitive")
    assert flag(KeyPerson.name, "private")
    assert "id_number" not in [f.name for f in table_fields(Member)]


def test_validation_messages_name_field_and_problem():
    errors = validate_values(Deed, {"title": "", "kind": "不存在的类别", "date": dt.date(2022, 5, 1)})
    text = [str(e) for e in errors]
    assert any("实事内容" in t and "必须填写" in t for t in text)
    assert any("实事类别" in t and "只能是以下之一" in t for t in text)
    assert any("党员" in t for t in text)  # member is required


def test_validation_ranges_and_date_order():
    errors = validate_values(
        ServiceRequest,
        {
            "promised_days": 0,
            "received": dt.date(2022, 6, 10),
            "deadline": dt.date(2022, 6, 1),
        },
    )
    fields = {e.field for e in errors}
    assert "promised_days" in fields
    assert "deadline" in fields


@pytest.mark.parametrize(
    "model,expected",
    [
        (Deed, ["member", "org"]),
        (Problem, ["org"]),
    ],
)
def test_org_path(model, expected):
    assert [f.name for f in org_path(model)] == expected


def test_a_quarter_must_read_like_2022q3():
    from models import Inspection
    from models.schema import validate_values

    def quarter_errors(text):
        return [str(e) for e in validate_values(Inspection, {"quarter": text}) if e.field == "quarter"]

    assert quarter_errors("2022Q3") == []
    assert quarter_errors("2022年三季度") == ["“季度”应写成“2022Q3”这样（现为“2022年三季度”）"]
    assert quarter_errors("2022Q5") != []


def test_every_declared_key_and_date_names_a_field_of_its_table():
    # a Meta written through About names fields by text: a misspelt one would only fail when used
    for model in EXCHANGE_TYPES:
        for name in natural_key(model):
            assert name in model._meta.fields, (model, name)
        date_field = getattr(model._meta, "date_field", None)
        assert date_field is None or date_field_of(model).name == date_field
    # an option a record type does not give is its base class's: the scorecard's parts are one per key
    assert one_per_key(ScoreItem)


def test_about_refuses_an_option_it_does_not_know_and_an_index_without_a_key():
    with pytest.raises(TypeError):
        About("学习计划", natual_key=("org", "year"))  # type: ignore[call-arg]
    with pytest.raises(ValueError):
        About("学习计划", key_index="plain")
    assert About("学习计划", key=("org", "year"), key_index="unique").indexes == ((("org", "year"), True),)

"""``--org`` takes an organisation as clerks name it: code (any width or case), name or short name."""

from __future__ import annotations

import json

import pytest
from hand_built import two_villages

from app.cli import Refused
from app.cli import main
from app.commands._org_arg import org_and_groups
from app.commands._org_arg import org_named
from models import Organisation
from models import close_database


def test_code_name_and_short_name_name_the_same_organisation(db):
    villages = two_villages()
    east = villages.east
    for text in ("ZD01", "zd01", "ＺＤ０１", " ZD01 ", "东村党支部", "东村"):
        assert org_named(text).id == east.id, text
    group = Organisation.create(code="ZD0101", name="东村第一党小组", kind="党小组", parent=east)
    assert org_and_groups("东村") == [east.id, group.id]


def test_an_unknown_or_ambiguous_name_is_refused_in_chinese(db):
    villages = two_villages()
    with pytest.raises(Refused, match="没有代码、名称或简称为“北村”的党组织"):
        org_named("北村")
    Organisation.create(
        code="ZD03", name="东村党支部", short_name="东村二", kind="村党支部", parent=villages.town
    )
    with pytest.raises(
        Refused, match=r"“东村党支部”可指东村党支部（ZD01）、东村党支部（ZD03），请写组织代码"
    ):
        org_named("东村党支部")


def test_check_by_name_gives_what_check_by_code_gives(db_location, db, capsys):
    two_villages()
    close_database()  # the command opens the file itself
    outputs = []
    for text in ("ZD01", "东村"):
        assert (
            main(["check", "--db", str(db_location), "--org", text, "--as-of", "2022-06-30", "--json"]) == 0
        )
        outputs.append(json.loads(capsys.readouterr().out))
    assert outputs[0] == outputs[1]

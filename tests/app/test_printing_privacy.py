"""No printout shows an ID number, a phone number or a key person's name, even when clerks typed them
into the free text that the documents quote (problem descriptions, scoring remarks, the notice body)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import openpyxl
import peewee as pw
import pytest

from app.delivery.ledger import export_ledger
from app.printing.delivery import print_dispatch
from app.printing.delivery import print_ledger
from app.printing.delivery import print_wall_chart
from app.printing.notice import build_notice
from app.printing.notice import prepare_notice
from app.printing.overdue_notice import print_overdue_notice
from app.printing.page import write_pdf
from app.printing.privacy import make_scrubber
from app.printing.scorecards import build_scorecards
from app.printing.summary import build_summary
from models import Deed
from models import Inspection
from models import InspectionScore
from models import KeyPerson
from models import Member
from models import Notice
from models import Organisation
from models import Problem
from models import ServiceRequest

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
DAY = dt.date(2022, 9, 5)


def flat_text(path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


def secrets() -> set[str]:
    found = {p.name for p in KeyPerson.select()} | {p.address for p in KeyPerson.select()}
    found |= {p.id_number for p in KeyPerson.select()} | {p.phone for p in KeyPerson.select()}
    found |= {m.phone for m in Member.select()} | {m.id_number for m in Member.select()}
    found |= {r.phone for r in ServiceRequest.select()} | {r.requester for r in ServiceRequest.select()}
    found |= {d.beneficiary for d in Deed.select()} | {o.secretary_phone for o in Organisation.select()}
    return {s for s in found if s and len(s) >= 2}


def every_document(notice, folder) -> dict[str, str]:
    """The text of every public document printed from the open database, by document."""
    outputs = {
        "notice": lambda out: write_pdf(build_notice(notice), out),
        "overdue": lambda out: print_overdue_notice(out, DAY),
        "cards": lambda out: write_pdf(build_scorecards("2022Q3"), out),
        "summary": lambda out: write_pdf(build_summary(), out),
        "ledger": lambda out: print_ledger(out, DAY),
        "dispatch": lambda out: print_dispatch(out, dt.date(2022, 6, 1)),
        "wall": lambda out: print_wall_chart(out, DAY, "village", "A4"),
    }
    texts = {}
    for name, make in outputs.items():
        make(folder / f"{name}.pdf")
        texts[name] = flat_text(folder / f"{name}.pdf")
    return texts


def test_planted_private_details_never_reach_a_page(demo_db, tmp_path):
    person = KeyPerson.live().where(KeyPerson.id_number != "").first()
    member = Member.live().where(Member.phone != "").first()
    planted = f"（走访{person.name}，身份证{person.id_number}，电话{member.phone}）"
    # what the documents quote from the records: problems (notice, ledger, overdue notice) and remarks
    Problem.update(description=Problem.description.concat(planted)).execute()
    InspectionScore.update(remark=InspectionScore.remark.concat(planted)).execute()
    Notice.delete().where(Notice.quarter == "2022Q3").execute()
    notice = prepare_notice("2022Q3", dt.date(2022, 10, 12))
    notice.body += f"\n联系人：{person.name}，手机{member.phone[:3]} {member.phone[3:7]} {member.phone[7:]}。"
    notice.save()
    texts = every_document(notice, tmp_path)
    hidden = secrets()
    assert person.name in hidden and member.phone in hidden and len(hidden) > 50
    leaks = {name: [s for s in hidden if s in text] for name, text in texts.items()}
    assert leaks == {name: [] for name in texts}
    # the planted text did reach these pages, masked: the check above looked at the right place
    for name in ("notice", "overdue", "cards", "ledger"):
        assert "走访××，身份证××，电话××" in texts[name], name
    assert "联系人：××，手机××" in texts["notice"]


def test_phone_numbers_written_with_spaces_or_hyphens_are_masked():
    scrub = make_scrubber(set())
    assert scrub("手机138 1234 5678。") == "手机××。"
    assert scrub("手机138-1234-5678") == "手机××"
    assert scrub("身份证62010219800101123X号") == "身份证××号"
    # not a phone or an ID: years, dates, scores and document numbers stay
    assert (
        scrub("2022年10月12日，得分88.09分，高党发〔2022〕7号")
        == "2022年10月12日，得分88.09分，高党发〔2022〕7号"
    )


def test_an_address_that_is_just_a_village_name_does_not_hide_the_village(demo_db):
    person = KeyPerson.live().first()
    village = Organisation.get_by_id(person.org_id)
    person.address = village.label  # a clerk wrote only the village as the address
    person.save()
    scrub = make_scrubber()
    assert (
        scrub(f"排名后3位的党组织是：{village.label}（57分）")
        == f"排名后3位的党组织是：{village.label}（57分）"
    )
    assert scrub(f"走访{person.name}") == "走访××"


def _disguised(name: str) -> str:
    """Private values as clerks really type them: grouped, hyphenated, full-width, with spaces."""
    spaced_name = " ".join(name)  # 王 小 花
    wide_name = name[0] + "\u3000" + name[1:]
    return (
        f"（{spaced_name}，{wide_name}，身份证621122 19490505 5187，621122-19490505-518X，"
        "６２１１２２１９４９０５０５５１８７，电话0931-8123456，（0931）8234567，"
        "手机138-4390-9644，+86 139 0931 2345，座机：8345678）"
    )


DISGUISED_DIGITS = ("19490505", "8123456", "8234567", "43909644", "09312345", "8345678", "１９４９")


@pytest.mark.sqlite_only(
    "writes values longer than their columns allow, which only SQLite keeps (PostgreSQL refuses them)"
)
def test_disguised_private_values_in_every_text_field_never_reach_a_page(demo_db, tmp_path):
    """Every text field of every record type is given disguised private values; no document shows them."""
    from models import EXCHANGE_TYPES
    from models.fields import flag

    person = KeyPerson.live().first()
    planted = _disguised(person.name)
    touched = []
    for model in (*EXCHANGE_TYPES, Problem, InspectionScore, Notice):
        for field in model._meta.sorted_fields:
            if not isinstance(field, (pw.CharField, pw.TextField)) or field.choices:
                continue
            if (
                flag(field, "sensitive")
                or flag(field, "private")
                or field.name
                in (
                    "uid",
                    "quarter",
                    "doc_no",
                    "uuid",
                    "origin",
                )  # uuid, origin: system, never printed (and too short for it on PostgreSQL)
            ):
                continue
            if model is Organisation and field.name in ("name", "short_name", "code"):
                continue  # the public names the documents are made of (the net spares them)
            if model is Inspection and field.name == "excluded":
                continue  # a reason on every inspection would leave none ranked: planted on one below
            if model.select().count():
                # appended, so that names and codes the documents are built from stay findable
                model.update({field: field.concat(planted)}).execute()
                touched.append(f"{model.__name__}.{field.name}")
    assert "Problem.responsible" in touched and "Problem.description" in touched
    left_out = Inspection.live().where(Inspection.quarter == "2022Q3").order_by(Inspection.id).first()
    left_out.excluded = "新设社区本季度不参评" + planted
    left_out.save()
    Notice.delete().where(Notice.quarter == "2022Q3").execute()
    notice = prepare_notice("2022Q3", dt.date(2022, 10, 12))
    notice.body += planted
    notice.save()
    texts = every_document(notice, tmp_path)
    export_ledger(tmp_path / "ledger.xlsx", DAY)
    book = openpyxl.load_workbook(tmp_path / "ledger.xlsx")
    texts["ledger.xlsx"] = re.sub(
        r"\s+", "", "".join(str(c.value or "") for r in book.active.iter_rows() for c in r)
    )
    for name, text in texts.items():
        digits = re.sub(r"[^0-9０-９]", "", text)
        assert not [d for d in DISGUISED_DIGITS if d in digits], name
        assert person.name not in text, name
    # the planted text reached these pages (masked), so the checks above looked at the right place
    for name in ("notice", "ledger", "ledger.xlsx", "dispatch"):
        assert "身份证××，××，××，电话××，××，手机××，××，座机：××）" in texts[name], name


def test_the_scrubber_on_written_forms():
    scrub = make_scrubber({"王小花"})
    assert scrub("身份证 621122 19490505 5187 号") == "身份证 ×× 号"
    assert scrub("责任人王文斌 13843909644") == "责任人王文斌 ××"
    assert scrub("电话0931-8123456，（0931）8123456") == "电话××，××"
    assert scrub("走访王 小花、王\u200b小花、王\u3000小花家") == "走访××、××、××家"
    # dates, periods, scores, counts and document numbers stay
    for text in (
        "2022-06-01至2022-07-01",
        "2022.06.01 2022.07.01",
        "得分56.7分，共1200人",
        "高党发〔2022〕7号",
    ):
        assert scrub(text) == text

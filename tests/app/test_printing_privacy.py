"""No printout shows an ID number, a phone number or a key person's name, even when clerks typed them
into the free text that the documents quote (problem descriptions, scoring remarks, the notice body)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest

from app.printing.delivery import print_dispatch, print_ledger, print_wall_chart
from app.printing.notice import build_notice, prepare_notice
from app.printing.overdue_notice import print_overdue_notice
from app.printing.page import write_pdf
from app.printing.privacy import make_scrubber
from app.printing.scorecards import build_scorecards
from app.printing.summary import build_summary
from models import Deed, InspectionScore, KeyPerson, Member, Notice, Organisation, Problem, ServiceRequest

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
        make(tmp_path / f"{name}.pdf")
        texts[name] = flat_text(tmp_path / f"{name}.pdf")
    hidden = secrets()
    assert person.name in hidden and member.phone in hidden and len(hidden) > 50
    leaks = {name: [s for s in hidden if s in text] for name, text in texts.items()}
    assert leaks == {name: [] for name in outputs}
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

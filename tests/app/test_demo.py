"""The demo town: deterministic, complete, referentially sound, with deliberate gaps."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections import defaultdict
from pathlib import Path

import pytest

from app.demo import DemoRefused
from app.demo import create_demo
from app.demo.people import check_digit
from app.demo.people import is_valid_id_number
from app.inspection.scorecard import template_items
from models import BRANCH_KINDS
from models import EXCHANGE_TYPES
from models import RECORD_TYPES
from models import Attendance
from models import Brand
from models import Deed
from models import Disposal
from models import Inspection
from models import InspectionScore
from models import KeyPerson
from models import KeyTask
from models import Meeting
from models import Member
from models import Milestone
from models import Notice
from models import Organisation
from models import Problem
from models import ProblemCheck
from models import Progress
from models import Review
from models import ScoreItem
from models import ScoreTemplate
from models import ServiceRequest
from models import Setting
from models import StudyPlan
from models import StudySession
from models import Training
from models import close_database
from models import open_database
from models import settings
from models.conduct import MEETING_KINDS
from models.schema import date_field_of

END = dt.date(2022, 11, 30)


def _dump(path: Path, seed: int) -> dict[str, list[tuple]]:
    open_database(path)
    create_demo(seed=seed, villages=4, members_per_village=(10, 14))
    tables: dict[str, list[tuple]] = {}
    for model in (*EXCHANGE_TYPES, Setting):
        order = model._meta.primary_key
        tables[model._meta.table_name] = list(model.select().order_by(order).tuples())
    close_database()
    return tables


def test_same_seed_same_town_to_the_last_uuid_and_stamp(tmp_path):
    first = _dump(tmp_path / "a.sqlite3", 7)
    second = _dump(tmp_path / "b.sqlite3", 7)
    assert first == second
    assert len(first["member"]) >= 40


def test_another_seed_another_town(tmp_path):
    first = _dump(tmp_path / "a.sqlite3", 7)
    other = _dump(tmp_path / "b.sqlite3", 8)
    assert first["member"] != other["member"]
    uuids = {row[1] for rows in first.values() for row in rows if isinstance(row[1], str)}
    assert not uuids & {row[1] for row in other["member"]}


def test_refuses_a_database_with_organisations(demo_db):
    with pytest.raises(DemoRefused):
        create_demo(seed=1, villages=2)


def test_every_record_type_has_rows(demo_db):
    for track, types in RECORD_TYPES.items():
        for model in types:
            assert model.select().count() > 0, f"{track}: {model._meta.verbose_name}"


def test_town_villages_groups_and_members(demo_db):
    town = Organisation.town()
    assert town.code == "GZ" and town.name == "中共高寨镇委员会"
    assert settings.get("local_org_code") == "GZ" and settings.get("town_name") == "高寨镇"
    branches = list(Organisation.branches())
    assert Counter(b.kind for b in branches) == {"村党支部": 12, "社区党支部": 2}
    assert [b.code for b in branches] == [f"GZ{i:02d}" for i in range(1, 15)]
    for branch in branches:
        assert branch.parent_id == town.id
        groups = Organisation.select().where(Organisation.parent == branch, Organisation.kind == "党小组")
        assert 2 <= groups.count() <= 4
        members = Member.select().where(Member.org == branch)
        assert 40 <= members.count() <= 80
        secretaries = [m for m in members if m.post_title == "支部书记"]
        assert len(secretaries) == 1 and branch.secretary == secretaries[0].name
        assert secretaries[0].post_status == "有职"
        assert branch.secretary_phone == secretaries[0].phone
        assert members.where(Member.post_status == "无职").count() > members.count() // 2


def test_members_are_plausible(demo_db):
    members = list(Member.select())
    group_parent = {o.id: o.parent_id for o in Organisation.select().where(Organisation.kind == "党小组")}
    ids = [m.id_number for m in members]
    assert len(set(ids)) == len(ids)
    assert len({(m.org_id, m.name) for m in members}) == len(members)  # a sheet row finds its member
    assert all(is_valid_id_number(n) and n.startswith("62") for n in ids)
    for m in members:
        assert group_parent[m.group_id] == m.org_id
        assert m.id_number[6:14] == f"{m.birth_date:%Y%m%d}"
        assert (int(m.id_number[16]) % 2 == 1) == (m.gender == "男")
        assert m.join_date > m.birth_date and len(m.phone) == 11
    assert {m.join_date.month for m in members} == set(range(1, 13))  # 政治生日 every month
    assert min(m.join_date.year for m in members) < 1990
    assert {m.status for m in members} == {"正式党员", "预备党员"}
    assert len({m.name[0] for m in members}) >= 10


def test_check_digit_of_a_published_example():
    # The example number of GB 11643-1999's annex.
    assert check_digit("11010519491231002") == "X"
    assert not is_valid_id_number("11010519491231002" + "1")


def test_attendance_belongs_to_the_meetings_branch(demo_db):
    wrong = (
        Attendance.select()
        .join(Meeting, on=Attendance.meeting == Meeting.id)
        .switch(Attendance)
        .join(Member, on=Attendance.member == Member.id)
        .where(Member.org != Meeting.org)
        .count()
    )
    assert wrong == 0
    wrong_sessions = (
        Attendance.select()
        .join(StudySession, on=Attendance.session == StudySession.id)
        .switch(Attendance)
        .join(Member, on=Attendance.member == Member.id)
        .where(Member.org != StudySession.org)
        .count()
    )
    assert wrong_sessions == 0
    town = Organisation.town()
    village_trainings = Training.select(Training.id).where(Training.org != town.id)
    wrong_training = (
        Attendance.select()
        .join(Training, on=Attendance.training == Training.id)
        .switch(Attendance)
        .join(Member, on=Attendance.member == Member.id)
        .where(Training.id.in_(village_trainings), Member.org != Training.org)
        .count()
    )
    assert wrong_training == 0
    group_meetings = Meeting.select().where(Meeting.kind == "党小组会")
    assert all(m.group_id is not None for m in group_meetings)


def test_meetings_follow_the_frequencies_with_gaps(demo_db):
    kinds = Counter(Meeting.select(Meeting.kind).tuples())
    assert {k for (k,) in kinds} >= set(MEETING_KINDS) - {"其他会议"}  # every kind but the catch-all
    per_branch = Counter(
        Meeting.select(Meeting.org).where(Meeting.kind == "主题党日").tuples()
    )  # eight months April–November
    assert max(per_branch.values()) == 8
    assert min(per_branch.values()) < 8  # some villages skipped months


def test_dates_lie_in_the_campaign_year_never_today(demo_db):
    for model in EXCHANGE_TYPES:
        field = date_field_of(model)
        stamps = model.select(model.created_at, model.updated_at).tuples()
        assert all(c.year <= 2022 and u.year <= 2022 for c, u in stamps), model.__name__
        if field is None:
            continue
        days = [d for (d,) in model.select(field).tuples() if d is not None]
        if days:  # a 处置 candidate has no date yet
            assert dt.date(2021, 1, 1) <= min(days) and max(days) <= dt.date(2022, 12, 31), model.__name__


def test_deliberate_gaps_exist(demo_db):
    branches = list(Organisation.branches())
    planned = {p.org_id for p in StudyPlan.select()}
    assert 0 < len(planned) < len(branches)
    branded = {b.org_id for b in Brand.select()}
    assert 0 < len(branded) < len(branches)
    with_deed = {d.member_id for d in Deed.select(Deed.member)}
    members = Member.select().count()
    assert 0.8 * members < len(with_deed) < members
    assert KeyPerson.select().where(KeyPerson.helper.is_null()).count() > 0
    assert KeyPerson.select().where(KeyPerson.helper.is_null(False)).count() > 0
    open_requests = ServiceRequest.select().where(
        ServiceRequest.state != "已办结", ServiceRequest.deadline < END
    )
    assert open_requests.count() > 0
    late = ServiceRequest.select().where(ServiceRequest.finished > ServiceRequest.deadline)
    assert late.count() > 0


def test_rules_find_a_realistic_town(demo_db):
    """At the campaign's end most members met the yearly counts; a minority lag, more of them in
    the two weak villages; and every rule has something to find."""
    from app.rules import RULES
    from app.rules import evaluate

    findings = evaluate(today=dt.date(2026, 1, 5))
    members = Member.select().where(Member.is_active == True).count()  # noqa: E712
    for rule in ("deeds", "services", "attendance"):
        lagging = [f for f in findings if f.rule == rule and f.model is Member]
        assert 0 < len(lagging) < 0.07 * members, rule
    assert {f.rule for f in findings} == set(RULES)
    per_village = Counter(f.org_id for f in findings if f.rule in ("deeds", "services", "meetings"))
    size = Counter(m.org_id for m in Member.select(Member.org))
    worst_two = sorted(per_village, key=lambda org: -per_village[org] / size[org])[:2]
    q2 = _totals("2022Q2")
    assert set(worst_two) & set(sorted(q2, key=q2.get)[:2])  # the weak villages lag in the records too


def test_members_who_joined_or_left_during_the_year(demo_db):
    """New 预备党员 received during the campaign and members who moved away or died: their
    records lie within their time on the roll, and the rules do not ask the departed."""
    import re

    from app.rules import evaluate
    from models import Deed
    from models import Service

    new = list(Member.select().where(Member.join_date > dt.date(2022, 4, 11)))
    gone = list(Member.select().where(Member.is_active == False))  # noqa: E712
    assert new and gone and all(m.status == "预备党员" for m in new)
    for member in new + gone:
        last = END
        if member in gone:
            year, month, day = re.fullmatch(r"(\d+)年(\d+)月(\d+)日(转出|去世)", member.note).groups()[:3]
            last = dt.date(int(year), int(month), int(day))
        days = [d for (d,) in Deed.select(Deed.date).where(Deed.member == member).tuples()]
        days += [d for (d,) in Service.select(Service.date).where(Service.member == member).tuples()]
        attended = Meeting.select(Meeting.date).join(Attendance, on=Attendance.meeting == Meeting.id)
        days += [d for (d,) in attended.where(Attendance.member == member).tuples()]
        assert all(member.join_date <= d <= last for d in days), member.name
    listed = {f.record_id for f in evaluate(today=dt.date(2026, 1, 5)) if f.model is Member}
    assert not listed & {m.id for m in gone}


def test_attendance_shows_members_who_stay_away(demo_db):
    shares = defaultdict(lambda: [0, 0])
    for member_id, state in Attendance.select(Attendance.member, Attendance.state).tuples():
        shares[member_id][0] += state == "出席"
        shares[member_id][1] += 1
    low = [m for m, (present, total) in shares.items() if present / total < 0.4]
    assert low and len(low) < len(shares) / 5


def test_reviews_mostly_within_a_third_but_one_branch_over(demo_db):
    ratings = defaultdict(Counter)
    for org_id, rating in Review.select(Member.org, Review.rating).join(Member).tuples():
        ratings[org_id][rating] += 1
    shares = {org: c["优秀"] / sum(c.values()) for org, c in ratings.items()}
    over = [org for org, share in shares.items() if share > 1 / 3]
    assert len(over) == 1
    total = sum(c["优秀"] for c in ratings.values()) / sum(sum(c.values()) for c in ratings.values())
    assert 0.18 <= total <= 0.32


def test_key_tasks_batches_milestones_and_progress(demo_db):
    batches = Counter(t.batch for t in KeyTask.select() if t.org_id)
    assert max(batches.values()) == 14
    for task in KeyTask.select():
        steps = list(Milestone.select().where(Milestone.task == task).order_by(Milestone.order))
        assert steps and steps[-1].due <= task.deadline
        assert all(a.due < b.start for a, b in zip(steps, steps[1:], strict=False))
    stuck = False
    for task in KeyTask.select():
        percents = [
            p.percent for p in Progress.select().where(Progress.task == task).order_by(Progress.month)
        ]
        assert percents == sorted(percents)
        stuck |= any(a == b < 100 for a, b in zip(percents, percents[1:], strict=False))
    assert stuck
    assert KeyTask.select().where(KeyTask.state != "已完成", KeyTask.deadline < END).count() > 0


def _totals(quarter: str) -> dict[int, float]:
    """Each village's score out of 100 over the applicable items."""
    sums: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0])
    query = (
        InspectionScore.select(Inspection.org, InspectionScore.points, ScoreItem.max_points)
        .join(Inspection)
        .switch(InspectionScore)
        .join(ScoreItem)
        .where(Inspection.quarter == quarter, InspectionScore.not_applicable == False)  # noqa: E712
        .tuples()
    )
    for org_id, points, max_points in query:
        sums[org_id][0] += points
        sums[org_id][1] += max_points
    return {org: p / m * 100 for org, (p, m) in sums.items()}


def test_inspections_score_every_item_and_weak_villages_are_lowest_twice(demo_db):
    items = {i.id for i in template_items(ScoreTemplate.get())}
    for inspection in Inspection.select():
        scored = {s.item_id for s in InspectionScore.select().where(InspectionScore.inspection == inspection)}
        assert scored == items
    assert {(i.quarter, i.date) for i in Inspection.select()} == {
        ("2022Q2", dt.date(2022, 7, 5)),
        ("2022Q3", dt.date(2022, 10, 8)),
    }
    q2, q3 = _totals("2022Q2"), _totals("2022Q3")
    assert len(q2) == len(q3) == 14
    lowest_q2 = set(sorted(q2, key=q2.get)[:2])
    lowest_q3 = set(sorted(q3, key=q3.get)[:2])
    assert lowest_q2 == lowest_q3
    assert all(0 < t <= 100 for t in q2.values())
    disposals = {d.org_id for d in Disposal.select()}
    assert lowest_q2 <= disposals
    remarks = InspectionScore.select().where(InspectionScore.points < 5, InspectionScore.remark != "")
    assert remarks.count() > 0


def test_computed_items_are_what_the_program_computes(demo_db):
    from app.inspection.scoring import fill_scores

    for inspection in Inspection.select().where(
        Inspection.org.in_([o.id for o in Organisation.branches()][:4])
    ):
        before = {
            s.item_id: (s.points, s.computed, s.not_applicable)
            for s in InspectionScore.select().where(InspectionScore.inspection == inspection)
        }
        after = {s.item_id: (s.points, s.computed, s.not_applicable) for s in fill_scores(inspection)}
        assert after == before
    computed = InspectionScore.select().join(ScoreItem).where(ScoreItem.rule != "")
    assert computed.where(InspectionScore.computed.is_null(False)).count() > 0
    assert InspectionScore.select().where(InspectionScore.not_applicable == True).count() > 0  # noqa: E712


def test_problem_ledger_has_every_story(demo_db):
    problems = Problem.select()
    assert {p.state for p in problems} >= {"整改中", "已整改", "已销号"}
    assert any(p.state in ("待整改", "整改中") and p.deadline < END for p in problems)
    assert any(p.rectified and p.rectified > p.deadline for p in problems)
    assert Problem.select().where(Problem.accountability != "").count() == 1
    results = Counter(c.result for c in ProblemCheck.select())
    assert results["通过"] > 0 and results["未通过"] > 0
    failed = ProblemCheck.get(ProblemCheck.result == "未通过").problem
    assert failed.reopened == 1 and failed.state == "整改中"
    assert all(p.inspection_id for p in problems)


def test_the_q2_notice(demo_db):
    notice = Notice.get()
    assert (notice.number, notice.year, notice.date, notice.quarter) == (
        5,
        2022,
        dt.date(2022, 7, 8),
        "2022Q2",
    )
    assert notice.doc_no == "高党发〔2022〕5号"
    q2 = _totals("2022Q2")
    bottom = sorted(q2, key=q2.get)[:3]
    for org_id in bottom:
        assert Organisation.get_by_id(org_id).short_name in notice.body


def test_private_names_stay_out_of_the_notice(demo_db):
    body = Notice.get().body
    assert not any(k.name in body for k in KeyPerson.select())
    assert not any(m.phone in body or m.id_number in body for m in Member.select())


def test_records_are_written_by_their_village_or_the_town(demo_db):
    codes = {o.code for o in Organisation.select() if o.kind == "镇党委" or o.kind in BRANCH_KINDS}
    origins = {o for model in EXCHANGE_TYPES for (o,) in model.select(model.origin).distinct().tuples()}
    assert origins <= codes


def test_cli_demo_writes_a_small_town_and_refuses_a_second_time(tmp_path, capsys):
    from app.cli import main

    path = tmp_path / "town.sqlite3"
    args = ["demo", "--db", str(path), "--villages", "3", "--members-per-village", "12", "--seed", "5"]
    assert main([*args, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] and result["counts"]["member"] == 36
    assert result["counts"]["organisation"] > 3
    assert main(args) == 1
    assert "已有党组织" in capsys.readouterr().err
    open_database(path)
    assert Member.select().count() == 36  # nothing added by the refused run
    close_database()


def test_cli_demo_prints_counts_in_chinese(tmp_path, capsys):
    from app.cli import main

    assert (
        main(["demo", "--db", str(tmp_path / "t.sqlite3"), "--villages", "2", "--members-per-village", "9"])
        == 0
    )
    out = capsys.readouterr().out
    assert "党员：18 条" in out and "督查得分" in out


def test_cli_demo_refuses_impossible_sizes(tmp_path, capsys):
    from app.cli import main

    path = tmp_path / "t.sqlite3"
    assert main(["demo", "--db", str(path), "--villages", "0"]) == 1
    assert main(["demo", "--db", str(path), "--members-per-village", "3"]) == 1
    assert "每村党员人数" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["demo", "--db", str(path), "--villages", "many"])
    assert usage.value.code == 2


def test_same_database_in_processes_with_different_hash_seeds(tmp_path):
    import os
    import sqlite3
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    dumps = []
    for hash_seed in ("1", "4242"):
        path = tmp_path / f"h{hash_seed}.sqlite3"
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        command = [sys.executable, "-m", "app", "demo", "--db", str(path), "--villages", "4"]
        done = subprocess.run(
            [*command, "--members-per-village", "10"], cwd=root, env=env, capture_output=True
        )
        assert done.returncode == 0, done.stderr.decode()
        connection = sqlite3.connect(str(path))
        dumps.append(list(connection.iterdump()))
        connection.close()
    assert dumps[0] == dumps[1] and len(dumps[0]) > 1000

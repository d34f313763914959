"""The ledger workbook in the office layout, and the PDFs (ledger, dispatch sheet, wall chart)."""

import datetime as dt
import subprocess

import pytest
from delivery_town import D
from delivery_town import build_town
from hand_built import june_problem
from hand_built import reopened_problem
from openpyxl import load_workbook

from app.delivery.ledger import HEADINGS
from app.delivery.ledger import export_ledger
from app.delivery.ledger import ledger_rows
from app.delivery.problems import record_check
from app.delivery.schedule import plan_backwards
from app.delivery.tasks import TaskDefinition
from app.delivery.tasks import issue_task
from app.printing.delivery import print_dispatch
from app.printing.delivery import print_ledger
from app.printing.delivery import print_wall_chart
from models import Problem
from models import ProblemCheck
from models import Progress
from models.fields import CELL_TEXT_LIMIT


def _ledger_town():
    villages = build_town()
    june_problem(villages["西坪村"], description="=SUM(A1) 党务公开栏未更新", plan="每月更新")
    reopened_problem(villages["东沟村"])
    closed = june_problem(
        villages["东沟村"],
        found=D(2022, 6, 25),
        description="主题党日未固定",
        plan="固定每月5日",
        state="已销号",
        rectified=D(2022, 7, 1),
        closed=D(2022, 7, 20),
    )
    record_check(closed, "回头看", D(2022, 7, 15), "通过")
    return villages


def test_ledger_rows_say_what_offices_write(db):
    _ledger_town()
    rows = ledger_rows(D(2022, 8, 5))
    assert [r.village for r in rows] == ["东沟村", "东沟村", "西坪村"]
    reopened, closed, late = rows
    assert reopened.reopened and "重新整改1次" in reopened.remark
    assert reopened.overdue and "已逾期16天" in reopened.remark
    assert closed.closed == "2022年7月20日" and "回头看通过" in closed.remark and not closed.overdue
    assert late.overdue and late.number == 3


def test_workbook_layout(db, tmp_path):
    _ledger_town()
    out = tmp_path / "台账.xlsx"
    assert export_ledger(out, D(2022, 8, 5)) == 3
    assert not (tmp_path / "台账.xlsx.part").exists()
    sheet = load_workbook(out).active
    assert "问题整改台账" in sheet["A1"].value
    assert "A1:J1" in {str(r) for r in sheet.merged_cells.ranges}
    assert [sheet.cell(row=3, column=c).value for c in range(1, 11)] == [h for h, _w in HEADINGS]
    assert [sheet.cell(row=r, column=1).value for r in (4, 5, 6)] == [1, 2, 3]
    formula_like = sheet.cell(row=6, column=4)
    assert formula_like.value.startswith("=SUM") and formula_like.data_type == "s"
    assert sheet.cell(row=4, column=4).border.left.style == "thin"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.cell(row=4, column=10).font.color.rgb.endswith("C00000")  # overdue in red
    deadline = sheet.cell(row=4, column=7)
    assert isinstance(deadline.value, dt.datetime) and deadline.is_date  # a real date, sortable
    assert sheet.auto_filter.ref == "A3:J6"  # 筛选 on the headings
    assert "制表人" in sheet.cell(row=8, column=1).value and "审核人" in sheet.cell(row=8, column=1).value
    margins = sheet.page_margins
    assert margins.footer < margins.bottom  # the page-number footer sits inside the margin


def _pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout


@pytest.fixture
def pdftotext():
    try:
        subprocess.run(["pdftotext", "-v"], capture_output=True, check=False)
    except FileNotFoundError:
        pytest.skip("pdftotext (poppler-utils) is not installed")


def test_ledger_pdf_is_chinese_text(db, tmp_path, pdftotext):
    _ledger_town()
    out = tmp_path / "台账.pdf"
    assert print_ledger(out, D(2022, 8, 5)) == 3
    text = _pdf_text(out)
    assert "问题整改台账" in text and "三会一课记录不全" in text and "王建国" in text
    assert "制表人" in text and "审核人" in text
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "问题整改台账" in info.split("Title:")[1].splitlines()[0]  # a Chinese title, not “台账”


def test_dispatch_sheet_names_missing_villages(db, tmp_path, pdftotext):
    villages = build_town()
    steps = plan_backwards(D(2022, 8, 31), [("实施", 30)], weekends=True)
    definition = TaskDefinition("党建品牌创建", "抓品牌", D(2022, 5, 1), D(2022, 8, 31), owner="包村干部")
    east, _west = issue_task(definition, [villages["东沟村"], villages["西坪村"]], steps)
    Progress.create(task=east, month=D(2022, 6, 1), percent=50, done="完成方案")
    out = tmp_path / "调度.pdf"
    assert print_dispatch(out, D(2022, 6, 1)) == 2
    text = _pdf_text(out)
    assert "2022年6月调度表" in text and "未报送：西坪村（1项）" in text and "完成方案" in text


def test_wall_chart_pages(db, tmp_path, pdftotext):
    villages = build_town()
    steps = plan_backwards(D(2022, 8, 31), [("摸底", 10), ("实施", 30), ("验收", 5)], weekends=True)
    definition = TaskDefinition("人居环境整治", "抓落实", D(2022, 5, 1), D(2022, 8, 31), owner="包村干部")
    issue_task(definition, [villages["东沟村"], villages["西坪村"], villages["南川社区"]], steps)
    a3 = tmp_path / "挂图A3.pdf"
    assert print_wall_chart(a3, D(2022, 9, 5), "village", "A3") == 1
    text = _pdf_text(a3)
    assert "挂图作战" in text and "南川社区党支部" in text and "逾期事项 12 个" in text
    with pytest.raises(ValueError, match="A3 或 A4"):
        print_wall_chart(tmp_path / "x.pdf", D(2022, 9, 5), paper="B5")


def test_ledger_and_wallchart_commands(db_location, db, tmp_path, capsys):
    from app.cli import main

    _ledger_town()
    path = str(db_location)
    out = tmp_path / "台账.xlsx"
    assert main(["ledger", "--db", path, "--today", "2022-08-05", "--out", str(out)]) == 0
    assert "逾期 2 个" in capsys.readouterr().out and out.exists()
    # without --today: the campaign's last day, as the window and check judge (not years later)
    assert main(["ledger", "--db", path, "--json"]) == 0
    by_default = capsys.readouterr().out
    assert main(["ledger", "--db", path, "--json", "--today", "2022-11-30"]) == 0
    assert capsys.readouterr().out == by_default
    assert main(["ledger", "--db", path, "--out", str(tmp_path / "台账.docx")]) == 1
    assert "不支持" in capsys.readouterr().err
    assert main(["ledger", "--db", path, "--org", "NOPE"]) == 1
    chart = tmp_path / "挂图.pdf"
    assert (
        main(["wallchart", "--db", path, "--out", str(chart), "--paper", "A4", "--today", "2022-08-05"]) == 0
    )
    assert chart.exists()


def test_key_person_never_reaches_the_ledger(db, tmp_path, pdftotext):
    from models import KeyPerson

    villages = _ledger_town()
    KeyPerson.create(org=villages["东沟村"], name="马桂花", kind="独居老人", phone="13912345678")
    Problem.create(
        org=villages["东沟村"],
        source="暗访",
        found=D(2022, 7, 1),
        description="独居老人马桂花（电话13912345678）帮扶人未落实走访",
        plan="明确帮扶人",
        responsible="王建国",
        deadline=D(2022, 7, 30),
    )
    rows = ledger_rows(D(2022, 8, 5))
    masked = next(r for r in rows if "帮扶人" in r.description)
    assert "马桂花" not in masked.description and "13912345678" not in masked.description
    out = tmp_path / "台账.xlsx"
    export_ledger(out, D(2022, 8, 5))
    cells = [str(c.value) for row in load_workbook(out).active.iter_rows() for c in row]
    assert not any("马桂花" in c for c in cells) and any("××" in c for c in cells)
    pdf = tmp_path / "台账.pdf"
    print_ledger(pdf, D(2022, 8, 5))
    text = _pdf_text(pdf)
    assert "××（电话××）" in text and "马桂花" not in text


def test_overdue_notice(db, tmp_path, pdftotext):
    from app.delivery.problems import overdue_problems
    from app.printing.notice import NothingToPrint
    from app.printing.overdue_notice import KIND
    from app.printing.overdue_notice import draft_overdue_body
    from app.printing.overdue_notice import print_overdue_notice
    from models import Notice

    _ledger_town()
    day = D(2022, 8, 5)
    body = draft_overdue_body(day, overdue_problems(day))
    assert "2个党组织的2个问题" in body and "回头看未通过" in body and "已逾期16天" in body
    out = tmp_path / "通报.pdf"
    notice = print_overdue_notice(out, day)
    assert notice.kind == KIND and notice.doc_no.endswith("〔2022〕1号")
    text = _pdf_text(out)
    assert "逾期未整改" in text and "东沟村党支部" in text
    # the same day gives the same notice (no second number)
    assert print_overdue_notice(out, day).id == notice.id
    assert Notice.select().count() == 1
    with pytest.raises(NothingToPrint, match="没有逾期"):
        draft_overdue_body(D(2022, 7, 1), overdue_problems(D(2022, 7, 1)))


def test_ledger_command_prints_the_notice(db_location, db, tmp_path, capsys):
    from app.cli import main

    _ledger_town()
    out = tmp_path / "通报.pdf"
    assert main(["ledger", "--db", str(db_location), "--today", "2022-08-05", "--notice", str(out)]) == 0
    assert "〔2022〕1号" in capsys.readouterr().out and out.exists()
    assert main(["ledger", "--db", str(db_location), "--today", "2022-07-01", "--notice", str(out)]) == 1
    assert "没有逾期" in capsys.readouterr().err


def _many_problems(villages: list, count: int) -> None:
    """``count`` problems spread over the villages, every other one with a passed 回头看."""
    for table in (ProblemCheck, Problem):
        table.delete().execute()
    for n in range(count):
        problem = Problem.create(
            org=villages[n % len(villages)],
            source="季督查",
            description=f"问题{n}",
            plan="整改",
            responsible="王建国",
            found=D(2022, 6, 1) + dt.timedelta(days=n % 20),
            deadline=D(2022, 7, 20),
            state="已整改" if n % 2 else "待整改",
            rectified=D(2022, 7, 10) if n % 2 else None,
        )
        if n % 2:
            ProblemCheck.create(problem=problem, kind="回头看", date=D(2022, 7, 15), result="通过")


def _queries(db, monkeypatch, work) -> int:
    """How many SQL statements ``work()`` sends to the database."""
    sent = []
    execute_sql = db.execute_sql

    def counting(sql, params=None, *args, **kwargs):
        sent.append(sql)
        return execute_sql(sql, params, *args, **kwargs)

    monkeypatch.setattr(db, "execute_sql", counting)
    try:
        work()
    finally:
        monkeypatch.undo()
    return len(sent)


@pytest.mark.parametrize("write", ["xlsx", "pdf"])
def test_the_ledger_costs_the_same_queries_for_10_and_40_problems(db, tmp_path, monkeypatch, write):
    villages = [v for k, v in build_town().items() if k != "town"]

    def ledger_of(count: int) -> int:
        _many_problems(villages, count)
        out = tmp_path / f"台账{count}.{write}"
        printer = export_ledger if write == "xlsx" else print_ledger
        sent = _queries(db, monkeypatch, lambda: printer(out, D(2022, 8, 5)))
        assert out.exists()
        return sent

    few = ledger_of(10)
    many = ledger_of(40)
    assert few == many, f"10 problems: {few} queries, 40 problems: {many}"
    assert len(ledger_rows(D(2022, 8, 5))) == 40
    assert sum("回头看通过" in r.remark for r in ledger_rows(D(2022, 8, 5))) == 20


def test_a_ledger_dated_back_shows_nothing_that_happened_after_its_date(db, tmp_path):
    _ledger_town()
    Problem.create(  # found after the date the ledger is made for
        org=Problem.select().first().org,
        source="季督查",
        found=D(2022, 7, 18),
        description="后来发现的问题",
        responsible="王建国",
        deadline=D(2022, 8, 18),
    )
    rows = {r.description: r for r in ledger_rows(D(2022, 7, 5))}
    assert "后来发现的问题" not in rows
    closed = rows["主题党日未固定"]  # rectified 7-1, checked 7-15, closed 7-20
    assert closed.closed == "" and closed.closed_date is None
    assert closed.progress.startswith("已整改，2022年7月1日整改完成") and "回头看通过" not in closed.remark
    reopened = rows["三会一课记录不全"]  # rectified 7-10, 回头看 failed 8-1
    assert (
        reopened.progress.startswith("整改中") and not reopened.reopened and "重新整改" not in reopened.remark
    )
    # and the stored problems were not touched
    assert Problem.get(Problem.description == "主题党日未固定").state == "已销号"
    export_ledger(tmp_path / "7月5日台账.xlsx", D(2022, 7, 5))
    sheet = load_workbook(tmp_path / "7月5日台账.xlsx").active
    assert "后来发现的问题" not in [c.value for c in sheet["D"]]


@pytest.mark.sqlite_only(
    "writes values longer than their columns allow, which only SQLite keeps (PostgreSQL refuses them)"
)
def test_a_text_longer_than_a_cell_is_cut_where_the_cell_says_so(db, tmp_path):
    villages = build_town()
    june_problem(villages["西坪村"], description="党" * (CELL_TEXT_LIMIT + 100), plan="每月更新")
    out = tmp_path / "台账.xlsx"
    export_ledger(out, D(2022, 8, 5))
    texts = [
        c.value for row in load_workbook(out)["问题台账"].iter_rows() for c in row if isinstance(c.value, str)
    ]
    cut = next(t for t in texts if t.startswith("党党党"))
    assert len(cut) <= CELL_TEXT_LIMIT and f"共 {CELL_TEXT_LIMIT + 100} 字" in cut and "以下从略" in cut

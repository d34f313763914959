"""Every table of the program, in dependency order, and the record types by tab and for exchange."""

from __future__ import annotations

from . import brand
from . import campaign
from . import conduct
from . import delivery
from . import log
from . import org
from . import review
from . import service
from . import study
from .db import BaseModel
from .db import Record

# The record types people keep, per tab of the main window, in the order shown.
_STUDY = (study.StudyPlan, study.StudySession, study.OnlineStudy, study.Training, study.Reflection)
_SERVICE = (
    service.Visit,
    service.Deed,
    service.Service,
    service.SolvedProblem,
    service.KeyPerson,
    service.HelpVisit,
    service.Post,
    service.ServiceRequest,
)
_CONDUCT = (
    conduct.Meeting,
    conduct.Attendance,
    conduct.Review,
    conduct.Team,
    conduct.BirthdayCeremony,
    conduct.BirthdayHonoree,
    conduct.Activity,
    conduct.Disclosure,
)
_BRAND = (brand.Brand, brand.Observation)
_TASKS = (delivery.KeyTask, delivery.Milestone, delivery.Progress)
_CHECKS = (
    delivery.Inspection,
    delivery.InspectionScore,
    delivery.Problem,
    delivery.ProblemCheck,
    delivery.Notice,
    delivery.Disposal,
)
_SCORECARD = (delivery.ScoreTemplate, delivery.ScoreSection, delivery.ScoreItem)
_ORG = (org.Organisation, org.Member, org.SecretaryTerm)

RECORD_TYPES: dict[str, tuple[type[Record], ...]] = {
    "抓学习": _STUDY,
    "抓制度": _SERVICE,
    "抓作风": _CONDUCT,
    "抓品牌": _BRAND,
    "抓落实": (*_TASKS, *_CHECKS, *_SCORECARD),  # the scorecard is set up once: last
    "基础信息": _ORG,
}

# Every table, in an order where a table comes after those it refers to (the scorecard
# before the inspections' scores).
ALL_TABLES: tuple[type[BaseModel], ...] = (
    campaign.Setting,
    campaign.Campaign,
    campaign.Phase,
    *_ORG,
    *_STUDY,
    *_SERVICE,
    *_CONDUCT,
    *_BRAND,
    *_TASKS,
    *_SCORECARD,
    *_CHECKS,
    review.SendBack,
    review.Receipt,
    log.ImportLog,
    log.AuditEntry,
    log.ExchangeMark,
)

# Every record type that travels in exchange files (has a UUID, origin, times, deleted mark).
EXCHANGE_TYPES: tuple[type[Record], ...] = tuple(
    t for t in ALL_TABLES if isinstance(t, type) and issubclass(t, Record)
)


def record_type(table_name: str) -> type[Record]:
    """The record type stored in the table ``table_name``."""
    for t in EXCHANGE_TYPES:
        if t._meta.table_name == table_name:
            return t
    raise KeyError(table_name)

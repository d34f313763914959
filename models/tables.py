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

# Every table, in an order where a table comes after those it refers to.
ALL_TABLES: tuple[type[BaseModel], ...] = (
    campaign.Setting,
    campaign.Campaign,
    campaign.Phase,
    org.Organisation,
    org.Member,
    org.SecretaryTerm,
    study.StudyPlan,
    study.StudySession,
    study.OnlineStudy,
    study.Training,
    study.Reflection,
    service.Visit,
    service.Deed,
    service.Service,
    service.SolvedProblem,
    service.KeyPerson,
    service.HelpVisit,
    service.Post,
    service.ServiceRequest,
    conduct.Meeting,
    conduct.Attendance,
    conduct.Review,
    conduct.Team,
    conduct.BirthdayCeremony,
    conduct.BirthdayHonoree,
    conduct.Activity,
    conduct.Disclosure,
    brand.Brand,
    brand.Observation,
    delivery.KeyTask,
    delivery.Milestone,
    delivery.Progress,
    delivery.ScoreTemplate,
    delivery.ScoreSection,
    delivery.ScoreItem,
    delivery.Inspection,
    delivery.InspectionScore,
    delivery.Problem,
    delivery.ProblemCheck,
    delivery.Notice,
    delivery.Disposal,
    review.SendBack,
    review.Receipt,
    log.ImportLog,
    log.AuditEntry,
    log.ExchangeMark,
)

# The record types people keep, per tab of the main window, in the order shown.
RECORD_TYPES: dict[str, tuple[type[Record], ...]] = {
    "抓学习": (study.StudyPlan, study.StudySession, study.OnlineStudy, study.Training, study.Reflection),
    "抓制度": (
        service.Visit,
        service.Deed,
        service.Service,
        service.SolvedProblem,
        service.KeyPerson,
        service.HelpVisit,
        service.Post,
        service.ServiceRequest,
    ),
    "抓作风": (
        conduct.Meeting,
        conduct.Attendance,
        conduct.Review,
        conduct.Team,
        conduct.BirthdayCeremony,
        conduct.BirthdayHonoree,
        conduct.Activity,
        conduct.Disclosure,
    ),
    "抓品牌": (brand.Brand, brand.Observation),
    "抓落实": (
        delivery.KeyTask,
        delivery.Milestone,
        delivery.Progress,
        delivery.Inspection,
        delivery.InspectionScore,
        delivery.Problem,
        delivery.ProblemCheck,
        delivery.Notice,
        delivery.Disposal,
        delivery.ScoreTemplate,
        delivery.ScoreSection,
        delivery.ScoreItem,
    ),
    "基础信息": (org.Organisation, org.Member, org.SecretaryTerm),
}

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

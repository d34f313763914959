"""Every table of the program, in dependency order, and the record types by tab and for exchange."""

from __future__ import annotations

from .brand import Brand, Observation
from .campaign import Campaign, Phase, Setting
from .conduct import (
    Activity,
    Attendance,
    BirthdayCeremony,
    BirthdayHonoree,
    Disclosure,
    Meeting,
    Review,
    Team,
)
from .db import BaseModel, Record
from .delivery import (
    Disposal,
    Inspection,
    InspectionScore,
    KeyTask,
    Milestone,
    Notice,
    Problem,
    ProblemCheck,
    Progress,
    ScoreItem,
    ScoreSection,
    ScoreTemplate,
)
from .log import AuditEntry, ExchangeMark, ImportLog
from .org import Member, Organisation, SecretaryTerm
from .service import (
    Deed,
    HelpVisit,
    KeyPerson,
    Post,
    Service,
    ServiceRequest,
    SolvedProblem,
    Visit,
)
from .study import OnlineStudy, Reflection, StudyPlan, StudySession, Training

# Every table, in an order where a table comes after those it refers to.
ALL_TABLES: tuple[type[BaseModel], ...] = (
    Setting,
    Campaign,
    Phase,
    Organisation,
    Member,
    SecretaryTerm,
    StudyPlan,
    StudySession,
    OnlineStudy,
    Training,
    Reflection,
    Visit,
    Deed,
    Service,
    SolvedProblem,
    KeyPerson,
    HelpVisit,
    Post,
    ServiceRequest,
    Meeting,
    Attendance,
    Review,
    Team,
    BirthdayCeremony,
    BirthdayHonoree,
    Activity,
    Disclosure,
    Brand,
    Observation,
    KeyTask,
    Milestone,
    Progress,
    ScoreTemplate,
    ScoreSection,
    ScoreItem,
    Inspection,
    InspectionScore,
    Problem,
    ProblemCheck,
    Notice,
    Disposal,
    ImportLog,
    AuditEntry,
    ExchangeMark,
)

# The record types people keep, per tab of the main window, in the order shown.
RECORD_TYPES: dict[str, tuple[type[Record], ...]] = {
    "抓学习": (StudyPlan, StudySession, OnlineStudy, Training, Reflection),
    "抓制度": (Visit, Deed, Service, SolvedProblem, KeyPerson, HelpVisit, Post, ServiceRequest),
    "抓作风": (Meeting, Attendance, Review, Team, BirthdayCeremony, BirthdayHonoree, Activity, Disclosure),
    "抓品牌": (Brand, Observation),
    "抓落实": (
        KeyTask,
        Milestone,
        Progress,
        Inspection,
        InspectionScore,
        Problem,
        ProblemCheck,
        Notice,
        Disposal,
        ScoreTemplate,
        ScoreSection,
        ScoreItem,
    ),
    "基础信息": (Organisation, Member, SecretaryTerm),
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

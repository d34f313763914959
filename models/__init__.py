"""The campaign's data model: peewee tables on one SQLite database (no Qt, no Excel, no PDF)."""

from __future__ import annotations

from .brand import Brand, Observation
from .campaign import TRACK_TITLES, TRACKS, Campaign, Phase, Setting, create_default_campaign
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
from .db import BaseModel, Record, database, now
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
from .opening import close_database, open_database
from .org import BRANCH_KINDS, Member, Organisation, SecretaryTerm
from .review import ACCEPTED, RESUBMITTED, SEND_BACK_STATES, SENT_BACK, Receipt, SendBack
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
from .tables import ALL_TABLES, EXCHANGE_TYPES, RECORD_TYPES, record_type

__all__ = [name for name in dir() if not name.startswith("_")]

"""基础信息: organisations (镇党委, 党总支, 村/社区党支部, 党小组) and Party members."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from .db import Record
from .fields import About
from .fields import Date
from .fields import Integer
from .fields import LongText
from .fields import Ref
from .fields import Text
from .fields import YesNo

ORG_KINDS = ("镇党委", "党总支", "村党支部", "社区党支部", "党小组")
BRANCH_KINDS = ("党总支", "村党支部", "社区党支部")  # the units that are inspected and ranked


class Organisation(Record):
    code = Text(
        "组织代码",
        required=True,
        unique=True,
        max_length=32,
        help="镇党委编码，如 ZD；村党支部在其后加两位序号，如 ZD01；党小组再加两位，如 ZD0101",
    )
    name = Text("组织名称", required=True, help="如：××村党支部")
    short_name = Text("简称", help="如：××村；通报和排名表中使用")
    kind = Text("组织类别", required=True, choices=ORG_KINDS)
    parent = Ref("self", "上级组织", backref="children")
    parent_id: int | None  # peewee's accessor for the key, for the type checker
    secretary = Text("书记", help="党组织书记姓名")
    secretary_phone = Text("书记电话", sensitive=True, in_table=False, max_length=20)
    sort_order = Integer("排序", default=0, in_table=False)
    address = Text("地址", in_table=False)
    note = LongText("备注")

    Meta = About("党组织", key=("code",), one_per_key=True, track="基础信息")

    @property
    def label(self) -> str:
        return self.short_name or self.name

    def __str__(self) -> str:
        return self.name

    @classmethod
    def branches(cls):
        """The village and community branches that the town inspects and ranks."""
        return cls.live().where(cls.kind.in_(BRANCH_KINDS)).order_by(cls.sort_order, cls.code)

    @classmethod
    def matching(cls, text: str) -> list[Organisation]:
        """The live organisations ``text`` names: by code (full-width or any case), else by full or short name."""
        wanted = "".join(unicodedata.normalize("NFKC", text).split())
        if not wanted:
            return []
        by_code = list(cls.live().where(cls.code == wanted.upper()))
        if by_code:
            return by_code
        return list(cls.live().where((cls.name == wanted) | (cls.short_name == wanted)).order_by(cls.code))

    @classmethod
    def town(cls) -> Organisation | None:
        return cls.live().where(cls.kind == "镇党委").order_by(cls.id).first()


MEMBER_STATUS = ("正式党员", "预备党员")
GENDERS = ("男", "女")
POST_STATUS = ("有职", "无职")
EDUCATION = ("小学及以下", "初中", "高中/中专", "大专", "本科", "研究生")


class Member(Record):
    org = Ref(Organisation, "所在支部", required=True, backref="members")
    group = Ref(Organisation, "党小组", help="所在党小组（可不填）")
    name = Text("姓名", required=True, max_length=40)
    gender = Text("性别", choices=GENDERS, max_length=4, help="填写身份证号后可不填，保存时按身份证号填入")
    ethnicity = Text("民族", max_length=20, in_table=False, help="如：汉族、回族、东乡族")
    birth_date = Date("出生日期", in_table=False, help="填写身份证号后可不填，保存时按身份证号填入")
    education = Text("学历", choices=EDUCATION, in_table=False)
    status = Text("党员类别", required=True, choices=MEMBER_STATUS, default="正式党员")
    join_date = Date("入党日期", required=True, help="即“政治生日”；预备党员为接收日期")
    full_date = Date("转正日期", in_table=False, help="预备党员转为正式党员的日期")
    post_status = Text("有职/无职", required=True, choices=POST_STATUS, default="无职")
    post_title = Text("职务", help="如：支部书记、支部委员、村监委会主任")
    phone = Text("联系电话", sensitive=True, max_length=20, in_table=False)
    id_number = Text(
        "身份证号",
        sensitive=True,
        max_length=18,
        in_table=False,
        id_number=True,
        help="18位公民身份号码；出生日期和性别随之填入",
    )
    address = Text("住址", in_table=False)
    is_active = YesNo("在册", default=True, help="转出、去世等不在册的党员取消勾选")
    note = LongText("备注")

    Meta = About(
        "党员", key=("org", "name"), key_index="plain", track="基础信息", sort_by="name"
    )  # a roster: names by pinyin

    def __str__(self) -> str:
        return self.name

    @classmethod
    def active(cls, *fields, org_ids: Iterable[int] | None = None):
        """The members on the roll (在册, not deleted): of the town, or of the branches ``org_ids``."""
        query = cls.live(*fields).where(cls.is_active == True)  # noqa: E712 (a peewee expression)
        if org_ids is not None:
            query = query.where(cls.org.in_(list(org_ids)))
        return query


class SecretaryTerm(Record):
    """Who was a branch's secretary from when (for 处置 and 述职评议 history)."""

    org = Ref(Organisation, "党组织", required=True)
    member = Ref(Member, "书记", help="从本支部党员中选择，书记姓名随之填入")
    name = Text("书记姓名", required=True, help="不是本支部党员时直接填写姓名")
    start = Date("任职日期", required=True)
    end = Date("离任日期")

    Meta = About("书记任职", key=("org", "start"), track="基础信息")


__all__ = ["BRANCH_KINDS", "Member", "ORG_KINDS", "Organisation", "SecretaryTerm"]

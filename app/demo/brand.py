"""抓品牌 for the demo town: a 党建品牌 for most branches (a couple have none) and
观摩交流 events hosted by the strongest villages."""

from __future__ import annotations

from models import Brand
from models import Observation

from .common import MONTHS
from .common import day_in
from .town import Town
from .writer import Writer

BRANDS = (
    ("乡村振兴", "“红色引擎·产业兴村”", "支部＋合作社＋农户，党员带头发展中药材和马铃薯产业"),
    ("人居环境", "“党旗红·家园美”", "党员责任区包片，带头整治房前屋后"),
    ("产业发展", "“党建＋产业”先锋链", "党员示范户带动群众种植高原夏菜"),
    ("民生保障", "“暖心驿站”", "党员结对帮扶独居老人和留守儿童"),
    ("信访维稳", "“党员调解室”", "老党员参与矛盾纠纷调解，小事不出村"),
    ("项目建设", "“项目一线党旗红”", "党员突击队服务村内重点项目建设"),
)


def build_brand(w: Writer, town: Town) -> None:
    """Queue brands and observation events."""
    rng = w.rng
    weak = [b for b in town.branches if b.weak]
    others = [b for b in town.branches if not b.weak]
    # A weak village and one ordinary one have no brand yet.
    without = {weak[-1].id} if weak else set()
    if others:
        without.add(rng.choice(others).id)
    for branch in town.branches:
        if branch.id in without:
            continue
        field, name, idea = rng.choice(BRANDS)
        day = day_in(rng, rng.choice(MONTHS[:5]))
        w.add(
            Brand,
            day,
            branch.code,
            org=branch.id,
            name=f"{branch.short}{name}",
            field=field,
            founded=day,
            level=rng.choice(("培育中", "镇级", "镇级", "区级")),
            idea=idea,
            measures="明确品牌创建目标，党员亮身份、作承诺。",
            results="群众满意度明显提高。",
        )
    hosts = sorted(others, key=lambda b: -b.strength)[:3]
    for index, host in enumerate(hosts):
        day = day_in(rng, MONTHS[3 + index * 2], 10, 25)
        guests = [b.short for b in town.branches if b is not host]
        visitors = rng.sample(guests, min(len(guests), 5))
        w.add(
            Observation,
            day,
            town.code,
            host=host.id,
            date=day,
            title="党建引领促发展、观摩交流共提升",
            visitors="、".join(visitors),
            participants=rng.randint(25, 60),
            points=f"{host.short}党群服务中心、产业示范基地",
            outcome="学习了支部带产业、党员带群众的做法。",
        )

"""Words that point back at something named before: 当天/同日 at the day the text named last, 这片园区 at the zone
before it, 区内 at no district; and the parts of an aggregate at its place."""

from __future__ import annotations

import pytest

from tests.extract_zh.test_announcements import run

EVENT = "6月9日，南通产业园举行重大项目集中开工仪式，开工项目16个，总投资141.6亿元。"


@pytest.mark.parametrize(
    ("text", "published", "date"),
    [
        # the event's day, not the publication's six days later
        (EVENT + "其中，华锐医疗器械有限公司投资12亿元的新材料项目当天动工。", "2024-06-15", "2024-06-09"),
        (EVENT + "同日，华锐医疗器械有限公司投资12亿元的新材料项目签约。", "2024-06-15", "2024-06-09"),
        (
            "昨日，南通产业园举行集中开工仪式。华锐医疗器械有限公司投资12亿元的新材料项目当天动工。",
            "2024-06-15",
            "2024-06-14",
        ),
        # no day named before: the publication day, as before
        ("华锐医疗器械有限公司投资12亿元的新材料项目当天在南通产业园动工。", "2024-06-15", "2024-06-15"),
    ],
)
def test_the_same_day_is_the_day_named_before(text: str, published: str, date: str) -> None:
    last = run(text, published)[-1]
    assert last.date is not None and last.date.iso() == date


@pytest.mark.parametrize(
    ("between", "place"),
    [
        ("兰州这片园区始建于2016年，规划面积约40平方公里。", "兰州开发区"),  # a reference, not a zone "兰州这片园区"
        ("据管委会介绍，目前区内已聚集企业700余家。", "兰州开发区"),  # no district "目前区"
        ("兰州多所高校与企业共建联合实验室。", "兰州开发区"),  # a city named between: the part is at the aggregate's
    ],
)
def test_a_part_between_references_is_at_its_aggregates_place(between: str, place: str) -> None:
    text = (
        "3月24日，兰州开发区重大项目集中签约，签约项目15个，总投资327.4亿元。"
        + between
        + "其中，华锐医疗器械有限公司投资12亿元的半导体封装测试项目当天签约。"
    )
    aggregate, part = run(text)
    assert part.parent == aggregate.id and part.place is not None and part.place.name == place


def test_a_park_an_amount_is_spent_on_is_no_place() -> None:
    text = EVENT.replace("南通产业园", "福州综合保税区") + "其中，汇通储能研究院投资1.9亿元的新材料产业园当天动工。"
    part = run(text)[-1]
    assert part.place is not None and part.place.name == "福州综合保税区"


def test_a_part_naming_its_own_park_keeps_it() -> None:
    text = EVENT + "其中，华锐医疗器械有限公司在苏通科技产业园投资12亿元建设新材料项目。"
    part = run(text)[-1]
    assert part.place is not None and part.place.name == "苏通科技产业园"

"""The benchmark's accuracy tally scores predictions against planted gold by score.py's rules."""

from __future__ import annotations

from typing import Any

from benchmarks.accuracy import Tally
from benchmarks.corpus import article


def as_prediction(gold: dict[str, Any]) -> dict[str, Any]:
    """The contract object an extractor would print if it found exactly the planted projects."""
    return {
        "projects": [
            {
                "investors": p["investors"],
                "amount": {"value": p["amount"], "currency": p["currency"]},
                "count": p["count"],
                "date": p["date"],
                "place": p["place"],
            }
            for p in gold["projects"]
        ]
    }


def test_a_perfect_extractor_scores_one_everywhere() -> None:
    tally = Tally()
    for i in range(40):
        a = article(3, i)
        tally.add(a.gold, as_prediction(a.gold))
    s = tally.summary()
    assert s["gold_amounts"] > 40
    assert (s["amount_f1"], s["investor_acc"], s["date_acc"], s["place_acc"], s["count_acc"]) == (1, 1, 1, 1, 1)
    assert s["negatives_taken"] == 0


def test_taking_a_non_investment_figure_costs_precision_and_is_counted() -> None:
    a = next(article(3, i) for i in range(200) if a_has_hard_negative(article(3, i)))
    prediction = as_prediction(a.gold)
    negative = next(n for n in a.gold["not_investment"] if not n["why"].startswith("subtotal"))
    prediction["projects"].append({"investors": [], "amount": {"value": negative["amount"], "currency": "CNY"}})
    tally = Tally()
    tally.add(a.gold, prediction)
    s = tally.summary()
    assert s["negatives_taken"] == 1 and s["amount_recall"] == 1 and s["amount_precision"] < 1


def test_a_wrong_currency_or_a_missed_project_is_not_a_match() -> None:
    a = next(article(3, i) for i in range(200) if len(article(3, i).gold["projects"]) >= 2)
    prediction = as_prediction(a.gold)
    prediction["projects"][0]["amount"]["currency"] = "JPY"
    prediction["projects"].pop()
    tally = Tally()
    tally.add(a.gold, prediction)
    assert tally.summary()["matched"] == len(a.gold["projects"]) - 2


def a_has_hard_negative(a: Any) -> bool:
    return any(not n["why"].startswith("subtotal") for n in a.gold["not_investment"])

"""Accuracy of extraction output against the generator's planted gold, by the same rules as score.py.

A predicted amount matches a gold one of the same currency within 0.5%; pairs are taken greedily, best
field agreement first. A prediction equal to a planted sub-total is neither right nor wrong; one equal to
any other planted non-investment figure is a false positive and also counts as a negative taken.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def _close(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    amount = pred.get("amount") or {}
    if amount.get("value") is None or (amount.get("currency") or "").upper() != gold["currency"]:
        return False
    return abs(float(amount["value"]) - float(gold["amount"])) <= 0.005 * float(gold["amount"])


def _norm(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def _investors_ok(gold: list[str], pred: list[str]) -> bool:
    if not gold:
        return not pred
    g = {_norm(n) for n in gold}
    return any(p and any(p in x or x in p for x in g) for p in map(_norm, pred))


def _date_ok(gold: str | None, pred: str | None) -> bool:
    return not gold or (bool(pred) and (pred == gold if len(gold) == 10 else pred[:7] == gold[:7]))  # type: ignore[index]


def _place_ok(gold: str | None, pred: str | None) -> bool:
    if not gold:
        return True
    g, p = _norm(gold), _norm(pred or "")
    return bool(p) and (g in p or p in g)


@dataclass
class Tally:
    """Running totals over many documents; ``summary()`` gives the figures."""

    gold: int = 0
    pred: int = 0
    matched: int = 0
    negatives: int = 0
    negatives_taken: int = 0
    fields: dict[str, list[int]] = field(
        default_factory=lambda: {k: [0, 0] for k in ("investor", "date", "place", "count")}
    )

    def add(self, gold: dict[str, Any], result: dict[str, Any]) -> None:
        golds = [g for g in gold["projects"] if g.get("amount") is not None]
        preds = [p for p in result.get("projects", []) if (p.get("amount") or {}).get("value") is not None]
        subtotals = [n for n in gold["not_investment"] if n["why"].startswith("subtotal")]
        hard = [n for n in gold["not_investment"] if not n["why"].startswith("subtotal")]
        cands = sorted(
            ((self._agreement(g, p), i, j) for i, g in enumerate(golds) for j, p in enumerate(preds) if _close(g, p)),
            key=lambda c: -c[0],
        )
        used_g: set[int] = set()
        used_p: set[int] = set()
        for _, i, j in cands:
            if i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
            g, p = golds[i], preds[j]
            self._field("investor", _investors_ok(g["investors"], p.get("investors") or []))
            self._field("date", _date_ok(g.get("date"), p.get("date")))
            self._field("place", _place_ok(g.get("place"), p.get("place")))
            self._field("count", p.get("count") == g.get("count"))
        unmatched = [p for j, p in enumerate(preds) if j not in used_p]
        neutral = sum(any(_close(n, p) for n in subtotals) for p in unmatched)
        self.gold += len(golds)
        self.pred += len(preds) - neutral
        self.matched += len(used_g)
        self.negatives += len(hard)
        self.negatives_taken += sum(any(_close(n, p) for p in unmatched) for n in hard)

    @staticmethod
    def _agreement(g: dict[str, Any], p: dict[str, Any]) -> int:
        return 2 * _investors_ok(g["investors"], p.get("investors") or []) + _date_ok(g.get("date"), p.get("date"))

    def _field(self, name: str, ok: bool) -> None:
        self.fields[name][0] += ok
        self.fields[name][1] += 1

    def summary(self) -> dict[str, float | int]:
        precision = self.matched / self.pred if self.pred else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "gold_amounts": self.gold,
            "pred_amounts": self.pred,
            "matched": self.matched,
            "amount_precision": round(precision, 3),
            "amount_recall": round(recall, 3),
            "amount_f1": round(f1, 3),
            **{f"{k}_acc": round(v[0] / v[1], 3) if v[1] else 0.0 for k, v in self.fields.items()},
            "negatives_taken": self.negatives_taken,
            "negatives": self.negatives,
        }

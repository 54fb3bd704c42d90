"""Dates a record derives from the records nested below it ("last_watered", "next_watering"
from "/plants/{}/waterings" and an interval), the list filter that keeps the records due, and a
nested record's date that is today when left out. `mark_child_dates` adds them to the plans
(`pipeline.contract.patterns`). No I/O."""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.document import PROSE, ApiOperation
from pipeline.contract.schemas import (
    Schemas,
    nested_below,
    norm,
)

_LAST = ("last", "latest", "lastest", "mostrecent", "previous")
_NEXT = ("next", "due", "upcoming")
_INTERVAL = ("every", "interval", "frequency", "period", "days", "cadence")
_TODAY = re.compile(r"\b(today|now|the current (date|day|time))\b", re.I)
_LEFT_OUT = re.compile(
    r"\b(left out|omitted|not given|not sent|missing|absent|by default|defaults?|if none|unless)\b",
    re.I,
)


def mark_child_dates(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: Schemas,
) -> None:
    """Dates a record derives from the records nested below it: "last_watered" (read-only, not
    sent) is the latest date among its "/plants/{}/waterings", and "next_watering" that date
    plus the record's interval in days ("water_every_days"); a boolean list filter the words
    tie to that next date ("thirsty=true ... whose `next_watering` is today or earlier") keeps
    the records due by today, or never done. A nested record's date the words say is today
    when left out ("the day (`on`, a date; today if left out)") is so."""
    prose = str(schemas.doc.get(PROSE, ""))
    sentences = [t for t in re.split(r"(?<=[.!?])\s+|\n\s*\n", prose) if t]
    for collection, create in creates.items():
        body = {
            n: p
            for n, p in schemas.body_of(create).items()
            if not schemas.resolve(p).get("readOnly")  # what the client sends
        }
        today = []
        for name, raw in body.items():
            prop = schemas.resolve(raw)
            if prop.get("format") not in ("date", "date-time"):
                continue
            said = [str(prop.get("description", ""))]
            said += [t for t in sentences if f"`{name}`" in t]
            if any(_TODAY.search(t) and _LEFT_OUT.search(t) for t in said):
                today.append(name)
        if today and create in plans:
            plans[create]["today"] = today
        answered = schemas.answer_of(create)
        children = nested_below(collection, creates)
        latest: dict[str, dict[str, str]] = {}
        for name, raw in answered.items():
            prop = schemas.resolve(raw)
            key = norm(name)
            rest = next((key[len(w) :] for w in _LAST if key.startswith(w)), "")
            if name in body or not rest or prop.get("format") not in ("date", "date-time"):
                continue
            named = [c for c in children if norm(c.rsplit("/", 1)[-1])[:4] == rest[:4]]
            child = named[0] if named else (children[0] if len(children) == 1 else "")
            dates = (
                [
                    n
                    for n, p in schemas.body_of(creates[child]).items()
                    if schemas.resolve(p).get("format") in ("date", "date-time")
                ]
                if child
                else []
            )
            if dates:
                latest[name] = {"collection": child, "field": dates[0]}
        if not latest:
            continue
        last = next(iter(latest))
        intervals = [
            n
            for n, p in body.items()
            if schemas.resolve(p).get("type") == "integer" and any(w in norm(n) for w in _INTERVAL)
        ]
        upcoming = {
            n: [last, intervals[0]]
            for n, p in answered.items()
            if n not in body
            and intervals
            and any(norm(n).startswith(w) for w in _NEXT)
            and schemas.resolve(p).get("format") in ("date", "date-time")
        }
        for op in ops:
            plan = plans.get(op.key) or {}
            if plan.get("collection") != collection or plan.get("pattern") == "facet":
                continue
            plan["latest"] = latest
            if upcoming:
                plan["next"] = upcoming
            if plan.get("pattern") != "list":
                continue
            for param in op.parameters:
                if param.location != "query" or param.schema_.get("type") != "boolean":
                    continue
                if any(norm(param.name) == norm(n) for n in answered):
                    continue
                said = [t for t in sentences if re.search(rf"\b{re.escape(param.name)}\b", t)]
                due = next((n for n in upcoming if any(n in t for t in said)), "")
                if due:
                    plan.setdefault("due", {})[param.name] = due


# Particles of phrasal verbs written as one word in a path ("signup", "checkin").

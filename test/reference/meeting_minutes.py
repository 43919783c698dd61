#!/usr/bin/python3
"""Independent reference for Craft Time's calendar engine (test/unit/calendar/reference.test.ts).

Reads a JSON request on stdin and answers, for every file, the meeting minutes per local day computed
with Debian's python3-recurring-ical-events (2.0.1) and python3-icalendar, applying the same meeting
filters as docs/calendar.md (timed, busy, not cancelled, not declined by the owner, title not ignored).

Request:  {"myEmails": [...], "ignorePatterns": [...], "includeTentative": true,
           "files": [{"path": ..., "from": "YYYY-MM-DD", "to": "YYYY-MM-DD", "timeZone": "Area/City"}]}
Answer:   {"<path>": {"days": {"YYYY-MM-DD": minutes, ...}} | {"error": "..."}}
Minutes are unrounded floats; days without meetings are left out.
"""
import datetime
import json
import re
import sys
import zoneinfo

import icalendar
import recurring_ical_events
from icalendar.timezone_cache import _timezone_cache


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def text(component, name):
    value = component.get(name)
    return str(value).strip().upper() if value is not None else ""


def exclusion(vevent, rules):
    if text(vevent, "STATUS") == "CANCELLED":
        return "cancelled"
    if text(vevent, "TRANSP") == "TRANSPARENT":
        return "free"
    busy = text(vevent, "X-MICROSOFT-CDO-BUSYSTATUS")
    if busy in ("FREE", "WORKINGELSEWHERE"):
        return "free"
    if busy == "OOF":
        return "out of office"
    partstat = None
    for attendee in as_list(vevent.get("ATTENDEE")):
        address = str(attendee).strip()
        if address.lower().startswith("mailto:"):
            address = address[7:]
        if address.strip().lower() in rules["myEmails"]:
            answer = str(attendee.params.get("PARTSTAT", "NEEDS-ACTION")).upper()
            if partstat != "DECLINED":
                partstat = answer
    if partstat == "DECLINED":
        return "declined"
    if not rules["includeTentative"] and (partstat == "TENTATIVE" or text(vevent, "STATUS") == "TENTATIVE" or busy == "TENTATIVE"):
        return "tentative"
    title = str(vevent.get("SUMMARY", "")).strip()
    if title and any(p.search(title) for p in rules["ignore"]):
        return "ignored title"
    return None


def to_utc(value, zone):
    if value.tzinfo is None:
        return value.replace(tzinfo=zone)  # floating: the user's zone
    return value.astimezone(datetime.timezone.utc)


def day_minutes(intervals, first, last, zone):
    """Union of intervals, split at local midnights, in minutes per date."""
    intervals = sorted(i for i in intervals if i[1] > i[0])
    merged = []
    for start, end in intervals:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out = {}
    day = first
    while day <= last:
        lo = datetime.datetime(day.year, day.month, day.day, tzinfo=zone)
        nxt = day + datetime.timedelta(days=1)
        hi = datetime.datetime(nxt.year, nxt.month, nxt.day, tzinfo=zone)
        total = 0.0
        for start, end in merged:
            s, e = max(start, lo), min(end, hi)
            if e > s:
                total += (e - s).total_seconds() / 60
        if total > 0:
            out[day.isoformat()] = total
        day = nxt
    return out


def minutes_for(path, request, rules):
    zone = zoneinfo.ZoneInfo(request["timeZone"])
    first = datetime.date.fromisoformat(request["from"])
    last = datetime.date.fromisoformat(request["to"])
    # icalendar keeps custom VTIMEZONEs in a process-wide cache: clear it so files stay independent.
    _timezone_cache.clear()
    with open(path, "rb") as f:
        calendar = icalendar.Calendar.from_ical(f.read())
    start = datetime.datetime(first.year, first.month, first.day, tzinfo=zone)
    after = last + datetime.timedelta(days=1)
    stop = datetime.datetime(after.year, after.month, after.day, tzinfo=zone)
    intervals = []
    for vevent in recurring_ical_events.of(calendar).between(start, stop):
        begin = vevent["DTSTART"].dt
        if not isinstance(begin, datetime.datetime):
            continue  # all-day: never a meeting
        end = vevent["DTEND"].dt if "DTEND" in vevent else begin
        if not isinstance(end, datetime.datetime):
            continue
        if exclusion(vevent, rules):
            continue
        intervals.append((to_utc(begin, zone), to_utc(end, zone)))
    return day_minutes(intervals, first, last, zone)


def main():
    request = json.load(sys.stdin)
    rules = {
        "myEmails": {e.strip().lower() for e in request.get("myEmails", [])},
        "ignore": [re.compile(p, re.IGNORECASE) for p in request.get("ignorePatterns", [])],
        "includeTentative": request.get("includeTentative", True),
    }
    answer = {}
    for item in request["files"]:
        try:
            answer[item["path"]] = {"days": minutes_for(item["path"], item, rules)}
        except Exception as error:  # the reference cannot read this file: the test skips it
            answer[item["path"]] = {"error": "%s: %s" % (type(error).__name__, str(error)[:200])}
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()

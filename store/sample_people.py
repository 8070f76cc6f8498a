"""The fictional people of the sample network: drawn from name lists with a seeded generator.

Names are unique and plausible (family names at their rough population shares, middle names that
agree with the gender); emails sit at reserved example domains, phone numbers are 0900 0xx xxx in
order. Only Quảng Ninh people may match a "quang ninh" search, the first search a new user types.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import sample_names as N
from .reference import Province, provinces
from .sample import SAMPLE_PHONE_PREFIX, SAMPLE_TAG, sample_id
from .vietnamese import fold

QUANG_NINH = "22"

Draw = Callable[[], tuple[str, list[str], str | None]]


@dataclass
class Org:
    key: tuple[str, ...]
    fields: dict[str, Any]
    email_domain: str
    #: A national newsroom that posts reporters to provinces (not local papers, not magazines).
    has_residents: bool = False
    broadcast: bool = False

    @property
    def id(self) -> str:
        return sample_id(*self.key)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


class People:
    """Draws fictional people: unique names and emails, sequential sample phone numbers."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.names: set[str] = set()
        self.emails: set[str] = set()
        self.phones = 0
        self.per_org: dict[tuple[str, ...], int] = {}
        self.contacts: list[tuple[tuple[str, ...], dict[str, Any]]] = []
        self._families: list[str] = []

    def _family(self) -> str:
        """A family name from shuffled batches that hold each name at its population share.

        Independent draws of a few hundred names stray far from the shares (half the people
        called Nguyễn); a batch built from evenly spaced points of the cumulative distribution
        keeps every share within one name of its expected count.
        """
        if not self._families:
            total = sum(weight for _name, weight in N.FAMILY_NAMES)
            offset = self.rng.random()
            for i in range(N.FAMILY_BATCH):
                point = (i + offset) / N.FAMILY_BATCH * total
                for name, weight in N.FAMILY_NAMES:
                    point -= weight
                    if point < 0:
                        self._families.append(name)
                        break
            self.rng.shuffle(self._families)
        return self._families.pop()

    def _weighted(self, pairs: tuple[tuple[str, int], ...]) -> str:
        return self.rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]

    def draw_name(self, role: str, region: str | None) -> tuple[str, str, str]:
        """(full name, given name, family + middle) of a plausible Vietnamese person."""
        rng = self.rng
        male = rng.random() < N.MALE_SHARE[role]
        family = self._family()
        if family in N.SOUTHERN_FORMS and rng.random() < N.SOUTHERN_SHARE.get(
            region or "", N.SOUTHERN_DEFAULT
        ):
            family = N.SOUTHERN_FORMS[family]
        while True:
            if male:
                middle, given = self._weighted(N.MALE_MIDDLE), rng.choice(N.MALE_GIVEN)
            else:
                middle, given = self._weighted(N.FEMALE_MIDDLE), rng.choice(N.FEMALE_GIVEN)
                if middle == "Thị" and rng.random() < 0.2:
                    middle += " " + rng.choice(N.FEMALE_SECOND_MIDDLE)
            if given not in middle.split() and given != family:
                return f"{family} {middle} {given}", given, f"{family} {middle}"

    def _phone(self) -> str:
        self.phones += 1
        return f"{SAMPLE_PHONE_PREFIX}{self.phones:05d}"

    def add(self, org: Org, role: str, draw: Draw) -> dict[str, Any]:
        """One person of `org`; `draw` gives (title, beats, own province) afresh on each try."""
        rng, org_code = self.rng, org.fields.get("province_code")
        for _attempt in range(200):
            title, beats, province = draw()
            full, given, family_middle = self.draw_name(role, org.fields.get("region"))
            email = f"{slug(given)}.{slug(family_middle)}@{org.email_domain}"
            if full in self.names or email in self.emails:
                continue
            places = [provinces()[c].name for c in (org_code, province) if c]
            hay = fold(
                " ".join(
                    [
                        full,
                        title,
                        org.fields["name"],
                        org.fields.get("short_name", ""),
                        email,
                        *places,
                        *beats,
                    ]
                )
            )
            # Only Quảng Ninh people may match a "quang ninh" search (the first thing users try).
            if QUANG_NINH not in (org_code, province) and "quang" in hay and "ninh" in hay:
                continue
            break
        else:
            raise RuntimeError(f"could not draw a distinct person for {org.fields['name']}")
        self.names.add(full)
        self.emails.add(email)
        phones = [self._phone()] if rng.random() < 0.88 else []
        if phones and rng.random() < 0.06:
            phones.append(self._phone())
        emails = [email] if not phones or rng.random() < 0.9 else []
        zalo = phones[0] if phones and rng.random() < 0.5 else None
        press = role in ("journalist", "editor")
        reachable = {"email": bool(emails), "phone": bool(phones), "zalo": bool(zalo)}
        channels = tuple(
            (c, w)
            for c, w in (N.PRESS_CHANNELS if press else N.STAFF_CHANNELS)
            if reachable.get(c, True)
        )
        if rng.random() < N.LAUNCH_CONSENT_SHARE:
            consent, consent_date = N.LAUNCH_CONSENT
        else:
            consent = rng.choice(N.OTHER_CONSENTS)
            consent_date = f"2023-11-{rng.randint(6, 22):02d}"
        tags = [SAMPLE_TAG] + [
            tag for tag, share, roles in N.EXTRA_TAGS if role in roles and rng.random() < share
        ]
        fields = {
            "full_name": full,
            "org_id": org.id,
            "title": title,
            "role": role,
            "beats": beats or None,
            "emails": emails or None,
            "phones": phones or None,
            "zalo": zalo,
            "preferred_channel": self._weighted(channels),
            "province_code": province,
            "tags": tags,
            "notes": N.PERSON_NOTE,
            "consent_source": consent,
            "consent_date": consent_date,
        }
        number = self.per_org[org.key] = self.per_org.get(org.key, 0) + 1
        self.contacts.append((("contact", *org.key[1:], str(number)), fields))
        return fields


def _fixed(title: str) -> Draw:
    return lambda: (title, [], None)


def ministry_staff(people: People, orgs: list[Org]) -> None:
    rng = people.rng
    for org in orgs:
        name = org.fields["name"]
        head, deputy = next(t for p, t in N.UNIT_TITLES.items() if name.startswith(p + " "))
        roles = N.UNIT_STAFF.get(name) or (rng.choice(N.UNIT_DEFAULT_ROLES),)
        special = N.UNIT_COMMS_TITLES.get(name)
        for role in roles:
            if role == "leader":
                title = head if rng.random() < 0.6 else deputy
            elif role == "spokesperson":
                title = deputy
            else:
                plain = N.UNIT_COMMS_PLAIN if name.startswith("Vụ ") else N.UNIT_COMMS
                title = rng.choice(special or plain) + ("" if special else N.COMMS_SUFFIX)
            people.add(org, role, _fixed(title))


def department_staff(people: People, orgs: list[Org]) -> None:
    rng = people.rng
    for org in orgs:
        code = org.fields["province_code"]
        extra = N.DEPT_EXTRA_COMMS.get(code, 0)
        leader = bool(extra) or rng.random() < N.DEPT_LEADER_SHARE
        mix = rng.random()
        both = bool(extra) or mix < N.DEPT_BOTH_SHARE
        spokes = both or mix < N.DEPT_BOTH_SHARE + N.DEPT_SPOKES_ONLY_SHARE
        comms = (1 if both or not spokes else 0) + extra
        if leader:
            people.add(org, "leader", _fixed(N.DEPT_LEADER))
        if spokes:
            choices = N.DEPT_SPOKESPERSON + (() if leader else (N.DEPT_LEADER,))
            people.add(org, "spokesperson", _fixed(rng.choice(choices)))
        for title in rng.sample(N.DEPT_COMMS, comms):
            people.add(org, "comms_officer", _fixed(title))


def _press_draw(
    rng: random.Random,
    titles: tuple[str, ...],
    agency_beats: list[str],
    resident: bool,
    posts: list[Province],
) -> Draw:
    """Title, beats and (for a reporter posted to a province) province of one journalist."""

    def draw() -> tuple[str, list[str], str | None]:
        title, province = rng.choice(titles), None
        if resident and rng.random() < N.RESIDENT_SHARE:
            post = rng.choice(posts)
            title, province = N.RESIDENT_TITLE.format(province=post.name), post.code
        beats = rng.sample(agency_beats, min(len(agency_beats), rng.randint(1, 2)))
        beats += [b for b in rng.sample(N.SECTOR_BEATS, rng.randint(1, 2)) if b not in beats]
        return title, beats, province

    return draw


def journalists(people: People, orgs: list[Org]) -> None:
    rng = people.rng
    by_short = {org.fields["short_name"]: org for org in orgs}
    unknown = set(N.JOURNALIST_EXTRA) - set(by_short)
    if unknown:
        raise ValueError(f"JOURNALIST_EXTRA names unknown agencies: {sorted(unknown)}")
    posts = [p for p in provinces().values() if p.code != "01"]
    for org in orgs:
        used: set[str] = set()
        agency_beats = [t for t in org.fields["topics"] if t not in N.GENERIC_BEATS]
        for _n in range(1 + N.JOURNALIST_EXTRA.get(org.fields["short_name"], 0)):
            role = "editor" if rng.random() < N.EDITOR_SHARE else "journalist"
            editor = role == "editor"
            if org.broadcast:
                titles = N.BROADCAST_EDITOR_TITLES if editor else N.BROADCAST_REPORTER_TITLES
            else:
                titles = N.EDITOR_TITLES if editor else N.REPORTER_TITLES
            titles = tuple(t for t in titles if t not in used)
            resident = not editor and org.has_residents
            fields = people.add(org, role, _press_draw(rng, titles, agency_beats, resident, posts))
            if fields["title"] in N.SINGLE_TITLES:
                used.add(fields["title"])

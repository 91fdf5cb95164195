"""One name per organisation and place, across languages: "CDHT" = "Chengdu High-tech Zone" = "成都高新区".

The alias tables are data (``zonewatch/data/aliases/*.toml``; a user's file named by the ``aliases``
setting is merged over them). Public API, used by the extractors, the ledger and the roundups:

- ``resolve(name, kind=None) -> Entity | None``: the entity a surface name refers to, or None.
  ``kind`` is ``"org"`` or ``"place"``; with a kind, entities of that kind are tried first, then any.
- ``entity(canonical) -> Entity | None``: look an entity up by its canonical (English) name.
- ``descendants(canonical) -> tuple[Entity, ...]``: every place inside it, at any depth (a zone's parks),
  not including itself — filter on ``{canonical, *(d.canonical for d in descendants(canonical))}``.
- ``ancestors(canonical) -> tuple[Entity, ...]``: the places it lies in, nearest first (park -> zone -> city),
  so a roundup can print ``" > ".join(...)``.
- ``Entity(canonical, kind, names, parent, name_zh)``; ``Entity.display(language)`` is the name to print
  in a document of that language (the Chinese name for ``zh`` when there is one, else ``canonical``).
- ``registry()`` returns the loaded :class:`Registry` (bundled tables + the user's file); ``Registry.load``
  builds one from explicit files (tests, tools).

Matching: the exact alias first, on a key that ignores case, width, spaces, punctuation and legal or
administrative suffixes ("Ltd.", "有限公司", "管委会"); names prefixed by a parent place's name
("成都天府国际生物城") are matched too. Then near variants through rapidfuzz (``fuzz.ratio`` on the
keys, at least ``FUZZY_MIN_SCORE`` and only for keys long enough that one changed letter is a typo,
not another company: "京东" vs "京东方" must stay apart). A near variant must also name the same
thing: its distinctive part -- the name without the generic words of ``generic_words.txt`` (zone, park,
hi-tech, 经济技术开发区, 集团, 科技 ...) -- must agree with the alias's, its head (the city or brand that
opens it) equal or a typo apart in a long one, and no distinctive English word added or dropped.
Zone names are mostly generic words, so without this "Tianjin Economic-Technological Development Area"
scored as a typo of the Beijing one. Tested on pairs in both languages in tests/normalize/
(test_names.py, test_name_variants.py).

>>> resolve("Chengdu High-tech Zone").canonical
'Chengdu Hi-Tech Zone'
>>> resolve("腾讯公司").canonical
'Tencent'
>>> [e.canonical for e in ancestors("Tianfu International Bio-Town")]
['Chengdu Hi-Tech Zone', 'Chengdu', 'Sichuan']
>>> resolve("Sinopec Chemical Works") is None
True
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz, process

from zonewatch.errors import ConfigError
from zonewatch.model import Extraction, Mention, Project

KINDS = ("org", "place")
# A near variant must score at least this (0-100, rapidfuzz ratio on normalized keys). 88 accepts a
# dropped or doubled letter in a long name ("Amazon Web Service", "成都高新技术开发区" for
# 成都高新技术产业开发区) and rejects brand siblings ("Tencent Music", "京东方" vs "京东", 80).
FUZZY_MIN_SCORE = 88.0
# Keys shorter than this never match fuzzily: in "BYD"/"BOE" or "华为"/"华友" one letter is another company.
FUZZY_MIN_LATIN = 7
FUZZY_MIN_CJK = 4
# A fuzzy hit that only adds or drops characters at one end passes for a stray character or two
# ("成都高新技术产业开发区域"), not for a dropped word (a city name: another place may share the rest).
MAX_AFFIX = 2
# Two English words are one misspelt ("Services"/"Service", "Singapur"/"Singapore") at this ratio.
WORD_TYPO_SCORE = 80.0
# A word this close to a generic word of five letters or more is that word misspelt ("Tecnology").
GENERIC_TYPO_SCORE = 90.0

_CJK = re.compile(r"[\u3400-\u9fff]")
_UNSEEN = object()
_RESOLVED_MAX = 50_000  # names remembered per registry before the memo starts over (a few MB)


@dataclass(frozen=True, slots=True)
class Entity:
    """An organisation or a place, under its canonical (English) name with every alias it goes by."""

    canonical: str
    kind: str
    names: tuple[str, ...] = ()
    parent: str | None = None
    name_zh: str | None = None

    def display(self, language: str = "en") -> str:
        """The name to print for a document in ``language``: Chinese articles keep a Chinese name."""
        if language == "zh" and self.name_zh:
            return self.name_zh
        return self.canonical


def _load_suffixes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    text = resources.files("zonewatch.data.aliases").joinpath("suffixes.txt").read_text(encoding="utf-8")
    words = [line.strip().casefold() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    latin = tuple(sorted({_squash(w) for w in words if not _CJK.search(w)}, key=len, reverse=True))
    cjk = tuple(sorted({w for w in words if _CJK.search(w)}, key=len, reverse=True))
    return latin, cjk


_PUNCT = re.compile(r"[^\w\u3400-\u9fff]+|_")
_SPACES = re.compile(r"\s+")
_CJK_RUN = re.compile(r"([\u3400-\u9fff]+)")


def _squash(text: str) -> str:
    """Lower case, half width, punctuation turned to single spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _PUNCT.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def key(name: str) -> str:
    """The comparison key of a name: no case, width, spaces, punctuation or trailing legal suffixes.

    >>> key("Tencent Holdings Ltd."), key("腾讯公司"), key("Chengdu Hi-tech Zone")
    ('tencent', '腾讯', 'chengduhitechzone')
    """
    return _stem(name).replace(" ", "")


# Pure functions of a name, asked for the same names again and again (every mention of every article, and
# again by the checks): cached per process, bounded.
@lru_cache(maxsize=16384)
def _stem(name: str) -> str:
    """The key with its word boundaries kept: squashed, no leading "the", no trailing legal suffixes."""
    latin, cjk = _suffixes()
    text = _squash(name)
    if text.startswith("the "):
        text = text[4:]
    changed = True
    while changed and text:
        changed = False
        for suffix in latin:
            if text.endswith(" " + suffix):
                text, changed = text[: -len(suffix) - 1].rstrip(), True
                break
        for suffix in cjk:
            if text.endswith(suffix) and len(text) > len(suffix):
                text, changed = text[: -len(suffix)].rstrip(), True
                break
    return text


@dataclass(frozen=True, slots=True)
class Parts:
    """What makes a name this one: ``head`` is its first distinctive run (the city or brand: "tianjin",
    "长沙", "tencentmusic"), ``distinctive`` every non-generic piece; both without spaces."""

    head: str
    distinctive: str
    words: tuple[str, ...] = field(default=(), repr=False)  # the distinctive Latin words, one by one


def parts(name: str) -> Parts:
    """Split a name into its distinctive pieces and the generic words of ``generic_words.txt``.

    >>> parts("Tianjin Economic-Technological Development Area")
    Parts(head='tianjin', distinctive='tianjin')
    >>> parts("成都高新技术产业开发区"), parts("Tencent Music Entertainment Group")
    (Parts(head='成都', distinctive='成都'), Parts(head='tencentmusicentertainment', distinctive='tencentmusicentertainment'))
    >>> parts("Singapore-Sichuan Hi-tech Innovation Park").distinctive
    'singaporesichuan'
    """
    latin, _, trailing = _generic_words()
    cjk_by_first = _generic_by_first()
    runs: list[str] = []
    words: list[str] = []
    current = ""
    # Latin words and CJK characters are separated, so "TCL科技" is "tcl" + "科技".
    for token in _CJK_RUN.sub(r" \1 ", _stem(name)).split():
        if not _CJK.search(token):
            if _is_generic(token, latin):
                runs, current = _close(runs, current), ""
            else:
                current += token
                words.append(token)
            continue
        i = 0
        while i < len(token):
            word = next((w for w in cjk_by_first.get(token[i], ()) if token.startswith(w, i)), None)
            if word:
                runs, current = _close(runs, current), ""
                i += len(word)
            else:
                current += token[i]
                i += 1
    runs = _close(runs, current)
    # "成都市" is "成都": an administrative character closing a run of three or more is generic.
    runs = [r[:-1] if len(r) >= 3 and r[-1] in trailing else r for r in runs]
    return Parts(runs[0] if runs else "", "".join(runs), tuple(words))


# The parts of alias names (asked again for every near hit on them) and of the names looked up.
_cached_parts = lru_cache(maxsize=16384)(parts)


@lru_cache(maxsize=16384)
def _is_generic(token: str, latin: frozenset[str]) -> bool:
    """A generic English word, or a misspelling of a long one ("Tecnology", "Developement")."""
    if token in latin:
        return True
    if len(token) < 5:
        return False
    # One C-level pass over the long generic words instead of a Python loop of fuzz.ratio calls.
    return process.extractOne(token, _long_words(latin), scorer=fuzz.ratio, score_cutoff=GENERIC_TYPO_SCORE) is not None


@lru_cache(maxsize=4)
def _long_words(latin: frozenset[str]) -> list[str]:
    return sorted(w for w in latin if len(w) >= 5)


def _close(runs: list[str], current: str) -> list[str]:
    return [*runs, current] if current else runs


@cache
def _generic_words() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    text = resources.files("zonewatch.data.aliases").joinpath("generic_words.txt").read_text(encoding="utf-8")
    words = [line.strip().casefold() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    latin = frozenset(w for w in words if not _CJK.search(w))
    cjk = tuple(sorted({w for w in words if _CJK.search(w) and not w.startswith("~")}, key=len, reverse=True))
    trailing = frozenset(w[1:] for w in words if w.startswith("~"))
    return latin, cjk, trailing


@cache
def _generic_by_first() -> dict[str, tuple[str, ...]]:
    """The Chinese generic words by their first character, longest first as in ``_generic_words``."""
    out: dict[str, tuple[str, ...]] = {}
    for w in _generic_words()[1]:
        out[w[0]] = (*out.get(w[0], ()), w)
    return out


def _near(a: str, b: str, *, affix: bool) -> bool:
    """Two distinctive strings name the same thing: equal, a typo apart in a name long enough for a
    typo to be one, or (``affix``) a stray character or two at one end ("成都域" for "成都")."""
    if a == b:
        return True
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    if affix and short in long_ and len(long_) - len(short) <= MAX_AFFIX:
        return True
    return len(short) >= _min_len(short) and fuzz.ratio(a, b) >= FUZZY_MIN_SCORE


def _covered(mine: Parts, theirs: Parts) -> bool:
    """Every distinctive English word of ``mine`` is in ``theirs`` (inside its distinctive string, or a
    typo of one of its words): an added word is another entity ("Hua Hong Grace Semiconductor" is
    not "Hua Hong Semiconductor") even when the whole key is a close match."""
    return all(
        w in theirs.distinctive
        or any(min(len(w), len(v)) >= 4 and fuzz.ratio(w, v) >= WORD_TYPO_SCORE for v in theirs.words)
        for w in mine.words
    )


def _min_len(text: str) -> int:
    return FUZZY_MIN_CJK if _CJK.search(text) else FUZZY_MIN_LATIN


_suffixes = cache(_load_suffixes)


@dataclass
class Registry:
    """Entities by canonical name, with an index from alias keys; built once from the alias files."""

    entities: dict[str, Entity] = field(default_factory=dict)
    _index: dict[str, str] = field(default_factory=dict)
    _forms: dict[str, str] = field(default_factory=dict)  # alias key -> the name as written (for parts())
    _children: dict[str, list[str]] = field(default_factory=dict)
    _fuzzy_choices: dict[tuple[str | None, bool], tuple[list[str], list[str]]] = field(default_factory=dict)
    # resolve() is a pure function of (name, kind) once the tables are loaded, and articles name the same
    # companies and zones again and again; a miss costs a fuzzy search over every alias.
    _resolved: dict[tuple[str, str | None], Entity | None] = field(default_factory=dict)
    _by_length: dict[tuple[str | None, bool, int], tuple[list[str], list[str]]] = field(default_factory=dict)

    @classmethod
    def load(cls, paths: list[Path] | None = None, texts: list[str] | None = None) -> Registry:
        """Merge alias tables in order (later files extend or override earlier ones), then index them."""
        merged: dict[str, dict[str, object]] = {}
        sources = [(str(p), p.read_text(encoding="utf-8")) for p in paths or []]
        sources += [(f"<text {i}>", t) for i, t in enumerate(texts or [])]
        for origin, text in sources:
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError as exc:
                raise ConfigError(f"{origin}: not a valid alias file: {exc}") from None
            for kind in KINDS:
                for row in data.get(kind, []):
                    _merge_row(merged, row, kind, origin)
        reg = cls()
        for canonical, row in merged.items():
            names = tuple(dict.fromkeys(str(n) for n in row["names"]))  # type: ignore[attr-defined]
            zh = row.get("name_zh") or next((n for n in names if _CJK.search(n)), None)
            parent = row.get("parent")
            reg.entities[canonical] = Entity(
                canonical, str(row["kind"]), names, str(parent) if parent else None, str(zh) if zh else None
            )
        reg._build_index()
        return reg

    def _build_index(self) -> None:
        for ent in self.entities.values():
            if ent.parent:
                self._children.setdefault(ent.parent, []).append(ent.canonical)
        # Explicit names first, so a generated "parent + name" variant never takes an alias someone listed.
        for ent in self.entities.values():
            for name in (ent.canonical, *ent.names):
                self._add(name, ent.canonical)
        for ent in self.entities.values():
            if ent.kind != "place":
                continue
            prefixes = [n for a in self.ancestors(ent.canonical) for n in (a.canonical, *a.names)]
            for name in (ent.canonical, *ent.names):
                for prefix in prefixes:
                    self._add(prefix + " " + name, ent.canonical)

    def _add(self, name: str, canonical: str) -> None:
        k = key(name)
        if k not in self._index:
            self._index[k] = canonical
            self._forms[k] = name

    def entity(self, canonical: str) -> Entity | None:
        return self.entities.get(canonical)

    def resolve(self, name: str, kind: str | None = None) -> Entity | None:
        """The entity ``name`` refers to: exact alias key first, then a near variant; None when unknown."""
        cached = self._resolved.get((name, kind), _UNSEEN)
        if cached is not _UNSEEN:
            return cached  # type: ignore[return-value]
        if len(self._resolved) >= _RESOLVED_MAX:
            self._resolved.clear()
        found = self._resolved[(name, kind)] = self._resolve(name, kind)
        return found

    def _resolve(self, name: str, kind: str | None) -> Entity | None:
        k = key(name)
        if not k:
            return None
        hit = self._index.get(k)
        exact = self.entities[hit] if hit is not None else None
        if exact is not None and (kind is None or exact.kind == kind):
            return exact
        # An exact hit of the other kind loses only to a near variant of the kind asked for.
        return self._fuzzy(name, k, kind) or exact or (self._fuzzy(name, k, None) if kind else None)

    def _fuzzy(self, name: str, k: str, kind: str | None) -> Entity | None:
        """The best near variant whose distinctive part agrees with the name's (see ``_same_thing``)."""
        cjk = bool(_CJK.search(k))
        if len(k) < (FUZZY_MIN_CJK if cjk else FUZZY_MIN_LATIN):
            return None
        mine = _cached_parts(name)
        if not mine.distinctive:  # "High-tech Zone", "经济技术开发区": a kind of place, not one place
            return None
        aliases, owners = self._near_length(kind, cjk, len(k))
        hits = process.extract(k, aliases, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE, limit=None)
        for alias, _score, i in hits:  # best first (equal scores in the order of the list)
            if self._same_thing(k, mine, alias):
                return self.entities[owners[i]]
        return None

    def _near_length(self, kind: str | None, cjk: bool, length: int) -> tuple[list[str], list[str]]:
        """The choices of ``_choices`` whose length allows ``fuzz.ratio`` to reach ``FUZZY_MIN_SCORE`` against a
        key of ``length``, in the same order: at best 200 * shorter / (sum of lengths) when the shorter is
        inside the longer. Most aliases are too short or too long, and the search costs per alias."""
        cached = self._by_length.get((kind, cjk, length))
        if cached is None:
            aliases, owners = self._choices(kind, cjk)
            bound = FUZZY_MIN_SCORE - 1  # a point of slack: rapidfuzz itself applies the exact cutoff
            keep = [i for i, a in enumerate(aliases) if 200 * min(len(a), length) / (len(a) + length) >= bound]
            cached = self._by_length[(kind, cjk, length)] = ([aliases[i] for i in keep], [owners[i] for i in keep])
        return cached

    def _same_thing(self, k: str, mine: Parts, alias: str) -> bool:
        # A name inside another with words added or dropped is another scope, not a typo:
        # "Future Science and Technology City" is not "Chengdu Future Science and Technology City".
        short, long_ = sorted((k, alias), key=len)
        if short in long_ and len(long_) - len(short) > MAX_AFFIX:
            return False
        # The generic words ("Economic-Technological Development Area", "高新技术产业开发区") are most
        # of a zone's name, so two zones of two cities score high on the whole key; only the
        # distinctive part says which city or brand. It must be the same, give or take a typo.
        theirs = _cached_parts(self._forms[alias])
        return (
            _near(mine.head, theirs.head, affix=False)
            and _near(mine.distinctive, theirs.distinctive, affix=True)
            and _covered(mine, theirs)
            and _covered(theirs, mine)
        )

    def _choices(self, kind: str | None, cjk: bool) -> tuple[list[str], list[str]]:
        """Alias keys (and their owners) a fuzzy match may land on, computed once per kind and script."""
        cached = self._fuzzy_choices.get((kind, cjk))
        if cached is None:
            pairs = [
                (alias, canonical)
                for alias, canonical in self._index.items()
                if (kind is None or self.entities[canonical].kind == kind)
                and bool(_CJK.search(alias)) == cjk
                and len(alias) >= (FUZZY_MIN_CJK if cjk else FUZZY_MIN_LATIN)
            ]
            cached = self._fuzzy_choices[(kind, cjk)] = ([a for a, _ in pairs], [c for _, c in pairs])
        return cached

    def ancestors(self, canonical: str) -> tuple[Entity, ...]:
        chain: list[Entity] = []
        seen = {canonical}
        ent = self.entities.get(canonical)
        while ent is not None and ent.parent and ent.parent not in seen:
            seen.add(ent.parent)
            ent = self.entities.get(ent.parent)
            if ent is not None:
                chain.append(ent)
        return tuple(chain)

    def descendants(self, canonical: str) -> tuple[Entity, ...]:
        out: list[Entity] = []
        todo = list(self._children.get(canonical, []))
        seen = {canonical}
        while todo:
            child = todo.pop(0)
            if child in seen:
                continue
            seen.add(child)
            out.append(self.entities[child])
            todo.extend(self._children.get(child, []))
        return tuple(out)


def _merge_row(merged: dict[str, dict[str, object]], row: dict[str, object], kind: str, origin: str) -> None:
    canonical = row.get("canonical")
    if not isinstance(canonical, str) or not canonical.strip():
        raise ConfigError(f"{origin}: every [[{kind}]] needs a canonical name, got {row!r}")
    names = row.get("names", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ConfigError(f"{origin}: names of {canonical!r} must be a list of strings")
    old = merged.get(canonical)
    if old is None:
        merged[canonical] = {"kind": kind, "names": list(names), **_extra(row)}
    else:  # a later file adds names and may change the parent or the Chinese display name
        old_names = old["names"]
        assert isinstance(old_names, list)
        merged[canonical] = {**old, "kind": kind, "names": old_names + list(names), **_extra(row)}


def _extra(row: dict[str, object]) -> dict[str, object]:
    return {k: row[k] for k in ("parent", "name_zh") if k in row}


def bundled_paths() -> list[Path]:
    folder = resources.files("zonewatch.data.aliases")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".toml"))


_current: dict[str, Registry] = {}


@cache
def _registry(user_file: str) -> Registry:
    paths = bundled_paths()
    if user_file:
        path = Path(user_file).expanduser()
        if not path.is_file():
            raise ConfigError(f"aliases setting: {path} is not a file")
        paths.append(path)
    return Registry.load(paths)


def registry() -> Registry:
    """The registry for the current settings (bundled tables + the user's ``aliases`` file), built once."""
    # The settings are read once per process (a resolve per mention must stay cheap); reset() re-reads them.
    if "current" not in _current:
        from zonewatch import settings

        _current["current"] = _registry(str(settings.load().get("aliases") or ""))
    return _current["current"]


def reset() -> None:
    """Forget the loaded registry, so the next call reads the settings (and the user's file) again."""
    _current.clear()
    _registry.cache_clear()


def resolve(name: str, kind: str | None = None) -> Entity | None:
    """The entity a name refers to (``kind`` "org" or "place" preferred), or None when unknown."""
    return registry().resolve(name, kind)


def entity(canonical: str) -> Entity | None:
    """The entity with this canonical name, or None."""
    return registry().entity(canonical)


def descendants(canonical: str) -> tuple[Entity, ...]:
    """Every place inside ``canonical`` at any depth (a zone's parks), not including itself."""
    return registry().descendants(canonical)


def ancestors(canonical: str) -> tuple[Entity, ...]:
    """The places ``canonical`` lies in, nearest first: park -> zone -> city -> province."""
    return registry().ancestors(canonical)


def _canonical(mention: Mention, kind: str | None, language: str) -> Mention:
    found = resolve(mention.name, kind) or (resolve(mention.raw, kind) if mention.raw != mention.name else None)
    return replace(mention, canonical=found.display(language)) if found else mention


def canonicalize(extraction: Extraction) -> Extraction:
    """Pipeline component: fill ``Mention.canonical`` of investors, hosts and place (name and raw untouched).

    The canonical name is printed in the document's language ("Tencent" in English, "腾讯" in Chinese);
    ``resolve()`` maps either back to the same entity.
    """
    lang = extraction.document.language
    return replace(extraction, projects=tuple(_canonical_project(p, lang) for p in extraction.projects))


def _canonical_project(p: Project, lang: str) -> Project:
    investors = tuple(_canonical(m, "org", lang) for m in p.investors)
    hosts = tuple(_canonical(m, None, lang) for m in p.hosts)
    place = _canonical(p.place, "place", lang) if p.place else None
    if investors == p.investors and hosts == p.hosts and place == p.place:
        return p  # nothing known by another name: no copy (a copy of a project costs more than the look-ups)
    return replace(p, investors=investors, hosts=hosts, place=place)

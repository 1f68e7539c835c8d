"""Gazetteers built from well-kept packages, never typed in by hand.

* Places: country and region names of CLDR (``babel``) in the language,
  country and subdivision names of ISO 3166 (``pycountry``, with their
  translations), CLDR's exemplar cities of the time-zone database, and,
  when Frog's data is installed, its place lists.
* First names: Frog's list, when installed.
* Languages: CLDR's language names in the language ("Frans", "Latijn").
* Codes that are no names (next to a number): CLDR's currency codes, unit
  and currency symbols, and the time-zone database's abbreviations ("USD",
  "GB", "GMT").
* Nationalities and other groups (NORP): derived from CLDR language,
  country and region names (and ISO 3166 country names) with the language's spelling rules (``demonyms`` in
  ``entities.yaml``): "Russisch" → "Russische", "Rusland" → ...

Every entry is folded (lower case, no accents); multi-word names are
joined with single spaces.
"""
from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import RuleDataError
from ..nlp.frog_model import frog_data_dir
from ..temporal.lexicon import fold
from .langdata import EntityData, entity_data

#: CLDR territory codes that are no place (the EU, the UN, unknown, pseudo-locales).
NOT_PLACES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "001"})
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """Name lists of one language (folded).

    Attributes:
        places: place names (one or more words).
        place_max_tokens: the longest place name, in words.
        first_names: given names.
        demonyms: nationality and group words (NORP), single words.
        not_names: words that are no name on their own although written
            with a capital (CLDR's month and day names).
        languages: one-word language names of CLDR ("Frans", "Latijn").
        codes: the time-zone database's abbreviations ("GMT", "CET"), never a name.
        currencies: CLDR's currency codes ("USD"), no name next to a number.
        units: CLDR's short unit symbols with a capital ("GB", "GHz"), no
            name after a number.
        currency_signs: CLDR's currency symbols ("US$", "€"), as written.
        countries: folded country name → ISO 3166 alpha-2 code, every form CLDR and
            ISO 3166 give (short, official, common; this language and English).
        place_adjective_endings: endings that make an adjective of a place
            name ("Brussel" + "se").
        sources: the sources that were found, for reports.
    """

    places: frozenset[str]
    place_max_tokens: int
    first_names: frozenset[str]
    demonyms: frozenset[str]
    sources: tuple[str, ...]
    not_names: frozenset[str] = frozenset()
    place_adjective_endings: tuple[str, ...] = ()
    languages: frozenset[str] = frozenset()
    codes: frozenset[str] = frozenset()
    currencies: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()
    currency_signs: frozenset[str] = frozenset()
    countries: dict[str, str] = field(default_factory=dict)

    def country_of(self, name: str) -> str | None:
        """The ISO 3166 code of a country name in any of its forms ("Verenigde Staten",
        "Verenigde Staten van Amerika" → "US"), or None."""
        return self.countries.get(" ".join(fold(name).split()))

    def is_demonym(self, word: str) -> bool:
        """True for a group word, also as the last part of a compound ("Noord-Duitse"),
        and for an adjective made of a place name ("Brusselse")."""
        folded = fold(word)
        last = folded.rsplit("-", 1)[-1]
        if folded in self.demonyms or last in self.demonyms:
            return True
        return any(folded.endswith(e) and folded[:-len(e)] in self.places and len(folded) > len(e) + 3
                   for e in self.place_adjective_endings)


def _read_list(path: Path) -> set[str]:
    out = set()
    with open(path, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            name = line.strip()
            if name and not name.startswith("#") and name[:1].isupper():
                out.add(" ".join(fold(name).split()))
    return out


def _cldr(locale_name: str) -> tuple[set[str], list[str], list[str]]:
    """Places, country and region names ("Europa", "Azië"), and language names from CLDR."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(locale_name)
    except (UnknownLocaleError, ValueError) as exc:
        raise RuleDataError(f"entities.yaml: unknown CLDR locale {locale_name!r}: {exc}") from None
    places, countries = set(), []
    for code, name in locale.territories.items():
        if code in NOT_PLACES or not name[:1].isupper():
            continue
        places.add(name)
        countries.append(name)
        for part in re.findall(r"\(([^)]+)\)", name):  # "Myanmar (Birma)"
            places.add(part)
            places.add(name.split(" (")[0])
    for zone in locale.time_zones.values():
        city = zone.get("city") if hasattr(zone, "get") else None
        if city:
            places.add(city)
    languages = [name for name in locale.languages.values() if name]
    return places, countries, languages


def _codes(locale_name: str | None) -> tuple[set[str], set[str], set[str], set[str]]:
    """Time-zone abbreviations; currency codes; unit symbols; currency symbols (as written)."""
    import datetime
    from zoneinfo import ZoneInfo, available_timezones

    codes, currencies, units, signs = set(), set(), set(), set()
    for zone in available_timezones():
        try:
            tz = ZoneInfo(zone)
        except (OSError, ValueError):  # pragma: no cover - a broken zone file
            continue
        for month in (1, 7):
            name = datetime.datetime(2020, month, 1, tzinfo=tz).tzname()
            if name and name.isalpha() and name[:1].isupper():
                codes.add(name)
    if locale_name:
        from babel import Locale

        locale = Locale.parse(locale_name)
        currencies |= {code for code in locale.currencies if code.isalpha() and code.isupper()}
        signs |= {sign for sign in locale.currency_symbols.values() if sign}
        for forms in locale._data.get("unit_patterns", {}).values():
            for pattern in (forms.get("short") or {}).values():
                symbol = pattern.replace("{0}", "").strip() if isinstance(pattern, str) else ""
                if " " not in symbol and sum(c.isalpha() for c in symbol) >= 2 and any(c.isupper() for c in symbol):
                    units.add(symbol)
    return codes, currencies, units, signs


def _calendar_words(locale_name: str) -> set[str]:
    """Month and day names of CLDR (wide and abbreviated, format and stand-alone)."""
    from babel import Locale

    locale = Locale.parse(locale_name)
    out = set()
    for table in (locale.months, locale.days):
        for context in table.values():
            for width in context.values():
                out.update(fold(name).rstrip(".") for name in width.values())
    return {w for w in out if len(w) > 2}


def _zone_cities() -> set[str]:
    """City names of the time-zone database ("Europe/Amsterdam" → "Amsterdam")."""
    try:
        from zoneinfo import available_timezones
    except ImportError:  # pragma: no cover
        return set()
    return {zone.rsplit("/", 1)[-1].replace("_", " ") for zone in available_timezones()
            if "/" in zone and not zone.startswith(("Etc/", "SystemV/", "US/"))}


def _iso3166(language: str | None) -> tuple[set[str], list[str]]:
    """Country and subdivision names of ISO 3166, translated into ``language`` where possible."""
    import pycountry

    def translator(domain: str):
        if not language:
            return lambda s: s
        try:
            return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language]).gettext
        except OSError:
            return lambda s: s

    countries_t, subdivisions_t = translator("iso3166-1"), translator("iso3166-2")
    places, countries = set(), []
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                places.add(countries_t(value))
                countries.append(countries_t(value))
    for sub in pycountry.subdivisions:
        for value in {sub.name, subdivisions_t(sub.name)}:
            name = value.split(",")[0].strip()  # "wallonne, Région" → "wallonne"
            if name[:1].isupper():
                places.add(name)
    return places, countries


def _country_codes(locale_name: str | None, language: str | None) -> dict[str, str]:
    """Folded country name → ISO 3166 alpha-2 code, from CLDR and ISO 3166 (names in ``language`` and English)."""
    import pycountry

    out: dict[str, str] = {}
    if locale_name:
        from babel import Locale

        for code, name in Locale.parse(locale_name).territories.items():
            if len(code) == 2 and code.isalpha() and code not in NOT_PLACES:
                out.setdefault(" ".join(fold(name).split()), code)
    translate = lambda s: s  # noqa: E731
    if language:
        try:
            translate = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language]).gettext
        except OSError:
            pass
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                for form in (value, translate(value)):
                    out.setdefault(" ".join(fold(form).split()), country.alpha_2)
    return out


def _demonyms(data: EntityData, places: list[str], languages: list[str]) -> set[str]:
    """Group words: stems from language names and multi-word place names, then the rules.

    A rule reads the forms of one source (``countries``: single-word place
    names; ``words``: inflected adjectives found in multi-word place names
    such as "Britse Maagdeneilanden"; ``stems``: adjective stems;
    ``languages``: only the stems taken from language names) and adds
    its results to ``into`` (``stems`` or ``words``, default ``words``).
    Rules run in file order, so a later rule sees what earlier ones made.
    """
    spec = data.raw.get("demonyms") or {}
    endings = tuple(fold(e) for e in spec.get("stem_endings") or [])
    inflected = data.demonym_suffixes
    stems: set[str] = set()
    words: set[str] = set()
    for name in languages:
        first = name.split()[0] if name.split() else ""
        if first[:1].isupper() and endings and fold(first).endswith(endings):
            stems.add(fold(first))
    language_stems = set(stems)
    for name in places:
        parts = name.split()
        for word in parts[:-1]:
            if word[:1].isupper() and inflected and fold(word).endswith(inflected):
                words.add(fold(word))
            elif word[:1].isupper() and endings and fold(word).endswith(endings):
                stems.add(fold(word))
    sets = {"countries": {fold(p) for p in places if " " not in p}, "stems": stems, "words": words,
            "languages": language_stems}
    for n, rule in enumerate(spec.get("rules") or []):
        try:
            source, pattern, replace = rule["from"], re.compile(rule["match"]), rule["replace"]
            target = rule.get("into", "words")
        except (KeyError, TypeError, AttributeError, re.error) as exc:
            raise RuleDataError(f"entities.yaml of {data.raw.get('lang')!r}: demonyms rule {n + 1} is malformed "
                                f"({exc}); it needs from, match and replace") from None
        if source not in sets or target not in ("stems", "words"):
            raise RuleDataError(f"entities.yaml of {data.raw.get('lang')!r}: demonyms rule {n + 1}: 'from' must "
                                "be countries, languages, stems or words and 'into' stems or words")
        made = {pattern.sub(replace, word, count=1) for word in sets[source] if pattern.search(word)}
        sets[target] |= made
    return sets["stems"] | sets["words"]


@lru_cache(maxsize=4)
def gazetteer(lang: str) -> Gazetteer:
    """The gazetteer of ``lang`` (built once per process, about a second).

    Raises:
        RuleDataError: malformed ``entities.yaml`` sections.
    """
    data = entity_data(lang)
    raw = data.raw
    places: set[str] = set()
    countries: list[str] = []
    languages: list[str] = []
    sources = []
    not_names: set[str] = set()
    if raw.get("cldr_locale"):
        cldr_places, cldr_countries, languages = _cldr(str(raw["cldr_locale"]))
        not_names = _calendar_words(str(raw["cldr_locale"]))
        places |= cldr_places
        countries += cldr_countries
        sources.append("CLDR (babel)")
    iso_places, iso_countries = _iso3166(raw.get("pycountry_language"))
    country_codes = _country_codes(raw.get("cldr_locale"), raw.get("pycountry_language"))
    places |= iso_places
    countries += iso_countries
    sources.append("ISO 3166 (pycountry)")
    places |= _zone_cities()
    folded_places = {" ".join(fold(p).replace(",", " ").split()) for p in places}
    first_names: set[str] = set()
    lists = raw.get("frog_lists") or {}
    folder = frog_data_dir() if lists else None
    if folder is not None:
        for name in lists.get("places") or []:
            if (folder / name).is_file():
                folded_places |= _read_list(folder / name)
        for name in lists.get("first_names") or []:
            if (folder / name).is_file():
                first_names |= _read_list(folder / name)
        sources.append(f"Frog lists ({folder})")
    # Group words come from country, region and language names only: the rules applied to every
    # town and province would make thousands of false ones ("Thomas", "Karel").
    demonyms = _demonyms(data, countries, languages)
    codes, currencies, units, signs = _codes(raw.get("cldr_locale"))
    demonyms -= folded_places  # a country name is a place, not a group word
    return Gazetteer(places=frozenset(folded_places),
                     place_max_tokens=max((len(p.split()) for p in folded_places), default=1),
                     first_names=frozenset(first_names - not_names - data.edge_words - data.particles),
                     demonyms=frozenset(demonyms),
                     sources=tuple(sources), not_names=frozenset(not_names),
                     languages=frozenset(fold(n) for n in languages if " " not in n and n[:1].isupper()),
                     codes=frozenset(codes), currencies=frozenset(currencies), units=frozenset(units), currency_signs=frozenset(signs),
                     place_adjective_endings=tuple(fold(e) for e in raw.get("place_adjective_endings") or ()),
                     countries=country_codes)

"""Reading a sentence in English, Ukrainian or Russian into claims ("Russia now holds nearly a fifth
of Ukraine", "about 70% of Zaporizhzhia region" in Ukrainian, "more than 99% of the LNR" in Russian;
tests/test_claimparse.py has them as written).

The words are data (`claimwords.toml`). Reading is linear in the input: every pattern is compiled
once, each is a plain alternation scanned once, and a sentence longer than `MAX_CHARS` is refused.
What cannot be read is said (`Reading.unread`), never guessed: a figure without a territory, a
change over time ("captured 4,000 km² in 2025") or a number without a unit gives no claim.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from reportmap import claims
from reportmap.records import UKRAINE, Claim, Holder, Qualifier, Quantity

WORDS_FILE = Path(__file__).resolve().parent / "claimwords.toml"
MAX_CHARS = 10_000
MAX_CLAIMS = 30  # a paste with more figures is read up to here, and says so
SQ_MI_KM2 = 2.589988110336  # one international square mile in km²
NEAR = 40  # characters: a territory this close after a figure is the figure's own ("70% of Zaporizhzhia")
QUALIFIER_WINDOW = 32  # characters before a figure where its qualifier stands



@dataclass(frozen=True)
class Found:
    """A claim read from the sentence, where it stands, and what the reader should know of it."""

    claim: Claim
    start: int
    end: int
    notes: tuple[str, ...] = ()  # "sq-mi": converted from square miles; "complement": Ukraine's share


@dataclass(frozen=True)
class Reading:
    found: tuple[Found, ...]
    unread: tuple[str, ...]  # what could not be read, each as a code with the text it concerns
    too_long: bool = False

    @property
    def claims(self) -> tuple[Claim, ...]:
        return tuple(f.claim for f in self.found)


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int  # the end of the word the stem begins
    units: tuple[str, ...]


def _alternation(phrases: list[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))


class Vocabulary:
    """The word lists of `claimwords.toml`, compiled once."""

    def __init__(self, path: Path = WORDS_FILE) -> None:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        self.stems: dict[str, tuple[str, ...]] = {}
        for unit, stems in data["units"].items():
            for stem in stems:
                self.stems[stem] = (unit,)
        for group in data["groups"].values():
            for word in group["words"]:
                self.stems[word] = tuple(group["units"])
        self.needs_region_word = {stem: (unit,) for unit, stems in data["needs_region_word"].items()
                                  for stem in stems}
        self.mention = re.compile(rf"(?<!\w)(?:{_alternation([*self.stems, *self.needs_region_word])})")
        region_words = _alternation(data["region_words"]["words"])
        self.region_word = re.compile(rf"\s*(?:{region_words})")
        # One character for one: positions in the folded text are positions in the sentence as pasted.
        self.fold = str.maketrans({key: value for key, value in data["fold"].items()})
        # What may stand between a figure and its own territory ("99% of Luhansk"), and between the
        # territories of a list ("Donetsk and Luhansk regions").
        self.of = re.compile(rf"^(?:\s|[,:-]|(?:{_alternation(data['between']['of'])})(?!\w))*$")
        connector = rf"(?:,|&|(?:{_alternation(data['between']['and'])})(?!\w))"
        self.join = re.compile(rf"\s*(?:(?:{region_words})\w*)?\s*{connector}(?:\s*{connector})*\s*$")
        # "78.1% of the region", a region not named: its name was in an earlier sentence.
        self.generic = re.compile(rf"(?:\s|[,:-]|(?:{_alternation(data['between']['of'])})(?!\w))*"
                                  rf"(?:(?:{_alternation(data['between']['territory'])})\w*\s*)?"
                                  rf"(?:{region_words})")
        self.country = re.compile(rf"(?<!\w)(?:{_alternation(data['country']['words'])})")
        self.ukraine_holds = re.compile(_alternation(data["ukraine_holds"]["words"]))
        self.ukraine_acts = re.compile(_alternation(data["ukraine_holds"]["acts"]))
        self.change = re.compile(rf"(?<!\w)(?:{_alternation(data['change']['words'])})")
        self.qualifiers = {Qualifier(name): re.compile(rf"(?<!\w)(?:{_alternation(words)})(?![^\W\d_])")
                           for name, words in data["qualifiers"].items()}
        self.fractions = re.compile(rf"(?<!\w)(?:{_alternation([w for ws in data['fractions'].values() for w in ws])})")
        self.fraction_value = {w: float(v) for v, ws in data["fractions"].items() for w in ws}
        measure = data["units_of_measure"]
        self.thousand = re.compile(rf"\s?(?:{_alternation(measure['thousand'])})(?!\w)\.?")
        self.unit = {name: re.compile(rf"\s?(?:{_alternation(measure[name])})") for name in ("percent", "km2", "sq-mi")}
        self.majority = re.compile(rf"(?<!\w)(?:{_alternation(data['majority']['words'])})(?!\w)")
        every, ordinal = _alternation(data["one_in"]["every"]), _alternation(data["one_in"]["ordinal"])
        self.one_in = re.compile(rf"(?<!\w)(?:{every})\s+(\d{{1,3}})(?:{ordinal})?"
                                 rf"(?=\s?(?:{_alternation(measure['km2'])}))")
        self.respectively = re.compile(rf"(?<!\w)(?:{_alternation(data['respectively']['words'])})(?!\w)")
        self.relative = re.compile(rf"(?:{_alternation(data['relative']['words'])})(?!\w)")
        # What may stand between two figures that share one holder ("0.13% of the LNR and about 19% of the DNR").
        small = _alternation([*data["between"]["of"], *data["between"]["and"]])
        stems = _alternation([*data["between"]["territory"], *data["region_words"]["words"]])
        self.list_gap = re.compile(rf"^(?:\s|[,:-]|(?:{small})(?!\w)|(?:{stems})\w*)*$")


_NUMBER = re.compile(r"(?<![\w])(?<!\d[.,])(\d{1,3}(?:[ ,.'](?=\d{3}(?!\d))\d{3})+|\d+)(?:[.,](\d{1,2}|\d{4,})(?!\d))?")
_HUNDREDS = re.compile(r" (\d{1,3})(?![\d.,]\d)")

_VOCABULARY: Vocabulary | None = None


def vocabulary() -> Vocabulary:
    global _VOCABULARY
    if _VOCABULARY is None:
        _VOCABULARY = Vocabulary()
    return _VOCABULARY


@dataclass(frozen=True)
class _Figure:
    start: int
    end: int
    value: float
    decimals: int | None
    quantity: Quantity
    notes: tuple[str, ...]
    spread: float = 0.0
    qualifier: Qualifier | None = None  # set by the words themselves ("most of", "every 5th km²")


_RANGE_DASH = re.compile(r"\s?-\s?(?=\d)")


def _figures(text: str, words: Vocabulary) -> list[_Figure]:
    """Every number with a unit (%, km², square miles), and every fraction said in words."""
    found: list[_Figure] = []
    consumed = 0
    pending: tuple[int, float] | None = None  # the first end of a range ("25-30%"): its start and value
    for match in _NUMBER.finditer(text):
        if match.start() < consumed:
            continue  # the hundreds after "thousand", already read
        if len(found) > 2 * MAX_CLAIMS:
            break  # read() says there are too many
        whole = re.sub(r"[ ,.']", "", match.group(1))
        decimals = match.group(2)
        value = float(f"{whole}.{decimals}") if decimals else float(whole)
        end = match.end()
        thousand = words.thousand.match(text, end)
        if thousand:
            value, end, decimals = value * 1000, thousand.end(), None
            rest = _HUNDREDS.match(text, end)  # "112 thousand 430 km²", as Ukrainian writes it
            if rest:
                value, end = value + int(rest.group(1)), rest.end()
        name, unit = next(((name, m) for name, pattern in words.unit.items() if (m := pattern.match(text, end))),
                          ("", None))
        if unit is None:
            dash = _RANGE_DASH.match(text, match.end())
            pending = (match.start(), value) if dash else None
            continue  # a year, a count of people: not a figure of territory (or a range's first end)
        if pending is not None and _RANGE_DASH.match(text, text.rfind("-", 0, match.start())) and \
                text.rfind("-", 0, match.start()) >= pending[0] and pending[1] < value:
            start, spread = pending[0], (value - pending[1]) / 2
            value, decimals = (value + pending[1]) / 2, None
        else:
            start, spread = match.start(), 0.0
        pending = None
        places = len(decimals) if decimals else claims.decimals_of(value)
        consumed = unit.end()
        notes = ("range",) if spread else ()
        if name == "percent":
            found.append(_Figure(start, unit.end(), value, places, Quantity.SHARE, notes, spread))
        elif name == "km2":
            found.append(_Figure(start, unit.end(), value, places, Quantity.KM2, notes, spread))
        else:
            found.append(_Figure(start, unit.end(), round(value * SQ_MI_KM2), None, Quantity.KM2, ("sq-mi", *notes),
                                 round(spread * SQ_MI_KM2)))
    for match in words.fractions.finditer(text):
        value = words.fraction_value[match.group(0)]
        found.append(_Figure(match.start(), match.end(), value, claims.decimals_of(value), Quantity.SHARE, ()))
    for match in words.majority.finditer(text):
        found.append(_Figure(match.start(), match.end(), 50.0, 0, Quantity.SHARE, ("majority",),
                             qualifier=Qualifier.MORE_THAN))
    for match in words.one_in.finditer(text):
        unit = words.unit["km2"].match(text, match.end())
        if unit and int(match.group(1)) > 1:
            value = round(100 / int(match.group(1)), 1)
            found.append(_Figure(match.start(), unit.end(), value, claims.decimals_of(value), Quantity.SHARE,
                                 ("one-in",), qualifier=Qualifier.ABOUT))
    return sorted(found, key=lambda f: f.start)


def _mentions(text: str, words: Vocabulary) -> list[_Mention]:
    """Every territory named, pairs and lists joined ("Donetsk and Luhansk regions")."""
    out: list[_Mention] = []
    for match in words.mention.finditer(text):
        stem = match.group(0)
        end = match.end()
        while end < len(text) and text[end].isalnum():
            end += 1
        units = words.stems.get(stem)
        if units is None:  # a city's name that is also a government's seat: only with "region"
            if not words.region_word.match(text, end):
                continue
            units = words.needs_region_word[stem]
        if out and words.join.match(text[out[-1].end:match.start()]):
            last = out.pop()
            units = tuple(dict.fromkeys((*last.units, *units)))
            out.append(_Mention(last.start, end, units))
        else:
            out.append(_Mention(match.start(), end, units))
    return out


def _scope(figure_start: int, figure_end: int, before: int, after: int, mentions: list[_Mention],
           starts: list[int], country: re.Pattern[str], of: re.Pattern[str], text: str) -> _Mention | None:
    """The territory a figure is of: named just after it (unless the country is named first, as in
    "km² of Ukrainian territory, including Crimea"), else before it (back to the previous figure),
    else after it in its clause; None when the clause names none."""
    i = bisect.bisect_left(starts, figure_end)
    ahead = mentions[i] if i < len(mentions) and mentions[i].start < after else None
    if ahead is not None and ahead.start - figure_end <= NEAR and of.match(text[figure_end:ahead.start]):
        return ahead
    named = country.search(text, figure_end, min(after, figure_end + NEAR))
    if named is not None and of.match(text[figure_end:named.start()]):
        return None  # "99% of Luhansk and 19% of Ukraine": the country, not the territory before
    j = bisect.bisect_left(starts, figure_start) - 1
    if j >= 0 and mentions[j].start >= before and mentions[j].end <= figure_start:
        return mentions[j]
    if ahead is not None and not country.search(text, figure_end, ahead.start):
        return ahead
    return None


_NUMBERED = (Qualifier.ALMOST_ALL, Qualifier.MORE_THAN, Qualifier.LESS_THAN, Qualifier.ALMOST, Qualifier.ABOUT)
_WORDED = (Qualifier.ALMOST_ALL, Qualifier.ALL, Qualifier.SOME)
_AFTER = (Qualifier.ALMOST_ALL, Qualifier.ALL)  # "fully occupied" may follow its territory; "parts of" never
# Where what is said of a figure ends: a comma, a semicolon, a full stop or a dash between clauses.
_CLAUSE_END = re.compile(r"[,;.]\s|\s-\s|\(")


def _qualifier(text: str, start: int, floor: int, words: Vocabulary, numbered: bool,
               kinds: tuple[Qualifier, ...] | None = None) -> Qualifier:
    """The qualifier closest before a figure (within QUALIFIER_WINDOW and after `floor`); of two
    that overlap, the longer phrase ("almost all of" is almost-all, not all)."""
    window_start = max(floor, start - QUALIFIER_WINDOW)
    kinds = kinds or (_NUMBERED if numbered else _WORDED)
    matches = [(m.start(), m.end(), kind) for kind in kinds
               for m in words.qualifiers[kind].finditer(text, window_start, start)]
    if not matches:
        return Qualifier.BARE
    last = max(matches, key=lambda m: m[1])
    best = min((m for m in matches if m[0] < last[1] and last[0] < m[1]), key=lambda m: m[0])[2]
    if numbered and best is Qualifier.ALMOST_ALL:  # "almost all 19%" is no use of the words; read as almost
        return Qualifier.ALMOST
    return best


def _in_one_list(text: str, before: int, start: int, mentions: list[_Mention], starts: list[int],
                 words: Vocabulary) -> bool:
    """Whether only territories, "of" and "and" stand between a figure and the one before it, so that
    what was said of the first holds for both ("0.13% of the LNR and about 19% of the DNR")."""
    gap = list(text[before:start])
    first = max(bisect.bisect_left(starts, before) - 1, 0)  # a mention may begin before the gap
    for mention in mentions[first:bisect.bisect_left(starts, start)]:
        for i in range(max(mention.start, before), min(mention.end, start)):
            gap[i - before] = " "
    rest = "".join(gap)
    for pattern in words.qualifiers.values():
        rest = pattern.sub(" ", rest)
    return words.list_gap.match(rest) is not None


def _respectively(found: list[Found]) -> list[Found]:
    """"74% and 76% of their respective areas" after "Zaporizhzhia and Kherson": a run of figures
    that took one list of as many territories gets them one each, in order."""
    out: list[Found] = []
    i = 0
    while i < len(found):
        scope = found[i].claim.scope
        j = i
        while j < len(found) and found[j].claim.scope == scope:
            j += 1
        if len(scope) > 1 and j - i == len(scope):
            pairs = zip(found[i:j], scope, strict=True)
            out.extend(replace(f, claim=replace(f.claim, scope=(unit,))) for f, unit in pairs)
        else:
            out.extend(found[i:j])
        i = j
    return out


def read(sentence: str, date: dt.date, vocabulary_: Vocabulary | None = None) -> Reading:
    """Every claim the sentence makes, for the day `date`."""
    if len(sentence) > MAX_CHARS:
        return Reading((), ("too-long",), too_long=True)
    words = vocabulary_ or vocabulary()
    text = sentence.lower().translate(words.fold)
    figures = _figures(text, words)
    mentions = _mentions(text, words)
    country = words.country.search(text) is not None
    found: list[Found] = []
    unread: list[str] = []
    used: set[int] = set()  # the mentions (by start) a figure took as its territory
    starts = [m.start for m in mentions]
    words_as_published = sentence.strip()
    previous: _Mention | None = None  # the territory of the figure before, for "... 99.7%, and less than 60 km²"
    said_of_ukraine = False  # the figure before was said to be Ukraine's, in words its list may share
    for index, figure in enumerate(figures):
        before = figures[index - 1].end if index else 0
        after = figures[index + 1].start if index + 1 < len(figures) else len(text)
        clause = text[before:after]
        if words.change.search(clause):
            unread.append(f"change:{sentence[figure.start:figure.end]}")
            continue
        mention = _scope(figure.start, figure.end, before, after, mentions, starts, words.country, words.of, text)
        generic = mention is None and words.generic.match(text, figure.end) is not None
        country_here = words.country.search(clause) is not None
        if mention is None and not generic and not country_here and previous is not None:
            mention = previous
        if mention is None and (generic or not country):  # Ukraine as a whole only when the sentence says so
            unread.append(f"scope:{sentence[figure.start:figure.end]}")
            continue
        if mention is not None:
            used.add(mention.start)
        previous = mention
        scope = mention.units if mention is not None else (UKRAINE,)
        own_end = max(figure.end, mention.end if mention is not None and mention.start >= figure.end else 0)
        stop = _CLAUSE_END.search(text, own_end, after)
        relative = ""
        if stop and words.relative.match(text, stop.end()):  # "0.13%, which the enemy controls"
            end = _CLAUSE_END.search(text, stop.end(), after)
            relative = text[stop.end():end.start() if end else after]
        said_before = text[before:figure.start]
        said_after = text[figure.end:stop.start() if stop else after]
        said_of_ukraine = words.ukraine_holds.search(f"{said_before} {said_after} {relative}") is not None or \
            words.ukraine_acts.search(f"{said_before} {relative}") is not None or (
            said_of_ukraine and _in_one_list(text, before, figure.start, mentions, starts, words))
        holder = Holder.UKRAINE if said_of_ukraine else Holder.RUSSIA
        qualifier = figure.qualifier or _qualifier(text, figure.start, before, words, numbered=True)
        notes = figure.notes + (("complement",) if holder is Holder.UKRAINE else ())
        try:
            claim = Claim(words_as_published, scope, figure.quantity, qualifier, figure.value, date, holder,
                          figure.decimals, spread=figure.spread)
        except ValueError:
            unread.append(f"value:{sentence[figure.start:figure.end]}")
            continue
        found.append(Found(claim, figure.start, figure.end, notes))
    if words.respectively.search(text):
        found = _respectively(found)
    # "Most of Luhansk (99% under Russian control)": the number says it better than the words.
    numbered = {f.claim.scope for f in found if "majority" not in f.notes}
    found = [f for f in found if "majority" not in f.notes or f.claim.scope not in numbered]
    # Wording without a number: "all of Luhansk", "entire Crimea", "smaller parts of Kharkiv".
    ends = [f.end for f in figures]
    for index, mention in enumerate(mentions):
        k = bisect.bisect_right(ends, mention.start) - 1
        floor = max(ends[k] if k >= 0 else 0, mentions[index - 1].end if index else 0)
        # A territory a figure took may still be said to be held whole after it ("Crimea remains fully
        # occupied, constituting 19.25%"), never before it (that is the figure's own qualifier).
        qualifier = Qualifier.BARE if mention.start in used else \
            _qualifier(text, mention.start, floor, words, numbered=False)
        if qualifier is Qualifier.BARE:  # "Crimea (fully occupied since 2014)": the words may follow
            following = [*(m.start for m in mentions[index + 1:index + 2]), *(f.start for f in figures
                                                                               if f.start >= mention.end)]
            ceiling = min([mention.end + QUALIFIER_WINDOW, *following])
            qualifier = _qualifier(text, ceiling, mention.end, words, numbered=False, kinds=_AFTER)
        if qualifier is Qualifier.BARE:
            continue
        said = text[floor:mention.end]
        ukraines = words.ukraine_holds.search(said) or words.ukraine_acts.search(said)
        holder = Holder.UKRAINE if ukraines else Holder.RUSSIA
        claim = Claim(words_as_published, mention.units, Quantity.SHARE, qualifier, None, date, holder)
        found.append(Found(claim, max(floor, mention.start - QUALIFIER_WINDOW), mention.end,
                           ("complement",) if holder is Holder.UKRAINE else ()))
    if not found and not unread:
        unread.append("nothing")
    found.sort(key=lambda f: f.start)
    if len(found) > MAX_CLAIMS:
        unread.append(f"too-many:{len(found)}")
    return Reading(tuple(found[:MAX_CLAIMS]), tuple(unread))

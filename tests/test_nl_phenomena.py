"""Dutch phenomena the issue names, one line each: HeidelTime's typical Dutch
failures and the coverage list (dates, times, durations, sets, calendar
units, holidays, relative expressions, modifiers, ranges, vague references).

Every rule also carries its own examples (tests/test_rule_examples.py);
this table reads as a specification of what Dutch news text gets.
"""
import pytest

from kroniek import tag

DCT = "2019-03-20"  # a Wednesday

CASES = [
    # HeidelTime's typical Dutch failures
    ("Hij komt de 27e terug.", "de 27e", "2019-03-27", None),
    ("De wedstrijd is op 22-4.", "22-4", "2019-04-22", None),
    ("Vanaf 22/4 is het museum dicht.", "22/4", "2019-04-22", None),
    ("Het congres begon vrijdag de 15e.", "vrijdag de 15e", "2019-03-15", None),
    ("Hij stierf op vier mei.", "vier mei", "2018-05-04", None),
    ("Hij kwam deze morgen aan.", "deze morgen", "2019-03-20TMO", None),
    ("Zij belde 's middags om 7 uur.", "'s middags om 7 uur", "2019-03-20T19", None),
    ("De tentoonstelling liep van 3 tot 12 september.", "van 3 tot 12 september", "P9D", None),
    ("Het gebeurde 2 jaar 1 maand en 21 dagen geleden.", "2 jaar 1 maand en 21 dagen geleden", "2017-01-30", None),
    ("Op 1 maart was het feest. Drie dagen geleden viel de beslissing.", "Drie dagen geleden", "2019-03-17", None),
    # times of day
    ("De vergadering is om 15.00 uur.", "15.00 uur", "2019-03-20T15:00", None),
    ("We spraken af om half vier.", "half vier", "2019-03-20T03:30", None),
    ("De trein vertrekt kwart over acht.", "kwart over acht", "2019-03-20T08:15", None),
    ("Vanochtend was het koud.", "Vanochtend", "2019-03-20TMO", None),
    ("Donderdagavond speelde Ajax.", "Donderdagavond", "2019-03-14TEV", None),
    ("Het café is open van 9 tot 17 uur.", "van 9 tot 17 uur", "PT8H", None),
    ("Morgenochtend om 7 vertrekt de bus.", "Morgenochtend om 7", "2019-03-21T07", None),
    # durations
    ("Hij zat drie jaar vast.", "drie jaar", "P3Y", None),
    ("Het duurde anderhalve week.", "anderhalve week", "P1.5W", None),
    ("Hij werkte de hele dag.", "de hele dag", "P1D", None),
    # sets
    ("Elke dinsdag is er markt.", "Elke dinsdag", "XXXX-WXX-2", None),
    ("De krant verschijnt wekelijks.", "wekelijks", "P1W", None),
    ("Ze komen twee keer per jaar bijeen.", "twee keer per jaar", "P1Y", None),
    ("Op zondagen is de winkel dicht.", "Op zondagen", "XXXX-WXX-7", None),
    ("Hij vertrekt elke maandag om 16.00 uur.", "elke maandag om 16.00 uur", "XXXX-WXX-1T16:00", None),
    # calendar units
    ("In week 12 begint de bouw.", "week 12", "2019-W12", None),
    ("Het eerste kwartaal was goed.", "Het eerste kwartaal", "2019-Q1", None),
    ("De eerste helft van 2019 was goed.", "De eerste helft van 2019", "2019-H1", None),
    ("Afgelopen zomer was heet.", "Afgelopen zomer", "2018-SU", None),
    ("In de jaren '90 was alles anders.", "de jaren '90", "199", None),
    ("De jaren zestig van de vorige eeuw waren wild.", "De jaren zestig van de vorige eeuw", "196", None),
    ("In de negentiende eeuw bloeide de stad.", "de negentiende eeuw", "18", None),
    ("De laatste week van juli 2016 was heet.", "De laatste week van juli 2016", "2016-W30", None),
    # holidays
    ("Koningsdag 2019 valt op zaterdag.", "Koningsdag 2019", "2019-04-27", None),
    ("Koninginnedag 2010 was druk.", "Koninginnedag 2010", "2010-04-30", None),
    ("Prinsjesdag 2019 is in september.", "Prinsjesdag 2019", "2019-09-17", None),
    ("Pasen 2019 valt laat.", "Pasen 2019", "2019-04-21", None),
    ("Pinksteren 2019 valt in juni.", "Pinksteren 2019", "2019-06-09", None),
    ("Met Kerst was hij thuis.", "Kerst", "2018-12-25", None),
    ("Sinterklaas kwam vorig jaar laat.", "Sinterklaas", "2018-12-05", None),
    ("Bevrijdingsdag 2020 wordt groots gevierd.", "Bevrijdingsdag 2020", "2020-05-05", None),
    ("Oudejaarsavond was onrustig.", "Oudejaarsavond", "2018-12-31", None),
    ("Komende Pasen is hij vrij.", "Komende Pasen", "2019-04-21", None),
    # a holiday no longer observed: its last observance (was dropped before)
    ("Op Koninginnedag was het druk.", "Koninginnedag", "2013-04-30", None),
    # a weekday that does not fit the date nearby: the date decides (was 2016)
    ("Vrijdag 22/4 is de opening.", "Vrijdag 22/4", "2019-04-22", None),
    # relative expressions
    ("Gisteren sprak de premier.", "Gisteren", "2019-03-19", None),
    ("Eergisteren was het stil.", "Eergisteren", "2019-03-18", None),
    ("Vorige week viel het kabinet.", "Vorige week", "2019-W11", None),
    ("Afgelopen dinsdag stemde de Kamer.", "Afgelopen dinsdag", "2019-03-19", None),
    ("Afgelopen woensdag stemde de Kamer.", "Afgelopen woensdag", "2019-03-13", None),
    ("Twee weken geleden trad hij af.", "Twee weken geleden", "2019-03-06", None),
    ("Over drie dagen valt het besluit.", "Over drie dagen", "2019-03-23", None),
    ("Volgend jaar gaat hij met pensioen.", "Volgend jaar", "2020", None),
    ("Op 3 maart vertrok hij. De dag ervoor had hij gepakt.", "De dag ervoor", "2019-03-02", None),
    ("Op 3 maart vertrok hij. Een dag later kwam hij aan.", "Een dag later", "2019-03-04", None),
    ("In september vorig jaar begon het.", "september vorig jaar", "2018-09", None),
    ("Twee weken voor Kerst ging het mis.", "Twee weken voor Kerst", "2018-12-11", None),
    ("Het kan binnen drie dagen.", "binnen drie dagen", "P3D", None),
    # modifiers
    ("Begin maart begon de campagne.", "Begin maart", "2019-03", "START"),
    ("Midden maart was het warm.", "Midden maart", "2019-03", "MID"),
    ("Eind maart valt de beslissing.", "Eind maart", "2019-03", "END"),
    ("Rond 15.00 uur kwam hij binnen.", "Rond 15.00 uur", "2019-03-20T15:00", "APPROX"),
    ("Meer dan twee weken geleden ging het mis.", "Meer dan twee weken geleden", "2019-03-06", "BEFORE"),
    ("Aan het eind van de avond ging hij naar huis.", "Aan het eind van de avond", "2019-03-20TEV", "END"),
    # ranges
    ("Het verdrag geldt tussen 2015 en 2017.", "tussen 2015 en 2017", "P2Y", None),
    ("De actie loopt tot en met vrijdag.", "tot en met vrijdag", "2019-03-15", "ON_OR_BEFORE"),
    ("De werkzaamheden duren van januari t/m april 2019.", "van januari t/m april 2019", "P4M", None),
    # vague references
    ("Eerder werd hij al veroordeeld.", "Eerder", "PAST_REF", None),
    ("Nu is het te laat.", "Nu", "PRESENT_REF", None),
    ("Binnenkort volgt meer nieuws.", "Binnenkort", "FUTURE_REF", None),
    ("Enkele jaren geleden was dat anders.", "Enkele jaren geleden", "PAST_REF", None),
]


@pytest.mark.parametrize("text, span, value, mod", CASES, ids=[c[0] for c in CASES])
def test_dutch_phenomenon(text, span, value, mod):
    found = [(t.text, t.value, t.mod) for t in tag(text, DCT, "nl")]
    assert (span, value, mod) in found, found


def test_anchoring_says_which_anchor():
    """News anchors on the DCT, narrative words on the last mentioned date."""
    timexes = tag("Op 3 maart vertrok hij. Een dag later kwam hij aan. Gisteren belde hij.", DCT, "nl")
    later = next(t for t in timexes if t.text == "Een dag later")
    yesterday = next(t for t in timexes if t.text == "Gisteren")
    assert later.anchor == timexes[0].tid
    assert yesterday.anchor == "dct"


def test_a_weekend_is_saturday_and_sunday():
    """A shifted weekend once covered its whole ISO week."""
    for text, lang in (("Afgelopen weekend was het druk.", "nl"), ("Last weekend it rained.", "en")):
        found = tag(text, DCT, lang)[0]
        assert found.value == "2019-W11-WE"
        assert (found.interval.start.date().isoformat(), found.interval.end.date().isoformat()) == ("2019-03-16",
                                                                                                     "2019-03-18")


def test_month_dct_widens_honestly():
    found = tag("Gisteren sprak hij.", "2017-03", "nl")[0]
    assert found.value == "2017-XX-XX" and not found.exact
    assert (found.interval.start.date().isoformat(), found.interval.end.date().isoformat()) == ("2017-02-28",
                                                                                                 "2017-03-31")

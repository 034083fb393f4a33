from datetime import date, datetime
from decimal import Decimal

import pytest

import ekosysteemi as eko
from ekosysteemi._catalogue import TABLES, _build

BUNDLED = eko.Catalogue.bundled()


def test_every_bundled_record_cites_its_source():
    records = BUNDLED.records()
    assert set(TABLES) == set(records)
    for table, items in records.items():
        assert items, table
        for record in items:
            assert record["source"].strip(), (table, record)


def test_a_bundled_record_without_a_source_is_refused():
    documents = [("themes.toml", {"theme": [{"id": "x", "kind": "national", "name": "X"}]})]
    with pytest.raises(eko.ValidationError) as caught:
        _build(documents, None, require_source=True)
    assert [("themes.toml:$.theme[0].source", "record.source")] == [
        (e.path, e.code) for e in caught.value.errors
    ]


def test_the_network_has_18_cities_and_16_agreements():
    assert 18 == len(eko.cities())
    assert 18 == len({c.municipality_code for c in eko.cities()})
    assert 16 == len(eko.agreements())
    covered = {code for a in eko.agreements() for code in a.cities}
    assert {c.municipality_code for c in eko.cities()} <= covered


@pytest.mark.parametrize(
    ("key", "code"),
    [
        ("Vasa", "905"),
        ("vaasa", "905"),
        ("905", "905"),
        ("Seinäjoki", "743"),
        ("SEINAJOKI", "743"),
        ("Helsingfors", "091"),
        ("S:t Michel", "491"),
        ("Imatra", "153"),
        ("Sotkamo", "765"),
    ],
)
def test_city_finds_finnish_and_swedish_names_and_codes(key, code):
    assert code == eko.city(key).municipality_code


def test_parties_to_shared_agreements_are_not_network_cities():
    assert {"153", "765"}.isdisjoint(c.municipality_code for c in eko.cities())
    assert ("405", "153") == eko.agreement("lappeenranta-imatra").cities
    assert ("205", "765") == eko.agreement("kajaani-sotkamo").cities
    assert ("091", "049", "092") == eko.agreement("helsinki-espoo-vantaa").cities


def test_seinajoki_is_modelled_exactly():
    agreement = eko.agreement("seinajoki")
    assert ("743",) == agreement.cities
    assert "alykas-vihrea-kasvu" == agreement.theme.id
    assert "Älykäs vihreä kasvu" == agreement.theme.name.fi
    assert [
        "ruokaekosysteemin-kestava-uudistuminen",
        "alykkaasti-uudistuva-teollisuus",
    ] == [area.id for area in agreement.focus_areas]
    assert all(area.parent == "alykas-vihrea-kasvu" for area in agreement.focus_areas)
    assert eko.Period(start=date(2021, 2, 9), end=date(2027, 12, 31)) == agreement.period
    city = eko.city("743")
    assert ("Seinäjoki", "Etelä-Pohjanmaa") == (city.name.fi, city.region)


def test_focus_areas_are_recorded_only_where_a_source_names_them():
    sourced = {"seinajoki", "oulu", "joensuu", "tampere", "jyvaskyla", "pori", "kuopio", "mikkeli"}
    sourced |= {
        "rovaniemi",
        "helsinki-espoo-vantaa",
        "turku",
        "lahti",
        "kokkola",
        "kajaani-sotkamo",
    }
    for agreement in eko.agreements():
        if agreement.id not in sourced:
            assert () == agreement.focus_areas
        for area in agreement.focus_areas:
            source = eko.source_of(area)
            assert "http" in source, area.id
            if agreement.id != "seinajoki":  # the source quotes the Finnish name
                assert area.name.fi.split(" –")[0].lower() in source.lower(), area.id
        if agreement.id != "seinajoki":
            assert agreement.theme is None
    assert ["Bio- ja kiertotalous", "Fotoniikka"] == [
        a.name.fi for a in eko.agreement("Joensuu").focus_areas
    ]
    assert ["Terveys- ja hyvinvointiteknologia", "Vesiosaaminen"] == [
        a.name.fi for a in eko.agreement("Kuopio").focus_areas
    ]
    assert ["Yhdyskuntavesien kiertotalous"] == [
        a.name.fi for a in eko.agreement("Mikkeli").focus_areas
    ]
    assert ["Arktinen matkailu", "Tulevaisuuden hyvinvointipalvelut"] == [
        a.name.fi for a in eko.agreement("Rovaniemi").focus_areas
    ]
    # Only Lappeenranta–Imatra's and Vaasa's stay English notes: no page quoted yet.
    assert {"lappeenranta-imatra", "vaasa"} == {a.id for a in eko.agreements() if not a.focus_areas}
    # Jyväskylä and Turku share one focus area, whose source quotes both pages.
    shared = eko.theme("uudistuva-teollisuus")
    assert "Jyväskylä" in eko.source_of(shared)
    assert "Turun kehittämisen kärkiä" in eko.source_of(shared)
    # Where the source gives the Swedish names too, the data quotes them.
    for key in ("tampere", "jyvaskyla", "pori", "rovaniemi", "kokkola", "kajaani-sotkamo"):
        for area in eko.agreement(key).focus_areas:
            assert area.name.sv.lower() in eko.source_of(area).lower(), area.id


def test_the_2022_call_closes_at_the_end_of_2_12_2022():
    call = eko.call("seinajoki-2022-12")
    assert call.is_open(datetime(2022, 12, 2, 23, 59))
    assert not call.is_open(datetime(2022, 12, 3, 0, 0, 1))
    assert eko.Deadline(date=date(2022, 12, 2)) == call.deadline
    assert Decimal("375000") == call.available_funding
    assert frozenset({eko.ProjectType.DEVELOPMENT}) == call.project_types
    assert (None, None, None, None) == (
        call.eligible_applicants,
        call.cost_models,
        call.max_duration_months,
        call.opens,
    )
    assert "seinajoki" == call.agreement_id


def test_the_2022_call_cites_the_regional_council_and_the_citys_own_announcement():
    source = eko.source_of(eko.call("seinajoki-2022-12"))
    # The regional council: closed 2.12.2022 with 375 000 euros; the city's development
    # company: development projects, the amount and the deadline, quoted.
    assert (
        "https://epliitto.fi/tiedotteet/tiedote-maakunnan-yhteistyoryhman-kokouksesta-3/" in source
    )
    assert "https://intoseinajoki.fi/ekosysteemi/konkretiaa-karkiteemoihin-hankkeilla/" in source
    for quoted in ("kehittämishankkeita", "375 000 euroa", "2.12.2022 mennessä"):
        assert quoted in source
    assert "not verified" not in source


def test_the_2023_call_records_about_277000_and_says_so():
    call = eko.call("seinajoki-2023-06")
    assert Decimal("277000") == call.available_funding
    assert date(2023, 6, 16) == call.deadline.date
    assert "noin 277 000" in eko.source_of(call)
    assert eko.call("seinajoki-2022-12").focus_areas == call.focus_areas


def test_every_call_targets_known_focus_areas_of_its_agreement():
    for call in eko.calls():
        areas = {a.id for a in eko.agreement(call.agreement_id).focus_areas}
        assert set(call.focus_areas) <= areas


def test_national_themes_exist():
    kinds = {t.id: t.kind for t in eko.themes()}
    for ident in ("vihrea-siirtyma", "digitaalinen-teknologia", "hyvinvointi"):
        assert eko.ThemeKind.NATIONAL == kinds[ident]
    assert "Green transition" == eko.theme("vihrea-siirtyma").name.get("en")


def test_an_unknown_key_names_the_nearest_matches():
    with pytest.raises(eko.UnknownReferenceError) as caught:
        eko.city("Seinäjoke")
    assert "Seinäjoki" in caught.value.suggestions
    assert "Seinäjoki" in str(caught.value)
    with pytest.raises(eko.UnknownReferenceError) as caught:
        eko.call("seinajoki-2022-11")
    assert "seinajoki-2022-12" == caught.value.suggestions[0]
    with pytest.raises(LookupError):
        eko.agreement("nowhere")


def test_a_look_up_by_a_non_string_is_a_validation_error():
    with pytest.raises(eko.ValidationError):
        eko.city(743)  # type: ignore[arg-type]


def test_source_of_refuses_objects_that_are_not_bundled():
    with pytest.raises(eko.ValidationError):
        eko.source_of("seinajoki")  # type: ignore[arg-type]

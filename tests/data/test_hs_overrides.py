"""The HS2022 codes whose UN one-to-one link to HS2012 lands in another industry than the goods take the sector of
`HS2022_SECTOR_OVERRIDES` in `hs6_to_icio` (the mapping tests read ../shared/data/concordances and skip without it)."""

from __future__ import annotations

import pytest

from palanca.data import ICIO_GOODS
from palanca.data._tariffs import HS2022_SECTOR_OVERRIDES, hs6_to_icio


def test_every_override_is_a_goods_sector_or_none_with_a_reason():
    for code, (sector, reason) in HS2022_SECTOR_OVERRIDES.items():
        assert len(code) == 6 and code.isdigit(), code
        assert sector is None or sector in ICIO_GOODS, (code, sector)
        assert reason.strip(), code


@pytest.fixture(scope="module")
def hs(shared_data):
    return hs6_to_icio(shared_data / "concordances")


@pytest.mark.shared
@pytest.mark.parametrize("code", ["030691", "030692", "030693", "030694", "030695", "030699"])
def test_crustaceans_neither_live_fresh_nor_frozen_are_food_processing(hs, code):
    # dried, salted, in brine, smoked or cooked: HS2012 0306.2x "not frozen" (fishing) also held the live ones
    assert hs[code] == "C10T12"


@pytest.mark.shared
def test_live_fresh_and_frozen_crustaceans_keep_their_sectors(hs):
    assert {hs[c] for c in ("030631", "030632", "030633", "030634", "030635", "030636", "030639")} == {"A03"}
    assert {hs[c] for c in ("030611", "030612", "030614", "030615", "030616", "030617", "030619")} == {"C10T12"}


@pytest.mark.shared
@pytest.mark.parametrize("code", ["880610", *(f"88062{k}" for k in "12349"), *(f"88069{k}" for k in "12349")])
def test_unmanned_aircraft_are_aircraft_not_cameras(hs, code):
    assert hs[code] == "C302T309"


@pytest.mark.shared
@pytest.mark.parametrize("code", [f"8549{k}" for k in "11 12 13 14 19 21 29 31 39 91 99".split()])
def test_electrical_and_electronic_waste_is_non_ferrous_metals(hs, code):
    # as the key treats the waste and scrap of metals it was split from (7112, 8548.10: D242T32 used)
    assert hs[code] == "C24B"


@pytest.mark.shared
def test_overrides_change_only_their_own_codes(hs):
    assert {c: hs.get(c) for c in HS2022_SECTOR_OVERRIDES} == {c: s for c, (s, _) in HS2022_SECTOR_OVERRIDES.items()}
    assert hs["852589"] == "C26"  # cameras themselves stay electronics
    assert hs["854231"] == "C26"  # as do processors

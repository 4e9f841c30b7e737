"""Scenario files saved with a UTF-8 byte-order mark parse like any other."""

from __future__ import annotations

from palanca.scenarios import load_scenario, parse_scenario

TEXT = 'id = "t"\ntitle = "t"\n[[tariffs]]\nimposer = "USA"\ntargets = ["MEX"]\nrate = 0.25\n'


def test_scenario_file_with_utf8_bom_parses(tmp_path):
    f = tmp_path / "bom.toml"
    f.write_bytes(b"\xef\xbb\xbf" + TEXT.encode())
    assert load_scenario(str(f)).tariffs[0].targets == ("MEX",)
    assert parse_scenario("\ufeff" + TEXT).id == "t"

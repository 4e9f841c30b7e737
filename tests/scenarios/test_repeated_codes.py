"""A country or sector listed twice in one block is refused, not applied twice."""

from __future__ import annotations

import pytest

from palanca.errors import ScenarioError
from palanca.scenarios import build_scenario, parse_scenario

BASE = 'id = "t"\ntitle = "t"\n'


def _tariff(targets: str, sectors: str = '["goods"]') -> str:
    return BASE + f'[[tariffs]]\nimposer = "USA"\ntargets = {targets}\nsectors = {sectors}\nrate = 0.25\n'


def test_duplicate_target_is_an_error_naming_block_field_and_value():
    with pytest.raises(ScenarioError, match=r"tariffs\[0\]\.targets = \['MEX', 'MEX'\]: lists 'MEX' more than once"):
        parse_scenario(_tariff('["MEX", "MEX"]'))


def test_duplicate_sector_is_an_error():
    with pytest.raises(ScenarioError, match=r"tariffs\[0\]\.sectors = .*lists 'goods' more than once"):
        parse_scenario(_tariff('["MEX"]', '["goods", "goods"]'))


@pytest.mark.parametrize(
    "block",
    [
        '[[retaliation]]\nimposer = "MEX"\ntargets = ["USA", "USA"]\nrate = 0.1\n',
        '[[trade_costs]]\nimporters = ["USA"]\nexporters = ["MEX", "MEX"]\nchange = 0.1\n',
        '[[content_tariffs]]\nimposer = "USA"\nexporters = ["MEX"]\ncontent_origin = ["CHN", "CHN"]\nrate = 0.1\n',
    ],
)
def test_duplicate_country_in_other_blocks_is_an_error(block):
    with pytest.raises(ScenarioError, match=r"more than once"):
        parse_scenario(BASE + block)


def test_wildcard_overlapping_a_named_target_is_an_error_at_build():
    sc = parse_scenario(_tariff('["*", "MEX"]'))
    with pytest.raises(ScenarioError, match=r"tariffs\[0\]\.targets = \['\*', 'MEX'\]: MEX is listed more than once"):
        build_scenario(sc)

"""Test helpers shared by palanca's tests and by users testing their own worlds.

`random_world` builds small valid economies; `assert_equilibrium_consistent` checks the model's
accounting identities at a solution. Hypothesis strategies are in `palanca.testing.strategies`.
"""

from palanca.testing._assertions import assert_equilibrium_consistent
from palanca.testing._worlds import random_world

__all__ = ["assert_equilibrium_consistent", "random_world"]

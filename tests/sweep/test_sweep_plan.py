"""The order in which chunks go to workers (`palanca.sweep._plan.Plan`): a worker's own points first, then a new
point, then a copy of the point with the most chunks left; every chunk handed out once."""

from __future__ import annotations

from palanca.sweep._plan import Plan


def test_a_worker_finishes_its_points_then_takes_new_ones_then_copies_the_fullest():
    plan = Plan(3, [[0], [1], [2]])
    for w in ("a", "b"):
        plan.add_worker(w)
    assert plan.next_for("a") == ("prepare", 0)
    assert plan.take(0) == [0]
    assert plan.next_for("b") == ("prepare", 1)
    assert plan.take(1) == [0]
    assert plan.next_for("a") == ("chunk", 0)  # its own point while it has chunks left
    assert plan.take(0) == [1] and plan.take(0) == [2]
    assert not plan.has_chunks(0)
    assert plan.next_for("a") == ("prepare", 2)  # then a new one
    plan.take(2)
    assert plan.next_for("b") == ("chunk", 1)
    plan.take(1)
    plan.take(1)
    # b has nothing of its own and no new point: the point with most chunks left (2), if it may be copied
    assert plan.next_for("b", copyable=set()) is None
    assert plan.next_for("b") == ("copy", 2)
    plan.holds("b", 2)
    assert plan.next_for("b") == ("chunk", 2)
    plan.take(2)
    plan.take(2)
    assert plan.next_for("a") is None and plan.next_for("b") is None


def test_every_chunk_is_handed_out_once_whatever_the_order_of_requests():
    import random

    rng = random.Random(7)
    chunks = [[0, 1], [2, 3], [4]]
    for trial in range(50):
        n_points, workers = rng.randint(1, 5), [f"w{i}" for i in range(rng.randint(1, 3))]
        plan = Plan(n_points, chunks)
        for w in workers:
            plan.add_worker(w)
        given: list[tuple[int, tuple[int, ...]]] = []
        while True:
            steps = {w: plan.next_for(w) for w in workers}
            if all(s is None for s in steps.values()):
                break
            w = rng.choice([w for w, s in steps.items() if s is not None])
            what, k = steps[w]
            if what == "copy":
                plan.holds(w, k)
            given.append((k, tuple(plan.take(k))))
        assert sorted(given) == sorted((k, tuple(c)) for k in range(n_points) for c in chunks), trial

"""Grouping engine figures: repeats, worst pair count and time on five kinds of instance.

1. Kirkman's schoolgirls (15 students, groups of 3, 7 rounds): zero repeats exist.
2. The social golfer instances 8-4-10 (32 students, groups of 4, 10 rounds) and 7-4-9 (28
   in fours, 9 rounds): zero exists for both.
3. Classroom rotations: 28-35 students, 10 rounds, keep-apart pairs and daily absences.
4. A reroll: one more round for 35 students against 60 rounds of history.
5. The same rerolls with the other core busy (a busy-loop process): p50 and p99 as ratios
   to the csv module reading a file in the same conditions.
"""

from __future__ import annotations

import csv
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from mathroom.domain.grouping import (
    GroupingRequest,
    GroupingResult,
    PastRound,
    Remainder,
    form_groups,
    group_shape,
)
from mathroom.domain.grouping.constraints import broken_rules
from mathroom.domain.groups import deal_groups
from mathroom.domain.ids import StudentId


def _students(count: int) -> tuple[StudentId, ...]:
    return tuple(StudentId(i) for i in range(1, count + 1))


def _timed(request: GroupingRequest) -> tuple[GroupingResult, float]:
    start = time.perf_counter()
    result = form_groups(request)
    return result, time.perf_counter() - start


def _valid(request: GroupingRequest, result: GroupingResult) -> bool:
    return all(
        not broken_rules(request, planned.index, [g.members for g in planned.groups])
        for planned in result.rounds
    )


def repeat_floor(request: GroupingRequest) -> int:
    """A lower bound on repeats within the plan (the larger of two counting arguments).

    Seats: the rounds hold more pair meetings than there are pairs who are ever present
    together. Partners: a student needs more partners than there are classmates.
    """
    present = [request.present_in(r) for r in range(request.rounds)]
    shapes = [group_shape(len(p), request.group_size, request.remainder) for p in present]
    meetings = sum(n * (n - 1) // 2 for shape in shapes for n in shape.sizes)
    pairs = {(a, b) for p in present for i, a in enumerate(p) for b in p[i + 1 :]}
    by_seats = meetings - len(pairs)
    extra = 0
    for student in request.students:
        rounds = [(set(p), shape) for p, shape in zip(present, shapes, strict=True) if student in p]
        needed = sum(shape.base - 1 for _, shape in rounds)
        available = len(set().union(*(p for p, _ in rounds)) - {student}) if rounds else 0
        extra += max(0, needed - available)
    return max(by_seats, -(-extra // 2))


def classroom(count: int, size: int, apart: int, seed: int) -> GroupingRequest:
    """A class with keep-apart pairs and one to three students away each day."""
    rng = random.Random(seed)
    students = _students(count)
    pairs: list[tuple[StudentId, StudentId]] = []
    while len(pairs) < apart:
        a, b = sorted(rng.sample(students, 2))
        if (a, b) not in pairs:
            pairs.append((a, b))
    absent = tuple(frozenset(rng.sample(students, rng.randint(1, 3))) for _ in range(10))
    return GroupingRequest(
        students,
        size,
        rounds=10,
        absent=absent,
        keep_apart=tuple(pairs),
        seed=seed,
        time_limit_s=5.0,
    )


def reroll(seed: int) -> GroupingRequest:
    """One round for 35 students with 60 earlier group sets of 4s in the history."""
    rng = random.Random(1000 + seed)
    students = _students(35)
    history = tuple(
        PastRound(age, tuple(g.members for g in deal_groups(students, 4, rng)))
        for age in range(1, 61)
    )
    return GroupingRequest(
        students, 4, history=history, keep_apart=((StudentId(1), StudentId(2)),), seed=seed
    )


def main() -> None:
    print("grouping benchmarks (repeats = pair meetings whose pair had met before)")

    kirkman = [
        _timed(GroupingRequest(_students(15), 3, rounds=7, seed=s, time_limit_s=2.0))
        for s in range(10)
    ]
    times = [t for _, t in kirkman]
    print(
        "  1. Kirkman 15/3/7, 10 seeds:        repeats "
        f"{max(r.repeats.total for r, _ in kirkman)} (worst seed), worst pair count "
        f"{max(r.repeats.worst_pair_count for r, _ in kirkman)}, time median "
        f"{statistics.median(times):.2f} s, max {max(times):.2f} s"
    )

    golfer = [
        _timed(GroupingRequest(_students(32), 4, rounds=10, seed=s, time_limit_s=10.0))
        for s in range(3)
    ]
    print(
        "  2. Social golfer 8-4-10, 3 seeds:   repeats "
        f"{', '.join(str(r.repeats.total) for r, _ in golfer)}, worst pair count "
        f"{max(r.repeats.worst_pair_count for r, _ in golfer)}, time max "
        f"{max(t for _, t in golfer):.2f} s"
    )

    golfer7 = [
        _timed(GroupingRequest(_students(28), 4, rounds=9, seed=s, time_limit_s=10.0))
        for s in range(3)
    ]
    print(
        "     Social golfer 7-4-9, 3 seeds:    repeats "
        f"{', '.join(str(r.repeats.total) for r, _ in golfer7)}, worst pair count "
        f"{max(r.repeats.worst_pair_count for r, _ in golfer7)}, time max "
        f"{max(t for _, t in golfer7):.2f} s"
    )

    print("  3. Classroom rotations, 10 rounds (repeats within plan / lower bound):")
    for count, size, apart, remainder in (
        (28, 4, 3, Remainder.LARGER),
        (30, 3, 4, Remainder.LARGER),
        (32, 4, 5, Remainder.SMALLER),
        (35, 3, 6, Remainder.LARGER),
        (35, 4, 6, Remainder.LARGER),
    ):
        request = classroom(count, size, apart, seed=count + size)
        if remainder is not Remainder.LARGER:
            request = GroupingRequest(
                request.students,
                size,
                remainder,
                request.rounds,
                request.absent,
                request.keep_apart,
                seed=request.seed,
                time_limit_s=request.time_limit_s,
            )
        result, seconds = _timed(request)
        print(
            f"     {count} students, groups of {size} ({remainder}), {apart} keep-apart: "
            f"valid {_valid(request, result)}, repeats {result.repeats.within_plan} / "
            f"{repeat_floor(request)}, worst pair count {result.repeats.worst_pair_count}, "
            f"{seconds:.2f} s ({result.stop_reason})"
        )

    rerolls = [(reroll(s), *_timed(reroll(s))) for s in range(10)]
    times = [t * 1000 for _, _, t in rerolls]
    fresh = [
        _freshness(request, [g.members for g in result.rounds[0].groups])
        for request, result, _ in rerolls
    ]
    dealt = [
        _freshness(
            request,
            [
                g.members
                for g in deal_groups(request.students, 4, random.Random(s), request.keep_apart)
            ],
        )
        for s, (request, _, _) in enumerate(rerolls)
    ]
    print(
        "  4. Reroll, 35 students, 60 rounds of history, 10 seeds: time median "
        f"{statistics.median(times):.0f} ms, max {max(times):.0f} ms"
    )
    print(
        f"     pairs last met {statistics.mean(f[0] for f in fresh):.1f} rounds ago on average, "
        f"the most recent {min(f[1] for f in fresh)} rounds ago (random deal: "
        f"{statistics.mean(f[0] for f in dealt):.1f} and {min(f[1] for f in dealt)})"
    )
    reroll_under_load()


def reroll_under_load(samples: int = 100) -> None:
    """Re-roll times with the other core kept busy, as ratios to reading a csv file."""
    requests = [reroll(s) for s in range(samples)]
    with tempfile.TemporaryDirectory() as folder:
        table = Path(folder) / "history.csv"
        with table.open("w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file)
            for request in requests[:1]:
                for past in request.history:
                    for group in past.groups:
                        writer.writerow([past.rounds_ago, *group])
        busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
        try:
            floors = [_timed_call(lambda: _read_csv(table)) for _ in range(samples)]
            times = [_timed(request)[1] for request in requests]
        finally:
            busy.kill()
            busy.wait()
    floor = statistics.median(floors)
    p50 = statistics.median(times)
    p99 = statistics.quantiles(times, n=100)[98]
    print(
        f"  5. Reroll with the other core busy, {samples} seeds: p50 {p50 * 1000:.0f} ms "
        f"({p50 / floor:.0f}x the floor), p99 {p99 * 1000:.0f} ms ({p99 / floor:.0f}x), "
        f"max {max(times) * 1000:.0f} ms; floor: csv reading the 60-set history "
        f"({floor * 1000:.2f} ms)"
    )


def _read_csv(path: Path) -> int:
    with path.open(newline="", encoding="utf-8") as file:
        return sum(1 for _ in csv.reader(file))


def _timed_call(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def _freshness(
    request: GroupingRequest, groups: Sequence[Sequence[StudentId]]
) -> tuple[float, int]:
    """Mean and least number of rounds since the new groups' pairs last met (never: 61)."""
    last: dict[frozenset[StudentId], int] = {}
    for past in request.history:
        for group in past.groups:
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    key = frozenset((a, b))
                    last[key] = min(last.get(key, 61), past.rounds_ago)
    ages = [
        last.get(frozenset((a, b)), 61)
        for group in groups
        for i, a in enumerate(group)
        for b in group[i + 1 :]
    ]
    return statistics.mean(ages), min(ages)

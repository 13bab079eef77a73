"""Order of operations: parentheses, powers, then multiply and divide, then add and subtract.

``numbers`` are the operands left to right (powers' exponents left out); the expression itself
is the prompt's math.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from mathroom.domain.practice.notation import m
from mathroom.domain.practice.problem import Bounds, Draft, Generator

# 5.OA.A.1 -------------------------------------------------------------------------------

Shape = Callable[[Sequence[int]], tuple[str, str, int] | None]
"""An expression shape: operands -> (expression, after the first step, value), or None when
the operands don't fit (a division with a remainder or a negative part)."""


def _div(a: int, b: int) -> int | None:
    return a // b if b and a % b == 0 else None


def _shape_1a(n: Sequence[int]) -> tuple[str, str, int] | None:
    a, b, c = n[:3]
    return rf"{a} + {b} \times {c}", f"{a} + {b * c}", a + b * c


def _shape_1b(n: Sequence[int]) -> tuple[str, str, int] | None:
    a, b, c = n[:3]
    return rf"({a} + {b}) \times {c}", rf"{a + b} \times {c}", (a + b) * c


def _shape_1c(n: Sequence[int]) -> tuple[str, str, int] | None:
    a, b, c = n[:3]
    if a * b < c:
        return None
    return rf"{a} \times {b} - {c}", f"{a * b} - {c}", a * b - c


def _shape_1d(n: Sequence[int]) -> tuple[str, str, int] | None:
    a, b, c = n[:3]
    q = _div(b, c)
    if q is None or a < q:
        return None
    return rf"{a} - {b} \div {c}", f"{a} - {q}", a - q


def _shape_2a(n: Sequence[int]) -> tuple[str, str, int] | None:
    a, b, c, d = n[:4]
    if c <= d:
        return None
    return rf"{a} + {b} \times ({c} - {d})", rf"{a} + {b} \times {c - d}", a + b * (c - d)


def _shape_2b(n: Sequence[int]) -> tuple[str, str, int] | None:
    a, b, c, d = n[:4]
    q = _div(a + b, c)
    if q is None:
        return None
    return rf"({a} + {b}) \div {c} + {d}", rf"{a + b} \div {c} + {d}", q + d


def _shape_2c(n: Sequence[int]) -> tuple[str, str, int] | None:
    a, b, c = n[0] % 11 + 2, n[1], n[2]
    if a * a < b * c:
        return None
    return rf"{a}^{{2}} - {b} \times {c}", rf"{a * a} - {b} \times {c}", a * a - b * c


def _shape_2d(n: Sequence[int]) -> tuple[str, str, int] | None:
    a, b, c, d = n[:4]
    q = _div(c, d)
    if q is None or a * b < q:
        return None
    return rf"{a} \times {b} - {c} \div {d}", f"{a * b} - {q}", a * b - q


def _shape_3a(n: Sequence[int]) -> tuple[str, str, int] | None:
    a, b, c, d, e = n[0], n[1], n[2] % 9 + 1, n[3], n[4]
    q = _div(d, e)
    if q is None or a * (b + c * c) < q:
        return None
    return (
        rf"{a} \times ({b} + {c}^{{2}}) - {d} \div {e}",
        rf"{a} \times ({b} + {c * c}) - {d} \div {e}",
        a * (b + c * c) - q,
    )


def _shape_3b(n: Sequence[int]) -> tuple[str, str, int] | None:
    a, b, c, d, e = n[:5]
    if c <= d:
        return None
    q = _div((a + b) * (c - d), e)
    if q is None:
        return None
    return rf"({a} + {b}) \times ({c} - {d}) \div {e}", rf"{a + b} \times {c - d} \div {e}", q


def _shape_3c(n: Sequence[int]) -> tuple[str, str, int] | None:
    a, b, c, d, e = n[0] % 11 + 2, n[1], n[2], n[3], n[4]
    if b <= c or a * a + (b - c) * d < e:
        return None
    return (
        rf"{a}^{{2}} + ({b} - {c}) \times {d} - {e}",
        rf"{a * a} + {b - c} \times {d} - {e}",
        a * a + (b - c) * d - e,
    )


def _shape_3d(n: Sequence[int]) -> tuple[str, str, int] | None:
    a, b, c, d, e = n[:5]
    q = _div(b + c, d)
    if q is None or a < q * e:
        return None
    return (
        rf"{a} - ({b} + {c}) \div {d} \times {e}",
        rf"{a} - {b + c} \div {d} \times {e}",
        a - q * e,
    )


_SHAPES: dict[int, tuple[tuple[Shape, int], ...]] = {
    1: ((_shape_1a, 3), (_shape_1b, 3), (_shape_1c, 3), (_shape_1d, 3)),
    2: ((_shape_2a, 4), (_shape_2b, 4), (_shape_2c, 3), (_shape_2d, 4)),
    3: ((_shape_3a, 5), (_shape_3b, 5), (_shape_3c, 5), (_shape_3d, 5)),
}
_OPERAND_TOP = {1: 12, 2: 20, 3: 25}


def _operands(tex: str) -> tuple[int, ...]:
    """The whole numbers in an expression, left to right, leaving out exponents."""
    values: list[int] = []
    digits = ""
    for index, char in enumerate(tex + " "):
        if char.isdigit():
            digits += char
            continue
        if digits and not tex[: index - len(digits)].endswith("^{"):
            values.append(int(digits))
        digits = ""
    return tuple(values)


def _order_of_operations(rng: random.Random, difficulty: int) -> Draft:
    shape, count = rng.choice(_SHAPES[difficulty])
    while True:
        # Dividing or multiplying by 1 teaches nothing past the first level.
        low = 1 if difficulty == 1 else 2
        drawn = [rng.randint(low, _OPERAND_TOP[difficulty]) for _ in range(count)]
        made = shape(drawn)
        if made is not None:
            break
    tex, middle, value = made
    step = "Parentheses and powers first, then " + m(r"\times") + " and " + m(r"\div")
    step += f" from left to right: {m(f'{tex} = {middle} = {value}')}"
    prompt = "Find the value. " + m(tex)
    return Draft(prompt, value, m(str(value)), step, _operands(tex), "evaluate")


ORDER_OF_OPERATIONS = Generator(
    "5.OA.A.1",
    "Order of operations",
    (Bounds(1, 12), Bounds(1, 20), Bounds(1, 25)),
    _order_of_operations,
)

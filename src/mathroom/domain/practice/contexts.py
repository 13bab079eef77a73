"""Names and everyday settings for word problems, in short sentences a 7th grader can read.

All wording is our own. Settings are plain tuples of phrases that the generators drop into
their sentences, so a new setting is one line here.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

NAMES = (
    "Aaliyah", "Mateo", "Priya", "Kenji", "Fatima", "Liam", "Zoe", "Omar", "Sofia", "Darnell",
    "Mei", "Diego", "Amara", "Ethan", "Leilani", "Ravi", "Chloe", "Kwame", "Isabella", "Hiroshi",
    "Nadia", "Jamal", "Ana", "Tariq", "Emma", "Malik", "Yuna", "Santiago", "Grace", "Arjun",
    "Ximena", "Noah", "Ayesha", "Luca", "Imani", "Minh", "Elena", "Kofi", "Hana", "Wyatt",
    "Lucía", "Dev", "Maya", "Andre", "Sakura", "Javier", "Naomi", "Tomás",
)  # fmt: skip


def name(rng: random.Random) -> str:
    return rng.choice(NAMES)


@dataclass(frozen=True, slots=True)
class PricedItem:
    """Something bought by the piece: "tacos" (plural), "taco" (one), "at a food truck"."""

    plural: str
    one: str
    where: str


PRICED_ITEMS = (
    PricedItem("tacos", "taco", "at a food truck"),
    PricedItem("bottles of water", "bottle", "at the snack bar"),
    PricedItem("notebooks", "notebook", "at the school store"),
    PricedItem("packs of seeds", "pack", "for the school garden"),
    PricedItem("tickets", "ticket", "for the school play"),
    PricedItem("bags of popcorn", "bag", "at the basketball game"),
    PricedItem("muffins", "muffin", "at the bake sale"),
    PricedItem("bus passes", "pass", "for the week"),
    PricedItem("phone cases", "case", "at the mall"),
    PricedItem("fruit cups", "cup", "at the farmers market"),
)


@dataclass(frozen=True, slots=True)
class Rate:
    """A rate: "{name} bikes 36 miles in 3 hours." ``whole`` when only whole amounts make
    sense (pages, points), so no decimal rate is asked."""

    verb: str
    things: str
    per_one: str
    per_many: str
    whole: bool = True


RATES = (
    Rate("bikes", "miles", "hour", "hours", whole=False),
    Rate("runs", "kilometers", "hour", "hours", whole=False),
    Rate("downloads", "megabytes", "second", "seconds", whole=False),
    Rate("uses", "gigabytes of data", "week", "weeks", whole=False),
    Rate("reads", "pages", "day", "days"),
    Rate("types", "words", "minute", "minutes"),
    Rate("scores", "points", "game", "games"),
    Rate("plants", "seedlings", "row", "rows"),
    Rate("folds", "paper cranes", "hour", "hours"),
    Rate("does", "jumping jacks", "minute", "minutes"),
)


@dataclass(frozen=True, slots=True)
class FractionRate:
    """A rate between fractional amounts: "walks 1/2 mile in 1/4 hour"."""

    verb: str
    unit_one: str
    unit_many: str
    link: str
    per_one: str
    per_many: str


FRACTION_RATES = (
    FractionRate("walks", "mile", "miles", "in", "hour", "hours"),
    FractionRate("swims", "kilometer", "kilometers", "in", "hour", "hours"),
    FractionRate("picks", "pound of strawberries", "pounds of strawberries", "in", "hour", "hours"),
    FractionRate("uses", "cup of flour", "cups of flour", "for", "batch", "batches"),
    FractionRate("pours", "liter of water", "liters of water", "in", "minute", "minutes"),
    FractionRate("mows", "acre", "acres", "in", "hour", "hours"),
    FractionRate("paints", "square meter", "square meters", "in", "hour", "hours"),
)


@dataclass(frozen=True, slots=True)
class RatioPair:
    """Two amounts that grow together: "cups of flour" to "cups of milk"."""

    first: str
    second: str
    setting: str


RATIO_PAIRS = (
    RatioPair("cups of flour", "cups of milk", "A pancake recipe uses"),
    RatioPair("scoops of lemonade mix", "cups of water", "A lemonade stand mixes"),
    RatioPair("drops of blue paint", "drops of yellow paint", "An art class mixes green with"),
    RatioPair("teachers", "students", "A field trip brings"),
    RatioPair("cups of rice", "cups of water", "A rice recipe uses"),
    RatioPair("tomato plants", "pepper plants", "A community garden grows"),
    RatioPair("red beads", "blue beads", "A bracelet pattern uses"),
)


@dataclass(frozen=True, slots=True)
class Proportional:
    """A proportional setting: y (a total) is k times x. ``pair`` is a sentence with {x} and
    {y}; ``x_is`` and ``y_is`` say what the variables stand for."""

    pair: str
    x_is: str
    y_is: str


PROPORTIONAL = (
    Proportional("{name} earns {y} for {x} hours of babysitting.", "hours", "pay in dollars"),
    Proportional("{x} pounds of apples cost {y}.", "pounds", "cost in dollars"),
    Proportional("A phone plan charges {y} for {x} GB of data.", "gigabytes", "cost in dollars"),
    Proportional("{x} tickets to the science fair cost {y}.", "tickets", "cost in dollars"),
    Proportional("{name} earns {y} for walking dogs {x} times.", "walks", "pay in dollars"),
    Proportional("{x} yards of ribbon cost {y} at the craft store.", "yards", "cost in dollars"),
)


@dataclass(frozen=True, slots=True)
class Pool:
    """Things to pick from at random: "A bag has" 3 red, 5 blue "marbles"."""

    holder: str
    things: str
    kinds: tuple[str, ...]


POOLS = (
    Pool("A bag has", "marbles", ("red", "blue", "green", "yellow")),
    Pool("A drawer has", "socks", ("black", "white", "gray", "striped")),
    Pool("A jar has", "gumballs", ("cherry", "lime", "grape", "orange")),
    Pool("A playlist has", "songs", ("pop", "rap", "country", "jazz")),
    Pool("A raffle bowl has", "tickets", ("red", "blue", "green", "orange")),
    Pool("A box has", "pens", ("blue", "black", "red", "purple")),
    Pool("A cooler has", "drinks", ("apple juice", "water", "milk", "orange juice")),
)


DATA_SETS = (
    "points the basketball team scored in each game",
    "minutes {name} rode the bus each day",
    "tomatoes {name} picked from the garden each day",
    "dollars the bake sale made each hour",
    "pages {name} read each night",
    "laps {name} swam at each practice",
    "cars that passed the school in each 5-minute block",
)
"""Lists of measurements; ``{name}`` is filled with a first name."""

SHOP_ITEMS = (
    "skateboard", "video game", "backpack", "pair of sneakers", "jacket", "soccer ball",
    "phone case", "board game", "pair of headphones", "water bottle",
)  # fmt: skip

MEALS = ("pizza dinner", "taco lunch", "breakfast at a diner", "food-truck order", "sushi dinner")

TEMPERATURE_TOWNS = ("Duluth", "Fairbanks", "Bismarck", "Minneapolis", "Anchorage", "Buffalo")

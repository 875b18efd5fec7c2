"""Who the seed data is about: one shared pool, so the same person shows up in two providers (same email,
different spelling) the way real customer data does."""

from __future__ import annotations

from lumio_desktop.sandbox.data import Person, make_person, respell, seed_rng

OVERLAP = {"hubspot": 0.0, "salesforce": 0.12, "shopify": 0.10}
EMAIL_BASE = {"hubspot": 0, "salesforce": 1_000_000, "shopify": 2_000_000}


def _pool(world, n: int) -> list[Person]:
    pool = getattr(world, "_people_pool", None)
    if pool is None or len(pool) < n:
        rng = seed_rng(world.config.seed, "people")
        pool = [make_person(rng, i) for i in range(n)]
        world._people_pool = pool
    return pool


def people_for(world, provider: str, n: int) -> list[Person]:
    """n people for one provider: HubSpot takes the shared pool; the others share a slice of it, respelled."""
    if n == 0:
        return []
    cache = world.__dict__.setdefault("_people_cache", {})
    if (provider, n) in cache:
        return cache[(provider, n)]
    pool = _pool(world, n)
    if provider == "hubspot":
        return pool[:n]
    rng = seed_rng(world.config.seed, f"people:{provider}")
    k = int(n * OVERLAP[provider])
    shared = dict(zip(sorted(rng.sample(range(n), k)), rng.sample(range(n), k), strict=True))
    base = EMAIL_BASE[provider]
    out = [respell(pool[shared[i]], rng) if i in shared else make_person(rng, base + i) for i in range(n)]
    cache[(provider, n)] = out
    return out


def extra_people(world, provider: str, count: int) -> list[Person]:
    """Fresh people for records made after seeding (create_many, activity); emails never repeat."""
    start = getattr(world, "_extra_people", 0)
    world._extra_people = start + count
    rng = seed_rng(world.config.seed, f"extra:{provider}:{start}")
    return [make_person(rng, 5_000_000 + start + i) for i in range(count)]

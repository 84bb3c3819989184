"""Which bullets the page should want most: the order in which layout.fit_page keeps them."""

from __future__ import annotations

from tailor.rank import Ranking


def priority_order(ranking: Ranking) -> list[str]:
    """Bullet ids, most wanted first: by score, ties kept in résumé order."""
    return [item.bullet.id for item in ranking.scores]

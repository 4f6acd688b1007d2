"""Small helpers shared by the table builders."""

from __future__ import annotations

import pandas as pd


def sort_by_outlet(table: pd.DataFrame, outlets: pd.Series, by: str, then: list[str], descending: list[str] = ()) -> pd.DataFrame:
    """Sort ``table`` by the corpus order of ``by`` (not alphabetically), then by ``then``
    (columns in ``descending`` largest first); the index is reset."""
    order = {value: i for i, value in enumerate(outlets.drop_duplicates())}
    return table.sort_values(
        [by, *then],
        key=lambda s: s.map(order) if s.name == by else s,
        ascending=[True, *[c not in descending for c in then]],
        kind="stable",
    ).reset_index(drop=True)

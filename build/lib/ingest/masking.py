"""BSN masking for ingest: the one implementation lives in `semon.masking`, which the app imports as well
(the app may not import ingest). Kept here so ingest's own imports stay as they were."""

from __future__ import annotations

from semon.masking import BSN_SHAPE, MASK, mask_bsn, mask_bsn_sql

__all__ = ["BSN_SHAPE", "MASK", "mask_bsn", "mask_bsn_sql"]

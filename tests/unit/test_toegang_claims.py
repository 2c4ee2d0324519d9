"""The provider's email_verified claim, read as providers send it (app/toegang.email_bevestigd)."""

from __future__ import annotations

import pytest

from app.toegang import email_bevestigd


@pytest.mark.parametrize("claim", [False, "false", "False", " FALSE ", "0", "no", "", 0])
def test_an_address_the_provider_calls_unverified_is_not_trusted(claim: object) -> None:
    assert not email_bevestigd(claim)


@pytest.mark.parametrize("claim", [True, "true", "True", 1, None])
def test_a_verified_address_or_a_provider_without_the_claim_is_trusted(claim: object) -> None:
    # None: the claim is absent (not every provider sends it); docs/privacy.md says which providers may be used.
    assert email_bevestigd(claim)

"""Who is looking: a role (gemeente, regio, beheer) and, for a municipality, which one.

With OIDC configured (`[auth]` in .streamlit/secrets.toml) users log in with `st.login` and their e-mail
address is looked up in the role file (`SEMON_TOEGANG`, default config/toegang.toml). Without it the app
runs in a labelled demo mode with a role switcher, which it refuses when `SEMON_ENV=production`.
The query layer enforces the role (app/queries/_toegang.py); the sidebar only offers what the role may see.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from semon import settings

ROLLEN = {"gemeente": "Gemeente", "regio": "Regio (benchmarksessie)", "beheer": "Beheer"}
DEMO_GEMEENTE = "GM0153"
# Demo mode starts with the least privileged role; SEMON_DEMO_ROL may start it elsewhere (tests, a demo of beheer).
DEMO_STANDAARDROL = "gemeente"
ONLEESBAAR = (
    "De monitor kan het rollenbestand niet lezen, dus niemand krijgt nu toegang. Beheer is gewaarschuwd "
    "(zie het log van de server); probeer het later opnieuw."
)
log = logging.getLogger("semon.toegang")


class RollenbestandFout(Exception):
    """The role file cannot be read or does not have the expected shape (the message is for the operator)."""


@dataclass(frozen=True)
class Toegang:
    gebruiker: str
    rol: str  # gemeente, regio or beheer
    gemeente: str | None  # the own municipality of role gemeente
    demo: bool


def rollenbestand() -> Path:
    return settings.toegang_path()


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False


def _gebruikers(path: Path) -> dict:
    """The `[gebruikers]` table of the role file; RollenbestandFout when it cannot be read or is malformed."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise RollenbestandFout(f"{path}: {error}") from None
    users = document.get("gebruikers", {})
    if not isinstance(users, dict):
        raise RollenbestandFout(f"{path}: 'gebruikers' is geen tabel")
    return users


def _from_file(email: str) -> Toegang | None:
    """This user's access from the role file, None when the file does not name them."""
    path = rollenbestand()
    if not path.exists():
        return None
    key = email.lower()
    users = {str(k).lower(): v for k, v in _gebruikers(path).items()}
    entry = users.get(key)
    if entry is None:
        return None
    if not isinstance(entry, dict) or entry.get("rol") not in ROLLEN:
        raise RollenbestandFout(f"{path}: gebruiker {key!r} heeft geen geldige rol (gemeente, regio of beheer)")
    gemeente = entry.get("gemeente")
    if entry["rol"] == "gemeente" and not (isinstance(gemeente, str) and re.fullmatch(r"GM[0-9]{4}", gemeente)):
        raise RollenbestandFout(f"{path}: gebruiker {key!r} heeft rol gemeente zonder geldige gemeentecode (GMxxxx)")
    return Toegang(key, entry["rol"], gemeente if entry["rol"] == "gemeente" else None, demo=False)


def email_bevestigd(claim: object) -> bool:
    """Whether the provider's `email_verified` claim lets the address be trusted: not when it says false (a boolean,
    or the string "false" some providers send). A provider that sends no claim is trusted with its addresses: use
    only one where users cannot set their own address (docs/privacy.md)."""
    if claim is None:
        return True
    if isinstance(claim, str):
        return claim.strip().lower() not in {"false", "0", "no", ""}
    return bool(claim)


ONBEVESTIGD = (
    "{wie}: het e-mailadres is bij de inlogdienst niet bevestigd, dus de monitor geeft geen toegang. Bevestig het "
    "adres bij de inlogdienst en log opnieuw in."
)


def _demo_index() -> int:
    gevraagd = settings.demo_rol()
    return list(ROLLEN).index(gevraagd if gevraagd in ROLLEN else DEMO_STANDAARDROL)


def vaststellen() -> Toegang:
    """Establish the viewer's access for this run (stops the script when there is none)."""
    try:
        omgeving = settings.omgeving()
    except settings.OnbekendeOmgeving as unknown:
        log.error("%s", unknown)
        st.error(f"De monitor is verkeerd ingesteld: {unknown}.", icon=":material/block:")
        st.stop()
    if _oidc_configured():
        if not st.user.is_logged_in:
            st.title("Sociale Economie Monitor Twente")
            st.button("Inloggen", on_click=st.login, type="primary")
            st.stop()
        if not email_bevestigd(st.user.get("email_verified")):
            # The role file names addresses: one the provider has not verified could be anyone's (a user who set
            # a colleague's address at a provider that lets them).
            log.warning("inlog geweigerd: e-mailadres niet bevestigd (%s)", st.user.get("email"))
            st.title("Sociale Economie Monitor Twente")
            st.error(ONBEVESTIGD.format(wie=st.user.get("email") or "Dit account"), icon=":material/lock:")
            st.button("Uitloggen", on_click=st.logout)
            st.stop()
        try:
            toegang = _from_file(str(st.user.get("email") or ""))
        except RollenbestandFout as broken:
            log.error("rollenbestand onbruikbaar: %s", broken)  # for the operator; the user gets words
            st.error(ONLEESBAAR, icon=":material/lock:")
            st.button("Uitloggen", on_click=st.logout)
            st.stop()
        if toegang is None:
            st.title("Sociale Economie Monitor Twente")
            st.error(f"{st.user.get('email') or 'Dit account'} heeft geen rol in de monitor. Vraag beheer om toegang.")
            st.button("Uitloggen", on_click=st.logout)
            st.stop()
        with st.sidebar:
            st.caption(f"Ingelogd als {toegang.gebruiker} · {ROLLEN[toegang.rol]}")
            st.button("Uitloggen", on_click=st.logout, icon=":material/logout:")
    elif omgeving == "production":
        st.error("Geen inlog geconfigureerd ([auth] in secrets.toml): de demomodus is in productie niet toegestaan.")
        st.stop()
    else:
        with st.sidebar:
            st.warning(
                "Demomodus: geen inlog. Kies hieronder een rol om te zien wat die mag.", icon=":material/science:"
            )
            rol = st.selectbox("Rol (demo)", list(ROLLEN), format_func=ROLLEN.get, key="rol", index=_demo_index())
        toegang = Toegang("demo", rol, DEMO_GEMEENTE if rol == "gemeente" else None, demo=True)
    st.session_state["toegang"] = toegang
    return toegang


_VAST: contextvars.ContextVar[Toegang | None] = contextvars.ContextVar("semon_toegang", default=None)


@contextlib.contextmanager
def als(toegang: Toegang) -> Iterator[Toegang]:
    """Run the queries inside as `toegang`: the report (`semon rapport`, and the app's report made in a download
    callback, where the session's state may not be at hand) fixes its role here, so the query layer enforces it."""
    token = _VAST.set(toegang)
    try:
        yield toegang
    finally:
        _VAST.reset(token)


def huidig() -> Toegang:
    """The access established for this run; beheer outside a Streamlit session (scripts, benchmarks)."""
    vast = _VAST.get()
    if vast is not None:
        return vast
    try:
        return st.session_state.get("toegang") or Toegang("script", "beheer", None, demo=True)
    except Exception:  # no Streamlit session at all
        return Toegang("script", "beheer", None, demo=True)

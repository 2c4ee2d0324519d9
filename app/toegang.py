"""Who is looking: a role (gemeente, regio, beheer) and, for a municipality, which one.

With OIDC configured (`[auth]` in .streamlit/secrets.toml) users log in with `st.login` and their e-mail
address is looked up in the role file (`SEMON_TOEGANG`, default config/toegang.toml). Without it the app
runs in a labelled demo mode with a role switcher, which it refuses when `SEMON_ENV=production`.
The query layer enforces the role (app/queries/_toegang.py); the sidebar only offers what the role may see.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from semon.settings import PROJECT_ROOT

ROLLEN = {"gemeente": "Gemeente", "regio": "Regio (benchmarksessie)", "beheer": "Beheer"}
DEMO_GEMEENTE = "GM0153"


@dataclass(frozen=True)
class Toegang:
    gebruiker: str
    rol: str  # gemeente, regio or beheer
    gemeente: str | None  # the own municipality of role gemeente
    demo: bool


def rollenbestand() -> Path:
    return Path(os.environ.get("SEMON_TOEGANG", PROJECT_ROOT / "config" / "toegang.toml"))


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False


def _from_file(email: str) -> Toegang | None:
    path = rollenbestand()
    if not path.exists():
        return None
    email = email.strip().lower()
    if not email:
        return None
    # Addresses are case-insensitive: the role file may write them as the provider shows them.
    users = {
        key.strip().lower(): entry
        for key, entry in tomllib.loads(path.read_text(encoding="utf-8")).get("gebruikers", {}).items()
    }
    entry = users.get(email)
    if not entry or entry.get("rol") not in ROLLEN:
        return None
    return Toegang(email, entry["rol"], entry.get("gemeente"), demo=False)


def vaststellen() -> Toegang:
    """Establish the viewer's access for this run (stops the script when there is none)."""
    if _oidc_configured():
        if not st.user.is_logged_in:
            st.title("Sociale Economie Monitor Twente")
            st.button("Inloggen", on_click=st.login, type="primary")
            st.stop()
        toegang = _from_file(str(st.user.get("email") or ""))
        if toegang is None:
            st.title("Sociale Economie Monitor Twente")
            st.error(f"{st.user.get('email') or 'Dit account'} heeft geen rol in de monitor. Vraag beheer om toegang.")
            st.button("Uitloggen", on_click=st.logout)
            st.stop()
        with st.sidebar:
            st.caption(f"Ingelogd als {toegang.gebruiker} · {ROLLEN[toegang.rol]}")
            st.button("Uitloggen", on_click=st.logout, icon=":material/logout:")
    elif os.environ.get("SEMON_ENV") == "production":
        st.error("Geen inlog geconfigureerd ([auth] in secrets.toml): de demomodus is in productie niet toegestaan.")
        st.stop()
    else:
        with st.sidebar:
            st.warning(
                "Demomodus: geen inlog. Kies hieronder een rol om te zien wat die mag.", icon=":material/science:"
            )
            rol = st.selectbox("Rol (demo)", list(ROLLEN), format_func=ROLLEN.get, key="rol", index=2)
        toegang = Toegang("demo", rol, DEMO_GEMEENTE if rol == "gemeente" else None, demo=True)
    st.session_state["toegang"] = toegang
    return toegang


def huidig() -> Toegang:
    """The access established for this run; beheer outside a Streamlit session (scripts, benchmarks)."""
    try:
        return st.session_state.get("toegang") or Toegang("script", "beheer", None, demo=True)
    except Exception:  # no Streamlit session at all
        return Toegang("script", "beheer", None, demo=True)

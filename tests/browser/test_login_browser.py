"""Login for real: a mock OpenID Connect provider on 127.0.0.1, Streamlit's own `[auth]` for it, Chromium clicking
through the provider's login form, and the role file deciding what each user sees.

One provider (oidc-provider-mock, in a thread) and one app server serve the whole module; each test logs in
afresh, in the worker's shared browser context, whose cookies (and with them any session) are cleared after each
test (tests/browser/conftest.py). Plain http is fine here: Authlib and Chromium treat loopback addresses as secure,
so nothing needs a certificate.
"""

from __future__ import annotations

import json
import shutil
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from tests.helpers_browser import rerun, wait_for_app
from tools.local_server import free_port, serving

with warnings.catch_warnings():  # Authlib's import sets its own warnings to "always", over pytest's filters
    import authlib.deprecate  # noqa: F401
import oidc_provider_mock  # its Authlib deprecations are filtered in pyproject.toml

pytestmark = pytest.mark.browser

ROLLEN = """\
[gebruikers."wethouder@enschede.example"]
rol = "gemeente"
gemeente = "GM0153"

[gebruikers."Beheer@Twente.example"]  # as a provider may spell it: addresses are case-insensitive
rol = "beheer"

[gebruikers."adviseur@hengelo.example"]
rol = "gemeente"
gemeente = "GM0164"
"""
ONBEKEND = "onbekend@example.org"


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """The issuer URL of a real (mock) OpenID Connect provider on a free loopback port."""
    # Clients must register, as with a real provider: it then checks their secret and redirect URI.
    server = make_server("127.0.0.1", 0, oidc_provider_mock.app(require_client_registration=True), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def login_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the login server keeps its secrets, role file, warehouse copy, audit log and Streamlit's output."""
    return tmp_path_factory.mktemp("browser_login")


@pytest.fixture(scope="module")
def login_url(demo_warehouse: Path, provider: str, login_folder: Path) -> Iterator[str]:
    """The app with OIDC login against `provider`: a secrets.toml of its own (not the repo's .streamlit)."""
    port = free_port()
    redirect_uri = f"http://127.0.0.1:{port}/oauth2callback"
    client = httpx.post(f"{provider}/oauth2/clients", json={"redirect_uris": [redirect_uri]}, timeout=10)
    client.raise_for_status()
    secrets = login_folder / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "{redirect_uri}"\n'
        f'cookie_secret = "{"c00k1e" * 8}"\n'
        f'client_id = "{client.json()["client_id"]}"\n'
        f'client_secret = "{client.json()["client_secret"]}"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    rollen = login_folder / "toegang.toml"
    rollen.write_text(ROLLEN, encoding="utf-8")
    live = login_folder / "semon.duckdb"
    shutil.copyfile(demo_warehouse, live)
    with serving(
        live,
        login_folder / "audit.log",
        timeout=60,
        args=["--secrets.files", str(secrets)],
        env={"SEMON_TOEGANG": str(rollen), "SEMON_ENV": "production"},
        port=port,
        log=login_folder / "streamlit.log",
    ) as (url, _):
        yield url


def log_in(page: Page, url: str, email: str, path: str = "") -> None:
    """Open the app, press Inloggen, sign in at the provider as `email`, and wait for the app to come back."""
    page.goto(f"{url}/{path}")
    wait_for_app(page)
    expect(page.get_by_test_id("stSidebar")).to_have_count(0)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_placeholder("sub").fill(email)  # the provider's login form; the subject doubles as e-mail
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{url}/**")
    wait_for_app(page)


def test_an_unknown_address_gets_a_dutch_refusal_and_nothing_else(page: Page, login_url: str) -> None:
    log_in(page, login_url, ONBEKEND)
    expect(page.get_by_test_id("stAlertContentError")).to_have_text(
        f"{ONBEKEND} heeft geen rol in de monitor. Vraag beheer om toegang."
    )
    expect(page.get_by_test_id("stSidebar")).to_have_count(0)  # no filters, no navigation
    expect(page.get_by_test_id("stMetric")).to_have_count(0)
    expect(page.get_by_test_id("stDataFrame")).to_have_count(0)
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    # Typing a page's address changes nothing.
    page.goto(f"{login_url}/participatieladder?gemeente=Hengelo")
    wait_for_app(page)
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text("heeft geen rol")
    expect(page.get_by_test_id("stSidebar")).to_have_count(0)


def test_an_address_the_provider_has_not_verified_gets_no_role(page: Page, login_url: str, provider: str) -> None:
    # The role file names this address, but the provider says it is not verified: whoever typed it gets nothing.
    adres = "adviseur@hengelo.example"
    httpx.put(
        f"{provider}/users/{adres}", json={"email": adres, "email_verified": False}, timeout=10
    ).raise_for_status()
    log_in(page, login_url, adres)
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text(
        f"{adres}: het e-mailadres is bij de inlogdienst"
    )
    expect(page.get_by_test_id("stSidebar")).to_have_count(0)
    expect(page.get_by_test_id("stMetric")).to_have_count(0)
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()


def test_a_municipality_sees_its_own_detail_and_the_others_only_in_the_benchmark(
    page: Page, login_url: str, login_folder: Path
) -> None:
    log_in(page, login_url, "wethouder@enschede.example")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_contain_text("Ingelogd als wethouder@enschede.example · Gemeente")
    gemeente = sidebar.get_by_role("combobox", name="Gemeente")
    expect(gemeente).to_have_value("Enschede")
    gemeente.click()
    expect(page.get_by_role("option")).to_have_text(["Enschede"])  # the only choice: no Twente, no Hengelo
    page.keyboard.press("Escape")
    expect(page.get_by_test_id("stMetric").first).to_be_visible()
    expect(sidebar.get_by_role("link", name="Datakwaliteit")).to_have_count(0)
    # A link to another municipality's detail does not open it, and says so: its name is only in that notice.
    page.goto(f"{login_url}/participatieladder?gemeente=Hengelo")
    wait_for_app(page)
    expect(sidebar.get_by_role("combobox", name="Gemeente")).to_have_value("Enschede")
    expect(page.get_by_test_id("stAlertContentInfo").get_by_role("paragraph")).to_have_text(
        "De link noemt gemeente Hengelo: met uw toegang ziet u alleen Enschede. Getoond: Enschede."
    )
    expect(page.get_by_text("Hengelo", exact=False)).to_have_count(1)
    # A link to a beheer page opens the overview, with a word in Dutch rather than Streamlit's "Page not found".
    page.goto(f"{login_url}/datakwaliteit")
    wait_for_app(page)
    expect(page.get_by_test_id("stAlertContentInfo").get_by_role("paragraph")).to_have_text(
        "De pagina Datakwaliteit is alleen voor beheer. U ziet het overzicht."
    )
    expect(page.get_by_role("heading", name="Overzicht", exact=True)).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)
    # The benchmark: every municipality, as totals.
    with rerun(page):
        sidebar.get_by_role("link", name="Regionale benchmark Twente").click()
    tabel = page.get_by_test_id("stDataFrame").first
    expect(tabel).to_be_visible()
    for andere in ("Hengelo", "Almelo", "Haaksbergen"):
        expect(tabel).to_contain_text(andere)
    expect(page.get_by_test_id("stAlertContainer").filter(has_text="alleen de details")).to_have_count(0)
    events = [json.loads(line) for line in (login_folder / "audit.log").read_text().splitlines()]
    assert {(e["gebruiker"], e["rol"]) for e in events if e["gebruiker"] == "wethouder@enschede.example"} == {
        ("wethouder@enschede.example", "gemeente")
    }
    # The beheer page asked for is in the audit log, beside the page shown instead.
    assert [(e["pagina"], e["gevraagd"]) for e in events if "gevraagd" in e] == [("Overzicht", "/datakwaliteit")]


def test_beheer_sees_data_quality_and_logging_out_returns_to_the_login_screen(page: Page, login_url: str) -> None:
    log_in(page, login_url, "beheer@twente.example")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_contain_text("Ingelogd als beheer@twente.example · Beheer")
    with rerun(page):
        sidebar.get_by_role("link", name="Datakwaliteit").click()
    expect(page.get_by_role("heading", name="Datakwaliteit", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    sidebar.get_by_role("button", name="Uitloggen").click()
    # The provider's end-session page (RP-initiated logout), then back to the app's login screen.
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{login_url}/**")
    wait_for_app(page)
    expect(page.get_by_role("button", name="Inloggen")).to_be_visible()
    expect(page.get_by_test_id("stSidebar")).to_have_count(0)
    # The session is really gone: a page's address leads to the login screen too.
    page.goto(f"{login_url}/datakwaliteit")
    wait_for_app(page)
    expect(page.get_by_role("button", name="Inloggen")).to_be_visible()
    expect(page.get_by_role("heading", name="Datakwaliteit")).to_have_count(0)

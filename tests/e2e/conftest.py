"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Every page a journey visits must be checked with axe-core: use `visit(page, path)` to open a page
and check it, or `axe(page)` after a click or a form brought you to a new page. A page that was
navigated to but never checked fails the test. On a failure the screenshot and HTML of every open
page are saved under test-artifacts/.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings

from ..conftest import CHROMIUM

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
FAILING_IMPACTS = ("serious", "critical")
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
HERE = Path(__file__).parent
FAILED = pytest.StashKey[bool]()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/e2e is a browser test (skipped or failed without Chromium)."""
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if report.failed:
        item.stash.setdefault(FAILED, True)
    return report


@pytest.fixture(scope="package")
def _plain_http():
    """The live server speaks plain HTTP: no redirect to HTTPS, no Secure-only cookies.

    Its middleware is built once, when it starts, before the per-test settings of
    tests/conftest.py apply; so these hold for all browser tests.
    """
    from django.test import override_settings

    with override_settings(
        SECURE_SSL_REDIRECT=False,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
        LANGUAGE_COOKIE_SECURE=False,
    ):
        yield


@pytest.fixture(scope="package")
def live_server(_plain_http, live_server):
    return live_server


@pytest.fixture(scope="package", autouse=True)
def _fresh_artifacts() -> None:
    shutil.rmtree(ARTIFACTS, ignore_errors=True)  # only this run's failures


@pytest.fixture
def browser(transactional_db, live_server, monkeypatch):
    """Chromium, started for one test once its database is ready, and stopped before it is emptied.

    Playwright's sync API runs an event loop in this thread; Django's ORM calls of the test share
    the thread (DJANGO_ALLOW_ASYNC_UNSAFE) and get their own connections while the loop runs, so
    the database set-up and teardown must happen outside it.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
            connections.close_all()  # the connections the test opened while the loop ran


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n      ")
            lines.append(f"      {summary}")
    return "\n".join(lines)


def _check_accessibility(page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    page.wsw_unchecked.discard(page.url)
    violations = results.response["violations"]
    serious = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    if violations:
        print(f"axe on {page.url}:\n{format_violations(violations)}")
    if serious:
        pytest.fail(
            f"axe found serious accessibility problems on {page.url}:\n{format_violations(serious)}",
            pytrace=False,
        )


@pytest.fixture
def axe() -> Callable:
    """`axe(page)`: fail on serious or critical axe-core violations on the current page."""
    return _check_accessibility


@pytest.fixture
def visit(live_server) -> Callable:
    """`visit(page, "/path/")`: open a page of the live server, check its status and accessibility."""

    def go(page, path: str, status: int = 200):
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == status, f"{path}: {response and response.status}"
        _check_accessibility(page)
        return response

    return go


def _save_artifacts(request: pytest.FixtureRequest, page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    stem = re.sub(r"[^\w.-]+", "_", request.node.nodeid) + f"-{name}"
    try:
        page.screenshot(path=str(ARTIFACTS / f"{stem}.png"), full_page=True)
        (ARTIFACTS / f"{stem}.html").write_text(page.content())
    except Exception as exc:  # a crashed page must not hide the test's own failure
        print(f"could not save artifacts of {name}: {exc}")
    print(f"screenshot and HTML of {page.url} saved as {ARTIFACTS / stem}.*")


def _page(browser, request: pytest.FixtureRequest, live_server, name: str, **options) -> Iterator:
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", **options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.wsw_unchecked = set()

    def navigated(frame) -> None:
        if frame == page.main_frame:
            page.wsw_unchecked.add(frame.url)

    page.on("framenavigated", navigated)
    try:
        yield page
        if request.node.stash.get(FAILED, False):
            _save_artifacts(request, page, name)
        elif page.wsw_unchecked:
            pytest.fail(
                "pages visited without an accessibility check (call axe(page)): "
                + ", ".join(sorted(page.wsw_unchecked)),
                pytrace=False,
            )
    finally:
        context.close()


@pytest.fixture
def page(browser, request, live_server) -> Iterator:
    """A desktop-sized browser tab (1280×800, Dutch)."""
    yield from _page(browser, request, live_server, "desktop", viewport=DESKTOP)


@pytest.fixture
def phone_page(browser, request, live_server) -> Iterator:
    """A phone-sized browser tab (390×844, touch), for journeys employees make on their phone."""
    yield from _page(
        browser,
        request,
        live_server,
        "phone",
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )

"""Control characters in a URL are a clear 400, never a 500 from the database."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "url",
    [
        "/p/a%00b/",
        "/p/c/a%00b/",
        "/agenda/a%00b/agenda.ics",
        "/accounts/invitation/a%00b/",
        "/accounts/login/?next=%00",
        "/accounts/login/?next=/%0d%0aSet-Cookie:x=1",
        "/o/zorggroep/?q%00=1",
    ],
)
def test_a_url_with_control_characters_is_a_bad_request(client, db, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "toegestaan" in response.content.decode()  # Dutch by default: "niet zijn toegestaan"


def test_an_ordinary_query_string_with_escapes_passes(client, db):
    response = client.get("/accounts/login/?next=/o/zorggroep/%3Fa%3Db")
    assert response.status_code == 200

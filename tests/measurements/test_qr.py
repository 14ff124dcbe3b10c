"""QR codes of answer links are rendered once and kept, not on every request."""

from __future__ import annotations

import segno

from measurements import qr
from measurements.models import PulseTeam
from measurements.services import answer_url


def test_the_pulse_page_renders_each_qr_code_once(hr_client, org, pulse, monkeypatch):
    calls = []
    real = qr.qr_render

    def counting(url, *, scale):
        calls.append(url)
        return real(url, scale=scale)

    monkeypatch.setattr(qr, "qr_render", counting)
    path = f"/o/{org.slug}/measurements/{pulse.pk}/"
    first = hr_client.get(path).content.decode()
    assert len(calls) == pulse.pulse_teams.count() == len(set(calls))
    second = hr_client.get(path).content.decode()
    assert len(calls) == pulse.pulse_teams.count()  # nothing rendered again
    token = PulseTeam.objects.filter(pulse=pulse).first().token
    expected = segno.make(answer_url(token), error="m").svg_inline(scale=2)
    assert expected in first and expected in second


def test_a_changed_address_gets_its_own_qr_code():
    svgs = qr.qr_svgs(["https://a.example/p/1", "https://b.example/p/1"], scale=2)
    assert svgs["https://a.example/p/1"] != svgs["https://b.example/p/1"]

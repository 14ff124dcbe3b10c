"""The answer page: no login, one screen, reached through a team link or a one-time code."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from werkstressweek.accounts.models import Team

from . import services
from .forms import AnswerForm, CodeForm
from .models import Distribution, Pulse, PulseCode, Question


def _client(request: HttpRequest) -> str:
    # The same proxy-aware address as the login throttle (PROXY_COUNT), kept only as a keyed hash.
    return services.client_key(services.client_address(request))


def _state(
    request: HttpRequest, state: str, *, pulse: Pulse | None = None, status: int = 200
) -> HttpResponse:
    return render(request, "measurements/answer_state.html", {"state": state, "pulse": pulse}, status=status)


def _unknown(request: HttpRequest) -> HttpResponse:
    """An unknown link or code: counted towards the guessing limit, blocked past it.

    Only unknown ones count, and known ones are looked up first: a valid link or code always
    works, however many unknown ones were tried from the same address.
    """
    client = _client(request)
    if services.attempts_blocked(client=client):
        return _state(request, "blocked", status=429)
    services.attempt_failed(client=client)
    return _state(request, "unknown", status=404)


@never_cache
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """Answer through a team link."""
    found = services.team_link_for_answer(token=token)
    if found is None:
        return _unknown(request)
    pulse, team, questions = found
    if pulse.distribution != Distribution.TEAM_LINK:
        return _unknown(request)
    return _answer(request, pulse=pulse, team=team, code=None, questions=questions)


@never_cache
def answer_with_code(request: HttpRequest, code: str) -> HttpResponse:
    """Answer with a one-time personal code (from a letter, QR code or e-mail)."""
    pulse_code = services.code_get(code=code)
    if pulse_code is None:
        return _unknown(request)
    if pulse_code.code != code:  # typed in lower case or with dashes: show the canonical address
        return redirect("pulse_code", pulse_code.code)
    if pulse_code.used:
        return _state(request, "used", pulse=pulse_code.pulse)
    return _answer(request, pulse=pulse_code.pulse, team=pulse_code.team, code=pulse_code)


@never_cache
def code_enter(request: HttpRequest) -> HttpResponse:
    """Type a code from a printed sheet."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if code := services.code_normalize(form.cleaned_data["code"]):
            return redirect("pulse_code", code)
        form.add_error(
            "code", _("A code has twelve letters and digits, for example K7QM-2XPD-9FHA. Please check it.")
        )
    return render(request, "measurements/code_enter.html", {"form": form})


def answer_done(request: HttpRequest) -> HttpResponse:
    return _state(request, "done")


def _answer(
    request: HttpRequest,
    *,
    pulse: Pulse,
    team: Team,
    code: PulseCode | None,
    questions: list[Question] | None = None,
) -> HttpResponse:
    state = pulse.state()
    if state != "open":
        return _state(request, state, pulse=pulse)
    if questions is None:
        questions = [pq.question for pq in pulse.pulse_questions.select_related("question")]
    if request.method == "POST":
        # A complete answer (the usual case) is stored without building the form; the form
        # only renders the page and explains what is missing (the service validates either way).
        answers = AnswerForm.quick_answers(request.POST, questions)
        comment = request.POST.get("comment", "")
        if answers is None or len(comment) > services.COMMENT_MAX_LENGTH:
            form = AnswerForm(request.POST, questions=questions, open_question=pulse.open_question_text)
            form.is_valid()
        else:
            try:
                services.pulse_submit(
                    pulse=pulse, team=team, answers=answers, comment=comment, code=code, questions=questions
                )
            except services.CodeAlreadyUsed:
                return _state(request, "used", pulse=pulse)
            except services.PulseNotOpen:
                return _state(request, "closed", pulse=pulse)
            return redirect("pulse_done")
    else:
        form = AnswerForm(questions=questions, open_question=pulse.open_question_text)
    return render(request, "measurements/answer.html", {"pulse": pulse, "team": team, "form": form})

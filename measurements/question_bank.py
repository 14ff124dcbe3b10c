"""The shared question bank: Dutch and English items per dimension (seeded by a migration).

Each row: dimension, Dutch text, English text, reverse-coded. Agreement scales unless the item
says otherwise; reverse-coded items are those where agreeing means things are worse.
"""

from __future__ import annotations

AGREE = ("Helemaal mee oneens", "Helemaal mee eens", "Strongly disagree", "Strongly agree")
OFTEN = ("Nooit", "Altijd", "Never", "Always")

ITEMS: list[tuple[str, str, str, bool, tuple[str, str, str, str]]] = [
    (
        "workload",
        "Ik heb te veel werk om in mijn werktijd af te krijgen.",
        "I have more work than I can finish in my working hours.",
        True,
        AGREE,
    ),
    (
        "workload",
        "Ik kan mijn werk in een rustig tempo doen.",
        "I can do my work at a calm pace.",
        False,
        AGREE,
    ),
    (
        "energy",
        "Ik heb aan het eind van de werkdag nog energie over.",
        "I still have energy left at the end of the working day.",
        False,
        AGREE,
    ),
    ("energy", "Ik voel me uitgeput door mijn werk.", "I feel exhausted by my work.", True, OFTEN),
    ("recovery", "Ik kan na het werk goed ontspannen.", "I can relax well after work.", False, AGREE),
    (
        "recovery",
        "Ik neem tijdens de werkdag pauzes waarin ik echt bijkom.",
        "During the working day I take breaks in which I really recover.",
        False,
        OFTEN,
    ),
    (
        "focus",
        "Ik kan me op mijn werk concentreren zonder steeds gestoord te worden.",
        "I can concentrate on my work without constant interruptions.",
        False,
        AGREE,
    ),
    (
        "focus",
        "Meldingen en berichten halen me vaak uit mijn werk.",
        "Notifications and messages often pull me out of my work.",
        True,
        AGREE,
    ),
    ("pleasure", "Ik heb plezier in mijn werk.", "I enjoy my work.", False, AGREE),
    ("pleasure", "Ik ga met zin naar mijn werk.", "I look forward to going to work.", False, OFTEN),
    (
        "autonomy",
        "Ik kan zelf bepalen hoe ik mijn werk aanpak.",
        "I can decide for myself how I approach my work.",
        False,
        AGREE,
    ),
    (
        "autonomy",
        "Ik heb invloed op mijn werktempo en planning.",
        "I have a say in my pace of work and my planning.",
        False,
        AGREE,
    ),
    (
        "support",
        "Ik kan bij collega's terecht als het werk tegenzit.",
        "I can turn to colleagues when work is difficult.",
        False,
        AGREE,
    ),
    (
        "support",
        "Mijn leidinggevende helpt als ik het te druk heb.",
        "My manager helps when I am too busy.",
        False,
        AGREE,
    ),
    (
        "balance",
        "Mijn werk laat genoeg ruimte voor mijn privéleven.",
        "My work leaves enough room for my private life.",
        False,
        AGREE,
    ),
    (
        "balance",
        "Ik ben buiten werktijd bezig met werkberichten.",
        "I deal with work messages outside working hours.",
        True,
        OFTEN,
    ),
    (
        "safety",
        "In mijn team kan ik zeggen dat ik het te druk heb.",
        "In my team I can say that I am too busy.",
        False,
        AGREE,
    ),
    (
        "safety",
        "In mijn team kun je fouten bespreken zonder dat het tegen je wordt gebruikt.",
        "In my team, mistakes can be discussed without being held against you.",
        False,
        AGREE,
    ),
]


def seed(question_model) -> int:
    """Create the bank items that are missing; return how many were created."""
    created = 0
    for dimension, text_nl, text_en, reverse, (low_nl, high_nl, low_en, high_en) in ITEMS:
        _obj, new = question_model.objects.get_or_create(
            organisation=None,
            text_nl=text_nl,
            defaults={
                "dimension": dimension,
                "text_en": text_en,
                "reverse_coded": reverse,
                "low_nl": low_nl,
                "high_nl": high_nl,
                "low_en": low_en,
                "high_en": high_en,
            },
        )
        created += new
    return created

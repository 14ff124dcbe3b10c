"""Seed the shared question bank.

Frozen seed data: the bank as it was when this migration was written. The migration no longer
imports `measurements.question_bank`, so later edits there cannot change what it does; changes to
the bank are new migrations.
"""

from django.db import migrations

# dimension, text nl, text en, reverse coded, (low nl, high nl, low en, high en)
ITEMS = [
    (
        "workload",
        "Ik heb te veel werk om in mijn werktijd af te krijgen.",
        "I have more work than I can finish in my working hours.",
        True,
        ("Helemaal mee oneens", "Helemaal mee eens", "Strongly disagree", "Strongly agree"),
    ),
    (
        "workload",
        "Ik kan mijn werk in een rustig tempo doen.",
        "I can do my work at a calm pace.",
        False,
        ("Helemaal mee oneens", "Helemaal mee eens", "Strongly disagree", "Strongly agree"),
    ),
    (
        "energy",
        "Ik heb aan het eind van de werkdag nog energie over.",
        "I still have energy left at the end of the working day.",
        False,
        ("Helemaal mee oneens", "Helemaal mee eens", "Strongly disagree", "Strongly agree"),
    ),
    (
        "energy",
        "Ik voel me uitgeput door mijn werk.",
        "I feel exhausted by my work.",
        True,
        ("Nooit", "Altijd", "Never", "Always"),
    ),
    (
        "recovery",
        "Ik kan na het werk goed ontspannen.",
        "I can relax well after work.",
        False,
        ("Helemaal mee oneens", "Helemaal mee eens", "Strongly disagree", "Strongly agree"),
    ),
    (
        "recovery",
        "Ik neem tijdens de werkdag pauzes waarin ik echt bijkom.",
        "During the working day I take breaks in which I really recover.",
        False,
        ("Nooit", "Altijd", "Never", "Always"),
    ),
    (
        "focus",
        "Ik kan me op mijn werk concentreren zonder steeds gestoord te worden.",
        "I can concentrate on my work without constant interruptions.",
        False,
        ("Helemaal mee oneens", "Helemaal mee eens", "Strongly disagree", "Strongly agree"),
    ),
    (
        "focus",
        "Meldingen en berichten halen me vaak uit mijn werk.",
        "Notifications and messages often pull me out of my work.",
        True,
        ("Helemaal mee oneens", "Helemaal mee eens", "Strongly disagree", "Strongly agree"),
    ),
    (
        "pleasure",
        "Ik heb plezier in mijn werk.",
        "I enjoy my work.",
        False,
        ("Helemaal mee oneens", "Helemaal mee eens", "Strongly disagree", "Strongly agree"),
    ),
    (
        "pleasure",
        "Ik ga met zin naar mijn werk.",
        "I look forward to going to work.",
        False,
        ("Nooit", "Altijd", "Never", "Always"),
    ),
    (
        "autonomy",
        "Ik kan zelf bepalen hoe ik mijn werk aanpak.",
        "I can decide for myself how I approach my work.",
        False,
        ("Helemaal mee oneens", "Helemaal mee eens", "Strongly disagree", "Strongly agree"),
    ),
    (
        "autonomy",
        "Ik heb invloed op mijn werktempo en planning.",
        "I have a say in my pace of work and my planning.",
        False,
        ("Helemaal mee oneens", "Helemaal mee eens", "Strongly disagree", "Strongly agree"),
    ),
    (
        "support",
        "Ik kan bij collega's terecht als het werk tegenzit.",
        "I can turn to colleagues when work is difficult.",
        False,
        ("Helemaal mee oneens", "Helemaal mee eens", "Strongly disagree", "Strongly agree"),
    ),
    (
        "support",
        "Mijn leidinggevende helpt als ik het te druk heb.",
        "My manager helps when I am too busy.",
        False,
        ("Helemaal mee oneens", "Helemaal mee eens", "Strongly disagree", "Strongly agree"),
    ),
    (
        "balance",
        "Mijn werk laat genoeg ruimte voor mijn privéleven.",
        "My work leaves enough room for my private life.",
        False,
        ("Helemaal mee oneens", "Helemaal mee eens", "Strongly disagree", "Strongly agree"),
    ),
    (
        "balance",
        "Ik ben buiten werktijd bezig met werkberichten.",
        "I deal with work messages outside working hours.",
        True,
        ("Nooit", "Altijd", "Never", "Always"),
    ),
    (
        "safety",
        "In mijn team kan ik zeggen dat ik het te druk heb.",
        "In my team I can say that I am too busy.",
        False,
        ("Helemaal mee oneens", "Helemaal mee eens", "Strongly disagree", "Strongly agree"),
    ),
    (
        "safety",
        "In mijn team kun je fouten bespreken zonder dat het tegen je wordt gebruikt.",
        "In my team, mistakes can be discussed without being held against you.",
        False,
        ("Helemaal mee oneens", "Helemaal mee eens", "Strongly disagree", "Strongly agree"),
    ),
]


def seed(apps, schema_editor):
    Question = apps.get_model("measurements", "Question")
    for dimension, text_nl, text_en, reverse, (low_nl, high_nl, low_en, high_en) in ITEMS:
        Question.objects.get_or_create(
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


class Migration(migrations.Migration):
    dependencies = [("measurements", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

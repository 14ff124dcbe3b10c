"""Users, organisations, teams and who plays which role where."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# DESIGN.md §5.3: nothing about a group is shown below k responses, and k is never below 5.
MIN_GROUP_SIZE_FLOOR = 5
MIN_GROUP_SIZE_DEFAULT = 7


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in. Employees answering pulses never have one."""

    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="nl")
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in links"), max_length=60, unique=True)
    min_group_size = models.PositiveSmallIntegerField(
        _("minimum group size"),
        default=MIN_GROUP_SIZE_DEFAULT,
        validators=[MinValueValidator(MIN_GROUP_SIZE_FLOOR)],
        help_text=_(
            "Results of a group are only shown when at least this many people answered. Never below 5."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_group_size__gte=MIN_GROUP_SIZE_FLOOR),
                name="organisation_min_group_size_floor",
            )
        ]

    def __str__(self) -> str:
        return self.name


class WorkPattern(models.TextChoices):
    OFFICE = "office", _("Office")
    HYBRID = "hybrid", _("Hybrid")
    REMOTE = "remote", _("Remote")
    SHIFT = "shift", _("Shifts")


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("name"), max_length=120)
    headcount = models.PositiveIntegerField(
        _("headcount"), default=0, help_text=_("Number of people in the team, for participation rates.")
    )
    work_pattern = models.CharField(
        _("work pattern"), max_length=10, choices=WorkPattern.choices, default=WorkPattern.OFFICE
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name_per_org")
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    HR = "hr", _("HR")
    CORE_TEAM = "core_team", _("Core team")
    MANAGER = "manager", _("Manager")
    AMBASSADOR = "ambassador", _("Ambassador")
    WORKS_COUNCIL = "works_council", _("Works council")


class Membership(models.Model):
    """A user's role in one organisation. Managers are linked to the teams they lead."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    teams = models.ManyToManyField(Team, blank=True, related_name="managers", verbose_name=_("teams"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique_user_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class Invitation(models.Model):
    """An invitation to join an organisation in a role.

    Only a SHA-256 hash of the token is stored; the token itself travels once, in the e-mail.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    teams = models.ManyToManyField(Team, blank=True, verbose_name=_("teams"))
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


DEFAULT_PRIMARY_COLOUR = "#1F5C99"


class OrganisationBranding(models.Model):
    """The organisation's logo and colour for its communication toolkit.

    The logo is kept in the database (at most 1 MB), already checked: a re-encoded PNG or a
    sanitised SVG (campaigns.toolkit.branding), so every process can read it without shared disk.
    """

    class LogoType(models.TextChoices):
        PNG = "image/png", "PNG"
        SVG = "image/svg+xml", "SVG"

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="branding")
    logo = models.BinaryField(_("logo"), blank=True, default=b"", editable=False)
    logo_type = models.CharField(_("logo type"), max_length=20, choices=LogoType.choices, blank=True)
    primary_colour = models.CharField(_("primary colour"), max_length=7, default=DEFAULT_PRIMARY_COLOUR)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("branding")
        verbose_name_plural = _("branding")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(primary_colour__regex=r"^#[0-9A-Fa-f]{6}$"),
                name="branding_colour_is_hex",
            ),
            models.CheckConstraint(
                condition=models.Q(logo_type__in=["", "image/png", "image/svg+xml"]),
                name="branding_logo_type_known",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation_id)

    @property
    def has_logo(self) -> bool:
        return bool(self.logo_type)

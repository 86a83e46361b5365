from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

# An erased person's username: this, then random letters, so the row names no one.
ERASED_USERNAME_PREFIX = "erased-"


class User(AbstractUser):
    class Role(models.TextChoices):
        EXPERT = "expert", _("Expert")
        CLIENT = "client", _("Client")

    # Empty for operators (staff) who are neither.
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, blank=True)
    # The expert's own Zoom user (id or e-mail); empty means ZOOM_HOST_USER hosts their meetings.
    zoom_user = models.CharField(_("Zoom user"), max_length=254, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=["expert", "client", ""]),
                name="user_role_known",
            )
        ]

    @property
    def is_expert(self) -> bool:
        return self.role == self.Role.EXPERT

    @property
    def is_client(self) -> bool:
        return self.role == self.Role.CLIENT

    @property
    def is_erased(self) -> bool:
        """Their data was erased on request: nothing may name them or reach them any more."""
        return self.username.startswith(ERASED_USERNAME_PREFIX) and not self.is_active

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

"""Who is acting.  Until sign-in exists every call acts as the office clerk."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.errors import WorkflowError
from ..domain.workflow import Role


@dataclass(frozen=True)
class Actor:
    """The signed-in person (``user_id`` None for the built-in office and system actors)."""

    username: str
    display_name: str
    role: Role
    user_id: int | None = None

    def require(self, roles: frozenset[Role] | set[Role], action_fa: str) -> None:
        """Refuse (``workflow.role``) unless this actor has one of ``roles``."""
        if self.role not in roles:
            raise WorkflowError("workflow.role", role=self.role.label_fa, action=action_fa)


DEFAULT_ACTOR = Actor("office", "دفتر مدرسه", Role.CLERK)
PRINCIPAL_ACTOR = Actor("principal", "مدیر مدرسه", Role.PRINCIPAL)
SYSTEM_ACTOR = Actor("system", "سامانه", Role.SYSTEM)

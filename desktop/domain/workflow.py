"""The life of a grade sheet (one class x course x session): states, actions, roles.

::

    draft --submit--> submitted --review--> reviewed --approve--> approved
          --queue--> queued --mark_sent--> sent --district_approve--> district_approved
          --province_approve--> province_approved (final)

A rejection at any level returns the sheet to draft, always with a reason that
the office sees.  Grades are editable only in draft; after the session's
deadline a sheet is locked whatever its state (see ``calendar``), and a change
then needs a change request approved by district and province.

The table :data:`TRANSITIONS` is the rule, once; services check every call
against it with the caller's role (a hidden button is not a check).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .errors import WorkflowError
from .text import normalize


class SheetState(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    REVIEWED = "reviewed"
    APPROVED = "approved"
    QUEUED = "queued"
    SENT = "sent"
    DISTRICT_APPROVED = "district_approved"
    PROVINCE_APPROVED = "province_approved"

    @property
    def label_fa(self) -> str:
        return {
            SheetState.DRAFT: "پیش‌نویس",
            SheetState.SUBMITTED: "ثبت‌شده",
            SheetState.REVIEWED: "بررسی‌شده معاون",
            SheetState.APPROVED: "تأییدشده مدیر",
            SheetState.QUEUED: "در صف ارسال",
            SheetState.SENT: "ارسال‌شده",
            SheetState.DISTRICT_APPROVED: "تأیید منطقه",
            SheetState.PROVINCE_APPROVED: "تأیید نهایی استان",
        }[self]


class Role(enum.StrEnum):
    TEACHER = "teacher"
    CLERK = "clerk"
    DEPUTY = "deputy"
    PRINCIPAL = "principal"
    SYSTEM = "system"      # the sync client acting on the central server's receipt
    DISTRICT = "district"  # assessment expert of the district (on the central server)
    PROVINCE = "province"  # assessment expert of the province (on the central server)

    @property
    def label_fa(self) -> str:
        return {
            Role.TEACHER: "معلم",
            Role.CLERK: "دفتردار",
            Role.DEPUTY: "معاون آموزشی",
            Role.PRINCIPAL: "مدیر",
            Role.SYSTEM: "سامانه",
            Role.DISTRICT: "کارشناس منطقه",
            Role.PROVINCE: "کارشناس استان",
        }[self]


class Action(enum.StrEnum):
    SUBMIT = "submit"
    REVIEW = "review"
    APPROVE = "approve"
    QUEUE = "queue"
    MARK_SENT = "mark_sent"
    DISTRICT_APPROVE = "district_approve"
    PROVINCE_APPROVE = "province_approve"
    REJECT = "reject"

    @property
    def label_fa(self) -> str:
        return {
            Action.SUBMIT: "ثبت نهایی نمره‌ها",
            Action.REVIEW: "بررسی معاون",
            Action.APPROVE: "تأیید مدیر",
            Action.QUEUE: "گذاشتن در صف ارسال",
            Action.MARK_SENT: "ثبت رسید ارسال",
            Action.DISTRICT_APPROVE: "تأیید منطقه",
            Action.PROVINCE_APPROVE: "تأیید استان",
            Action.REJECT: "برگشت به پیش‌نویس",
        }[self]


S, R = SheetState, Role
OFFICE = frozenset({R.TEACHER, R.CLERK, R.DEPUTY, R.PRINCIPAL})

# (action, from-state) -> (to-state, roles allowed)
TRANSITIONS: dict[tuple[Action, SheetState], tuple[SheetState, frozenset[Role]]] = {
    (Action.SUBMIT, S.DRAFT): (S.SUBMITTED, OFFICE),
    (Action.REVIEW, S.SUBMITTED): (S.REVIEWED, frozenset({R.DEPUTY})),
    (Action.APPROVE, S.REVIEWED): (S.APPROVED, frozenset({R.PRINCIPAL})),
    (Action.QUEUE, S.APPROVED): (S.QUEUED, frozenset({R.PRINCIPAL, R.SYSTEM})),
    (Action.MARK_SENT, S.QUEUED): (S.SENT, frozenset({R.SYSTEM})),
    (Action.DISTRICT_APPROVE, S.SENT): (S.DISTRICT_APPROVED, frozenset({R.DISTRICT})),
    (Action.PROVINCE_APPROVE, S.DISTRICT_APPROVED):
        (S.PROVINCE_APPROVED, frozenset({R.PROVINCE})),
    # Rejections: each level sends back what waits for it (or for a level below it).
    (Action.REJECT, S.SUBMITTED): (S.DRAFT, frozenset({R.DEPUTY, R.PRINCIPAL})),
    (Action.REJECT, S.REVIEWED): (S.DRAFT, frozenset({R.PRINCIPAL})),
    (Action.REJECT, S.APPROVED): (S.DRAFT, frozenset({R.PRINCIPAL})),
    (Action.REJECT, S.QUEUED): (S.DRAFT, frozenset({R.PRINCIPAL})),
    (Action.REJECT, S.SENT): (S.DRAFT, frozenset({R.DISTRICT})),
    (Action.REJECT, S.DISTRICT_APPROVED): (S.DRAFT, frozenset({R.PROVINCE})),
}

EDITABLE_STATES = frozenset({S.DRAFT})
EDITOR_ROLES = OFFICE
# States that count as "approved by the school" (temporary certificates may print).
SCHOOL_APPROVED = frozenset({S.APPROVED, S.QUEUED, S.SENT, S.DISTRICT_APPROVED,
                             S.PROVINCE_APPROVED})
FINAL = S.PROVINCE_APPROVED


@dataclass(frozen=True)
class Transition:
    action: Action
    source: SheetState
    target: SheetState
    role: Role
    reason: str | None


def transition(state: SheetState, action: Action, role: Role,
               reason: str | None = None) -> Transition:
    """Check one step; return it, or raise :class:`WorkflowError` with the rule that refused."""
    rule = TRANSITIONS.get((action, state))
    if rule is None:
        raise WorkflowError("workflow.action", action=action.label_fa, state=state.label_fa)
    target, roles = rule
    if role not in roles:
        raise WorkflowError("workflow.role", role=role.label_fa, action=action.label_fa)
    clean = normalize(reason) if reason is not None else None
    if action is Action.REJECT and not clean:
        raise WorkflowError("workflow.reason")
    return Transition(action, state, target, role, clean or None)


def allowed_actions(state: SheetState, role: Role) -> list[Action]:
    """What ``role`` may do to a sheet in ``state`` (for enabling buttons)."""
    return [a for (a, s), (_, roles) in TRANSITIONS.items() if s is state and role in roles]


def is_editable(state: SheetState) -> bool:
    return state in EDITABLE_STATES


def edit_refusal(state: SheetState, role: Role, locked: bool, deadline_text: str,
                 session_text: str, assigned: bool,
                 closed_year: str | None = None) -> WorkflowError | None:
    """Why a grade on this sheet may not be changed by ``role`` now, or None if it may.

    The checks, in the order the office needs to hear them: the role may not enter
    grades at all; the session's deadline has passed (a change then needs a change
    request approved by district and province); the year was closed (``closed_year``,
    its label: the session's outcomes are decided); the sheet has left draft; a teacher
    and a course that is not theirs.
    """
    if role not in EDITOR_ROLES:
        return WorkflowError("workflow.role", role=role.label_fa, action="ثبت نمره")
    if closed_year is not None:
        return WorkflowError("sheet.year_closed", year=closed_year, session=session_text)
    if locked:
        return WorkflowError("sheet.deadline", session=session_text, date=deadline_text)
    if state not in EDITABLE_STATES:
        return WorkflowError("sheet.not_editable", state=state.label_fa)
    if role is Role.TEACHER and not assigned:
        return WorkflowError("sheet.not_yours")
    return None


# --- change requests (after the deadline, through the legal channel) -----------------
#
#   filed --district approves--> district_approved --province approves--> province_approved
#   (then applied by the school's program); a rejection at either level ends it, with a reason.

class ChangeState(enum.StrEnum):
    FILED = "filed"
    DISTRICT_APPROVED = "district_approved"
    PROVINCE_APPROVED = "province_approved"
    APPLIED = "applied"
    REJECTED = "rejected"

    @property
    def label_fa(self) -> str:
        return {
            ChangeState.FILED: "ثبت‌شده",
            ChangeState.DISTRICT_APPROVED: "تأیید منطقه",
            ChangeState.PROVINCE_APPROVED: "تأیید استان",
            ChangeState.APPLIED: "اعمال‌شده",
            ChangeState.REJECTED: "ردشده",
        }[self]


# The level that decides a change request in each state.
CHANGE_DECIDER = {ChangeState.FILED: Role.DISTRICT, ChangeState.DISTRICT_APPROVED: Role.PROVINCE}


def change_decision(state: ChangeState, level: Role, approve: bool,
                    reason: str | None) -> tuple[ChangeState, str | None]:
    """The next state of a change request decided by ``level``, with the cleaned reason."""
    if CHANGE_DECIDER.get(state) is not level:
        if level not in (Role.DISTRICT, Role.PROVINCE):
            raise WorkflowError("workflow.role", role=level.label_fa,
                                action="تصمیم درخواست اصلاح")
        raise WorkflowError("change.state", state=state.label_fa)
    clean = normalize(reason) if reason else None
    if not approve:
        if not clean:
            raise WorkflowError("workflow.reason")
        return ChangeState.REJECTED, clean
    if level is Role.DISTRICT:
        return ChangeState.DISTRICT_APPROVED, clean
    return ChangeState.PROVINCE_APPROVED, clean


def objection_decision(state: ChangeState, level: Role, approve: bool,
                       reason: str | None) -> tuple[ChangeState, str | None]:
    """A student's objection in the review window (seed 000) is the district's alone:
    filed -> accepted (``DISTRICT_APPROVED``) or rejected, a rejection with its reason.
    An accepted objection changes no grade by itself: the school then files a change
    request for the cell, which goes the usual way."""
    if level is not Role.DISTRICT:
        raise WorkflowError("workflow.role", role=level.label_fa, action="تصمیم اعتراض")
    if state is not ChangeState.FILED:
        raise WorkflowError("change.state", state=state.label_fa)
    clean = normalize(reason) if reason else None
    if not approve and not clean:
        raise WorkflowError("workflow.reason")
    return (ChangeState.DISTRICT_APPROVED if approve else ChangeState.REJECTED), clean

import pytest

from desktop.domain.errors import WorkflowError
from desktop.domain.workflow import (
    TRANSITIONS,
    Action,
    Role,
    SheetState,
    allowed_actions,
    is_editable,
    transition,
)

HAPPY = [
    (SheetState.DRAFT, Action.SUBMIT, Role.TEACHER, SheetState.SUBMITTED),
    (SheetState.SUBMITTED, Action.REVIEW, Role.DEPUTY, SheetState.REVIEWED),
    (SheetState.REVIEWED, Action.APPROVE, Role.PRINCIPAL, SheetState.APPROVED),
    (SheetState.APPROVED, Action.QUEUE, Role.PRINCIPAL, SheetState.QUEUED),
    (SheetState.QUEUED, Action.MARK_SENT, Role.SYSTEM, SheetState.SENT),
    (SheetState.SENT, Action.DISTRICT_APPROVE, Role.DISTRICT, SheetState.DISTRICT_APPROVED),
    (SheetState.DISTRICT_APPROVED, Action.PROVINCE_APPROVE, Role.PROVINCE,
     SheetState.PROVINCE_APPROVED),
]


@pytest.mark.parametrize("state,action,role,target", HAPPY)
def test_the_path_to_final_approval(state, action, role, target):
    assert transition(state, action, role).target is target


def test_every_pair_not_in_the_table_is_refused():
    for state in SheetState:
        for action in Action:
            for role in Role:
                rule = TRANSITIONS.get((action, state))
                allowed = rule is not None and role in rule[1]
                try:
                    transition(state, action, role, reason="دلیل")
                except WorkflowError:
                    assert not allowed, (state, action, role)
                else:
                    assert allowed, (state, action, role)


def test_wrong_role_gets_a_message_naming_the_role():
    with pytest.raises(WorkflowError) as e:
        transition(SheetState.REVIEWED, Action.APPROVE, Role.DEPUTY)
    assert e.value.code == "workflow.role"
    assert "معاون آموزشی" in str(e.value)


def test_rejection_needs_a_reason_and_returns_to_draft():
    with pytest.raises(WorkflowError) as e:
        transition(SheetState.SENT, Action.REJECT, Role.DISTRICT, reason="  ")
    assert e.value.code == "workflow.reason"
    t = transition(SheetState.SENT, Action.REJECT, Role.DISTRICT, reason="نمره ناقص")
    assert t.target is SheetState.DRAFT and t.reason == "نمره ناقص"


def test_final_state_has_no_way_out_and_only_draft_is_editable():
    for role in Role:
        assert allowed_actions(SheetState.PROVINCE_APPROVED, role) == []
    assert [s for s in SheetState if is_editable(s)] == [SheetState.DRAFT]


def test_every_state_is_reachable_from_draft():
    seen = {SheetState.DRAFT}
    frontier = [SheetState.DRAFT]
    while frontier:
        state = frontier.pop()
        for (_, source), (target, _) in TRANSITIONS.items():
            if source is state and target not in seen:
                seen.add(target)
                frontier.append(target)
    assert seen == set(SheetState)

from datetime import UTC, datetime

import pytest
from marketbridge.gateway.domain import rules
from marketbridge.gateway.domain.model import Principal, User
from marketbridge.runtime.errors import Conflict, DomainError, ValidationFailed


def codes(found: list[DomainError]) -> set[str]:
    return {e.code for e in found}


def user(role: str = "owner", active: bool = True) -> User:
    return User("u1", "t1", "a@b.kr", "이름", role, active, datetime.now(UTC))  # type: ignore[arg-type]


@pytest.mark.parametrize("password", ["abcdefg1", "비밀번호는12345", "Tr0ub4dor&3"])
def test_usr_3_password_policy_accepts_eight_chars_with_letters_and_digits(password: str) -> None:
    assert rules.password_errors(password) == []


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("abc1", {"PASSWORD_TOO_SHORT"}),
        ("abcdefgh", {"PASSWORD_DIGIT_REQUIRED"}),
        ("12345678", {"PASSWORD_LETTER_REQUIRED"}),
        ("demo", {"PASSWORD_TOO_SHORT", "PASSWORD_DIGIT_REQUIRED"}),
        ("a1" * 65, {"PASSWORD_TOO_LONG"}),
    ],
)
def test_usr_3_password_policy_rejects_weak_passwords(password: str, expected: set[str]) -> None:
    found = rules.password_errors(password)
    assert codes(found) == expected
    assert all(e.rule == "USR-3" and e.field == "password" and "비밀번호" in e.message for e in found)


def test_usr_3_password_change_reports_every_violation_at_once() -> None:
    with pytest.raises(ValidationFailed) as caught:
        rules.check_password_change(current_matches=False, new="short", confirm="other", same_as_current=False)
    assert codes(caught.value.errors) == {
        "CURRENT_PASSWORD_MISMATCH",
        "PASSWORD_TOO_SHORT",
        "PASSWORD_DIGIT_REQUIRED",
        "PASSWORD_CONFIRM_MISMATCH",
    }


def test_usr_3_new_password_must_differ_from_current() -> None:
    with pytest.raises(ValidationFailed) as caught:
        rules.check_password_change(current_matches=True, new="same-pass-1", confirm="same-pass-1", same_as_current=True)
    assert codes(caught.value.errors) == {"PASSWORD_UNCHANGED"}


@pytest.mark.parametrize("email", ["seller@example.com", "a.b+c@shop.co.kr", "demo@marketbridge.local"])
def test_usr_2_accepts_valid_emails(email: str) -> None:
    assert rules.email_errors(email) == []


@pytest.mark.parametrize("email", ["", "seller", "seller@", "@example.com", "a b@example.com", "a@example", "a@@b.kr"])
def test_usr_2_rejects_malformed_emails(email: str) -> None:
    assert codes(rules.email_errors(rules.normalize_email(email))) == {"EMAIL_INVALID"}


def test_email_is_normalised_to_lower_case() -> None:
    assert rules.normalize_email("  Seller@Example.COM ") == "seller@example.com"


def test_usr_2_new_user_role_must_be_known() -> None:
    with pytest.raises(ValidationFailed) as caught:
        rules.check_new_user("x@y.kr", "", "admin", "pass-word-1")
    assert codes(caught.value.errors) == {"USER_ROLE_INVALID", "USER_NAME_REQUIRED"}


def test_usr_2_only_an_owner_manages_users() -> None:
    for role in ("manager", "operator", "viewer"):
        with pytest.raises(DomainError) as caught:
            rules.ensure_owner(Principal("u", "t", "n", role, "e@x.kr"))  # type: ignore[arg-type]
        assert caught.value.code == "OWNER_REQUIRED" and caught.value.status == 403
    rules.ensure_owner(Principal("u", "t", "n", "owner", "e@x.kr"))


@pytest.mark.parametrize(("role", "active"), [("manager", None), ("viewer", None), (None, False), ("owner", False)])
def test_usr_2_last_active_owner_cannot_be_demoted_or_deactivated(role: str | None, active: bool | None) -> None:
    with pytest.raises(Conflict) as caught:
        rules.check_user_change(user("owner"), role=role, active=active, active_owners=1)
    assert caught.value.code == "LAST_OWNER_REQUIRED" and caught.value.rule == "USR-2"


def test_usr_2_an_owner_may_be_demoted_while_another_owner_remains() -> None:
    rules.check_user_change(user("owner"), role="manager", active=False, active_owners=2)


def test_usr_2_last_owner_may_be_renamed_and_non_owners_changed_freely() -> None:
    rules.check_user_change(user("owner"), role="owner", active=True, active_owners=1)
    rules.check_user_change(user("manager"), role="viewer", active=False, active_owners=1)
    rules.check_user_change(user("owner", active=False), role="viewer", active=None, active_owners=1)


@pytest.mark.parametrize("phone", ["010-1234-5678", "01012345678", "02-123-4567", "031-1234-5678", "1588-1234"])
def test_usr_1_accepts_korean_phone_numbers(phone: str) -> None:
    assert rules.phone_errors(phone) == []


@pytest.mark.parametrize("phone", ["12345", "010-12-5678", "phone", "+82 10 1234 5678"])
def test_usr_1_rejects_malformed_phone_numbers(phone: str) -> None:
    assert codes(rules.phone_errors(phone)) == {"TENANT_PHONE_INVALID"}


def test_usr_1_company_name_is_required_and_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationFailed) as caught:
        rules.check_tenant_profile({"name": "  ", "contact_phone": "x", "fax": "1"})
    assert codes(caught.value.errors) == {"TENANT_NAME_REQUIRED", "TENANT_PHONE_INVALID", "FIELD_UNKNOWN"}
    rules.check_tenant_profile({"contact_phone": None, "address": None})

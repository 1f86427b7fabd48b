"""The generated models: builders, keyword construction, JSON round trips, UNSET vs None,
value equality, open enums and a repr that hides secrets. No server needed."""

from __future__ import annotations

import dataclasses

import pytest
from square_oauth import UNSET
from square_oauth.models import (
    Error,
    ErrorCategory,
    ErrorCode,
    ErrorResponse,
    ObtainTokenRequest,
    ObtainTokenResponse,
    RenewTokenRequest,
    RenewTokenResponse,
    RevokeTokenRequest,
    RevokeTokenResponse,
)

SECRET = "sq0csp-MODEL-SECRET-0b7e"
CODE = "sq0cgp-MODEL-CODE-91aa"
REFRESH = "EQAA-MODEL-REFRESH-d00d"
ACCESS = "EAAA-MODEL-ACCESS-beef"


def full_obtain_request() -> ObtainTokenRequest:
    return (
        ObtainTokenRequest.builder("APP", SECRET, "authorization_code")
        .code(CODE)
        .redirect_uri("https://app.example.com/cb")
        .refresh_token(REFRESH)
        .migration_token("legacy-token-xx")
        .scopes(["MERCHANT_PROFILE_READ", "PAYMENTS_READ"])
        .short_lived(False)
        .build()
    )


def test_builder_takes_required_fields_positionally_and_setters_chain() -> None:
    builder = ObtainTokenRequest.builder("APP", SECRET, "authorization_code")
    assert builder.code(CODE) is builder  # fluent: each setter returns the builder
    request = builder.build()
    assert isinstance(request, ObtainTokenRequest)
    assert (request.client_id, request.client_secret, request.grant_type, request.code) == (
        "APP",
        SECRET,
        "authorization_code",
        CODE,
    )
    assert request.redirect_uri is UNSET and request.scopes is UNSET


def test_models_are_immutable() -> None:
    request = RevokeTokenRequest(client_id="APP")
    with pytest.raises(dataclasses.FrozenInstanceError):
        request.client_id = "OTHER"  # type: ignore[misc]


def test_keyword_construction_equals_the_built_model_and_requires_required_fields() -> None:
    built = RevokeTokenRequest.builder().client_id("APP").access_token(ACCESS).build()
    assert RevokeTokenRequest(client_id="APP", access_token=ACCESS) == built
    with pytest.raises(TypeError):
        ObtainTokenRequest(client_id="APP", grant_type="authorization_code")  # type: ignore[call-arg]


def test_to_builder_makes_a_changed_copy_and_leaves_the_original() -> None:
    original = full_obtain_request()
    changed = original.to_builder().grant_type("refresh_token").code(None).build()
    assert changed.grant_type == "refresh_token" and changed.code is None
    assert original.grant_type == "authorization_code" and original.code == CODE
    assert changed.to_builder().build() == changed
    assert changed.scopes == original.scopes and changed.client_secret == SECRET


def test_to_dict_uses_wire_names_and_leaves_unset_fields_out() -> None:
    request = ObtainTokenRequest.builder("APP", SECRET, "refresh_token").refresh_token(REFRESH).build()
    assert request.to_dict() == {
        "client_id": "APP",
        "client_secret": SECRET,
        "grant_type": "refresh_token",
        "refresh_token": REFRESH,
    }
    assert RevokeTokenRequest().to_dict() == {}


@pytest.mark.parametrize(
    "model",
    [
        full_obtain_request(),
        ObtainTokenResponse.builder()
        .access_token(ACCESS)
        .token_type("bearer")
        .expires_at("2026-02-01T00:00:00Z")
        .merchant_id("MERCHANT01")
        .refresh_token(REFRESH)
        .short_lived(True)
        .errors([Error.builder(ErrorCategory.API_ERROR, ErrorCode.INTERNAL_SERVER_ERROR).detail("x").build()])
        .build(),
        RenewTokenRequest.builder().access_token(ACCESS).build(),
        RenewTokenResponse(access_token=ACCESS, token_type="bearer", merchant_id="MERCHANT01", plan_id="P"),
        RevokeTokenRequest(client_id="APP", merchant_id="MERCHANT01", revoke_only_access_token=True),
        RevokeTokenResponse(success=True, errors=[]),
        ErrorResponse(errors=[Error(category="AUTHENTICATION_ERROR", code="UNAUTHORIZED", field="f")]),
    ],
    ids=lambda m: type(m).__name__,
)
def test_from_dict_of_to_dict_gives_an_equal_model(model: object) -> None:
    data = model.to_dict()  # type: ignore[attr-defined]
    again = type(model).from_dict(data)  # type: ignore[attr-defined]
    assert again == model
    assert again.to_dict() == data


def test_unset_and_explicit_null_stay_different_through_a_round_trip() -> None:
    request = RevokeTokenRequest(client_id="APP", access_token=None)
    data = request.to_dict()
    assert data == {"client_id": "APP", "access_token": None}
    parsed = RevokeTokenRequest.from_dict(data)
    assert parsed.access_token is None
    assert parsed.merchant_id is UNSET
    assert parsed == request
    assert parsed != RevokeTokenRequest(client_id="APP")  # None is not UNSET
    # a required nullable field accepts null too
    nullable = ObtainTokenRequest(client_id="APP", client_secret=None, grant_type="authorization_code")
    assert nullable.to_dict()["client_secret"] is None
    assert ObtainTokenRequest.from_dict(nullable.to_dict()) == nullable


def test_models_compare_by_value() -> None:
    assert RevokeTokenRequest(client_id="APP") == RevokeTokenRequest(client_id="APP")
    assert RevokeTokenRequest(client_id="APP") != RevokeTokenRequest(client_id="OTHER")
    assert RenewTokenRequest(access_token=ACCESS) != RenewTokenResponse(access_token=ACCESS)
    with_extra = RevokeTokenResponse.from_dict({"success": True, "new": 1})
    assert with_extra != RevokeTokenResponse(success=True)  # unknown fields are part of the value


def test_models_hash_by_value_when_their_values_can_be() -> None:
    # Immutable all through (lists are tuples), a model hashes like a tuple of its values.
    assert hash(full_obtain_request()) == hash(full_obtain_request())
    assert len({RevokeTokenRequest(client_id="APP"), RevokeTokenRequest(client_id="APP")}) == 1
    assert RevokeTokenResponse.from_dict({"success": True, "new": 1}) in {
        RevokeTokenResponse.from_dict({"new": 1, "success": True})
    }
    with pytest.raises(TypeError):  # a dict inside (here an unknown field's object), as in a tuple
        hash(RevokeTokenResponse.from_dict({"success": True, "new": {"a": 1}}))


def test_list_fields_are_copied_into_tuples_the_caller_cannot_reach() -> None:
    scopes = ["MERCHANT_PROFILE_READ"]
    errors = [Error(category="API_ERROR", code="INTERNAL_SERVER_ERROR")]
    built = ObtainTokenRequest.builder("APP", SECRET, "authorization_code").scopes(scopes).build()
    made = ObtainTokenResponse(errors=errors)
    parsed_from = {"errors": [{"category": "API_ERROR", "code": "RATE_LIMITED"}]}
    parsed = ObtainTokenResponse.from_dict(parsed_from)
    scopes.append("PAYMENTS_WRITE")
    errors.clear()
    parsed_from["errors"].clear()
    assert built.scopes == ("MERCHANT_PROFILE_READ",)
    assert made.errors == (Error(category="API_ERROR", code="INTERNAL_SERVER_ERROR"),)
    assert len(parsed.errors) == 1  # type: ignore[arg-type]
    for value in (built.scopes, made.errors, parsed.errors):
        assert isinstance(value, tuple)
        with pytest.raises(AttributeError):
            value.append("more")  # type: ignore[union-attr]
    # to_dict gives JSON lists; a model made from a list equals one made from a tuple
    assert built.to_dict()["scopes"] == ["MERCHANT_PROFILE_READ"]
    assert made.to_dict() == {"errors": [{"category": "API_ERROR", "code": "INTERNAL_SERVER_ERROR"}]}
    assert built == built.to_builder().scopes(("MERCHANT_PROFILE_READ",)).build()
    assert hash(made) == hash(ObtainTokenResponse.from_dict(made.to_dict()))


def test_dataclasses_replace_keeps_unknown_fields() -> None:
    parsed = RevokeTokenResponse.from_dict({"success": True, "request_id": "r-1"})
    changed = dataclasses.replace(parsed, success=False)
    assert changed.success is False
    assert dict(changed.extra_fields) == {"request_id": "r-1"}
    assert changed.to_dict() == {"success": False, "request_id": "r-1"}
    assert parsed.success is True  # the original is left as it was


def test_unknown_fields_are_kept_and_written_back() -> None:
    data = {"success": True, "request_id": "r-1", "nested": {"a": [1, 2]}}
    parsed = RevokeTokenResponse.from_dict(data)
    assert parsed.success is True
    assert dict(parsed.extra_fields) == {"request_id": "r-1", "nested": {"a": [1, 2]}}
    assert parsed.to_dict() == data
    assert parsed.to_builder().success(False).build().to_dict() == {**data, "success": False}


def test_enums_parse_known_values_and_keep_unknown_ones_as_strings() -> None:
    known = Error.from_dict({"category": "RATE_LIMIT_ERROR", "code": "RATE_LIMITED"})
    assert known.category is ErrorCategory.RATE_LIMIT_ERROR and known.code is ErrorCode.RATE_LIMITED
    unknown = Error.from_dict({"category": "QUANTUM_ERROR", "code": "ENTANGLED"})
    assert unknown.category == "QUANTUM_ERROR" and not isinstance(unknown.category, ErrorCategory)
    assert unknown.code == "ENTANGLED" and not isinstance(unknown.code, ErrorCode)
    assert unknown.to_dict() == {"category": "QUANTUM_ERROR", "code": "ENTANGLED"}
    # nested in a list
    response = ObtainTokenResponse.from_dict({"errors": [{"category": "API_ERROR", "code": "NEW_CODE"}]})
    assert isinstance(response.errors, tuple)
    assert response.errors[0].category is ErrorCategory.API_ERROR and response.errors[0].code == "NEW_CODE"


def test_from_dict_rejects_what_is_not_the_documented_shape() -> None:
    with pytest.raises(ValueError):
        Error.from_dict({"category": "API_ERROR"})  # code is required
    with pytest.raises(TypeError):
        RevokeTokenResponse.from_dict(["not", "an", "object"])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ObtainTokenResponse.from_dict({"errors": "not a list"})


def test_repr_hides_sensitive_fields_and_shows_the_rest() -> None:
    request = full_obtain_request()
    text = repr(request)
    for secret in (SECRET, CODE, REFRESH, "legacy-token-xx"):
        assert secret not in text
    assert "client_secret='***'" in text and "code='***'" in text
    assert "client_id='APP'" in text and "grant_type='authorization_code'" in text
    response = ObtainTokenResponse.from_dict({"access_token": ACCESS, "refresh_token": REFRESH, "id_token": "idtok-x"})
    assert ACCESS not in repr(response) and REFRESH not in repr(response) and "idtok-x" not in repr(response)
    assert ACCESS not in str(response)
    assert ACCESS not in repr(RenewTokenRequest(access_token=ACCESS))
    assert ACCESS not in repr(RevokeTokenRequest(access_token=ACCESS))
    # a builder never shows its values; None is not a secret and stays visible
    assert SECRET not in repr(ObtainTokenRequest.builder("APP", SECRET, "authorization_code"))
    assert "code=None" in repr(ObtainTokenRequest(client_id="A", client_secret=None, grant_type="g", code=None))


def test_unknown_fields_show_by_name_only_in_repr() -> None:
    parsed = RevokeTokenResponse.from_dict({"success": True, "new_secret_field": ACCESS})
    assert "new_secret_field" in repr(parsed)
    assert ACCESS not in repr(parsed)

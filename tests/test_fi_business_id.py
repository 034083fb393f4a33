import pytest
from hypothesis import given
from hypothesis import strategies as st

from ekosysteemi import ValidationError, fi
from ekosysteemi.testing import business_ids

REAL = ["0187690-1", "0201256-6", "0245895-5", "2539767-3", "1572860-0"]


@pytest.mark.parametrize("business_id", REAL)
def test_real_business_ids_are_valid(business_id):
    assert business_id == fi.validate_business_id(business_id)
    assert fi.is_valid_business_id(business_id)


@pytest.mark.parametrize(
    "form", ["0204819 8", "02048198", "FI02048198", " 0204819-8 ", "fi02048198"]
)
def test_every_accepted_form_normalises_to_the_dashed_one(form):
    assert "0204819-8" == fi.validate_business_id(form)


def test_a_wrong_check_digit_is_named():
    with pytest.raises(ValidationError) as caught:
        fi.validate_business_id("0204819-9")
    assert "business_id.checksum" == caught.value.errors[0].code
    assert "0204819-9" in caught.value.errors[0].message


@given(business_ids())
def test_every_other_check_digit_is_refused(business_id):
    digits = {business_id[-1]}
    for digit in set("0123456789") - digits:
        assert not fi.is_valid_business_id(business_id[:-1] + digit)
    assert business_id == fi.validate_business_id(business_id)


@given(
    st.one_of(
        st.text(),
        st.binary(),
        st.integers(),
        st.floats(),
        st.none(),
        st.lists(st.text()),
        st.just(object()),
    )
)
def test_is_valid_business_id_never_raises(junk):
    assert type(fi.is_valid_business_id(junk)) is bool


def test_org_id_is_the_360giving_form():
    assert "FI-PRO-0204819-8" == fi.org_id("02048198")

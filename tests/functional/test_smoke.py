import pytest

pytestmark = pytest.mark.dbs


def test_employee_signs_in_and_sees_their_name(client, users):
    response = client.login("emma.employee")
    assert response.status_code == 302
    assert "<summary>Emma Employee</summary>" in client.get("/").get_data(as_text=True)

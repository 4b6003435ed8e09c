"""The form of the monitoring data, the "my data" page and the home panel; the operators' page."""

from django.urls import reverse

from akademia.core.models import AuditEntry
from akademia.efs import services
from akademia.efs.models import MonitoringData
from akademia.efs.tests.factories import PESEL_WOMAN, answers, form_data


def _url(person):
    return reverse("efs:data-edit", args=[person.group.project_id, person.user_id])


def _polish(client, user):
    client.cookies["django_language"] = "pl"
    client.force_login(user)
    return client


def test_the_form_says_why_and_a_wrong_pesel_is_refused_keeping_what_was_typed(client, person):
    _polish(client, person.user)
    page = client.get(_url(person)).content.decode()
    assert "Dlaczego o to prosimy" in page and "art. 6 ust. 1 lit. c RODO" in page
    assert 'name="end_situation"' not in page  # asked once the person has left
    wrong = PESEL_WOMAN[:10] + str((int(PESEL_WOMAN[10]) + 1) % 10)
    response = client.post(_url(person), form_data(pesel=wrong, locality="Gniazdów"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "jego ostatnia cyfra (cyfra kontrolna) nie zgadza się" in page
    assert f'value="{wrong}"' in page and 'value="Gniazdów"' in page
    assert not MonitoringData.objects.exists()


def test_the_participant_is_prompted_on_the_home_page_until_the_data_are_given(client, person):
    _polish(client, person.user)
    home = client.get(reverse("core:home")).content.decode()
    assert "Brakuje danych 1 osoby" in home and _url(person) in home
    response = client.post(_url(person), form_data())
    assert response.status_code == 302 and response["Location"] == reverse("efs:my-data")
    assert MonitoringData.objects.get().pesel == PESEL_WOMAN
    home = client.get(reverse("core:home")).content.decode()
    assert "Brakuje danych" not in home
    assert "Wszystkie dane do systemu monitorowania UE są podane" in home


def test_without_a_pesel_the_form_asks_for_the_reason(client, person):
    _polish(client, person.user)
    response = client.post(_url(person), form_data(pesel=""))
    page = response.content.decode()
    assert "Podaj numer PESEL albo powód jego braku." in page
    assert "Bez numeru PESEL podaj płeć." in page
    response = client.post(
        _url(person),
        form_data(pesel="", no_pesel_reason="foreigner", sex="male", birth_date="1990-01-02"),
    )
    assert response.status_code == 302


def test_the_coordinator_fills_in_for_the_jsts_people_only(
    client, group, person, coordinator, coordinator_other
):
    client.force_login(coordinator)
    page = client.get(reverse("efs:my-data")).content.decode()
    for someone in group.participants.filter(jst__code="2409023"):
        assert someone.full_name in page
    assert client.post(_url(person), form_data()).status_code == 302
    assert AuditEntry.objects.get(action="efs.data.given").data == {"on_behalf": True}
    client.force_login(coordinator_other)
    assert client.get(_url(person)).status_code == 404
    bestwina = group.participants.filter(jst__code="2402022").first()
    client.force_login(coordinator)
    assert client.get(_url(bestwina)).status_code == 404


def test_another_participant_cannot_open_ones_form(client, group, person):
    other = group.participants.filter(jst__code="2409023").exclude(user=person.user).first()
    client.force_login(other.user)
    assert client.get(_url(person)).status_code == 404


def test_the_operator_sees_whose_data_are_missing_and_saves_the_number(client, person, regional):
    services.monitoring_data_save(actor=person.user, participation=person, answers=answers())
    _polish(client, regional)
    url = reverse("efs:project-detail", args=[person.group.project_id])
    page = client.get(url).content.decode()
    others = person.group.participants.exclude(user=person.user)
    assert page.count("wszystkich danych do monitoringu") == others.count()
    scope = "Szkolenia pracowników JST"  # each call's own dictionary value, copied once
    response = client.post(url, {"number": "FERS.04.01-IP.04-0001/24", "support_scope": scope})
    assert response.status_code == 302
    assert "FERS.04.01-IP.04-0001/24" in client.get(reverse("efs:project-list")).content.decode()
    csv = client.get(reverse("efs:participants-csv", args=[person.group.project_id]))
    rows = b"".join(csv.streaming_content).decode("utf-8-sig").splitlines()
    column = rows[0].split(";").index("Zakres wsparcia")
    assert {row.split(";")[column] for row in rows[1:]} == {scope}


def test_the_coordinator_gives_the_jsts_nip_and_a_wrong_one_is_refused(client, coordinator):
    _polish(client, coordinator)
    url = reverse("efs:institution-edit", args=["2409023"])
    values = {
        "nip": "5771947215",
        "street": "ul. Stawowa",
        "building": "5",
        "postal_code": "42-350",
        "locality": "Koziegłowy",
        "degurba": "3",
        "phone": "343143040",
        "email": "gmina@example.org",
    }
    page = client.post(url, values).content.decode()
    assert "Ten numer NIP jest nieprawidłowy" in page and 'value="ul. Stawowa"' in page
    assert client.post(url, values | {"nip": "5771947214"}).status_code == 302

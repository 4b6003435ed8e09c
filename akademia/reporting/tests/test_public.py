"""The public progress page and its open data: counts only, no person, open to everyone."""

from django.urls import reverse

from akademia.delivery.models import Participant


def test_the_public_pages_show_counts_and_no_person(client, trained):
    people = list(Participant.objects.all())
    markers = [p.full_name for p in people] + [p.email for p in people]
    pages = [reverse("progress:public"), reverse("progress:open-data"), reverse("progress:map")]
    bodies = [client.get(page) for page in pages]
    assert [b.status_code for b in bodies] == [200, 200, 200]
    for body in bodies:
        text = body.content.decode()
        assert not [m for m in markers if m in text]
    page = bodies[0].context
    slaskie = next(row for row in page["rows"] if row.code == "24")
    assert slaskie.enrolled == len(people) and slaskie.certified == 1
    assert page["total"].enrolled == len(people)


def test_the_open_data_names_its_licence(client, trained):
    body = client.get(reverse("progress:open-data")).content.decode("utf-8")
    lines = body[1:].splitlines()
    assert lines[0] == "code,voivodeship,jst,jst_reached,enrolled,trained,certified"
    assert len([line for line in lines if line[:2].isdigit()]) == 16
    assert "CC BY 4.0" in lines[-1]


def test_the_public_navigation_links_to_the_progress_page(client, db):
    assert (
        reverse("progress:public") in client.get(reverse("programmes:catalogue")).content.decode()
    )

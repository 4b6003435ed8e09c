"""The seed's story as demo data: three meetings, two reviews, 70 comments, decisions traced."""

from akademia.consultations.models import Comment, ConsultationRound, Decision
from akademia.demo.consultations import ensure_demo_consultation
from akademia.demo.programmes import ensure_demo_programmes
from akademia.demo.users import ensure_demo_users


def test_demo_consultation_tells_the_seed_story_once(db):
    ensure_demo_users()
    ensure_demo_programmes()
    ensure_demo_consultation()
    ensure_demo_consultation()  # a second `make demo` duplicates nothing

    consultation = ConsultationRound.objects.get()
    places = [(m.kind, m.place.name, m.start_date.isoformat()) for m in consultation.meetings.all()]
    assert places == [
        ("rural", "Koziegłowy", "2017-01-12"),
        ("urban", "Kutno", "2017-01-19"),
        ("county", "powiat jędrzejowski", "2017-01-26"),
    ]
    assert [r.start_date.isoformat() for r in consultation.reviews.all()][-1] == "2017-02-03"
    assert Comment.objects.count() == 70
    assert Decision.objects.count() == 70
    assert Decision.objects.exclude(change_paths=[]).count() >= 20
    assert len(set(Decision.objects.values_list("state__code", flat=True))) == 4

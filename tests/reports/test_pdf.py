import io
from collections.abc import Sequence

from pypdf import PdfReader

from spinecoach.catalog.loader import default_catalog
from spinecoach.records import PainContext, PersonRecord, PsfsRecord, SessionStatus
from spinecoach.reports.pdf import ReportData, doctor_report_pdf
from spinecoach.reports.trends import compute_trends
from tests.reports.records import NOW, Diary, before_series, days_ago, psfs

ME = PersonRecord(id=1, name="Alice", created_at=days_ago(60))


def text_of(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def report(diary: Diary, entries: Sequence[PsfsRecord] = ()) -> tuple[int, str]:
    summaries = diary.summaries()
    trends = compute_trends(summaries, diary.pains, entries, NOW)
    data = ReportData(
        person=ME,
        screening=None,
        summaries=summaries,
        pains=diary.pains,
        psfs=entries,
        trends=trends,
        catalog=default_catalog(),
    )
    return text_of(doctor_report_pdf(data))


def test_an_empty_record_still_makes_a_one_page_report_that_says_so() -> None:
    pages, text = report(Diary())

    assert pages == 1
    assert "Person: Alice" in text and "no sessions yet" in text
    assert "Verdict: too early to say" in text
    assert "No screening on record." in text and "Not filled in yet." in text


def test_activity_changes_are_shown_against_their_detectable_change() -> None:
    diary = before_series((5, 5, 5), (3, 3, 3), start=days_ago(20), span_days=14)
    entries = [psfs(1, days_ago(20), socks=2, film=5), psfs(2, days_ago(1), socks=6, film=6)]

    _, text = report(diary, entries)

    assert "socks 2 6 +4 (beyond 3-point MDC)" in text
    assert "film 5 6 +1" in text
    assert "better, beyond the 2-point detectable change (from 3.5 to 6.0" in text


def test_notes_in_any_script_are_printed_and_long_ones_in_full() -> None:
    diary = Diary()
    diary.session(days_ago(2), before=4, status=SessionStatus.STOPPED_PAIN)
    diary.pain(days_ago(1), 3, PainContext.DIARY, note="Rücken steif, ζ test")
    diary.pain(days_ago(0.5), 3, PainContext.DIARY, note="long " * 80)

    _, text = report(diary)

    assert "Rücken steif, ζ test" in text
    assert ("long " * 80).strip() in text
    # The stopped session's routine snapshot gives no names, so the catalogue names the stretch
    # it stopped in: the second, since a stopped session here did its first.
    assert "Morning on the floor Hip bridge 4 -> -" in text


def test_single_sessions_and_weeks_are_counted_in_the_singular() -> None:
    diary = Diary()
    diary.session(days_ago(3), before=4, after=3)

    _, text = report(diary)

    assert "-1.0 points on average over 1 session" in text
    assert "1 sessions" not in text

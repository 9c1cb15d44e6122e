"""The JSON shape of trends, for `spinecoach trends --json` and the web app."""

from typing import Any

from spinecoach.reports.trends import Trends


def trends_to_dict(trends: Trends) -> dict[str, Any]:
    """Return the verdict, the pain change, adherence, function and weekly pain as JSON data."""
    change = trends.change
    kept = trends.adherence
    function = trends.function
    return {
        "verdict": {
            "kind": trends.verdict.kind.value,
            "label": trends.verdict.label,
            "basis": trends.verdict.basis,
            "advice": trends.verdict.advice,
            "function": trends.verdict.function,
        },
        "pain_change": None
        if change is None
        else {
            "series": change.context.value,
            "start": round(float(change.start), 2),
            "latest": round(float(change.latest), 2),
            "first_at": change.first_at.isoformat(),
            "last_at": change.last_at.isoformat(),
            "scores": change.scores,
            "sessions": change.sessions,
            "improved": change.improved,
            "worsened": change.worsened,
        },
        "per_session_change": None if trends.per_session is None else round(trends.per_session, 2),
        "sessions_with_both_scores": trends.sessions_with_both,
        "adherence": {
            "sessions": kept.sessions,
            "planned_per_week": kept.planned_per_week,
            "sessions_per_week": None
            if kept.sessions_per_week is None
            else round(kept.sessions_per_week, 2),
            "complete_weeks": kept.complete_weeks,
            "weeks_on_plan": kept.weeks_on_plan,
            "current_streak": kept.current_streak,
            "longest_streak": kept.longest_streak,
            "days_this_week": kept.days_this_week,
            "weeks_on_plan_in_a_row": kept.weeks_on_plan_in_a_row,
            "stopped_for_pain": kept.stopped_for_pain,
            "stopped_exercises": dict(kept.stopped_exercises),
        },
        "function": None
        if function is None
        else {
            "first_mean": round(function.first_mean, 2),
            "latest_mean": round(function.latest_mean, 2),
            "direction": function.direction.value,
            "activities": [
                {"activity": a.activity, "first": a.first, "latest": a.latest}
                for a in function.activities
            ],
        },
        "weeks": [
            {
                "monday": week.monday.isoformat(),
                "before": None if week.before is None else round(week.before, 2),
                "diary": None if week.diary is None else round(week.diary, 2),
                "sessions": week.sessions,
            }
            for week in trends.weeks
        ],
    }

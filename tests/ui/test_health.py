"""The traffic-light rules, without Qt."""

from datetime import UTC, datetime, timedelta

from lumio_desktop.ui.health import HealthFacts, Light, traffic_light, worst

NOW = datetime(2026, 11, 28, 14, 30, tzinfo=UTC)
FRESH = dict(now=NOW, health="healthy", last_status="completed", last_success_at=NOW - timedelta(minutes=4),
             schedule_interval=timedelta(minutes=30), success_rate=0.998)


def test_completed_and_fresh_is_green():
    v = traffic_light(HealthFacts(**FRESH))
    assert v.light == Light.GREEN and v.title == "Synced" and "4 min ago" in v.reason


def test_running_is_yellow_with_progress_in_words():
    v = traffic_light(HealthFacts(**{**FRESH, "running": True, "progress": 0.62}))
    assert v.light == Light.YELLOW and v.reason == "Syncing now 62%"


def test_rate_limited_success_rate_stale_and_conflicts_are_yellow_with_every_reason():
    v = traffic_light(HealthFacts(**{**FRESH, "health": "transient", "health_reason": "rate-limited, pacing",
                                     "success_rate": 0.85, "last_success_at": NOW - timedelta(hours=2),
                                     "open_conflicts": 3}))
    assert v.light == Light.YELLOW
    assert v.reasons[0] == "rate-limited, pacing"
    assert "85%" in v.reasons[1] and "under 90%" in v.reasons[1]
    assert "twice its schedule" in v.reasons[2]
    assert v.reasons[3] == "3 conflicts to review"


def test_old_but_within_twice_the_schedule_stays_green():
    assert traffic_light(HealthFacts(**{**FRESH, "last_success_at": NOW - timedelta(minutes=59)})).light == Light.GREEN


def test_failed_is_red_with_the_reason():
    v = traffic_light(HealthFacts(**{**FRESH, "last_status": "failed", "last_error": "HubSpot is down (503)"}))
    assert v.light == Light.RED and v.reason == "HubSpot is down (503)"


def test_needs_reconnect_is_red_even_while_running():
    v = traffic_light(HealthFacts(**{**FRESH, "health": "config_error", "running": True,
                                     "health_reason": "Refresh token revoked by Shopify (invalid_grant)"}))
    assert v.light == Light.RED and v.title == "Needs reconnect" and "invalid_grant" in v.reason


def test_running_again_after_a_failure_is_yellow():
    v = traffic_light(HealthFacts(**{**FRESH, "last_status": "failed", "running": True}))
    assert v.light == Light.YELLOW


def test_never_synced_is_grey():
    assert traffic_light(HealthFacts(now=NOW)).light == Light.GREY


def test_worst_light_for_the_tray():
    assert worst([Light.GREEN, Light.RED, Light.YELLOW]) == Light.RED
    assert worst([Light.GREEN, Light.GREY]) == Light.GREEN
    assert worst([]) == Light.GREY


def test_a_reason_that_already_says_reconnect_is_not_told_twice():
    said = "the HubSpot API rejected the access token (expired); reconnect the account"
    v = traffic_light(HealthFacts(**{**FRESH, "health": "config_error", "health_reason": said}))
    assert v.reasons == (said,)
    v = traffic_light(HealthFacts(**{**FRESH, "health": "config_error", "health_reason": "scope missing"}))
    assert v.reason == "scope missing. Reconnect to resume."

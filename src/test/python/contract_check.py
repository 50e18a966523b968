"""Uses the Python client generated from api-spec.yaml (OpenAPI Generator `python`), unchanged, against
the running service: every endpoint, every include, every list paged to the end with cursors, from/to as
the client sends them by default, typed problems. Run by GeneratedPythonClientIntegrationTests with
BASE_URL, TOKEN and RECORDS set, and the generated package on PYTHONPATH."""
import json
import os
import sys
from datetime import datetime, timedelta, timezone

import callrecords_client
from callrecords_client.api.call_records_api import CallRecordsApi
from callrecords_client.exceptions import ApiException
from callrecords_client.models.problem import Problem

BIG = "b16c0de0-0000-4000-8000-000000000320"
RICH = "6f6b2e7c-3d1a-4c5e-8f90-1a2b3c4d5e6f"


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def all_pages(fetch):
    items, cursor = [], None
    while True:
        page = fetch(cursor)
        items.extend(page.items)
        cursor = page.next_cursor
        if not cursor:
            return items


def problem_of(call):
    try:
        call()
    except ApiException as error:
        return error.status, Problem.from_json(error.body)
    raise AssertionError("expected a problem")


def main():
    configuration = callrecords_client.Configuration(host=os.environ["BASE_URL"],
                                                     access_token=os.environ["TOKEN"])
    api = CallRecordsApi(callrecords_client.ApiClient(configuration))

    record = api.get_call_record(RICH, include=["participants", "sessions", "segments"])
    check(len(record.participants) == 17, f"participants: {len(record.participants)}")
    check(record.organizer.kind == "user", f"organizer kind: {record.organizer.kind}")
    check(isinstance(record.start_date_time, datetime), "startDateTime is a datetime")
    stream = record.sessions[0].segments[0].media[0].streams[0]
    check(stream.average_jitter_ms == 16, f"averageJitterMs: {stream.average_jitter_ms}")
    for include in (["participants"], ["sessions"], ["segments"]):
        one = api.get_call_record(RICH, include=include)
        check((one.participants is not None) == (include == ["participants"]), f"include={include}")
        check((one.sessions is not None) == (include != ["participants"]), f"include={include}")
    narrowed = api.get_call_record(RICH, fields=["type", "startDateTime", "endDateTime"])
    check(narrowed.type is not None and narrowed.organizer is None and narrowed.duration_seconds is not None,
          f"fields: {narrowed}")

    records = all_pages(lambda cursor: api.list_call_records(page_size=50, cursor=cursor))
    check(len(records) == int(os.environ["RECORDS"]), f"records: {len(records)}")

    # timezone-aware datetimes, sent as the client formats them (%z: +0200)
    start = datetime(2024, 6, 1, 10, 0, tzinfo=timezone(timedelta(hours=2)))
    end = datetime(2024, 6, 1, 13, 0, 0, 500000, tzinfo=timezone(timedelta(hours=2)))
    expected = [r.id for r in records if start <= r.start_date_time < end]
    in_range = all_pages(lambda cursor: api.list_call_records(var_from=start, to=end, page_size=2, cursor=cursor))
    check(sorted(r.id for r in in_range) == sorted(expected) and expected,
          f"from/to: {len(in_range)} of {len(expected)}")
    utc = all_pages(lambda cursor: api.list_call_records(var_from=start.astimezone(timezone.utc),
                                                         to=end.astimezone(timezone.utc), cursor=cursor))
    check(len(utc) == len(expected), f"from/to in UTC: {len(utc)}")
    phone = api.list_call_records(participant_id="+14255550100")
    check(phone.items is not None, "participantId")

    sessions = all_pages(lambda cursor: api.list_call_record_sessions(BIG, include_segments=True, page_size=60,
                                                                      cursor=cursor))
    check(len(sessions) == 210, f"sessions: {len(sessions)}")
    check(all(s.segments is not None for s in sessions), "every page of the segments query has segments")
    plain = all_pages(lambda cursor: api.list_call_record_sessions(BIG, page_size=60, cursor=cursor))
    check(len(plain) == 210 and all(s.segments is None for s in plain), "sessions without segments")
    participants = all_pages(lambda cursor: api.list_call_record_participants(BIG, page_size=130, cursor=cursor))
    check(len(participants) == 320, f"participants: {len(participants)}")

    status, problem = problem_of(lambda: api.get_call_record("00000000-0000-4000-8000-000000000404"))
    check(status == 404 and problem.code == "CALL_RECORD_NOT_FOUND", f"404: {status} {problem}")
    status, problem = problem_of(lambda: api.get_call_record_with_http_info("not-a-guid"))
    check(status == 400 and problem.code == "INVALID_REQUEST" and problem.errors[0].parameter == "id",
          f"400: {status} {problem}")
    status, problem = problem_of(lambda: api.list_call_records(cursor="forged"))
    check(status == 400 and problem.code == "INVALID_CURSOR", f"400 cursor: {status} {problem}")

    print(f"python client: OK ({len(records)} records, {len(in_range)} in range, {len(sessions)} sessions, "
          f"{len(participants)} participants)")


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # noqa: BLE001 - report any failure as the check's
        print(f"python client: FAILED {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)

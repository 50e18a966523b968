"""Writes the Graph stand-in's call records for bench/hop-benchmark.sh, one size at a time.

Usage: records.py SIZE RECORDS_DIR FOLDER IDS_FILE COUNT ID_PREFIX
  SIZE         "typical" (the simulator's e523d2ed... record without participants_v2 and sessions, as
               Graph answers GET /communications/callRecords/{id} without $expand, ~0.5 KB), or a target
               upstream size such as 1k, 6k, 1m (k = 1,024 bytes, m = 1,048,576 bytes)
  RECORDS_DIR  src/test/resources/simulator/records (real Graph documentation bodies: the templates)
  FOLDER       where the files go, one per id, named by the id (the docroot's callRecords folder)
  IDS_FILE     gets the ids, one a line
  COUNT        how many ids (copies of the record, each with its own id); at most 128 MiB of them
  ID_PREFIX    the ids' first 8 hex digits (each size its own range); "typical" ignores it and keeps the
               ids it always had (the record's own, then b3c4e000-0000-4000-8000-...)

A sized record is what Graph answers for GET /communications/callRecords/{id} with
$expand=participants_v2 (small targets) or $expand=participants_v2,sessions($expand=segments): the
organizer_v2, participants_v2 entries and sessions with segments and media streams, copied from the
simulator's records (new ids for every copied participant, session and segment) until the record is
as close as it gets to the target; it must land within 15 % of it. Everything is inline (no
@odata.nextLink), so one service request costs Graph one request.

Prints one line: bytes participants sessions segments streams include count
(include = the service's include parameter that reads all of it: none, participants or
participants,segments; count = the ids written, fewer than COUNT for large records so that one
size's files stay under 128 MiB).
"""
import copy
import json
import sys
import uuid

size, records_dir, folder, ids_file, count, prefix = sys.argv[1:7]
count = int(count)
CONTEXT = "https://graph.microsoft.com/v1.0/$metadata#communications/callRecords/$entity"


def load(record_id):
    with open(f"{records_dir}/{record_id}.json") as f:
        return json.load(f)


def compact(record):
    return json.dumps(record, separators=(",", ":"))


def write(record, ids):
    for record_id in ids:
        record["id"] = record_id
        with open(folder + "/" + record_id, "w") as out:
            out.write(compact(record))
    with open(ids_file, "w") as out:
        out.write("\n".join(ids) + "\n")


if size == "typical":
    # exactly what the benchmark always used (the same bytes under the same ids)
    record = load("e523d2ed-2966-4b6b-925b-754a88034cc5")
    for member in ("participants_v2", "sessions"):
        record.pop(member, None)
    record = {"@odata.context": CONTEXT, **record}
    ids = [record["id"]] + ["b3c4e000-0000-4000-8000-%012x" % i for i in range(1, count)]
    write(record, ids)
    print(len(compact(record)), 0, 0, 0, 0, "none", count)
    sys.exit(0)

units = {"k": 1024, "m": 1024 * 1024}
target = int(float(size[:-1]) * units[size[-1].lower()]) if size[-1:].lower() in units else int(size)

peer = load("e523d2ed-2966-4b6b-925b-754a88034cc5")     # peer-to-peer audio call, 2 participants, 1 session
group = load("6f6b2e7c-3d1a-4c5e-8f90-1a2b3c4d5e6f")    # group call, 17 participants, 1 session
failed = load("c3ad8c4b-4a87-4ab1-bef0-284d2f40ed9f")   # a session with failureInfo
participant_templates = peer["participants_v2"] + group["participants_v2"] + failed["participants_v2"]
session_templates = peer["sessions"] + group["sessions"] + failed["sessions"]
serial = 0


def new_id():
    global serial
    serial += 1
    return str(uuid.UUID(int=(0x5e551000 << 96) | (0x4000 << 64) | (0x8000 << 48) | serial))


def participant(n):
    p = copy.deepcopy(participant_templates[n % len(participant_templates)])
    p["id"] = new_id()
    for kind in ("user", "guest", "phone", "applicationInstance"):
        if isinstance(p.get("identity", {}).get(kind), dict) and "id" in p["identity"][kind]:
            p["identity"][kind]["id"] = p["id"]
    return p


def session(n):
    s = copy.deepcopy(session_templates[n % len(session_templates)])
    s["id"] = new_id()
    for segment in s.get("segments", []):
        segment["id"] = new_id()
    return s


def build(base, extra):
    """The base record with `extra` more participants and (for full records) as many more sessions."""
    record = copy.deepcopy(base)
    record["participants_v2"] = record.get("participants_v2", []) + [participant(i) for i in range(extra)]
    if "sessions" in record:
        record["sessions"] = record["sessions"] + [session(i) for i in range(extra)]
    return {"@odata.context": CONTEXT, **record}


if target < 3 * 1024:
    # the record with its participants ($expand=participants_v2): a peer-to-peer call, trimmed or grown
    base = {k: v for k, v in peer.items() if k != "sessions"}
    include = "participants"
    candidates = [build({**base, "participants_v2": base["participants_v2"][:1]}, 0)]
else:
    # the whole record ($expand=participants_v2,sessions($expand=segments)): a peer-to-peer call when
    # small, a group call (one participant and one session more per step) when large
    base = peer if target < 64 * 1024 else group
    include = "participants,segments"
    candidates = []
candidates.append(build(base, 0))
# grow one step at a time (a participant and, for full records, a session of 2 to 7 KB per step):
# estimate the steps from the average of one round of the templates, then settle on the closest
size_of = lambda n: len(compact(build(base, n)))
rounds = max(len(participant_templates), len(session_templates))
step = max(1, (size_of(rounds) - size_of(0)) / rounds)
n = max(0, int((target - size_of(0)) / step))
while size_of(n) < target:
    n += 1
while n > 0 and size_of(n - 1) >= target:
    n -= 1
candidates += [build(base, n - 1), build(base, n)] if n > 0 else [build(base, n)]
record = min(candidates, key=lambda r: abs(len(compact(r)) - target))
got = len(compact(record))
# large records: fewer copies, so that one size's files stay under 128 MiB (at least 64 ids, more than
# wrk's 32 connections and the 10 fixed-rate workers have in flight)
count = min(count, max(64, (128 << 20) // got))
if abs(got - target) > 0.15 * target:
    sys.exit(f"records.py: {size}: got {got} bytes, more than 15 % from {target}")
ids = ["%s-0000-4000-8000-%012x" % (prefix, i) for i in range(count)]
write(record, ids)
sessions = record.get("sessions", [])
segments = [seg for s in sessions for seg in s.get("segments", [])]
streams = sum(len(m.get("streams", [])) for seg in segments for m in seg.get("media", []))
print(got, len(record["participants_v2"]), len(sessions), len(segments), streams, include, count)

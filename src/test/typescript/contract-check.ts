// Uses the TypeScript client generated from api-spec.yaml (typescript-fetch), unchanged, against the
// running service: a record with every include, every list paged to the end, a call-quality report,
// typed problems, both call logs paged to the end.
// Run by GeneratedTypeScriptClientIntegrationTests with BASE_URL and TOKEN set.
import {
  CallLogsApi,
  CallQualityReportVerdictEnum,
  CallRecordsApi,
  Configuration,
  GetCallRecordIncludeEnum,
  MetricCheckComparisonEnum,
  ProblemCodeEnum,
  ProblemFromJSON,
  ResponseError,
} from './client';

const configuration = new Configuration({
  basePath: process.env.BASE_URL,
  accessToken: async () => process.env.TOKEN ?? '',
});
const api = new CallRecordsApi(configuration);
const logs = new CallLogsApi(configuration);

function check(condition: boolean, message: string): void {
  if (!condition) {
    throw new Error(message);
  }
}

async function problemOf(call: () => Promise<unknown>) {
  try {
    await call();
  } catch (error) {
    if (error instanceof ResponseError) {
      return { status: error.response.status, problem: ProblemFromJSON(await error.response.json()) };
    }
    throw error;
  }
  throw new Error('expected a problem');
}

async function main(): Promise<void> {
  const record = await api.getCallRecord({
    id: '6f6b2e7c-3d1a-4c5e-8f90-1a2b3c4d5e6f',
    include: [GetCallRecordIncludeEnum.Participants, GetCallRecordIncludeEnum.Sessions, GetCallRecordIncludeEnum.Segments],
  });
  check(record.participants?.length === 17, `participants: ${record.participants?.length}`);
  check(record.organizer?.kind === 'user', `organizer kind: ${record.organizer?.kind}`);
  check(record.startDateTime instanceof Date, 'startDateTime is a Date');
  check(record.sessions?.[0]?.segments?.[0]?.media?.[0]?.streams?.[0]?.averageJitterMs === 16, 'averageJitterMs');

  let records = 0;
  let cursor: string | undefined;
  do {
    const page = await api.listCallRecords({ pageSize: 50, cursor });
    records += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  check(records === Number(process.env.RECORDS), `records: ${records}`);

  const big = 'b16c0de0-0000-4000-8000-000000000320';
  let sessions = 0;
  do {
    const page = await api.listCallRecordSessions({ id: big, includeSegments: true, pageSize: 60, cursor });
    sessions += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  check(sessions === 210, `sessions: ${sessions}`);

  let participants = 0;
  do {
    const page = await api.listCallRecordParticipants({ id: big, pageSize: 130, cursor });
    participants += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  check(participants === 320, `participants: ${participants}`);

  const quality = await api.getCallRecordQuality({ id: 'c0a11700-0000-4000-8000-0000000000ff' });
  check(quality.verdict === CallQualityReportVerdictEnum.Poor, `quality verdict: ${quality.verdict}`);
  check(quality.participants.map((participant) => participant.worstReason ?? '-').join() ===
    'averageJitterMs,averageVideoFrameRate,-', `worst reasons: ${JSON.stringify(quality.participants)}`);
  check(quality.streams[0]?.quality.checks?.[1]?.comparison === MetricCheckComparisonEnum.GreaterThan,
    `comparison: ${JSON.stringify(quality.streams[0])}`);
  check(quality.classifier.thresholds.audio.jitterMs === 30, 'jitter threshold');

  const notFound = await problemOf(() => api.getCallRecord({ id: '00000000-0000-4000-8000-000000000404' }));
  check(notFound.status === 404 && notFound.problem.code === ProblemCodeEnum.CallRecordNotFound,
    `404: ${JSON.stringify(notFound)}`);
  const invalid = await problemOf(() => api.getCallRecord({ id: 'not-a-guid' }));
  check(invalid.status === 400 && invalid.problem.code === ProblemCodeEnum.InvalidRequest
    && invalid.problem.errors?.[0]?.parameter === 'id', `400: ${JSON.stringify(invalid)}`);

  const from = new Date('2026-11-01T00:00:00Z');
  const to = new Date('2026-11-30T00:00:00Z');
  let pstn = 0;
  let pstnCursor: string | undefined;
  do {
    const page = await logs.listPstnCalls({ from, to, pageSize: 1000, cursor: pstnCursor });
    pstn += page.items.length;
    check(page.items.every((call) => call.startDateTime instanceof Date && call.startDateTime < to),
      'pstn start times');
    pstnCursor = page.nextCursor;
  } while (pstnCursor);
  check(pstn === 2500, `pstn calls: ${pstn}`);
  let directRouting = 0;
  let directRoutingCursor: string | undefined;
  do {
    const page = await logs.listDirectRoutingCalls({ from, to, cursor: directRoutingCursor });
    directRouting += page.items.length;
    directRoutingCursor = page.nextCursor;
  } while (directRoutingCursor);
  check(directRouting === 1200, `direct routing calls: ${directRouting}`);

  console.log(`typescript client: OK (${records} records, ${sessions} sessions, ${participants} participants, `
    + `${pstn} PSTN calls, ${directRouting} Direct Routing calls)`);
}

main().catch((error) => {
  console.error('typescript client: FAILED', error);
  process.exit(1);
});

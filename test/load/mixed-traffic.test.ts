// A bounded load test on loopback: 16 connections of mixed traffic for LOAD_TEST_SECONDS (default 60) against the
// app listening on 127.0.0.1. No request may fail with 5xx, and no write may be lost: every shift and insight the
// app accepted (303) is in the database afterwards, and none it refused is.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import autocannon from 'autocannon';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildLoadOrganisation, type LoadOrganisation } from './load-organisation';
import { mixedTraffic, TrafficLedger, type WriteKind } from './mixed-traffic';

const seconds = Number(process.env.LOAD_TEST_SECONDS ?? 60);
if (!Number.isInteger(seconds) || seconds < 1) throw new Error(`LOAD_TEST_SECONDS must be a whole number of seconds, not ${process.env.LOAD_TEST_SECONDS}`);
const connections = 16;

let t: TestApp;
let org: LoadOrganisation;
let server: Server;
beforeAll(async () => {
  t = await startTestApp();
  org = await buildLoadOrganisation(t, 8);
  server = t.app.listen(0, '127.0.0.1');
  await new Promise((listening) => server.once('listening', listening));
}, 60_000);
afterAll(async () => {
  await new Promise((closed) => server.close(closed));
  await t.close();
});

/** The keys of the writes in the database: shifts by person and local start, insights by summary. */
async function storedKeys(kind: WriteKind): Promise<string[]> {
  const employeeIds = org.employees.map((employee) => employee.id);
  const rows: { key: string }[] =
    kind === 'shift'
      ? await t.dataSource.query(
          `SELECT employee_id || ' ' || to_char(starts_at AT TIME ZONE $2, 'YYYY-MM-DD"T"HH24:MI') AS key
             FROM shifts WHERE employee_id = ANY($1) AND id <> ALL($3)`,
          [employeeIds, org.zone, org.employees.map((employee) => employee.shiftId)],
        )
      : await t.dataSource.query(`SELECT summary AS key FROM insights WHERE author_id = ANY($1)`, [employeeIds]);
  return rows.map((row) => row.key);
}

function summaryLine(result: autocannon.Result, ledger: TrafficLedger): string {
  const statuses = [...ledger.statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ');
  const count = (kind: WriteKind, outcome: Parameters<TrafficLedger['keys']>[1]) => ledger.keys(kind, outcome).length;
  return (
    `load test: ${result.requests.total} requests in ${seconds} s from ${connections} connections (${Math.round(result.requests.average)} rps), ` +
    `latency p50 ${result.latency.p50} ms p99 ${result.latency.p99} ms; statuses ${statuses}; errors ${result.errors}, timeouts ${result.timeouts}; ` +
    `accepted ${count('shift', 'accepted')} shifts and ${count('insight', 'accepted')} insights, refused ${count('shift', 'refused') + count('insight', 'refused')}, ` +
    `unanswered at the end ${count('shift', 'unanswered') + count('insight', 'unanswered')}\n`
  );
}

it(
  `serves ${seconds} s of mixed traffic with no 5xx and no lost writes`,
  async () => {
    const ledger = new TrafficLedger();
    const { port } = server.address() as AddressInfo;
    const result = await autocannon({ url: `http://127.0.0.1:${port}`, connections, duration: seconds, timeout: 30, requests: [mixedTraffic(org, ledger)] });
    process.stdout.write(summaryLine(result, ledger));

    expect(result.errors).toBe(0);
    expect([...ledger.statuses.keys()].filter((status) => status >= 500)).toEqual([]);
    // Pages answer 200 and writes 303; 422 would be a write refused, counted apart and never lost.
    expect([...ledger.statuses.keys()].filter((status) => ![200, 303, 422].includes(status))).toEqual([]);

    const accepted = { shift: ledger.keys('shift', 'accepted'), insight: ledger.keys('insight', 'accepted') };
    expect(accepted.shift.length + accepted.insight.length).toBeGreaterThanOrEqual(100);
    expect(accepted.insight.length).toBeGreaterThan(0);
    for (const kind of ['shift', 'insight'] as const) {
      const stored = new Set(await storedKeys(kind));
      expect(accepted[kind].filter((key) => !stored.has(key))).toEqual([]);
      expect(ledger.keys(kind, 'refused').filter((key) => stored.has(key))).toEqual([]);
      // Writes still under way when the test stopped may or may not have landed; nothing else may be there.
      const sent = new Set([...accepted[kind], ...ledger.keys(kind, 'unanswered')]);
      expect([...stored].filter((key) => !sent.has(key))).toEqual([]);
    }
    const insightIds = [...ledger.insightIds.values()];
    const saved: { id: string; summary: string }[] = await t.dataSource.query(`SELECT id, summary FROM insights WHERE id = ANY($1)`, [insightIds]);
    expect(new Map(saved.map((row) => [row.summary, row.id]))).toEqual(ledger.insightIds);
  },
  (seconds + 120) * 1000,
);

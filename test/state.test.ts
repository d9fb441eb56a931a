import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { RunLock, RunLockBusyError } from '../src/state/lock.js';
import { StateStore, type NewOutboxEntry } from '../src/state/store.js';
import { tempDir } from './support/cli.js';

const AT = '2026-12-01T07:00:00.000Z';

function entry(key: string, name = key): NewOutboxEntry {
  return {
    key,
    task: { name, taskTypeId: 't', taskType: 'Call', date: AT, done: false, assignToId: 'a@example.com', dealsIds: ['6a0000000000000000000001'], companiesIds: [], contactsIds: [] },
    rule: 'rule-a',
    recordType: 'deal',
    recordId: '6a0000000000000000000001',
  };
}

const company = (id: string) => ({ kind: 'company' as const, id, attributes: { name: id }, record: { id, attributes: { name: id } } });

function openStore(): StateStore {
  return StateStore.openForWrite(join(tempDir(), 'state.db'));
}

describe('state store outbox', () => {
  it('keeps an unconfirmed entry as it is', () => {
    const store = openStore();
    store.enqueue({ entries: [entry('fu-a', 'first body')], seen: [], markers: new Map() }, AT);
    store.markSending('fu-a', AT, 60_000);
    store.enqueue({ entries: [entry('fu-a', 'second body')], seen: [], markers: new Map() }, AT);

    const [stored] = store.outbox();
    expect(stored?.status).toBe('sending');
    expect(stored?.task.name).toBe('first body');
    expect(stored?.firstSentAt).toBe(AT);
    expect(stored?.graceMs).toBe(60_000);
    store.close();
  });

  it('gives a failed entry another try', () => {
    const store = openStore();
    store.enqueue({ entries: [entry('fu-a')], seen: [], markers: new Map() }, AT);
    store.markFailed('fu-a', 'Not valid data.', AT);
    store.enqueue({ entries: [entry('fu-a', 'fixed')], seen: [], markers: new Map() }, AT);

    expect(store.outbox().map((stored) => [stored.status, stored.task.name])).toEqual([['pending', 'fixed']]);
    store.close();
  });

  it('leaves out keys already created or skipped', () => {
    const store = openStore();
    store.enqueue({ entries: [entry('fu-a'), entry('fu-b')], seen: [], markers: new Map() }, AT);
    store.recordCreated(entry('fu-a'), '65f000000000000000000001', AT);
    store.recordSkipped(entry('fu-b'), 'Document not found', AT);
    store.enqueue({ entries: [entry('fu-a'), entry('fu-b')], seen: [], markers: new Map() }, AT);

    expect(store.outbox()).toEqual([]);
    expect(store.ledger()).toEqual(new Map([['fu-a', '65f000000000000000000001']]));
    expect(store.skippedKeys()).toEqual(new Set(['fu-b']));
    store.close();
  });

  it('adopts an entry whose marker Brevo already has', () => {
    const store = openStore();
    store.enqueue({ entries: [entry('fu-a'), entry('fu-b')], seen: [], markers: new Map() }, AT);
    store.enqueue({ entries: [], seen: [], markers: new Map([['fu-a', '65f000000000000000000009'], ['fu-x', '65f00000000000000000000a']]) }, AT);

    expect(store.ledger()).toEqual(new Map([['fu-a', '65f000000000000000000009']]));
    expect(store.outbox().map((stored) => stored.key)).toEqual(['fu-b']);
    expect(store.knownMarkers()).toEqual(new Map([['fu-x', '65f00000000000000000000a']]));
    store.close();
  });
});

describe('state store mirror and sync', () => {
  it('prunes a kind only after a full read', () => {
    const store = openStore();
    store.enqueue({ entries: [], seen: [company('c1'), company('c2')], markers: new Map() }, AT);
    store.enqueue({ entries: [], seen: [company('c3')], markers: new Map(), sync: { fullKinds: [], watermarks: { company: AT }, catalog: {} } }, AT);
    expect(store.mirrorRecords().companies.map((record) => record.id)).toEqual(['c1', 'c2', 'c3']);

    store.enqueue({ entries: [], seen: [company('c2')], markers: new Map(), sync: { fullKinds: ['company'], watermarks: {}, catalog: {} } }, AT);
    expect(store.mirrorRecords().companies.map((record) => record.id)).toEqual(['c2']);
    expect(store.watermarks()).toEqual({ company: AT });
    store.close();
  });
});

describe('state store from the first release', () => {
  it('opens read-only without changing the file, and migrates on write', () => {
    const path = join(tempDir(), 'old.db');
    const old = new Database(path);
    old.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE ledger (key TEXT PRIMARY KEY, task_id TEXT NOT NULL, rule TEXT NOT NULL, record_type TEXT NOT NULL, record_id TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE outbox (key TEXT PRIMARY KEY, body TEXT NOT NULL, rule TEXT NOT NULL, record_type TEXT NOT NULL, record_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'failed')), attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, updated_at TEXT NOT NULL);
      CREATE TABLE mirror (kind TEXT NOT NULL, id TEXT NOT NULL, attributes TEXT NOT NULL, seen_at TEXT NOT NULL, PRIMARY KEY (kind, id));
      INSERT INTO ledger VALUES ('fu-old', '65f000000000000000000001', 'rule-a', 'deal', 'd1', '${AT}');
      INSERT INTO mirror VALUES ('deal', '6a0000000000000000000001', '{"deal_stage":"s1"}', '${AT}');
    `);
    old.close();
    const hash = () => createHash('sha256').update(readFileSync(path)).digest('hex');
    const before = hash();

    const reader = StateStore.openReadOnly(path);
    expect(reader.ledger()).toEqual(new Map([['fu-old', '65f000000000000000000001']]));
    expect(reader.mirrorRecords().deals).toEqual([{ id: '6a0000000000000000000001', attributes: { deal_stage: 's1' } }]);
    reader.close();
    expect(hash()).toBe(before);

    const store = StateStore.openForWrite(path);
    store.enqueue({ entries: [entry('fu-new')], seen: [company('c1')], markers: new Map() }, AT);
    expect(store.outbox()[0]?.firstSentAt).toBeNull();
    expect(store.mirrorRecords().companies).toEqual([{ id: 'c1', attributes: { name: 'c1' } }]);
    store.close();
  });
});

describe('run lock', () => {
  it('is busy for a second run and names the first', async () => {
    const path = join(tempDir(), 'state.db');
    const first = await RunLock.acquire(path);

    const error = await RunLock.acquire(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunLockBusyError);
    expect((error as RunLockBusyError).owner?.pid).toBe(process.pid);

    first.release();
    const again = await RunLock.acquire(path);
    again.release();
  });

  it('waits for a lock that is released in time', async () => {
    const path = join(tempDir(), 'state.db');
    const first = await RunLock.acquire(path);
    setTimeout(() => first.release(), 200);

    const second = await RunLock.acquire(path, { waitMs: 10_000 });
    second.release();
  });
});

import { describe, expect, it } from 'vitest';
import { DOCUMENTED_RATE_LIMIT, pacingEstimate, requestsForApply } from '../src/execute/estimate.js';
import { describePacing, formatSeconds } from '../src/report/pacing-text.js';
import type { OutboxEntry } from '../src/state/store.js';

function entry(key: string, status: OutboxEntry['status']): OutboxEntry {
  return {
    key,
    status,
    task: { name: key, taskTypeId: 't', taskType: 'Call', date: '2026-12-01T09:00:00.000Z', done: false, assignToId: 'a@example.com', dealsIds: [], companiesIds: [], contactsIds: [] },
    rule: 'rule',
    recordType: 'deal',
    recordId: 'd',
    attempts: 0,
    lastError: null,
    updatedAt: '2026-12-01T08:00:00.000Z',
    graceMs: null,
    firstSentAt: null,
  };
}

describe('requests for apply', () => {
  it('count one POST per task and one lookup', () => {
    expect(requestsForApply({ creates: new Set(['a', 'b']), outbox: [], readRequests: 0, taskTypesCached: false })).toBe(3);
  });

  it('skip the lookup when task types are cached', () => {
    expect(requestsForApply({ creates: new Set(['a', 'b']), outbox: [], readRequests: 0, taskTypesCached: true })).toBe(2);
  });

  it('need nothing for nothing to send', () => {
    expect(requestsForApply({ creates: new Set(), outbox: [], readRequests: 0, taskTypesCached: false })).toBe(0);
  });

  it('add reads, leftovers and a search per unconfirmed task', () => {
    const outbox = [entry('a', 'pending'), entry('old', 'pending'), entry('unsure', 'sending'), entry('rejected', 'failed')];
    // reads 6 + POSTs for a, old, unsure + one search for unsure; the failed entry waits for a new plan.
    expect(requestsForApply({ creates: new Set(['a']), outbox, readRequests: 6, taskTypesCached: true })).toBe(6 + 3 + 1);
  });
});

describe('pacing estimate', () => {
  it('uses the documented limit while the account is unknown', () => {
    expect(pacingEstimate(31, null)).toEqual({ ...DOCUMENTED_RATE_LIMIT, basis: 'documented', seconds: 0 });
  });

  it('counts one window length per window after the first', () => {
    const limit = { limit: 100, windowSeconds: 3600 };
    expect(pacingEstimate(100, limit).seconds).toBe(0);
    expect(pacingEstimate(101, limit).seconds).toBe(3600);
    expect(pacingEstimate(250, limit)).toEqual({ limit: 100, windowSeconds: 3600, basis: 'account', seconds: 7200 });
  });

  it('reads as a sentence in English and German', () => {
    const estimate = pacingEstimate(250, { limit: 100, windowSeconds: 3600 });
    expect(describePacing(estimate, 'en')).toBe("At this account's limit of 100 requests per 1 h, apply takes about 2 h.");
    expect(describePacing(estimate, 'de')).toBe('Beim Limit dieses Kontos von 100 Anfragen pro 1 h dauert Apply etwa 2 h.');
    expect(describePacing(pacingEstimate(20, null), 'en')).toContain("Brevo's documented limit of 100 requests per 1 h, they fit into one rate-limit window");
  });
});

describe('durations in text', () => {
  it.each([
    [0, '0 s'],
    [45, '45 s'],
    [59.6, '1 min'],
    [720, '12 min'],
    [3599, '1 h'],
    [9000, '2 h 30 min'],
  ])('%s seconds read as %s', (seconds, text) => {
    expect(formatSeconds(seconds)).toBe(text);
  });
});

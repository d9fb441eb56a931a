import { describe, expect, it } from 'vitest';
import { evaluate, type Evaluation } from '../src/evaluate/index.js';
import { EMPTY_MIRROR, mirrorFromMap, type MirrorEntry } from '../src/state/mirror.js';
import type { AccountSnapshot } from '../src/types/records.js';
import type { Rule } from '../src/types/rules.js';
import { OWNER, STAGES, account, company, deal, rule } from './support/fixtures.js';

const NOW = '2026-12-01T07:00:00.000Z'; // a Tuesday, 08:00 in Berlin

async function run(rules: Rule[], snapshot: AccountSnapshot, now = NOW, mirror = EMPTY_MIRROR): Promise<Evaluation> {
  return evaluate({ rules, fingerprint: 'test' }, snapshot, { now, lang: 'en', mirror });
}

const leadRule = rule({ dealStageEntered: { stage: 'Lead', pipeline: 'Sales Pipeline' } });

describe('dealStageEntered', () => {
  it('plans the Brevo body for a deal that entered the stage inside the look-back', async () => {
    const entered = deal({ deal_stage: STAGES.Lead, stage_updated_at: '2026-11-30T10:00:00.000Z' }, { linkedContactsIds: [7] });
    const contact = { id: 7, email: 'jana@example.com', attributes: { FIRSTNAME: 'Jana' } };
    const result = await run([leadRule], account({ deals: [entered], contacts: [contact] }));

    expect(result.problems).toEqual([]);
    expect(result.candidates).toHaveLength(1);
    const task = result.candidates[0]!.task;
    expect(task.name).toBe('Call Acme renewal');
    expect(task.taskTypeId).toBe('61a88a2eb7a5741802612341');
    expect(task.taskType).toBe('Call');
    expect(task.date).toBe('2026-12-01T08:00:00.000Z');
    expect(task.duration).toBe(900_000);
    expect(task.assignToId).toBe(OWNER);
    expect(task.dealsIds).toEqual([entered.id]);
    expect(task.contactsIds).toEqual([7]);
    expect(task.reminder).toEqual({ value: 30, unit: 'minutes', types: ['email'] });
    expect(task.notes).toMatch(/\[followup:fu-[0-9a-f]{20}\]$/);
  });

  it('ignores a stage entry older than the look-back window', async () => {
    const old = deal({ deal_stage: STAGES.Lead, stage_updated_at: '2026-11-20T10:00:00.000Z' });
    const result = await run([leadRule], account({ deals: [old] }));
    expect(result.candidates).toEqual([]);
  });

  it('ignores a deal in another stage or pipeline', async () => {
    const demo = deal({ deal_stage: STAGES.Demo, stage_updated_at: '2026-11-30T10:00:00.000Z' });
    const snapshot = account({ deals: [demo] });
    snapshot.pipelines.push({ pipeline: 'ffffffffffffffffffffffff', pipeline_name: 'Partner Pipeline', stages: [{ id: 'partner-lead', name: 'Lead' }] });
    const partner = deal({ deal_stage: 'partner-lead', stage_updated_at: '2026-11-30T10:00:00.000Z' });
    snapshot.deals.push(partner);
    const result = await run([leadRule], snapshot);
    expect(result.candidates).toEqual([]);
  });

  it('fires on a stage change seen against the mirror, not on an unchanged stage', async () => {
    const moved = deal({ deal_stage: STAGES.Lead, stage_updated_at: '2026-10-01T10:00:00.000Z' });
    const unchanged = deal({ deal_stage: STAGES.Lead, stage_updated_at: '2026-11-30T10:00:00.000Z' });
    const entries = new Map<string, MirrorEntry>([
      [`deal:${moved.id}`, { attributes: { deal_stage: STAGES.Qualified }, seenAt: NOW }],
      [`deal:${unchanged.id}`, { attributes: { deal_stage: STAGES.Lead }, seenAt: NOW }],
    ]);
    const result = await run([leadRule], account({ deals: [moved, unchanged] }), NOW, mirrorFromMap(entries));
    expect(result.candidates.map((candidate) => candidate.record.id)).toEqual([moved.id]);
  });

  it('gives a new key when the deal re-enters the stage later', async () => {
    const first = deal({ deal_stage: STAGES.Lead, stage_updated_at: '2026-11-28T10:00:00.000Z' });
    const again = { ...first, attributes: { ...first.attributes, stage_updated_at: '2026-11-30T10:00:00.000Z' } };
    const [a, b] = await Promise.all([run([leadRule], account({ deals: [first] })), run([leadRule], account({ deals: [again] }))]);
    expect(a.candidates[0]!.key).not.toBe(b.candidates[0]!.key);
    const repeat = await run([leadRule], account({ deals: [first] }));
    expect(repeat.candidates[0]!.key).toBe(a.candidates[0]!.key);
  });

  it('reports an unknown stage id once however many rules look at it', async () => {
    const broken = deal({ deal_stage: 'no-such-stage', stage_updated_at: '2026-11-30T10:00:00.000Z' });
    const other = rule({ dealStageEntered: { stage: 'Demo' } }, {}, { id: 'other' });
    const result = await run([leadRule, other], account({ deals: [broken] }));
    expect(result.problems.map((problem) => problem.code)).toEqual(['RECORD_STAGE_UNKNOWN']);
    expect(result.problems[0]!.record?.id).toBe(broken.id);
  });

  it('skips a deal whose stage_updated_at is not a date and goes on', async () => {
    const broken = deal({ deal_stage: STAGES.Lead, stage_updated_at: 'not a date' });
    const fine = deal({ deal_stage: STAGES.Lead, stage_updated_at: '2026-11-30T10:00:00.000Z' });
    const result = await run([leadRule], account({ deals: [broken, fine] }));
    expect(result.problems.map((problem) => problem.code)).toEqual(['RECORD_DATE_INVALID']);
    expect(result.candidates.map((candidate) => candidate.record.id)).toEqual([fine.id]);
  });
});

describe('due dates', () => {
  const dueOf = async (task: Partial<Rule['task']>, enteredAt: string, now = NOW, calendar?: Partial<Rule['calendar']>) => {
    const r = rule({ dealStageEntered: { stage: 'Lead' } }, task, {
      lookbackMs: 60 * 86_400_000,
      ...(calendar ? { calendar: { ...leadRule.calendar, ...calendar } } : {}),
    });
    const result = await run([r], account({ deals: [deal({ deal_stage: STAGES.Lead, stage_updated_at: enteredAt })] }), now);
    return result.candidates[0]!;
  };

  it('counts from the occurrence time, not from the run', async () => {
    const candidate = await dueOf({ due: { in: '3 days', at: '10:00' } }, '2026-11-24T15:00:00.000Z', '2026-11-25T07:00:00.000Z');
    expect(candidate.task.date).toBe('2026-11-27T09:00:00.000Z');
    expect(candidate.notes).toEqual([]);
  });

  it('moves a weekend due date to Monday', async () => {
    const candidate = await dueOf({ due: { in: '2 days', at: '09:00' } }, '2026-11-26T12:00:00.000Z', '2026-11-26T12:00:00.000Z');
    expect(candidate.task.date).toBe('2026-11-30T08:00:00.000Z');
  });

  it('counts workdays over a weekend', async () => {
    const candidate = await dueOf({ due: { in: '2 workdays', at: '09:00' } }, '2026-11-27T12:00:00.000Z', '2026-11-27T12:00:00.000Z');
    expect(candidate.task.date).toBe('2026-12-01T08:00:00.000Z');
  });

  it('skips holidays', async () => {
    const candidate = await dueOf({ due: { in: '1 day', at: '09:00' } }, '2026-12-23T12:00:00.000Z', '2026-12-23T12:00:00.000Z', {
      holidays: ['2026-12-24', '2026-12-25'],
    });
    expect(candidate.task.date).toBe('2026-12-28T08:00:00.000Z');
  });

  it('moves a due date in the past to the next working slot and says so', async () => {
    const candidate = await dueOf({ due: { in: '1 day', at: '10:00' } }, '2026-11-25T10:00:00.000Z');
    expect(candidate.task.date).toBe('2026-12-01T09:00:00.000Z');
    expect(candidate.notes.map((note) => note.code)).toEqual(['DUE_MOVED']);
  });

  it('keeps the wall time across the October daylight-saving switch', async () => {
    const everyDay = { workdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as Rule['calendar']['workdays'] };
    const candidate = await dueOf({ due: { in: '1 day', at: '09:00' } }, '2026-10-24T12:00:00.000Z', '2026-10-24T12:00:00.000Z', everyDay);
    expect(candidate.task.date).toBe('2026-10-25T08:00:00.000Z');
  });

  it('keeps the wall time across the March daylight-saving switch', async () => {
    const everyDay = { workdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as Rule['calendar']['workdays'] };
    const candidate = await dueOf({ due: { in: '1 day', at: '09:00' } }, '2026-03-28T12:00:00.000Z', '2026-03-28T12:00:00.000Z', everyDay);
    expect(candidate.task.date).toBe('2026-03-29T07:00:00.000Z');
  });
});

describe('assignee chain', () => {
  const ownerless = () => deal({ deal_owner: undefined, deal_stage: STAGES.Lead, stage_updated_at: '2026-11-30T10:00:00.000Z' });

  it('falls back to the next entry when the owner is empty', async () => {
    const r = rule({ dealStageEntered: { stage: 'Lead' } }, { assignee: ['{{ deal.owner }}', 'revops@example.com'] });
    const result = await run([r], account({ deals: [ownerless()] }));
    expect(result.candidates[0]!.task.assignToId).toBe('revops@example.com');
  });

  it('reports the task instead of sending it to nobody', async () => {
    const result = await run([leadRule], account({ deals: [ownerless()] }));
    expect(result.candidates).toEqual([]);
    expect(result.problems.map((problem) => problem.code)).toEqual(['ASSIGNEE_UNRESOLVED']);
  });
});

describe('conditions', () => {
  it('keeps a near miss with the actual and expected value', async () => {
    const r = rule({ dealStageEntered: { stage: 'Lead' } }, {}, {
      conditions: { all: [{ fact: 'deal.amount', operator: 'greaterThanInclusive', value: 50000 }] },
    });
    const small = deal({ deal_stage: STAGES.Lead, stage_updated_at: '2026-11-30T10:00:00.000Z', amount: 1200 });
    const result = await run([r], account({ deals: [small] }));
    expect(result.candidates).toEqual([]);
    expect(result.nearMisses[0]!.failed).toEqual([{ fact: 'deal.amount', operator: 'greaterThanInclusive', expected: 50000, actual: 1200 }]);
  });
});

describe('dateApproaching', () => {
  const renewal = rule(
    { dateApproaching: { record: 'company', field: 'renewal_date', within: '90 days' } },
    {
      name: 'Renewal {{ company.name }}',
      type: 'deadline',
      due: { on: 'company.renewal_date', at: '09:00' },
      assignee: ['{{ company.account_manager }}', '{{ company.owner }}'],
      link: ['company', 'contacts'],
    },
  );

  it('plans a renewal inside the window, due on the working day before a holiday', async () => {
    const soon = company({ renewal_date: '2026-12-24', account_manager: 'anna@example.com' });
    const r = { ...renewal, calendar: { ...renewal.calendar, holidays: ['2026-12-24'] } };
    const result = await run([r], account({ companies: [soon] }));
    const task = result.candidates[0]!.task;
    expect(task.date).toBe('2026-12-23T08:00:00.000Z');
    expect(task.assignToId).toBe('anna@example.com');
    expect(task.companiesIds).toEqual([soon.id]);
    expect(result.candidates[0]!.occurrence.identity).toBe(`company:${soon.id}:renewal_date:2026-12-24`);
  });

  it('leaves dates beyond the window and in the past alone', async () => {
    const later = company({ renewal_date: '2027-06-01' });
    const past = company({ renewal_date: '2026-11-01' });
    const result = await run([renewal], account({ companies: [later, past] }));
    expect(result.candidates).toEqual([]);
  });

  it('falls back to the company owner without an account manager', async () => {
    const result = await run([renewal], account({ companies: [company({ renewal_date: '2027-01-15' })] }));
    expect(result.candidates[0]!.task.assignToId).toBe(OWNER);
  });
});

describe('loyaltyEvent', () => {
  const checkIn = rule(
    { loyaltyEvent: { event: 'tier_changed' } },
    { name: 'Check-in {{ company.name }}: {{ event.data.to }}', assignee: ['{{ company.owner }}'], link: ['company'] },
  );

  it('fires for a recent event, once per event id', async () => {
    const gold = company({});
    const snapshot = account({
      companies: [gold],
      loyaltyEvents: [
        { id: 'evt_1', type: 'tier_changed', occurredAt: '2026-11-29T09:00:00Z', companyId: gold.id, data: { from: 'Silver', to: 'Gold' } },
        { id: 'evt_2', type: 'tier_changed', occurredAt: '2026-10-01T09:00:00Z', companyId: gold.id, data: { to: 'Silver' } },
        { id: 'evt_3', type: 'points_redeemed', occurredAt: '2026-11-30T09:00:00Z', companyId: gold.id },
      ],
    });
    const result = await run([checkIn], snapshot);
    expect(result.candidates.map((candidate) => candidate.occurrence.identity)).toEqual(['event:evt_1']);
    expect(result.candidates[0]!.task.name).toBe('Check-in Müller GmbH: Gold');
  });

  it('reports an event for a company the account does not have', async () => {
    const snapshot = account({
      loyaltyEvents: [{ id: 'evt_9', type: 'tier_changed', occurredAt: '2026-11-29T09:00:00Z', companyId: 'abcabcabcabcabcabcabcabc' }],
    });
    const result = await run([checkIn], snapshot);
    expect(result.problems.map((problem) => problem.code)).toEqual(['EVENT_COMPANY_UNKNOWN']);
  });
});

describe('attributeChanged', () => {
  const tierRule = rule(
    { attributeChanged: { record: 'company', attribute: 'loyalty_tier' } },
    { name: 'Check-in {{ company.name }}', assignee: ['{{ company.owner }}'], link: ['company'] },
  );

  it('fires only against a mirror that saw another value', async () => {
    const changed = company({ loyalty_tier: 'Gold', last_updated_at: '2026-11-30T10:00:00Z' });
    const same = company({ loyalty_tier: 'Gold' });
    const entries = new Map<string, MirrorEntry>([
      [`company:${changed.id}`, { attributes: { loyalty_tier: 'Silver' }, seenAt: NOW }],
      [`company:${same.id}`, { attributes: { loyalty_tier: 'Gold' }, seenAt: NOW }],
    ]);
    const firstRun = await run([tierRule], account({ companies: [changed, same] }));
    expect(firstRun.candidates).toEqual([]);
    const laterRun = await run([tierRule], account({ companies: [changed, same] }), NOW, mirrorFromMap(entries));
    expect(laterRun.candidates.map((candidate) => candidate.record.id)).toEqual([changed.id]);
    expect(laterRun.candidates[0]!.occurrence.details).toEqual({ attribute: 'loyalty_tier', from: 'Silver', to: 'Gold' });
  });
});

import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate/index.js';
import { EMPTY_MIRROR } from '../src/state/mirror.js';
import type { AccountSnapshot } from '../src/types/records.js';
import type { Rule } from '../src/types/rules.js';
import { OWNER, account, company, rule } from './support/fixtures.js';

const NOW = '2026-12-01T07:00:00.000Z';
const run = (rules: Rule[], snapshot: AccountSnapshot) => evaluate({ rules, fingerprint: 't' }, snapshot, { now: NOW, lang: 'en', mirror: EMPTY_MIRROR });

const renewal = (due: Rule['task']['due'], extra: Partial<Rule> = {}) =>
  rule(
    { dateApproaching: { record: 'company', field: 'renewal_date', within: '90 days' } },
    { name: 'Renewal {{ company.name }}', type: 'deadline', due, assignee: ['{{ company.owner }}'], link: ['company'] },
    { calendar: { timezone: 'Europe/Berlin', workdays: ['mon', 'tue', 'wed', 'thu', 'fri'], holidays: ['2026-12-24', '2026-12-25'] }, ...extra },
  );

describe('due on a date attribute', () => {
  it('moves a date shifted after a holiday forward, never before the date', async () => {
    const result = await run([renewal({ on: 'company.renewal_date', after: '1 day', at: '09:00' })], account({ companies: [company({ renewal_date: '2026-12-23' })] }));
    // 23 Dec + 1 day is the 24th, a holiday; the 25th is one too, and the 26th and 27th are a weekend.
    expect(result.candidates[0]!.task.date).toBe('2026-12-28T08:00:00.000Z');
  });

  it('moves a date on a holiday back to the working day before', async () => {
    const result = await run([renewal({ on: 'company.renewal_date', at: '09:00' })], account({ companies: [company({ renewal_date: '2026-12-24' })] }));
    expect(result.candidates[0]!.task.date).toBe('2026-12-23T08:00:00.000Z');
  });
});

describe('conditions on missing attributes', () => {
  const withManager = (operator: string) =>
    renewal({ on: 'company.renewal_date' }, { conditions: { all: [{ fact: 'company.account_manager', operator, value: null }] } });

  it('read an attribute Brevo left out as null, like an explicit null', async () => {
    const absent = company({ renewal_date: '2027-01-10', name: 'Absent' });
    const explicit = company({ renewal_date: '2027-01-11', name: 'Explicit', account_manager: null });
    const present = company({ renewal_date: '2027-01-12', name: 'Present', account_manager: 'anna@example.com' });
    const snapshot = account({ companies: [absent, explicit, present] });

    const missing = await run([withManager('equal')], snapshot);
    expect(missing.candidates.map((candidate) => candidate.record.name)).toEqual(['Absent', 'Explicit']);
    const filled = await run([withManager('notEqual')], snapshot);
    expect(filled.candidates.map((candidate) => candidate.record.name)).toEqual(['Present']);
  });
});

describe('a failed not condition', () => {
  it('is reported with the leaf that held', async () => {
    const excluded = renewal({ on: 'company.renewal_date' }, { conditions: { not: { fact: 'company.name', operator: 'equal', value: 'Excluded AG' } } });
    const result = await run([excluded], account({ companies: [company({ renewal_date: '2027-01-10', name: 'Excluded AG' })] }));
    expect(result.candidates).toEqual([]);
    expect(result.nearMisses[0]!.failed).toEqual([{ fact: 'company.name', operator: 'not equal', expected: 'Excluded AG', actual: 'Excluded AG' }]);
  });
});

describe('a loyalty event about one contact', () => {
  it('makes that contact the rule contact and the linked contact', async () => {
    const first = { id: 101, email: 'first@example.com', attributes: { FIRSTNAME: 'First' } };
    const second = { id: 102, email: 'second@example.com', attributes: { FIRSTNAME: 'Second' } };
    const customer = company({}, { linkedContactsIds: [101, 102] });
    const thanks = rule(
      { loyaltyEvent: { event: 'points_redeemed' } },
      { name: 'Thank {{ contact.name }}', assignee: [OWNER], link: ['company', 'contact'] },
    );
    const snapshot = account({
      companies: [customer],
      contacts: [first, second],
      loyaltyEvents: [{ id: 'evt_1', type: 'points_redeemed', occurredAt: '2026-11-30T09:00:00Z', companyId: customer.id, contactId: 102 }],
    });
    const result = await run([thanks], snapshot);
    expect(result.candidates[0]!.task.name).toBe('Thank Second');
    expect(result.candidates[0]!.task.contactsIds).toEqual([102]);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate/index.js';
import { EMPTY_MIRROR, mirrorFromMap, type MirrorEntry, type MirrorReader } from '../src/state/mirror.js';
import type { AccountSnapshot, BrevoContact } from '../src/types/records.js';
import type { Rule, TaskTemplateSpec, TriggerSpec } from '../src/types/rules.js';
import { STAGES, account, company, deal, rule } from './support/fixtures.js';

/** Tuesday 2026-12-01, 08:00 in Berlin. */
const NOW = '2026-12-01T07:00:00.000Z';

const COMPANY_TASK: Partial<TaskTemplateSpec> = { name: 'Call {{ company.name }}', assignee: ['{{ company.owner }}'], link: ['company'] };
const CONTACT_TASK: Partial<TaskTemplateSpec> = { name: 'Call {{ contact.name }}', assignee: ['revops@example.com'], link: ['contact'] };

interface Setup {
  rules: Rule[];
  snapshot: AccountSnapshot;
  mirror?: MirrorReader;
  now?: string;
}

interface TriggerCase {
  name: string;
  setup: () => Setup & { expected: string[] };
  /** Codes of expected problems; none when absent. */
  problems?: string[];
}

function contact(id: number, attributes: Record<string, unknown> = {}, extra: Partial<BrevoContact> = {}): BrevoContact {
  return { id, email: `person${id}@example.com`, attributes: { FIRSTNAME: 'Jana', ...attributes } as BrevoContact['attributes'], ...extra };
}

function mirror(entries: [string, Record<string, unknown>][]): MirrorReader {
  return mirrorFromMap(new Map<string, MirrorEntry>(entries.map(([key, attributes]) => [key, { attributes, seenAt: NOW }])));
}

function triggerRule(trigger: TriggerSpec, task: Partial<TaskTemplateSpec> = {}, extra: Partial<Rule> = {}): Rule {
  return rule(trigger, task, extra);
}

const stageCases: TriggerCase[] = [
  {
    name: 'dealStageEntered fires on a first run inside the look-back',
    setup: () => {
      const entered = deal({ deal_stage: STAGES.Qualified, stage_updated_at: '2026-11-30T10:00:00.000Z' });
      return {
        rules: [triggerRule({ dealStageEntered: { stage: 'Qualified' } })],
        snapshot: account({ deals: [entered] }),
        expected: [`deal:${entered.id}:stage:${STAGES.Qualified}:2026-11-30T10:00:00.000Z`],
      };
    },
  },
  {
    name: 'dealStageEntered matches stage names ignoring case',
    setup: () => {
      const entered = deal({ deal_stage: STAGES.Qualified, stage_updated_at: '2026-11-30T10:00:00.000Z' });
      return {
        rules: [triggerRule({ dealStageEntered: { stage: ' qualified ', pipeline: 'SALES PIPELINE' } })],
        snapshot: account({ deals: [entered] }),
        expected: [`deal:${entered.id}:stage:${STAGES.Qualified}:2026-11-30T10:00:00.000Z`],
      };
    },
  },
  {
    name: 'dealStageEntered with from fires when the mirror saw that stage',
    setup: () => {
      const moved = deal({ deal_stage: STAGES.Demo, stage_updated_at: '2026-11-30T10:00:00.000Z' });
      const skipped = deal({ deal_stage: STAGES.Demo, stage_updated_at: '2026-11-30T11:00:00.000Z' });
      return {
        rules: [triggerRule({ dealStageEntered: { stage: 'Demo', from: 'Qualified' } })],
        snapshot: account({ deals: [moved, skipped] }),
        mirror: mirror([[`deal:${moved.id}`, { deal_stage: STAGES.Qualified }], [`deal:${skipped.id}`, { deal_stage: STAGES.Lead }]]),
        expected: [`deal:${moved.id}:stage:${STAGES.Demo}:2026-11-30T10:00:00.000Z`],
      };
    },
  },
  {
    name: 'dealStageEntered with from needs the mirror',
    setup: () => ({
      rules: [triggerRule({ dealStageEntered: { stage: 'Demo', from: 'Qualified' } })],
      snapshot: account({ deals: [deal({ deal_stage: STAGES.Demo, stage_updated_at: '2026-11-30T10:00:00.000Z' })] }),
      expected: [],
    }),
  },
  {
    name: 'dealStageEntered with a mirror ignores the look-back',
    setup: () => {
      const moved = deal({ deal_stage: STAGES.Demo, stage_updated_at: '2026-09-01T10:00:00.000Z' });
      return {
        rules: [triggerRule({ dealStageEntered: { stage: 'Demo' } })],
        snapshot: account({ deals: [moved] }),
        mirror: mirror([[`deal:${moved.id}`, { deal_stage: STAGES.Qualified }]]),
        expected: [`deal:${moved.id}:stage:${STAGES.Demo}:2026-09-01T10:00:00.000Z`],
      };
    },
  },
  {
    name: 'dealStageEntered honours a longer look-back',
    setup: () => {
      const old = deal({ deal_stage: STAGES.Lead, stage_updated_at: '2026-11-10T10:00:00.000Z' });
      return {
        rules: [triggerRule({ dealStageEntered: { stage: 'Lead' } }, {}, { lookbackMs: 30 * 86_400_000 })],
        snapshot: account({ deals: [old] }),
        expected: [`deal:${old.id}:stage:${STAGES.Lead}:2026-11-10T10:00:00.000Z`],
      };
    },
  },
  {
    name: 'dealStageEntered ignores a stage entry in the future',
    setup: () => ({
      rules: [triggerRule({ dealStageEntered: { stage: 'Lead' } })],
      snapshot: account({ deals: [deal({ deal_stage: STAGES.Lead, stage_updated_at: '2026-12-02T10:00:00.000Z' })] }),
      expected: [],
    }),
  },
];

const dateCases: TriggerCase[] = [
  {
    name: 'dateApproaching reads a company attribute',
    setup: () => {
      const soon = company({ renewal_date: '2027-01-15' });
      return {
        rules: [triggerRule({ dateApproaching: { record: 'company', field: 'renewal_date', within: '90 days' } }, COMPANY_TASK)],
        snapshot: account({ companies: [soon] }),
        expected: [`company:${soon.id}:renewal_date:2027-01-15`],
      };
    },
  },
  {
    name: 'dateApproaching reads a deal attribute',
    setup: () => {
      const closing = deal({ close_date: '2026-12-10' });
      return {
        rules: [triggerRule({ dateApproaching: { record: 'deal', field: 'close_date', within: '2 weeks' } })],
        snapshot: account({ deals: [closing] }),
        expected: [`deal:${closing.id}:close_date:2026-12-10`],
      };
    },
  },
  {
    name: 'dateApproaching reads a contact attribute',
    setup: () => ({
      rules: [triggerRule({ dateApproaching: { record: 'contact', field: 'BIRTHDAY', within: '7 days' } }, CONTACT_TASK)],
      snapshot: account({ contacts: [contact(7, { BIRTHDAY: '2026-12-05' }), contact(8, { BIRTHDAY: '2027-05-05' })] }),
      expected: ['contact:7:BIRTHDAY:2026-12-05'],
    }),
  },
  {
    name: 'dateApproaching counts today and not yesterday',
    setup: () => {
      const today = company({ renewal_date: '2026-12-01' });
      const yesterday = company({ renewal_date: '2026-11-30' });
      return {
        rules: [triggerRule({ dateApproaching: { record: 'company', field: 'renewal_date', within: '30 days' } }, COMPANY_TASK)],
        snapshot: account({ companies: [today, yesterday] }),
        expected: [`company:${today.id}:renewal_date:2026-12-01`],
      };
    },
  },
  {
    name: 'dateApproaching skips a record whose date is not a date',
    setup: () => ({
      rules: [triggerRule({ dateApproaching: { record: 'company', field: 'renewal_date', within: '30 days' } }, COMPANY_TASK)],
      snapshot: account({ companies: [company({ renewal_date: '31.12.2026' }), company({})] }),
      expected: [],
    }),
    problems: ['RECORD_DATE_INVALID'],
  },
];

const changeCases: TriggerCase[] = [
  {
    name: 'attributeChanged fires for a value that differs from the mirror',
    setup: () => {
      const changed = company({ loyalty_tier: 'Gold', last_updated_at: '2026-11-30T10:00:00Z' });
      return {
        rules: [triggerRule({ attributeChanged: { record: 'company', attribute: 'loyalty_tier' } }, COMPANY_TASK)],
        snapshot: account({ companies: [changed] }),
        mirror: mirror([[`company:${changed.id}`, { loyalty_tier: 'Silver' }]]),
        expected: [`company:${changed.id}:loyalty_tier:"Gold":2026-11-30T10:00:00.000Z`],
      };
    },
  },
  {
    name: 'attributeChanged with to fires only for that value',
    setup: () => {
      const gold = company({ loyalty_tier: 'Gold', last_updated_at: '2026-11-30T10:00:00Z' });
      const bronze = company({ loyalty_tier: 'Bronze', last_updated_at: '2026-11-30T10:00:00Z' });
      return {
        rules: [triggerRule({ attributeChanged: { record: 'company', attribute: 'loyalty_tier', to: 'Gold' } }, COMPANY_TASK)],
        snapshot: account({ companies: [gold, bronze] }),
        mirror: mirror([[`company:${gold.id}`, { loyalty_tier: 'Silver' }], [`company:${bronze.id}`, { loyalty_tier: 'Silver' }]]),
        expected: [`company:${gold.id}:loyalty_tier:"Gold":2026-11-30T10:00:00.000Z`],
      };
    },
  },
  {
    name: 'attributeChanged with from fires only from that value',
    setup: () => {
      const fromSilver = company({ loyalty_tier: 'Gold', last_updated_at: '2026-11-30T10:00:00Z' });
      const fromBronze = company({ loyalty_tier: 'Gold', last_updated_at: '2026-11-30T10:00:00Z' });
      return {
        rules: [triggerRule({ attributeChanged: { record: 'company', attribute: 'loyalty_tier', from: 'Silver' } }, COMPANY_TASK)],
        snapshot: account({ companies: [fromSilver, fromBronze] }),
        mirror: mirror([[`company:${fromSilver.id}`, { loyalty_tier: 'Silver' }], [`company:${fromBronze.id}`, { loyalty_tier: 'Bronze' }]]),
        expected: [`company:${fromSilver.id}:loyalty_tier:"Gold":2026-11-30T10:00:00.000Z`],
      };
    },
  },
  {
    name: 'attributeChanged watches contacts',
    setup: () => ({
      rules: [triggerRule({ attributeChanged: { record: 'contact', attribute: 'JOB_TITLE' } }, CONTACT_TASK)],
      snapshot: account({ contacts: [contact(7, { JOB_TITLE: 'CFO' }, { modifiedAt: '2026-11-30T10:00:00Z' })] }),
      mirror: mirror([['contact:7', { JOB_TITLE: 'Controller' }]]),
      expected: ['contact:7:JOB_TITLE:"CFO":2026-11-30T10:00:00.000Z'],
    }),
  },
  {
    name: 'attributeChanged fires nothing before the first apply',
    setup: () => ({
      rules: [triggerRule({ attributeChanged: { record: 'company', attribute: 'loyalty_tier' } }, COMPANY_TASK)],
      snapshot: account({ companies: [company({ loyalty_tier: 'Gold' })] }),
      expected: [],
    }),
  },
];

const eventCases: TriggerCase[] = [
  {
    name: 'loyaltyEvent fires for each listed type inside the look-back',
    setup: () => {
      const gold = company({});
      const events = [
        { id: 'evt_1', type: 'tier_changed', occurredAt: '2026-11-29T09:00:00Z', companyId: gold.id },
        { id: 'evt_2', type: 'points_expiring', occurredAt: '2026-11-30T09:00:00+01:00', companyId: gold.id },
        { id: 'evt_3', type: 'points_redeemed', occurredAt: '2026-11-30T09:00:00Z', companyId: gold.id },
        { id: 'evt_4', type: 'tier_changed', occurredAt: '2026-12-02T09:00:00Z', companyId: gold.id },
        { id: 'evt_5', type: 'tier_changed', occurredAt: '2026-11-01T09:00:00Z', companyId: gold.id },
      ];
      return {
        rules: [triggerRule({ loyaltyEvent: { event: ['tier_changed', 'points_expiring'] } }, COMPANY_TASK)],
        snapshot: account({ companies: [gold], loyaltyEvents: events }),
        expected: ['event:evt_1', 'event:evt_2'],
      };
    },
  },
  {
    name: 'loyaltyEvent finds the company through the contact',
    setup: () => {
      const member = company({}, { linkedContactsIds: [7] });
      return {
        rules: [triggerRule({ loyaltyEvent: { event: 'tier_changed' } }, COMPANY_TASK)],
        snapshot: account({
          companies: [member],
          contacts: [contact(7)],
          loyaltyEvents: [{ id: 'evt_7', type: 'tier_changed', occurredAt: '2026-11-30T09:00:00Z', contactId: 7 }],
        }),
        expected: ['event:evt_7'],
      };
    },
  },
  {
    name: 'loyaltyEvent reports a contact without a company',
    setup: () => ({
      rules: [triggerRule({ loyaltyEvent: { event: 'tier_changed' } }, COMPANY_TASK)],
      snapshot: account({
        contacts: [contact(8)],
        loyaltyEvents: [{ id: 'evt_8', type: 'tier_changed', occurredAt: '2026-11-30T09:00:00Z', contactId: 8 }],
      }),
      expected: [],
    }),
    problems: ['EVENT_CONTACT_WITHOUT_COMPANY'],
  },
];

const everyCases: TriggerCase[] = [
  {
    name: 'every fires nothing before one interval has passed',
    setup: () => ({
      rules: [triggerRule({ every: { record: 'company', interval: '14 days' } }, COMPANY_TASK)],
      snapshot: account({ companies: [company({ created_at: '2026-11-20T09:00:00Z' })] }),
      expected: [],
    }),
  },
  {
    name: 'every fires the current period counted from the creation time',
    setup: () => {
      const old = company({ created_at: '2026-10-31T09:00:00Z' });
      return {
        rules: [triggerRule({ every: { record: 'company', interval: '14 days' } }, COMPANY_TASK)],
        snapshot: account({ companies: [old] }),
        expected: [`company:${old.id}:period:2:since:2026-10-31T09:00:00.000Z`],
      };
    },
  },
  {
    name: 'every counts from the attribute in since',
    setup: () => {
      const stalled = deal({ deal_stage: STAGES.Demo, stage_updated_at: '2026-11-03T06:00:00Z', created_at: '2026-01-01T10:00:00Z' });
      return {
        rules: [triggerRule({ every: { record: 'deal', interval: '2 weeks', since: 'stage_updated_at' } })],
        snapshot: account({ deals: [stalled] }),
        expected: [`deal:${stalled.id}:period:2:since:2026-11-03T06:00:00.000Z`],
      };
    },
  },
  {
    name: 'every counts hours as elapsed time',
    setup: () => {
      const fresh = company({ created_at: '2026-11-30T18:00:00Z' });
      return {
        rules: [triggerRule({ every: { record: 'company', interval: '4h' } }, COMPANY_TASK)],
        snapshot: account({ companies: [fresh] }),
        expected: [`company:${fresh.id}:period:3:since:2026-11-30T18:00:00.000Z`],
      };
    },
  },
  {
    name: 'every reads the creation time of a contact',
    setup: () => ({
      rules: [triggerRule({ every: { record: 'contact', interval: '30 days' } }, CONTACT_TASK)],
      snapshot: account({ contacts: [contact(7, {}, { createdAt: '2026-10-01T08:00:00Z' })] }),
      expected: ['contact:7:period:2:since:2026-10-01T08:00:00.000Z'],
    }),
  },
  {
    name: 'every counts calendar days across the March switch',
    setup: () => {
      // 09:00 in Berlin on 20 March; 14 calendar days later is 09:00 summer time, 07:00Z.
      const spring = company({ created_at: '2026-03-20T08:00:00Z' });
      return {
        rules: [triggerRule({ every: { record: 'company', interval: '14 days' } }, COMPANY_TASK)],
        snapshot: account({ companies: [spring] }),
        now: '2026-04-03T07:30:00.000Z',
        expected: [`company:${spring.id}:period:1:since:2026-03-20T08:00:00.000Z`],
      };
    },
  },
  {
    name: 'every counts calendar days across the October switch',
    setup: () => {
      // 09:00 summer time on 16 October is 07:00Z; 14 days later 09:00 is 08:00Z.
      const autumn = company({ created_at: '2026-10-16T07:00:00Z' });
      return {
        rules: [triggerRule({ every: { record: 'company', interval: '14 days' } }, COMPANY_TASK)],
        snapshot: account({ companies: [autumn] }),
        now: '2026-10-30T07:30:00.000Z',
        expected: [],
      };
    },
  },
  {
    name: 'every skips a record without the since date',
    setup: () => ({
      rules: [triggerRule({ every: { record: 'company', interval: '14 days', since: 'contract_start' } }, COMPANY_TASK)],
      snapshot: account({ companies: [company({})] }),
      expected: [],
    }),
  },
  {
    name: 'every reports a since value that is not a date',
    setup: () => ({
      rules: [triggerRule({ every: { record: 'company', interval: '14 days', since: 'contract_start' } }, COMPANY_TASK)],
      snapshot: account({ companies: [company({ contract_start: 'soon' })] }),
      expected: [],
    }),
    problems: ['RECORD_DATE_INVALID'],
  },
];

const disabledCase: TriggerCase = {
  name: 'a disabled rule fires nothing',
  setup: () => ({
    rules: [triggerRule({ dealStageEntered: { stage: 'Lead' } }, {}, { enabled: false })],
    snapshot: account({ deals: [deal({ deal_stage: STAGES.Lead, stage_updated_at: '2026-11-30T10:00:00.000Z' })] }),
    expected: [],
  }),
};

describe.each([
  ['dealStageEntered', stageCases],
  ['dateApproaching', dateCases],
  ['attributeChanged', changeCases],
  ['loyaltyEvent', eventCases],
  ['every', everyCases],
  ['enabled', [disabledCase]],
])('%s', (_kind, cases) => {
  it.each(cases)('$name', async ({ setup, problems }) => {
    const { rules, snapshot, mirror: seen, now, expected } = setup();
    const result = await evaluate({ rules, fingerprint: 'test' }, snapshot, { now: now ?? NOW, lang: 'en', mirror: seen ?? EMPTY_MIRROR });

    expect(result.candidates.map((candidate) => candidate.occurrence.identity)).toEqual(expected);
    expect(result.problems.map((problem) => problem.code)).toEqual(problems ?? []);
  });
});

describe('every occurrences', () => {
  const stalledRule = triggerRule(
    { every: { record: 'deal', interval: '14 days', since: 'stage_updated_at' } },
    { name: 'Stalled {{ occurrence.period | times: 14 }} days: {{ deal.name }}', due: { in: '1 workday', at: '10:00' } },
    { conditions: { all: [{ fact: 'deal.stage', operator: 'equal', value: 'Demo' }] } },
  );

  it('start at the period and expose its number', async () => {
    const stalled = deal({ deal_stage: STAGES.Demo, stage_updated_at: '2026-11-03T06:00:00Z' });
    const result = await evaluate({ rules: [stalledRule], fingerprint: 'test' }, account({ deals: [stalled] }), { now: NOW, lang: 'en', mirror: EMPTY_MIRROR });
    const candidate = result.candidates[0]!;

    expect(candidate.occurrence.at).toBe('2026-12-01T06:00:00.000Z');
    expect(candidate.occurrence.details).toEqual({ period: '2', since: '2026-11-03T06:00:00.000Z' });
    expect(candidate.task.name).toBe('Stalled 28 days: Acme renewal');
    expect(candidate.task.date).toBe('2026-12-02T09:00:00.000Z');
  });

  it('filter by conditions', async () => {
    const moved = deal({ deal_stage: STAGES.Lead, stage_updated_at: '2026-11-03T06:00:00Z' });
    const result = await evaluate({ rules: [stalledRule], fingerprint: 'test' }, account({ deals: [moved] }), { now: NOW, lang: 'en', mirror: EMPTY_MIRROR });

    expect(result.candidates).toEqual([]);
    expect(result.nearMisses.map((miss) => miss.occurrence.details.period)).toEqual(['2']);
  });

  it('get new keys when the since date moves', async () => {
    const first = deal({ deal_stage: STAGES.Demo, stage_updated_at: '2026-11-03T06:00:00Z' });
    const reentered = { ...first, attributes: { ...first.attributes, stage_updated_at: '2026-11-10T10:00:00Z' } };
    const options = { now: NOW, lang: 'en' as const, mirror: EMPTY_MIRROR };
    const [a, b] = [
      await evaluate({ rules: [stalledRule], fingerprint: 'test' }, account({ deals: [first] }), options),
      await evaluate({ rules: [stalledRule], fingerprint: 'test' }, account({ deals: [reentered] }), options),
    ];

    expect(a.candidates[0]!.key).not.toBe(b.candidates[0]!.key);
  });

  it('keep the key within a period and change it in the next', async () => {
    const stalled = deal({ deal_stage: STAGES.Demo, stage_updated_at: '2026-11-03T06:00:00Z' });
    const snapshot = account({ deals: [stalled] });
    const keyAt = async (now: string) =>
      (await evaluate({ rules: [stalledRule], fingerprint: 'test' }, snapshot, { now, lang: 'en', mirror: EMPTY_MIRROR })).candidates[0]!.key;

    expect(await keyAt('2026-12-01T07:00:00.000Z')).toBe(await keyAt('2026-12-14T07:00:00.000Z'));
    expect(await keyAt('2026-12-15T10:00:00.000Z')).not.toBe(await keyAt('2026-12-14T07:00:00.000Z'));
  });
});

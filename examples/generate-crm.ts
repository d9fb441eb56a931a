/**
 * Writes the bundled example account (`examples/crm/`), or a larger random
 * account for benchmarks. The output is the same on every run: records come
 * from a seeded generator and fixed name lists, and every date is relative
 * to a fixed capture time.
 *
 *   node --import tsx examples/generate-crm.ts [--out examples/crm]
 *   node --import tsx examples/generate-crm.ts --out /tmp/big --deals 20000 --companies 3000 --contacts 25000
 *
 * examples/README.md lists the records that deliberately produce no task.
 */
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { AccountSnapshot, BrevoCompany, BrevoPipeline } from '../src/types/records.js';
import { AccountBuilder, generateAccount } from './generator/account.js';
import { PARTNER_PIPELINE, SALES_PIPELINE, UNKNOWN_STAGE_ID, userByEmail } from './generator/catalog.js';
import { Random } from './generator/random.js';
import { writeDataDirectory } from './generator/write.js';

export { AccountBuilder, generateAccount } from './generator/account.js';
export type { CompanyInput, ContactInput, DealInput, GenerateOptions, TaskInput } from './generator/account.js';
export { writeDataDirectory } from './generator/write.js';

/** 08:00 in Europe/Berlin on Tuesday, 1 December 2026. */
export const EXAMPLE_CAPTURED_AT = '2026-12-01T07:00:00.000Z';
const EXAMPLE_SEED = 20_261_201;

/**
 * When each generated deal entered its Sales Pipeline stage. All lie inside
 * the 7-day look-back, and each due date the deal-stage rules give lies after
 * the capture time on a working day, so these deals produce ordinary tasks.
 * An offset of 60 writes the deal's timestamps as `+01:00` instead of `Z`.
 */
const ORDINARY_STAGE_ENTRIES: { stage: string; enteredAt: string; offsetMinutes?: number }[] = [
  { stage: 'Lead', enteredAt: '2026-11-30T09:15:00.000Z' },
  { stage: 'Lead', enteredAt: '2026-11-30T14:40:00.000Z' },
  { stage: 'Lead', enteredAt: '2026-11-30T15:05:00.000Z', offsetMinutes: 60 },
  { stage: 'Lead', enteredAt: '2026-12-01T06:20:00.000Z' },
  { stage: 'Qualified', enteredAt: '2026-11-28T10:00:00.000Z' },
  { stage: 'Qualified', enteredAt: '2026-11-29T17:30:00.000Z' },
  { stage: 'Qualified', enteredAt: '2026-11-30T11:10:00.000Z' },
  { stage: 'Qualified', enteredAt: '2026-12-01T06:45:00.000Z' },
  { stage: 'Demo', enteredAt: '2026-11-30T08:00:00.000Z' },
  { stage: 'Demo', enteredAt: '2026-11-30T13:25:00.000Z', offsetMinutes: 60 },
  { stage: 'Demo', enteredAt: '2026-12-01T05:30:00.000Z' },
  { stage: 'Proposal', enteredAt: '2026-11-26T13:00:00.000Z' },
  { stage: 'Proposal', enteredAt: '2026-11-27T09:50:00.000Z' },
  { stage: 'Proposal', enteredAt: '2026-11-28T11:00:00.000Z' },
  { stage: 'Negotiation', enteredAt: '2026-11-24T12:00:00.000Z' },
  { stage: 'Negotiation', enteredAt: '2026-11-26T10:30:00.000Z', offsetMinutes: 60 },
  { stage: 'Negotiation', enteredAt: '2026-11-27T15:45:00.000Z' },
  { stage: 'Closed Won', enteredAt: '2026-11-29T10:00:00.000Z' },
  { stage: 'Closed Won', enteredAt: '2026-11-30T12:00:00.000Z' },
  { stage: 'Closed Won', enteredAt: '2026-12-01T06:00:00.000Z' },
];

/**
 * Renewal dates of the generated companies: all within 90 days of the
 * capture time and on working days, so each produces a renewal task.
 */
const ORDINARY_RENEWAL_DATES = [
  '2026-12-08', '2026-12-17', '2027-01-11', '2027-01-19',
  '2027-01-28', '2027-02-09', '2027-02-18', '2027-02-26',
];

/** A 24-hex company id that is not in the example account. */
const UNKNOWN_COMPANY_ID = '64b7f0c2a9e4d13f5c8a7e21';

/**
 * Builds the bundled example account: a small generated account whose
 * records are then placed by hand, plus named edge-case records. Evaluated at
 * 2026-12-01T07:00Z with a 7-day look-back, every rule in rules/*.yaml that
 * can fire on a first run produces tasks, and each edge case either tests a
 * hard case of a rule or deliberately produces no task.
 */
export function buildExampleAccount(): AccountSnapshot {
  const account = generateAccount({
    seed: EXAMPLE_SEED,
    deals: ORDINARY_STAGE_ENTRIES.length,
    companies: ORDINARY_RENEWAL_DATES.length,
    contacts: 31,
    capturedAt: EXAMPLE_CAPTURED_AT,
    loyaltyEvents: 0,
  });
  const builder = new AccountBuilder(account, new Random(EXAMPLE_SEED + 1));
  const ordinary = [...account.companies];
  const ordinaryCompany = (index: number): BrevoCompany => ordinary[index % ordinary.length] as BrevoCompany;

  placeOrdinaryRecords(builder, ordinary);
  const edgeCompanies = addEdgeCaseCompanies(builder);
  addEdgeCaseDeals(builder, ordinaryCompany, edgeCompanies);
  addLoyaltyEvents(builder, ordinaryCompany, edgeCompanies.holidayRenewal);
  addHandMadeTasks(builder, ordinaryCompany);

  return account;
}

function placeOrdinaryRecords(builder: AccountBuilder, ordinary: BrevoCompany[]): void {
  ordinary.forEach((company, index) => {
    company.attributes.renewal_date = ORDINARY_RENEWAL_DATES[index];
  });

  builder.account.deals.forEach((deal, index) => {
    const entry = ORDINARY_STAGE_ENTRIES[index];
    if (!entry) throw new Error(`No stage entry planned for generated deal ${index}.`);
    builder.setDealStage(deal, SALES_PIPELINE, entry.stage, new Date(entry.enteredAt), entry.offsetMinutes);
  });
}

interface EdgeCaseCompanies {
  holidayRenewal: BrevoCompany;
  ownerFallback: BrevoCompany;
  nobodyAssigned: BrevoCompany;
  farRenewal: BrevoCompany;
  lapsedContract: BrevoCompany;
  day91Renewal: BrevoCompany;
}

function addEdgeCaseCompanies(builder: AccountBuilder): EdgeCaseCompanies {
  const addWithContacts = (name: string, renewalDate: string, contacts: number): BrevoCompany => {
    const company = builder.addCompany({ name, renewalDate });
    for (let i = 0; i < contacts; i++) builder.addContact(company);
    return company;
  };

  // Renews on 24 December, a holiday in both rule files: the task is due on a non-working day.
  const holidayRenewal = addWithContacts('Holiday Renewal GmbH', '2026-12-24', 2);

  // No account manager, so the renewal task falls back to the owner (Jonas Weber).
  // No loyalty tier either, so the task notes show the template's default.
  const ownerFallback = addWithContacts('Owner Fallback AG', '2027-01-15', 2);
  ownerFallback.attributes.account_manager = null;
  ownerFallback.attributes.loyalty_tier = null;
  ownerFallback.attributes.owner = userByEmail('jonas.weber@example.com').id;

  // Neither account manager nor owner: the renewal task has no assignee and is reported.
  const nobodyAssigned = addWithContacts('Nobody Assigned Ltd', '2027-02-10', 2);
  delete nobodyAssigned.attributes.account_manager;
  delete nobodyAssigned.attributes.owner;

  const farRenewal = addWithContacts('Far Renewal SAS', '2027-06-30', 1);
  const lapsedContract = addWithContacts('Lapsed Contract GmbH', '2026-11-15', 1);
  // Midnight of 2 March 2027 in Berlin is 90 days and 16 hours after the capture time, past the 90-day window.
  const day91Renewal = addWithContacts('Day 91 Renewal AG', '2027-03-02', 1);

  return { holidayRenewal, ownerFallback, nobodyAssigned, farRenewal, lapsedContract, day91Renewal };
}

interface EdgeCaseDeal {
  name: string;
  pipeline: BrevoPipeline;
  stage: string;
  enteredAt: string;
  company: BrevoCompany;
  /** EUR; random when missing. */
  amount?: number;
}

function addEdgeCaseDeals(
  builder: AccountBuilder,
  ordinaryCompany: (index: number) => BrevoCompany,
  edge: EdgeCaseCompanies,
): void {
  const deals: EdgeCaseDeal[] = [
    // Produce a task, each with a twist.
    { name: 'Late Lead – entered Lead 6 days ago, due date passed', pipeline: SALES_PIPELINE, stage: 'Lead', enteredAt: '2026-11-25T08:30:00.000Z', company: ordinaryCompany(0) },
    { name: 'Window Edge – entered Negotiation 6 days 23 hours ago', pipeline: SALES_PIPELINE, stage: 'Negotiation', enteredAt: '2026-11-24T08:00:00.000Z', company: ordinaryCompany(1) },
    { name: 'Sunday Deadline – entered Negotiation on a Sunday', pipeline: SALES_PIPELINE, stage: 'Negotiation', enteredAt: '2026-11-29T09:30:00.000Z', company: ordinaryCompany(2) },

    // Outside the 7-day look-back.
    { name: 'Stale Lead – entered Lead 3 weeks ago', pipeline: SALES_PIPELINE, stage: 'Lead', enteredAt: '2026-11-10T09:00:00.000Z', company: ordinaryCompany(3) },
    { name: 'Old Proposal – entered Proposal 30 days ago', pipeline: SALES_PIPELINE, stage: 'Proposal', enteredAt: '2026-11-01T10:00:00.000Z', company: ordinaryCompany(4) },
    { name: 'Just Missed – entered Negotiation 7 days 1 hour ago', pipeline: SALES_PIPELINE, stage: 'Negotiation', enteredAt: '2026-11-24T06:00:00.000Z', company: ordinaryCompany(5) },
    { name: 'Old Win – entered Closed Won in October', pipeline: SALES_PIPELINE, stage: 'Closed Won', enteredAt: '2026-10-14T14:00:00.000Z', company: edge.lapsedContract },

    // Closed Lost has no rule.
    { name: 'Lost to Competitor – Closed Lost yesterday', pipeline: SALES_PIPELINE, stage: 'Closed Lost', enteredAt: '2026-11-30T15:00:00.000Z', company: ordinaryCompany(6) },
    { name: 'Budget Freeze – Closed Lost 3 days ago', pipeline: SALES_PIPELINE, stage: 'Closed Lost', enteredAt: '2026-11-28T10:00:00.000Z', company: edge.farRenewal },
    { name: 'No Decision – Closed Lost 5 days ago', pipeline: SALES_PIPELINE, stage: 'Closed Lost', enteredAt: '2026-11-26T09:00:00.000Z', company: ordinaryCompany(7) },

    // Same stage names as the Sales Pipeline, other stage ids: the rules name the Sales Pipeline.
    { name: 'Partner Lead – Lead in the Partner Pipeline', pipeline: PARTNER_PIPELINE, stage: 'Lead', enteredAt: '2026-11-30T10:00:00.000Z', company: edge.day91Renewal },
    { name: 'Partner Demo – Demo in the Partner Pipeline', pipeline: PARTNER_PIPELINE, stage: 'Demo', enteredAt: '2026-11-27T14:00:00.000Z', company: ordinaryCompany(0) },
    { name: 'Partner Win – Closed Won in the Partner Pipeline', pipeline: PARTNER_PIPELINE, stage: 'Closed Won', enteredAt: '2026-11-29T11:00:00.000Z', company: edge.holidayRenewal },

    // Bad or incomplete records: reported as problems, no task sent.
    { name: 'Ownerless Deal – no deal_owner', pipeline: SALES_PIPELINE, stage: 'Qualified', enteredAt: '2026-11-30T10:30:00.000Z', company: edge.ownerFallback },
    { name: 'Retired Stage – deal_stage id not in any pipeline', pipeline: SALES_PIPELINE, stage: 'Demo', enteredAt: '2026-11-29T12:00:00.000Z', company: edge.nobodyAssigned },
    { name: 'Broken Date – stage_updated_at is not a date', pipeline: SALES_PIPELINE, stage: 'Proposal', enteredAt: '2026-11-30T09:00:00.000Z', company: ordinaryCompany(1) },

    // Below the 5,000 EUR that the demo rule's condition requires: a near miss, no task.
    { name: 'Small Deal – Qualified below the demo threshold', pipeline: SALES_PIPELINE, stage: 'Qualified', enteredAt: '2026-11-30T13:00:00.000Z', company: ordinaryCompany(2), amount: 1200 },
  ];

  for (const spec of deals) {
    const deal = builder.addDeal({
      name: spec.name,
      company: spec.company,
      pipeline: spec.pipeline,
      stage: spec.stage,
      enteredAt: new Date(spec.enteredAt),
      ...(spec.amount === undefined ? {} : { amount: spec.amount }),
    });

    if (spec.name.startsWith('Ownerless Deal')) delete deal.attributes.deal_owner;
    if (spec.name.startsWith('Retired Stage')) deal.attributes.deal_stage = UNKNOWN_STAGE_ID;
    if (spec.name.startsWith('Broken Date')) deal.attributes.stage_updated_at = 'not a date';
  }
}

/**
 * Tier changes inside the look-back produce check-in tasks. The old tier
 * change, the points redemptions and the event for an unknown company do
 * not. A company's `loyalty_tier` matches its latest tier change.
 */
function addLoyaltyEvents(
  builder: AccountBuilder,
  ordinaryCompany: (index: number) => BrevoCompany,
  holidayRenewal: BrevoCompany,
): void {
  const tierChange = (company: BrevoCompany, from: string, to: string, occurredAt: string): void => {
    company.attributes.loyalty_tier = to;
    // The CRM updated the company when the tier changed, a few minutes after the event.
    const updatedAt = new Date(Date.parse(occurredAt) + 3 * 60_000);
    if (updatedAt.getTime() > Date.parse(String(company.attributes.last_updated_at))) {
      company.attributes.last_updated_at = updatedAt.toISOString();
    }
    builder.addLoyaltyEvent({ type: 'tier_changed', occurredAt, companyId: company.id, data: { from, to } });
  };

  tierChange(ordinaryCompany(0), 'Silver', 'Gold', '2026-11-28T09:12:00.000Z');
  tierChange(ordinaryCompany(1), 'Gold', 'Platinum', '2026-11-30T15:20:00.000+01:00');
  tierChange(holidayRenewal, 'Bronze', 'Silver', '2026-11-26T16:45:00.000Z');
  // Three weeks ago: outside the look-back.
  tierChange(ordinaryCompany(2), 'Bronze', 'Silver', '2026-11-10T10:00:00.000Z');

  builder.addLoyaltyEvent({
    type: 'points_redeemed',
    occurredAt: '2026-11-29T18:05:00.000Z',
    companyId: ordinaryCompany(3).id,
    data: { points: 1200 },
  });
  builder.addLoyaltyEvent({
    type: 'points_redeemed',
    occurredAt: '2026-11-25T08:40:00.000Z',
    companyId: ordinaryCompany(4).id,
    data: { points: 450 },
  });

  if (builder.account.companies.some((company) => company.id === UNKNOWN_COMPANY_ID)) {
    throw new Error(`UNKNOWN_COMPANY_ID ${UNKNOWN_COMPANY_ID} is a real company id in the example account.`);
  }
  builder.addLoyaltyEvent({
    type: 'tier_changed',
    occurredAt: '2026-11-30T09:00:00.000Z',
    companyId: UNKNOWN_COMPANY_ID,
    data: { from: 'Silver', to: 'Gold' },
  });

  builder.account.loyaltyEvents.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
}

/** Tasks a salesperson created in Brevo by hand, without Followup's marker in the notes. */
function addHandMadeTasks(builder: AccountBuilder, ordinaryCompany: (index: number) => BrevoCompany): void {
  const invoiceCompany = ordinaryCompany(3);
  builder.addTask({
    name: 'Send invoice copy',
    type: 'Email',
    date: new Date('2026-12-03T09:00:00.000Z'),
    durationMinutes: 15,
    notes: 'Customer asked for a copy of invoice 2026-1187.',
    done: false,
    assignTo: userByEmail('lea.fischer@example.com'),
    companiesIds: [invoiceCompany.id],
    dealsIds: (invoiceCompany.linkedDealsIds ?? []).slice(0, 1),
    createdAt: new Date('2026-11-27T10:12:00.000Z'),
  });

  const reviewCompany = ordinaryCompany(5);
  builder.addTask({
    name: 'Quarterly business review',
    type: 'Meeting',
    date: new Date('2026-11-20T13:00:00.000Z'),
    durationMinutes: 60,
    notes: 'Agenda: usage figures, open tickets, plans for 2027.',
    done: true,
    assignTo: userByEmail('anna.schmidt@example.com'),
    companiesIds: [reviewCompany.id],
    contactsIds: (reviewCompany.linkedContactsIds ?? []).slice(0, 2),
    createdAt: new Date('2026-11-02T08:30:00.000Z'),
  });

  const caller = builder.account.contacts[0];
  builder.addTask({
    name: 'Call back about pricing question',
    type: 'Call',
    date: new Date('2026-12-02T14:00:00.000Z'),
    durationMinutes: 15,
    notes: 'Asked whether the price list for 2027 is final.',
    done: false,
    assignTo: userByEmail('david.okafor@example.com'),
    contactsIds: caller ? [caller.id] : [],
    createdAt: new Date('2026-11-30T16:20:00.000Z'),
  });
}

const USAGE = `Usage: node --import tsx examples/generate-crm.ts [options]

Without --deals, --companies or --contacts, writes the bundled example account.
With any of them, writes a random account of that size instead.

Options:
  --out DIR            directory to write (default: examples/crm beside this script)
  --deals N            number of deals in a random account (default 0)
  --companies N        number of companies in a random account (default 0)
  --contacts N         number of contacts in a random account (default 0)
  --seed N             seed of a random account (default 1)
  --captured-at ISO    capture time of a random account (default ${EXAMPLE_CAPTURED_AT})
  --help               print this help`;

function parseCount(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`--${name} must be a whole number of 0 or more, got "${text}".`);
  }
  return value;
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      deals: { type: 'string' },
      companies: { type: 'string' },
      contacts: { type: 'string' },
      seed: { type: 'string' },
      'captured-at': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }

  const out = values.out ?? fileURLToPath(new URL('./crm', import.meta.url));
  const randomAccount = values.deals !== undefined || values.companies !== undefined || values.contacts !== undefined;
  const account = randomAccount
    ? generateAccount({
        seed: parseCount('seed', values.seed, 1),
        deals: parseCount('deals', values.deals, 0),
        companies: parseCount('companies', values.companies, 0),
        contacts: parseCount('contacts', values.contacts, 0),
        capturedAt: values['captured-at'] ?? EXAMPLE_CAPTURED_AT,
      })
    : buildExampleAccount();

  await writeDataDirectory(out, account, randomAccount ? 'generated' : 'example');
  console.log(
    `Wrote ${account.deals.length} deals, ${account.companies.length} companies, ` +
      `${account.contacts.length} contacts, ${account.tasks.length} tasks and ` +
      `${account.loyaltyEvents.length} loyalty events to ${out}`,
  );
}

const invokedPath = process.argv[1];
if (invokedPath && import.meta.url === pathToFileURL(resolve(invokedPath)).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}

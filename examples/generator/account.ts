/**
 * Builds CRM accounts in Brevo's response shapes. `AccountBuilder` adds one
 * record at a time and keeps the links between deals, companies and contacts
 * consistent in both directions. `generateAccount` fills an account with
 * random but reproducible records.
 */
import type {
  AccountSnapshot,
  BrevoCompany,
  BrevoContact,
  BrevoDeal,
  BrevoPipeline,
  BrevoTask,
  LoyaltyEvent,
} from '../../src/types/records.js';
import {
  type CrmUser,
  FIRST_NAMES,
  GERMAN_FAMILY_NAMES,
  GERMAN_LEGAL_FORMS,
  INTERNATIONAL_BRANDS,
  INTERNATIONAL_LEGAL_FORMS,
  JOB_TITLES,
  LAST_NAMES,
  LOYALTY_TIERS,
  type LegalForm,
  type LoyaltyTier,
  PARTNER_PIPELINE,
  PRODUCTS,
  SALES_PIPELINE,
  SECTORS,
  type Sector,
  TASK_TYPES,
  USERS,
  stageIdOf,
  taskTypeIdOf,
} from './catalog.js';
import { Random, addDays, formatDate, formatTimestamp } from './random.js';

/** A contact as GET /contacts returns it, with the fields `BrevoContact` leaves out. */
export interface GeneratedContact extends BrevoContact {
  emailBlacklisted: boolean;
  smsBlacklisted: boolean;
  listIds: number[];
}

export interface CompanyInput {
  /** Company name. When missing, a unique random German or international name. */
  name?: string;
  sector?: Sector;
  owner?: CrmUser;
  accountManager?: CrmUser;
  /** `YYYY-MM-DD`. */
  renewalDate?: string;
  loyaltyTier?: LoyaltyTier;
  createdAt?: Date;
  /** UTC offset in minutes for the company's timestamps. 0 writes them with `Z`. */
  offsetMinutes?: number;
}

export interface ContactInput {
  firstName?: string;
  lastName?: string;
  jobTitle?: string;
}

export interface DealInput {
  /** Deal name. When missing, "<company name> – <product>". */
  name?: string;
  company?: BrevoCompany;
  /** Contacts of the company to link, at most as many as the company has. Random 1–3 when missing. */
  contactCount?: number;
  owner?: CrmUser;
  /** EUR. */
  amount?: number;
  pipeline: BrevoPipeline;
  stage: string;
  /** When the deal entered its stage (`stage_updated_at`). */
  enteredAt: Date;
  offsetMinutes?: number;
}

export interface TaskInput {
  name: string;
  type: string;
  date: Date;
  durationMinutes: number;
  notes: string;
  done: boolean;
  assignTo: CrmUser;
  contactsIds?: number[];
  dealsIds?: string[];
  companiesIds?: string[];
  createdAt: Date;
}

export interface GenerateOptions {
  seed: number;
  deals: number;
  companies: number;
  contacts: number;
  /** ISO-8601 time the account is evaluated at. Every generated date is relative to it. */
  capturedAt: string;
  /** Number of loyalty events to generate. When missing, one per two companies. */
  loyaltyEvents?: number;
}

const FIRST_CONTACT_ID = 1;

export class AccountBuilder {
  readonly account: AccountSnapshot;
  readonly random: Random;
  readonly now: Date;

  private readonly companyNames = new Set<string>();
  private readonly domains = new Set<string>();
  private readonly emails = new Set<string>();
  private readonly eventIds = new Set<string>();
  private readonly dealNames = new Set<string>();
  private nextContactId = FIRST_CONTACT_ID;

  /** Wraps an existing account, so records can be added to a generated one. */
  constructor(account: AccountSnapshot, random: Random) {
    this.account = account;
    this.random = random;
    this.now = new Date(account.capturedAt);
    if (Number.isNaN(this.now.getTime())) {
      throw new Error(`capturedAt "${account.capturedAt}" is not an ISO-8601 date-time.`);
    }

    for (const company of account.companies) {
      this.companyNames.add(String(company.attributes.name));
      this.domains.add(String(company.attributes.domain));
    }
    for (const contact of account.contacts) {
      if (contact.email) this.emails.add(contact.email);
      this.nextContactId = Math.max(this.nextContactId, contact.id + 1);
    }
    for (const event of account.loyaltyEvents) this.eventIds.add(event.id);
    for (const deal of account.deals) this.dealNames.add(String(deal.attributes.deal_name));
  }

  /** Creates a builder for an account with the fixed pipelines and task types and no records. */
  static empty(capturedAt: string, random: Random): AccountBuilder {
    const account: AccountSnapshot = {
      capturedAt,
      deals: [],
      companies: [],
      contacts: [],
      pipelines: [structuredClone(SALES_PIPELINE), structuredClone(PARTNER_PIPELINE)],
      taskTypes: TASK_TYPES.map((taskType) => ({ ...taskType })),
      tasks: [],
      loyaltyEvents: [],
    };
    return new AccountBuilder(account, random);
  }

  daysAgo(days: number): Date {
    return addDays(this.now, -days);
  }

  addCompany(input: CompanyInput = {}): BrevoCompany {
    const random = this.random;
    const sector = input.sector ?? random.pick(SECTORS);
    const { name, legalForm } = input.name
      ? { name: input.name, legalForm: legalFormOf(input.name) }
      : this.uniqueCompanyName(sector);
    const createdAt = input.createdAt ?? random.timeBetween(this.daysAgo(7 * 365), this.daysAgo(60));
    const updatedAt = random.timeBetween(new Date(Math.max(createdAt.getTime(), this.daysAgo(60).getTime())), this.now);
    const offset = input.offsetMinutes ?? 0;
    const owner = input.owner ?? random.pick(USERS);
    const accountManager = input.accountManager ?? random.pick(USERS);
    const renewalDate = input.renewalDate ?? formatDate(random.timeBetween(this.daysAgo(60), addDays(this.now, 400)));

    const company: BrevoCompany = {
      id: random.objectId(createdAt),
      attributes: {
        name,
        domain: this.uniqueDomain(name, legalForm),
        owner: owner.id,
        account_manager: accountManager.email,
        renewal_date: renewalDate,
        loyalty_tier: input.loyaltyTier ?? random.pick(LOYALTY_TIERS),
        contract_value: random.logUniform(6_000, 240_000, 500),
        annual_spend: random.logUniform(2_000, 180_000, 100),
        industry: sector.industry,
        number_of_contacts: 0,
        created_at: formatTimestamp(createdAt, offset),
        last_updated_at: formatTimestamp(updatedAt, offset),
      },
      linkedContactsIds: [],
      linkedDealsIds: [],
    };
    this.companyNames.add(name);
    this.account.companies.push(company);
    return company;
  }

  /** Adds a contact and, when a company is given, links it to that company. */
  addContact(company?: BrevoCompany, input: ContactInput = {}): GeneratedContact {
    const random = this.random;
    const firstName = input.firstName ?? random.pick(FIRST_NAMES);
    const lastName = input.lastName ?? random.pick(LAST_NAMES);
    const domain = company ? String(company.attributes.domain) : random.pick(['gmail.com', 'outlook.com', 'web.de']);
    const companyCreatedAt = company ? new Date(String(company.attributes.created_at)) : this.daysAgo(3 * 365);
    const createdAt = random.timeBetween(companyCreatedAt, this.daysAgo(1));
    const modifiedAt = random.timeBetween(createdAt, this.now);

    const contact: GeneratedContact = {
      id: this.nextContactId,
      email: this.uniqueEmail(firstName, lastName, domain),
      emailBlacklisted: false,
      smsBlacklisted: false,
      createdAt: formatTimestamp(createdAt),
      modifiedAt: formatTimestamp(modifiedAt),
      attributes: {
        FIRSTNAME: firstName,
        LASTNAME: lastName,
        JOB_TITLE: input.jobTitle ?? random.pick(JOB_TITLES),
      },
      listIds: [],
    };
    // Gaps between ids, as an account where contacts were deleted has.
    this.nextContactId += random.chance(0.2) ? 2 : 1;

    if (company) {
      company.linkedContactsIds ??= [];
      company.linkedContactsIds.push(contact.id);
      company.attributes.number_of_contacts = company.linkedContactsIds.length;
    }
    this.account.contacts.push(contact);
    return contact;
  }

  /** Adds a deal linked to the company and some of the company's contacts, in both directions. */
  addDeal(input: DealInput): BrevoDeal {
    const random = this.random;
    const company = input.company;
    const name = input.name ?? this.dealName(company);
    const companyContacts = company?.linkedContactsIds ?? [];
    this.dealNames.add(name);
    const contactIds = random.sample(companyContacts, input.contactCount ?? random.int(1, 3));
    const createdAt = random.timeBetween(addDays(input.enteredAt, -45), input.enteredAt);

    const deal: BrevoDeal = {
      id: random.objectId(createdAt),
      attributes: {
        deal_name: name,
        deal_owner: (input.owner ?? random.pick(USERS)).id,
        amount: input.amount ?? random.logUniform(1_500, 250_000, 50),
        ...this.stageAttributes(input.pipeline, input.stage, input.enteredAt, input.offsetMinutes ?? 0, createdAt),
        number_of_contacts: contactIds.length,
        number_of_activities: random.int(0, 12),
        next_activity_date: null,
      },
      linkedContactsIds: contactIds.sort((a, b) => a - b),
      linkedCompaniesIds: company ? [company.id] : [],
    };

    if (company) {
      company.linkedDealsIds ??= [];
      company.linkedDealsIds.push(deal.id);
    }
    this.account.deals.push(deal);
    return deal;
  }

  /**
   * Moves a deal into a stage at `enteredAt` and rewrites its timestamps to
   * match: created no later than the stage entry, last updated between the
   * entry and `now`, all written with the given UTC offset.
   */
  setDealStage(deal: BrevoDeal, pipeline: BrevoPipeline, stageName: string, enteredAt: Date, offsetMinutes = 0): void {
    const createdAt = new Date(String(deal.attributes.created_at));
    Object.assign(deal.attributes, this.stageAttributes(pipeline, stageName, enteredAt, offsetMinutes, createdAt));
  }

  private stageAttributes(
    pipeline: BrevoPipeline,
    stageName: string,
    enteredAt: Date,
    offsetMinutes: number,
    createdAt: Date,
  ): Record<string, string> {
    const random = this.random;
    const created = createdAt.getTime() <= enteredAt.getTime()
      ? createdAt
      : random.timeBetween(addDays(enteredAt, -30), enteredAt);
    const lastUpdated = random.timeBetween(enteredAt, this.now);
    const lastActivity = random.timeBetween(created, lastUpdated);

    return {
      pipeline: pipeline.pipeline,
      deal_stage: stageIdOf(pipeline, stageName),
      stage_updated_at: formatTimestamp(enteredAt, offsetMinutes),
      created_at: formatTimestamp(created, offsetMinutes),
      last_updated_date: formatTimestamp(lastUpdated, offsetMinutes),
      last_activity_date: formatTimestamp(lastActivity, offsetMinutes),
    };
  }

  /** Adds an event with a new unique `evt_…` id. */
  addLoyaltyEvent(event: Omit<LoyaltyEvent, 'id'>): LoyaltyEvent {
    let id = `evt_${this.random.hex(16)}`;
    while (this.eventIds.has(id)) id = `evt_${this.random.hex(16)}`;
    this.eventIds.add(id);

    const added: LoyaltyEvent = { id, ...event };
    this.account.loyaltyEvents.push(added);
    return added;
  }

  /** Adds a task as someone created it by hand in Brevo: no Followup marker in the notes. */
  addTask(input: TaskInput): BrevoTask {
    const task: BrevoTask = {
      id: this.random.objectId(input.createdAt),
      name: input.name,
      taskTypeId: taskTypeIdOf(input.type),
      date: formatTimestamp(input.date),
      duration: input.durationMinutes * 60_000,
      notes: input.notes,
      done: input.done,
      assignToId: input.assignTo.id,
      contactsIds: input.contactsIds ?? [],
      dealsIds: input.dealsIds ?? [],
      companiesIds: input.companiesIds ?? [],
      createdAt: formatTimestamp(input.createdAt),
    };
    this.account.tasks.push(task);
    return task;
  }

  private uniqueCompanyName(sector: Sector): { name: string; legalForm: LegalForm } {
    const random = this.random;
    let candidate = { name: '', legalForm: GERMAN_LEGAL_FORMS[0] as LegalForm };
    for (let attempt = 0; attempt < 8; attempt++) {
      const german = random.chance(0.6);
      const legalForm = random.pick(german ? GERMAN_LEGAL_FORMS : INTERNATIONAL_LEGAL_FORMS);
      const base = german
        ? `${random.pick(GERMAN_FAMILY_NAMES)} ${sector.german}`
        : `${random.pick(INTERNATIONAL_BRANDS)} ${sector.english}`;
      candidate = { name: `${base} ${legalForm.suffix}`, legalForm };
      if (!this.companyNames.has(candidate.name)) return candidate;
    }

    // Large accounts run out of combinations, and real CRMs contain duplicate names too.
    let counter = 2;
    while (this.companyNames.has(`${candidate.name} (${counter})`)) counter++;
    return { ...candidate, name: `${candidate.name} (${counter})` };
  }

  /** Builds "<company name> – <product>", preferring a product this company has no deal for yet. */
  private dealName(company: BrevoCompany | undefined): string {
    const prefix = company ? `${String(company.attributes.name)} – ` : '';
    let name = prefix + this.random.pick(PRODUCTS);
    for (let attempt = 0; attempt < 8 && this.dealNames.has(name); attempt++) {
      name = prefix + this.random.pick(PRODUCTS);
    }
    return name;
  }

  private uniqueDomain(companyName: string, legalForm: LegalForm): string {
    const withoutSuffix = companyName.replace(/\s*\(\d+\)$/, '').replace(/\s+(GmbH|AG|Ltd|SAS|Inc)$/, '');
    const slug = toAscii(withoutSuffix).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    let domain = `${slug}.${legalForm.topLevelDomain}`;
    for (let counter = 2; this.domains.has(domain); counter++) {
      domain = `${slug}-${counter}.${legalForm.topLevelDomain}`;
    }
    this.domains.add(domain);
    return domain;
  }

  private uniqueEmail(firstName: string, lastName: string, domain: string): string {
    const local = `${toAscii(firstName)}.${toAscii(lastName)}`.replace(/[^a-z0-9.]+/g, '');
    let email = `${local}@${domain}`;
    for (let counter = 2; this.emails.has(email); counter++) email = `${local}${counter}@${domain}`;
    this.emails.add(email);
    return email;
  }
}

/** Returns the legal form a company name ends with, or a `.com` domain without a suffix when it names none. */
function legalFormOf(companyName: string): LegalForm {
  const forms = [...GERMAN_LEGAL_FORMS, ...INTERNATIONAL_LEGAL_FORMS];
  const found = forms.find((form) => companyName.endsWith(` ${form.suffix}`));
  return found ?? { suffix: '', topLevelDomain: 'com' };
}

/** Lower-cases a name and spells German umlauts and other accented letters in ASCII. */
function toAscii(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/**
 * Generates an account of random but reproducible records: the same options
 * give the same account. Stage entries fall in the 60 days before
 * `capturedAt`, renewal dates between 60 days before and 400 days after it.
 */
export function generateAccount(options: GenerateOptions): AccountSnapshot {
  const random = new Random(options.seed);
  const builder = AccountBuilder.empty(options.capturedAt, random);

  const companies: BrevoCompany[] = [];
  for (let i = 0; i < options.companies; i++) {
    companies.push(builder.addCompany({ offsetMinutes: random.chance(0.1) ? 60 : 0 }));
  }

  for (let i = 0; i < options.contacts; i++) {
    // The first pass gives every company a contact, later ones spread at random.
    const company = i < companies.length
      ? companies[i]
      : companies.length > 0 && !random.chance(0.05) ? random.pick(companies) : undefined;
    builder.addContact(company);
  }

  for (let i = 0; i < options.deals; i++) {
    const pipeline = random.chance(0.9) ? SALES_PIPELINE : PARTNER_PIPELINE;
    builder.addDeal({
      company: companies.length > 0 ? random.pick(companies) : undefined,
      pipeline,
      stage: random.pick(pipeline.stages).name,
      enteredAt: random.timeBetween(builder.daysAgo(60), builder.now),
      offsetMinutes: random.chance(0.05) ? 60 : 0,
    });
  }

  const eventCount = companies.length > 0 ? options.loyaltyEvents ?? Math.round(companies.length / 2) : 0;
  for (let i = 0; i < eventCount; i++) {
    addRandomLoyaltyEvent(builder, random.pick(companies));
  }
  builder.account.loyaltyEvents.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));

  return builder.account;
}

/** Adds a tier change that ends in the company's current tier, or a points redemption. */
function addRandomLoyaltyEvent(builder: AccountBuilder, company: BrevoCompany): void {
  const random = builder.random;
  const occurredAt = formatTimestamp(random.timeBetween(builder.daysAgo(30), builder.now));
  const tier = company.attributes.loyalty_tier as LoyaltyTier;
  const tierIndex = LOYALTY_TIERS.indexOf(tier);

  if (tierIndex > 0 && random.chance(0.6)) {
    const from = LOYALTY_TIERS[tierIndex - 1] as LoyaltyTier;
    builder.addLoyaltyEvent({ type: 'tier_changed', occurredAt, companyId: company.id, data: { from, to: tier } });
    return;
  }
  builder.addLoyaltyEvent({
    type: 'points_redeemed',
    occurredAt,
    companyId: company.id,
    data: { points: random.int(2, 100) * 50 },
  });
}


/**
 * Lookups over one account snapshot, built once per evaluation, and the
 * friendly record views that conditions and templates read.
 */
import type { AccountSnapshot, BrevoCompany, BrevoContact, BrevoDeal, LoyaltyEvent } from '../types/records.js';

export interface StageInfo {
  stageId: string;
  stageName: string;
  pipelineId: string;
  pipelineName: string;
}

export type RecordView = Record<string, unknown>;

export class AccountIndex {
  readonly deals = new Map<string, BrevoDeal>();
  readonly companies = new Map<string, BrevoCompany>();
  readonly contacts = new Map<number, BrevoContact>();
  readonly stages = new Map<string, StageInfo>();
  readonly taskTypesByTitle = new Map<string, { id: string; title: string }>();
  private readonly dealViews = new Map<string, RecordView>();
  private readonly companyViews = new Map<string, RecordView>();
  private readonly contactViews = new Map<number, RecordView>();

  constructor(readonly snapshot: AccountSnapshot) {
    for (const deal of snapshot.deals) this.deals.set(deal.id, deal);
    for (const company of snapshot.companies) this.companies.set(company.id, company);
    for (const contact of snapshot.contacts) this.contacts.set(contact.id, contact);
    for (const pipeline of snapshot.pipelines) {
      for (const stage of pipeline.stages) {
        this.stages.set(stage.id, {
          stageId: stage.id,
          stageName: stage.name,
          pipelineId: pipeline.pipeline,
          pipelineName: pipeline.pipeline_name,
        });
      }
    }
    for (const type of snapshot.taskTypes) this.taskTypesByTitle.set(type.title.toLowerCase(), type);
  }

  dealView(deal: BrevoDeal): RecordView {
    let view = this.dealViews.get(deal.id);
    if (!view) {
      view = buildDealView(deal, this.stages.get(String(deal.attributes.deal_stage ?? '')));
      this.dealViews.set(deal.id, view);
    }
    return view;
  }

  companyView(company: BrevoCompany): RecordView {
    let view = this.companyViews.get(company.id);
    if (!view) {
      view = buildCompanyView(company);
      this.companyViews.set(company.id, view);
    }
    return view;
  }

  contactView(contact: BrevoContact): RecordView {
    let view = this.contactViews.get(contact.id);
    if (!view) {
      view = buildContactView(contact);
      this.contactViews.set(contact.id, view);
    }
    return view;
  }

  companiesOf(ids: readonly string[] | undefined): RecordView[] {
    return collect(ids, (id) => this.companies.get(id), (company) => this.companyView(company));
  }

  dealsOf(ids: readonly string[] | undefined): RecordView[] {
    return collect(ids, (id) => this.deals.get(id), (deal) => this.dealView(deal));
  }

  contactsOf(ids: readonly number[] | undefined): RecordView[] {
    return collect(ids, (id) => this.contacts.get(id), (contact) => this.contactView(contact));
  }
}

function collect<K, R>(ids: readonly K[] | undefined, find: (id: K) => R | undefined, view: (record: R) => RecordView): RecordView[] {
  const views: RecordView[] = [];
  for (const id of ids ?? []) {
    const record = find(id);
    if (record) views.push(view(record));
  }
  return views;
}

/** Raw attributes first, so the friendly names win where they overlap. */
function buildDealView(deal: BrevoDeal, stage: StageInfo | undefined): RecordView {
  const a = deal.attributes;
  return {
    ...a,
    id: deal.id,
    name: a.deal_name ?? null,
    amount: a.amount ?? null,
    owner: a.deal_owner ?? null,
    stage: stage?.stageName ?? null,
    stageId: a.deal_stage ?? null,
    pipeline: stage?.pipelineName ?? null,
    pipelineId: a.pipeline ?? stage?.pipelineId ?? null,
    stageUpdatedAt: a.stage_updated_at ?? null,
    createdAt: a.created_at ?? null,
    attributes: a,
    companyIds: deal.linkedCompaniesIds ?? [],
    contactIds: deal.linkedContactsIds ?? [],
  };
}

function buildCompanyView(company: BrevoCompany): RecordView {
  const a = company.attributes;
  return {
    ...a,
    id: company.id,
    name: a.name ?? null,
    owner: a.owner ?? null,
    createdAt: a.created_at ?? null,
    attributes: a,
    dealIds: company.linkedDealsIds ?? [],
    contactIds: company.linkedContactsIds ?? [],
  };
}

function buildContactView(contact: BrevoContact): RecordView {
  const a = contact.attributes;
  const firstName = typeof a.FIRSTNAME === 'string' ? a.FIRSTNAME : null;
  const lastName = typeof a.LASTNAME === 'string' ? a.LASTNAME : null;
  const fullName = [firstName, lastName].filter(Boolean).join(' ');
  return {
    ...a,
    id: contact.id,
    email: contact.email ?? null,
    firstName,
    lastName,
    name: fullName === '' ? (contact.email ?? null) : fullName,
    createdAt: contact.createdAt ?? null,
    modifiedAt: contact.modifiedAt ?? null,
    attributes: a,
  };
}

export function eventView(event: LoyaltyEvent): RecordView {
  return {
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt,
    companyId: event.companyId ?? null,
    contactId: event.contactId ?? null,
    data: event.data ?? {},
  };
}

/**
 * Records in Brevo's own response shapes, as the file source and the live
 * source deliver them. Attribute names are per account, so attributes stay open.
 */
export type AttributeValue = string | number | boolean | null | string[] | number[];

export interface BrevoDeal {
  id: string;
  attributes: Record<string, AttributeValue | undefined>;
  linkedContactsIds?: number[];
  linkedCompaniesIds?: string[];
}

export interface BrevoCompany {
  id: string;
  attributes: Record<string, AttributeValue | undefined>;
  linkedContactsIds?: number[];
  linkedDealsIds?: string[];
}

export interface BrevoContact {
  id: number;
  email?: string;
  attributes: Record<string, AttributeValue | undefined>;
  createdAt?: string;
  modifiedAt?: string;
}

export interface BrevoPipeline {
  pipeline: string;
  pipeline_name: string;
  stages: { id: string; name: string }[];
}

export interface BrevoTaskType {
  id: string;
  title: string;
}

export interface BrevoTask {
  id: string;
  name: string;
  taskTypeId: string;
  date: string;
  duration?: number;
  notes?: string;
  done?: boolean;
  assignToId?: string;
  contactsIds?: number[];
  dealsIds?: string[];
  companiesIds?: string[];
  createdAt?: string;
}

/** One line of `loyalty-events.ndjson` (and, later, one webhook body). */
export interface LoyaltyEvent {
  id: string;
  type: string;
  occurredAt: string;
  companyId?: string;
  contactId?: number;
  data?: Record<string, unknown>;
}

/** Everything one evaluation reads: the account as of `capturedAt`. */
export interface AccountSnapshot {
  capturedAt: string;
  deals: BrevoDeal[];
  companies: BrevoCompany[];
  contacts: BrevoContact[];
  pipelines: BrevoPipeline[];
  taskTypes: BrevoTaskType[];
  tasks: BrevoTask[];
  loyaltyEvents: LoyaltyEvent[];
}

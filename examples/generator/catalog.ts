/**
 * Fixed parts of a generated account: the CRM users, the two pipelines, the
 * default task types and the word lists that names are built from. The ids
 * are literals so that every generated account shares the same pipelines,
 * stages and users, whatever the seed.
 */
import type { BrevoPipeline, BrevoTaskType } from '../../src/types/records.js';

export interface CrmUser {
  id: string;
  email: string;
}

/** Five CRM users. Owners are stored as ids, account managers as emails. */
export const USERS: readonly CrmUser[] = [
  { id: '5f9baeda1f60fefdcb1097b6', email: 'anna.schmidt@example.com' },
  { id: '5faabcd196cfff0de2dbc766', email: 'jonas.weber@example.com' },
  { id: '5f8465a2a019f7f510e1a72c', email: 'lea.fischer@example.com' },
  { id: '5f88d6efda4a87e461272c23', email: 'david.okafor@example.com' },
  { id: '5f6617af436c1e2c15830068', email: 'sofia.rossi@example.com' },
];

export const SALES_PIPELINE: BrevoPipeline = {
  pipeline: '6547f4330cb7c7b079ad92f3',
  pipeline_name: 'Sales Pipeline',
  stages: [
    { id: 'e9d43f9d-50f1-4270-8934-35c1b2fb8555', name: 'Lead' },
    { id: '4b16b7e0-bc2a-4bf8-811e-e4d102505aad', name: 'Qualified' },
    { id: '47a51f8e-8c48-4467-9e32-cd4fd97965bb', name: 'Demo' },
    { id: 'cc5c5101-9cd8-4be4-9b02-4bd026dfbcc5', name: 'Proposal' },
    { id: '675058e4-5d95-47d2-b44a-511f367122cd', name: 'Negotiation' },
    { id: 'c7692ba3-7ccb-43c0-ab70-fccfd56032b5', name: 'Closed Won' },
    { id: 'aac83c1e-743b-4b3f-825f-f9618207c129', name: 'Closed Lost' },
  ],
};

/** A second pipeline whose stage names repeat Sales Pipeline names with other ids. */
export const PARTNER_PIPELINE: BrevoPipeline = {
  pipeline: '653197b3986283f20337c1bc',
  pipeline_name: 'Partner Pipeline',
  stages: [
    { id: '7350ffeb-d161-4579-aebd-5f6719d082ac', name: 'Lead' },
    { id: '78cf8988-e76a-4072-ad17-e222e64cb355', name: 'Demo' },
    { id: 'd27495a2-5df0-42d0-a20f-ed7edab47a43', name: 'Closed Won' },
  ],
};

/** A stage id that no pipeline contains, like a stage deleted after deals used it. */
export const UNKNOWN_STAGE_ID = '9b4eda92-d8d2-4bd1-88f9-83e3ea7f1be0';

/** The task types Brevo creates by default (GET /crm/tasktypes). */
export const TASK_TYPES: readonly BrevoTaskType[] = [
  { id: '662d56c260fb439d6138b366', title: 'Email' },
  { id: '6621d240f5c72d911d4747b2', title: 'Call' },
  { id: '6679528eac5da2f0e22688d1', title: 'Meeting' },
  { id: '660613164372e28dae2481f3', title: 'Todo' },
  { id: '663e2e9f08a4a8f1700897d2', title: 'Lunch' },
  { id: '668c3e5dbbe34f7b8c232e8c', title: 'Deadline' },
  { id: '668cafe1295e5cb03743afc2', title: 'LinkedIn' },
];

export const LOYALTY_TIERS = ['Bronze', 'Silver', 'Gold', 'Platinum'] as const;
export type LoyaltyTier = (typeof LOYALTY_TIERS)[number];

/** Returns the stage id for a stage name, or throws when the pipeline has no such stage. */
export function stageIdOf(pipeline: BrevoPipeline, stageName: string): string {
  const stage = pipeline.stages.find((candidate) => candidate.name === stageName);
  if (!stage) {
    throw new Error(`Pipeline "${pipeline.pipeline_name}" has no stage named "${stageName}".`);
  }
  return stage.id;
}

export function taskTypeIdOf(title: string): string {
  const taskType = TASK_TYPES.find((candidate) => candidate.title === title);
  if (!taskType) throw new Error(`Task type "${title}" not found in TASK_TYPES.`);
  return taskType.id;
}

export function userByEmail(email: string): CrmUser {
  const user = USERS.find((candidate) => candidate.email === email);
  if (!user) throw new Error(`CRM user "${email}" not found in USERS.`);
  return user;
}

/** Name parts for German companies: "<family name> <sector> GmbH|AG". */
export const GERMAN_FAMILY_NAMES = [
  'Müller', 'Schneider', 'Becker', 'Hoffmann', 'Wagner', 'Keller', 'Brandt', 'Vogel',
  'Krüger', 'Lehmann', 'Hartmann', 'Zimmermann', 'Seidel', 'Franke', 'Lorenz', 'Böhm',
] as const;

/** Name parts for international companies: "<brand> <sector> Ltd|SAS|Inc". */
export const INTERNATIONAL_BRANDS = [
  'Northwind', 'Bluefield', 'Harbor', 'Lumière', 'Atlas', 'Meridian', 'Corvid', 'Saffron',
  'Greywater', 'Novalis',
] as const;

export interface Sector {
  german: string;
  english: string;
  industry: string;
}

export const SECTORS: readonly Sector[] = [
  { german: 'Logistik', english: 'Logistics', industry: 'Transportation & Logistics' },
  { german: 'Maschinenbau', english: 'Engineering', industry: 'Industrial Machinery' },
  { german: 'Medizintechnik', english: 'Medical', industry: 'Medical Devices' },
  { german: 'Software', english: 'Software', industry: 'Software' },
  { german: 'Bau', english: 'Construction', industry: 'Construction' },
  { german: 'Energie', english: 'Energy', industry: 'Energy & Utilities' },
  { german: 'Lebensmittel', english: 'Foods', industry: 'Food & Beverage' },
  { german: 'Handel', english: 'Retail', industry: 'Retail' },
  { german: 'Druck', english: 'Print', industry: 'Printing & Publishing' },
  { german: 'Versicherungsdienst', english: 'Insurance Services', industry: 'Insurance' },
];

export interface LegalForm {
  suffix: string;
  topLevelDomain: string;
}

export const GERMAN_LEGAL_FORMS: readonly LegalForm[] = [
  { suffix: 'GmbH', topLevelDomain: 'de' },
  { suffix: 'AG', topLevelDomain: 'de' },
];

export const INTERNATIONAL_LEGAL_FORMS: readonly LegalForm[] = [
  { suffix: 'Ltd', topLevelDomain: 'co.uk' },
  { suffix: 'SAS', topLevelDomain: 'fr' },
  { suffix: 'Inc', topLevelDomain: 'com' },
];

export const FIRST_NAMES = [
  'Lukas', 'Mia', 'Felix', 'Hannah', 'Paul', 'Lena', 'Maximilian', 'Emma', 'Jonas', 'Clara',
  'Tobias', 'Marie', 'Oliver', 'Amelia', 'Hugo', 'Chloé', 'Mateo', 'Aisha', 'Kenji', 'Priya',
  'Tomasz', 'Ingrid', 'Noah', 'Sophie',
] as const;

export const LAST_NAMES = [
  'Schulz', 'Koch', 'Richter', 'Klein', 'Wolf', 'Neumann', 'Schwarz', 'Braun', 'Hofmann',
  'Walter', 'Smith', 'Taylor', 'Dubois', 'Laurent', 'García', 'Rossi', 'Nowak', 'Jensen',
  'Tanaka', 'Patel', 'O’Brien', 'Yılmaz',
] as const;

export const JOB_TITLES = [
  'Head of Procurement', 'Chief Financial Officer', 'IT Director', 'Operations Manager',
  'Managing Director', 'Purchasing Manager', 'Head of Sales', 'Project Lead',
  'Office Manager', 'Chief Technology Officer',
] as const;

/** Products that deals sell. Deal names have the form "<company name> – <product>". */
export const PRODUCTS = [
  'CRM rollout', 'Annual licence renewal', 'Fleet tracking', 'Support upgrade',
  'Data migration', 'Team training', 'Analytics add-on', 'Second site expansion',
  'API integration', 'Managed hosting',
] as const;

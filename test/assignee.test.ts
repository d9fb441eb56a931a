import { describe, expect, it } from 'vitest';
import { resolveAssignee } from '../src/evaluate/assignee.js';
import { evaluate } from '../src/evaluate/index.js';
import { renderTemplate } from '../src/evaluate/template.js';
import { EMPTY_MIRROR } from '../src/state/mirror.js';
import type { BrevoDeal } from '../src/types/records.js';
import { OWNER, STAGES, account, company, deal, rule } from './support/fixtures.js';

const NOW = '2026-12-01T07:00:00.000Z';
const ENTERED = { deal_stage: STAGES.Lead, stage_updated_at: '2026-11-30T10:00:00.000Z' };

interface ChainCase {
  name: string;
  chain: string[];
  deal: Record<string, unknown>;
  /** Attributes of a linked company; no company when absent. */
  company?: Record<string, unknown>;
  expected: string | null;
  /** Entries passed over, in order, when a fallback won. */
  skipped?: string[];
}

const cases: ChainCase[] = [
  { name: 'owner id from the template', chain: ['{{ deal.owner }}', 'revops@example.com'], deal: {}, expected: OWNER },
  {
    name: 'owner email from the template',
    chain: ['{{ deal.owner }}', 'revops@example.com'],
    deal: { deal_owner: 'anna@example.com' },
    expected: 'anna@example.com',
  },
  {
    name: 'empty owner falls back to the fixed address',
    chain: ['{{ deal.owner }}', 'revops@example.com'],
    deal: { deal_owner: null },
    expected: 'revops@example.com',
    skipped: ['{{ deal.owner }}'],
  },
  {
    name: 'missing owner attribute falls back',
    chain: ['{{ deal.owner }}', 'revops@example.com'],
    deal: { deal_owner: undefined },
    expected: 'revops@example.com',
    skipped: ['{{ deal.owner }}'],
  },
  {
    name: 'blank owner text falls back',
    chain: ['{{ deal.owner }}', 'revops@example.com'],
    deal: { deal_owner: '   ' },
    expected: 'revops@example.com',
    skipped: ['{{ deal.owner }}'],
  },
  {
    name: 'owner that is no user falls back',
    chain: ['{{ deal.owner }}', 'revops@example.com'],
    deal: { deal_owner: 'Anna Schmidt' },
    expected: 'revops@example.com',
    skipped: ['{{ deal.owner }}'],
  },
  {
    name: 'template that cannot render falls back',
    chain: ['{{ company.account_manager }}', '{{ deal.owner }}'],
    deal: {},
    expected: OWNER,
    skipped: ['{{ company.account_manager }}'],
  },
  {
    name: 'attribute the company lacks falls back',
    chain: ['{{ company.account_manager }}', '{{ company.owner }}'],
    deal: {},
    company: { owner: 'lea@example.com' },
    expected: 'lea@example.com',
    skipped: ['{{ company.account_manager }}'],
  },
  {
    name: 'three links down to the fixed address',
    chain: ['{{ company.account_manager }}', '{{ deal.owner }}', 'revops@example.com'],
    deal: { deal_owner: '' },
    company: { account_manager: null },
    expected: 'revops@example.com',
    skipped: ['{{ company.account_manager }}', '{{ deal.owner }}'],
  },
  {
    name: 'padded value is trimmed',
    chain: ['  {{ deal.owner }}  '],
    deal: { deal_owner: ' anna@example.com ' },
    expected: 'anna@example.com',
  },
  { name: 'fixed user id first', chain: ['5faabcd196cfff0de2dbc766'], deal: {}, expected: '5faabcd196cfff0de2dbc766' },
  { name: 'no link resolves', chain: ['{{ deal.owner }}', '{{ company.owner }}'], deal: { deal_owner: null }, expected: null },
];

async function planFor(testCase: ChainCase) {
  const linked = testCase.company ? company(testCase.company) : undefined;
  const links: Partial<BrevoDeal> = linked ? { linkedCompaniesIds: [linked.id] } : {};
  const entered = deal({ ...ENTERED, ...testCase.deal }, links);
  const leadRule = rule({ dealStageEntered: { stage: 'Lead' } }, { assignee: testCase.chain });
  const snapshot = account({ deals: [entered], companies: linked ? [linked] : [] });
  return evaluate({ rules: [leadRule], fingerprint: 'test' }, snapshot, { now: NOW, lang: 'en', mirror: EMPTY_MIRROR });
}

describe('assignee chain', () => {
  it.each(cases.filter((testCase) => testCase.expected !== null))('$name', async (testCase) => {
    const result = await planFor(testCase);

    expect(result.problems).toEqual([]);
    expect(result.candidates).toHaveLength(1);
    const candidate = result.candidates[0]!;
    expect(candidate.task.assignToId).toBe(testCase.expected);
    const fallback = candidate.notes.find((note) => note.code === 'ASSIGNEE_FALLBACK');
    expect(fallback?.params.skipped).toBe(testCase.skipped?.join(', '));
  });

  it('reports a task whose chain resolves to nobody, and plans nothing', async () => {
    const testCase = cases.find((candidate) => candidate.expected === null)!;
    const result = await planFor(testCase);

    expect(result.candidates).toEqual([]);
    expect(result.problems.map((problem) => problem.code)).toEqual(['ASSIGNEE_UNRESOLVED']);
    expect(result.problems[0]!.params.chain).toBe('{{ deal.owner }} → {{ company.owner }}');
    expect(result.problems[0]!.rule).toBe('test-rule');
  });

  it('notes the fallback with the assignee that got the task', async () => {
    const result = await planFor(cases.find((testCase) => testCase.name === 'empty owner falls back to the fixed address')!);
    const note = result.candidates[0]!.notes[0]!;

    expect(note.code).toBe('ASSIGNEE_FALLBACK');
    expect(note.params.assignee).toBe('revops@example.com');
    expect(note.record?.type).toBe('deal');
  });
});

describe('resolveAssignee', () => {
  const render = (entry: string) => renderTemplate(entry, { deal: { owner: '' } }, 'en');

  it('gives each skipped entry its reason', () => {
    const resolution = resolveAssignee(['{{ deal.owner }}', '{{ deal.nmae }}', 'Anna', 'revops@example.com'], render);

    expect(resolution).toEqual({
      assignee: 'revops@example.com',
      index: 3,
      skipped: [
        { entry: '{{ deal.owner }}', reason: 'empty' },
        { entry: '{{ deal.nmae }}', reason: 'renderFailed' },
        { entry: 'Anna', reason: 'notUser' },
      ],
    });
  });

  it('stops at the first entry that resolves', () => {
    const resolution = resolveAssignee(['revops@example.com', '{{ deal.nmae }}'], render);

    expect(resolution.index).toBe(0);
    expect(resolution.skipped).toEqual([]);
  });

  it('returns null for an empty chain', () => {
    expect(resolveAssignee([], render)).toEqual({ assignee: null, index: -1, skipped: [] });
  });
});

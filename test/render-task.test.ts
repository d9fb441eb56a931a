import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate/index.js';
import type { Lang } from '../src/i18n/index.js';
import { EMPTY_MIRROR } from '../src/state/mirror.js';
import type { TaskTemplateSpec } from '../src/types/rules.js';
import { STAGES, account, deal, rule } from './support/fixtures.js';

const NOW = '2026-12-01T07:00:00.000Z';

/** Render with the rule file's `locale`; `cliLang` is the language the command line speaks. */
async function render(task: Partial<TaskTemplateSpec>, attributes: Record<string, unknown> = {}, locale: Lang = 'en', cliLang: Lang = 'en') {
  const entered = deal({ deal_stage: STAGES.Lead, stage_updated_at: '2026-11-30T23:30:00.000Z', ...attributes });
  const leadRule = rule({ dealStageEntered: { stage: 'Lead' } }, task, { locale });
  return evaluate({ rules: [leadRule], fingerprint: 't' }, account({ deals: [entered] }), { now: NOW, lang: cliLang, mirror: EMPTY_MIRROR });
}

describe('task templates', () => {
  it('show dates in the rule time zone', async () => {
    const result = await render({ name: "Entered {{ deal.stageUpdatedAt | localdate: 'dd.MM. HH:mm' }}" });

    expect(result.candidates[0]!.task.name).toBe('Entered 01.12. 00:30');
  });

  it('render for the rule file locale, not the command line language', async () => {
    const english = await render({ name: "Deal {{ deal.amount | money: 'EUR' }}" }, { amount: 12500 }, 'en', 'de');
    const german = await render({ name: "Deal {{ deal.amount | money: 'EUR' }}" }, { amount: 12500 }, 'de', 'en');

    expect(english.candidates[0]!.task.name).toBe('Deal €12,500.00');
    expect(german.candidates[0]!.task.name).toBe('Deal 12.500,00 €');
  });

  it('show dates in the rule file locale', async () => {
    const result = await render({ name: 'Entered {{ deal.stageUpdatedAt | localdate }}' }, {}, 'de');

    expect(result.candidates[0]!.task.name).toBe('Entered 01.12.2026');
  });

  it('show money in a currency and the rule file locale', async () => {
    const german = await render({ name: "Deal {{ deal.amount | money: 'EUR' }}" }, { amount: '12500' }, 'de');
    const english = await render({ name: "Deal {{ deal.amount | money: 'CHF' }}" }, { amount: 12500 }, 'en');

    expect(german.candidates[0]!.task.name).toBe('Deal 12.500,00 €');
    expect(english.candidates[0]!.task.name).toBe('Deal CHF 12,500.00');
  });

  it('fill a missing attribute from a default', async () => {
    const result = await render({ name: "Tier {{ deal.tier | default: 'none' }}" });

    expect(result.candidates[0]!.task.name).toBe('Tier none');
  });

  it('report a record that lacks a variable and plan the others', async () => {
    const result = await render({ name: 'Tier {{ deal.tier }}' });

    expect(result.candidates).toEqual([]);
    expect(result.problems.map((problem) => problem.code)).toEqual(['TEMPLATE_RENDER_FAILED']);
    expect(result.problems[0]!.params.detail).toContain('deal.tier');
  });

  it('report a name that renders empty', async () => {
    const result = await render({ name: '{{ deal.tier }}' }, { tier: '  ' });

    expect(result.problems.map((problem) => problem.code)).toEqual(['TASK_NAME_EMPTY']);
  });
});

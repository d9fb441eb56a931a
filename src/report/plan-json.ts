/**
 * The plan as JSON: the contract other tools read. Diagnostics carry their
 * rendered message beside code and params.
 */
import type { Lang } from '../i18n/index.js';
import type { Diagnostic } from '../types/diagnostics.js';
import type { Plan } from '../types/plan.js';
import { diagnosticMessage } from './diagnostics.js';

export function renderPlanJson(plan: Plan, lang: Lang): string {
  const withMessage = (diagnostic: Diagnostic) => ({ ...diagnostic, message: diagnosticMessage(diagnostic, lang) });
  const document = {
    ...plan,
    items: plan.items.map((item) => ({ ...item, notes: item.notes.map(withMessage) })),
    problems: plan.problems.map(withMessage),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

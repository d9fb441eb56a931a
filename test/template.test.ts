import { describe, expect, it } from 'vitest';
import {
  analyzeTemplate,
  parseTemplate,
  renderTemplate,
  TemplateError,
  TemplateSyntaxError,
  templateVariables,
  UnknownTemplateVariableError,
} from '../src/evaluate/template.js';

const deal = { name: 'Acme renewal', amount: 12500, owner: 'anna@example.com', attributes: { deal_stage: 's1' } };

function renderError(source: string, context: object): unknown {
  try {
    renderTemplate(source, context, 'en');
  } catch (error) {
    return error;
  }
  throw new Error(`rendering ${source} did not fail`);
}

describe('money filter', () => {
  it('formats euros in English', () => {
    expect(renderTemplate("{{ deal.amount | money: 'EUR' }}", { deal }, 'en')).toBe('€12,500.00');
  });

  it('formats euros in German', () => {
    expect(renderTemplate("{{ deal.amount | money: 'EUR' }}", { deal }, 'de')).toBe('12.500,00 €');
  });

  it('reads numbers stored as text', () => {
    expect(renderTemplate("{{ amount | money: 'USD' }}", { amount: '99.5' }, 'en')).toBe('$99.50');
  });

  it('renders nothing for an empty amount', () => {
    expect(renderTemplate("[{{ amount | money: 'EUR' }}]", { amount: null }, 'en')).toBe('[]');
  });

  it('needs a currency', () => {
    const error = renderError('{{ deal.amount | money }}', { deal });

    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).code).toBe('TEMPLATE_RENDER_FAILED');
  });

  it('rejects text that is no number', () => {
    const error = renderError("{{ amount | money: 'EUR' }}", { amount: 'a lot' });

    expect((error as TemplateError).message).toContain('"a lot"');
  });
});

describe('localdate filter', () => {
  it('uses the German default format', () => {
    expect(renderTemplate('{{ day | localdate }}', { day: '2026-03-01' }, 'de')).toBe('01.03.2026');
  });

  it('uses the English default format', () => {
    expect(renderTemplate('{{ day | localdate }}', { day: '2026-03-01' }, 'en')).toBe('2026-03-01');
  });

  it('shows a timestamp in the rule time zone', () => {
    const output = renderTemplate('{{ at | localdate }}', { at: '2026-03-01T23:30:00Z' }, 'de', { timezone: 'Europe/Berlin' });

    expect(output).toBe('02.03.2026');
  });

  it('takes a format and a zone', () => {
    const output = renderTemplate("{{ at | localdate: 'dd.MM.yyyy HH:mm', 'America/New_York' }}", { at: '2026-03-01T23:30:00Z' }, 'en');

    expect(output).toBe('01.03.2026 18:30');
  });

  it('replaces date so templates cannot read the clock', () => {
    expect(renderTemplate('{{ day | date }}', { day: '2026-03-01' }, 'de')).toBe('01.03.2026');
    expect((renderError("{{ 'now' | date }}", {}) as TemplateError).code).toBe('TEMPLATE_RENDER_FAILED');
  });
});

describe('default filter', () => {
  it('fills an undefined variable', () => {
    expect(renderTemplate("{{ deal.tier | default: 'none' }}", { deal }, 'en')).toBe('none');
  });

  it('fills an undefined root', () => {
    expect(renderTemplate("{{ missing.value | default: 'none' }}", {}, 'en')).toBe('none');
  });

  it('keeps a defined value', () => {
    expect(renderTemplate("{{ deal.name | default: 'none' }}", { deal }, 'en')).toBe('Acme renewal');
  });

  it('lets if test an undefined variable', () => {
    expect(renderTemplate('{% if deal.tier %}yes{% else %}no{% endif %}', { deal }, 'en')).toBe('no');
  });
});

describe('unknown variables', () => {
  it('throw naming the variable', () => {
    const error = renderError('Call {{ deal.nmae }}', { deal });

    expect(error).toBeInstanceOf(UnknownTemplateVariableError);
    expect((error as UnknownTemplateVariableError).variable).toBe('deal.nmae');
    expect((error as Error).message).toContain('deal.nmae');
  });

  it('name the missing root', () => {
    const error = renderError('{{ company.name }}', { deal });

    expect((error as UnknownTemplateVariableError).variable).toBe('company');
  });
});

describe('sandbox', () => {
  it('hides constructor', () => {
    const error = renderError('{{ deal.constructor }}', { deal });

    expect(error).toBeInstanceOf(UnknownTemplateVariableError);
  });

  it('hides constructor reached by index', () => {
    expect(renderError("{{ deal['constructor'] }}", { deal })).toBeInstanceOf(UnknownTemplateVariableError);
  });

  it('hides __proto__', () => {
    expect(renderError('{{ deal.__proto__ }}', { deal })).toBeInstanceOf(UnknownTemplateVariableError);
  });

  it('gives nothing for constructor behind default', () => {
    expect(renderTemplate("[{{ deal.constructor.name | default: '' }}]", { deal }, 'en')).toBe('[]');
  });

  it('hides inherited properties', () => {
    const record = Object.create({ secret: 'inherited' }) as object;

    expect(renderError('{{ record.secret }}', { record })).toBeInstanceOf(UnknownTemplateVariableError);
  });

  it.each(["{% include 'package.json' %}", "{% render '/etc/passwd' %}", "{% layout 'package.json' %}"])(
    'cannot read files with %s',
    (source) => {
      const error = renderError(source, {});

      expect(error).toBeInstanceOf(TemplateSyntaxError);
      expect((error as Error).message).toMatch(/tag "(include|render|layout)" not found/);
    },
  );
});

describe('parseTemplate', () => {
  it('rejects an unknown filter', () => {
    expect(() => parseTemplate('{{ deal.amount | currency }}')).toThrow(TemplateSyntaxError);
  });

  it('gives the offset of a syntax error', () => {
    let error: unknown;
    try {
      parseTemplate('Call\n  {{ deal..name }}');
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(TemplateSyntaxError);
    expect((error as TemplateSyntaxError).offset).toBeGreaterThan(5);
  });
});

describe('templateVariables', () => {
  it('lists context variables as segments', () => {
    const variables = templateVariables('{{ deal.name }} {{ contacts[0].email }} {% for c in contacts %}{{ c.email }}{% endfor %}');

    expect(variables).toEqual([['deal', 'name'], ['contacts', '0', 'email'], ['contacts']]);
  });

  it('stops a path at a dynamic index', () => {
    expect(templateVariables('{{ deal.attributes[field.name] }}')).toEqual([['deal', 'attributes'], ['field', 'name']]);
  });

  it('gives offsets of each reference', () => {
    const variables = analyzeTemplate('Hi\n {{ deal.owner }}');

    expect(variables).toEqual([{ segments: ['deal', 'owner'], global: true, offset: 7 }]);
  });
});

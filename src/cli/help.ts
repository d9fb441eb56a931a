/**
 * Commander's own help text in the user's language: section titles, the
 * help option and command, and the "(default: …)" and "(choices: …)" notes.
 */
import type { Command, Help } from 'commander';
import { t, type Lang } from '../i18n/index.js';

const TITLES: Record<string, string> = {
  'Usage:': 'help.usage',
  'Options:': 'help.options',
  'Commands:': 'help.commands',
  'Arguments:': 'help.arguments',
  'Global Options:': 'help.globalOptions',
};

export function localizeHelp(command: Command, lang: Lang): void {
  command.helpOption('-h, --help', t(lang, 'help.option'));
  if (command.commands.length > 0) command.helpCommand('help [command]', t(lang, 'help.command'));
  command.configureHelp({
    styleTitle: (title: string) => (TITLES[title] ? t(lang, TITLES[title]) : title),
    optionDescription: (option) => describe(option.description, lang, option.argChoices, option.defaultValue, option.defaultValueDescription),
    argumentDescription: (argument) =>
      describe(argument.description, lang, argument.argChoices, argument.defaultValue, argument.defaultValueDescription),
  } satisfies Partial<Help>);
}

function describe(text: string, lang: Lang, choices: string[] | undefined, defaultValue: unknown, defaultDescription: string | undefined): string {
  const notes: string[] = [];
  if (choices) notes.push(t(lang, 'help.choices', { choices: choices.map((choice) => JSON.stringify(choice)).join(', ') }));
  if (defaultValue !== undefined && defaultValue !== false) {
    notes.push(t(lang, 'help.default', { value: defaultDescription ?? JSON.stringify(defaultValue) }));
  }
  return notes.length === 0 ? text : `${text} (${notes.join(', ')})`;
}

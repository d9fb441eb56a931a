import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Command } from 'commander';
import { t } from '../i18n/index.js';
import { CliError, type Io } from './io.js';

const TEMPLATES = join(import.meta.dirname, 'init-templates');
const SCHEMA = resolve(import.meta.dirname, '../../schemas/rules.schema.json');

export interface InitOptions {
  force?: boolean;
}

export function initCommand(io: Io): Command {
  return new Command('init')
    .description(t(io.lang, 'cli.init.description'))
    .argument('[dir]', t(io.lang, 'cli.init.dir'), '.')
    .option('--force', t(io.lang, 'cli.init.force'))
    .action((dir: string, options: InitOptions) => runInit(dir, options, io));
}

/** Files `init` writes, relative to the target directory, and their content. */
function scaffold(): [string, string][] {
  return [
    ['rules/deals.yaml', readFileSync(join(TEMPLATES, 'rules.yaml'), 'utf8')],
    ['rules/tests/deals.yaml', readFileSync(join(TEMPLATES, 'rule-test.yaml'), 'utf8')],
    ['schemas/rules.schema.json', readFileSync(SCHEMA, 'utf8')],
    ['.github/workflows/followup.yml', readFileSync(join(TEMPLATES, 'workflow.yml'), 'utf8')],
  ];
}

export function runInit(dir: string, options: InitOptions, io: Io): void {
  const files = scaffold();
  const existing = files.map(([path]) => join(dir, path)).filter((path) => existsSync(path));
  if (existing.length > 0 && !options.force) {
    throw new CliError('cli.init.exists', { files: existing.map((path) => relative(process.cwd(), path) || path).join(', ') }, 1);
  }
  for (const [path, content] of files) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    io.out(t(io.lang, 'cli.init.wrote', { file: relative(process.cwd(), target) || target }));
  }
  io.out(t(io.lang, 'cli.init.next'));
}

import { join } from 'node:path';
import { Command } from 'commander';
import { t } from '../i18n/index.js';
import { formatDiagnostic } from '../report/diagnostics.js';
import { renderRuleTests } from '../report/rule-tests-text.js';
import { readRuleTests } from '../ruletest/read-tests.js';
import { runRuleTest } from '../ruletest/run-tests.js';
import type { RuleTestResult } from '../ruletest/types.js';
import type { Io } from './io.js';

export interface TestOptions {
  tests?: string;
}

export function testCommand(io: Io): Command {
  return new Command('test')
    .description(t(io.lang, 'cli.test.description'))
    .argument('[rules]', t(io.lang, 'cli.option.rules'), 'rules')
    .option('--tests <dir>', t(io.lang, 'cli.option.tests'))
    .action(async (rulesDir: string, options: TestOptions) => runTests(rulesDir, options, io));
}

export async function runTests(rulesDir: string, options: TestOptions, io: Io): Promise<void> {
  const testsDir = options.tests ?? join(rulesDir, 'tests');
  const { cases, diagnostics } = readRuleTests(testsDir);
  for (const diagnostic of diagnostics) io.err(formatDiagnostic(diagnostic, io.lang));
  if (diagnostics.length > 0) {
    process.exitCode = 1;
    return;
  }
  if (cases.length === 0) {
    io.err(t(io.lang, 'ruletest.none', { dir: testsDir }));
    process.exitCode = 1;
    return;
  }

  const results: RuleTestResult[] = [];
  for (const testCase of cases) results.push(await runRuleTest(testCase, rulesDir, io.lang));
  io.out(renderRuleTests(results, io.lang));
  if (results.some((result) => !result.passed)) process.exitCode = 1;
}

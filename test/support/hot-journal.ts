/**
 * A state store left as a killed apply leaves it: a child process starts a
 * write transaction, changes enough pages that SQLite writes some of them
 * into the store file, and is killed with SIGKILL before it commits. The
 * store then has a hot rollback journal (`<store>-journal`) that only a
 * read-write connection can roll back.
 */
import { spawnSync } from 'node:child_process';
import { ROOT } from './cli.js';

const WRITER = `
import { createRequire } from 'node:module';
const require = createRequire(process.env.FOLLOWUP_ROOT + '/package.json');
const Database = require('better-sqlite3');
const db = new Database(process.env.STORE);
db.pragma('journal_mode = DELETE');
// A small page cache makes SQLite spill changed pages into the store before the commit.
db.pragma('cache_size = 1');
db.exec('BEGIN IMMEDIATE');
db.exec(process.env.CHANGE);
db.exec('CREATE TABLE uncommitted_filler (text TEXT)');
const insert = db.prepare('INSERT INTO uncommitted_filler VALUES (?)');
for (let i = 0; i < 2000; i += 1) insert.run('x'.repeat(500));
process.kill(process.pid, 'SIGKILL');
`;

/** Runs `change` (SQL) and more in a transaction on the store at `path`, and kills the writer before the commit. */
export function killWriterMidTransaction(path: string, change: string): void {
  const result = spawnSync(process.execPath, ['--input-type=module', '--eval', WRITER], {
    env: { PATH: process.env.PATH, FOLLOWUP_ROOT: ROOT, STORE: path, CHANGE: change },
    encoding: 'utf8',
  });
  if (result.signal !== 'SIGKILL') throw new Error(`the writer was expected to die by SIGKILL, but it ended with ${result.status}: ${result.stderr}`);
}

export function journalOf(path: string): string {
  return `${path}-journal`;
}

/**
 * One name per state store. The run lock file is named after the store's
 * path and SQLite finds a store's rollback journal by that path too, so two
 * runs must reach one store through one path, whatever symlinks or hard
 * links lead to it.
 */
import { lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { StateFileError } from './errors.js';

// Linux's limit (MAXSYMLINKS) on symlinks followed while resolving one path.
const MAX_SYMLINKS = 40;

/**
 * Resolves a state store path to its real path: absolute, with every
 * symlink followed, also when the file or its folders do not exist yet.
 * Throws StateFileError when the store file has more than one hard link,
 * because two names of one file would get two run locks and two journals.
 */
export function resolveStatePath(path: string): string {
  const real = realPathOfMaybeMissing(resolve(path), 0);
  const stats = statSync(real, { throwIfNoEntry: false });
  if (stats?.isFile() && stats.nlink > 1) throw new StateFileError({ problem: 'hardLinks', file: real, links: stats.nlink });
  return real;
}

/** Like realpath, but a missing last part is kept as it is (after following a dangling symlink, as SQLite does). */
function realPathOfMaybeMissing(path: string, symlinksFollowed: number): string {
  try {
    return realpathSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }

  const entry = lstatSync(path, { throwIfNoEntry: false });
  if (entry?.isSymbolicLink()) {
    if (symlinksFollowed >= MAX_SYMLINKS) {
      throw Object.assign(new Error(`ELOOP: too many symbolic links, ${path}`), { code: 'ELOOP', path });
    }
    return realPathOfMaybeMissing(resolve(dirname(path), readlinkSync(path)), symlinksFollowed + 1);
  }

  const parent = dirname(path);
  if (parent === path) return path;
  return join(realPathOfMaybeMissing(parent, symlinksFollowed), basename(path));
}

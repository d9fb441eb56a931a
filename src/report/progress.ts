/**
 * A progress bar for long applies, on stderr and only when stderr is a
 * terminal, so pipes, logs and CI output stay clean.
 */
import { SingleBar } from 'cli-progress';
import { t, type Lang } from '../i18n/index.js';

export interface Progress {
  onProgress?: (done: number, total: number) => void;
  stop(): void;
}

/** Tasks below this count finish too fast for a bar to help. */
const MIN_TASKS = 5;

export function progressBar(lang: Lang, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { stop: () => undefined };
  let bar: SingleBar | null = null;
  return {
    onProgress: (done, total) => {
      if (total < MIN_TASKS) return;
      if (!bar) {
        bar = new SingleBar({ stream, format: `${t(lang, 'apply.progress')} [{bar}] {value}/{total}`, clearOnComplete: true, hideCursor: true });
        bar.start(total, done);
        return;
      }
      bar.update(done);
    },
    stop: () => bar?.stop(),
  };
}

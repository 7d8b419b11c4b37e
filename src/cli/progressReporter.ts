import type { UploadProgress } from '../inbound/uploadBulkRequests';

const BAR_WIDTH = 30;

/**
 * Shows upload progress on a stream: a bar redrawn in place on a terminal; on anything else (a CI log, a
 * file) one plain line per 10%, because carriage returns would fill a log with noise.
 */
export function progressReporter(stream: NodeJS.WritableStream): { update(progress: UploadProgress): void; finish(): void } {
  const tty = (stream as NodeJS.WritableStream & { isTTY?: boolean }).isTTY === true;
  let lastDecile = 0;
  let drawn = false;
  return {
    update(p) {
      const fraction = p.requestsTotal === 0 ? 1 : p.requestsDone / p.requestsTotal;
      const percent = Math.floor(fraction * 100);
      const counts = `${p.recordsDone}/${p.recordsTotal} records, ${p.requestsDone}/${p.requestsTotal} requests${p.retries > 0 ? `, ${p.retries} retries` : ''}`;
      if (tty) {
        const filled = Math.round(fraction * BAR_WIDTH);
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${String(percent).padStart(3)}% ${counts}`);
        drawn = true;
        return;
      }
      const decile = Math.floor(percent / 10);
      if (decile > lastDecile) {
        lastDecile = decile;
        stream.write(`${decile * 10}% ${counts}\n`);
      }
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}

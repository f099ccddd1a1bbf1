// The Web Worker that reads a dropped log: parsing a 1 GB file here keeps the page responsive. Cancel is
// worker.terminate() from the page. Messages: in {file, options}; out progress…, then done or failed.
import type { LogSummary, SummaryOptions } from '../../core/logs';
import { summariseFile, type ReadProgress } from './readLog';

export type WorkerIn = { file: File; options: SummaryOptions };
export type WorkerOut =
  | { type: 'progress'; progress: ReadProgress }
  | { type: 'done'; summary: LogSummary }
  | { type: 'failed'; message: string };

const post = (m: WorkerOut) => (self as unknown as Worker).postMessage(m);

self.onmessage = async (e: MessageEvent<WorkerIn>) => {
  try {
    const summary = await summariseFile(e.data.file, e.data.options, (progress) =>
      post({ type: 'progress', progress }),
    );
    post({ type: 'done', summary });
  } catch (err) {
    post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
};

import { useCallback, useEffect, useRef, useState } from 'react';
import type { LogSummary, SummaryOptions } from '../../core/logs';
import type { ReadProgress } from './readLog';
import type { WorkerIn, WorkerOut } from './log.worker';

export type ImportState =
  | { kind: 'idle' }
  | { kind: 'reading'; name: string; progress: ReadProgress | null }
  | { kind: 'done'; name: string; summary: LogSummary }
  | { kind: 'cancelled'; name: string }
  | { kind: 'failed'; name: string; message: string };

/**
 * Reads files in a Web Worker. cancel() terminates it (the only sure way to stop it mid-chunk); an idle
 * worker is reused, so a second file loads no code and makes no request at all.
 */
export function useLogWorker() {
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const worker = useRef<Worker | null>(null);
  const reading = useRef('');
  const stop = () => {
    worker.current?.terminate();
    worker.current = null;
  };
  useEffect(() => stop, []);

  const onMessage = (m: WorkerOut) => {
    const name = reading.current;
    if (m.type === 'progress') {
      setState({ kind: 'reading', name, progress: m.progress });
      return;
    }
    reading.current = '';
    setState(
      m.type === 'done'
        ? { kind: 'done', name, summary: m.summary }
        : { kind: 'failed', name, message: m.message },
    );
  };
  const handler = useRef(onMessage);
  useEffect(() => {
    handler.current = onMessage;
  });

  const read = useCallback((file: File, options: SummaryOptions) => {
    if (reading.current !== '') stop();
    if (!worker.current) {
      const w = new Worker(new URL('./log.worker.ts', import.meta.url), { type: 'module' });
      w.onmessage = (e: MessageEvent<WorkerOut>) => handler.current(e.data);
      w.onerror = (e) => {
        // A worker that failed outside the reader (out of memory, a script error) is not reused.
        w.terminate();
        if (worker.current === w) worker.current = null;
        handler.current({ type: 'failed', message: e.message || 'The log reader stopped unexpectedly.' });
      };
      worker.current = w;
    }
    reading.current = file.name;
    setState({ kind: 'reading', name: file.name, progress: null });
    worker.current.postMessage({ file, options } satisfies WorkerIn);
  }, []);

  const cancel = useCallback(() => {
    stop();
    setState({ kind: 'cancelled', name: reading.current });
    reading.current = '';
  }, []);

  return { state, read, cancel };
}

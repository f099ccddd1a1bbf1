// Streams a log file through the core's summariser: File.stream() → (gunzip) → UTF-8 text → summariser.
// Runs inside the Web Worker (log.worker.ts); plain Web Streams, so Node (the unit tests) runs it too.
// Only one chunk (~64 KB) of the file is in memory at a time; nothing is sent anywhere.
import { createSummariser, type LogSummary, type SummaryOptions } from '../../core/logs';
import { int } from '../result/format';

export interface ReadProgress {
  /** Bytes of the file read (compressed bytes for a .gz). */
  bytes: number;
  total: number;
  lines: number;
}

/** gzip's magic number (RFC 1952): a .gz is recognised by its first bytes, whatever its name. */
async function isGzip(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  return head[0] === 0x1f && head[1] === 0x8b;
}

export async function summariseFile(
  file: Blob,
  opts: SummaryOptions,
  onProgress: (p: ReadProgress) => void,
): Promise<LogSummary> {
  const sum = createSummariser(opts);
  const gzip = await isGzip(file);
  let bytes = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, ctl) {
      bytes += chunk.byteLength;
      ctl.enqueue(chunk);
    },
  });
  // The DOM typings of these streams disagree on Uint8Array vs BufferSource; the bytes are the same.
  let stream: ReadableStream<Uint8Array> = file.stream().pipeThrough(counter);
  if (gzip)
    stream = stream.pipeThrough(
      new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
    );
  const text = new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>;
  const reader = stream.pipeThrough(text).getReader();
  let lastReport = -1;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      sum.push(value);
      if (sum.hopeless()) {
        // Not a log this reads: say so now rather than after scanning the whole file.
        await reader.cancel();
        break;
      }
      // Progress at most every 1% of the file: a message per chunk would cost more than the parsing.
      if (bytes - lastReport >= file.size / 100) {
        lastReport = bytes;
        onProgress({ bytes, total: file.size, lines: sum.lines() });
      }
    }
  } catch (e) {
    // A truncated or damaged .gz fails at the cut: keep what was read before it, and say so.
    const what = gzip
      ? 'The gzip file ends early or is damaged (truncated download or copy?)'
      : `Reading the file failed (${e instanceof Error ? e.message : String(e)})`;
    return sum.end(`${what}: the figures cover the ${int(sum.lines())} lines read before that.`);
  }
  onProgress({ bytes, total: file.size, lines: sum.lines() });
  return sum.end();
}

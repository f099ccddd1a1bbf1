// The worker's streaming path on the committed fixtures, in Node (same Web Streams as the browser).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { summariseText } from '../../core/logs';
import { summariseFile, type ReadProgress } from './readLog';

const dir = join(import.meta.dirname, '../../../e2e/fixtures/logs');
const blob = (b: Uint8Array) => new Blob([new Uint8Array(b)]);

describe('summariseFile', () => {
  it('reads a log as the core reads its text, and reports progress up to the whole file', async () => {
    const bytes = readFileSync(join(dir, 'nginx.log'));
    const progress: ReadProgress[] = [];
    const s = await summariseFile(blob(bytes), {}, (p) => progress.push(p));
    expect(s).toEqual(summariseText(bytes.toString('utf8')));
    expect(progress.at(-1)).toEqual({ bytes: bytes.length, total: bytes.length, lines: 150 });
  });
  it('gunzips a .gz by its magic number', async () => {
    const s = await summariseFile(blob(readFileSync(join(dir, 'caddy.log.gz'))), {}, () => {});
    expect(s).toMatchObject({ ok: true, format: 'caddy', lines: { parsed: 150 } });
    const nginxGz = gzipSync(readFileSync(join(dir, 'nginx.log')));
    expect((await summariseFile(blob(nginxGz), {}, () => {})).lines.parsed).toBe(150);
  });
  it('keeps what a truncated .gz held before the cut, and says it was cut', async () => {
    const s = await summariseFile(blob(readFileSync(join(dir, 'truncated.log.gz'))), {}, () => {});
    expect(s.ok).toBe(true);
    expect(s.lines.parsed).toBeGreaterThan(0);
    expect(s.lines.parsed).toBeLessThan(150);
    expect(s.notes[0]).toMatch(
      /^The gzip file ends early or is damaged .*: the figures cover the [\d,]+ lines read before that\.$/,
    );
  });
  it('stops reading a large file that is not a log after its first lines', async () => {
    const junk = new TextEncoder().encode('not a log line at all\n'.repeat(500_000));
    const progress: ReadProgress[] = [];
    const s = await summariseFile(blob(junk), {}, (p) => progress.push(p));
    expect(s.ok).toBe(false);
    expect(s.error).toMatch(/^No line of the first 50 lines reads as a supported format/);
    // Decided at the 50th line; nothing after it is read (in the browser, no further chunk either).
    expect(s.lines.total).toBe(50);
    expect(progress.at(-1)!.lines).toBe(50);
  });
  it('reports a binary file without throwing', async () => {
    const s = await summariseFile(blob(readFileSync(join(dir, 'binary.png'))), {}, () => {});
    expect(s.ok).toBe(false);
    expect(s.error).toContain('looks binary');
  });
});

// The renderers' properties, over any tree: what the nginx and Caddyfile tests used to check per file
// (balanced braces, indentation, terminators) now holds for every file built from nodes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blank,
  block,
  conf,
  directive,
  note,
  renderCaddyfile,
  renderMysqlConf,
  renderNginx,
  renderPostgresConf,
  renderRedisConf,
  renderSystemdUnit,
  type ConfNode,
} from './tree';

const word = fc.stringMatching(/^[A-Za-z0-9_./:$*=-]{1,12}$/);
const placeholder = word.map((w) => `{${w.replace(/[^A-Za-z0-9_.-]/g, 'x')}}`);
const text = fc.string({ unit: 'binary', maxLength: 30 });

const tree: fc.Arbitrary<ConfNode[]> = fc.letrec<{ node: ConfNode; nodes: ConfNode[] }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.array(word, { minLength: 1, maxLength: 4 }).map(([n, ...args]) => directive(n!, ...args)),
    text.map(note),
    fc.constant(blank),
    fc.tuple(fc.array(word, { maxLength: 3 }), tie('nodes')).map(([head, kids]) => block(head, kids)),
  ),
  nodes: fc.array(tie('node'), { maxLength: 5 }),
})).nodes;

/** Per line: depth before it, and whether it opens or closes a block (comments and blanks do neither). */
function checkStructure(out: string, indent: string, lineEnd: RegExp) {
  expect(out.endsWith('\n')).toBe(true);
  let depth = 0;
  for (const line of out.slice(0, -1).split('\n')) {
    if (line === '') continue;
    const body = line.trimStart();
    const closes = body === '}';
    expect(line).toBe(indent.repeat(depth - (closes ? 1 : 0)) + body);
    if (body.startsWith('#')) continue;
    expect(body).toMatch(lineEnd);
    if (closes) depth--;
    else if (body.endsWith('{')) depth++;
    expect(depth).toBeGreaterThanOrEqual(0);
  }
  expect(depth).toBe(0);
}

describe('renderNginx', () => {
  it('is well formed for any tree: balanced, 4-space indented, every directive ends with ";"', () => {
    fc.assert(
      fc.property(tree, (nodes) =>
        checkStructure(renderNginx(nodes), '    ', /(^\S.*;$)|( \{$)|(^\{$)|(^\}$)/),
      ),
    );
  });

  it('renders a template the way the file reads', () => {
    const out = renderNginx(
      conf(
        note('a site'),
        block(['upstream', 'app'], directive('server', 'unix:/run/g.sock', 'fail_timeout=0')),
        blank,
        block('server', directive('listen', '80'), false, null, [note('x'), directive('return', '444')]),
      ),
    );
    expect(out).toBe(
      '# a site\nupstream app {\n    server unix:/run/g.sock fail_timeout=0;\n}\n\nserver {\n    listen 80;\n    # x\n    return 444;\n}\n',
    );
  });

  it('keeps any comment text on one comment line', () => {
    fc.assert(
      fc.property(text, (t) => {
        const lines = renderNginx([block('server', note(t))]).split('\n');
        expect(lines).toHaveLength(4);
        expect(lines[1]!.startsWith('    #')).toBe(true);
      }),
    );
  });

  it.each([';', '{', '}', ' ', '\n', '#', '"', "'", '\\', '\u2028', ''])(
    'refuses a word holding %j: it would change the structure',
    (bad) => {
      expect(() => renderNginx([directive('server_name', bad === '' ? '' : `a${bad}b`)])).toThrow(/Refusing/);
    },
  );
});

describe('renderCaddyfile', () => {
  it('is well formed for any tree: balanced and tab-indented like `caddy fmt`', () => {
    const withPlaceholders = fc
      .tuple(tree, placeholder)
      .map(([nodes, p]) => [...nodes, directive('header_up', 'X-Real-IP', p)]);
    fc.assert(fc.property(withPlaceholders, (nodes) => checkStructure(renderCaddyfile(nodes), '\t', /./)));
  });

  it('renders a bare global options block and placeholders', () => {
    expect(
      renderCaddyfile([
        block('', directive('admin', 'off')),
        block('example.com', directive('a', '{remote_host}')),
      ]),
    ).toBe('{\n\tadmin off\n}\nexample.com {\n\ta {remote_host}\n}\n');
  });

  it.each(['{', '}', 'a{b', '{a b}', '#x', '<<EOF', ' ', '\t', '\n', '"', '`'])(
    'refuses the word %j',
    (bad) => {
      expect(() => renderCaddyfile([directive('root', bad)])).toThrow(/Refusing/);
    },
  );
});

describe('renderPostgresConf and renderRedisConf', () => {
  it('write flat `name = value` and `name value` lines', () => {
    const nodes = [note('why'), directive('shared_buffers', '128MB'), blank];
    expect(renderPostgresConf(nodes)).toBe('# why\nshared_buffers = 128MB\n\n');
    expect(renderRedisConf([directive('maxmemory-policy', 'noeviction')])).toBe(
      'maxmemory-policy noeviction\n',
    );
  });

  it.each(["'", '"', ' ', '#', '\n', '\\', '=', ''])('refuse the value %j and any block', (bad) => {
    expect(() => renderPostgresConf([directive('work_mem', bad)])).toThrow(/Refusing/);
    expect(() => renderRedisConf([directive('maxmemory', bad)])).toThrow(/Refusing/);
    expect(() => renderRedisConf([block('x')])).toThrow(/no blocks/);
  });
});

describe('renderMysqlConf', () => {
  it('writes an option group over flat `name = value` lines', () => {
    const nodes = [note('head'), block('mysqld', note('why'), directive('max_connections', '40'))];
    expect(renderMysqlConf(nodes)).toBe('# head\n[mysqld]\n# why\nmax_connections = 40\n');
  });

  it.each(["'", '"', ' ', '#', ';', '[', ']', '\n', '\\', '=', ''])(
    'refuses the value or group %j',
    (bad) => {
      expect(() => renderMysqlConf([block('mysqld', directive('max_connections', bad))])).toThrow(/Refusing/);
      expect(() => renderMysqlConf([block(bad === '' ? 'x]\n[y' : bad)])).toThrow(/Refusing/);
    },
  );

  it('refuses a nested group or one with arguments', () => {
    expect(() => renderMysqlConf([block('mysqld', block('client'))])).toThrow(/not nested/);
    expect(() => renderMysqlConf([block(['mysqld', 'x'])])).toThrow(/one name/);
  });
});

describe('renderSystemdUnit', () => {
  it('writes `[Section]` groups of `Key=value`, a value of several words joined by spaces', () => {
    const nodes = [
      note('head'),
      block('Service', note('why'), directive('ExecStart', '/srv/venv/bin/gunicorn', '-c', '/srv/g.py')),
      blank,
      block('Install', directive('WantedBy', 'multi-user.target')),
    ];
    expect(renderSystemdUnit(nodes)).toBe(
      '# head\n[Service]\n# why\nExecStart=/srv/venv/bin/gunicorn -c /srv/g.py\n\n[Install]\nWantedBy=multi-user.target\n',
    );
  });

  // A space or line break would add a word or a line, a quote or backslash would be unquoted or continue the
  // line, and % is a specifier (%h is the user's home).
  it.each(["'", '"', ' ', '\n', '\\', '%h', ''])('refuses the word %j', (bad) => {
    expect(() => renderSystemdUnit([block('Service', directive('User', bad))])).toThrow(/Refusing/);
  });

  it('refuses a nested section or one with arguments', () => {
    expect(() => renderSystemdUnit([block('Unit', block('Service'))])).toThrow(/not nested/);
    expect(() => renderSystemdUnit([block(['Unit', 'x'])])).toThrow(/one name/);
  });
});

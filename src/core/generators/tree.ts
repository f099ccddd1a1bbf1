// Configs as data (nginxconfig.io's to_conf.js idea): a generator builds nodes that read like the file they
// produce, and one renderer per format turns them into text. Braces, indentation and terminators are the
// renderer's job alone, so every generated nginx site and Caddyfile is well formed by construction.
import { comment } from './text';

/** One node of a config file. `words` are the directive's or block head's tokens, name first. */
export type ConfNode =
  | { kind: 'directive'; words: readonly string[] }
  | { kind: 'block'; words: readonly string[]; children: readonly ConfNode[] }
  | { kind: 'comment'; text: string }
  | { kind: 'blank' };

/** What a template may list as children: nodes, nested lists, and false/null for what a condition leaves out. */
export type Child = ConfNode | readonly Child[] | false | null | undefined;

function flatten(children: readonly Child[]): ConfNode[] {
  const out: ConfNode[] = [];
  for (const c of children) {
    if (!c) continue;
    if (Array.isArray(c)) out.push(...flatten(c as readonly Child[]));
    else out.push(c as ConfNode);
  }
  return out;
}

/** `name arg …` (nginx adds the `;`). */
export const directive = (name: string, ...args: readonly string[]): ConfNode => ({
  kind: 'directive',
  words: [name, ...args],
});

/** `head {` children `}`. An empty head is Caddy's global options block: a bare `{`. */
export const block = (head: readonly string[] | string, ...children: readonly Child[]): ConfNode => ({
  kind: 'block',
  words: typeof head === 'string' ? (head === '' ? [] : [head]) : head,
  children: flatten(children),
});

/** A `#` comment line; the renderer makes any text one safe line. */
export const note = (text: string): ConfNode => ({ kind: 'comment', text });

export const blank: ConfNode = { kind: 'blank' };

/** The nodes of a whole file, with conditions' false/null dropped. */
export const conf = (...children: readonly Child[]): ConfNode[] => flatten(children);

interface Format {
  name: string;
  indent: string;
  /** Appended to a directive: nginx's `;`, nothing for the others. */
  end: string;
  /** A token is one word that cannot end a line, a directive or a block, nor start a comment. */
  token: RegExp;
  /** Between a directive's name and its arguments: a space, or postgresql.conf's ` = `. */
  assign: string;
  /**
   * How a block is written: `head {` … `}` (nginx, Caddy), an option group `[head]` over its children
   * (my.cnf, systemd units), or not at all (postgresql.conf and redis.conf are flat: a block there is a template bug).
   */
  blocks: 'braces' | 'group' | false;
}

// No whitespace, quotes, backslashes, `;`, `#` or braces: nginx reads any of them as structure.
const NGINX: Format = {
  name: 'nginx',
  indent: '    ',
  end: ';',
  token: /^[^\s;{}#"'`\\]+$/,
  assign: ' ',
  blocks: 'braces',
};
// `caddy fmt` indents with tabs. Braces only as a whole {placeholder}; a token starting with `#` or `<<`
// (a heredoc, Caddy 2.7+) would be read as structure.
const CADDY: Format = {
  name: 'Caddyfile',
  indent: '\t',
  end: '',
  token: /^(?!#|<<)(?:[^\s{}"'`\\]|\{[A-Za-z0-9_.-]+\})+$/,
  assign: ' ',
  blocks: 'braces',
};
// postgresql.conf: `name = value`; a value of letters, digits and . _ - needs no quotes (PostgreSQL docs,
// "Parameter Interaction via the Configuration File").
const POSTGRESQL: Format = {
  name: 'postgresql.conf',
  indent: '',
  end: '',
  token: /^[A-Za-z0-9._-]+$/,
  assign: ' = ',
  blocks: false,
};
// redis.conf: `name value …`; unquoted words, so none may hold a space, a quote or a backslash.
const REDIS: Format = {
  name: 'redis.conf',
  indent: '',
  end: '',
  token: /^[A-Za-z0-9._-]+$/,
  assign: ' ',
  blocks: false,
};
// MySQL/MariaDB option files: `[group]` lines, then `name = value`; an unquoted value of letters, digits and
// . _ - (MariaDB KB, "Configuring MariaDB with Option Files"), so no quote, `#`, `;`, `[` or space can enter.
const MYSQL: Format = {
  name: 'my.cnf',
  indent: '',
  end: '',
  token: /^[A-Za-z0-9._-]+$/,
  assign: ' = ',
  blocks: 'group',
};

// systemd unit files: `[Section]` lines, then `Key=value`, the value's words joined by spaces. No whitespace,
// quote or backslash in a word (systemd would split, unquote or continue the line), and no `%`: systemd reads
// it as a specifier (%h, %n …) in most settings (systemd.unit(5), "Specifiers").
const SYSTEMD: Format = {
  name: 'systemd unit',
  indent: '',
  end: '',
  token: /^[^\s"'`\\%]+$/,
  assign: '=',
  blocks: 'group',
};

function render(format: Format, nodes: readonly ConfNode[]): string {
  const lines: string[] = [];
  const checked = (w: readonly string[]) => {
    for (const t of w)
      if (!format.token.test(t))
        throw new Error(
          `Refusing ${JSON.stringify(t)} as a ${format.name} word: it would change the structure.`,
        );
    return w;
  };
  const walk = (list: readonly ConfNode[], depth: number) => {
    const ind = format.indent.repeat(depth);
    for (const n of list) {
      if (n.kind === 'blank') lines.push('');
      else if (n.kind === 'comment') lines.push(comment(n.text, ind));
      else if (n.kind === 'directive') {
        const [name, ...args] = checked(n.words);
        if (name === undefined) throw new Error(`An empty ${format.name} directive.`);
        lines.push(`${ind}${name}${args.length ? format.assign + args.join(' ') : ''}${format.end}`);
      } else if (format.blocks === 'group') {
        // One word, at the top: an option group has no arguments and does not nest.
        if (depth > 0 || n.words.length !== 1)
          throw new Error(`A ${format.name} group is one name, not nested.`);
        lines.push(`[${checked(n.words).join('')}]`);
        walk(n.children, depth + 1); // my.cnf's indent is empty: depth only refuses a nested group
      } else {
        if (!format.blocks) throw new Error(`${format.name} has no blocks.`);
        lines.push(n.words.length ? `${ind}${checked(n.words).join(' ')} {` : `${ind}{`);
        walk(n.children, depth + 1);
        lines.push(`${ind}}`);
      }
    }
  };
  walk(nodes, 0);
  return `${lines.join('\n')}\n`;
}

/** nginx: four-space indent, `;` after each directive. Throws on a word that would change the structure. */
export const renderNginx = (nodes: readonly ConfNode[]): string => render(NGINX, nodes);

/** Caddyfile: tab indent like `caddy fmt`. Throws on a word that would change the structure. */
export const renderCaddyfile = (nodes: readonly ConfNode[]): string => render(CADDY, nodes);

/** postgresql.conf (a conf.d file): `name = value`, flat. Throws on a word that would change the structure. */
export const renderPostgresConf = (nodes: readonly ConfNode[]): string => render(POSTGRESQL, nodes);

/** redis.conf: `name value`, flat. Throws on a word that would change the structure. */
export const renderRedisConf = (nodes: readonly ConfNode[]): string => render(REDIS, nodes);

/** A MySQL/MariaDB option file: `[group]` blocks of `name = value`. Throws on a word that would change the structure. */
export const renderMysqlConf = (nodes: readonly ConfNode[]): string => render(MYSQL, nodes);

/** A systemd unit file: `[Section]` groups of `Key=value`. Throws on a word that would change the structure. */
export const renderSystemdUnit = (nodes: readonly ConfNode[]): string => render(SYSTEMD, nodes);

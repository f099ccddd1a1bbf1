import type { ReactNode } from 'react';

// Light colouring for four config languages: comments, strings, numbers, and the first word of a line
// (a directive or setting name). A tokenizer, not a parser: it only adds spans around text it leaves unchanged.
const TOKEN =
  /(#[^\n]*)|('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")|(\b\d+(?:\.\d+)?[a-zA-Z]*\b)|(^[ \t]*[A-Za-z_][\w.-]*)/gm;

export function highlight(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let k = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const cls = m[1] ? 'tk-comment' : m[2] ? 'tk-string' : m[3] ? 'tk-number' : 'tk-key';
    out.push(
      <span key={k++} className={cls}>
        {m[0]}
      </span>,
    );
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

import { describe, expect, it } from 'vitest';
import { ANSWER_FIELDS } from '../answers';
import { productionTarget } from './target';
import { answerLines, comment, header, oneLine, pyDict, pyStr } from './text';
import { checkedInput } from './target';
import { recFor } from '../../testing/scenarios';

describe('oneLine', () => {
  it.each([
    ['a\nb', 'a b'],
    ['a\r\nb', 'a b'],
    ['a\u2028b\u2029c', 'a b c'],
    ['a\u0085b', 'a b'],
    ['a\u0000b\u001bc\u007f', 'a b c'],
    ['\u202eevil\u202c', 'evil'],
    ['a\u200fb\u2066c\u2069', 'a b c'],
    ['\ufeffa', 'a'],
    ['keeps × and ’ and €', 'keeps × and ’ and €'],
  ])('%j → %j', (input, out) => {
    expect(oneLine(input)).toBe(out);
  });

  it('makes a comment that stays one line', () => {
    expect(comment('x\nimport os', '    ')).toBe('    # x import os');
  });
});

describe('pyStr', () => {
  it.each([
    ['/run/gunicorn.sock', "'/run/gunicorn.sock'"],
    ["it's", "'it\\'s'"],
    ['back\\slash', "'back\\\\slash'"],
    ['line\nbreak', "'line\\u000abreak'"],
    ['\u2028', "'\\u2028'"],
    ['é', "'\\u00e9'"],
    ['😀', "'\\U0001f600'"],
  ])('%j → %s', (input, out) => {
    expect(pyStr(input)).toBe(out);
  });

  it('never leaves an unescaped quote or a non-printable character', () => {
    const literal = pyStr('a\'b"c\\d\ne\u0000f\u2028');
    expect(literal.slice(1, -1)).not.toMatch(/(^|[^\\])'/);
    expect(literal).toMatch(/^[\x20-\x7e]+$/);
  });
});

describe('pyDict', () => {
  it('writes the braces, the indentation, the literals and the comments; code as is', () => {
    const lines = pyDict('D = ', [
      {
        key: 'default',
        value: [
          { key: 'NAME', value: "it's" },
          { key: 'ON', value: false, comments: ['Why\nit is off.'] },
          { key: 'PASSWORD', value: { code: "os.environ.get('P', '')" } },
        ],
      },
      { key: 'N', value: 60 },
    ]);
    expect(lines).toEqual([
      'D = {',
      "    'default': {",
      "        'NAME': 'it\\'s',",
      '        # Why it is off.',
      "        'ON': False,",
      "        'PASSWORD': os.environ.get('P', ''),",
      '    },',
      "    'N': 60,",
      '}',
    ]);
  });
});

describe('header and answer lines', () => {
  it('lists every answer, on as many lines whatever the values', () => {
    const short = checkedInput(recFor(), productionTarget(recFor()));
    const longRec = recFor({ domain: `${'a'.repeat(60)}.example.com`, appDir: `/${'b'.repeat(150)}` });
    const long = checkedInput(longRec, productionTarget(longRec));
    expect(answerLines(long)).toHaveLength(answerLines(short).length);
    const text = answerLines(short).join('\n');
    for (const f of ANSWER_FIELDS) expect(text).toContain(`${f}=`);
  });

  it('names the rules version and the permalink when it is safe', () => {
    const rec = recFor();
    const lines = header(
      checkedInput(rec, { ...productionTarget(rec), permalink: 'https://r.example/?v=1' }),
      'T',
    );
    expect(lines.join('\n')).toContain(`rules ${rec.rulesVersion}`);
    expect(lines).toContain('# These answers: https://r.example/?v=1');
    const unsafe = header(
      checkedInput(rec, { ...productionTarget(rec), permalink: 'https://r.example/\nx' }),
      'T',
    );
    expect(unsafe.join('\n')).not.toContain('These answers');
  });
});

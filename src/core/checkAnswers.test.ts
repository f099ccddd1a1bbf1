import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANSWERS, answersShape, type Answers } from './answers';
import { checkAnswers } from './checkAnswers';

const A = (over: Partial<Record<keyof Answers, unknown>> = {}) => ({ ...DEFAULT_ANSWERS, ...over });

describe('checkAnswers: one field at a time', () => {
  it('passes valid answers through unchanged, with no problems and no notes', () => {
    expect(checkAnswers(A({ concurrentUsers: 400 }), DEFAULT_ANSWERS)).toEqual({
      answers: { ...DEFAULT_ANSWERS, concurrentUsers: 400 },
      problems: [],
      notes: [],
    });
  });

  it('issue 11: a bad domain does not freeze the traffic — users 50 → 5,000 still takes effect', () => {
    const c = checkAnswers(A({ domain: 'exa mple.com', concurrentUsers: 5000 }), DEFAULT_ANSWERS);
    expect(c.answers.concurrentUsers).toBe(5000);
    expect(c.answers.domain).toBe('example.com');
    expect(c.problems).toEqual([
      { field: 'domain', message: 'Domain must not contain a space.', using: 'example.com' },
    ]);
  });

  it('keeps the last valid value of the bad field, not the default', () => {
    const last = { ...DEFAULT_ANSWERS, appUser: 'web', concurrentUsers: 80 };
    const c = checkAnswers(A({ appUser: 'root', concurrentUsers: Number.NaN, staticSharePct: 10 }), last);
    expect(c.answers).toEqual({ ...last, staticSharePct: 10 });
    expect(c.problems.map((p) => [p.field, p.using])).toEqual([
      ['concurrentUsers', 80],
      ['appUser', 'web'],
    ]);
    expect(c.problems[0]!.message).toBe('Peak concurrent users must be a number.');
    expect(c.problems[1]!.message).toBe(
      'System user must not be root: the app runs as an unprivileged user.',
    );
  });

  it('accepts a domain as people write it, and says what it changed', () => {
    const c = checkAnswers(A({ domain: 'Example.com/' }), DEFAULT_ANSWERS);
    expect(c.problems).toEqual([]);
    expect(c.answers.domain).toBe('example.com');
    expect(c.notes).toEqual([
      {
        field: 'domain',
        value: 'example.com',
        message: 'Using “example.com”: dropped the trailing slash, lower-cased it.',
      },
    ]);
  });

  it('property: every field is either the typed value (when valid) or the last valid one (and named)', () => {
    const fields = Object.keys(answersShape) as Array<keyof Answers>;
    fc.assert(
      fc.property(
        fc.subarray(fields),
        fc.constantFrom<unknown>(Number.NaN, -1, '', 'x;y', 'a\nb', 1e12),
        (broken, bad) => {
          const values = A(Object.fromEntries(broken.map((f) => [f, bad])));
          const c = checkAnswers(values, DEFAULT_ANSWERS);
          for (const f of fields) {
            const problem = c.problems.find((p) => p.field === f);
            if (problem) expect(c.answers[f]).toBe(DEFAULT_ANSWERS[f]);
            else expect(c.answers[f]).toBe(values[f]);
            expect(answersShape[f].safeParse(c.answers[f]).success).toBe(true);
          }
          expect(new Set(c.problems.map((p) => p.field)).size).toBe(c.problems.length);
        },
      ),
    );
  });
});

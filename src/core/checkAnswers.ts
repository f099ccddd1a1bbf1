import { ANSWER_FIELDS, answersSchema, answersShape, type AnswerField, type Answers } from './answers';
import { normaliseDomain, type Normalised } from './safeText';

/** An answer that failed its check: the recommendation keeps using `using`, its last valid value. */
export interface FieldProblem {
  field: AnswerField;
  message: string;
  using: Answers[AnswerField];
}

/** An answer that was accepted in a normalised form, and what changed. */
export interface FieldNote {
  field: AnswerField;
  value: Answers[AnswerField];
  message: string;
}

export interface CheckedAnswers {
  /** Every valid answer as typed (normalised), every invalid one at its last valid value. */
  answers: Answers;
  problems: FieldProblem[];
  notes: FieldNote[];
}

// The fields whose schema normalises what people type; the note says what changed (safeText.ts).
const NORMALISERS: Partial<Record<AnswerField, (raw: string) => Normalised>> = {
  domain: normaliseDomain,
};

/**
 * Checks each answer on its own, so one bad field never freezes the others (issue 11): a mistyped domain must
 * not stop a change of traffic from taking effect. `lastValid` supplies the value for every field that fails.
 * If the merged answers still fail the whole schema (a rule across fields), the last valid answers stand.
 */
export function checkAnswers(values: Readonly<Record<string, unknown>>, lastValid: Answers): CheckedAnswers {
  const answers = { ...lastValid } as Record<AnswerField, unknown>;
  const problems: FieldProblem[] = [];
  const notes: FieldNote[] = [];
  for (const field of ANSWER_FIELDS) {
    const raw = values[field];
    const r = answersShape[field].safeParse(raw);
    if (!r.success) {
      problems.push({
        field,
        message: r.error.issues[0]?.message ?? `${field} is invalid.`,
        using: lastValid[field],
      });
      continue;
    }
    answers[field] = r.data;
    const normalise = NORMALISERS[field];
    if (normalise && typeof raw === 'string' && r.data !== raw) {
      const { changes } = normalise(raw);
      notes.push({ field, value: r.data, message: `Using “${String(r.data)}”: ${changes.join(', ')}.` });
    }
  }
  const whole = answersSchema.safeParse(answers);
  if (!whole.success)
    return {
      answers: lastValid,
      problems: [
        ...problems,
        ...whole.error.issues.map((i) => {
          const field = (ANSWER_FIELDS as readonly PropertyKey[]).includes(i.path[0]!)
            ? (i.path[0] as AnswerField)
            : ANSWER_FIELDS[0]!;
          return { field, message: i.message, using: lastValid[field] };
        }),
      ],
      notes,
    };
  return { answers: whole.data, problems, notes };
}

/** Same answers, field by field (every answer is a string or a number). */
export const sameAnswers = (a: Answers, b: Answers) => ANSWER_FIELDS.every((f) => Object.is(a[f], b[f]));

import { ASKED_QUESTIONS, fieldPlace } from '../../core/allQuestions';
import type { FieldNote, FieldProblem } from '../../core/checkAnswers';
import type { AskedField } from '../../core/questions';
import { REVIEW } from '../url';

const label = (field: FieldProblem['field']) =>
  field in ASKED_QUESTIONS ? ASKED_QUESTIONS[field as AskedField].label : field;

/**
 * Moves focus to a field once it is on screen (its step, or the configs beside the result, may still load).
 * It starts after the next frame: a step change first moves focus to the step's heading (Wizard.tsx).
 */
function focusField(field: string, triesLeft = 120) {
  const el =
    document.getElementById(`q-${field}`) ??
    document.querySelector<HTMLInputElement>(`input[name="${field}"]`);
  if (el) {
    el.scrollIntoView({ block: 'center' });
    el.focus();
  } else if (triesLeft > 0) window.setTimeout(() => focusField(field, triesLeft - 1), 25);
}

interface Props {
  problems: FieldProblem[];
  notes: FieldNote[];
  goTo: (step: number) => void;
}

/**
 * The answers that fail their check, each named with a link to it (issue 11), and the ones accepted in a
 * normalised form. Loaded only when there is one: problems come from the idle-loaded validation anyway.
 */
export default function SummaryProblems({ problems, notes, goTo }: Props) {
  const fix = (field: FieldProblem['field']) => {
    if (!(field in ASKED_QUESTIONS)) return;
    const place = fieldPlace(field as AskedField);
    goTo('step' in place ? place.step : REVIEW);
    requestAnimationFrame(() => window.setTimeout(() => focusField(field), 0));
  };
  return (
    <>
      {problems.length > 0 && (
        <div className="summary-problems" role="alert" data-testid="summary-problems">
          <p>
            {problems.length === 1 ? 'One answer is' : `${problems.length} answers are`} not used until fixed;
            the figures follow all the others:
          </p>
          <ul>
            {problems.map((p) => (
              <li key={p.field}>
                <button type="button" className="btn link" onClick={() => fix(p.field)}>
                  {label(p.field)}
                </button>
                : {p.message} <span className="muted">(using “{String(p.using)}”)</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {notes.map((n) => (
        <p key={n.field} className="summary-note" role="status" data-testid="summary-note">
          {label(n.field)}: {n.message}
        </p>
      ))}
    </>
  );
}

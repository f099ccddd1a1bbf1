import type { Answers } from './answers';
import { DEPLOY_GROUP, DEPLOY_QUESTIONS } from './deployQuestions';
import { LATER_QUESTIONS } from './laterQuestions';
import {
  FIRST_STEP_QUESTIONS,
  helpFor,
  STEPS,
  visible,
  type AskedField,
  type DeployField,
  type QuestionDef,
  type SizingField,
} from './questions';

/** Every question of the wizard's steps. */
export const QUESTIONS: Record<SizingField, QuestionDef> = { ...FIRST_STEP_QUESTIONS, ...LATER_QUESTIONS };

/** Every question, wherever it is asked: for texts that may name any answer (provenance, problems). */
export const ASKED_QUESTIONS: Record<AskedField, QuestionDef> = { ...QUESTIONS, ...DEPLOY_QUESTIONS };

export const isVisible = (field: AskedField, a: Answers) => visible(ASKED_QUESTIONS[field], a);

/** The help that is true for these answers (a field's meaning can change with the traffic mode). */
export const helpText = (field: AskedField, a: Answers): string => helpFor(ASKED_QUESTIONS[field], a);

const isDeploy = (f: AskedField): f is DeployField => (DEPLOY_GROUP.fields as AskedField[]).includes(f);

/** Where a field is asked: a wizard step (its index) or the configs' names and paths. */
export function fieldPlace(field: AskedField): { step: number } | { deploy: true } {
  if (isDeploy(field)) return { deploy: true };
  return { step: STEPS.findIndex((s) => (s.fields as AskedField[]).includes(field)) };
}

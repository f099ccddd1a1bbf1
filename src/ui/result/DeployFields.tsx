import type { UseFormReturn } from 'react-hook-form';
import type { Answers } from '../../core/answers';
import { DEPLOY_GROUP, DEPLOY_QUESTIONS } from '../../core/deployQuestions';
import { helpFor, visible } from '../../core/questions';
import { Question } from '../Question';

/** Names and paths, asked beside the configs they go into (issue 11): none of them changes the sizing. */
export function DeployFields({ form, values }: { form: UseFormReturn<Answers>; values: Answers }) {
  return (
    <section aria-labelledby="names-title" className="names" data-testid="deploy-fields">
      <h3 id="names-title">{DEPLOY_GROUP.title}</h3>
      <p className="muted">{DEPLOY_GROUP.intro}</p>
      {DEPLOY_GROUP.fields
        .filter((f) => visible(DEPLOY_QUESTIONS[f], values))
        .map((f) => (
          <Question
            key={f}
            field={f}
            q={DEPLOY_QUESTIONS[f]}
            form={form}
            help={helpFor(DEPLOY_QUESTIONS[f], values)}
          />
        ))}
    </section>
  );
}

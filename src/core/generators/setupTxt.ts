import type { Recommendation } from '../recommend';
import { archiveName, setupSteps, type SetupStep } from '../setupSteps';
import { generateAll, type GeneratedFile } from './bundle';
import { checkedInput, type DeployTarget } from './target';

/** SETUP.txt in the download: where each file goes and the commands that switch it on, in order. */
export function generateSetupTxt(
  rec: Recommendation,
  target: DeployTarget,
  files: GeneratedFile[],
  steps: SetupStep[],
): string {
  const { a, permalink } = checkedInput(rec, target);
  const howto = steps.map(
    (s, i) =>
      `${i + 1}. ${s.title}\n${s.commands.map((c) => `   ${c}`).join('\n')}${s.note ? `\n   (${s.note})` : ''}` +
      (s.settings ?? []).map((x) => `\n   - ${x.name} ${x.value}: ${x.reason}`).join(''),
  );
  return [
    `Rightsize configs for ${a.domain} on ${rec.chosen.instance.type}`,
    ...(permalink ? [permalink] : []),
    '',
    'Where each file goes:',
    ...files.map((f) => `  ${archiveName(f)} -> ${f.path}${f.box ? ` on ${f.box.label}` : ''}`),
    '',
    `${howto.join('\n\n')}\n`,
  ].join('\n');
}

export interface Archive {
  /** The .zip's file name. */
  name: string;
  /** Its entries, path inside the archive → text. */
  entries: Array<{ path: string; content: string }>;
}

/** "Download all": every generated file and SETUP.txt, in one folder (files and steps as the page shows them). */
export function archiveOf(
  rec: Recommendation,
  target: DeployTarget,
  files: GeneratedFile[],
  steps: SetupStep[],
): Archive {
  return {
    name: `rightsize-${checkedInput(rec, target).a.domain}.zip`,
    entries: [
      ...files.map((f) => ({ path: `rightsize/${archiveName(f)}`, content: f.content })),
      { path: 'rightsize/SETUP.txt', content: generateSetupTxt(rec, target, files, steps) },
    ],
  };
}

/** "Download all", from the recommendation alone. */
export function archive(rec: Recommendation, target: DeployTarget): Archive {
  const files = generateAll(rec, target);
  return archiveOf(rec, target, files, setupSteps(rec, target, files));
}

import { fmt, usd } from '../reasoned';
import type { Recommendation } from '../recommend';
import { basename, setupSteps } from '../setupSteps';
import { summarize } from '../summary';
import { generateAll } from './bundle';
import { planSettings } from './gunicornSettings';
import { checkedInput, type DeployTarget } from './target';

const ms = (n: number) => (Number.isFinite(n) ? `${fmt(n, 0)} ms` : 'unbounded (overloaded)');

/** Text safe inside a Markdown table cell: one line, no cell separator. */
const cell = (text: string | number | boolean) =>
  String(text)
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/\|/g, '\\|');

function table(head: string[], rows: Array<Array<string | number | boolean>>): string[] {
  return [
    `| ${head.map(cell).join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
}

/** A fenced block whose fence is longer than any run of backticks inside, so no content can close it. */
function fenced(lang: string, content: string): string[] {
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((s) => s.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${lang}`, ...content.replace(/\n$/, '').split('\n'), fence];
}

const LANG = { python: 'python', nginx: 'nginx', caddy: 'caddyfile', ini: 'ini', conf: 'conf' } as const;

/**
 * "Export report": the recommendation, every reason behind it, and the configs with their setup steps, as
 * one Markdown document — the same figures and text the result page shows, from the same core functions.
 */
export function generateReport(rec: Recommendation, target: DeployTarget): string {
  // The Savings Plan column beside on demand: a rate where one was published, else the bill's own words.
  const sp = (usdPerMonth: number | null) =>
    usdPerMonth === null ? rec.bill.savingsPlan.text : usd(usdPerMonth);
  const { a, permalink } = checkedInput(rec, target);
  const s = summarize(rec);
  const i = rec.chosen.instance;
  const m = rec.chosen.memory;
  const cpu = rec.chosen.cpu;
  const d = rec.perInstance;
  const l = rec.latency;
  const each = s.instances > 1 ? ' (per instance)' : '';
  const files = generateAll(rec, target);
  const steps = setupSteps(rec, target, files);

  const out: string[] = [
    `# Rightsize report: ${a.domain}`,
    '',
    `Rules ${rec.rulesVersion}; instance prices as of ${rec.catalogAsOf}.${permalink ? ` These answers: <${permalink}>` : ''}`,
    '',
    '## Recommendation',
    '',
    `- **Instance:** ${s.instances > 1 ? `${s.instances} × ` : ''}\`${s.instanceType}\` — ${i.vcpu} vCPU (${i.cores} core${i.cores > 1 ? 's' : ''}), ${fmt(i.memoryGib, 1)} GiB (${fmt(m.visibleMib, 0)} MB usable), ${i.arch === 'arm64' ? 'ARM (Graviton)' : 'x86_64'}${i.baselinePct !== null ? `, burstable with a ${i.baselinePct}% baseline` : ''}`,
    `- **Gunicorn:** ${s.workers} workers × ${s.threads} threads, \`${s.workerClass}\`${each}`,
    `- **Cost:** ${usd(s.usdPerMonth.value)}/month (${usd(s.usdPerHour, 4)}/hour) — ${s.usdPerMonth.reason}`,
    `- **Whole bill (on demand):** ${usd(s.billUsdPerMonth.value)}/month — ${s.billUsdPerMonth.reason}`,
    `- **p95 response at peak:** ${ms(s.p95ResponseMs.value)} — ${s.p95ResponseMs.reason}`,
    '',
    rec.choice.reason,
    '',
    `**The guide’s rule of thumb:** ${rec.guide.reason}`,
    '',
    '## Gunicorn settings',
    '',
    ...table(
      ['Setting', 'Value', 'Why'],
      planSettings(rec.chosen.plan).map((x) => [`\`${x.name}\``, `\`${x.python}\``, x.reason]),
    ),
    '',
  ];
  if (rec.warnings.length)
    out.push(
      '## Warnings and notes',
      '',
      ...rec.warnings.map((w) => `- **${w.severity}: ${w.title}** ${w.detail}`),
      '',
    );
  out.push(
    '## Memory budget',
    '',
    `${fmt(m.totalMib, 0)} MB of ${fmt(m.visibleMib, 0)} MB usable (${fmt(m.usedShare * 100, 0)}%); the plan stays under ${fmt(m.limitMib, 0)} MB.`,
    '',
    ...table(
      ['Component', 'MB', 'Why'],
      [
        ...m.items.map((x) => [x.label, fmt(x.mib, 0), x.reason]),
        ['Total', fmt(m.totalMib, 0), `of ${fmt(m.limitMib, 0)} MB allowed`],
      ],
    ),
    '',
    `## At peak${each}`,
    '',
    `- **Requests:** ${fmt(d.peakRps.value)}/s — ${d.peakRps.reason}`,
    `- **To Django:** ${fmt(d.dynamicRps.value)}/s — ${d.dynamicRps.reason}`,
    `- **In flight:** ${fmt(d.inFlight.value)} — ${d.inFlight.reason}`,
    `- **CPU:** ${fmt(cpu.totalVcpu)} vCPU (${fmt(cpu.utilisation * 100, 0)}%) — ${cpu.items.map((x) => `${x.label}: ${x.reason}`).join(' ')} Sustainable: ${fmt(cpu.sustainableVcpu)} vCPU.`,
    `- **Queueing (M/M/c):** p95 wait ${ms(l.p95WaitMs)} — ${l.summary}`,
    `- **Response at p95:** ${ms(l.p95ResponseMs)} — ${d.cpuMsPerRequest.reason}`,
    '',
  );
  if (rec.alternatives.length)
    out.push(
      '## Alternatives',
      '',
      ...table(
        ['Option', 'Type', 'vCPU / memory', 'Gunicorn', '$/month', 'Note'],
        rec.alternatives.map((x) => {
          const e = x.evaluation;
          return [
            x.label,
            `\`${e.instance.type}\``,
            `${e.instance.vcpu} / ${fmt(e.instance.memoryGib, 1)} GiB`,
            `${e.plan.workers.value} × ${e.plan.threads.value}`,
            usd(e.usdPerMonth),
            x.note,
          ];
        }),
      ),
      '',
    );
  out.push(
    '## The whole bill (on demand, a month)',
    '',
    ...table(
      ['Line', 'On demand $/month', '1-year Savings Plan $/month', 'Why', 'Price source (as of)'],
      [
        ...rec.bill.lines.map((x) => [
          x.label,
          usd(x.usdPerMonth),
          sp(x.savingsPlanUsdPerMonth),
          x.reason,
          `${x.source} (${x.asOf})`,
        ]),
        ['Total', usd(rec.bill.onDemandUsdPerMonth.value), sp(rec.bill.savingsPlan.usdPerMonth), '', ''],
      ],
    ),
    '',
    `Savings Plan: ${rec.bill.savingsPlan.note}`,
    '',
    '## When to upgrade',
    '',
    ...table(
      ['Watch', 'Act when', 'Expected at peak', 'Then'],
      rec.triggers.map((t) => [t.signal, t.threshold, t.expected, t.action]),
    ),
    '',
    '## Load test',
    '',
    rec.loadTest.explanation,
    '',
    ...fenced('sh', `${rec.loadTest.ab}\n${rec.loadTest.wrk}`),
    '',
    '## Configs',
    '',
  );
  for (const f of files)
    out.push(
      `### ${basename(f)}`,
      '',
      `Install as \`${f.path}\`.`,
      '',
      ...fenced(LANG[f.language], f.content),
      '',
    );
  out.push('## Setup', '');
  steps.forEach((st, k) => {
    out.push(`${k + 1}. **${st.title}**`, '', ...fenced('sh', st.commands.join('\n')).map((x) => `   ${x}`));
    if (st.note) out.push('', `   ${st.note}`);
    if (st.settings?.length)
      out.push('', ...st.settings.map((x) => `   - \`${x.name} ${x.value}\`: ${x.reason}`));
    out.push('');
  });
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

/** The report's file name. */
export const reportName = (rec: Recommendation) => `rightsize-report-${rec.answers.domain}.md`;

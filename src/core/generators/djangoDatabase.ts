import type { Recommendation } from '../recommend';
import { dbNameFor } from './pgbouncerIni';
import { checkedInput, type DeployTarget } from './target';
import { comment, header, pyStr } from './text';

/**
 * database_settings.py: Django's DATABASES for the box's PgBouncer (only when the plan pools). A snippet to
 * merge into settings.py: the password comes from the environment, never from a generated file.
 */
export function generateDjangoDatabase(rec: Recommendation, target: DeployTarget): string {
  const input = checkedInput(rec, target);
  const { a, t } = input;
  const p = rec.pgbouncer;
  if (!p) throw new Error('This plan needs no PgBouncer: its connections fit the database.');
  const db = dbNameFor(a.djangoModule);
  const lines = [
    ...header(
      input,
      `Django’s database settings for PgBouncer on this box (${a.djangoModule}/settings.py).`,
      [
        'Merge into settings.py; set DATABASE_PASSWORD in the service’s environment (gunicorn.service: EnvironmentFile=).',
      ],
    ),
    'import os',
    '',
    'DATABASES = {',
    `    "default": {`,
    `        "ENGINE": "django.db.backends.postgresql",`,
    `        "NAME": ${pyStr(db)},`,
    `        "USER": ${pyStr(db)},`,
    `        "PASSWORD": os.environ.get("DATABASE_PASSWORD", ""),`,
    comment('PgBouncer on this box, not the database itself.', '        '),
    `        "HOST": "127.0.0.1",`,
    `        "PORT": ${pyStr(String(t.pgbouncer.port))},`,
    comment(p.django.connMaxAge.reason, '        '),
    `        "CONN_MAX_AGE": ${p.django.connMaxAge.value},`,
    comment(p.django.disableServerSideCursors.reason, '        '),
    `        "DISABLE_SERVER_SIDE_CURSORS": ${p.django.disableServerSideCursors.value ? 'True' : 'False'},`,
    '    }',
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

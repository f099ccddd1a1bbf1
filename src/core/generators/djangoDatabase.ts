import type { Recommendation } from '../recommend';
import { dbNameFor } from './pgbouncerIni';
import { checkedInput, type DeployTarget } from './target';
import { header, py, pyDict } from './text';

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
    ...pyDict('DATABASES = ', [
      {
        key: 'default',
        value: [
          { key: 'ENGINE', value: 'django.db.backends.postgresql' },
          { key: 'NAME', value: db },
          { key: 'USER', value: db },
          { key: 'PASSWORD', value: { code: `os.environ.get(${py('DATABASE_PASSWORD')}, ${py('')})` } },
          {
            key: 'HOST',
            value: '127.0.0.1',
            comments: ['PgBouncer on this box, not the database itself.'],
          },
          { key: 'PORT', value: String(t.pgbouncer.port) },
          { key: 'CONN_MAX_AGE', value: p.django.connMaxAge.value, comments: [p.django.connMaxAge.reason] },
          {
            key: 'DISABLE_SERVER_SIDE_CURSORS',
            value: p.django.disableServerSideCursors.value,
            comments: [p.django.disableServerSideCursors.reason],
          },
        ],
      },
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

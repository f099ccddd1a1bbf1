import { DEBIAN_POSTGRESQL, postgresPlan } from '../postgres';
import type { Recommendation } from '../recommend';
import { checkedInput, type DeployTarget } from './target';
import { headerTexts } from './text';
import { blank, conf, directive, note, renderPostgresConf } from './tree';

/** Debian's cluster reads every *.conf in conf.d after postgresql.conf (include_dir = 'conf.d'), so these win. */
export const postgresqlConfPath = (major = DEBIAN_POSTGRESQL) =>
  `/etc/postgresql/${major}/main/conf.d/rightsize-postgresql.conf`;

/** The conf.d file for PostgreSQL on this box; throws when the plan has no PostgreSQL here. */
export function generatePostgresqlConf(rec: Recommendation, target: DeployTarget): string {
  const input = checkedInput(rec, target);
  const plan = postgresPlan({ ...rec, answers: input.a });
  if (!plan) throw new Error('PostgreSQL does not run on this box in this plan.');
  const notes = [
    `For PostgreSQL ${DEBIAN_POSTGRESQL} (Debian 12). Install as ${postgresqlConfPath()}; then: sudo systemctl restart postgresql (shared_buffers, max_connections, wal_buffers and huge_pages take effect only on restart).`,
    'Check: sudo -u postgres psql -c "SELECT name, setting, unit FROM pg_settings WHERE source = \'configuration file\'"',
  ];
  return renderPostgresConf(
    conf(
      headerTexts(
        input,
        `PostgreSQL settings for ${input.a.djangoModule} on this box (PGTune’s rules for its share of memory).`,
        notes,
      ).map(note),
      plan.settings.map((s) => [blank, note(s.reason), directive(s.name, s.value)]),
    ),
  );
}

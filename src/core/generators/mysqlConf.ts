import { DEBIAN_MARIADB, mysqlPlan } from '../mysql';
import type { Recommendation } from '../recommend';
import { checkedInput, type DeployTarget } from './target';
import { headerTexts } from './text';
import { blank, block, conf, directive, note, renderMysqlConf } from './tree';

/**
 * Debian's /etc/mysql/my.cnf (mariadb.cnf) reads every *.cnf of mariadb.conf.d in name order, and for an option
 * set twice the last one wins: 60- comes after Debian's 50-server.cnf.
 */
export const MYSQL_CONF_PATH = '/etc/mysql/mariadb.conf.d/60-rightsize.cnf';

/** The option file for MySQL (MariaDB) on this box; throws when the plan has no MySQL here. */
export function generateMysqlConf(rec: Recommendation, target: DeployTarget): string {
  const input = checkedInput(rec, target);
  const plan = mysqlPlan({ ...rec, answers: input.a });
  if (!plan) throw new Error('MySQL does not run on this box in this plan.');
  const notes = [
    `For MariaDB ${DEBIAN_MARIADB} (Debian 12’s MySQL: apt install mariadb-server). Install as ${MYSQL_CONF_PATH}; then: sudo systemctl restart mariadb`,
    "Check: sudo mariadb -e \"SHOW GLOBAL VARIABLES WHERE Variable_name IN ('max_connections', 'innodb_buffer_pool_size')\"",
  ];
  return renderMysqlConf(
    conf(
      headerTexts(
        input,
        `MariaDB (MySQL) settings for ${input.a.djangoModule} on this box, for its share of memory.`,
        notes,
      ).map(note),
      blank,
      // [mysqld] is read by the server (mariadbd) and by MySQL too; [mariadb] would be MariaDB's alone.
      block(
        'mysqld',
        plan.settings.map((s, i) => [i ? blank : null, note(s.reason), directive(s.name, s.value)]),
      ),
    ),
  );
}

import type { GeneratedFile } from './generators/bundle';
import { ALB_IDLE_TIMEOUT_S, HEALTH_CHECK_INTERVAL_S, HEALTHY_THRESHOLD, UNHEALTHY_THRESHOLD } from './fleet';
import { dbNameFor } from './generators/pgbouncerIni';
import type { DeployTarget } from './generators/target';
import { celeryPlacement } from './celery';
import { MYSQL_CONF_PATH } from './generators/mysqlConf';
import { mysqlPlan } from './mysql';
import { REDIS_CONF_PATH, REDIS_INCLUDE_LINE } from './generators/redisConf';
import { postgresPlan } from './postgres';
import type { Answers } from './answers';
import type { Recommendation } from './recommend';
import { redisPlan } from './redis';

/** A value a step puts in force, with its reason (the same text as the comment above it in the file). */
export interface StepSetting {
  name: string;
  value: string;
  reason: string;
}

export interface SetupStep {
  title: string;
  commands: string[];
  note?: string;
  settings?: StepSetting[];
}

/**
 * How to put the generated files on a Debian/Ubuntu server and switch them on, in order. Paths come from
 * the files themselves, so the steps can never disagree with what is downloaded.
 */
export function setupSteps(rec: Recommendation, target: DeployTarget, files: GeneratedFile[]): SetupStep[] {
  const a = rec.answers;
  const lb = target.loadBalancer !== null;
  const byName = (n: string) => files.find((f) => f.name === n)?.path;
  const proxyFile = files.find((f) => f.language === 'nginx' || f.language === 'caddy')!;
  const pg = postgresPlan(rec);
  const my = mysqlPlan(rec);
  const redis = redisPlan(a);
  const placed = celeryPlacement(a, rec.chosen, rec.bill.celery);
  // Celery on this box; a Celery box the plan moved it to gets its own step.
  const celery = placed && !placed.box ? placed.plan : null;
  const steps: SetupStep[] = [
    {
      title: 'Install the packages and the app user',
      commands: [
        `sudo apt-get install -y ${[
          ...(a.proxy === 'nginx' ? (lb ? ['nginx'] : ['nginx', 'certbot']) : ['caddy']),
          ...(pg ? ['postgresql'] : []),
          // Debian 12's MySQL is MariaDB; mysqlclient builds against its client library, wherever the database is.
          ...(my ? ['mariadb-server'] : []),
          ...(a.dbEngine === 'mysql' ? MYSQLCLIENT_BUILD_DEPS : []),
          ...(redis ? ['redis-server'] : []),
          ...(rec.pgbouncer ? ['pgbouncer'] : []),
        ].join(' ')}`,
        `sudo useradd --system --home ${a.appDir} --shell /usr/sbin/nologin ${a.appUser} || true`,
        `sudo install -d -o ${a.appUser} -g ${a.appUser} ${target.logDir}`,
        `sudo -u ${a.appUser} python3 -m venv ${target.venvPath} && sudo -u ${a.appUser} ${target.venvPath}/bin/pip install gunicorn${a.appInterface === 'asgi' ? ' "uvicorn[standard]"' : ''}${a.celery === 'none' ? '' : ` ${celeryPackage(a)}`} ${dbDriver(a)}`,
      ],
      // Celery's Django layout imports the Celery app in the project's __init__.py: the web side needs the package
      // wherever the workers run.
      note: 'Gunicorn runs from the app’s virtualenv, so its version follows your requirements file.',
    },
    {
      title: 'Copy the files to the paths shown on their tabs',
      // A file for another box (the Celery box) is copied there, in its own step.
      commands: files.filter((f) => !f.box).map(copyCommand),
    },
  ];
  if (a.staticFiles === 'proxy')
    steps.push({
      title: 'Collect static files where the proxy serves them',
      commands: [
        `sudo install -d -o ${a.appUser} -g ${a.appUser} ${a.staticRoot} ${a.mediaRoot}`,
        `cd ${a.appDir} && sudo -u ${a.appUser} ${target.venvPath}/bin/python manage.py collectstatic --noinput`,
      ],
      note: `settings.py: STATIC_ROOT = "${a.staticRoot}", MEDIA_ROOT = "${a.mediaRoot}", STATIC_URL = "/static/", MEDIA_URL = "/media/".`,
    });
  if (pg)
    steps.push({
      title: 'Apply the PostgreSQL settings (a restart: shared_buffers needs one)',
      commands: [
        'sudo systemctl restart postgresql',
        `sudo -u postgres psql -c "SHOW shared_buffers" -c "SHOW max_connections"`,
      ],
      note:
        `Create the app’s role and database (createuser, createdb). settings.py: DATABASES["default"] with "HOST": "localhost" and "CONN_MAX_AGE": 60; ${countsEveryConnection(pg.maxConnections)}` +
        // Debian's PostgreSQL listens on localhost only: a Celery box elsewhere cannot reach it as installed.
        (a.celery === 'elsewhere'
          ? ' Celery runs on another instance: it needs listen_addresses to include this box’s private address, a pg_hba.conf line for that instance, and port 5432 open to it in the security group only.'
          : ''),
      settings: pg.settings.map(({ name, value, reason }) => ({ name, value, reason })),
    });
  if (my) {
    const db = dbNameFor(a.djangoModule);
    steps.push({
      title: 'Apply the MariaDB (MySQL) settings (a restart reads them)',
      commands: [
        'sudo systemctl restart mariadb',
        `sudo mariadb -e "SHOW GLOBAL VARIABLES WHERE Variable_name IN (${my.settings.map((x) => `'${x.name}'`).join(', ')})"`,
      ],
      note:
        `${MYSQL_CONF_PATH} is read after Debian’s 50-server.cnf, so its values win. Create the app’s database and account: sudo mariadb -e "CREATE DATABASE ${db} CHARACTER SET utf8mb4; CREATE USER '${db}'@'localhost' IDENTIFIED BY 'DATABASE_PASSWORD'; GRANT ALL ON ${db}.* TO '${db}'@'localhost'". ` +
        `settings.py: DATABASES["default"] = {"ENGINE": "django.db.backends.mysql", "NAME": "${db}", "USER": "${db}", "PASSWORD": os.environ["DATABASE_PASSWORD"], "HOST": "localhost" (the unix socket), "OPTIONS": {"charset": "utf8mb4"}, "CONN_MAX_AGE": 60}; ${countsEveryConnection(my.maxConnections)}` +
        (a.celery === 'elsewhere'
          ? ' Celery runs on another instance: it needs bind_address to include this box’s private address, an account for that instance’s address, and port 3306 open to it in the security group only.'
          : ''),
      settings: my.settings.map(({ name, value, reason }) => ({ name, value, reason })),
    });
  }
  if (redis)
    steps.push({
      title: 'Apply the Redis settings',
      commands: [
        `grep -qxF '${REDIS_INCLUDE_LINE}' /etc/redis/redis.conf || echo '${REDIS_INCLUDE_LINE}' | sudo tee -a /etc/redis/redis.conf`,
        'sudo systemctl restart redis-server',
        'redis-cli CONFIG GET maxmemory-policy',
      ],
      note:
        (redis.role === 'broker'
          ? `settings.py: CELERY_BROKER_URL = "redis://127.0.0.1:6379/0". ${REDIS_CONF_PATH} is read last, so its values win over redis.conf’s.`
          : `settings.py: CACHES["default"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/1"} (Django 4+). ${REDIS_CONF_PATH} is read last, so its values win.`) +
        // Debian's redis.conf binds 127.0.0.1 with protected mode: a Celery box elsewhere cannot reach it.
        (a.celery === 'elsewhere'
          ? ' Celery runs on another instance: bind this box’s private address too, set requirepass, and open port 6379 to that instance only.'
          : ''),
      settings: [
        { name: 'maxmemory', value: `${redis.maxmemoryMib.value}mb`, reason: redis.maxmemoryMib.reason },
        { name: 'maxmemory-policy', value: redis.policy.value, reason: redis.policy.reason },
      ],
    });
  steps.push({
    title: 'Start Gunicorn through its socket',
    commands: [
      'sudo systemctl daemon-reload',
      'sudo systemctl enable --now gunicorn.socket',
      `curl --unix-socket ${target.socketPath} -H "Host: ${a.domain}" http://localhost/`,
    ],
    note:
      `The first request starts gunicorn.service. settings.py: ALLOWED_HOSTS = ["${a.domain}"], SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")` +
      (rec.pgbouncer
        ? ', and the DATABASES of database_settings.py (PgBouncer on this box).'
        : ', and CONN_MAX_AGE > 0 for persistent database connections.') +
      (lb
        ? ` Behind the load balancer: MIDDLEWARE starts with "${a.djangoModule}.loadbalancer.ClientAddressMiddleware" (the client’s address from X-Forwarded-For)` +
          (a.healthCheck === 'django'
            ? `, urls.py routes "${rec.fleet.lb.healthCheck.value.slice(1)}" to loadbalancer.healthz (see its header).`
            : '.')
        : ''),
  });
  const pgb = byName('pgbouncer.ini');
  if (pgb && rec.pgbouncer)
    steps.push({
      title: 'Start PgBouncer on this box',
      commands: [
        `sudo install -m 640 -o postgres -g postgres /dev/null ${target.pgbouncer.authFile}`,
        `sudoedit ${target.pgbouncer.authFile}`,
        'sudo systemctl restart pgbouncer',
        `psql "host=127.0.0.1 port=${target.pgbouncer.port} dbname=${dbNameFor(a.djangoModule)}" -c "select 1"`,
      ],
      note: `The auth file holds one line per role: "name" "password or SCRAM secret". ${rec.pgbouncer.defaultPoolSize.reason}`,
    });
  if (lb)
    steps.push(
      {
        title: a.proxy === 'nginx' ? 'Enable the site, check and reload Nginx' : 'Check and reload Caddy',
        commands:
          a.proxy === 'nginx'
            ? [
                `sudo ln -sf ${proxyFile.path} /etc/nginx/sites-enabled/${a.domain}`,
                'sudo rm -f /etc/nginx/sites-enabled/default',
                'sudo nginx -t',
                'sudo systemctl reload nginx',
                `curl -i http://127.0.0.1:${target.httpPort}${rec.fleet.lb.healthCheck.value}`,
              ]
            : [
                `sudo caddy validate --adapter caddyfile --config ${proxyFile.path}`,
                'sudo systemctl reload caddy',
                `curl -i http://127.0.0.1:${target.httpPort}${rec.fleet.lb.healthCheck.value}`,
              ],
        note: `No certificate on the box: TLS ends at the load balancer. The health check must answer 200 before the ALB sends traffic.`,
      },
      loadBalancerStep(rec, target),
    );
  else if (a.proxy === 'nginx')
    steps.push({
      title: 'Get the certificate, enable the site, check and reload Nginx',
      commands: [
        `sudo certbot certonly --standalone -d ${a.domain} --pre-hook "systemctl stop nginx" --post-hook "systemctl start nginx"`,
        `sudo ln -sf ${proxyFile.path} /etc/nginx/sites-enabled/${a.domain}`,
        'sudo rm -f /etc/nginx/sites-enabled/default',
        'sudo nginx -t',
        'sudo systemctl reload nginx',
      ],
      note: 'Certbot keeps the hooks for renewals. Ports 80 and 443 must be open in the security group, and the domain must point at this box.',
    });
  else
    steps.push({
      title: 'Check and reload Caddy',
      commands: [
        `sudo caddy validate --adapter caddyfile --config ${proxyFile.path}`,
        'sudo systemctl reload caddy',
      ],
      note: 'Caddy gets and renews the certificate itself once the domain points at this box and ports 80 and 443 are open.',
    });
  const celeryFiles = files.filter((f) => f.name === 'celery.service' || f.name === 'celerybeat.service');
  const celeryUnits = celeryFiles.filter((f) => !f.box).map((f) => f.name);
  const boxUnits = celeryFiles.filter((f) => f.box).map((f) => f.name);
  if (celery && celeryUnits.length)
    steps.push({
      title: 'Start Celery',
      commands: [`sudo systemctl enable --now ${celeryUnits.join(' ')}`],
      note: `settings.py: CELERY_BROKER_URL, and ${a.djangoModule}/celery.py as in Celery’s “First steps with Django”.`,
      settings: [
        { name: 'concurrency', value: `${celery.concurrency.value}`, reason: celery.concurrency.reason },
        { name: 'room on this box', value: `${celery.maxOnBox.value}`, reason: celery.maxOnBox.reason },
        { name: 'celery beat', value: celery.beat.value ? 'yes' : 'no', reason: celery.beat.reason },
      ],
    });
  const box = placed?.box;
  const beatFile = celeryFiles.find((f) => f.box && f.name === 'celerybeat.service');
  const many = (box?.boxes ?? 1) > 1;
  if (placed && box && boxUnits.length) {
    const worker = celeryFiles.filter((f) => f.box && f.name === 'celery.service');
    // With several Celery boxes beat's file and commands are for one of them only: a command run on each box
    // that copied, enabled or restarted it would start a scheduler per box, and every periodic task N times.
    const beatOnOne = beatFile
      ? [
          `${copyCommand(beatFile)} && sudo systemctl daemon-reload && sudo systemctl enable --now celerybeat.service${many ? '  # on one Celery box only' : ''}`,
        ]
      : [];
    steps.push({
      title: `On ${many ? `each of the ${box.boxes} Celery boxes` : 'the Celery box'} (${box.instance.type}): the app’s code, then its Celery worker`,
      commands: [
        ...(a.dbEngine === 'mysql' ? [`sudo apt-get install -y ${MYSQLCLIENT_BUILD_DEPS.join(' ')}`] : []),
        `sudo useradd --system --home ${a.appDir} --shell /usr/sbin/nologin ${a.appUser} || true`,
        `sudo -u ${a.appUser} python3 -m venv ${target.venvPath} && sudo -u ${a.appUser} ${target.venvPath}/bin/pip install ${celeryPackage(a)} ${dbDriver(a)}`,
        ...worker.map(copyCommand),
        'sudo systemctl daemon-reload',
        'sudo systemctl enable --now celery.service',
        ...beatOnOne,
      ],
      note:
        `Before enabling: the same code in ${a.appDir}, its requirements installed in ${target.venvPath} and the same settings.py as the web boxes — the worker imports Django and your app. ` +
        `CELERY_BROKER_URL points at ${a.redis === 'none' ? 'your broker' : 'the shared Redis (ElastiCache)'} and DATABASES at the shared database, not at 127.0.0.1.` +
        (beatFile ? ' Exactly one celery beat may run, or every periodic task runs twice.' : ''),
      settings: [
        {
          name: 'concurrency',
          value: `${placed.plan.concurrency.value}`,
          reason: placed.plan.concurrency.reason,
        },
        {
          name: 'celery beat',
          value: placed.plan.beat.value ? 'yes' : 'no',
          reason: placed.plan.beat.reason,
        },
      ],
    });
  }
  const gunicorn = rec.chosen.plan.preloadApp.value
    ? 'sudo systemctl restart gunicorn.service'
    : 'sudo systemctl reload gunicorn.service';
  steps.push({
    title: 'Deploy new code later',
    commands: [
      gunicorn,
      // Celery workers import the tasks once at start: new code runs only after a restart (a warm shutdown
      // lets running tasks finish first, up to TimeoutStopSec).
      ...(celeryUnits.length ? [`sudo systemctl restart ${celeryUnits.join(' ')}`] : []),
    ],
    note:
      (rec.chosen.plan.preloadApp.value
        ? 'preload_app is on, so new code needs a restart (a HUP reload would keep the old code loaded in the master).'
        : 'A reload (HUP) starts new workers with the new code and lets the old ones finish their requests.') +
      (celeryUnits.length
        ? ' Celery workers keep the code they started with: restart them too (running tasks finish first).'
        : boxUnits.length
          ? ` Celery workers keep the code they started with: deploy the same code on the Celery box${many ? 'es' : ''} and run ${restartOnBoxes(many, Boolean(beatFile))} (running tasks finish first).`
          : a.celery === 'elsewhere'
            ? ' Celery runs on another instance: restart its workers there with the same code.'
            : ''),
  });
  return steps;
}

/**
 * The load balancer and the group around the boxes, as AWS CLI commands (placeholders in capitals: the VPC,
 * subnets, security groups, launch template and ARNs are the user's).
 */
function loadBalancerStep(rec: Recommendation, target: DeployTarget): SetupStep {
  const a = rec.answers;
  const lb = rec.fleet.lb;
  const asg = rec.fleet.asg;
  const name = a.djangoModule.replace(/[^A-Za-z0-9-]/g, '-');
  const hc = lb.healthCheck.value;
  return {
    title: 'Put the boxes behind an ALB in an Auto Scaling group',
    commands: [
      `aws acm request-certificate --domain-name ${a.domain} --validation-method DNS`,
      `aws elbv2 create-target-group --name ${name} --protocol HTTP --port ${target.httpPort} --vpc-id VPC_ID --health-check-path ${hc} --health-check-interval-seconds ${HEALTH_CHECK_INTERVAL_S} --healthy-threshold-count ${HEALTHY_THRESHOLD} --unhealthy-threshold-count ${UNHEALTHY_THRESHOLD} --matcher HttpCode=200`,
      `aws elbv2 create-load-balancer --name ${name} --type application --subnets SUBNET_A SUBNET_B --security-groups ALB_SG`,
      `aws elbv2 create-listener --load-balancer-arn ALB_ARN --protocol HTTPS --port 443 --certificates CertificateArn=CERT_ARN --default-actions Type=forward,TargetGroupArn=TG_ARN`,
      `aws elbv2 create-listener --load-balancer-arn ALB_ARN --protocol HTTP --port 80 --default-actions "Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}"`,
      ...(asg
        ? [
            `aws autoscaling create-auto-scaling-group --auto-scaling-group-name ${name} --launch-template LaunchTemplateName=${name} --min-size ${asg.min.value} --max-size ${asg.max.value} --target-group-arns TG_ARN --health-check-type ELB --health-check-grace-period 300 --vpc-zone-identifier "SUBNET_A,SUBNET_B"`,
            `aws autoscaling put-scaling-policy --auto-scaling-group-name ${name} --policy-name cpu-${asg.cpuTargetPct.value} --policy-type TargetTrackingScaling --target-tracking-configuration '{"PredefinedMetricSpecification":{"PredefinedMetricType":"ASGAverageCPUUtilization"},"TargetValue":${asg.cpuTargetPct.value}}'`,
          ]
        : []),
    ],
    note:
      `The certificate comes from ACM (validate it with the DNS record ACM gives, then point ${a.domain} at the ALB): no certbot. ` +
      `The boxes’ security group admits port ${target.httpPort} from the ALB’s security group only; the ALB connects from ${lb.trustedSubnet.value}. ` +
      `Keep the ALB’s idle timeout at its default ${ALB_IDLE_TIMEOUT_S} s (the proxy keeps connections ${lb.proxyKeepalive.value} s). ` +
      (asg ? `Group: ${asg.min.reason} Max: ${asg.max.reason} CPU target: ${asg.cpuTargetPct.reason}` : ''),
  };
}

const countsEveryConnection = (max: number) =>
  `max_connections (${max}) counts one connection per Gunicorn thread and Celery process.`;

/** The file's name in the download (and in `install` commands): the last part of its server path. */
export function basename(f: GeneratedFile): string {
  return f.path.slice(f.path.lastIndexOf('/') + 1);
}

/** A file's name in the .zip (and where the copy commands read it): a file for another box sits in its folder. */
export const archiveName = (f: GeneratedFile) => (f.box ? `${f.box.dir}/${basename(f)}` : basename(f));

/** The restart after a deploy where Celery runs on its own box(es): beat only on the one box that runs it. */
const restartOnBoxes = (many: boolean, beat: boolean) =>
  many
    ? `sudo systemctl restart celery.service on each${beat ? ', and sudo systemctl restart celerybeat.service on the one box that runs beat' : ''}`
    : `sudo systemctl restart celery.service${beat ? ' celerybeat.service' : ''} there`;

/** The Celery package the worker needs: with Redis as its broker, the redis extra. */
const celeryPackage = (a: Answers) => (a.redis === 'none' ? 'celery' : '"celery[redis]"');

/** The database driver Django needs for the answers' engine (mysqlclient builds against MariaDB's client). */
const dbDriver = (a: Answers) => (a.dbEngine === 'postgresql' ? 'psycopg2-binary' : 'mysqlclient');

// mysqlclient's build dependencies on Debian 12 (mysqlclient's README).
const MYSQLCLIENT_BUILD_DEPS = ['python3-dev', 'default-libmysqlclient-dev', 'build-essential', 'pkg-config'];

const copyCommand = (f: GeneratedFile) => `sudo install -m 644 ${archiveName(f)} ${f.path}`;

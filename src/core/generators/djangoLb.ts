import type { Recommendation } from '../recommend';
import { checkedInput, type DeployTarget } from './target';
import { comment, header, pyStr } from './text';

/** The module's path inside the project: <appDir>/<djangoModule as folders>/loadbalancer.py. */
export const lbModulePath = (appDir: string, module: string) =>
  `${appDir}/${module.replace(/\./g, '/')}/loadbalancer.py`;

/** The dotted name settings.MIDDLEWARE uses for the middleware. */
export const lbMiddleware = (module: string) => `${module}.loadbalancer.ClientAddressMiddleware`;

/**
 * loadbalancer.py, for a box behind a load balancer: the middleware that gives Django the client's address
 * (REMOTE_ADDR is the local proxy's unix socket otherwise) and, when the user chose it, the health-check view.
 * The proxy writes X-Forwarded-For (only it reaches Gunicorn's socket); the middleware believes the entries
 * the load balancer's subnet added, as nginx's real_ip_recursive does, so both proxies give the same answer.
 */
export function generateLbModule(rec: Recommendation, target: DeployTarget): string {
  const input = checkedInput(rec, target);
  const { a, t } = input;
  const cidr = t.loadBalancer?.trustedCidr ?? rec.fleet.lb.trustedSubnet.value;
  const lines = [
    ...header(
      input,
      `Django behind the load balancer: the client’s address${a.healthCheck === 'django' ? ' and the health check' : ''}.`,
      [
        `Install as ${lbModulePath(a.appDir, a.djangoModule)}; settings.py: MIDDLEWARE = [${pyStr(lbMiddleware(a.djangoModule))}, ...] (first).`,
        ...(a.healthCheck === 'django'
          ? [
              `urls.py: from ${a.djangoModule} import loadbalancer; urlpatterns += [path(${pyStr(rec.fleet.lb.healthCheck.value.slice(1))}, loadbalancer.healthz)]`,
              `With SECURE_SSL_REDIRECT = True also set SECURE_REDIRECT_EXEMPT = [r${pyStr(`^${rec.fleet.lb.healthCheck.value.slice(1)}$`)}]: the health check is plain HTTP and needs a 200, not a redirect.`,
            ]
          : []),
      ],
    ),
    'import ipaddress',
    '',
    ...(a.healthCheck === 'django' ? ['from django.http import HttpResponse', ''] : []),
    comment(rec.fleet.lb.trustedSubnet.reason),
    `TRUSTED = (ipaddress.ip_network(${pyStr(cidr)}),)`,
    '',
    '',
    'def client_address(forwarded_for, peer):',
    '    """The right-most address in X-Forwarded-For that is not the load balancer\'s (nginx: real_ip_recursive)."""',
    '    hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]',
    '    for hop in reversed(hops):',
    '        try:',
    '            ip = ipaddress.ip_address(hop)',
    '        except ValueError:',
    '            return peer  # not an address: believe nothing further left',
    '        if not any(ip in net for net in TRUSTED):',
    '            return hop',
    '    return hops[0] if hops else peer',
    '',
    '',
    'class ClientAddressMiddleware:',
    '    """Sets REMOTE_ADDR to the client\'s address, for logs, rate limits and request.META users."""',
    '',
    '    def __init__(self, get_response):',
    '        self.get_response = get_response',
    '',
    '    def __call__(self, request):',
    '        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")',
    '        if forwarded:',
    '            request.META["REMOTE_ADDR"] = client_address(forwarded, request.META.get("REMOTE_ADDR", ""))',
    '        return self.get_response(request)',
  ];
  if (a.healthCheck === 'django')
    lines.push(
      '',
      '',
      comment(rec.fleet.lb.healthCheck.reason),
      'def healthz(request):',
      '    return HttpResponse("ok\\n", content_type="text/plain")',
    );
  return `${lines.join('\n')}\n`;
}

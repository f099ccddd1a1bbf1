import { describe, expect, it } from 'vitest';
import { DEFAULT_ANSWERS, type Answers } from './answers';
import { CPU_TARGET, cpuItems, totalCpu } from './cpu';
import { demand } from './demand';
import { SCENARIOS } from '../testing/fixtures';

const A = (over: Partial<Answers> = {}): Answers => ({ ...DEFAULT_ANSWERS, ...over });
const items = (a: Answers) => cpuItems(a, demand(a));
const vcpu = (a: Answers, label: string) => items(a).find((i) => i.label === label)?.vcpu;

describe('cpuItems', () => {
  it('Django burns its CPU milliseconds on each dynamic request', () => {
    // defaults: 2.941176 dynamic requests/s × 80 ms CPU = 0.235294 vCPU
    expect(vcpu(A(), 'Django (Gunicorn)')).toBeCloseTo(0.235294, 6);
    expect(items(A())[0]?.reason).toBe('2.94 requests/s × 80 ms CPU = 0.24 vCPU.');
  });

  it('the proxy costs ~0.1 ms per request for Nginx, ~0.2 ms for Caddy', () => {
    // all 4.901961 requests/s pass the proxy (it serves the static files)
    expect(vcpu(A(), 'Nginx')).toBeCloseTo(0.0004902, 8);
    expect(vcpu(A({ proxy: 'caddy' }), 'Caddy')).toBeCloseTo(0.00098039, 8);
    // static files on S3: only the 2.941176 dynamic requests/s reach the proxy
    expect(vcpu(A({ staticFiles: 's3' }), 'Nginx')).toBeCloseTo(0.00029412, 8);
  });

  it('Celery on the box costs its processes × busy share; elsewhere, nothing here', () => {
    expect(vcpu(A({ celery: 'here', celeryConcurrency: 4, celeryBusyPct: 50 }), 'Celery')).toBe(2);
    expect(
      vcpu(A({ celery: 'elsewhere', celeryConcurrency: 4, celeryBusyPct: 50 }), 'Celery'),
    ).toBeUndefined();
  });

  it('a database on the box costs a quarter of Django’s CPU', () => {
    expect(vcpu(A({ dbLocation: 'here' }), 'PostgreSQL')).toBeCloseTo(0.235294 / 4, 6);
    expect(vcpu(A({ dbLocation: 'here', dbEngine: 'mysql' }), 'MySQL')).toBeCloseTo(0.235294 / 4, 6);
    expect(vcpu(A(), 'PostgreSQL')).toBeUndefined();
  });

  it('a CPU-bound app at 200 requests/s: 200 × 50 ms = 10 vCPU', () => {
    const a = A(SCENARIOS.cpuBound);
    // 1000 / 5 = 200/s; 1000 ms × 5% = 50 ms CPU → 10 vCPU; Nginx 200 × 0.1 ms = 0.02
    expect(vcpu(a, 'Django (Gunicorn)')).toBeCloseTo(10, 9);
    expect(totalCpu(items(a))).toBeCloseTo(10.02, 9);
  });
});

describe('totalCpu and the target', () => {
  it('adds the items', () => {
    const a = A({ celery: 'here', celeryConcurrency: 2, celeryBusyPct: 25, dbLocation: 'here' });
    // 0.235294 + 0.000490 + 0.5 + 0.058824 = 0.794608
    expect(totalCpu(items(a))).toBeCloseTo(0.794608, 5);
  });

  it('aims below the guide’s “CPU consistently > 70%” trigger', () => {
    expect(CPU_TARGET).toBe(0.7);
  });
});

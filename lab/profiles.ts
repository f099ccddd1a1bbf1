// The request profiles the lab measures: each stands for an answer a user gives Rightsize (typical response
// time and its I/O share), served by a view of the reference project (django/shop/views.py).
import type { ServerConfig } from './lib/server';

export interface Profile {
  id: string;
  label: string;
  path: string;
  /** The answers this profile stands for. */
  responseTimeMs: number;
  ioSharePct: number;
  /** The configuration the accuracy runs use (today's rule for 1 core: 2 × 1 + 1 workers, threads by I/O share). */
  config: ServerConfig;
  /** Configurations of the workers × threads sweep at 70% load. */
  sweep: ServerConfig[];
}

const sync = (workers: number): ServerConfig => ({ workers, threads: 1 });
const gthread = (workers: number, threads: number): ServerConfig => ({ workers, threads });

export const PROFILES: Profile[] = [
  {
    id: 'cpu',
    label: 'CPU-bound: 50 ms CPU',
    path: '/cpu?ms=50',
    responseTimeMs: 50,
    ioSharePct: 0,
    config: sync(3),
    sweep: [sync(1), sync(2), sync(3), sync(5), gthread(2, 2), gthread(3, 3)],
  },
  {
    id: 'mixed',
    label: 'Default: 200 ms, 60% I/O (80 ms CPU + 120 ms wait)',
    path: '/mixed?cpu=80&io=120',
    responseTimeMs: 200,
    ioSharePct: 60,
    config: gthread(3, 3),
    sweep: [sync(2), sync(3), sync(5), sync(8), gthread(2, 2), gthread(3, 3), gthread(2, 4), gthread(1, 8)],
  },
  {
    id: 'io',
    label: 'I/O-bound: 200 ms, 90% I/O (20 ms CPU + 180 ms wait)',
    path: '/mixed?cpu=20&io=180',
    responseTimeMs: 200,
    ioSharePct: 90,
    config: gthread(3, 8),
    sweep: [
      sync(8),
      sync(12),
      gthread(1, 8),
      gthread(2, 4),
      gthread(3, 3),
      gthread(3, 4),
      gthread(2, 8),
      gthread(3, 8),
    ],
  },
  {
    id: 'page',
    label: 'Realistic page: 3 ORM queries on SQLite + a 50-row template',
    path: '/page',
    // Filled in from the lab's measured CPU per request; SQLite runs in-process, so there is no I/O wait.
    responseTimeMs: 10,
    ioSharePct: 0,
    config: sync(3),
    sweep: [],
  },
];

export const LOADS = [0.3, 0.5, 0.7, 0.9];

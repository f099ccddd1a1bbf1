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
  /**
   * The configuration the accuracy runs use: the rules' plan for a 1-vCPU box (sync: the guide's 2 × 1 + 1;
   * gthread: one worker per vCPU, at least 2; threads by I/O share).
   */
  config: ServerConfig;
  /** Configurations of the workers × threads sweep at 70% load: the rules' plan and its contenders. */
  sweep: ServerConfig[];
  /**
   * Configurations the sweep measures only with LAB_SWEEP_ALL=1: every committed run of them was far from the
   * best (an overloaded queue, or under MIN_WORKERS and well behind), so a default run keeps their recorded runs.
   */
  sweepMore: ServerConfig[];
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
    sweep: [sync(2), sync(3), sync(5), gthread(2, 2)],
    // 1 × 1: 374 ms [368–421] vs 3 × 1's 268; 3 × 3: 421 [295–462] (2026-11-25)
    sweepMore: [sync(1), gthread(3, 3)],
  },
  {
    id: 'mixed',
    label: 'Default: 200 ms, 60% I/O (80 ms CPU + 120 ms wait)',
    path: '/mixed?cpu=80&io=120',
    responseTimeMs: 200,
    ioSharePct: 60,
    config: gthread(2, 3),
    sweep: [sync(5), sync(8), gthread(2, 2), gthread(2, 3), gthread(3, 3), gthread(2, 4), gthread(1, 8)],
    // Overloaded: 2 × 1 sync 4,125 ms [2,292–6,402], 3 × 1 2,493 [557–5,099] (2026-11-25)
    sweepMore: [sync(2), sync(3)],
  },
  {
    id: 'io',
    label: 'I/O-bound: 200 ms, 90% I/O (20 ms CPU + 180 ms wait)',
    path: '/mixed?cpu=20&io=180',
    responseTimeMs: 200,
    ioSharePct: 90,
    config: gthread(2, 8),
    sweep: [sync(12), gthread(1, 8), gthread(3, 4), gthread(2, 8), gthread(3, 8)],
    // Slot-starved: 8 × 1 sync 948 ms [870–1,445], 2 × 4 1,093 [758–1,187], 3 × 3 1,196 [970–1,352] vs 319–331
    sweepMore: [sync(8), gthread(2, 4), gthread(3, 3)],
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
    sweepMore: [],
  },
];

export const LOADS = [0.3, 0.5, 0.7, 0.9];

'use client';

import { useEffect, useState } from 'react';
import type { ImportJob } from '@/lib/csv/import-types';
import { callJob } from './upload';

const POLL_MS = 1000;

export interface FollowedJob {
  job: ImportJob | null;
  /** The last poll did not reach the server; polling goes on. */
  stale: boolean;
  /** The job is gone (404): deleted after 7 days, or not this user's. */
  lost: boolean;
  cancelling: boolean;
  follow: (job: ImportJob | null) => void;
  cancel: () => Promise<void>;
}

/** Follow an import job: poll it every second while it runs; its id goes into the page's URL for a reload. */
export function useJob(initial: ImportJob | null, lostAtStart: boolean): FollowedJob {
  const [job, setJob] = useState<ImportJob | null>(initial);
  const [stale, setStale] = useState(false);
  const [lost, setLost] = useState(lostAtStart);
  const [cancelling, setCancelling] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!job || job.state !== 'running') return;
    let stopped = false;
    const timer = setTimeout(async () => {
      const reply = await callJob(job.id);
      if (stopped) return;
      if (reply.ok) {
        setStale(false);
        setJob(reply.job);
      } else if (reply.status === 404) {
        setLost(true);
        setJob(null);
      } else {
        setStale(true);
        setAttempt((n) => n + 1);
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [job, attempt]);

  const follow = (next: ImportJob | null) => {
    setJob(next);
    setLost(false);
    setStale(false);
    setCancelling(false);
    const url = new URL(window.location.href);
    if (next) url.searchParams.set('job', next.id);
    else url.searchParams.delete('job');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}`);
  };

  const cancel = async () => {
    if (!job) return;
    setCancelling(true);
    const reply = await callJob(job.id, 'DELETE');
    if (reply.ok) setJob(reply.job);
    else setAttempt((n) => n + 1);
    setCancelling(false);
  };

  return { job, stale, lost, cancelling, follow, cancel };
}

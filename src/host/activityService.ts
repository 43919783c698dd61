// Today's and this week's numbers for the status bar: every window's files (re-read only when they
// changed) plus this window's not-yet-written heartbeats, merged into one machine-wide timeline.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dailyActivity, type DayActivity } from '../core/days';
import { buildTimeline } from '../core/timeline';
import type { Span } from '../core/types';
import { addDays, localDate, startOfIsoWeek } from '../core/zone';
import { decodeActivity } from '../store/activityFormat';
import { ACTIVITY_DIR, monthsBetween } from '../store/activityStore';

export interface Snapshot {
  readonly today: DayActivity;
  /** Monday .. today of the current ISO week. */
  readonly week: readonly DayActivity[];
  readonly weekHandsOnMs: number;
  readonly damagedLines: number;
  readonly anomalies: number;
  readonly computedAt: number;
}

interface CachedFile {
  mtimeMs: number;
  size: number;
  spans: Span[];
  damaged: number;
}

export class ActivityService {
  private readonly cache = new Map<string, CachedFile>();

  constructor(private readonly dataDir: string) {}

  /** Recomputes from disk (cheap when nothing changed) plus `pending` spans not yet written. */
  async snapshot(now: number, timeZone: string, idleMinutes: number, pending: readonly Span[]): Promise<Snapshot> {
    const today = localDate(now, timeZone);
    const monday = startOfIsoWeek(today);
    const sources = await this.readSources(addDays(monday, -1).slice(0, 7), addDays(today, 1).slice(0, 7));
    let damagedLines = 0;
    for (const c of this.cache.values()) damagedLines += c.damaged;
    const { segments, anomalies } = buildTimeline([...sources, pending], { idleMs: idleMinutes * 60_000, now });
    const week = dailyActivity(segments, monday, today, timeZone);
    return {
      today: week[week.length - 1],
      week,
      weekHandsOnMs: week.reduce((sum, d) => sum + d.handsOnMs, 0),
      damagedLines,
      anomalies,
      computedAt: now,
    };
  }

  private async readSources(fromMonth: string, toMonth: string): Promise<Span[][]> {
    const out: Span[][] = [];
    const seen = new Set<string>();
    for (const month of monthsBetween(fromMonth, toMonth)) {
      const dir = path.join(this.dataDir, ACTIVITY_DIR, month);
      let names: string[];
      try {
        names = (await fs.promises.readdir(dir)).filter((n) => n.endsWith('.jsonl'));
      } catch {
        continue;
      }
      for (const name of names) {
        const file = path.join(dir, name);
        seen.add(file);
        try {
          const st = await fs.promises.stat(file);
          let cached = this.cache.get(file);
          if (!cached || cached.mtimeMs !== st.mtimeMs || cached.size !== st.size) {
            const decoded = decodeActivity(await fs.promises.readFile(file, 'utf8'));
            cached = { mtimeMs: st.mtimeMs, size: st.size, spans: decoded.spans, damaged: decoded.damagedLines };
            this.cache.set(file, cached);
          }
          out.push(cached.spans);
        } catch {
          // A file removed or unreadable right now is simply not part of this snapshot.
        }
      }
    }
    for (const key of this.cache.keys()) if (!seen.has(key)) this.cache.delete(key);
    return out;
  }
}

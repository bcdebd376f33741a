// How late this process's event loop runs, for the operator (/health/ready): the delay a request waits
// before its turn (GC pauses, CPU contention, a slow handler) and how busy the loop is. Over the last whole
// minute, so two probes a second apart read the same figures and one slow moment stays visible a while.
import { monitorEventLoopDelay, performance, type EventLoopUtilization, type IntervalHistogram } from 'node:perf_hooks';

export interface LoopReport {
  /** the window these figures cover, in seconds (the current, partial one until a minute has passed) */
  windowSeconds: number;
  delayP50Ms: number;
  delayP99Ms: number;
  delayMaxMs: number;
  /** share of the window the loop was busy, 0–1 */
  utilization: number;
}

const RESOLUTION_MS = 10;
const round2 = (x: number): number => Math.round(x * 100) / 100;

export class LoopMonitor {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private readonly timer: NodeJS.Timeout;
  private windowStart = performance.now();
  private elu: EventLoopUtilization = performance.eventLoopUtilization();
  private last: LoopReport | null = null;

  constructor(windowMs = 60_000) {
    this.histogram.enable();
    this.timer = setInterval(() => {
      this.last = this.current();
      this.histogram.reset();
      this.windowStart = performance.now();
      this.elu = performance.eventLoopUtilization();
    }, windowMs);
    this.timer.unref();
  }

  report(): LoopReport {
    return this.last ?? this.current();
  }

  stop(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }

  private current(): LoopReport {
    const h = this.histogram;
    // The histogram measures how late a 10 ms timer fires; a loop that is never late reads 10 ms.
    const late = (ns: number): number => (h.count ? round2(Math.max(0, ns / 1e6 - RESOLUTION_MS)) : 0);
    return {
      windowSeconds: Math.round((performance.now() - this.windowStart) / 100) / 10,
      delayP50Ms: late(h.percentile(50)),
      delayP99Ms: late(h.percentile(99)),
      delayMaxMs: late(h.max),
      utilization: Math.round(performance.eventLoopUtilization(this.elu).utilization * 1000) / 1000,
    };
  }
}

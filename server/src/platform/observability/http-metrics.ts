/** Request counts and latencies per route pattern, method and status class. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Histogram } from './prometheus.js';
import { routePattern } from './logging.js';

/** Latency buckets in seconds: the 50 ms goal sits between two of them. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

export class HttpMetrics {
  readonly requests = new Counter('gridgov_http_requests_total', 'HTTP requests answered, by route pattern, method and status class');
  readonly latency = new Histogram('gridgov_http_request_duration_seconds', 'Time to answer an HTTP request, by route pattern, method and status class', LATENCY_BUCKETS);

  /** onResponse hook. */
  readonly hook = (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    this.record(request.method, routePattern(request), reply.statusCode, reply.elapsedTime / 1000);
    done();
  };

  record(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status_class: statusClass(status) };
    this.requests.inc(labels);
    this.latency.observe(labels, seconds);
  }

  render(): string[] {
    return [this.requests.render(), this.latency.render()];
  }
}

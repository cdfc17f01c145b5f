import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { DurationHistogram } from '../../src/http/duration-histogram.js';

/**
 * DurationHistogram (src/http/duration-histogram.ts) stands in for prom-client's Histogram as
 * http_request_duration_seconds: fed the same observations, the registry must render the two alike, in the text
 * format and as JSON.
 */

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const NAME = 'http_request_duration_seconds';
const HELP = 'Time to answer a request, by method, matched route and status';
const LABELS = ['method', 'route', 'status'];

function pair() {
  const theirs = new Registry();
  const ours = new Registry();
  const reference = new Histogram({
    name: NAME,
    help: HELP,
    labelNames: LABELS,
    buckets: BUCKETS,
    registers: [theirs],
  });
  const histogram = new DurationHistogram(NAME, HELP, LABELS, BUCKETS, [ours]);
  return { theirs, ours, reference, histogram };
}

async function expectSameExposition(theirs: Registry, ours: Registry) {
  expect(await ours.metrics()).toBe(await theirs.metrics());
  expect(await ours.getMetricsAsJSON()).toEqual(await theirs.getMetricsAsJSON());
}

describe('DurationHistogram', () => {
  it('renders as prom-client renders its Histogram, through series handles and label objects alike', async () => {
    const { theirs, ours, reference, histogram } = pair();
    await expectSameExposition(theirs, ours);
    const feed304 = { method: 'GET', route: '/feed.rss', status: '304' };
    const head200 = { method: 'HEAD', route: '/feed.json', status: '200' };
    const handle = histogram.series(feed304);
    // Bounds exactly, between them, above the last, zero; label sets interleaved so first-seen order matters.
    const values = [0, 0.001, 0.0010001, 0.003, 0.25, 9.99, 10, 10.5, 0.0004, 2.5, 0.07];
    for (const [i, seconds] of values.entries()) {
      reference.observe(feed304, seconds);
      handle.observe(seconds);
      if (i % 3 === 0) {
        reference.observe(head200, seconds * 2);
        histogram.observe(head200, seconds * 2);
      }
    }
    const unmatched = { method: 'GET', route: 'unmatched', status: '404' };
    reference.observe(unmatched, 0.002);
    histogram.series(unmatched).observe(0.002);
    await expectSameExposition(theirs, ours);
  });

  it('a handle made before its first observation, or kept across a reset, counts into the live series', async () => {
    const { theirs, ours, reference, histogram } = pair();
    const labels = { method: 'GET', route: '/feed.atom', status: '200' };
    const early = histogram.series(labels);
    const other = histogram.series(labels);
    // The series exists only once observed, as in prom-client, and two handles share it.
    await expectSameExposition(theirs, ours);
    early.observe(0.004);
    other.observe(0.02);
    reference.observe(labels, 0.004);
    reference.observe(labels, 0.02);
    await expectSameExposition(theirs, ours);
    ours.resetMetrics();
    theirs.resetMetrics();
    await expectSameExposition(theirs, ours);
    early.observe(0.3);
    reference.observe(labels, 0.3);
    await expectSameExposition(theirs, ours);
    expect(await ours.metrics()).toContain(`${NAME}_count{method="GET",route="/feed.atom",status="200"} 1`);
  });

  it('refuses what prom-client refuses: an unknown label, a duration that is not a number', () => {
    const { histogram } = pair();
    expect(() => histogram.observe({ method: 'GET', path: '/x' }, 0.1)).toThrow(/label "path"/);
    expect(() => histogram.series({ method: 'GET', route: '/', status: '200' }).observe(Number.NaN)).toThrow(TypeError);
  });
});

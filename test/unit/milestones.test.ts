import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/errors';
import { axisIntervalOf, bucketOf, markerLabel, placeMilestones, type Milestone } from '../../lib/events/markers';
import { parseTimelineQuery, timelineToParams } from '../../lib/events/timeline';
import { parseMilestoneView, withMilestoneView, withToggledKind } from '../../lib/events/view';
import { dayOf, placeLabels, quarterSpan, spanOf, timeScale } from '../../app/timeline/_lib/layout';

// Milestones as chart markers: the period each lands in, for the axes charts draw (years, quarters, months),
// and the URL parameters that turn them on (events=1, eventKinds=…) or narrow the timeline (from, to, kind).

const at = (date: string, date_precision: string | null = 'day', id = date): Milestone => ({ id, date, date_precision, title: `T ${id}`, title_zh: null, kind: 'model' });

function badParam(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) return error.details.param;
    throw error;
  }
  throw new Error('expected a 400');
}

describe('bucketing milestones into a chart axis', () => {
  it('reads the interval off the period labels', () => {
    expect(axisIntervalOf(['2021', '2022'])).toBe('year');
    expect(axisIntervalOf(['2022-Q4', '2023-Q1'])).toBe('quarter');
    expect(axisIntervalOf(['2026-01', '2026-02'])).toBe('month');
    expect(axisIntervalOf(['2022', '2023-Q1'])).toBeNull();
    expect(axisIntervalOf(['Q4 2022'])).toBeNull();
    expect(axisIntervalOf([])).toBeNull();
  });

  it('puts a date in its year, quarter or month', () => {
    const chatgpt = at('2022-11-30');
    expect(bucketOf(chatgpt, 'year')).toBe('2022');
    expect(bucketOf(chatgpt, 'quarter')).toBe('2022-Q4');
    expect(bucketOf(chatgpt, 'month')).toBe('2022-11');
    expect(['2023-01-01', '2023-03-31', '2023-04-01', '2023-06-30', '2023-07-01', '2023-09-30', '2023-10-01', '2023-12-31'].map((d) => bucketOf(at(d), 'quarter'))).toEqual(
      ['2023-Q1', '2023-Q1', '2023-Q2', '2023-Q2', '2023-Q3', '2023-Q3', '2023-Q4', '2023-Q4'],
    );
  });

  it('never places a date in a finer period than its precision knows', () => {
    expect(bucketOf(at('2012-01-01', 'year'), 'year')).toBe('2012');
    expect(bucketOf(at('2012-01-01', 'year'), 'quarter')).toBeNull();
    expect(bucketOf(at('2023-04-01', 'quarter'), 'quarter')).toBe('2023-Q2');
    expect(bucketOf(at('2023-04-01', 'quarter'), 'month')).toBeNull();
    expect(bucketOf(at('2022-04-01', 'month'), 'month')).toBe('2022-04');
    expect(bucketOf(at('2022-04-01', 'month'), 'quarter')).toBe('2022-Q2');
    expect(bucketOf(at('2022-04-13', null), 'month')).toBe('2022-04');
  });

  it('places milestones on the axis in period order, counts those outside it and those too coarse for it', () => {
    const milestones = [at('2022-11-30', 'day', 'chatgpt'), at('2012-01-01', 'year', 'alexnet'), at('2023-03-14', 'day', 'gpt-4'), at('2023-03-14', 'day', 'claude'), at('2023-01-10', 'day', 'rules'), at('2030-01-01', 'day', 'later')];
    const placed = placeMilestones(milestones, ['2022-Q3', '2022-Q4', '2023-Q1']);
    expect(placed.markers.map((m) => [m.period, m.milestones.map((x) => x.id)])).toEqual([
      ['2022-Q4', ['chatgpt']],
      ['2023-Q1', ['rules', 'claude', 'gpt-4']],
    ]);
    expect(placed.outside).toBe(1);
    expect(placed.unplaced).toBe(1);
    const yearly = placeMilestones(milestones, ['2012', '2013', '2022', '2023']);
    expect(yearly.markers.map((m) => m.period)).toEqual(['2012', '2022', '2023']);
    expect(yearly).toMatchObject({ outside: 1, unplaced: 0 });
    expect(placeMilestones(milestones, ['segment a'])).toEqual({ markers: [], outside: 0, unplaced: 6 });
  });

  it('labels a marker with its first milestone in the reader\'s language and the count of the others', () => {
    const marker = { period: '2023-Q1', milestones: [{ ...at('2023-03-14'), title: 'GPT-4 released', title_zh: 'GPT-4 发布' }, at('2023-03-16')] };
    expect(markerLabel(marker, 'en')).toBe('GPT-4 released +1');
    expect(markerLabel(marker, 'zh')).toBe('GPT-4 发布 +1');
    expect(markerLabel({ period: '2023', milestones: [{ ...at('2023-01-01'), title: 'x'.repeat(50) }] }, 'en', 20)).toBe(`${'x'.repeat(19)}…`);
  });
});

describe('milestones in a view\'s URL', () => {
  it('parses events=1 and eventKinds, in registry order, every kind written as none', () => {
    expect(parseMilestoneView(new URLSearchParams(''))).toBeNull();
    expect(parseMilestoneView(new URLSearchParams('events=0'))).toBeNull();
    expect(parseMilestoneView(new URLSearchParams('events=1'))).toEqual({ kinds: [] });
    expect(parseMilestoneView(new URLSearchParams('events=1&eventKinds=policy,model,policy'))).toEqual({ kinds: ['model', 'policy'] });
    expect(parseMilestoneView(new URLSearchParams('events=1&eventKinds=model,product,funding,policy,open-source,other'))).toEqual({ kinds: [] });
  });

  it('refuses a malformed value, naming it', () => {
    expect(badParam(() => parseMilestoneView(new URLSearchParams('events=yes')))).toBe('events');
    expect(badParam(() => parseMilestoneView(new URLSearchParams('events=1&events=1')))).toBe('events');
    expect(badParam(() => parseMilestoneView(new URLSearchParams('events=1&eventKinds=rumour')))).toBe('eventKinds');
    expect(badParam(() => parseMilestoneView(new URLSearchParams('eventKinds=model')))).toBe('eventKinds');
  });

  it('builds the toggle links, keeping the other parameters', () => {
    const params = new URLSearchParams('layer=foundation&interval=quarter');
    expect(withMilestoneView(params, { kinds: [] }).toString()).toBe('layer=foundation&interval=quarter&events=1');
    expect(withMilestoneView(new URLSearchParams('layer=a&events=1&eventKinds=model'), null).toString()).toBe('layer=a');
    expect(withMilestoneView(params, { kinds: ['policy', 'model'] }).get('eventKinds')).toBe('model,policy');
    expect(withToggledKind({ kinds: [] }, 'policy')).toEqual({ kinds: ['policy'] });
    expect(withToggledKind({ kinds: ['policy'] }, 'model')).toEqual({ kinds: ['model', 'policy'] });
    expect(withToggledKind({ kinds: ['model', 'policy'] }, 'model')).toEqual({ kinds: ['policy'] });
    expect(withToggledKind({ kinds: ['policy'] }, 'policy')).toEqual({ kinds: [] });
  });
});

describe('the timeline query', () => {
  it('reads a window and kinds, and writes them back the same', () => {
    const query = parseTimelineQuery(new URLSearchParams('from=2022&to=2023-06&kind=policy&kind=model'));
    expect(query).toEqual({ from: '2022-01-01', to: '2023-06-30', kinds: ['model', 'policy'] });
    expect(timelineToParams(query).toString()).toBe('from=2022-01-01&to=2023-06-30&kind=model&kind=policy');
    expect(parseTimelineQuery(new URLSearchParams(''))).toEqual({ from: null, to: null, kinds: [] });
  });

  it('refuses unknown parameters, bad dates, a window that ends before it starts and unknown kinds', () => {
    expect(badParam(() => parseTimelineQuery(new URLSearchParams('colour=red')))).toBe('colour');
    expect(badParam(() => parseTimelineQuery(new URLSearchParams('from=2023-13')))).toBe('from');
    expect(badParam(() => parseTimelineQuery(new URLSearchParams('to=yesterday')))).toBe('to');
    expect(badParam(() => parseTimelineQuery(new URLSearchParams('from=2024&to=2023')))).toBe('from');
    expect(badParam(() => parseTimelineQuery(new URLSearchParams('kind=rumour')))).toBe('kind');
    expect(badParam(() => parseTimelineQuery(new URLSearchParams('from=2022&from=2023')))).toBe('from');
  });
});

describe('the timeline\'s layout', () => {
  it('spans a date over what its precision covers, and a quarter over its three months', () => {
    const day = (iso: string) => dayOf(iso);
    expect(spanOf('2022-11-30', 'day')).toEqual([day('2022-11-30'), day('2022-11-30')]);
    expect(spanOf('2022-04-01', 'month')).toEqual([day('2022-04-01'), day('2022-04-30')]);
    expect(spanOf('2023-10-01', 'quarter')).toEqual([day('2023-10-01'), day('2023-12-31')]);
    expect(spanOf('2012-01-01', 'year')).toEqual([day('2012-01-01'), day('2012-12-31')]);
    expect(quarterSpan('2024-Q1')).toEqual([day('2024-01-01'), day('2024-04-01')]);
    expect(dayOf('2024-03-01') - dayOf('2024-02-28')).toBe(2);
  });

  it('maps whole years onto the width (a heavier year wider), and stacks labels so that none overlaps another', () => {
    const scale = timeScale(2020, 2023, { left: 50, right: 10, width: 460 });
    expect(scale.x(dayOf('2020-01-01'))).toBe(50);
    expect(scale.x(dayOf('2022-01-01'))).toBe(250);
    expect(scale.x(dayOf('2024-01-01'))).toBe(450);
    expect(scale.x(dayOf('2019-06-01'))).toBe(50);
    // A year of weight 3 is three times as wide as a year of weight 1; inside a year the scale is linear.
    const weighted = timeScale(2020, 2021, { left: 0, right: 0, width: 400, weightOf: (year) => (year === 2021 ? 3 : 1) });
    expect(weighted.years.map((y) => [y.year, y.x, y.width])).toEqual([[2020, 0, 100], [2021, 100, 300]]);
    expect(weighted.x(dayOf('2021-07-02'))).toBeCloseTo(100 + (182 / 365) * 300, 6);
    const placed = placeLabels([{ x: 10, width: 100 }, { x: 60, width: 30 }, { x: 200, width: 50 }, { x: 290, width: 40 }], 300);
    expect(placed.map((p) => p.lane)).toEqual([0, 1, 0, 1]);
    // Near the right edge a label ends at its marker instead of starting there.
    expect(placed[3]).toMatchObject({ anchor: 'end', from: 244, to: 290 });
    expect(placeLabels([{ x: 0, width: 200 }, { x: 100, width: 10 }, { x: 300, width: 10 }], 1000).map((p) => p.lane)).toEqual([0, 1, 0]);
  });
});

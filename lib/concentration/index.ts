export {
  concentration,
  concentrationSeries,
  giniFromLorenz,
  lorenzSampleIndices,
  seriesPointOf,
  lorenzCurve,
  splitEqually,
} from './measures';
export type {
  ConcentrationOptions,
  ConcentrationResult,
  CrKey,
  Entry,
  LorenzPoint,
  MeasuredMarket,
  SeriesPoint,
  SeriesSums,
  ShareEntry,
} from './measures';
export {
  bandRanges,
  classifyHhi,
  DEFAULT_GUIDELINES,
  GUIDELINES,
  HHI_EPSILON,
  HHI_MAX,
  hhiDelta,
  mergerEffect,
  OTHERS_ID,
} from './bands';
export type { Band, BandRange, GuidelineThresholds, Guidelines, MergerEffect, ShareInput } from './bands';
export {
  BASES,
  BY,
  CONCENTRATION_PARAMS,
  INTERVALS,
  MAX_TOP,
  companyFilterParams,
  concentrationToParams,
  parseBound,
  parseConcentrationQuery,
  periodInWindow,
  periodStart,
} from './params';
export type { Basis, By, ConcentrationQuery, Interval, ShareBasis } from './params';
export { buildMeasuredReport, buildReport, buildSeries, seriesReport, downsampleLorenz, MAX_LORENZ_POINTS, METRICS, metricOf, UNATTRIBUTED_ID } from './report';
export type { ConcentrationReport, Market, Metric, ReportSeriesPoint, ReportShare, SeriesReport } from './report';
export { indicatorSchema, parseIndicator, readIndicator } from './indicator';
export type { Indicator, IndicatorReading, ParsedIndicator } from './indicator';

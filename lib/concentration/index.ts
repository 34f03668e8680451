export {
  concentration,
  concentrationSeries,
  giniFromLorenz,
  lorenzCurve,
  splitEqually,
} from './measures';
export type {
  ConcentrationOptions,
  ConcentrationResult,
  CrKey,
  Entry,
  LorenzPoint,
  SeriesPoint,
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

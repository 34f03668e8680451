import type { Migration } from 'kysely';
import * as initial from './2026-11-28-001-initial';
import * as imports from './2026-11-28-002-imports';
import * as team from './2026-11-28-003-team';
import * as evidence from './2026-11-28-004-evidence';
import * as tableIndexes from './2026-11-28-005-table-indexes';
import * as shares from './2026-11-28-006-shares';
import * as participantRounds from './2026-11-28-007-participant-rounds';
import * as investorRoundCounts from './2026-11-28-008-investor-round-counts';
import * as investmentFacetCounts from './2026-11-29-009-investment-facet-counts';
import * as roundWritersLock from './2026-11-29-010-round-writers-lock';
import * as rateLimits from './2026-12-07-011-rate-limits';
import * as disputedAndZhContent from './2026-12-07-012-disputed-and-zh-content';
import * as shareBasesAndSegmentZh from './2026-12-07-013-share-bases-and-segment-zh';
import * as searchIndexes from './2026-12-07-014-search-indexes';
import * as boards from './2026-12-07-015-boards';
import * as events from './2026-12-07-016-events';
import * as fxRates from './2026-12-07-017-fx-rates';
import * as searchIndexesOfNewColumns from './2026-12-07-018-search-indexes-of-new-columns';
import * as compactImportLog from './2026-12-07-020-compact-import-log';
import * as importJobs from './2026-12-07-021-import-jobs';
import * as sortIndexes from './2026-12-07-022-sort-indexes';
import * as companyMoneyIndex from './2026-12-07-023-company-money-index';
import * as boardDescriptionZh from './2026-12-07-024-board-description-zh';
import * as analysisCounts from './2026-12-07-025-analysis-counts';
import * as followsAndAlerts from './2026-12-07-026-follows-and-alerts';
import * as participantsInvestorRoundIndex from './2026-12-07-027-participants-investor-round-index';

/** A static map: file-based loading breaks once the app is bundled. */
export const migrations: Record<string, Migration> = {
  '2026-11-28-001-initial': initial,
  '2026-11-28-002-imports': imports,
  '2026-11-28-003-team': team,
  '2026-11-28-004-evidence': evidence,
  '2026-11-28-005-table-indexes': tableIndexes,
  '2026-11-28-006-shares': shares,
  '2026-11-28-007-participant-rounds': participantRounds,
  '2026-11-28-008-investor-round-counts': investorRoundCounts,
  '2026-11-29-009-investment-facet-counts': investmentFacetCounts,
  '2026-11-29-010-round-writers-lock': roundWritersLock,
  '2026-12-07-011-rate-limits': rateLimits,
  '2026-12-07-012-disputed-and-zh-content': disputedAndZhContent,
  '2026-12-07-013-share-bases-and-segment-zh': shareBasesAndSegmentZh,
  '2026-12-07-014-search-indexes': searchIndexes,
  '2026-12-07-015-boards': boards,
  '2026-12-07-016-events': events,
  '2026-12-07-017-fx-rates': fxRates,
  '2026-12-07-018-search-indexes-of-new-columns': searchIndexesOfNewColumns,
  '2026-12-07-020-compact-import-log': compactImportLog,
  '2026-12-07-021-import-jobs': importJobs,
  '2026-12-07-022-sort-indexes': sortIndexes,
  '2026-12-07-023-company-money-index': companyMoneyIndex,
  '2026-12-07-024-board-description-zh': boardDescriptionZh,
  '2026-12-07-025-analysis-counts': analysisCounts,
  '2026-12-07-026-follows-and-alerts': followsAndAlerts,
  '2026-12-07-027-participants-investor-round-index': participantsInvestorRoundIndex,
};

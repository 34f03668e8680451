// Apart from the registry (which carries zod schemas) so that browser code can list them.

/** How a piece of evidence bears on its hypothesis. */
export const EVIDENCE_STANCES = ['supports', 'contradicts', 'context'] as const;

/** The collections a piece of evidence may cite, by their ids (the URL segment of the row's page). */
export const EVIDENCE_TARGETS = ['companies', 'investments', 'use-cases', 'market-shares'] as const;

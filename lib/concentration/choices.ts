// The choices of the concentration view's settings, apart from their parser (params.ts), so that browser code
// can list them without loading the parser and, through the companies registry, zod.

export const BASES = ['funding', 'valuation', 'rounds', 'share'] as const;
export type Basis = (typeof BASES)[number];
export const BY = ['company', 'investor'] as const;
export type By = (typeof BY)[number];
export const INTERVALS = ['year', 'quarter'] as const;
export type Interval = (typeof INTERVALS)[number];

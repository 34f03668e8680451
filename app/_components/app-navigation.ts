import { ReadonlyURLSearchParams, usePathname, useSearchParams } from 'next/navigation';

// With a pages/ folder (docs/decisions/009), Next.js types these hooks as nullable: they are null under the
// Pages Router. Every component here renders under the App Router, where they never are.
const NO_PARAMS = new ReadonlyURLSearchParams();
export const useAppPathname = (): string => usePathname() ?? '/';
export const useAppSearchParams = (): ReadonlyURLSearchParams => useSearchParams() ?? NO_PARAMS;

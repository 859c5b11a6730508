import type { ErrorKind } from './error-kind';

/** Codes the recommendations service returns, each with its kind. */
export const RECOMMENDATIONS_ERRORS = {} as const satisfies Record<string, ErrorKind>;

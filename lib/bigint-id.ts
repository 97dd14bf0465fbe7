const MAX_BIGINT = 9223372036854775807n;

/** A bigint row id as text ("12345"): 19 digits can still overflow PostgreSQL's bigint (that answered 500). */
export const isBigintId = (v: string) => /^\d{1,19}$/.test(v) && BigInt(v) <= MAX_BIGINT;

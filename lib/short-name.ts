import { z } from "zod";

/**
 * A name the user gives something (a bank login, a contract, a passkey): trimmed, at most `max`
 * UTF-16 units — zod's own `.max` counts code points, so 50 emoji (100 units, twice as wide on
 * screen) would pass a 60 limit — and no control or format characters (a right-to-left override
 * would disguise it; a NUL breaks logs) nor a lone surrogate (half an emoji, not storable text).
 */
export function shortName(max: number) {
  return z
    .string()
    .trim()
    .refine((v) => v.length <= max, "name_too_long")
    .refine((v) => !/[\p{Cc}\p{Cf}\p{Cs}]/u.test(v), "invalid_characters");
}

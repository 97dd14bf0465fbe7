/**
 * An action that is also a form's action: a form posted before the page's JavaScript ran, or
 * without it, calls the action with its FormData. This picks the named fields (as strings, or
 * missing) so the action's strict schema checks them like any other input; input that is not a
 * FormData passes unchanged.
 *
 *   schema: z.preprocess(formFields("connectionId"), snoozeConsentReminderInput)
 */
export const formFields =
  (...names: string[]) =>
  (raw: unknown): unknown =>
    raw instanceof FormData ? Object.fromEntries(names.filter((n) => raw.has(n)).map((n) => [n, raw.get(n)])) : raw;

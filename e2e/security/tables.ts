/**
 * The tables the security specs work from: for every server action and route handler, how to call
 * it with user A's ids. access-control.spec.ts fails when the build has an action (or app/ has a
 * route) without a row here, so a new one cannot ship without an ownership test.
 */
import type { Victim } from "./helpers";

export type Ids = Pick<
  Victim,
  | "userId"
  | "connectionId"
  | "accountId"
  | "transactionId"
  | "wizardId"
  | "contractId"
  | "sessionId"
  | "categoryId"
  | "ruleId"
  | "budgetId"
>;

/**
 * How to call each action with A's ids (`args`) and with ids that exist nowhere (`random`).
 *  - access "user": needs a session; ids must be the viewer's.
 *  - access "admin": anyone but an admin gets not_found.
 *  - access "public": sign-up; nothing of anyone's to reach.
 *  - selfScoped: takes no ids (acts on the caller only), so as B it may succeed — on B's rows.
 *    `skipAsOther` is for the ones that would end B's session mid-suite (sign out everywhere).
 */
export type ActionSpec = {
  access: "user" | "admin" | "public";
  args: (a: Ids) => unknown;
  random?: () => unknown;
  selfScoped?: boolean;
  skipAsOther?: string;
};

export const RANDOM_ID = "cm0000000000000000000000z";
export const ACTIONS: Record<string, ActionSpec> = {
  "app/(app)/banks/actions.ts#startLinkAction": {
    access: "user",
    selfScoped: true,
    args: () => ({ syncMode: "FULL" }),
  },
  "app/(app)/banks/actions.ts#completeWizardAction": {
    access: "user",
    args: (a) => ({ wizardId: a.wizardId, credentials: "stolen" }),
    random: () => ({ wizardId: RANDOM_ID, credentials: "stolen" }),
  },
  "app/(app)/banks/actions.ts#abortWizardAction": {
    access: "user",
    args: (a) => ({ wizardId: a.wizardId }),
    random: () => ({ wizardId: RANDOM_ID }),
  },
  "app/(app)/banks/actions.ts#removeConnectionAction": {
    access: "user",
    args: (a) => ({ connectionId: a.connectionId }),
    random: () => ({ connectionId: RANDOM_ID }),
  },
  "app/(app)/banks/actions.ts#renameConnectionAction": {
    access: "user",
    args: (a) => ({ connectionId: a.connectionId, name: "renamed by someone else" }),
    random: () => ({ connectionId: RANDOM_ID, name: "renamed by someone else" }),
  },
  "app/(app)/banks/consent-actions.ts#renewConsentAction": {
    access: "user",
    args: (a) => ({ connectionId: a.connectionId }),
    random: () => ({ connectionId: RANDOM_ID }),
  },
  "app/(app)/banks/consent-actions.ts#snoozeConsentReminderAction": {
    access: "user",
    args: (a) => ({ connectionId: a.connectionId }),
    random: () => ({ connectionId: RANDOM_ID }),
  },
  "app/(app)/banks/sync-actions.ts#syncNowAction": {
    access: "user",
    args: (a) => ({ connectionId: a.connectionId }),
    random: () => ({ connectionId: RANDOM_ID }),
  },
  "app/(app)/banks/sync-actions.ts#syncAllAction": { access: "user", selfScoped: true, args: () => ({}) },
  "app/(app)/banks/sync-actions.ts#relinkAction": {
    access: "user",
    args: (a) => ({ connectionId: a.connectionId }),
    random: () => ({ connectionId: RANDOM_ID }),
  },
  "app/(app)/transactions/actions.ts#setTransactionDetailsAction": {
    access: "user",
    args: (a) => ({ transactionId: a.transactionId, userCategory: "", note: "changed by someone else" }),
    random: () => ({ transactionId: "9223372036854775807", userCategory: "", note: "changed by someone else" }),
  },
  "app/(app)/transactions/actions.ts#pairTransferAction": {
    access: "user",
    args: (a) => ({ transactionId: a.transactionId, peerId: a.transactionId }),
    random: () => ({ transactionId: "9223372036854775807", peerId: "9223372036854775806" }),
  },
  "app/(app)/transactions/actions.ts#unpairTransferAction": {
    access: "user",
    args: (a) => ({ transactionId: a.transactionId }),
    random: () => ({ transactionId: "9223372036854775807" }),
  },
  "app/(app)/transactions/actions.ts#transferCandidatesAction": {
    access: "user",
    args: (a) => ({ transactionId: a.transactionId }),
    random: () => ({ transactionId: "9223372036854775807" }),
  },
  // Sets a budget of the caller's own (no ids of anyone's).
  "app/(app)/budgets/actions.ts#saveBudgetAction": {
    access: "user",
    selfScoped: true,
    args: () => ({ category: "K.2.1", amount: "100", currency: "EUR", rollover: false, emailAlerts: false }),
  },
  "app/(app)/budgets/actions.ts#deleteBudgetAction": {
    access: "user",
    args: (a) => ({ budgetId: a.budgetId }),
    random: () => ({ budgetId: RANDOM_ID }),
  },
  "app/(app)/contracts/actions.ts#updateContractAction": {
    access: "user",
    args: (a) => ({ contractId: a.contractId, status: "DISMISSED", name: "changed by someone else" }),
    random: () => ({ contractId: RANDOM_ID, status: "DISMISSED", name: "changed by someone else" }),
  },
  "app/(app)/contracts/actions.ts#mergeContractsAction": {
    access: "user",
    args: (a) => ({ contractId: a.contractId, otherId: a.contractId }),
    random: () => ({ contractId: RANDOM_ID, otherId: "cm0000000000000000000000y" }),
  },
  "app/(app)/contracts/actions.ts#splitContractAction": {
    access: "user",
    args: (a) => ({ contractId: a.contractId, transactionIds: [a.transactionId] }),
    random: () => ({ contractId: RANDOM_ID, transactionIds: ["9223372036854775807"] }),
  },
  "app/(app)/contracts/actions.ts#markContractStartAction": {
    access: "user",
    args: (a) => ({ transactionId: a.transactionId, cadence: "monthly", name: "changed by someone else" }),
    random: () => ({ transactionId: "9223372036854775807", cadence: "monthly" }),
  },
  "app/(app)/rules/actions.ts#createRuleAction": {
    access: "user",
    selfScoped: true,
    args: () => ({
      name: "changed by someone else",
      match: "all",
      conditions: { counterparty: "x" },
      actions: { tags: ["x"] },
    }),
  },
  "app/(app)/rules/actions.ts#updateRuleAction": {
    access: "user",
    args: (a) => ({
      ruleId: a.ruleId,
      name: "changed by someone else",
      match: "all",
      conditions: { counterparty: "x" },
      actions: { tags: ["x"] },
    }),
    random: () => ({
      ruleId: RANDOM_ID,
      name: "changed by someone else",
      match: "all",
      conditions: { counterparty: "x" },
      actions: { tags: ["x"] },
    }),
  },
  "app/(app)/rules/actions.ts#deleteRuleAction": {
    access: "user",
    args: (a) => ({ ruleId: a.ruleId }),
    random: () => ({ ruleId: RANDOM_ID }),
  },
  "app/(app)/rules/actions.ts#moveRuleAction": {
    access: "user",
    args: (a) => ({ ruleId: a.ruleId, direction: "down" }),
    random: () => ({ ruleId: RANDOM_ID, direction: "down" }),
  },
  "app/(app)/rules/actions.ts#previewRuleAction": {
    access: "user",
    args: (a) => ({ ruleId: a.ruleId }),
    random: () => ({ ruleId: RANDOM_ID }),
  },
  "app/(app)/rules/actions.ts#previewDraftRuleAction": {
    access: "user",
    args: (a) => ({ ruleId: a.ruleId, match: "all", conditions: { counterparty: "x" }, actions: { tags: ["x"] } }),
    random: () => ({ ruleId: RANDOM_ID, match: "all", conditions: { counterparty: "x" }, actions: { tags: ["x"] } }),
  },
  "app/(app)/rules/actions.ts#applyRuleAction": {
    access: "user",
    args: (a) => ({ ruleId: a.ruleId }),
    random: () => ({ ruleId: RANDOM_ID }),
  },
  "app/(app)/categories/actions.ts#createCategoryAction": {
    access: "user",
    selfScoped: true,
    args: () => ({ name: "made by someone else", color: "#000000", parentId: null }),
  },
  "app/(app)/categories/actions.ts#updateCategoryAction": {
    access: "user",
    args: (a) => ({ categoryId: a.categoryId, name: "changed by someone else", color: "#000000", parentId: null }),
    random: () => ({ categoryId: RANDOM_ID, name: "changed by someone else", color: "#000000", parentId: null }),
  },
  "app/(app)/categories/actions.ts#deleteCategoryAction": {
    access: "user",
    args: (a) => ({ categoryId: a.categoryId }),
    random: () => ({ categoryId: RANDOM_ID }),
  },
  "app/(app)/categories/actions.ts#mergeCategoryAction": {
    access: "user",
    args: (a) => ({ categoryId: a.categoryId, intoId: a.categoryId + "x" }),
    random: () => ({ categoryId: RANDOM_ID, intoId: RANDOM_ID + "x" }),
  },
  // Detection runs on the caller's own transactions only.
  "app/(app)/contracts/actions.ts#detectContractsAction": { access: "user", selfScoped: true, args: () => ({}) },
  "app/(app)/settings/actions.ts#requestDataExportAction": {
    access: "user",
    selfScoped: true,
    args: () => ({}),
  },
  "app/(app)/settings/actions.ts#updateSettingsAction": {
    access: "user",
    selfScoped: true,
    args: () => ({ locale: "de", emailReminders: false }),
  },
  "app/(app)/settings/actions.ts#setThemeAction": {
    access: "user",
    selfScoped: true,
    args: () => ({ theme: "dark" }),
  },
  "app/(app)/settings/actions.ts#signOutEverywhereAction": {
    access: "user",
    selfScoped: true,
    args: () => ({}),
    skipAsOther: "takes no ids and would end B's own session; its effect on B is proved in the sign-out test",
  },
  // B does not know A's password; the caller's own password is checked, so A's data is out of reach.
  "app/(app)/settings/actions.ts#deleteAccountAction": {
    access: "user",
    selfScoped: true,
    args: () => ({ password: "not-b-s-password" }),
  },
  // Two-factor sign-in and passkeys: each acts on the caller's own factors; those that change one
  // check the caller's own password or code first (B does not know A's).
  "app/(app)/settings/two-factor/actions.ts#startTotpSetupAction": {
    access: "user",
    selfScoped: true,
    args: () => ({ password: "not-b-s-password" }),
  },
  "app/(app)/settings/two-factor/actions.ts#confirmTotpSetupAction": {
    access: "user",
    selfScoped: true,
    args: () => ({ code: "000000" }),
  },
  "app/(app)/settings/two-factor/actions.ts#turnOffTotpAction": {
    access: "user",
    selfScoped: true,
    args: () => ({ password: "not-b-s-password", code: "000000" }),
  },
  "app/(app)/settings/two-factor/actions.ts#regenerateRecoveryCodesAction": {
    access: "user",
    selfScoped: true,
    args: () => ({ password: "not-b-s-password" }),
  },
  "app/(app)/settings/two-factor/actions.ts#forgetDevicesAction": {
    access: "user",
    selfScoped: true,
    args: () => ({}),
  },
  // The victim has no remembered device; another user's device id is refused like a missing one in
  // lib/auth/two-factor.int.test.ts ("…forget one…others' cannot be forgotten").
  "app/(app)/settings/two-factor/actions.ts#forgetDeviceAction": {
    access: "user",
    args: () => ({ deviceId: "cm0000000000000000000000y" }),
    random: () => ({ deviceId: RANDOM_ID }),
  },
  "app/(app)/settings/two-factor/actions.ts#startPasskeyRegistrationAction": {
    access: "user",
    selfScoped: true,
    args: () => ({ password: "not-b-s-password" }),
  },
  "app/(app)/settings/two-factor/actions.ts#finishPasskeyRegistrationAction": {
    access: "user",
    selfScoped: true,
    args: () => ({ challengeId: RANDOM_ID, response: "{}", name: "stolen" }),
  },
  // The victim has no passkey; another user's passkey id is refused like a missing one in
  // lib/auth/two-factor.int.test.ts ("…others' passkeys cannot be renamed or removed").
  "app/(app)/settings/two-factor/actions.ts#renamePasskeyAction": {
    access: "user",
    args: () => ({ passkeyId: "cm0000000000000000000000y", name: "stolen" }),
    random: () => ({ passkeyId: RANDOM_ID, name: "stolen" }),
  },
  "app/(app)/settings/two-factor/actions.ts#removePasskeyAction": {
    access: "user",
    selfScoped: true,
    args: () => ({ passkeyId: RANDOM_ID, password: "not-b-s-password" }),
  },
  "app/(auth)/passkey-actions.ts#startPasskeySignInAction": {
    access: "public",
    args: () => ({}),
  },
  "app/(auth)/actions.ts#signUpAction": {
    access: "public",
    args: () => ({ email: "someone@e2e.test", password: "x" }),
  },
  // Issue 14 (account security). Public: the same answer for any email; a token is the only key.
  "app/(auth)/actions.ts#requestPasswordResetAction": {
    access: "public",
    args: () => ({ email: "someone@e2e.test" }),
  },
  "app/(auth)/actions.ts#resetPasswordAction": {
    access: "public",
    args: () => ({ token: "not-a-token", password: "x" }),
  },
  // "Sign out this one" with A's session id: B gets not_found, A stays signed in.
  "app/(app)/settings/security/actions.ts#revokeSessionAction": {
    access: "user",
    args: (a) => ({ sessionId: a.sessionId }),
    random: () => ({ sessionId: RANDOM_ID }),
  },
  "app/(app)/settings/security/actions.ts#revokeOtherSessionsAction": {
    access: "user",
    selfScoped: true,
    args: () => ({}),
  },
  // The caller's own password is checked: B cannot re-authenticate as, or change the password of, A.
  "app/(app)/settings/security/actions.ts#reauthenticateAction": {
    access: "user",
    selfScoped: true,
    args: () => ({ password: "not-b-s-password" }),
  },
  // Re-authentication with a passkey: the options name only the caller's own passkeys, and an
  // assertion of another user's passkey is refused (lib/auth/two-factor.int.test.ts).
  "app/(app)/settings/security/actions.ts#startPasskeyReauthAction": {
    access: "user",
    selfScoped: true,
    args: () => ({}),
  },
  "app/(app)/settings/security/actions.ts#finishPasskeyReauthAction": {
    access: "user",
    selfScoped: true,
    args: () => ({ challengeId: RANDOM_ID, response: "{}" }),
  },
  "app/(app)/settings/security/actions.ts#changePasswordAction": {
    access: "user",
    selfScoped: true,
    args: () => ({ currentPassword: "not-b-s-password", newPassword: "a long new passphrase" }),
  },
  "app/(app)/settings/security/actions.ts#requestEmailChangeAction": {
    access: "user",
    selfScoped: true,
    args: () => ({ newEmail: "taken-over@e2e.test" }),
  },
  "app/(app)/settings/security/actions.ts#resendVerificationAction": {
    access: "user",
    selfScoped: true,
    args: () => ({}),
  },
  "app/admin/users/actions.ts#setUserDisabledAction": {
    access: "admin",
    args: (a) => ({ userId: a.userId, disabled: true }),
    random: () => ({ userId: RANDOM_ID, disabled: true }),
  },
  "app/admin/sync-runs/actions.ts#rerunImportAction": {
    access: "admin",
    args: (a) => ({ connectionId: a.connectionId }),
    random: () => ({ connectionId: RANDOM_ID }),
  },
  // A's data has no quarantined turnover (the sandbox sends none unless a test asks): the id is made up.
  "app/admin/sync-runs/actions.ts#dismissQuarantinedTurnoverAction": {
    access: "admin",
    args: () => ({ quarantineId: RANDOM_ID }),
    random: () => ({ quarantineId: RANDOM_ID }),
  },
};

/**
 * Every route handler: how B (or nobody) asks for A's data, and how the answer proves B got none.
 * `public` routes serve no user data (next-auth's own endpoints, checked in csrf.spec.ts).
 */
export type RouteSpec = {
  public?: string;
  /** GET URL asking for A's data. */
  victimUrl?: (a: Ids) => string;
  /** The same question with ids that exist nowhere: must answer the same as victimUrl for B. */
  randomUrl?: () => string;
  /** Answer to a signed-out GET. */
  unauthenticatedStatus?: number;
};

export const ROUTES: Record<string, RouteSpec> = {
  "app/api/auth/[...nextauth]/route.ts": {
    public: "next-auth's sign-in/out/session endpoints: carry their own CSRF token (csrf.spec.ts)",
  },
  "app/api/health/route.ts": { public: "liveness: a constant answer, no user data" },
  "app/api/consent/snooze/route.ts": {
    public:
      "an email's signed 'remind me tomorrow' link: the token is the only authority (one bank login, one purpose, expires); answers a redirect to sign-in, no user data",
  },
  "app/api/ready/route.ts": { public: "readiness: yes/no per dependency, no user data" },
  "app/api/metrics/route.ts": {
    public: "operator metrics behind METRICS_TOKEN (404 without one): counts only, nothing per user",
  },
  // No ids: it serves the caller's own prepared export or 404 (data-export.spec.ts).
  "app/api/data-export/route.ts": { victimUrl: () => "/api/data-export", unauthenticatedStatus: 401 },
  "app/api/banks/search/route.ts": { victimUrl: () => "/api/banks/search?q=Sandbank", unauthenticatedStatus: 401 },
  "app/api/sync-status/route.ts": {
    victimUrl: (a) => `/api/sync-status?ids=${a.connectionId}`,
    randomUrl: () => `/api/sync-status?ids=${RANDOM_ID}`,
    unauthenticatedStatus: 401,
  },
  "app/api/transactions/route.ts": {
    victimUrl: (a) => `/api/transactions?account=${a.accountId}`,
    randomUrl: () => `/api/transactions?account=${RANDOM_ID}`,
    unauthenticatedStatus: 401,
  },
  // Takes no ids: the caller's own contracts only.
  "app/api/contracts/export/route.ts": {
    victimUrl: () => "/api/contracts/export?format=en",
    unauthenticatedStatus: 401,
  },
  "app/api/transactions/export/route.ts": {
    victimUrl: (a) => `/api/transactions/export?account=${a.accountId}`,
    randomUrl: () => `/api/transactions/export?account=${RANDOM_ID}`,
    unauthenticatedStatus: 401,
  },
};
